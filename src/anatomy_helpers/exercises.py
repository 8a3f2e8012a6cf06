"""Exercise library, cited dosages and a validated weekly dosage planner (core, no plotting).

The library (``data/exercises.csv`` and its companion tables) holds the exercises and the
self-management advice discussed in notebook 06: the supine sciatic nerve glide, the slump
slider and slump stretch, two calf stretches, standing and seated calf raises, and advice
on activity, sitting and heat or cold. Each exercise has numbered steps, one or more
dosages labelled by where they come from (``dosage_basis``), what the person should feel,
stop rules, an evidence summary with sources, and illustrative start and end poses for the
stick figure of :mod:`anatomy_helpers.kinematics`.

Dosage basis:

* ``published`` -- the dose a trial used (e.g. Kinoshita et al. 2023: 5 x 10 at 70 % 1RM,
  twice a week for 12 weeks, in healthy untrained adults);
* ``common prescription`` -- a dose clinicians commonly give that no trial has tested (the
  seed page's 20 glides 2-3 times a day);
* ``teaching example`` -- an example dose for the planner where no source gives one (cited
  to ``teaching_assumption`` and always labelled as such).

The planner (:func:`plan_item`, :func:`build_plan`, :func:`weekly_plan_table`) checks every
number against :data:`PLAN_LIMITS` and two daily totals. These limits are plausibility
bounds of this teaching tool that catch typing errors (a teaching assumption), not clinical
maximum doses.

References: seed_sciatic_glide_page, seed_nerve_tension_page, seed_calf_sciatica_page,
cleland2006, ferreira2016, kinoshita2023, radford2006, french2006, teaching_assumption.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Literal

from anatomy_helpers.kinematics import JointAngles
from anatomy_helpers.tables import FieldError, table_loader
from anatomy_helpers.validation import check_whole_number

__all__ = [
    "DAILY_HOLD_LIMIT_S",
    "DAILY_REPS_LIMIT",
    "DAYS",
    "PLAN_LIMITS",
    "PROGRESSION_LIMITS",
    "Dosage",
    "EvidenceFinding",
    "Exercise",
    "ExerciseCard",
    "ExercisePlan",
    "ExercisePose",
    "ExerciseStep",
    "PlanItem",
    "StopRule",
    "WeekRow",
    "build_plan",
    "default_plan",
    "default_plan_item",
    "dose_per_session_text",
    "exercise_card",
    "exercise_ids",
    "get_exercise",
    "item_limits",
    "load_dosages",
    "load_evidence",
    "load_exercises",
    "load_poses",
    "load_steps",
    "load_stop_rules",
    "plan_item",
    "plan_source_ids",
    "pose_angles",
    "training_days",
    "weekly_plan_table",
    "with_item",
]

Verification = Literal["V", "S", "D", "A"]
Kind = Literal["exercise", "advice"]
Mode = Literal["reps", "hold", "advice"]
Supervision = Literal["self-managed", "clinician-supervised"]
DosageBasis = Literal["published", "common prescription", "teaching example"]
Position = Literal["start", "end"]
Support = Literal["floor", "seat", "floor_sitting", "floor_sitting_towel", "wall", "standing"]


# ----------------------------------------------------------------------------- records
@dataclass(frozen=True)
class Exercise:
    """One exercise or piece of self-management advice.

    Attributes
    ----------
    exercise_id : str
        Stable identifier (``sciatic_nerve_glide``).
    name : str
        Name shown to readers.
    kind : {"exercise", "advice"}
        Exercises have steps, dosages and poses; advice has steps and evidence only.
    category : str
        Group (``nerve mobilisation``, ``calf stretch``...).
    mode : {"reps", "hold", "advice"}
        Whether a dose counts repetitions, timed holds, or nothing (advice).
    summary, caution : str
        Plain-language description and the exercise's own caution.
    supervision : {"self-managed", "clinician-supervised"}
        Clinician-supervised exercises are not for unsupervised self-treatment.
    source_id : str
        Where the description comes from.
    verification : {"V", "S", "D", "A"}
        Verification tag of the description.
    """

    exercise_id: str
    name: str
    kind: Kind
    category: str
    mode: Mode
    summary: str
    supervision: Supervision
    caution: str
    source_id: str
    verification: Verification

    @property
    def what_to_feel(self) -> str:
        """Expected sensation: general guidance, a labelled teaching assumption.

        Kept in ``exercise_sensations.csv`` (cited to ``teaching_assumption``) because no
        study or seed page describes it; the exercise's description keeps its own source.
        """
        for row in load_exercise_sensations():
            if row.exercise_id == self.exercise_id:
                return row.what_to_feel
        msg = f"no expected-sensation row for exercise {self.exercise_id!r}"
        raise ValueError(msg)

    def check(self) -> None:
        """Cross-field rules (raises FieldError)."""
        if (self.kind == "advice") != (self.mode == "advice"):
            raise FieldError("mode", "advice rows take mode 'advice'; exercises reps or hold")


@dataclass(frozen=True)
class ExerciseStep:
    """One numbered instruction of an exercise."""

    exercise_id: str
    step: int
    instruction: str
    source_id: str
    verification: Verification

    def check(self) -> None:
        """Cross-field rules (raises FieldError)."""
        if not 1 <= self.step <= 20:
            raise FieldError("step", f"{self.step} is outside 1 to 20")


@dataclass(frozen=True)
class Dosage:
    """A dose for an exercise, labelled by where it comes from.

    Attributes
    ----------
    exercise_id : str
        The exercise.
    dosage_basis : {"published", "common prescription", "teaching example"}
        Trial dose, untested clinical habit, or labelled example (see module docstring).
    sets, reps : int or None
        Sets per session and repetitions (or holds) per set; ``None`` when not reported.
    hold_s : int or None
        Duration of each hold (s), hold exercises only.
    sessions_per_day, sessions_per_day_max : int or None
        Sessions a day (a range when the maximum is larger).
    days_per_week : int or None
        Training days a week; ``None`` when the source does not say.
    weeks : int or None
        Programme length (weeks).
    load : str
        External load, if any (``70 % of one-repetition maximum``).
    population : str
        Who received this dose.
    description : str
        The dose in words.
    source_id, verification, locator : str
        Citation, verification tag and where in the source.
    """

    exercise_id: str
    dosage_basis: DosageBasis
    sets: int | None
    reps: int | None
    hold_s: int | None
    sessions_per_day: int | None
    sessions_per_day_max: int | None
    days_per_week: int | None
    weeks: int | None
    load: str | None
    population: str
    description: str
    source_id: str
    verification: Verification
    locator: str | None = None

    def check(self) -> None:
        """Cross-field rules (raises FieldError)."""
        if self.dosage_basis == "teaching example" and self.source_id != "teaching_assumption":
            raise FieldError("source_id", "teaching examples must cite teaching_assumption")
        if self.verification == "A" and self.dosage_basis != "teaching example":
            raise FieldError("dosage_basis", "assumption rows must be 'teaching example'")
        if (
            self.sessions_per_day is not None
            and self.sessions_per_day_max is not None
            and self.sessions_per_day_max < self.sessions_per_day
        ):
            raise FieldError("sessions_per_day_max", "must be >= sessions_per_day")

    @property
    def is_complete(self) -> bool:
        """True when sets, reps and sessions per day are all given (usable as a plan default)."""
        return None not in (self.sets, self.reps, self.sessions_per_day)


@dataclass(frozen=True)
class EvidenceFinding:
    """One cited finding about an exercise (``applies_to`` says for whom or what)."""

    exercise_id: str
    finding: str
    applies_to: str
    source_id: str
    verification: Verification
    locator: str | None = None


@dataclass(frozen=True)
class StopRule:
    """A rule for when to stop an exercise (``basis`` says where it comes from)."""

    rule_id: str
    rule: str
    basis: str
    source_id: str
    verification: Verification


@dataclass(frozen=True)
class ExercisePose:
    """Illustrative start or end position of an exercise for the stick figure (degrees).

    The angles are drawing choices (``teaching_assumption``), not measured positions.
    """

    exercise_id: str
    position: Position
    body_tilt_deg: float
    trunk_flexion_deg: float
    neck_flexion_deg: float
    hip_flexion_deg: float
    knee_flexion_deg: float
    ankle_dorsiflexion_deg: float
    support: Support
    source_id: str
    verification: Verification

    def check(self) -> None:
        """Cross-field rules (raises FieldError)."""
        try:
            self.angles()
        except ValueError as exc:
            raise FieldError("angles", str(exc)) from None

    def angles(self) -> JointAngles:
        """The pose as validated :class:`~anatomy_helpers.kinematics.JointAngles`."""
        return JointAngles(
            body_tilt_deg=self.body_tilt_deg,
            trunk_flexion_deg=self.trunk_flexion_deg,
            neck_flexion_deg=self.neck_flexion_deg,
            hip_flexion_deg=self.hip_flexion_deg,
            knee_flexion_deg=self.knee_flexion_deg,
            ankle_dorsiflexion_deg=self.ankle_dorsiflexion_deg,
        )


#: Exercises and advice (``data/exercises.csv``). References: seed pages, kinoshita2023.
load_exercises = table_loader("exercises.csv", Exercise)
#: Numbered steps (``data/exercise_steps.csv``).
load_steps = table_loader("exercise_steps.csv", ExerciseStep)
#: Dosages with their basis (``data/exercise_dosage.csv``).
load_dosages = table_loader("exercise_dosage.csv", Dosage)
#: Evidence findings (``data/exercise_evidence.csv``).
load_evidence = table_loader("exercise_evidence.csv", EvidenceFinding)
#: Stop rules shared by all exercises (``data/exercise_stop_rules.csv``).
load_stop_rules = table_loader("exercise_stop_rules.csv", StopRule)
#: Illustrative start/end poses (``data/exercise_poses.csv``; teaching assumption).
load_poses = table_loader("exercise_poses.csv", ExercisePose)


@dataclass(frozen=True)
class ExerciseSensation:
    """What a person should expect to feel during an exercise (general guidance).

    Attributes
    ----------
    exercise_id : str
        The exercise.
    what_to_feel : str
        Expected sensation in plain language.
    source_id : str
        ``teaching_assumption``: common clinical guidance written for this collection.
    verification : {"A"}
        Always a labelled assumption.
    """

    exercise_id: str
    what_to_feel: str
    source_id: str
    verification: Verification


#: Load ``data/exercise_sensations.csv`` (labelled teaching assumptions).
load_exercise_sensations = table_loader("exercise_sensations.csv", ExerciseSensation)


# ----------------------------------------------------------------------------- lookups
@cache
def _by_id() -> MappingProxyType:
    out = {}
    for ex in load_exercises():
        if ex.exercise_id in out:
            msg = f"exercises.csv: duplicate exercise_id {ex.exercise_id!r}"
            raise ValueError(msg)
        out[ex.exercise_id] = ex
    return MappingProxyType(out)


def exercise_ids(kind: str | None = None) -> tuple[str, ...]:
    """Identifiers of the library's entries, in file order.

    Parameters
    ----------
    kind : {"exercise", "advice"}, optional
        Only entries of this kind; all when omitted.

    Returns
    -------
    tuple of str
        E.g. ``("sciatic_nerve_glide", "slump_slider", ...)``.

    Raises
    ------
    ValueError
        If ``kind`` is not ``"exercise"``, ``"advice"`` or None.

    Examples
    --------
    >>> exercise_ids("exercise")[0]
    'sciatic_nerve_glide'
    """
    if kind not in (None, "exercise", "advice"):
        msg = f"kind must be 'exercise', 'advice' or None, got {kind!r}"
        raise ValueError(msg)
    return tuple(k for k, ex in _by_id().items() if kind is None or ex.kind == kind)


def get_exercise(exercise_id: str) -> Exercise:
    """Return one library entry.

    Parameters
    ----------
    exercise_id : str
        An identifier from :func:`exercise_ids`.

    Returns
    -------
    Exercise
        The entry.

    Raises
    ------
    TypeError
        If ``exercise_id`` is not a string.
    ValueError
        If it is unknown (the message lists the valid identifiers).
    """
    if not isinstance(exercise_id, str):
        msg = f"exercise_id must be a str, got {type(exercise_id).__name__}"
        raise TypeError(msg)
    table = _by_id()
    if exercise_id not in table:
        msg = f"unknown exercise_id {exercise_id!r}; valid ids: {', '.join(table)}"
        raise ValueError(msg)
    return table[exercise_id]


@dataclass(frozen=True)
class ExerciseCard:
    """Everything the library holds about one entry (for notebooks and handouts)."""

    exercise: Exercise
    steps: tuple[ExerciseStep, ...]
    dosages: tuple[Dosage, ...]
    evidence: tuple[EvidenceFinding, ...]
    poses: tuple[ExercisePose, ...]

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Every source cited by the card, sorted and without duplicates."""
        keys = {self.exercise.source_id}
        for rows in (self.steps, self.dosages, self.evidence, self.poses):
            keys.update(r.source_id for r in rows)
        return tuple(sorted(keys))


