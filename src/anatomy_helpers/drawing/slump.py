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

from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.stick_figure import StickFigure, draw_floor, draw_plinth
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


def _prepare_axes(ax: Axes, pose: Pose) -> None:
    ax.set_aspect("equal")
    ax.set_axis_off()
    draw_plinth(ax, pose)
    draw_floor(ax, pose["hip"][1] - 0.05 * pose.height_m - 0.5, _XLIM)
    ax.set_xlim(*_XLIM)
    ax.set_ylim(*_YLIM)


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
        self.title = self.ax.text(
            0.5,
            1.0,
            "",
            transform=self.ax.transAxes,
            ha="center",
            va="top",
            fontsize=12,
            color=GREYS["text"],
        )
        self.caption = self.ax.text(
            0.5,
            0.92,
            "",
            transform=self.ax.transAxes,
            ha="center",
            va="top",
            fontsize=10,
            color=GREYS["text"],
            wrap=True,
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
        return (*self.figure.artists, self.arrow, *texts)

    def update(self, stage_id: str) -> None:
        """Show ``stage_id``: pose, highlighted segments, movement arrow and title."""
        stage = get_stage(stage_id)
        self.figure.update(stage_pose(stage_id), highlight=stage.moved_segments)
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
        opt = " (optional)" if stage.optional else ""
        self.title.set_text(f"Stage {stage.order}: {stage.name}{opt}")
        self.caption.set_text(
            "Added: " + stage.added_movement if ends is not None else "Starting position"
        )


def build_slump_stage_figure(stage_id: str, *, show_text: bool = True) -> Figure:
    """One stage as a new Figure (static use and the naive benchmark)."""
    return SlumpStageFigure(stage_id, show_text=show_text).fig


@register_figure(
    "03_slump_test/slump_sequence",
    alt=(
        "Seven small side-view stick figures sitting on a couch, facing right, showing the "
        "standard slump-test sequence: upright sitting; trunk slumped; neck flexed; knee "
        "straightened; foot pulled up; head lifted (neck released) with the leg held; and the "
        "full position repeated for the other leg. In each, the segment that moved is thicker "
        "and orange, and a red arrow shows the movement just added."
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
    ids = stage_ids(include_optional=False)
    fig = new_figure(12.0, 3.0)
    axes = fig.subplots(1, len(ids))
    for number, (ax, sid) in enumerate(zip(axes, ids, strict=True), start=1):
        stage = get_stage(sid)
        pose = stage_pose(sid)
        _prepare_axes(ax, pose)
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
        title = textwrap.fill(f"{number}. {stage.name.split(' (')[0]}", 16)
        ax.set_title(title, fontsize=10, loc="center")
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
        ax.legend(loc="upper left", fontsize=9, ncols=3, frameon=False)
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
