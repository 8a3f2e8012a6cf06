"""The slump test's tables: ordered stages, illustrative poses, normal responses, criteria.

References
----------
maitland1985, butler1991, kuilart2005, johnson_chiarello1997
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from anatomy_helpers.kinematics import (
    POINT_NAMES,
    JointAngles,
    JointAnglesRow,
    Pose,
    pose_from_angles,
)
from anatomy_helpers.tables import FieldError, Verification, table_loader
from anatomy_helpers.validation import check_choice

__all__ = [
    "NECK_RELEASE_EFFECTS",
    "RESULTS",
    "SIDES",
    "SlumpCriterion",
    "SlumpNormalResponse",
    "SlumpStage",
    "SlumpStagePose",
    "get_criterion",
    "get_stage",
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

#: The two sides, in the order they are usually tested.
SIDES: tuple[str, ...] = ("left", "right")
#: What releasing the neck did to the leg symptoms.
NECK_RELEASE_EFFECTS: tuple[str, ...] = ("eased", "unchanged", "worse", "not_tested")
#: Possible outcomes of :func:`~anatomy_helpers.slump.interpret`.
RESULTS: tuple[str, ...] = ("positive", "negative", "inconclusive")
#: Stick-figure segments a stage can highlight.
SEGMENTS = ("neck", "head", "thoracic", "lumbar", "thigh", "leg", "foot")

_STAGES = "slump_stages.csv"


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
    verification: Verification
    locator: str
    evidence_source_ids: tuple[str, ...] = ()
    moved_segments: tuple[str, ...] = ()
    notes: str | None = None

    def check(self) -> None:
        """Stages are numbered from 1."""
        if self.order < 1:
            raise FieldError("order", "must be 1 or more")


@dataclass(frozen=True)
class SlumpStagePose(JointAnglesRow):
    """Illustrative joint angles (degrees) for drawing one stage (teaching assumption)."""

    stage_id: str
    trunk_flexion_deg: float
    neck_flexion_deg: float
    hip_flexion_deg: float
    knee_flexion_deg: float
    ankle_dorsiflexion_deg: float
    source_id: str
    verification: Verification
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
    verification: Verification
    locator: str
    region_ids: tuple[str, ...] = ()
    notes: str | None = None

    def check(self) -> None:
        """Percent in 0-100; counts consistent."""
        if self.percent is not None and not 0.0 <= self.percent <= 100.0:
            raise FieldError("percent", f"{self.percent} is not between 0 and 100")
        if self.n_with_response is not None and not 0 <= self.n_with_response <= self.n_total:
            raise FieldError("n_with_response", "must lie between 0 and n_total")


@dataclass(frozen=True)
class SlumpCriterion:
    """One interpretation criterion with its source."""

    criterion_id: str
    statement: str
    source_id: str
    verification: Verification
    locator: str


def _every_stage_has_a_pose(rows: tuple[SlumpStagePose, ...]) -> None:
    missing = [
        s.stage_id for s in load_slump_stages() if s.stage_id not in {r.stage_id for r in rows}
    ]
    if missing:
        raise FieldError("stage_id", f"no pose for stage(s) {', '.join(missing)}")


load_slump_stages = table_loader(
    _STAGES,
    SlumpStage,
    key="stage_id",
    unique=["order"],
    references={"moved_segments": SEGMENTS, "arrow_point": ("none", *POINT_NAMES)},
)
load_slump_stage_poses = table_loader(
    "slump_stage_poses.csv",
    SlumpStagePose,
    key="stage_id",
    references={"stage_id": _STAGES},
    check=_every_stage_has_a_pose,
    tags="A",
)
load_slump_normal_responses = table_loader(
    "slump_normal_responses.csv",
    SlumpNormalResponse,
    key="response_id",
    references={"stage_id": _STAGES, "region_ids": "body_regions.csv:region_id"},
    tags="VS",
)
load_slump_criteria = table_loader(
    "slump_criteria.csv", SlumpCriterion, key="criterion_id", tags="VS"
)


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
    TypeError, ValueError
        For an id that is not a str or not a stage (the message lists the valid ids).
    """
    stages = _stages_by_id()
    return stages[check_choice("stage_id", stage_id, stages, valid="stages")]


def recorded_stage_ids() -> tuple[str, ...]:
    """Stages at which symptoms are recorded per side, in order."""
    return tuple(sid for sid, s in _stages_by_id().items() if s.records_findings)


def leg_stage_ids() -> tuple[str, ...]:
    """The leg components (knee extension, ankle dorsiflexion, optional hip rotation)."""
    return ("knee_extension", "ankle_dorsiflexion", "hip_medial_rotation")


@cache
def _poses() -> Mapping[str, SlumpStagePose]:
    return MappingProxyType({row.stage_id: row for row in load_slump_stage_poses()})


def stage_angles(stage_id: str) -> JointAngles:
    """Illustrative joint angles for drawing a stage (teaching assumption, degrees).

    Examples
    --------
    >>> stage_angles("knee_extension").knee_flexion_deg
    15.0
    """
    return _poses()[get_stage(stage_id).stage_id].angles()


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
    TypeError, ValueError
        For an id that is not a str or not a criterion.
    """
    rows = {c.criterion_id: c for c in load_slump_criteria()}
    return rows[check_choice("criterion_id", criterion_id, rows, valid="criteria")]
