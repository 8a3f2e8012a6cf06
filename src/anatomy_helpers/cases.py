"""Clinical teaching cases with stepwise reveal, and natural-history data (notebook 07).

``data/cases.json`` holds fictional vignettes. Each case has five steps in a fixed order
(:data:`STAGES`): history, examination, test results, reasoning and outcome. History,
examination and test steps describe the (fictional) patient and list the finding ids they
reveal, so the differential reasoning of :mod:`anatomy_helpers.differential` can be run
step by step. Every statement in the reasoning and outcome steps carries a ``source_id``.

``data/natural_history.csv`` holds what happened to people with sciatica over time in
trials and cohorts.

References
----------
vroomen1999, peul2007, konstantinou2018, haugen2011, pengel2003 (natural history); each
case statement cites its own source.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from anatomy_helpers.differential import (
    DifferentialResult,
    get_condition,
    get_finding,
    rank_candidates,
    validate_findings,
)
from anatomy_helpers.references import cite
from anatomy_helpers.tables import (
    DataTableError,
    FieldError,
    Verification,
    build_records,
    check_source,
    read_json_document,
    require_keys,
    table_loader,
)

__all__ = [
    "STAGES",
    "STAGE_LABELS",
    "Case",
    "CaseStep",
    "NaturalHistoryRow",
    "Statement",
    "case_ids",
    "get_case",
    "load_cases",
    "load_natural_history",
    "step_html",
]

STAGES = ("history", "examination", "tests", "reasoning", "outcome")
STAGE_LABELS = {
    "history": "History",
    "examination": "Examination",
    "tests": "Test results",
    "reasoning": "Reasoning",
    "outcome": "Outcome",
}
_CITED_STAGES = ("reasoning", "outcome")
_FINDING_STAGES = ("history", "examination", "tests")
_FILE = "cases.json"


@dataclass(frozen=True)
class Statement:
    """One sentence of a case; ``source_id`` is required in reasoning and outcome."""

    text: str
    source_id: str | None = None

    @property
    def citation(self) -> str:
        """In-text citation, or an empty string for narrative statements."""
        return cite(self.source_id) if self.source_id else ""


@dataclass(frozen=True)
class CaseStep:
    """One step of a case.

    Attributes
    ----------
    stage : str
        One of :data:`STAGES`.
    statements : tuple of Statement
        What is revealed.
    findings : tuple of str
        Finding ids revealed at this step (history, examination and tests only).
    """

    stage: Literal["history", "examination", "tests", "reasoning", "outcome"]
    statements: tuple[Statement, ...]
    findings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    """One fictional clinical vignette.

    Attributes
    ----------
    case_id, title : str
        Identifier and title.
    expected_condition_id : str
        The source the case teaches (a condition id of the differential tables).
    steps : tuple of CaseStep
        The five steps, in :data:`STAGES` order.
    """

    case_id: str
    title: str
    expected_condition_id: str
    steps: tuple[CaseStep, ...]

    def findings_up_to(self, step_index: int) -> tuple[str, ...]:
        """Finding ids revealed in steps ``0..step_index`` (inclusive).

        Raises
        ------
        ValueError
            If ``step_index`` is outside 0..4.
        """
        if not isinstance(step_index, int) or not 0 <= step_index < len(self.steps):
            msg = f"step_index must be an int in 0..{len(self.steps) - 1}, got {step_index!r}"
            raise ValueError(msg)
        out: list[str] = []
        for step in self.steps[: step_index + 1]:
            out.extend(step.findings)
        return tuple(dict.fromkeys(out))

    @property
    def all_findings(self) -> tuple[str, ...]:
        """Every finding revealed in the case."""
        return self.findings_up_to(len(self.steps) - 1)

    def differential(self, step_index: int | None = None) -> DifferentialResult:
        """Run the differential reasoning on the findings revealed so far."""
        idx = len(self.steps) - 1 if step_index is None else step_index
        return rank_candidates(self.findings_up_to(idx))

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Sources cited by the case (sorted)."""
        return tuple(
            sorted({s.source_id for st in self.steps for s in st.statements if s.source_id})
        )


def _parse_statement(index: int, stage: str, raw: Any) -> Statement:
    require_keys(_FILE, index, raw, {"text": str}, {"source_id": str})
    if not raw["text"].strip():
        raise DataTableError(_FILE, index, "text", f"empty statement in the {stage} step")
    source = raw.get("source_id")
    if source is None and stage in _CITED_STAGES:
        raise DataTableError(
            _FILE,
            index,
            "source_id",
            f"every {stage} statement needs a source_id ({raw['text'][:40]!r}...)",
        )
    if source is not None:
        check_source(_FILE, index, "source_id", source)
    return Statement(raw["text"].strip(), source)


