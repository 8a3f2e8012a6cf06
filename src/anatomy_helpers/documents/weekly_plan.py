"""An exercise plan week by week as a CSV table, for a spreadsheet or a clinic record.

One row per exercise per week, from :func:`anatomy_helpers.exercises.weekly_plan_table`,
with the dose in numbers and in words and a flag where progression stopped at the
planner's limit. The text is UTF-8 with CRLF line ends (RFC 4180), so spreadsheet programs
open it directly.

References
----------
RFC 4180 (CSV); the plan's doses and their sources, :mod:`anatomy_helpers.exercises`.
"""

from __future__ import annotations

import csv
import io

from anatomy_helpers.exercises import ExercisePlan, weekly_plan_table

__all__ = ["WEEKLY_PLAN_COLUMNS", "weekly_plan_csv"]

#: Columns of :func:`weekly_plan_csv`, in order.
WEEKLY_PLAN_COLUMNS = (
    "week",
    "exercise",
    "sets",
    "reps_or_holds",
    "hold_s",
    "sessions_per_day",
    "days_per_week",
    "dose",
    "progression_capped",
)


def weekly_plan_csv(plan: ExercisePlan) -> str:
    """The plan, one row per exercise per week, as CSV text.

    Parameters
    ----------
    plan : ExercisePlan
        A plan from :func:`anatomy_helpers.exercises.build_plan`.

    Returns
    -------
    str
        A header row (:data:`WEEKLY_PLAN_COLUMNS`) and ``weeks × exercises`` rows; ``hold_s``
        is empty for repetition exercises.

    Raises
    ------
    TypeError
        If ``plan`` is not an ExercisePlan.

    References
    ----------
    The doses' sources are those of :func:`anatomy_helpers.exercises.plan_source_ids`.

    Examples
    --------
    >>> from anatomy_helpers.exercises import default_plan
    >>> text = weekly_plan_csv(default_plan(["sciatic_nerve_glide"], weeks=2))
    >>> text.splitlines()[0]
    'week,exercise,sets,reps_or_holds,hold_s,sessions_per_day,days_per_week,dose,progression_capped'
    >>> len(text.splitlines())
    3
    """
    if not isinstance(plan, ExercisePlan):
        msg = f"plan must be an ExercisePlan from build_plan(), got {type(plan).__name__}"
        raise TypeError(msg)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(WEEKLY_PLAN_COLUMNS)
    for row in weekly_plan_table(plan):
        writer.writerow(
            [
                row.week,
                row.name,
                row.sets,
                row.reps,
                "" if row.hold_s is None else row.hold_s,
                row.sessions_per_day,
                row.days_per_week,
                row.dose_text,
                "yes" if row.capped else "no",
            ]
        )
    return out.getvalue()