@cache
def exercise_card(exercise_id: str) -> ExerciseCard:
    """Collect an entry's steps, dosages, evidence and poses.

    Parameters
    ----------
    exercise_id : str
        Library identifier.

    Returns
    -------
    ExerciseCard
        Steps sorted by number; poses as (start, end) for exercises, empty for advice.

    Raises
    ------
    ValueError
        For an unknown identifier.

    References
    ----------
    The rows' own ``source_id`` values.
    """
    ex = get_exercise(exercise_id)
    steps = tuple(
        sorted((s for s in load_steps() if s.exercise_id == exercise_id), key=lambda s: s.step)
    )
    poses = tuple(
        sorted(
            (p for p in load_poses() if p.exercise_id == exercise_id),
            key=lambda p: p.position != "start",
        )
    )
    return ExerciseCard(
        exercise=ex,
        steps=steps,
        dosages=tuple(d for d in load_dosages() if d.exercise_id == exercise_id),
        evidence=tuple(e for e in load_evidence() if e.exercise_id == exercise_id),
        poses=poses,
    )


def pose_angles(exercise_id: str, position: str) -> JointAngles:
    """Joint angles of an exercise's illustrative start or end position.

    Parameters
    ----------
    exercise_id : str
        An exercise (not advice).
    position : {"start", "end"}
        Which position.

    Returns
    -------
    JointAngles
        Angles in degrees (a drawing choice, cited to ``teaching_assumption``).

    Raises
    ------
    ValueError
        For an unknown exercise, an advice entry, or a position other than start/end.

    Examples
    --------
    >>> pose_angles("sciatic_nerve_glide", "start").hip_flexion_deg
    90.0
    """
    if position not in ("start", "end"):
        msg = f"position must be 'start' or 'end', got {position!r}"
        raise ValueError(msg)
    card = exercise_card(exercise_id)
    for pose in card.poses:
        if pose.position == position:
            return pose.angles()
    valid = ", ".join(exercise_ids("exercise"))
    msg = f"{exercise_id!r} is advice and has no pose; exercises: {valid}"
    raise ValueError(msg)


