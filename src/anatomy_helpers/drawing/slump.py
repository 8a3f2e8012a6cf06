"""Side-view stick figures of the slump-test stages (one pose per stage, from joint angles).

:class:`SlumpStageFigure` keeps its artists and moves them when the stage changes (used by
the stepper widget); :func:`build_slump_stage_figure` draws one stage from scratch and
:func:`build_slump_sequence_figure` draws the standard sequence as a strip (exported).
The poses come from :func:`anatomy_helpers.slump.stage_pose` (forward kinematics); their
angles are illustrative (a teaching assumption).
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text

from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.stick_figure import SEGMENTS, StickFigure, draw_floor, draw_plinth
from anatomy_helpers.drawing.style import GREYS, OKABE_ITO, new_figure, role_style, styled
from anatomy_helpers.kinematics import Pose
from anatomy_helpers.slump import (
    SIDES,
    SlumpRecording,
    get_stage,
    previous_stage_id,
    recorded_stage_ids,
    stage_ids,
    stage_pose,
)

__all__ = [
    "FindingsChart",
    "SlumpStageFigure",
    "arrow_endpoints",
    "build_findings_chart",
    "build_slump_sequence_figure",
    "build_slump_stage_figure",
]

_XLIM = (-0.45, 1.0)
_YLIM = (-0.62, 1.0)
_TINY_M = 0.03
_SIDE_ROLES = {"left": "standing", "right": "seated"}
_WIDTH = 0.38


def arrow_endpoints(stage_id: str) -> tuple[np.ndarray, np.ndarray, float] | None:
    """Tail, head (m) and curvature of the arrow showing the movement a stage adds.

    Returns ``None`` for a stage that adds no movement. When the movement is out of the
    side-view plane (hip rotation), a short curved arrow is drawn at the point instead.
    """
    stage = get_stage(stage_id)
    prev_id = previous_stage_id(stage_id)
    if stage.arrow_point == "none" or prev_id is None:
        return None
    end = stage_pose(stage_id)[stage.arrow_point]
    start = stage_pose(prev_id)[stage.arrow_point]
    if stage_id == "other_side":
        start = stage_pose("neck_flexion")[stage.arrow_point]
    if float(np.hypot(*(end - start))) < _TINY_M:
        return end + np.array([-0.08, 0.06]), end + np.array([0.08, 0.06]), 0.9
    return start, end, 0.35


#: The stage that repeats the test on the other leg: its picture also shows the first leg,
#: now resting (knee bent, as in upright sitting), in mid grey behind the test leg.
OTHER_SIDE = "other_side"
_RESTING_LEG = ("thigh", "leg", "foot")
RESTING_LEG_NOTE = "Grey leg:\nthe first leg,\nnow resting"


def resting_leg_xy(stage_id: str) -> list[np.ndarray]:
    """Polylines (m) of the resting first leg drawn at ``stage_id`` (empty for most stages).

    At :data:`OTHER_SIDE` the leg tested first hangs relaxed, as in upright sitting, while
    the other leg is taken through the test.
    """
    if stage_id != OTHER_SIDE:
        return []
    pose = stage_pose("upright_sitting")
    return [pose.chain(SEGMENTS[name]) for name in _RESTING_LEG]


def _draw_resting_leg(ax: Axes, stage_id: str, *, lw: float = 5.0) -> list:
    lines = []
    for xy in resting_leg_xy(stage_id) or [np.empty((0, 2))] * len(_RESTING_LEG):
        (line,) = ax.plot(
            xy[:, 0],
            xy[:, 1],
            color=GREYS["mid"],
            lw=lw,
            solid_capstyle="round",
            solid_joinstyle="round",
            zorder=2.5,
        )
        lines.append(line)
    return lines


def _prepare_axes(ax: Axes, pose: Pose) -> None:
    ax.set_aspect("equal")
    ax.set_axis_off()
    draw_plinth(ax, pose)
    draw_floor(ax, pose["hip"][1] - 0.05 * pose.height_m - 0.5, _XLIM)
    ax.set_xlim(*_XLIM)
    ax.set_ylim(*_YLIM)


def _heading_text(ax: Axes, y_frac: float, *, fontsize: float) -> Text:
    """An empty, centred line of text ``y_frac`` up the axes, filled in by ``update``."""
    return ax.text(
        0.5,
        y_frac,
        "",
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontsize=fontsize,
        color=GREYS["text"],
    )


class SlumpStageFigure:
    """One slump-test stage as a stick figure on a couch; :meth:`update` moves it.

    Parameters
    ----------
    stage_id : str
        Initial stage.
    show_text : bool, default True
        Draw the stage title and "Added: ..." caption in the figure. Widgets that show
        the same words beside the figure turn this off (text is the slowest artist to
        re-render).
    """

    @styled
    def __init__(self, stage_id: str = "upright_sitting", *, show_text: bool = True):
        self.show_text = show_text
        self.fig = new_figure(4.8, 4.4)
        self.ax = self.fig.add_subplot()
        pose = stage_pose(stage_id)
        _prepare_axes(self.ax, pose)
        # room under the floor for the notes, and above the head for the title and caption
        self.ax.set_ylim(_YLIM[0] - 0.28, _YLIM[1] + (0.45 if show_text else 0.0))
        self.resting_leg = _draw_resting_leg(self.ax, OTHER_SIDE)
        self.figure = StickFigure(self.ax, pose)
        self.arrow = FancyArrowPatch(
            (0, 0),
            (0, 0),
            arrowstyle="-|>",
            mutation_scale=20,
            lw=2.8,
            color=OKABE_ITO["vermillion"],
            zorder=6,
        )
        self.ax.add_patch(self.arrow)
        self.title = _heading_text(self.ax, 1.0, fontsize=12)
        self.caption = _heading_text(self.ax, 0.92, fontsize=10)
        # written on the couch, under the thigh: clear of both legs and of the floor
        hip = pose["hip"]
        self.resting_note = self.ax.text(
            hip[0] + 0.05,
            hip[1] - 0.05 * pose.height_m - 0.22,
            RESTING_LEG_NOTE,
            ha="center",
            va="center",
            fontsize=8.5,
            color=GREYS["text"],
        )
        self.ax.text(
            0.98,
            0.02,
            "Angles illustrative\n(teaching assumption)",
            transform=self.ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=9,
            color=GREYS["mid"],
        )
        self.update(stage_id)

    @property
    def dynamic_artists(self) -> tuple:
        """Artists that change between stages."""
        texts = (self.title, self.caption) if self.show_text else ()
        return (*self.resting_leg, *self.figure.artists, self.arrow, self.resting_note, *texts)

    def update(self, stage_id: str) -> None:
        """Show ``stage_id``: pose, highlighted segments, movement arrow and title."""
        stage = get_stage(stage_id)
        self.figure.update(stage_pose(stage_id), highlight=stage.moved_segments)
        resting = stage_id == OTHER_SIDE
        for line in self.resting_leg:
            line.set_visible(resting)
        self.resting_note.set_visible(resting)
        ends = arrow_endpoints(stage_id)
        if ends is None:
            self.arrow.set_visible(False)
        else:
            start, end, curvature = ends
            self.arrow.set_positions(tuple(start), tuple(end))
            self.arrow.set_connectionstyle(f"arc3,rad={curvature}")
            self.arrow.set_visible(True)
        if not self.show_text:
            return
        opt = " (optional)" if stage.optional and "ptional" not in stage.name else ""
        title = textwrap.fill(f"Stage {stage.order}: {stage.name}{opt}", 42)
        self.title.set_text(title)
        # the caption starts under the title, however many lines the title takes
        self.caption.set_y(1.0 - 0.055 * (title.count("\n") + 1) - 0.02)
        self.caption.set_text(
            textwrap.fill(
                "Added: " + stage.added_movement if ends is not None else "Starting position",
                52,
            )
        )


def build_slump_stage_figure(stage_id: str, *, show_text: bool = True) -> Figure:
    """One stage as a new Figure (static use and the naive benchmark)."""
    return SlumpStageFigure(stage_id, show_text=show_text).fig


@register_figure(
    "03_slump_test/slump_sequence",
    alt=(
        "Eight small side-view stick figures sitting on a couch, facing right, numbered 1 "
        "to 8 as in the stage stepper: upright sitting; trunk slumped; neck flexed; knee "
        "straightened; foot pulled up; the optional hip medial rotation (out of the side "
        "view, marked by a small curved arrow at the knee); head lifted (neck released) with "
        "the leg held; and the test repeated on the other leg, with the first leg drawn "
        "resting in grey. In each, the segment that moved is thicker and orange, and "
        "a red arrow shows the movement just added."
    ),
    caption=(
        "The slump test, stage by stage (side view; joint angles are illustrative, a "
        "teaching assumption). Sequence as described by teaching sources citing Maitland 1985."
    ),
    source_ids=("maitland1985", "teaching_assumption"),
)
@styled
def build_slump_sequence_figure() -> Figure:
    """The standard sequence as a strip of small figures (exported to ``figures/``)."""
    ids = stage_ids()
    fig = new_figure(13.6, 3.2)
    axes = fig.subplots(1, len(ids))
    for ax, sid in zip(axes, ids, strict=True):
        stage = get_stage(sid)
        pose = stage_pose(sid)
        _prepare_axes(ax, pose)
        _draw_resting_leg(ax, sid, lw=4.0)
        StickFigure(ax, pose, highlight=stage.moved_segments)
        ends = arrow_endpoints(sid)
        if ends is not None:
            start, end, curvature = ends
            ax.add_patch(
                FancyArrowPatch(
                    tuple(start),
                    tuple(end),
                    arrowstyle="-|>",
                    mutation_scale=14,
                    lw=2.2,
                    color=OKABE_ITO["vermillion"],
                    connectionstyle=f"arc3,rad={curvature}",
                    zorder=6,
                )
            )
        name = stage.name.split(" (")[0].replace("Optional sensitiser: h", "H")
        name += " (optional)" if stage.optional else ""
        # numbered as in the stepper and the recorder (stage.order), so 1 to 8
        ax.set_title(textwrap.fill(f"{stage.order}. {name}", 15), fontsize=10, loc="center")
    fig.supxlabel(
        "Stage 6 (optional) rotates the hip inwards, out of this side view: the small "
        "arrow marks it. In stage 8 the first leg rests (grey, knee bent) while the other "
        "leg is tested.",
        fontsize=9.5,
    )
    return fig


class FindingsChart:
    """Bar chart of symptom intensity per recorded stage, left and right side by side.

    Familiar symptoms get a star above the bar (shape, not only colour); stages not tested
    show no bar.
    """

    @styled
    def __init__(self, recording: SlumpRecording):
        self.stages = recorded_stage_ids()
        self.fig = new_figure(7.2, 3.4)
        ax = self.ax = self.fig.add_subplot()
        self.bars = {}
        self.stars = {}
        for i, side in enumerate(SIDES):
            style = role_style(_SIDE_ROLES[side])
            offset = (i - 0.5) * _WIDTH
            xs = [k + offset for k in range(len(self.stages))]
            self.bars[side] = ax.bar(
                xs,
                [0] * len(xs),
                width=_WIDTH * 0.95,
                color=style["color"],
                edgecolor=GREYS["outline"],
                hatch="" if side == "left" else "//",
                label=f"{side.capitalize()} side",
            )
            (self.stars[side],) = ax.plot(
                [], [], linestyle="none", marker="*", ms=11, color=GREYS["text"]
            )
        (self._legend_star,) = ax.plot(
            [],
            [],
            linestyle="none",
            marker="*",
            ms=11,
            color=GREYS["text"],
            label="Familiar symptom",
        )
        ax.set_xticks(range(len(self.stages)))
        ax.set_xticklabels([_short(get_stage(s).name) for s in self.stages], fontsize=9)
        ax.set_ylim(0, 11.5)
        ax.set_ylabel("Intensity (0-10)")
        # Above the plot, not in it: a bar at intensity 10 reaches the top of the axes.
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=9, ncols=3, frameon=False)
        self.update(recording)

    @property
    def dynamic_artists(self) -> tuple:
        """Bars and stars."""
        return (*[b for s in SIDES for b in self.bars[s]], *self.stars.values())

    def update(self, recording: SlumpRecording) -> None:
        """Set bar heights and stars from ``recording``."""
        for side in SIDES:
            star_x, star_y = [], []
            for bar, stage in zip(self.bars[side], self.stages, strict=True):
                f = recording.finding(stage, side)
                height = f.intensity_0_10 if f is not None and f.present else 0
                bar.set_height(height)
                bar.set_visible(f is not None)
                if f is not None and f.familiar:
                    star_x.append(bar.get_x() + bar.get_width() / 2)
                    star_y.append(height + 0.6)
            self.stars[side].set_data(star_x, star_y)


def _short(name: str) -> str:
    text = name.replace("Optional sensitiser: ", "(optional) ").replace("Thoracolumbar s", "S")
    return textwrap.fill(text, width=12, break_long_words=False)


def build_findings_chart(recording: SlumpRecording) -> Figure:
    """The findings chart as a new Figure (static use and the naive benchmark)."""
    return FindingsChart(recording).fig
