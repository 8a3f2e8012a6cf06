"""The slump test: its ordered stages, recording findings, and interpreting them.

Data (all cited, in ``data/``):

* ``slump_stages.csv``: the ordered stages (instruction, examiner action, what is added and
  why, tissues loaded, what to ask); the sequence is as described by teaching sources that
  cite Maitland 1985 and Butler 1991 (verification ``S``); the optional hip medial rotation
  sensitiser is supported by Johnson & Chiarello 1997 (``V``).
* ``slump_stage_poses.csv``: illustrative joint angles to draw each stage (a labelled
  teaching assumption, ``A``).
* ``slump_normal_responses.csv``: normal responses in people without symptoms
  (Kuilart et al. 2005; Johnson & Chiarello 1997).
* ``slump_criteria.csv``: the criteria used by :func:`interpret`.

A :class:`SlumpRecording` holds findings per stage and side plus the effect of releasing the
neck on each side; :func:`interpret` turns it into positive / negative / inconclusive with
the reasons. Saving and loading recordings is in :mod:`anatomy_helpers.records`.

References
----------
maitland1985, butler1991, kuilart2005, johnson_chiarello1997, coppieters2006.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Literal

from anatomy_helpers.kinematics import POINT_NAMES, JointAngles, Pose, pose_from_angles
from anatomy_helpers.references import cite
from anatomy_helpers.regions import body_region_ids, get_region
from anatomy_helpers.tables import FieldError, table_loader

__all__ = [
    "EXAMPLE_NAMES",
    "NECK_RELEASE_EFFECTS",
    "RESULTS",
    "SIDES",
    "Interpretation",
    "SlumpCriterion",
    "SlumpNormalResponse",
    "SlumpRecording",
    "SlumpStage",
    "SlumpStagePose",
    "StageFinding",
    "example_recording",
    "get_criterion",
    "get_stage",
    "interpret",
    "leg_stage_ids",
    "load_slump_criteria",
    "load_slump_normal_responses",
    "load_slump_stage_poses",
    "load_slump_stages",
    "normal_responses_for_stage",
    "previous_stage_id",
    "recorded_stage_ids",
    "stage_angles",
    "stage_ids",
    "stage_pose",
]

Side = Literal["left", "right"]
NeckReleaseEffect = Literal["eased", "unchanged", "worse", "not_tested"]
Result = Literal["positive", "negative", "inconclusive"]

#: The two sides, in the order they are usually tested.
SIDES: tuple[str, ...] = ("left", "right")
#: What releasing the neck did to the leg symptoms.
NECK_RELEASE_EFFECTS: tuple[str, ...] = ("eased", "unchanged", "worse", "not_tested")
#: Possible outcomes of :func:`interpret`.
RESULTS: tuple[str, ...] = ("positive", "negative", "inconclusive")
_SEGMENTS = ("neck", "head", "thoracic", "lumbar", "thigh", "leg", "foot")


# -- tables ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlumpStage:
    """One stage of the slump test.

    Attributes
    ----------
    stage_id : str
        Identifier (``"knee_extension"``).
    order : int
        Position in the sequence (1 = first).
    name : str
        Short name for learners.
    optional : bool
        True for a sensitising addition that is not part of the standard sequence.
    records_findings : bool
        True if symptoms are recorded at this stage (the neck release and the other-side
        stages are recorded differently: as the neck-release effect and the second side).
    patient_instruction, examiner_action, added_movement, why, tissues_loaded, ask : str
        What the patient is told, what the examiner does, what this stage adds, why,
        which tissues it loads, and what to ask.
    moved_segments : tuple of str
        Stick-figure segments to highlight (``"leg"``, ``"neck"``...).
    arrow_point : str
        Pose point whose movement is drawn as an arrow, or ``"none"``.
    source_id, verification, locator : str
        Citation of the row.
    evidence_source_ids : tuple of str
        Further sources supporting the ``why`` or a note.
    notes : str or None
        Caveats.
    """

    stage_id: str
    order: int
    name: str
    optional: bool
    records_findings: bool
    patient_instruction: str
    examiner_action: str
    added_movement: str
    why: str
    tissues_loaded: str
    ask: str
    arrow_point: str
    source_id: str
    verification: Literal["V", "S", "D", "A"]
    locator: str
    evidence_source_ids: tuple[str, ...] = ()
    moved_segments: tuple[str, ...] = ()
    notes: str | None = None

    def check(self) -> None:
        """Segments and arrow point must be drawable."""
        for seg in self.moved_segments:
            if seg not in _SEGMENTS:
                raise FieldError("moved_segments", f"{seg!r} is not one of {', '.join(_SEGMENTS)}")
        if self.arrow_point != "none" and self.arrow_point not in POINT_NAMES:
            raise FieldError("arrow_point", f"{self.arrow_point!r} is not 'none' or a pose point")
        if self.order < 1:
            raise FieldError("order", "must be 1 or more")


@dataclass(frozen=True)
class SlumpStagePose:
    """Illustrative joint angles (degrees) for drawing one stage (teaching assumption)."""

    stage_id: str
    trunk_flexion_deg: float
    neck_flexion_deg: float
    hip_flexion_deg: float
    knee_flexion_deg: float
    ankle_dorsiflexion_deg: float
    source_id: str
    verification: Literal["A"]
    notes: str | None = None


@dataclass(frozen=True)
class SlumpNormalResponse:
    """A response reported in people without symptoms.

    Attributes
    ----------
    response_id, stage_id, description : str
        Key, the stage it is shown at, and what was reported.
    region_ids : tuple of str
        Body regions (ids of :mod:`anatomy_helpers.regions`), may be empty.
    percent : float or None
        Percentage as reported (%).
    n_with_response, n_total : int
        Participants with the response (where reported) and in the study.
    """

    response_id: str
    stage_id: str
    description: str
    percent: float | None
    n_with_response: int | None
    n_total: int
    source_id: str
    verification: Literal["V", "S"]
    locator: str
    region_ids: tuple[str, ...] = ()
    notes: str | None = None

    def check(self) -> None:
        """Percent in 0-100; counts consistent; regions known."""
        if self.percent is not None and not 0.0 <= self.percent <= 100.0:
            raise FieldError("percent", f"{self.percent} is not between 0 and 100")
        if self.n_with_response is not None and not 0 <= self.n_with_response <= self.n_total:
            raise FieldError("n_with_response", "must lie between 0 and n_total")
        known = set(body_region_ids())
        for region in self.region_ids:
            if region not in known:
                raise FieldError("region_ids", f"unknown body region {region!r}")


@dataclass(frozen=True)
class SlumpCriterion:
    """One interpretation criterion with its source."""

    criterion_id: str
    statement: str
    source_id: str
    verification: Literal["V", "S"]
    locator: str


load_slump_stages = table_loader("slump_stages.csv", SlumpStage)
load_slump_stage_poses = table_loader("slump_stage_poses.csv", SlumpStagePose)
load_slump_normal_responses = table_loader("slump_normal_responses.csv", SlumpNormalResponse)
load_slump_criteria = table_loader("slump_criteria.csv", SlumpCriterion)


@cache
def _stages_by_id() -> Mapping[str, SlumpStage]:
    stages = sorted(load_slump_stages(), key=lambda s: s.order)
    return MappingProxyType({s.stage_id: s for s in stages})


def stage_ids(*, include_optional: bool = True) -> tuple[str, ...]:
    """Stage ids in test order.

    Parameters
    ----------
    include_optional : bool, default True
        Include the optional sensitising stage(s).

    Examples
    --------
    >>> stage_ids(include_optional=False)[:3]
    ('upright_sitting', 'thoracolumbar_slump', 'neck_flexion')
    """
    return tuple(sid for sid, s in _stages_by_id().items() if include_optional or not s.optional)


def get_stage(stage_id: str) -> SlumpStage:
    """Return one stage.

    Raises
    ------
    ValueError
        For an unknown id (the message lists the valid ids).
    """
    try:
        return _stages_by_id()[stage_id]
    except (KeyError, TypeError):
        msg = f"unknown stage_id {stage_id!r}; valid stages: {', '.join(stage_ids())}"
        raise ValueError(msg) from None


def recorded_stage_ids() -> tuple[str, ...]:
    """Stages at which symptoms are recorded per side, in order."""
    return tuple(sid for sid, s in _stages_by_id().items() if s.records_findings)


def leg_stage_ids() -> tuple[str, ...]:
    """The leg components (knee extension, ankle dorsiflexion, optional hip rotation)."""
    return ("knee_extension", "ankle_dorsiflexion", "hip_medial_rotation")


def stage_angles(stage_id: str) -> JointAngles:
    """Illustrative joint angles for drawing a stage (teaching assumption, degrees).

    Examples
    --------
    >>> stage_angles("knee_extension").knee_flexion_deg
    15.0
    """
    get_stage(stage_id)
    for row in load_slump_stage_poses():
        if row.stage_id == stage_id:
            return JointAngles(
                trunk_flexion_deg=row.trunk_flexion_deg,
                neck_flexion_deg=row.neck_flexion_deg,
                hip_flexion_deg=row.hip_flexion_deg,
                knee_flexion_deg=row.knee_flexion_deg,
                ankle_dorsiflexion_deg=row.ankle_dorsiflexion_deg,
            )
    msg = f"stage {stage_id!r} has no pose in slump_stage_poses.csv"
    raise ValueError(msg)


def stage_pose(stage_id: str, *, height_m: float = 1.75) -> Pose:
    """Side-view pose of a stage from its joint angles (forward kinematics).

    Parameters
    ----------
    stage_id : str
        One of :func:`stage_ids`.
    height_m : float, default 1.75
        Standing height (m) scaling the figure.
    """
    return pose_from_angles(stage_angles(stage_id), height_m=height_m)


def previous_stage_id(stage_id: str) -> str | None:
    """The stage drawn before ``stage_id`` (``None`` for the first).

    The optional sensitiser is skipped when stepping back from the neck release, so the
    arrow always shows the movement added by the standard sequence.
    """
    ids = stage_ids()
    index = ids.index(get_stage(stage_id).stage_id)
    if index == 0:
        return None
    prev = ids[index - 1]
    if get_stage(prev).optional and stage_id == "neck_release":
        prev = ids[index - 2]
    return prev


def normal_responses_for_stage(stage_id: str) -> tuple[SlumpNormalResponse, ...]:
    """Normal responses reported for people without symptoms, shown at this stage."""
    get_stage(stage_id)
    return tuple(r for r in load_slump_normal_responses() if r.stage_id == stage_id)


def get_criterion(criterion_id: str) -> SlumpCriterion:
    """Return one interpretation criterion.

    Raises
    ------
    ValueError
        For an unknown id.
    """
    for c in load_slump_criteria():
        if c.criterion_id == criterion_id:
            return c
    valid = ", ".join(c.criterion_id for c in load_slump_criteria())
    msg = f"unknown criterion_id {criterion_id!r}; valid: {valid}"
    raise ValueError(msg)


# -- recording ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageFinding:
    """What the patient reported at one stage on one side.

    Parameters
    ----------
    present : bool
        Whether any symptom was felt.
    region_ids : tuple of str
        Where (ids of :mod:`anatomy_helpers.regions`); empty when ``present`` is False.
    intensity_0_10 : int
        Intensity on a 0-10 numeric rating scale; 0 when ``present`` is False.
    familiar : bool
        Whether it is the patient's familiar (usual) symptom; False when absent.

    Raises
    ------
    TypeError, ValueError
        For a value of the wrong type or outside its range, or an absent symptom with a
        location, intensity or familiarity.
    """

    present: bool = False
    region_ids: tuple[str, ...] = ()
    intensity_0_10: int = 0
    familiar: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.present, bool):
            msg = f"present must be True or False, got {self.present!r}"
            raise TypeError(msg)
        if not isinstance(self.familiar, bool):
            msg = f"familiar must be True or False, got {self.familiar!r}"
            raise TypeError(msg)
        if isinstance(self.region_ids, str) or not isinstance(self.region_ids, (tuple, list)):
            msg = f"region_ids must be a tuple of region ids, got {self.region_ids!r}"
            raise TypeError(msg)
        regions = tuple(self.region_ids)
        known = body_region_ids()
        for region in regions:
            if region not in known:
                msg = f"unknown body region {region!r} in region_ids; valid: {', '.join(known)}"
                raise ValueError(msg)
        if len(set(regions)) != len(regions):
            msg = f"region_ids lists a region twice: {regions}"
            raise ValueError(msg)
        # Keep a canonical order (the region table's) so equal findings compare equal.
        object.__setattr__(self, "region_ids", tuple(r for r in known if r in regions))
        value = self.intensity_0_10
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            if isinstance(value, numbers.Real) and not isinstance(value, bool):
                if not math.isfinite(value) or value != int(value):
                    msg = f"intensity_0_10 must be a whole number from 0 to 10, got {value!r}"
                    raise ValueError(msg)
                value = int(value)
            else:
                msg = f"intensity_0_10 must be a whole number from 0 to 10, got {value!r}"
                raise TypeError(msg)
        if not 0 <= value <= 10:
            msg = f"intensity_0_10 = {value} is outside 0 to 10"
            raise ValueError(msg)
        object.__setattr__(self, "intensity_0_10", int(value))
        if not self.present and (regions or value or self.familiar):
            msg = (
                "a finding with present=False cannot have region_ids, an intensity above 0 "
                "or familiar=True"
            )
            raise ValueError(msg)


def _key(stage_id: str, side: str) -> tuple[str, str]:
    stage = get_stage(stage_id)
    if not stage.records_findings:
        valid = ", ".join(recorded_stage_ids())
        msg = f"findings are not recorded at stage {stage_id!r}; recorded stages: {valid}"
        raise ValueError(msg)
    if side not in SIDES:
        msg = f"side must be one of {', '.join(SIDES)}; got {side!r}"
        raise ValueError(msg)
    return (stage_id, side)


@dataclass(frozen=True)
class SlumpRecording:
    """Findings of one slump test: per stage and side, plus the neck-release effect.

    Parameters
    ----------
    findings : mapping of (stage_id, side) to StageFinding
        Only stages actually performed; a missing key means "not tested".
    neck_release : mapping of side to str
        ``"eased"``, ``"unchanged"``, ``"worse"`` or ``"not_tested"`` per side (missing
        sides are ``"not_tested"``).
    label : str
        A short label (no patient-identifying details), up to 120 characters.
    notes : str
        Free-text notes, up to 2000 characters.

    Raises
    ------
    TypeError, ValueError
        For unknown stages, sides or effects, or over-long text.

    Examples
    --------
    >>> rec = SlumpRecording().with_finding(
    ...     "knee_extension", "left", StageFinding(True, ("popliteal_fossa",), 3, False)
    ... )
    >>> rec.finding("knee_extension", "left").intensity_0_10
    3
    """

    findings: Mapping[tuple[str, str], StageFinding] = field(default_factory=dict)
    neck_release: Mapping[str, str] = field(default_factory=dict)
    label: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.findings, Mapping):
            msg = f"findings must be a mapping, got {type(self.findings).__name__}"
            raise TypeError(msg)
        clean: dict[tuple[str, str], StageFinding] = {}
        for key, finding in self.findings.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                msg = f"findings keys must be (stage_id, side) pairs, got {key!r}"
                raise TypeError(msg)
            if not isinstance(finding, StageFinding):
                msg = f"findings[{key!r}] must be a StageFinding, got {type(finding).__name__}"
                raise TypeError(msg)
            clean[_key(*key)] = finding
        order = {sid: i for i, sid in enumerate(recorded_stage_ids())}
        ordered = dict(
            sorted(clean.items(), key=lambda kv: (SIDES.index(kv[0][1]), order[kv[0][0]]))
        )
        object.__setattr__(self, "findings", MappingProxyType(ordered))
        if not isinstance(self.neck_release, Mapping):
            msg = f"neck_release must be a mapping of side to effect, got {self.neck_release!r}"
            raise TypeError(msg)
        effects = {}
        for side in SIDES:
            effect = self.neck_release.get(side, "not_tested")
            if effect not in NECK_RELEASE_EFFECTS:
                msg = (
                    f"neck_release[{side!r}] = {effect!r}; allowed: "
                    f"{', '.join(NECK_RELEASE_EFFECTS)}"
                )
                raise ValueError(msg)
            effects[side] = effect
        unknown = set(self.neck_release) - set(SIDES)
        if unknown:
            msg = f"neck_release has unknown side(s) {sorted(unknown)}; sides: {', '.join(SIDES)}"
            raise ValueError(msg)
        object.__setattr__(self, "neck_release", MappingProxyType(effects))
        for name, limit in (("label", 120), ("notes", 2000)):
            value = getattr(self, name)
            if not isinstance(value, str):
                msg = f"{name} must be text, got {type(value).__name__}"
                raise TypeError(msg)
            if len(value) > limit:
                msg = f"{name} is {len(value)} characters long; the limit is {limit}"
                raise ValueError(msg)
            if "\x00" in value:
                msg = f"{name} must not contain NUL characters"
                raise ValueError(msg)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SlumpRecording):
            return NotImplemented
        return (
            dict(self.findings) == dict(other.findings)
            and dict(self.neck_release) == dict(other.neck_release)
            and self.label == other.label
            and self.notes == other.notes
        )

    __hash__ = None  # type: ignore[assignment]

    def finding(self, stage_id: str, side: str) -> StageFinding | None:
        """The finding at a stage and side, or ``None`` if not tested."""
        return self.findings.get(_key(stage_id, side))

    def with_finding(
        self, stage_id: str, side: str, finding: StageFinding | None
    ) -> SlumpRecording:
        """A copy with one finding set (``None`` removes it: not tested)."""
        new = dict(self.findings)
        key = _key(stage_id, side)
        if finding is None:
            new.pop(key, None)
        else:
            new[key] = finding
        return SlumpRecording(new, dict(self.neck_release), self.label, self.notes)

    def with_neck_release(self, side: str, effect: str) -> SlumpRecording:
        """A copy with the neck-release effect of one side set."""
        if side not in SIDES:
            msg = f"side must be one of {', '.join(SIDES)}; got {side!r}"
            raise ValueError(msg)
        effects = {**self.neck_release, side: effect}
        return SlumpRecording(dict(self.findings), effects, self.label, self.notes)

    def with_text(self, *, label: str | None = None, notes: str | None = None) -> SlumpRecording:
        """A copy with a new label and/or notes."""
        return SlumpRecording(
            dict(self.findings),
            dict(self.neck_release),
            self.label if label is None else label,
            self.notes if notes is None else notes,
        )


# -- interpretation -------------------------------------------------------------------------

SideStatus = Literal[
    "positive",
    "familiar_not_differentiated",
    "familiar_neck_not_tested",
    "familiar_spinal_only",
    "normal_response",
    "no_symptoms",
    "not_tested",
]


@dataclass(frozen=True)
class Interpretation:
    """Result of :func:`interpret`.

    Attributes
    ----------
    result : {"positive", "negative", "inconclusive"}
        Overall reading.
    reasons : tuple of str
        Plain-language reasons, in order of importance.
    side_status : mapping of side to str
        What each side showed (``"positive"``, ``"normal_response"``...).
    criterion_ids : tuple of str
        Criteria (``slump_criteria.csv``) the reasons rely on.
    source_ids : tuple of str
        Their sources.
    """

    result: Result
    reasons: tuple[str, ...]
    side_status: Mapping[str, str]
    criterion_ids: tuple[str, ...]

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Bibliography keys behind the criteria used."""
        out: dict[str, None] = {}
        for cid in self.criterion_ids:
            out.setdefault(get_criterion(cid).source_id, None)
        return tuple(out)