# ----------------------------------------------------------------------------- planner
#: Allowed range of every plan field (inclusive). Plausibility bounds of this teaching
#: tool (teaching assumption) that catch typing errors; they are not clinical maxima.
PLAN_LIMITS = MappingProxyType(
    {
        "sets": (1, 5),
        "reps": (1, 30),
        "hold_s": (5, 60),
        "sessions_per_day": (1, 3),
        "days_per_week": (1, 7),
        "weeks": (1, 16),
    }
)
#: Allowed weekly increase: repetitions (reps exercises) or seconds (hold exercises).
PROGRESSION_LIMITS = MappingProxyType({"reps": (0, 5), "hold": (0, 10)})
#: Most repetitions a reps exercise may add up to in one day (sets x reps x sessions).
DAILY_REPS_LIMIT = 150
#: Most holding time a hold exercise may add up to in one day, seconds (20 min).
DAILY_HOLD_LIMIT_S = 1200
#: Day names, Monday first.
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _check_int(name: str, value: object, low: int, high: int) -> int:
    return check_whole_number(name, value, low, high)


@dataclass(frozen=True)
class PlanItem:
    """One exercise in a plan, with its dose. Build it with :func:`plan_item` (validated).

    Attributes
    ----------
    exercise_id : str
        A library exercise (not advice).
    sets : int
        Sets per session.
    reps : int
        Repetitions per set (reps exercises) or holds per set (hold exercises).
    hold_s : int or None
        Seconds per hold (hold exercises only).
    sessions_per_day : int
        Sessions a day.
    days_per_week : int
        Training days a week.
    progression_per_week : int
        Weekly increase of reps (reps exercises) or of hold seconds (hold exercises).
    """

    exercise_id: str
    sets: int
    reps: int
    hold_s: int | None
    sessions_per_day: int
    days_per_week: int
    progression_per_week: int = 0

    @property
    def mode(self) -> str:
        """``"reps"`` or ``"hold"``."""
        return get_exercise(self.exercise_id).mode


