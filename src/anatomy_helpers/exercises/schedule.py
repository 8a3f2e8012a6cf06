"""A plan week by week: progression up to the planner's limits, doses in words, training days.

References
----------
teaching_assumption (planner limits); the doses' own sources
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from anatomy_helpers.exercises.library import exercise_card, get_exercise, load_stop_rules
from anatomy_helpers.exercises.planner import (
    DAILY_HOLD_LIMIT_S,
    PLAN_LIMITS,
    ExercisePlan,
    PlanItem,
    _check_int,
    item_limits,
)

__all__ = [
    "WeekRow",
    "dose_per_session_text",
    "plan_source_ids",
    "training_days",
    "weekly_plan_table",
]


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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("s" if n != 1 else "")


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

    Raises
    ------
    TypeError
        If ``row`` is not a PlanItem or WeekRow.
    """
    if not isinstance(row, (PlanItem, WeekRow)):
        msg = f"row must be a PlanItem or WeekRow, got {type(row).__name__}"
        raise TypeError(msg)
    sets = _plural(row.sets, "set")
    if row.hold_s is not None:
        body = f"{sets} × {_plural(row.reps, 'hold')} of {row.hold_s} s"
    else:
        body = f"{sets} × {_plural(row.reps, 'rep')}"
    per_day = {1: "once a day", 2: "twice a day"}.get(
        row.sessions_per_day, f"{row.sessions_per_day} times a day"
    )
    days = "every day" if row.days_per_week == 7 else f"{_plural(row.days_per_week, 'day')} a week"
    return f"{body}, {per_day}, {days}"


def _week_dose(item: PlanItem, mode: str, week: int) -> tuple[int, int | None, bool]:
    """Reps and hold of ``item`` in ``week`` after progression, and whether it was capped."""
    step = item.progression_per_week * (week - 1)
    if mode == "reps":
        cap = item_limits(item.exercise_id, sets=item.sets, sessions_per_day=item.sessions_per_day)[
            "reps"
        ][1]
        want = item.reps + step
        reps = min(want, max(cap, item.reps))
        return reps, item.hold_s, want > reps
    hold_cap = min(
        PLAN_LIMITS["hold_s"][1],
        DAILY_HOLD_LIMIT_S // (item.sets * item.reps * item.sessions_per_day),
    )
    want = item.hold_s + step
    hold = min(want, max(hold_cap, item.hold_s))
    return item.reps, hold, want > hold


def _week_row(item: PlanItem, week: int) -> WeekRow:
    ex = get_exercise(item.exercise_id)
    reps, hold, capped = _week_dose(item, ex.mode, week)
    per_week = item.sessions_per_day * item.days_per_week
    total_reps = item.sets * reps * per_week
    return WeekRow(
        week=week,
        exercise_id=item.exercise_id,
        name=ex.name,
        sets=item.sets,
        reps=reps,
        hold_s=hold,
        sessions_per_day=item.sessions_per_day,
        days_per_week=item.days_per_week,
        capped=capped,
        sessions_per_week=per_week,
        reps_per_week=total_reps,
        hold_min_per_week=total_reps * hold / 60.0 if hold is not None else 0.0,
    )


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
    >>> from anatomy_helpers.exercises import build_plan, plan_item
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
    _check_plan(plan)
    return tuple(_week_row(item, week) for week in range(1, plan.weeks + 1) for item in plan.items)


def _check_plan(plan: object) -> None:
    if not isinstance(plan, ExercisePlan):
        msg = f"plan must be an ExercisePlan from build_plan(), got {type(plan).__name__}"
        raise TypeError(msg)


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
    """Every source cited by the plan's exercise and advice cards (for a reference list).

    Raises
    ------
    TypeError
        If ``plan`` is not an ExercisePlan.
    """
    _check_plan(plan)
    keys: set[str] = set()
    for key in (*plan.exercise_ids, *plan.advice_ids):
        keys.update(exercise_card(key).source_ids)
    keys.update(r.source_id for r in load_stop_rules())
    return tuple(sorted(keys))
