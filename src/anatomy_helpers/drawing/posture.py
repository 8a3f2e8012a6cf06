"""Seated and reference postures drawn with the stick figure (used by notebook 00).

:class:`SeatedPostureFigure` keeps its artists so a widget can move them;
:func:`build_seated_posture_figure` is the same picture built from scratch.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.stick_figure import StickFigure, draw_floor, draw_plinth
from anatomy_helpers.drawing.style import new_figure, styled
from anatomy_helpers.kinematics import JointAngles, pose_from_angles

__all__ = [
    "REFERENCE_POSTURES",
    "SeatedPostureFigure",
    "build_reference_postures_figure",
    "build_seated_posture_figure",
]

#: Named postures shown side by side in notebook 00 (joint angles in degrees).
REFERENCE_POSTURES = {
    "Upright sitting": JointAngles(hip_flexion_deg=90, knee_flexion_deg=90),
    "Slumped sitting": JointAngles(
        hip_flexion_deg=90, knee_flexion_deg=90, trunk_flexion_deg=45, neck_flexion_deg=40
    ),
    "Lying on the back, hip at 90°": JointAngles(
        body_tilt_deg=90, hip_flexion_deg=90, knee_flexion_deg=90
    ),
}


class SeatedPostureFigure:
    """A seated stick figure on a plinth; :meth:`update` moves it.

    Parameters
    ----------
    angles : JointAngles
        Initial angles (hip flexion near 90° keeps the figure on the plinth).
    """

    @styled
    def __init__(self, angles: JointAngles):
        self.fig = new_figure(4.6, 4.2)
        self.ax = self.fig.add_subplot()
        self.ax.set_aspect("equal")
        self.ax.set_axis_off()
        pose = pose_from_angles(angles)
        draw_plinth(self.ax, pose)
        draw_floor(self.ax, pose["hip"][1] - 0.05 * pose.height_m - 0.5, (-0.45, 0.95))
        self.ax.set_xlim(-0.45, 0.95)
        self.ax.set_ylim(-0.6, 1.05)
        self.figure = StickFigure(self.ax, pose)
        self.ax.set_title("Side view, facing right", fontsize=12)

    @property
    def dynamic_artists(self) -> tuple:
        """Artists that move between updates."""
        return self.figure.artists

    def update(self, angles: JointAngles, highlight=()) -> None:
        """Move the figure to ``angles``, highlighting the named segments."""
        self.figure.update(pose_from_angles(angles), highlight=highlight)


def build_seated_posture_figure(angles: JointAngles, highlight=()) -> Figure:
    """The seated posture as a new Figure (static use and the naive benchmark)."""
    view = SeatedPostureFigure(angles)
    view.update(angles, highlight=highlight)
    return view.fig


@register_figure(
    "00_start_here/reference_postures",
    alt=(
        "Three stick figures seen from the side, facing right: upright sitting with hips and "
        "knees at 90 degrees; slumped sitting with the back rounded and the chin towards the "
        "chest; and lying on the back with the hip and knee bent to 90 degrees."
    ),
    caption="Reference postures used throughout the collection (side view, facing right).",
)
@styled
def build_reference_postures_figure() -> Figure:
    """Three reference postures side by side (exported to ``figures/``)."""
    fig = new_figure(9.0, 3.6)
    axes = fig.subplots(1, len(REFERENCE_POSTURES))
    for ax, (name, angles) in zip(axes, REFERENCE_POSTURES.items(), strict=True):
        pose = pose_from_angles(angles)
        ax.set_aspect("equal")
        ax.set_axis_off()
        if angles.body_tilt_deg == 90:
            floor = pose.lowest_y_m() - 0.02
            pose = pose.translated("hip", (0.0, -floor))
            draw_floor(ax, 0.0, (-1.0, 0.7))
            ax.set_xlim(-1.0, 0.7)
            ax.set_ylim(-0.15, 0.8)
        else:
            draw_plinth(ax, pose)
            ax.set_xlim(-0.4, 0.75)
            ax.set_ylim(-0.55, 1.0)
        StickFigure(ax, pose)
        ax.set_title(name, fontsize=12, loc="center")
    return fig
