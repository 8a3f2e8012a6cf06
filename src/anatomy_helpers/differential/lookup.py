"""Questions about the findings and conditions: ids, lookups, validation, accuracy.

References
----------
See :mod:`anatomy_helpers.differential`; accuracy numbers live only in
``diagnostic_accuracy.csv`` (:mod:`anatomy_helpers.diagnostics`).
"""

from __future__ import annotations

from collections.abc import Iterable

from anatomy_helpers.diagnostics import AccuracyStudy, accuracy_for_test
from anatomy_helpers.differential.data import CATEGORY_LABELS, Condition, Finding, _knowledge
from anatomy_helpers.references import cite

__all__ = [
    "accuracy_for_finding",
    "accuracy_summary",
    "condition_ids",
    "finding_ids",
    "findings_by_category",
    "get_condition",
    "get_finding",
    "normal_counterpart",
    "validate_findings",
]


def finding_ids() -> tuple[str, ...]:
    """All valid finding ids, in table order.

    Examples
    --------
    >>> "ankle_reflex_reduced" in finding_ids()
    True
    """
    return tuple(_knowledge().findings)


def condition_ids() -> tuple[str, ...]:
    """All condition ids, in table order."""
    return tuple(_knowledge().conditions)


def get_finding(finding_id: str) -> Finding:
    """Return one finding.

    Raises
    ------
    ValueError
        For an unknown id (the message lists the valid ids).
    """
    validate_findings([finding_id])
    return _knowledge().findings[finding_id]


def get_condition(condition_id: str) -> Condition:
    """Return one condition.

    Raises
    ------
    ValueError
        For an unknown id (the message lists the valid ids).
    """
    conditions = _knowledge().conditions
    if condition_id not in conditions:
        msg = f"unknown condition_id {condition_id!r}; valid conditions: {', '.join(conditions)}"
        raise ValueError(msg)
    return conditions[condition_id]


def accuracy_for_finding(finding_id: str) -> tuple[AccuracyStudy, ...]:
    """Accuracy studies of the test behind a finding (empty for findings that are not tests).

    The numbers live only in ``diagnostic_accuracy.csv`` (:mod:`anatomy_helpers.diagnostics`).

    Raises
    ------
    ValueError
        For an unknown finding id.
    """
    test_id = get_finding(finding_id).accuracy_test_id
    return accuracy_for_test(test_id) if test_id else ()


def _fmt(value: float | None, low: float | None, high: float | None, interval: str) -> str:
    if value is None and low is not None and high is not None:
        return f"{low:.2f}-{high:.2f} (range)"
    if value is None:
        return "not reported"
    text = f"{value:.2f}"
    if low is not None and high is not None and interval == "ci95":
        text += f" (95 % CI {low:.2f}-{high:.2f})"
    return text


def accuracy_summary(finding_id: str) -> str:
    """One line per accuracy study of the finding's test: sensitivity, specificity, source.

    Examples
    --------
    >>> "Fishman" in accuracy_summary("fair_positive")
    True
    """
    lines = []
    for row in accuracy_for_finding(finding_id):
        sens = _fmt(row.sensitivity, row.sensitivity_low, row.sensitivity_high, row.interval)
        spec = _fmt(row.specificity, row.specificity_low, row.specificity_high, row.interval)
        note = " (secondary source)" if row.verification == "S" else ""
        lines.append(
            f"{row.test_label}: sensitivity {sens}, specificity {spec}; "
            f"{row.target_condition}; {row.population} [{cite(row.source_id)}{note}]"
        )
    return "\n".join(lines)


def findings_by_category() -> dict[str, tuple[Finding, ...]]:
    """Findings grouped by category, in the order of :data:`CATEGORY_LABELS`."""
    out: dict[str, list[Finding]] = {c: [] for c in CATEGORY_LABELS}
    for f in _knowledge().findings.values():
        out[f.category].append(f)
    return {c: tuple(v) for c, v in out.items() if v}


def validate_findings(findings: Iterable[str]) -> tuple[str, ...]:
    """Check a collection of finding ids and return them de-duplicated, in table order.

    Parameters
    ----------
    findings : iterable of str
        Finding ids (see :func:`finding_ids`).

    Returns
    -------
    tuple of str
        The ids, each once, in table order.

    Raises
    ------
    TypeError
        If ``findings`` is a single string or holds a non-string.
    ValueError
        For an unknown id (the message lists the valid ids) or two findings from the same
        exclusive group (e.g. SLR positive and SLR negative).
    """
    if isinstance(findings, str) or not isinstance(findings, Iterable):
        msg = (
            "findings must be an iterable of finding ids (e.g. ['pain_buttock']), got "
            f"{type(findings).__name__}"
        )
        raise TypeError(msg)
    known = _knowledge().findings
    chosen: set[str] = set()
    for item in findings:
        if not isinstance(item, str):
            msg = f"findings must hold str finding ids, got {type(item).__name__}"
            raise TypeError(msg)
        if item not in known:
            msg = f"unknown finding {item!r}; valid findings: {', '.join(known)}"
            raise ValueError(msg)
        chosen.add(item)
    groups: dict[str, str] = {}
    for fid in chosen:
        group = known[fid].exclusive_group
        if group is None:
            continue
        if group in groups:
            a, b = sorted((groups[group], fid))
            msg = f"findings {a!r} and {b!r} cannot both be recorded (same test: {group})"
            raise ValueError(msg)
        groups[group] = fid
    return tuple(f for f in known if f in chosen)


def normal_counterpart(finding_id: str) -> str | None:
    """The normal finding that rules out an abnormal one (None if the item has none).

    Examples
    --------
    >>> normal_counterpart("ankle_reflex_reduced")
    'ankle_reflex_normal'
    """
    get_finding(finding_id)
    for f in _knowledge().findings.values():
        if f.normal_of == finding_id:
            return f.finding_id
    return None
