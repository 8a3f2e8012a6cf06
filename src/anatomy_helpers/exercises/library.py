"""The exercise library: exercises, steps, cited dosages, evidence, stop rules and poses.

Every table declares its key and its reference to ``exercises.csv`` next to its record
class; the rules that span tables (every exercise has numbered steps, a complete dose,
evidence, a start and an end pose and an expected sensation) are table checks here too.

References
----------
seed_sciatic_glide_page, seed_nerve_tension_page, seed_calf_sciatica_page, cleland2006,
ferreira2016, kinoshita2023, radford2006, french2006, teaching_assumption
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Literal

from anatomy_helpers.kinematics import JointAngles, JointAnglesRow
from anatomy_helpers.tables import FieldError, Verification, table_loader
from anatomy_helpers.validation import check_choice

__all__ = [
    "Dosage",
    "EvidenceFinding",
    "Exercise",
    "ExerciseCard",
    "ExercisePose",
    "ExerciseSensation",
    "ExerciseStep",
    "StopRule",
    "exercise_card",
    "exercise_ids",
    "get_exercise",
    "load_dosages",
    "load_evidence",
    "load_exercise_sensations",
    "load_exercises",
    "load_poses",
    "load_steps",
    "load_stop_rules",
    "pose_angles",
]

Kind = Literal["exercise", "advice"]
Mode = Literal["reps", "hold", "advice"]
Supervision = Literal["self-managed", "clinician-supervised"]
DosageBasis = Literal["published", "common prescription", "teaching example"]
Position = Literal["start", "end"]
Support = Literal["floor", "seat", "floor_sitting", "floor_sitting_towel", "wall", "standing"]

_EXERCISES = "exercises.csv"
#: Entry kinds.
KINDS = ("exercise", "advice")
#: Positions of an exercise pose.
POSITIONS = ("start", "end")


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
        return _sensations()[self.exercise_id]

    def check(self) -> None:
        """Advice rows (and only they) take mode ``advice``."""
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


@dataclass(frozen=True)
class Dosage:
    """A dose for an exercise, labelled by where it comes from.

    Attributes
    ----------
    exercise_id : str
        The exercise.
    dosage_basis : {"published", "common prescription", "teaching example"}
        Trial dose, untested clinical habit, or labelled example (see the package docs).
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
        """Teaching examples are the labelled assumptions; a session range is ordered."""
        if (self.dosage_basis == "teaching example") != (self.verification == "A"):
            raise FieldError(
                "dosage_basis", "'teaching example' rows, and only they, are assumptions (A)"
            )
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
class ExercisePose(JointAnglesRow):
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


# ----------------------------------------------------------------------- table rules
def _per_entry(rows, wanted: Callable[[Exercise], bool], problem: str, column: str) -> None:
    """Table rule: every library entry with ``wanted(entry)`` has a row, the others none."""
    have = {r.exercise_id for r in rows}
    for entry in load_exercises():
        if wanted(entry) != (entry.exercise_id in have):
            raise FieldError(column, f"{entry.exercise_id!r}: {problem}")


def _steps_numbered(rows: tuple[ExerciseStep, ...]) -> None:
    """Every entry has steps numbered 1, 2, ... without gaps."""
    _per_entry(rows, lambda e: True, "every entry needs numbered steps", "exercise_id")
    numbers: dict[str, list[int]] = {}
    for row in rows:
        numbers.setdefault(row.exercise_id, []).append(row.step)
    for index, row in enumerate(rows):
        expected = list(range(1, len(numbers[row.exercise_id]) + 1))
        if sorted(numbers[row.exercise_id]) != expected:
            problem = f"the steps of {row.exercise_id!r} must be numbered 1 to {expected[-1]}"
            raise FieldError("step", problem, record=index)


def _poses_complete(rows: tuple[ExercisePose, ...]) -> None:
    """Exercises have a start and an end pose; advice has none."""
    _per_entry(rows, lambda e: e.kind == "exercise", "exercises (only) need poses", "exercise_id")
    positions: dict[str, set[str]] = {}
    for row in rows:
        positions.setdefault(row.exercise_id, set()).add(row.position)
    for index, row in enumerate(rows):
        if positions[row.exercise_id] != set(POSITIONS):
            problem = f"{row.exercise_id!r} needs both a start and an end pose"
            raise FieldError("position", problem, record=index)