def _parse_case(index: int, raw: Mapping[str, Any]) -> Case:
    require_keys(
        _FILE,
        index,
        raw,
        {"case_id": str, "title": str, "expected_condition_id": str, "steps": list},
    )
    try:
        get_condition(raw["expected_condition_id"])
    except ValueError as exc:
        raise DataTableError(_FILE, index, "expected_condition_id", str(exc)) from None
    stages = [s.get("stage") if isinstance(s, Mapping) else None for s in raw["steps"]]
    if tuple(stages) != STAGES:
        raise DataTableError(
            _FILE, index, "steps", f"steps must be {', '.join(STAGES)} in order, got {stages}"
        )
    steps = []
    for step in raw["steps"]:
        require_keys(_FILE, index, step, {"stage": str, "statements": list}, {"findings": list})
        stage = step["stage"]
        if not step["statements"]:
            raise DataTableError(_FILE, index, "statements", f"the {stage} step is empty")
        statements = tuple(_parse_statement(index, stage, s) for s in step["statements"])
        findings = step.get("findings", [])
        if findings and stage not in _FINDING_STAGES:
            raise DataTableError(_FILE, index, "findings", f"no findings in the {stage} step")
        try:
            findings = validate_findings(findings) if findings else ()
        except (TypeError, ValueError) as exc:
            raise DataTableError(_FILE, index, "findings", str(exc)) from None
        steps.append(CaseStep(stage, statements, findings))
    case = Case(raw["case_id"], raw["title"], raw["expected_condition_id"], tuple(steps))
    try:
        validate_findings(case.all_findings)
    except ValueError as exc:
        raise DataTableError(_FILE, index, "findings", str(exc)) from None
    return case


def load_cases(path: Path | None = None) -> tuple[Case, ...]:
    """Load and validate the cases.

    Parameters
    ----------
    path : pathlib.Path, optional
        Read this file instead of the packaged ``data/cases.json``.

    Raises
    ------
    anatomy_helpers.tables.DataTableError
        Naming the case and field: wrong step order, an uncited reasoning/outcome statement,
        an unknown source, finding or condition, duplicate case ids.
    """
    if path is None:
        return _packaged_cases()
    return _parse_document(read_json_document(_FILE, path=path))


@cache
def _packaged_cases() -> tuple[Case, ...]:
    return _parse_document(read_json_document(_FILE))


def _parse_document(doc: Any) -> tuple[Case, ...]:
    if not isinstance(doc, Mapping) or not isinstance(doc.get("cases"), list):
        raise DataTableError(_FILE, None, "cases", "expected an object with a 'cases' list")
    return build_records(_FILE, doc["cases"], _parse_case, unique=["case_id"])


def case_ids() -> tuple[str, ...]:
    """Ids of the packaged cases, in order."""
    return tuple(c.case_id for c in load_cases())


def get_case(case_id: str) -> Case:
    """Return one case.

    Raises
    ------
    ValueError
        For an unknown id (the message lists the valid ids).
    """
    for case in load_cases():
        if case.case_id == case_id:
            return case
    msg = f"unknown case_id {case_id!r}; valid cases: {', '.join(case_ids())}"
    raise ValueError(msg)


def step_html(case: Case, step_index: int) -> str:
    """HTML of one step: its statements with citations and the findings it reveals."""
    if not isinstance(case, Case):
        msg = f"case must be a Case, got {type(case).__name__}"
        raise TypeError(msg)
    case.findings_up_to(step_index)  # validates the index
    step = case.steps[step_index]
    e = html.escape
    items = "".join(
        f"<li>{e(s.text)}" + (f" ({e(s.citation)})" if s.source_id else "") + "</li>"
        for s in step.statements
    )
    out = f"<h4>{e(STAGE_LABELS[step.stage])}</h4><ul>{items}</ul>"
    if step.findings:
        labels = "; ".join(e(get_finding(f).label) for f in step.findings)
        out += f"<p><small>Findings recorded: {labels}.</small></p>"
    return out


@dataclass(frozen=True)
class NaturalHistoryRow:
    """One natural-history result.

    Attributes
    ----------
    row_id : str
        Identifier.
    source_id, verification : str
        Citation.
    population, group, measure : str
        Who, which arm, what was counted.
    time_weeks : float
        Follow-up time in weeks (12 months = 52 weeks).
    value_pct_low, value_pct_high : float
        The percentage (a range where the source gives one; otherwise equal).
    note : str
        Context.
    """

    row_id: str
    source_id: str
    verification: Verification
    population: str
    group: str
    measure: str
    time_weeks: float
    value_pct_low: float
    value_pct_high: float
    note: str = ""

    def check(self) -> None:
        """Percentages within 0-100 and low <= high; time positive."""
        if not 0 <= self.value_pct_low <= self.value_pct_high <= 100:
            raise FieldError("value_pct_high", "need 0 <= value_pct_low <= value_pct_high <= 100")
        if self.time_weeks <= 0:
            raise FieldError("time_weeks", "must be positive")


#: Load ``data/natural_history.csv``. References: vroomen1999, peul2007, konstantinou2018,
#: haugen2011, pengel2003.
load_natural_history = table_loader("natural_history.csv", NaturalHistoryRow, key="row_id")