def item_limits(
    exercise_id: str, *, sets: int = 1, sessions_per_day: int = 1, hold_s: int | None = None
) -> dict[str, tuple[int, int]]:
    """Allowed ranges for one exercise's fields, given the values that cap the others.

    The daily totals (:data:`DAILY_REPS_LIMIT`, :data:`DAILY_HOLD_LIMIT_S`) make the upper
    limit of ``reps`` depend on ``sets``, ``sessions_per_day`` and ``hold_s``; widgets use
    this to bound their controls so an invalid plan cannot be entered.

    Parameters
    ----------
    exercise_id : str
        A library exercise.
    sets, sessions_per_day : int
        Current values (within :data:`PLAN_LIMITS`).
    hold_s : int, optional
        Seconds per hold (hold exercises; the lower limit is used when omitted).

    Returns
    -------
    dict of str to (int, int)
        ``{"sets": ..., "reps": ..., "hold_s": ..., "sessions_per_day": ...,
        "days_per_week": ..., "progression_per_week": ...}``; ``hold_s`` is ``(0, 0)`` for
        reps exercises.
    """
    mode = _plannable(exercise_id).mode
    sets = _check_int("sets", sets, *PLAN_LIMITS["sets"])
    sessions_per_day = _check_int(
        "sessions_per_day", sessions_per_day, *PLAN_LIMITS["sessions_per_day"]
    )
    limits = {k: PLAN_LIMITS[k] for k in ("sets", "sessions_per_day", "days_per_week")}
    low_r, high_r = PLAN_LIMITS["reps"]
    if mode == "reps":
        cap = DAILY_REPS_LIMIT // (sets * sessions_per_day)
        limits["hold_s"] = (0, 0)
    else:
        hold = (
            PLAN_LIMITS["hold_s"][0]
            if hold_s is None
            else _check_int("hold_s", hold_s, *PLAN_LIMITS["hold_s"])
        )
        cap = DAILY_HOLD_LIMIT_S // (sets * sessions_per_day * hold)
        limits["hold_s"] = PLAN_LIMITS["hold_s"]
    limits["reps"] = (low_r, max(low_r, min(high_r, cap)))
    limits["progression_per_week"] = PROGRESSION_LIMITS[mode]
    return limits