def _doses_usable(rows: tuple[Dosage, ...]) -> None:
    """Exercises (only) have doses, and at least one complete dose to plan with."""
    _per_entry(rows, lambda e: e.kind == "exercise", "exercises (only) need doses", "exercise_id")
    complete = {r.exercise_id for r in rows if r.is_complete}
    for index, row in enumerate(rows):
        if row.exercise_id not in complete:
            problem = f"{row.exercise_id!r} has no complete dose (sets, reps, sessions)"
            raise FieldError("sets", problem, record=index)


def _evidence_everywhere(rows: tuple[EvidenceFinding, ...]) -> None:
    _per_entry(rows, lambda e: True, "every entry needs cited evidence", "exercise_id")


def _sensation_everywhere(rows: tuple[ExerciseSensation, ...]) -> None:
    _per_entry(rows, lambda e: True, "every entry needs an expected sensation", "exercise_id")


_ENTRY = {"exercise_id": _EXERCISES}

#: Exercises and advice (``data/exercises.csv``). References: seed pages, kinoshita2023.
load_exercises = table_loader(_EXERCISES, Exercise, key="exercise_id", unique=["name"])
#: Numbered steps (``data/exercise_steps.csv``).
load_steps = table_loader(
    "exercise_steps.csv",
    ExerciseStep,
    key=("exercise_id", "step"),
    references=_ENTRY,
    check=_steps_numbered,
)
#: Dosages with their basis (``data/exercise_dosage.csv``).
load_dosages = table_loader("exercise_dosage.csv", Dosage, references=_ENTRY, check=_doses_usable)
#: Evidence findings (``data/exercise_evidence.csv``).
load_evidence = table_loader(
    "exercise_evidence.csv", EvidenceFinding, references=_ENTRY, check=_evidence_everywhere
)
#: Stop rules shared by all exercises (``data/exercise_stop_rules.csv``).
load_stop_rules = table_loader("exercise_stop_rules.csv", StopRule, key="rule_id")
#: Illustrative start/end poses (``data/exercise_poses.csv``; teaching assumption).
load_poses = table_loader(
    "exercise_poses.csv",
    ExercisePose,
    key=("exercise_id", "position"),
    references=_ENTRY,
    check=_poses_complete,
    tags="A",
)
#: Load ``data/exercise_sensations.csv`` (labelled teaching assumptions).
load_exercise_sensations = table_loader(
    "exercise_sensations.csv",
    ExerciseSensation,
    key="exercise_id",
    references=_ENTRY,
    check=_sensation_everywhere,
    tags="A",
)


# ----------------------------------------------------------------------------- lookups
@cache
def _by_id() -> Mapping[str, Exercise]:
    return MappingProxyType({ex.exercise_id: ex for ex in load_exercises()})


@cache
def _sensations() -> Mapping[str, str]:
    return MappingProxyType({r.exercise_id: r.what_to_feel for r in load_exercise_sensations()})


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
    TypeError, ValueError
        If ``kind`` is not ``"exercise"``, ``"advice"`` or None.

    Examples
    --------
    >>> exercise_ids("exercise")[0]
    'sciatic_nerve_glide'
    """
    if kind is not None:
        check_choice("kind", kind, KINDS, valid="kinds (or None)")
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
    table = _by_id()
    return table[check_choice("exercise_id", exercise_id, table, valid="ids")]


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
def _card(exercise_id: str) -> ExerciseCard:
    def mine(rows):
        return [r for r in rows if r.exercise_id == exercise_id]

    return ExerciseCard(
        exercise=_by_id()[exercise_id],
        steps=tuple(sorted(mine(load_steps()), key=lambda s: s.step)),
        dosages=tuple(mine(load_dosages())),
        evidence=tuple(mine(load_evidence())),
        poses=tuple(sorted(mine(load_poses()), key=lambda p: POSITIONS.index(p.position))),
    )


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
    TypeError, ValueError
        For an identifier that is not a str or not in the library.

    References
    ----------
    The rows' own ``source_id`` values.
    """
    return _card(get_exercise(exercise_id).exercise_id)


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
    TypeError, ValueError
        For an unknown exercise, an advice entry, or a position other than start/end.

    Examples
    --------
    >>> pose_angles("sciatic_nerve_glide", "start").hip_flexion_deg
    90.0
    """
    if position not in POSITIONS:
        msg = f"position must be 'start' or 'end', got {position!r}"
        raise ValueError(msg)
    for pose in exercise_card(exercise_id).poses:
        if pose.position == position:
            return pose.angles()
    valid = ", ".join(exercise_ids("exercise"))
    msg = f"exercise_id {exercise_id!r} is advice and has no pose; exercises: {valid}"
    raise ValueError(msg)