def _side_status(rec: SlumpRecording, side: str) -> str:
    legs = [rec.finding(s, side) for s in leg_stage_ids()]
    legs_tested = [f for f in legs if f is not None]
    if not legs_tested:
        return "not_tested"
    familiar_leg = any(f.present and f.familiar for f in legs_tested)
    effect = rec.neck_release[side]
    if familiar_leg:
        if effect in ("eased", "worse"):
            return "positive"
        if effect == "unchanged":
            return "familiar_not_differentiated"
        return "familiar_neck_not_tested"
    spinal = [rec.finding(s, side) for s in recorded_stage_ids() if s not in leg_stage_ids()]
    if any(f is not None and f.present and f.familiar for f in spinal):
        return "familiar_spinal_only"
    if any(f.present for f in legs_tested) or any(f is not None and f.present for f in spinal):
        return "normal_response"
    return "no_symptoms"


def _where(rec: SlumpRecording, side: str) -> str:
    regions: dict[str, None] = {}
    for stage in leg_stage_ids():
        f = rec.finding(stage, side)
        if f is not None and f.present:
            for r in f.region_ids:
                regions.setdefault(get_region(r).label.lower(), None)
    return ", ".join(regions) if regions else "no region recorded"


def interpret(recording: SlumpRecording) -> Interpretation:
    """Read a slump test recording as positive, negative or inconclusive, with reasons.

    Rules (criteria in ``slump_criteria.csv``):

    * A side is **positive** when the patient's familiar symptoms are reproduced by a leg
      component (knee extension, ankle dorsiflexion or the optional hip rotation) and
      change (ease or worsen) when the neck flexion is released.
    * The test is **positive** when at least one side is positive and the other side was
      tested; a side-to-side difference supports it; positive on both sides is reported
      with a prompt to screen for cauda equina red flags (bilateral leg symptoms).
    * Unfamiliar symptoms (e.g. a stretch behind the knee), even if they ease with neck
      release, are **normal responses** (Kuilart 2005: 66.7 % behind the knee; 83.3 %
      eased with the neck released).
    * **Inconclusive** when a side was not tested, when familiar symptoms were reproduced
      but the neck release was not tested or did not change them, or when familiar
      symptoms came only with the spinal components.
    * Otherwise **negative**.

    Parameters
    ----------
    recording : SlumpRecording
        The findings.

    Returns
    -------
    Interpretation
        Result, reasons and the criteria relied on.

    Raises
    ------
    TypeError
        If ``recording`` is not a :class:`SlumpRecording`.

    References
    ----------
    maitland1985 and butler1991 (criteria as summarised by teaching sources, ``S``);
    kuilart2005 and johnson_chiarello1997 (normal responses, ``V``).

    Examples
    --------
    >>> interpret(example_recording("positive")).result
    'positive'
    >>> interpret(example_recording("normal")).result
    'negative'
    """
    if not isinstance(recording, SlumpRecording):
        msg = f"recording must be a SlumpRecording, got {type(recording).__name__}"
        raise TypeError(msg)
    status = {side: _side_status(recording, side) for side in SIDES}
    reasons: list[str] = []
    criteria: list[str] = []
    positives = [s for s in SIDES if status[s] == "positive"]
    untested = [s for s in SIDES if status[s] == "not_tested"]

    def effect_words(side: str) -> str:
        return "eased" if recording.neck_release[side] == "eased" else "got worse"

    for side in positives:
        reasons.append(
            f"{side.capitalize()} side: the familiar symptoms ({_where(recording, side)}) were "
            f"reproduced by the leg components and {effect_words(side)} when the neck was "
            "released, which points to neural tissue."
        )
    if untested:
        result: Result = "inconclusive"
        sides = " and ".join(untested)
        reasons.append(
            f"The leg components were not recorded on the {sides} side: test both sides so "
            "they can be compared."
        )
        criteria += ["side_difference"]
        if positives:
            criteria += ["familiar_by_leg", "changed_by_neck"]
    elif positives:
        result = "positive"
        criteria += ["familiar_by_leg", "changed_by_neck"]
        if len(positives) == 1:
            other = next(s for s in SIDES if s not in positives)
            reasons.append(
                f"{other.capitalize()} side: {_status_words(status[other])}, so the response "
                "differs between the sides."
            )
            criteria.append("side_difference")
        else:
            reasons.append(
                "Both sides reproduced the familiar symptoms, so there is no side-to-side "
                "difference. Leg symptoms on both sides are a cauda equina red flag: screen "
                "for the other red flags (saddle numbness, bladder, bowel or sexual change) "
                "before going on."
            )
            criteria.append("side_difference")
    else:
        for side in SIDES:
            s = status[side]
            if s == "familiar_not_differentiated":
                reasons.append(
                    f"{side.capitalize()} side: the familiar symptoms were reproduced by the leg "
                    "components but did not change when the neck was released, so the test "
                    "did not show that they come from neural tissue (hamstring, calf or other "
                    "local tissue remain possible)."
                )
                criteria += ["familiar_by_leg", "changed_by_neck"]
            elif s == "familiar_neck_not_tested":
                reasons.append(
                    f"{side.capitalize()} side: the familiar symptoms were reproduced by the leg "
                    "components, but the neck release was not recorded: release the neck with "
                    "the leg held still to differentiate."
                )
                criteria += ["familiar_by_leg", "changed_by_neck"]
            elif s == "familiar_spinal_only":
                reasons.append(
                    f"{side.capitalize()} side: the familiar symptoms came with the spinal "
                    "components only; the leg components did not reproduce them, so the "
                    "criteria for a positive test are not met."
                )
                criteria.append("familiar_by_leg")
        if reasons:
            result = "inconclusive"
        else:
            result = "negative"
            reasons.append(
                "No familiar symptoms were reproduced by the leg components on either side."
            )
            criteria.append("familiar_by_leg")
    normal_sides = [s for s in SIDES if status[s] == "normal_response"]
    if normal_sides:
        sides = " and ".join(normal_sides)
        eased = [s for s in normal_sides if recording.neck_release[s] == "eased"]
        text = (
            f"Unfamiliar symptoms on the {sides} side{'s' if len(normal_sides) > 1 else ''} "
            f"({'; '.join(_where(recording, s) for s in normal_sides)}) match normal responses: "
            "in adults without a problem, symptoms behind the knee were reported by "
            f"{_reported_percent('kuilart_behind_knee')} ({cite('kuilart2005')})"
        )
        if eased:
            text += (
                ", and most such symptoms eased when the neck was released "
                f"({_reported_percent('kuilart_relief_any')})"
            )
        reasons.append(text + ".")
        criteria += ["reproduction_not_enough", "normal_eases_with_neck"]
    if len(normal_sides) == 2:
        same = _symmetric(recording)
        reasons.append(
            "The responses were similar on both sides."
            if same
            else "The unfamiliar responses differed between the sides: note it and re-test."
        )
    unique = tuple(dict.fromkeys(criteria))
    return Interpretation(result, tuple(reasons), MappingProxyType(status), unique)