def _plannable(exercise_id: str) -> Exercise:
    ex = get_exercise(exercise_id)
    if ex.kind != "exercise":
        msg = (
            f"exercise_id {exercise_id!r} is advice and cannot be dosed; plannable "
            f"exercises: {', '.join(exercise_ids('exercise'))}"
        )
        raise ValueError(msg)
    return ex


def plan_item(
    exercise_id: str,
    *,
    sets: int,
    reps: int,
    sessions_per_day: int,
    days_per_week: int,
    hold_s: int | None = None,
    progression_per_week: int = 0,
) -> PlanItem:
    """Build and validate one plan entry.

    Parameters
    ----------
    exercise_id : str
        A plannable exercise (``exercise_ids("exercise")``).
    sets : int
        Sets per session, 1 to 5.
    reps : int
        Repetitions (or holds) per set, 1 to 30, and within the daily totals.
    sessions_per_day : int
        1 to 3.
    days_per_week : int
        1 to 7.
    hold_s : int, optional
        Seconds per hold, 5 to 60; required for hold exercises, not allowed otherwise.
    progression_per_week : int, default 0
        Weekly increase: 0 to 5 repetitions, or 0 to 10 seconds of hold.

    Returns
    -------
    PlanItem
        The validated entry.

    Raises
    ------
    TypeError
        If a number is not a real number.
    ValueError
        Naming the field and its allowed range, for a value out of range, a missing or
        unexpected ``hold_s``, daily totals above :data:`DAILY_REPS_LIMIT` repetitions or
        :data:`DAILY_HOLD_LIMIT_S` seconds, or an advice entry.

    Examples
    --------
    >>> plan_item("sciatic_nerve_glide", sets=1, reps=20, sessions_per_day=3, days_per_week=7).reps
    20
    >>> plan_item("sciatic_nerve_glide", sets=1, reps=-5, sessions_per_day=1, days_per_week=7)
    Traceback (most recent call last):
    ...
    ValueError: reps = -5 is outside its range 1 to 30
    """
    ex = _plannable(exercise_id)
    sets = _check_int("sets", sets, *PLAN_LIMITS["sets"])
    reps = _check_int("reps", reps, *PLAN_LIMITS["reps"])
    sessions_per_day = _check_int(
        "sessions_per_day", sessions_per_day, *PLAN_LIMITS["sessions_per_day"]
    )
    days_per_week = _check_int("days_per_week", days_per_week, *PLAN_LIMITS["days_per_week"])
    progression_per_week = _check_int(
        "progression_per_week", progression_per_week, *PROGRESSION_LIMITS[ex.mode]
    )
    if ex.mode == "hold":
        if hold_s is None:
            msg = f"hold_s is required for the hold exercise {exercise_id!r} (5 to 60 s)"
            raise ValueError(msg)
        hold_s = _check_int("hold_s", hold_s, *PLAN_LIMITS["hold_s"])
        daily = sets * reps * hold_s * sessions_per_day
        if daily > DAILY_HOLD_LIMIT_S:
            msg = (
                f"sets x reps x hold_s x sessions_per_day = {daily} s a day exceeds the "
                f"planner's limit of {DAILY_HOLD_LIMIT_S} s (20 min); lower one of them"
            )
            raise ValueError(msg)
    else:
        if hold_s is not None:
            msg = f"hold_s must be None for the repetition exercise {exercise_id!r}"
            raise ValueError(msg)
        daily = sets * reps * sessions_per_day
        if daily > DAILY_REPS_LIMIT:
            msg = (
                f"sets x reps x sessions_per_day = {daily} repetitions a day exceeds the "
                f"planner's limit of {DAILY_REPS_LIMIT}; lower one of them"
            )
            raise ValueError(msg)
    return PlanItem(
        exercise_id, sets, reps, hold_s, sessions_per_day, days_per_week, progression_per_week
    )


