"""The differential's cited tables as typed records, loaded and indexed.

``findings.csv`` (what a learner can record), ``conditions.csv`` (the candidate sources),
``condition_findings.csv`` (the weighted links) and ``conditions_patterns.csv`` (typical
pain and sensory maps for figures), each declared next to its record class with its keys,
references and table rules.

References
----------
See :mod:`anatomy_helpers.differential`; every row carries its own ``source_id``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from anatomy_helpers.regions import load_body_regions  # noqa: F401 (registers body_regions.csv)
from anatomy_helpers.safety import serious_pathology_screen
from anatomy_helpers.tables import FieldError, Verification, table_loader

__all__ = [
    "CATEGORY_LABELS",
    "KEY_WEIGHT",
    "Condition",
    "ConditionFinding",
    "ConditionGroup",
    "ConditionPattern",
    "Finding",
    "FindingCategory",
    "load_condition_findings",
    "load_condition_patterns",
    "load_conditions",
    "load_findings",
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