def _reported_percent(response_id: str) -> str:
    for row in load_slump_normal_responses():
        if row.response_id == response_id:
            return f"{row.percent:.1f} %"
    msg = f"normal response {response_id!r} is missing from slump_normal_responses.csv"
    raise ValueError(msg)


def _symmetric(rec: SlumpRecording) -> bool:
    for stage in leg_stage_ids():
        left, right = rec.finding(stage, "left"), rec.finding(stage, "right")
        if (left is None) != (right is None):
            return False
        if left is None or right is None:
            continue
        if left.present != right.present or left.region_ids != right.region_ids:
            return False
        if abs(left.intensity_0_10 - right.intensity_0_10) > 2:
            return False
    return rec.neck_release["left"] == rec.neck_release["right"]


def _status_words(status: str) -> str:
    return {
        "positive": "positive",
        "familiar_not_differentiated": "familiar symptoms not changed by the neck release",
        "familiar_neck_not_tested": "familiar symptoms, neck release not recorded",
        "familiar_spinal_only": "familiar symptoms with the spinal components only",
        "normal_response": "only unfamiliar (normal-type) symptoms",
        "no_symptoms": "no symptoms",
        "not_tested": "not tested",
    }[status]


# -- worked examples ------------------------------------------------------------------------


def _full_side(
    rec: SlumpRecording, side: str, leg: StageFinding, neck: str, spine: StageFinding | None = None
) -> SlumpRecording:
    spine = spine or StageFinding()
    for stage in ("upright_sitting", "thoracolumbar_slump", "neck_flexion"):
        rec = rec.with_finding(stage, side, StageFinding() if stage == "upright_sitting" else spine)
    for stage in ("knee_extension", "ankle_dorsiflexion"):
        rec = rec.with_finding(stage, side, leg)
    return rec.with_neck_release(side, neck)