def _default_dosage(exercise_id: str) -> Dosage:
    rows = [d for d in exercise_card(exercise_id).dosages if d.is_complete]
    order = {"published": 0, "common prescription": 1, "teaching example": 2}
    return sorted(rows, key=lambda d: order[d.dosage_basis])[0]


def default_plan_item(exercise_id: str) -> tuple[PlanItem, Dosage]:
    """The plan entry built from an exercise's cited dose, and that dose.

    Published doses are preferred, then common prescriptions, then teaching examples.
    Where the source gives no days per week, 7 is used (say so where it is shown); the
    published 5-set, 10-rep calf-raise dose fits the planner's limits unchanged.

    Parameters
    ----------
    exercise_id : str
        A plannable exercise.

    Returns
    -------
    (PlanItem, Dosage)
        The validated entry and the library dose it came from.
    """
    _plannable(exercise_id)
    dose = _default_dosage(exercise_id)
    item = plan_item(
        exercise_id,
        sets=dose.sets,
        reps=dose.reps,
        hold_s=dose.hold_s,
        sessions_per_day=dose.sessions_per_day,
        days_per_week=dose.days_per_week or 7,
    )
    return item, dose


@dataclass(frozen=True)
class ExercisePlan:
    """A validated plan: entries, programme length and free text. Use :func:`build_plan`.

    Attributes
    ----------
    items : tuple of PlanItem
        One entry per exercise (no repeats), 1 to 8 entries.
    weeks : int
        Programme length, 1 to 16 weeks.
    title : str
        Heading for the handout (user text; escaped when rendered).
    notes : str
        Clinician's notes (user text; escaped when rendered).
    advice_ids : tuple of str
        Advice entries to include on the handout.
    """

    items: tuple[PlanItem, ...]
    weeks: int
    title: str = "Your exercise plan"
    notes: str = ""
    advice_ids: tuple[str, ...] = ()

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        """The planned exercises, in order."""
        return tuple(i.exercise_id for i in self.items)


_MAX_ITEMS = 8
_MAX_TITLE = 120
_MAX_NOTES = 2000


