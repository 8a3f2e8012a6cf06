"""The validated weekly dosage planner: plan entries, limits and whole plans.

:func:`plan_item` and :func:`build_plan` check every number against :data:`PLAN_LIMITS`
and two daily totals. These limits are plausibility bounds of this teaching tool that
catch typing errors (a teaching assumption), not clinical maximum doses.

References
----------
teaching_assumption (limits); the doses' own sources (see :mod:`.library`)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from anatomy_helpers.exercises.library import (
    Dosage,
    Exercise,
    exercise_card,
    exercise_ids,
    get_exercise,
)
from anatomy_helpers.validation import check_whole_number

__all__ = [
    "DAILY_HOLD_LIMIT_S",
    "DAILY_REPS_LIMIT",
    "DAYS",
    "PLAN_LIMITS",
    "PROGRESSION_LIMITS",
    "ExercisePlan",
    "PlanItem",
    "build_plan",
    "default_plan",
    "default_plan_item",
    "item_limits",
    "plan_item",
    "with_item",
]

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

_MAX_ITEMS = 8
_MAX_TITLE = 120
_MAX_NOTES = 2000


def _check_int(name: str, value: object, low: int, high: int) -> int:
    return check_whole_number(name, value, low, high)


def _limited(name: str, value: object) -> int:
    return _check_int(name, value, *PLAN_LIMITS[name])


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


def _plannable(exercise_id: str) -> Exercise:
    ex = get_exercise(exercise_id)
    if ex.kind != "exercise":
        msg = (
            f"exercise_id {exercise_id!r} is advice and cannot be dosed; plannable "
            f"exercises: {', '.join(exercise_ids('exercise'))}"
        )
        raise ValueError(msg)
    return ex


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
    sets = _limited("sets", sets)
    sessions_per_day = _limited("sessions_per_day", sessions_per_day)
    limits = {k: PLAN_LIMITS[k] for k in ("sets", "sessions_per_day", "days_per_week")}
    low_r, high_r = PLAN_LIMITS["reps"]
    if mode == "reps":
        cap = DAILY_REPS_LIMIT // (sets * sessions_per_day)
        limits["hold_s"] = (0, 0)
    else:
        hold = PLAN_LIMITS["hold_s"][0] if hold_s is None else _limited("hold_s", hold_s)
        cap = DAILY_HOLD_LIMIT_S // (sets * sessions_per_day * hold)
        limits["hold_s"] = PLAN_LIMITS["hold_s"]
    limits["reps"] = (low_r, max(low_r, min(high_r, cap)))
    limits["progression_per_week"] = PROGRESSION_LIMITS[mode]
    return limits


def _check_hold(ex: Exercise, hold_s: object) -> int | None:
    if ex.mode == "hold":
        if hold_s is None:
            msg = f"hold_s is required for the hold exercise {ex.exercise_id!r} (5 to 60 s)"
            raise ValueError(msg)
        return _limited("hold_s", hold_s)
    if hold_s is not None:
        msg = f"hold_s must be None for the repetition exercise {ex.exercise_id!r}"
        raise ValueError(msg)
    return None


def _check_daily_total(sets: int, reps: int, hold_s: int | None, sessions: int) -> None:
    if hold_s is not None:
        daily = sets * reps * hold_s * sessions
        if daily > DAILY_HOLD_LIMIT_S:
            msg = (
                f"sets x reps x hold_s x sessions_per_day = {daily} s a day exceeds the "
                f"planner's limit of {DAILY_HOLD_LIMIT_S} s (20 min); lower one of them"
            )
            raise ValueError(msg)
        return
    daily = sets * reps * sessions
    if daily > DAILY_REPS_LIMIT:
        msg = (
            f"sets x reps x sessions_per_day = {daily} repetitions a day exceeds the "
            f"planner's limit of {DAILY_REPS_LIMIT}; lower one of them"
        )
        raise ValueError(msg)


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
    sets = _limited("sets", sets)
    reps = _limited("reps", reps)
    sessions_per_day = _limited("sessions_per_day", sessions_per_day)
    days_per_week = _limited("days_per_week", days_per_week)
    progression_per_week = _check_int(
        "progression_per_week", progression_per_week, *PROGRESSION_LIMITS[ex.mode]
    )
    hold = _check_hold(ex, hold_s)
    _check_daily_total(sets, reps, hold, sessions_per_day)
    return PlanItem(
        exercise_id, sets, reps, hold, sessions_per_day, days_per_week, progression_per_week
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


def _as_sequence(name: str, value: object) -> tuple:
    """A str becomes a one-item tuple; other iterables a tuple; anything else a TypeError."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, Iterable) or isinstance(value, bytes):
        msg = f"{name} must be a list of names, got {type(value).__name__}"
        raise TypeError(msg)
    return tuple(value)


def _check_items(items: object) -> tuple[PlanItem, ...]:
    if not isinstance(items, Iterable) or isinstance(items, (str, bytes)):
        msg = f"items must be a list of PlanItem from plan_item(), got {type(items).__name__}"
        raise TypeError(msg)
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
    return tuple(
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


def _check_texts(title: object, notes: object) -> tuple[str, str]:
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
    return title.strip(), notes.strip()


def _check_advice(advice_ids: object) -> tuple[str, ...]:
    keys = _as_sequence("advice_ids", advice_ids)
    valid_advice = exercise_ids("advice")
    for key in keys:
        if not isinstance(key, str) or key not in valid_advice:
            msg = f"advice_ids: {key!r} is not advice; valid: {', '.join(valid_advice)}"
            raise ValueError(msg)
    return tuple(dict.fromkeys(keys))


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
    items = _check_items(items)
    weeks = _limited("weeks", weeks)
    title, notes = _check_texts(title, notes)
    return ExercisePlan(items, weeks, title, notes, _check_advice(advice_ids))


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
    keys = _as_sequence("exercise_ids_", exercise_ids_)
    if not 1 <= len(keys) <= _MAX_ITEMS:
        msg = f"exercise_ids_ must name 1 to {_MAX_ITEMS} exercises, got {len(keys)}"
        raise ValueError(msg)
    return build_plan([default_plan_item(e)[0] for e in keys], weeks=weeks, advice_ids=advice_ids)


def with_item(plan: ExercisePlan, item: PlanItem) -> ExercisePlan:
    """Return ``plan`` with ``item`` replacing the entry for the same exercise (or appended).

    Raises
    ------
    TypeError
        If ``plan`` is not an ExercisePlan or ``item`` not a PlanItem.
    """
    if not isinstance(plan, ExercisePlan):
        msg = f"plan must be an ExercisePlan from build_plan(), got {type(plan).__name__}"
        raise TypeError(msg)
    if not isinstance(item, PlanItem):
        msg = f"item must be a PlanItem from plan_item(), got {type(item).__name__}"
        raise TypeError(msg)
    items = [item if i.exercise_id == item.exercise_id else i for i in plan.items]
    if item.exercise_id not in plan.exercise_ids:
        items.append(item)
    return build_plan(
        items, weeks=plan.weeks, title=plan.title, notes=plan.notes, advice_ids=plan.advice_ids
    )
