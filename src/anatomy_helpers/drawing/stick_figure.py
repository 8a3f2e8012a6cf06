"""Draw the side-view stick figure of :mod:`anatomy_helpers.kinematics` onto an Axes.

:class:`StickFigure` creates the artists once and moves them on :meth:`StickFigure.update`,
so widgets can animate poses cheaply. Segments can be highlighted (colour *and* line width
change, so the highlight survives greyscale printing) and a curved arrow can show the
movement just added.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch

from anatomy_helpers.drawing.style import GREYS, OKABE_ITO
from anatomy_helpers.kinematics import Pose

__all__ = ["SEGMENTS", "StickFigure", "draw_floor", "draw_plinth", "movement_arrow"]

#: Drawn segments -> the pose points they join.
SEGMENTS = MappingProxyType(
    {
        "neck": ("c7", "skull_base"),
        "thoracic": ("t12", "c7"),
        "lumbar": ("hip", "t12"),
        "thigh": ("hip", "knee"),
        "leg": ("knee", "ankle"),
        "foot": ("heel", "ankle", "toe"),
    }
)

_BASE_WIDTH = 5.0
_HIGHLIGHT_WIDTH = 8.0


class StickFigure:
    """A stick figure on an Axes, updated in place.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Target axes (use an equal aspect ratio).
    pose : Pose
        Initial pose.
    highlight : iterable of str, optional
        Segment names (keys of :data:`SEGMENTS`, or ``"head"``) to highlight.
    color, highlight_color : str
        Colours of normal and highlighted segments.
    zorder : float, default 3
        Drawing order.
    """

    def __init__(
        self,
        ax: Axes,
        pose: Pose,
        *,
        highlight: Iterable[str] = (),
        color: str = GREYS["outline"],
        highlight_color: str = OKABE_ITO["orange"],
        zorder: float = 3,
    ):
        self.ax = ax
        self.color = color
        self.highlight_color = highlight_color
        self.lines: dict[str, Line2D] = {}
        for name in SEGMENTS:
            (line,) = ax.plot(
                [],
                [],
                color=color,
                lw=_BASE_WIDTH,
                solid_capstyle="round",
                solid_joinstyle="round",
                zorder=zorder,
            )
            self.lines[name] = line
        self.head = Circle(
            (0, 0),
            pose.head_radius_m,
            facecolor="white",
            edgecolor=color,
            lw=3.0,
            zorder=zorder + 0.1,
        )
        ax.add_patch(self.head)
        self.joints = ax.scatter(
            [], [], s=28, color="white", edgecolors=color, linewidths=1.5, zorder=zorder + 0.2
        )
        self.update(pose, highlight=highlight)

    @property
    def artists(self) -> tuple:
        """Every artist of the figure (for :class:`~anatomy_helpers.drawing.live.LiveFigure`)."""
        return (*self.lines.values(), self.head, self.joints)

    def update(self, pose: Pose, *, highlight: Iterable[str] = ()) -> None:
        """Move the figure to ``pose`` and set which segments are highlighted.

        Raises
        ------
        ValueError
            If a highlight name is not a segment (the message lists them).
        """
        highlight = set(highlight)
        unknown = highlight - set(SEGMENTS) - {"head"}
        if unknown:
            msg = f"unknown segment(s) {sorted(unknown)}; valid: {', '.join([*SEGMENTS, 'head'])}"
            raise ValueError(msg)
        for name, chain in SEGMENTS.items():
            xy = pose.chain(chain)
            line = self.lines[name]
            line.set_data(xy[:, 0], xy[:, 1])
            hot = name in highlight
            line.set_color(self.highlight_color if hot else self.color)
            line.set_linewidth(_HIGHLIGHT_WIDTH if hot else _BASE_WIDTH)
        self.head.set_center(tuple(pose["head_center"]))
        self.head.set_radius(pose.head_radius_m)
        hot_head = "head" in highlight
        self.head.set_edgecolor(self.highlight_color if hot_head else self.color)
        self.head.set_linewidth(5.0 if hot_head else 3.0)
        self.joints.set_offsets(pose.chain(("hip", "knee", "ankle", "t12", "c7")))


def movement_arrow(
    ax: Axes,
    start_xy: Iterable[float],
    end_xy: Iterable[float],
    *,
    curvature: float = 0.3,
    color: str = OKABE_ITO["orange"],
    label: str | None = None,
) -> FancyArrowPatch:
    """Add a curved arrow from ``start_xy`` to ``end_xy`` showing a movement.

    Parameters
    ----------
    ax : Axes
        Target axes.
    start_xy, end_xy : pair of float
        Arrow tail and head (data coordinates).
    curvature : float, default 0.3
        Arc bend (``connectionstyle`` ``arc3`` radius); sign sets the side.
    color : str
        Arrow colour.
    label : str, optional
        Text placed beside the arrow's midpoint.

    Returns
    -------
    matplotlib.patches.FancyArrowPatch
        The arrow (its label, if any, is a separate text artist on the axes).
    """
    start = np.asarray(list(start_xy), dtype=float)
    end = np.asarray(list(end_xy), dtype=float)
    arrow = FancyArrowPatch(
        tuple(start),
        tuple(end),
        arrowstyle="-|>",
        mutation_scale=18,
        lw=2.5,
        color=color,
        connectionstyle=f"arc3,rad={curvature}",
        zorder=6,
    )
    ax.add_patch(arrow)
    if label:
        mid = (start + end) / 2
        ax.text(
            mid[0],
            mid[1],
            label,
            color=GREYS["text"],
            fontsize=11,
            ha="center",
            va="center",
            zorder=7,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": color, "lw": 1},
        )
    return arrow


def draw_plinth(ax: Axes, pose: Pose, *, depth_m: float = 0.5) -> None:
    """Draw a treatment plinth under a seated figure's thigh (hip to just behind the knee)."""
    hip = pose["hip"]
    top = hip[1] - 0.05 * pose.height_m
    thigh_x = pose["knee"][0]
    left = hip[0] - 0.15 * pose.height_m
    width = max(thigh_x - 0.03 * pose.height_m - left, 0.1)
    ax.fill_between(
        [left, left + width], top - depth_m, top, color=GREYS["light"], zorder=1, linewidth=0
    )
    ax.plot([left, left + width], [top, top], color=GREYS["outline"], lw=1.5, zorder=1.5)


def draw_floor(ax: Axes, y_m: float, x_range_m: tuple[float, float]) -> None:
    """Draw a floor line with hatching below it at height ``y_m``."""
    x0, x1 = x_range_m
    ax.plot([x0, x1], [y_m, y_m], color=GREYS["outline"], lw=1.5, zorder=1)
    ax.fill_between(
        [x0, x1],
        y_m - 0.04,
        y_m,
        facecolor="none",
        edgecolor=GREYS["mid"],
        hatch="///",
        linewidth=0,
        zorder=0.5,
    )