def build_plan(
    items: Iterable[PlanItem],
    *,
    weeks: int,
    title: str = "Your exercise plan",
    notes: str = "",
    advice_ids: Sequence[str] = (),
) -> ExercisePlan:
    """Build and validate a plan.

    Parameters
    ----------
    items : iterable of PlanItem
        Entries from :func:`plan_item`, 1 to 8, each exercise at most once.
    weeks : int
        Programme length, 1 to 16.
    title : str, default "Your exercise plan"
        1 to 120 characters.
    notes : str, default ""
        Up to 2000 characters.
    advice_ids : sequence of str, default ()
        Advice entries (``exercise_ids("advice")``) to print with the plan.

    Returns
    -------
    ExercisePlan
        The plan.

    Raises
    ------
    TypeError
        If an item is not a PlanItem or a text is not a str.
    ValueError
        For no items, more than 8, a repeated exercise, ``weeks`` outside 1 to 16, an empty
        or over-long title, over-long notes, or an unknown or non-advice ``advice_ids`` entry.
    """
    items = tuple(items)
    for i, item in enumerate(items):
        if not isinstance(item, PlanItem):
            msg = f"items[{i}] must be a PlanItem from plan_item(), got {type(item).__name__}"
            raise TypeError(msg)
    if not 1 <= len(items) <= _MAX_ITEMS:
        msg = f"items must hold 1 to {_MAX_ITEMS} exercises, got {len(items)}"
        raise ValueError(msg)
    ids = [i.exercise_id for i in items]
    repeated = sorted({x for x in ids if ids.count(x) > 1})
    if repeated:
        msg = f"items: each exercise may appear once; repeated: {', '.join(repeated)}"
        raise ValueError(msg)
    # re-validate in case a PlanItem was built directly
    items = tuple(
        plan_item(
            i.exercise_id,
            sets=i.sets,
            reps=i.reps,
            hold_s=i.hold_s,
            sessions_per_day=i.sessions_per_day,
            days_per_week=i.days_per_week,
            progression_per_week=i.progression_per_week,
        )
        for i in items
    )
    weeks = _check_int("weeks", weeks, *PLAN_LIMITS["weeks"])
    for name, text, limit in (("title", title, _MAX_TITLE), ("notes", notes, _MAX_NOTES)):
        if not isinstance(text, str):
            msg = f"{name} must be a str, got {type(text).__name__}"
            raise TypeError(msg)
        if len(text) > limit:
            msg = f"{name} is {len(text)} characters long; the limit is {limit}"
            raise ValueError(msg)
    if not title.strip():
        msg = "title must not be empty (1 to 120 characters)"
        raise ValueError(msg)
    if isinstance(advice_ids, str):
        advice_ids = (advice_ids,)
    valid_advice = exercise_ids("advice")
    for key in advice_ids:
        if key not in valid_advice:
            msg = f"advice_ids: {key!r} is not advice; valid: {', '.join(valid_advice)}"
            raise ValueError(msg)
    return ExercisePlan(
        items, weeks, title.strip(), notes.strip(), tuple(dict.fromkeys(advice_ids))
    )


def default_plan(
    exercise_ids_: Sequence[str] = ("sciatic_nerve_glide",),
    *,
    weeks: int = 4,
    advice_ids: Sequence[str] = (),
) -> ExercisePlan:
    """A plan of the given exercises at their cited default doses (see :func:`default_plan_item`).

    Parameters
    ----------
    exercise_ids_ : sequence of str
        Plannable exercises.
    weeks : int, default 4
        Programme length, 1 to 16.
    advice_ids : sequence of str, default ()
        Advice entries to include.

    Returns
    -------
    ExercisePlan
        The plan.
    """
    if isinstance(exercise_ids_, str):
        exercise_ids_ = (exercise_ids_,)
    return build_plan(
        [default_plan_item(e)[0] for e in exercise_ids_], weeks=weeks, advice_ids=advice_ids
    )


@dataclass(frozen=True)
class WeekRow:
    """One exercise in one week of a plan.

    Attributes
    ----------
    week : int
        Week number, from 1.
    exercise_id, name : str
        The exercise.
    sets, reps, sessions_per_day, days_per_week : int
        The dose that week (reps grow with progression).
    hold_s : int or None
        Seconds per hold that week (hold exercises).
    capped : bool
        True when progression reached the planner's limit and stopped.
    sessions_per_week : int
        ``sessions_per_day * days_per_week``.
    reps_per_week : int
        Repetitions (or holds) in the week.
    hold_min_per_week : float
        Minutes of holding in the week (0 for reps exercises).
    """

    week: int
    exercise_id: str
    name: str
    sets: int
    reps: int
    hold_s: int | None
    sessions_per_day: int
    days_per_week: int
    capped: bool
    sessions_per_week: int
    reps_per_week: int
    hold_min_per_week: float

    @property
    def dose_text(self) -> str:
        """The dose in words, e.g. ``"1 × 20 reps, 3× a day, 7 days a week"``."""
        return dose_per_session_text(self)


def dose_per_session_text(row: PlanItem | WeekRow) -> str:
    """A dose in plain words.

    Parameters
    ----------
    row : PlanItem or WeekRow
        The dose.

    Returns
    -------
    str
        E.g. ``"1 set × 5 holds of 30 s, once a day, 2 days a week"``.
    """
    sets = f"{row.sets} set" + ("s" if row.sets != 1 else "")
    if row.hold_s is not None:
        body = f"{sets} × {row.reps} hold" + ("s" if row.reps != 1 else "") + f" of {row.hold_s} s"
    else:
        body = f"{sets} × {row.reps} rep" + ("s" if row.reps != 1 else "")
    per_day = {1: "once a day", 2: "twice a day"}.get(
        row.sessions_per_day, f"{row.sessions_per_day} times a day"
    )
    days = (
        "every day"
        if row.days_per_week == 7
        else (f"{row.days_per_week} day" + ("s" if row.days_per_week != 1 else "") + " a week")
    )
    return f"{body}, {per_day}, {days}"


