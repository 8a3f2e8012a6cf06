"""Exercise poses (start and end stick figures) and the weekly plan chart (notebook 06).

Poses come from :func:`anatomy_helpers.exercises.pose_angles` through the shared forward
kinematics, so every picture is reproducible from the data table. :class:`WeeklyPlanChart`
keeps its artists and moves them on :meth:`WeeklyPlanChart.update` for the dosage planner.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.stick_figure import StickFigure, draw_floor, movement_arrow
from anatomy_helpers.drawing.style import GREYS, OKABE_ITO, new_figure, styled
from anatomy_helpers.exercises import (
    DAYS,
    ExercisePlan,
    default_plan,
    exercise_card,
    exercise_ids,
    training_days,
    weekly_plan_table,
)
from anatomy_helpers.kinematics import Pose, pose_from_angles

__all__ = [
    "PLAN_STYLES",
    "WeeklyPlanChart",
    "build_exercise_pose_figure",
    "build_weekly_plan_figure",
    "exercise_pose_alt",
    "exercise_poses",
    "weekly_plan_alt",
]

#: Colour, line style and marker per plan row (colour is never the only channel).
PLAN_STYLES = (
    (OKABE_ITO["blue"], "-", "o"),
    (OKABE_ITO["vermillion"], "--", "s"),
    (OKABE_ITO["bluish_green"], "-.", "^"),
    (OKABE_ITO["reddish_purple"], ":", "D"),
    (OKABE_ITO["orange"], "-", "v"),
    (OKABE_ITO["sky_blue"], "--", "P"),
    (OKABE_ITO["black"], "-.", "X"),
    (GREYS["mid"], ":", "*"),
)

# Which point stays put between start and end (the part in contact with the support).
_ANCHOR = {
    "floor": "hip",
    "seat": "hip",
    "floor_sitting": "hip",
    "floor_sitting_towel": "hip",
    "wall": "heel",
    "standing": "toe",
}


def exercise_poses(exercise_id: str) -> tuple[Pose, Pose, float, str]:
    """Start and end poses placed on their support.

    Parameters
    ----------
    exercise_id : str
        A library exercise (not advice).

    Returns
    -------
    (Pose, Pose, float, str)
        Start pose, end pose (same anchor point as the start), the floor height (m) and
        the support name.
    """
    card = exercise_card(exercise_id)
    if not card.poses:
        valid = ", ".join(exercise_ids("exercise"))
        msg = f"{exercise_id!r} is advice and has no pose; exercises: {valid}"
        raise ValueError(msg)
    start_row, end_row = card.poses
    support = start_row.support
    start = pose_from_angles(start_row.angles())
    floor = start.lowest_y_m()
    start = start.translated("hip", (0.0, -floor))
    end = pose_from_angles(end_row.angles())
    anchor = _ANCHOR[support]
    end = end.translated(anchor, tuple(start[anchor]))
    return start, end, 0.0, support


def _moved_point(start: Pose, end: Pose) -> str:
    names = [n for n in start.points if n not in ("skull_base",)]
    return max(names, key=lambda n: float(np.hypot(*(end[n] - start[n]))))


def _wall_x(*poses: Pose) -> float:
    return max(p[0] for pose in poses for p in pose.points.values()) + 0.08


def _draw_support(ax, pose: Pose, support: str, end: Pose) -> None:
    x0 = min(p[0] for p in pose.points.values()) - 0.3
    x1 = max(p[0] for p in pose.points.values()) + 0.3
    if support == "seat":
        top = pose["hip"][1] - 0.05 * pose.height_m
        ax.fill_between(
            [pose["hip"][0] - 0.2, pose["knee"][0] - 0.08],
            0.0,
            top,
            color=GREYS["light"],
            zorder=1,
            linewidth=0,
        )
    if support == "wall":
        wall_x = _wall_x(pose, end)
        ax.plot([wall_x, wall_x], [0, 1.9], color=GREYS["outline"], lw=3, zorder=1)
        ax.text(
            wall_x + 0.03, 1.0, "wall", rotation=90, va="center", fontsize=10, color=GREYS["text"]
        )
        x1 = max(x1, wall_x + 0.2)
    draw_floor(ax, 0.0, (x0, x1))


@styled
def build_exercise_pose_figure(exercise_id: str) -> Figure:
    """Start and end positions of an exercise, side by side, with a movement arrow.

    Parameters
    ----------
    exercise_id : str
        A library exercise.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels ("Start", "End"); the end panel repeats the start pose in light grey
        and an arrow shows the path of the point that moves most.

    References
    ----------
    Poses: teaching_assumption (drawing angles); steps: see the exercise's card.
    """
    start, end, _floor, support = exercise_poses(exercise_id)
    name = exercise_card(exercise_id).exercise.name
    fig = new_figure(7.6, 3.4)
    axes = fig.subplots(1, 2)
    pts = np.array([*start.points.values(), *end.points.values()])
    pad = 0.25
    xlim = (pts[:, 0].min() - pad, pts[:, 0].max() + pad + (0.3 if support == "wall" else 0))
    ylim = (-0.08, max(pts[:, 1].max() + 0.15, 0.6))
    for ax, pose, title in ((axes[0], start, "Start"), (axes[1], end, "End")):
        ax.set_aspect("equal")
        ax.set_axis_off()
        _draw_support(ax, start, support, end)
        if pose is end:
            StickFigure(ax, start, color=GREYS["light"], zorder=2)
        StickFigure(ax, pose)
        if support == "floor_sitting_towel":
            hand = pose["c7"] + np.array([0.22, -0.12])
            ax.plot(
                [pose["toe"][0], hand[0]],
                [pose["toe"][1], hand[1]],
                color=OKABE_ITO["bluish_green"],
                lw=2.5,
                zorder=4,
            )
            # above the towel's hand end, clear of the towel itself
            ax.text(hand[0], hand[1] + 0.04, "towel", fontsize=10, ha="center", va="bottom")
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_title(title, fontsize=12)
    moved = _moved_point(start, end)
    movement_arrow(axes[1], start[moved], end[moved], curvature=0.25)
    fig.suptitle(name, fontsize=13)
    return fig


def exercise_pose_alt(exercise_id: str) -> str:
    """Alt text of :func:`build_exercise_pose_figure` for one exercise."""
    card = exercise_card(exercise_id)
    return (
        f"Two side-view stick figures facing right showing the start and end positions of the "
        f"{card.exercise.name.lower()}: {card.exercise.summary} The end panel repeats the start "
        f"position in light grey and an arrow shows the movement."
    )


def _register_poses() -> None:
    for key in exercise_ids("exercise"):

        def build(key: str = key) -> Figure:
            return build_exercise_pose_figure(key)

        build.__qualname__ = f"build_pose_{key}"
        register_figure(
            f"06_exercises_and_handouts/pose_{key}",
            alt=exercise_pose_alt(key),
            caption=f"{exercise_card(key).exercise.name}: start and end positions "
            "(illustrative angles, a teaching assumption).",
            source_ids=("teaching_assumption", exercise_card(key).exercise.source_id),
        )(build)


_register_poses()


# ------------------------------------------------------------------------ weekly plan chart
_MAX_ROWS = 8
_PER_DAY_X = 7.3


def _nice_ceiling(value: float) -> float:
    for c in (150, 200, 300, 500, 1000, 2000, 3500):
        if value <= c:
            return float(c)
    return float(np.ceil(value / 1000) * 1000)


class WeeklyPlanChart:
    """A week's schedule (left) and weekly volume over the programme (right).

    Left: one row per exercise, a marker on each training day and, in a column of its
    own, the number of sessions a day. Right: weekly volume relative to week 1 (%), one
    line per exercise, so progression and the weeks where it stops at the planner's limit
    are visible; with no progression at all the panel says so in words.

    Parameters
    ----------
    plan : ExercisePlan
        Initial plan.
    """

    @styled
    def __init__(self, plan: ExercisePlan):
        self.fig = new_figure(9.0, 4.0)
        self.ax_days, self.ax_weeks = self.fig.subplots(
            1, 2, gridspec_kw={"width_ratios": [1.25, 1.0]}
        )
        self._build_days_panel(self.ax_days)
        self._build_weeks_panel(self.ax_weeks)
        self._limits: tuple[int, float] | None = None
        self.update(plan)

    def _build_days_panel(self, ax: Axes) -> None:
        """Left: one row per exercise (its sessions a day in the label), a marker per day."""
        ax.set_xlim(-3.6, 7.9)
        ax.set_ylim(_MAX_ROWS - 0.5, -1.2)
        ax.set_xticks(range(7), DAYS)
        ax.set_yticks([])
        for spine in ("left", "right", "top"):
            ax.spines[spine].set_visible(False)
        for d in range(7):
            ax.axvline(d, color=GREYS["light"], lw=0.8, zorder=0)
        ax.set_title("Training days in each week", fontsize=12)
        self.row_labels = [
            ax.text(-0.5, r, "", ha="right", va="center", fontsize=9.5, linespacing=1.0)
            for r in range(_MAX_ROWS)
        ]
        # Sessions a day: a column of its own right of Sunday (never on a marker or line).
        ax.text(
            _PER_DAY_X,
            -0.75,
            "Sessions\na day",
            ha="center",
            va="center",
            fontsize=9,
            color=GREYS["outline"],
        )
        self.per_day_texts = [
            ax.text(_PER_DAY_X, r, "", ha="center", va="center", fontsize=10)
            for r in range(_MAX_ROWS)
        ]
        self.day_markers = []
        for r in range(_MAX_ROWS):
            color, _ls, marker = PLAN_STYLES[r]
            (m,) = ax.plot(
                [],
                [],
                linestyle="none",
                marker=marker,
                markersize=11,
                color=color,
                markeredgecolor="white",
                zorder=3,
            )
            self.day_markers.append(m)

    def _build_weeks_panel(self, axw: Axes) -> None:
        """Right: weekly volume relative to week 1, one line per exercise."""
        axw.set_xlabel("Week")
        axw.set_ylabel("Weekly volume (% of week 1)")
        axw.set_title("Progression over the weeks", fontsize=12)
        axw.axhline(100, color=GREYS["mid"], lw=1, ls=":", zorder=1)
        self.lines = []
        for r in range(_MAX_ROWS):
            color, ls, marker = PLAN_STYLES[r]
            (line,) = axw.plot(
                [], [], color=color, linestyle=ls, marker=marker, markersize=5, lw=2, zorder=3
            )
            self.lines.append(line)
        # Said in the chart, so a flat line is not read as a drawing fault.
        self.flat_note = axw.text(
            0.5,
            0.36,
            "",
            transform=axw.transAxes,
            ha="center",
            va="center",
            fontsize=10,
            color=GREYS["text"],
            linespacing=1.3,
        )

    @property
    def dynamic_artists(self) -> tuple:
        """Artists that change between updates."""
        return (
            *self.row_labels,
            *self.per_day_texts,
            *self.day_markers,
            *self.lines,
            self.flat_note,
        )

    def update(self, plan: ExercisePlan) -> bool:
        """Show ``plan``; return True when the axes limits changed (redraw the background)."""
        rows = weekly_plan_table(plan)
        n = len(plan.items)
        relative = []
        for r in range(_MAX_ROWS):
            active = r < n
            row = (self.row_labels[r], self.per_day_texts[r], self.day_markers[r], self.lines[r])
            for artist in row:
                artist.set_visible(active)
            if not active:
                continue
            item = plan.items[r]
            mine = [w for w in rows if w.exercise_id == item.exercise_id]
            # two short lines: the widest name still fits the margin the layout left
            self.row_labels[r].set_text(textwrap.fill(f"{r + 1}. {mine[0].name}", 19))
            self.per_day_texts[r].set_text(f"{item.sessions_per_day}×")
            self.row_labels[r].set_color(GREYS["text"])
            days = training_days(item.days_per_week)
            self.day_markers[r].set_data(list(days), [r] * len(days))
            base = mine[0].reps_per_week * (mine[0].hold_s or 1)
            rel = [100.0 * w.reps_per_week * (w.hold_s or 1) / base for w in mine]
            relative.extend(rel)
            self.lines[r].set_data([w.week for w in mine], rel)
        flat = bool(relative) and all(abs(v - 100.0) < 1e-9 for v in relative)
        self.flat_note.set_visible(flat)
        self.flat_note.set_text(
            _FLAT_NOTE.format(lines="Every line lies" if n > 1 else "The line lies") if flat else ""
        )
        ceiling = _nice_ceiling(max(relative, default=100.0) * 1.05)
        limits = (plan.weeks, ceiling)
        changed = limits != self._limits
        if changed:
            self.ax_weeks.set_xlim(0.6, max(plan.weeks, 2) + 0.4)
            self.ax_weeks.set_ylim(0, ceiling)
            self.ax_weeks.set_xticks(range(1, plan.weeks + 1, max(1, plan.weeks // 8)))
            self._limits = limits
        return changed


#: What the progression panel says when no exercise progresses.
_FLAT_NOTE = (
    "No weekly increase is set,\nso every week repeats week 1.\n{lines} on 100 %.\n"
    "Set a weekly increase\nto see the volume grow."
)


def weekly_plan_alt(plan: ExercisePlan) -> str:
    """Alt text describing a plan chart (exercises, days and final-week volume)."""
    rows = weekly_plan_table(plan)
    parts = []
    for item in plan.items:
        mine = [w for w in rows if w.exercise_id == item.exercise_id]
        base = mine[0].reps_per_week * (mine[0].hold_s or 1)
        last = mine[-1].reps_per_week * (mine[-1].hold_s or 1)
        days = ", ".join(DAYS[d] for d in training_days(item.days_per_week))
        parts.append(
            f"{mine[0].name}: {item.sessions_per_day} session(s) on {days}; week {plan.weeks} "
            f"volume {100 * last / base:.0f} % of week 1"
        )
    return (
        f"Weekly plan chart over {plan.weeks} week(s). Left, training days of each exercise; "
        f"right, weekly volume relative to week 1. " + "; ".join(parts) + "."
    )


def build_weekly_plan_figure(plan: ExercisePlan) -> Figure:
    """The weekly plan chart as a new Figure (static use and the naive benchmark)."""
    return WeeklyPlanChart(plan).fig


#: The plan shown by default in notebook 06 (cited default doses; see exercises.py).
def _example_plan() -> ExercisePlan:
    return default_plan(("sciatic_nerve_glide", "slump_stretch", "standing_calf_raise"), weeks=6)


@register_figure(
    "06_exercises_and_handouts/weekly_plan_example",
    alt=(
        "Weekly plan chart for three exercises at their cited default doses over 6 weeks: the "
        "supine sciatic nerve glide twice a day every day, the long-sitting slump stretch and "
        "the standing calf raise on two days a week (Monday and Friday); with no progression "
        "set, each exercise's weekly volume stays at 100 % of week 1."
    ),
    caption="Example weekly plan at the library's default doses (no progression).",
    source_ids=("seed_sciatic_glide_page", "cleland2006", "kinoshita2023"),
)
def build_weekly_plan_example_figure() -> Figure:
    """Registered example: glide, slump stretch and standing calf raise for 6 weeks."""
    return build_weekly_plan_figure(_example_plan())