#: Names of the example recordings.
EXAMPLE_NAMES = ("positive", "negative", "normal", "inconclusive")


def example_recording(name: str) -> SlumpRecording:
    """A complete example recording used in the notebook, the tests and the widget.

    Parameters
    ----------
    name : {"positive", "negative", "normal", "inconclusive"}
        ``positive``: familiar left calf and buttock pain reproduced by the leg components,
        eased on neck release, right side only a mild stretch behind the knee.
        ``negative``: no symptoms on either side. ``normal``: the same mild stretch behind
        the knee on both sides, unchanged by neck release. ``inconclusive``: familiar
        symptoms reproduced on the left but unchanged by neck release.

    Raises
    ------
    ValueError
        For an unknown name.
    """
    stretch = StageFinding(True, ("popliteal_fossa",), 3, False)
    familiar = StageFinding(True, ("buttock", "posterior_calf"), 6, True)
    rec = SlumpRecording(label=f"Example: {name}")
    if name == "positive":
        rec = _full_side(rec, "left", familiar, "eased")
        return _full_side(rec, "right", stretch, "eased")
    if name == "negative":
        rec = _full_side(rec, "left", StageFinding(), "unchanged")
        return _full_side(rec, "right", StageFinding(), "unchanged")
    if name == "normal":
        rec = _full_side(rec, "left", stretch, "unchanged")
        return _full_side(rec, "right", stretch, "unchanged")
    if name == "inconclusive":
        rec = _full_side(rec, "left", familiar, "unchanged")
        return _full_side(rec, "right", stretch, "unchanged")
    msg = f"unknown example {name!r}; examples: {', '.join(EXAMPLE_NAMES)}"
    raise ValueError(msg)