def weekly_plan_table(plan: ExercisePlan) -> tuple[WeekRow, ...]:
    """Expand a plan week by week, applying progression up to the planner's limits.

    Each week, reps (reps exercises) or hold seconds (hold exercises) rise by
    ``progression_per_week``; growth stops at the largest value the limits allow
    (:data:`PLAN_LIMITS` and the daily totals), and ``capped`` marks those weeks.

    Parameters
    ----------
    plan : ExercisePlan
        A plan from :func:`build_plan`.

    Returns
    -------
    tuple of WeekRow
        Ordered by week, then by the plan's exercise order.

    Raises
    ------
    TypeError
        If ``plan`` is not an ExercisePlan.

    Examples
    --------
    >>> plan = build_plan(
    ...     [
    ...         plan_item(
    ...             "sciatic_nerve_glide",
    ...             sets=1,
    ...             reps=10,
    ...             sessions_per_day=2,
    ...             days_per_week=7,
    ...             progression_per_week=5,
    ...         )
    ...     ],
    ...     weeks=3,
    ... )
    >>> [r.reps for r in weekly_plan_table(plan)]
    [10, 15, 20]
    """
    if not isinstance(plan, ExercisePlan):
        msg = f"plan must be an ExercisePlan from build_plan(), got {type(plan).__name__}"
        raise TypeError(msg)
    rows = []
    for week in range(1, plan.weeks + 1):
        for item in plan.items:
            ex = get_exercise(item.exercise_id)
            step = item.progression_per_week * (week - 1)
            reps, hold = item.reps, item.hold_s
            capped = False
            if ex.mode == "reps":
                cap = item_limits(
                    item.exercise_id, sets=item.sets, sessions_per_day=item.sessions_per_day
                )["reps"][1]
                want = item.reps + step
                reps = min(want, max(cap, item.reps))
                capped = want > reps
            else:
                hold_cap = min(
                    PLAN_LIMITS["hold_s"][1],
                    DAILY_HOLD_LIMIT_S // (item.sets * item.reps * item.sessions_per_day),
                )
                want = item.hold_s + step
                hold = min(want, max(hold_cap, item.hold_s))
                capped = want > hold
            per_week = item.sessions_per_day * item.days_per_week
            total_reps = item.sets * reps * per_week
            hold_min = total_reps * hold / 60.0 if hold is not None else 0.0
            rows.append(
                WeekRow(
                    week,
                    item.exercise_id,
                    ex.name,
                    item.sets,
                    reps,
                    hold,
                    item.sessions_per_day,
                    item.days_per_week,
                    capped,
                    per_week,
                    total_reps,
                    hold_min,
                )
            )
    return tuple(rows)


def training_days(days_per_week: int) -> tuple[int, ...]:
    """Spread training days evenly over a week (0 = Monday).

    Parameters
    ----------
    days_per_week : int
        1 to 7.

    Returns
    -------
    tuple of int
        Day indices, e.g. ``(0, 4)`` for two days (Monday and Friday).

    Examples
    --------
    >>> training_days(3)
    (0, 2, 5)
    """
    n = _check_int("days_per_week", days_per_week, *PLAN_LIMITS["days_per_week"])
    return tuple(sorted({math.floor(i * 7 / n + 0.5) % 7 for i in range(n)}))


def plan_source_ids(plan: ExercisePlan) -> tuple[str, ...]:
    """Every source cited by the plan's exercise and advice cards (for a reference list)."""
    keys: set[str] = set()
    for key in (*plan.exercise_ids, *plan.advice_ids):
        keys.update(exercise_card(key).source_ids)
    keys.update(r.source_id for r in load_stop_rules())
    return tuple(sorted(keys))


def with_item(plan: ExercisePlan, item: PlanItem) -> ExercisePlan:
    """Return ``plan`` with ``item`` replacing the entry for the same exercise (or appended)."""
    items = [item if i.exercise_id == item.exercise_id else i for i in plan.items]
    if item.exercise_id not in plan.exercise_ids:
        items.append(item)
    return build_plan(
        items, weeks=plan.weeks, title=plan.title, notes=plan.notes, advice_ids=plan.advice_ids
    )
