"""From a symptom pattern to ranked candidate sources of leg pain (a teaching aid).

The reasoning is a transparent, weighted match against three cited tables:

* ``findings.csv`` - the vocabulary of findings a learner can record: pain and
  numbness/pins-and-needles regions (the shared ids of :mod:`anatomy_helpers.regions`),
  strength per movement, reflexes, sensation, pulses and other examination findings, history
  items, test results and the red flags of the serious-pathology screen
  (:mod:`anatomy_helpers.safety`). Examination items can be recorded as abnormal *or normal*:
  the two share an ``exclusive_group`` and the normal one names its abnormal partner in
  ``normal_of``.
* ``conditions.csv`` - the candidate sources: serious pathology (cauda equina syndrome,
  malignancy, infection, fracture), radicular pain and L4, L5 and S1 radiculopathy (kept
  apart: radicular pain can come with a normal neurological examination), lumbar spinal
  stenosis, common fibular neuropathy, piriformis syndrome, gluteal tendinopathy, hip
  osteoarthritis, proximal hamstring tendinopathy, peripheral arterial disease, deep vein
  thrombosis, coccydynia and the muscular mimics, each with its evidence level and next step.
* ``condition_findings.csv`` - one row per (condition, finding) link: whether the finding
  ``supports`` or ``opposes`` the condition, a weight of 1 (compatible), 2 (typical) or
  3 (hallmark), the reason in words and the source behind it.

Scoring
-------
For each condition, ``score = sum(weights of supporting findings present) -
sum(weights of opposing findings present) - sum(penalties)``. A *penalty* applies when a
condition predicts a key finding (a supporting link of weight 2 or 3) and that finding was
recorded *normal*: the penalty equals the link's weight and carries the link's reason and
source. Every point, for or against, is a :class:`Reason` with its text and source.
Conditions with at least one supporting finding are listed, highest score first (ties: more
supporting findings first, then table order). The weights are a labelled teaching
assumption (``teaching_assumption``): they order the candidates for discussion and are
**not** probabilities or likelihood ratios.

Red flags always come first: a candidate supported by any red-flag finding is *urgent*, is
placed above every other candidate (most urgent action first) and carries the red flag's
action, whatever else is recorded and whatever the scores.

References
----------
engstrom_deyo2015 (root patterns), bogduk2009 (radicular pain versus radiculopathy),
hopayian2010, hopayian2018, fishman2002, martin2014 (piriformis), heffernan1979 (inversion
and foot drop), suri2010 (stenosis), khan2006 (arterial disease), nice_ng158 (DVT),
grimaldi2017 and lequesne2008 (gluteal tendinopathy), metcalfe2019 (hip osteoarthritis),
cacchio2012 (hamstring tendinopathy), lirette2014 (coccydynia), travell_simons1992
(trigger-point referral), kuilart2005 (normal slump responses), deville2000 and
urban_macneil2015 (SLR and slump); red flags: see :mod:`anatomy_helpers.safety`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from anatomy_helpers.diagnostics import AccuracyStudy, accuracy_for_test
from anatomy_helpers.references import cite, get_source
from anatomy_helpers.regions import load_body_regions  # noqa: F401 (registers body_regions.csv)
from anatomy_helpers.safety import URGENCY_LABELS, RedFlag, get_red_flag, serious_pathology_screen
from anatomy_helpers.tables import FieldError, Verification, table_loader

__all__ = [
    "TEACHING_NOTICE",
    "Candidate",
    "Condition",
    "ConditionFinding",
    "ConditionPattern",
    "DifferentialResult",
    "Finding",
    "Reason",
    "accuracy_for_finding",
    "accuracy_summary",
    "condition_ids",
    "condition_table_html",
    "finding_ids",
    "findings_by_category",
    "get_condition",
    "get_finding",
    "load_condition_findings",
    "load_condition_patterns",
    "load_conditions",
    "load_findings",
    "normal_counterpart",
    "rank_candidates",
    "validate_findings",
]

FindingCategory = Literal[
    "pain",
    "paraesthesia",
    "weakness",
    "reflex",
    "exam",
    "history",
    "aggravating",
    "symptom",
    "test",
    "red_flag",
]
ConditionGroup = Literal[
    "emergency",
    "serious",
    "vascular",
    "radicular",
    "spinal",
    "entrapment",
    "tendon",
    "joint",
    "myofascial",
    "muscular",
]

#: Shown with every result.
TEACHING_NOTICE = (
    "Teaching aid only: this ranking orders textbook patterns for discussion. The weights "
    "are teaching assumptions, not probabilities, and it cannot diagnose or rule out "
    "anything in a real patient."
)

#: Category order and headings, used by widgets and text output.
CATEGORY_LABELS = {
    "red_flag": "Red flags (serious pathology)",
    "pain": "Where is the pain?",
    "paraesthesia": "Where is the numbness or pins and needles?",
    "history": "History: how it started, what eases it",
    "weakness": "Strength (weak or normal)",
    "reflex": "Reflexes (reduced or normal)",
    "exam": "Examination: sensation, pulses, palpation, hip",
    "aggravating": "Aggravating postures and movements",
    "symptom": "Other symptoms",
    "test": "Test results",
}

#: Urgency order of red-flag actions (most urgent first).
_URGENCY_RANK = {u: i for i, u in enumerate(URGENCY_LABELS)}

#: A supporting link of at least this weight is a *key* prediction (penalised if normal).
KEY_WEIGHT = 2


@dataclass(frozen=True)
class Finding:
    """One finding a learner can record.

    Attributes
    ----------
    finding_id : str
        Identifier (``pain_buttock``, ``ankle_reflex_reduced``).
    category : str
        One of :data:`CATEGORY_LABELS`.
    label : str
        Short label for a checkbox.
    region_id : str or None
        Body region (pain and paraesthesia findings).
    red_flag_id : str or None
        The :mod:`anatomy_helpers.safety` red flag (red-flag findings).
    exclusive_group : str or None
        Findings sharing a group cannot be recorded together (e.g. SLR positive/negative,
        ankle reflex reduced/normal).
    group_label : str or None
        Name of the examination item a group records (a drop-down's label).
    normal_of : str or None
        For a *normal* finding, the abnormal finding of the same group that it rules out.
    accuracy_test_id : str or None
        The test's ``test_id`` in :mod:`anatomy_helpers.diagnostics` (accuracy studies).
    description : str
        What the finding means.
    source_id, verification : str
        Where the finding (test, sign) is described and how that was checked.
    """

    finding_id: str
    category: FindingCategory
    label: str
    description: str
    source_id: str
    verification: Verification
    region_id: str | None = None
    red_flag_id: str | None = None
    exclusive_group: str | None = None
    group_label: str | None = None
    normal_of: str | None = None
    accuracy_test_id: str | None = None

    def check(self) -> None:
        """Region findings name a region; red-flag findings a flag; groups have a label."""
        if self.category in ("pain", "paraesthesia") and self.region_id is None:
            raise FieldError("region_id", f"a {self.category} finding needs a region_id")
        if self.category == "red_flag" and self.red_flag_id is None:
            raise FieldError("red_flag_id", "a red_flag finding needs a red_flag_id")
        if self.exclusive_group is not None and self.group_label is None:
            raise FieldError("group_label", "a finding in an exclusive_group needs a group_label")
        if self.normal_of is not None and self.exclusive_group is None:
            raise FieldError("normal_of", "a normal finding must share an exclusive_group")

    @property
    def is_normal(self) -> bool:
        """True for a finding that records a normal result (``normal_of`` is set)."""
        return self.normal_of is not None


@dataclass(frozen=True)
class Condition:
    """One candidate source of leg symptoms.

    Attributes
    ----------
    condition_id, name : str
        Identifier and plain name.
    short_name : str
        A few words for buttons and charts.
    group : str
        One of ``emergency``, ``serious``, ``vascular``, ``radicular``, ``spinal``,
        ``entrapment``, ``tendon``, ``joint``, ``myofascial``, ``muscular``.
    summary : str
        The pattern in a few sentences.
    evidence_level : str
        What kind of evidence describes it (e.g. expert observation).
    management_note : str
        What a clinician does next (general, not individual advice).
    source_id, verification : str
        Main source and how it was checked.
    """

    condition_id: str
    name: str
    short_name: str
    group: ConditionGroup
    summary: str
    evidence_level: str
    management_note: str
    source_id: str
    verification: Verification


@dataclass(frozen=True)
class ConditionFinding:
    """One link between a condition and a finding.

    Attributes
    ----------
    condition_id, finding_id : str
        The pair linked.
    relation : {"supports", "opposes"}
        Whether the finding makes the condition more or less likely.
    weight : int
        1 compatible, 2 typical, 3 hallmark (a teaching assumption).
    reason : str
        Why, in words.
    source_id, verification : str
        Source of the reason.
    locator : str
        Where in the source.
    """

    condition_id: str
    finding_id: str
    relation: Literal["supports", "opposes"]
    weight: int
    reason: str
    source_id: str
    verification: Verification
    locator: str = ""

    def check(self) -> None:
        """Weights are 1, 2 or 3."""
        if self.weight not in (1, 2, 3):
            raise FieldError("weight", f"{self.weight} is not 1, 2 or 3")


@dataclass(frozen=True)
class ConditionPattern:
    """A typical pain or sensory-loss map of a condition (for figures).

    Attributes
    ----------
    pattern_id, condition_id, label : str
        Identifier, condition and caption.
    kind : {"pain", "sensory"}
        Pain distribution or sensory-loss area.
    region_ids : tuple of str
        Shared body-region ids.
    source_id, verification, locator : str
        Citation.
    """

    pattern_id: str
    condition_id: str
    label: str
    kind: Literal["pain", "sensory"]
    region_ids: tuple[str, ...]
    source_id: str
    verification: Verification
    locator: str = ""


_FINDINGS = "findings.csv"
_CONDITIONS = "conditions.csv"
_REGIONS = "body_regions.csv:region_id"


def _findings_rules(findings: tuple[Finding, ...]) -> None:
    """Table rules: normal findings pair with an abnormal partner; red flags are all covered.

    A normal finding's ``normal_of`` is an abnormal finding of its own exclusive group; a
    red-flag finding names a flag of the serious-pathology screen (``red_flags.csv`` or
    ``serious_pathology_screen.csv``), and every flag of the screen has a finding.
    """
    by_id = {f.finding_id: f for f in findings}
    for index, f in enumerate(findings):
        partner = by_id.get(f.normal_of or "")
        if f.normal_of is not None and (
            partner is None or partner.exclusive_group != f.exclusive_group or partner.is_normal
        ):
            problem = f"{f.normal_of!r} must be an abnormal finding of group {f.exclusive_group!r}"
            raise FieldError("normal_of", problem, record=index)
    flags = [f.flag_id for f in serious_pathology_screen()]
    for index, f in enumerate(findings):
        if f.red_flag_id is not None and f.red_flag_id not in flags:
            problem = f"unknown red flag {f.red_flag_id!r}; valid: {', '.join(sorted(flags))}"
            raise FieldError("red_flag_id", problem, record=index)
    covered = {f.red_flag_id for f in findings if f.category == "red_flag"}
    missing = [flag for flag in flags if flag not in covered]
    if missing:
        raise FieldError("red_flag_id", f"red flags without a finding: {', '.join(missing)}")


def _never_supported_both_ways(links: tuple[ConditionFinding, ...]) -> None:
    """Table rule: no condition is supported by both a finding and its normal counterpart."""
    normal_of = {f.finding_id: f.normal_of for f in load_findings() if f.normal_of is not None}
    supported = {(lk.condition_id, lk.finding_id) for lk in links if lk.relation == "supports"}
    for index, link in enumerate(links):
        abnormal = normal_of.get(link.finding_id)
        if link.relation == "supports" and (link.condition_id, abnormal) in supported:
            problem = (
                f"{link.condition_id!r} cannot be supported by both {link.finding_id!r} "
                f"and {abnormal!r}"
            )
            raise FieldError("finding_id", problem, record=index)


#: The findings a learner can record (``data/findings.csv``).
load_findings = table_loader(
    _FINDINGS,
    Finding,
    key="finding_id",
    references={
        "region_id": _REGIONS,
        "accuracy_test_id": "diagnostic_accuracy.csv:test_id",
        "normal_of": _FINDINGS,
    },
    check=_findings_rules,
)
#: The candidate sources (``data/conditions.csv``).
load_conditions = table_loader(_CONDITIONS, Condition, key="condition_id")
#: The weighted links between conditions and findings (``data/condition_findings.csv``).
load_condition_findings = table_loader(
    "condition_findings.csv",
    ConditionFinding,
    unique=[("condition_id", "finding_id")],
    references={"condition_id": _CONDITIONS, "finding_id": _FINDINGS},
    check=_never_supported_both_ways,
)
#: Typical pain and sensory maps of the conditions (``data/conditions_patterns.csv``).
load_condition_patterns = table_loader(
    "conditions_patterns.csv",
    ConditionPattern,
    key="pattern_id",
    references={"condition_id": _CONDITIONS, "region_ids": _REGIONS},
)


@dataclass(frozen=True)
class _Knowledge:
    findings: dict[str, Finding]
    conditions: dict[str, Condition]
    links: dict[str, tuple[ConditionFinding, ...]]  # by finding_id


@cache
def _knowledge() -> _Knowledge:
    """The three tables, indexed (their declarations check that they refer to each other)."""
    links: dict[str, list[ConditionFinding]] = {}
    for link in load_condition_findings():
        links.setdefault(link.finding_id, []).append(link)
    load_condition_patterns()
    return _Knowledge(
        findings={f.finding_id: f for f in load_findings()},
        conditions={c.condition_id: c for c in load_conditions()},
        links={k: tuple(v) for k, v in links.items()},
    )


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


@dataclass(frozen=True)
class Reason:
    """Why one finding counts for or against one candidate.

    Attributes
    ----------
    finding_id, finding_label : str
        The finding.
    relation : {"supports", "opposes"}
        Direction.
    weight : int
        1-3 (teaching assumption).
    text : str
        The reason.
    source_id : str
        Bibliography key (always resolvable).
    verification : str
        V, S, D or A.
    """

    finding_id: str
    finding_label: str
    relation: Literal["supports", "opposes"]
    weight: int
    text: str
    source_id: str
    verification: Verification

    @property
    def citation(self) -> str:
        """In-text citation, with "(secondary source)" or "(teaching assumption)" if so."""
        note = {"S": " (secondary source)", "A": " (teaching assumption)"}.get(
            self.verification, ""
        )
        if self.source_id == "teaching_assumption":
            note = ""
        return cite(self.source_id) + note


@dataclass(frozen=True)
class Candidate:
    """One ranked candidate source.

    Attributes
    ----------
    condition : Condition
        The candidate.
    score : int
        Supporting weights minus opposing weights (penalties for key findings recorded
        normal are opposing reasons too).
    supporting, opposing : tuple of Reason
        The findings for and against, heaviest first.
    urgent : bool
        True when a red-flag finding supports the candidate (always ranked first).
    action : str
        What to do: the most urgent red flag's action for an urgent candidate, else the
        condition's management note.
    urgency : str or None
        The red flag's urgency (a key of :data:`anatomy_helpers.safety.URGENCY_LABELS`), or
        None when not urgent.
    """

    condition: Condition
    score: int
    supporting: tuple[Reason, ...]
    opposing: tuple[Reason, ...]
    urgent: bool
    action: str
    urgency: str | None = None

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Every source behind this candidate and its reasons (sorted, unique)."""
        keys = {self.condition.source_id}
        keys.update(r.source_id for r in (*self.supporting, *self.opposing))
        return tuple(sorted(keys))


@dataclass(frozen=True)
class DifferentialResult:
    """The ranked candidates for a set of findings.

    Attributes
    ----------
    findings : tuple of str
        The findings used (validated, table order).
    candidates : tuple of Candidate
        Ranked; urgent (red-flag) candidates always come first.
    red_flags : tuple of str
        Red-flag findings present.
    unexplained : tuple of str
        Findings that support none of the listed candidates (normal findings excluded).
    notice : str
        :data:`TEACHING_NOTICE`.
    """

    findings: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    red_flags: tuple[str, ...]
    unexplained: tuple[str, ...]
    notice: str = TEACHING_NOTICE

    @property
    def top(self) -> Candidate | None:
        """The first candidate, or None when nothing is recorded."""
        return self.candidates[0] if self.candidates else None

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every reason in the result."""
        return tuple(r for c in self.candidates for r in (*c.supporting, *c.opposing))

    def ranking(self) -> tuple[str, ...]:
        """Condition ids in rank order."""
        return tuple(c.condition.condition_id for c in self.candidates)

    def red_flag_items(self) -> tuple[RedFlag, ...]:
        """The screen entries of the red flags present, most urgent first."""
        items = [get_red_flag(get_finding(f).red_flag_id) for f in self.red_flags]
        return tuple(sorted(items, key=lambda r: _URGENCY_RANK[r.urgency]))

    def to_text(self, max_candidates: int = 5) -> str:
        """Plain-text summary (for printing and alt text)."""
        lines = [self.notice]
        if not self.findings:
            lines.append("No findings recorded yet.")
            return "\n".join(lines)
        for item in self.red_flag_items():
            lines.append(f"RED FLAG: {item.sign}. {item.urgency_label}: {item.action}")
        for rank, c in enumerate(self.candidates[:max_candidates], start=1):
            lines.append(f"{rank}. {c.condition.name} (score {c.score})")
            for r in c.supporting:
                lines.append(f"   + {r.weight} {r.finding_label}: {r.text} [{r.citation}]")
            for r in c.opposing:
                lines.append(f"   - {r.weight} {r.finding_label}: {r.text} [{r.citation}]")
        if not self.candidates:
            lines.append("No candidate in the table is supported by these findings.")
        return "\n".join(lines)

    def to_html(self, max_candidates: int = 4) -> str:
        """HTML summary for a widget readout (escaped; red flags first)."""
        e = html.escape
        parts = [f"<p><em>{e(self.notice)}</em></p>"]
        if not self.findings:
            parts.append("<p>No findings recorded yet: tick regions and findings above.</p>")
            return "".join(parts)
        for item in self.red_flag_items():
            parts.append(
                '<div style="border:3px solid #D55E00;padding:6px;margin:4px 0">'
                f"<strong>RED FLAG: {e(item.sign)}.</strong> "
                f"<strong>{e(item.urgency_label)}:</strong> {e(item.action)}</div>"
            )
        if not self.candidates:
            parts.append("<p>No candidate in the table is supported by these findings.</p>")
        parts.append("<ol>")
        for c in self.candidates[:max_candidates]:
            parts.append(
                f"<li><strong>{e(c.condition.name)}</strong> (score {c.score}; "
                f"{len(c.supporting)} for, {len(c.opposing)} against)"
            )
            items = [
                f"<li>For (+{r.weight}): {e(r.finding_label)}. {e(r.text)} ({e(r.citation)})</li>"
                for r in c.supporting
            ] + [
                f"<li>Against (-{r.weight}): {e(r.finding_label)}. {e(r.text)} "
                f"({e(r.citation)})</li>"
                for r in c.opposing
            ]
            parts.append("<ul>" + "".join(items) + "</ul>")
            parts.append(
                f"<p>Evidence: {e(c.condition.evidence_level)} Next step: {e(c.action)}</p></li>"
            )
        parts.append("</ol>")
        if len(self.candidates) > max_candidates:
            rest = ", ".join(e(c.condition.name) for c in self.candidates[max_candidates:])
            parts.append(f"<p>Also weakly supported: {rest}.</p>")
        if self.unexplained:
            labels = ", ".join(e(get_finding(f).label) for f in self.unexplained)
            parts.append(f"<p>Not explained by the listed candidates: {labels}.</p>")
        return "".join(parts)


def _reason(link: ConditionFinding, finding: Finding) -> Reason:
    get_source(link.source_id)  # resolvable by construction; fail loudly otherwise
    return Reason(
        finding_id=finding.finding_id,
        finding_label=finding.label,
        relation=link.relation,
        weight=link.weight,
        text=link.reason,
        source_id=link.source_id,
        verification=link.verification,
    )


def _penalty(link: ConditionFinding, predicted: Finding, normal: Finding) -> Reason:
    """The reason for a key predicted finding that was recorded normal."""
    get_source(link.source_id)
    return Reason(
        finding_id=normal.finding_id,
        finding_label=normal.label,
        relation="opposes",
        weight=link.weight,
        text=(
            f"This candidate predicts '{predicted.label}' (a key finding, weight "
            f"{link.weight}), but it was recorded normal. Why it is predicted: {link.reason}"
        ),
        source_id=link.source_id,
        verification=link.verification,
    )


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


def rank_candidates(findings: Iterable[str]) -> DifferentialResult:
    """Rank candidate sources of leg symptoms for a set of findings.

    Parameters
    ----------
    findings : iterable of str
        Finding ids from :func:`finding_ids` (regions, strength, reflexes, sensation,
        pulses, history items, test results, red flags), abnormal or normal.

    Returns
    -------
    DifferentialResult
        Candidates with at least one supporting finding, ranked by score (see the module
        docstring); candidates supported by a red flag come first with the red flag's
        action.

    Raises
    ------
    TypeError, ValueError
        From :func:`validate_findings` (unknown ids are listed in the message).

    References
    ----------
    See the module docstring; every reason carries its own ``source_id``.

    Examples
    --------
    >>> r = rank_candidates(
    ...     ["pain_buttock", "pain_posterior_calf", "pain_sole", "ankle_reflex_reduced"]
    ... )
    >>> r.top.condition.condition_id
    'radicular_s1'
    """
    chosen = validate_findings(findings)
    k = _knowledge()
    order = {cid: i for i, cid in enumerate(k.conditions)}
    support: dict[str, list[Reason]] = {}
    oppose: dict[str, list[Reason]] = {}
    for fid in chosen:
        finding = k.findings[fid]
        for link in k.links.get(fid, ()):
            target = support if link.relation == "supports" else oppose
            target.setdefault(link.condition_id, []).append(_reason(link, finding))
        if finding.normal_of is not None:
            predicted = k.findings[finding.normal_of]
            for link in k.links.get(finding.normal_of, ()):
                if link.relation == "supports" and link.weight >= KEY_WEIGHT:
                    oppose.setdefault(link.condition_id, []).append(
                        _penalty(link, predicted, finding)
                    )
    red_flags = tuple(f for f in chosen if k.findings[f].category == "red_flag")
    candidates = []
    for cid, sup in support.items():
        opp = oppose.get(cid, [])
        score = sum(r.weight for r in sup) - sum(r.weight for r in opp)
        flags = [
            get_red_flag(k.findings[r.finding_id].red_flag_id)
            for r in sup
            if k.findings[r.finding_id].category == "red_flag"
        ]
        flags.sort(key=lambda f: _URGENCY_RANK[f.urgency])
        condition = k.conditions[cid]
        candidates.append(
            Candidate(
                condition=condition,
                score=score,
                supporting=tuple(sorted(sup, key=lambda r: -r.weight)),
                opposing=tuple(sorted(opp, key=lambda r: -r.weight)),
                urgent=bool(flags),
                action=flags[0].action if flags else condition.management_note,
                urgency=flags[0].urgency if flags else None,
            )
        )
    candidates.sort(
        key=lambda c: (
            not c.urgent,
            _URGENCY_RANK.get(c.urgency or "", len(_URGENCY_RANK)),
            -c.score,
            -len(c.supporting),
            order[c.condition.condition_id],
        )
    )
    explained = {r.finding_id for c in candidates for r in c.supporting}
    unexplained = tuple(f for f in chosen if f not in explained and not k.findings[f].is_normal)
    return DifferentialResult(
        findings=chosen,
        candidates=tuple(candidates),
        red_flags=red_flags,
        unexplained=unexplained,
    )


def condition_table_html(condition_ids: Iterable[str] | None = None) -> str:
    """A table of conditions: findings for and against, evidence level and next step.

    Built from the same links the ranking uses, so the notebook table and the engine can
    never disagree.

    Parameters
    ----------
    condition_ids : iterable of str, optional
        Which conditions, in this order (default: all, in table order).

    Raises
    ------
    ValueError
        For an unknown condition id.
    """
    k = _knowledge()
    ids = list(k.conditions) if condition_ids is None else [str(c) for c in condition_ids]
    for cid in ids:
        get_condition(cid)
    e = html.escape
    rows = []
    for cid in ids:
        c = k.conditions[cid]
        links = [lk for v in k.links.values() for lk in v if lk.condition_id == cid]
        sup = sorted((lk for lk in links if lk.relation == "supports"), key=lambda lk: -lk.weight)
        opp = sorted((lk for lk in links if lk.relation == "opposes"), key=lambda lk: -lk.weight)
        for lk in sup:
            partner = next((f for f in k.findings.values() if f.normal_of == lk.finding_id), None)
            if partner is not None and lk.weight >= KEY_WEIGHT:
                opp.append(lk)  # shown once more below as "recorded normal"

        def _items(group: list[ConditionFinding], against: bool) -> str:
            out = []
            for lk in group:
                label = k.findings[lk.finding_id].label
                if against and lk.relation == "supports":
                    label = f"{k.findings[lk.finding_id].group_label}: recorded normal"
                note = " (secondary source)" if lk.verification == "S" else ""
                if lk.verification == "A" and lk.source_id != "teaching_assumption":
                    note = " (teaching assumption)"
                out.append(f"<li>{e(label)} ({lk.weight}; {e(cite(lk.source_id) + note)})</li>")
            return "<ul>" + "".join(out) + "</ul>" if out else "<p>None listed.</p>"

        note = " (secondary source)" if c.verification == "S" else ""
        rows.append(
            f'<tr><th scope="row">{e(c.name)}</th><td>{_items(sup, False)}</td>'
            f"<td>{_items(opp, True)}</td><td>{e(c.evidence_level)} "
            f"({e(cite(c.source_id) + note)})</td><td>{e(c.management_note)}</td></tr>"
        )
    return (
        "<table><caption>Candidate sources: findings for and against (weight; source), "
        'evidence and next step</caption><thead><tr><th scope="col">Condition</th>'
        '<th scope="col">For</th><th scope="col">Against</th><th scope="col">Evidence</th>'
        '<th scope="col">Next step</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
    )
