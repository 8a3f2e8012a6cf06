"""The study-design figure: one person, two legs, two positions, the timeline.

References
----------
kinoshita2023 (every number comes from :mod:`anatomy_helpers.calf_raise` or
:mod:`anatomy_helpers.muscle_length`; nothing is typed here).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from anatomy_helpers import calf_raise as cr
from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.stick_figure import StickFigure, draw_floor, movement_arrow
from anatomy_helpers.drawing.style import GREYS, OKABE_ITO, new_figure, styled
from anatomy_helpers.kinematics import JointAngles, Pose, pose_from_angles

__all__ = [
    "build_design_figure",
]

_STANDING = JointAngles(knee_flexion_deg=0.0, ankle_dorsiflexion_deg=0.0)
_SEATED = JointAngles(hip_flexion_deg=90.0, knee_flexion_deg=90.0)


def _design_value(item_id: str) -> str:
    return next(d.value for d in cr.load_design() if d.item_id == item_id)


@register_figure(
    "05_calf_raise_study/design",
    alt=(
        "Study design diagram. Left, a standing stick figure with the knee straight does a "
        "calf raise with one leg; right, a seated figure with the knee bent to 90 degrees "
        "does a calf raise with the other leg. Below, a 12-week timeline with two training "
        "sessions each week and an MRI scan of muscle volume before and after."
    ),
    caption=(
        "Kinoshita et al. 2023: each of 14 untrained adults trained one leg standing and the "
        "other seated, 70 % 1RM, 5 × 10, twice a week for 12 weeks; MRI before and after."
    ),
    source_ids=("kinoshita2023",),
)
@styled
def build_design_figure() -> Figure:
    """Two stick figures (standing, seated) and the 12-week timeline.

    References
    ----------
    kinoshita2023 (design values are read from ``calf_raise_design.csv``).
    """
    fig = new_figure(9.0, 6.6)
    grid = fig.add_gridspec(2, 2, height_ratios=[4.2, 1.0])
    titles = (
        "Leg A: standing calf raise\nknee straight (0°):\ngastrocnemius long",
        "Leg B: seated calf raise\nknee bent 90°:\ngastrocnemius short",
    )
    for col, (angles, title) in enumerate(zip((_STANDING, _SEATED), titles, strict=True)):
        ax = fig.add_subplot(grid[0, col])
        ax.set_aspect("equal")
        ax.set_axis_off()
        pose = pose_from_angles(angles)
        pose = pose.translated("toe", (0.35, 0.0))
        draw_floor(ax, 0.0, (-0.45, 0.75))
        if angles.hip_flexion_deg > 45:
            _draw_seat(ax, pose)
        StickFigure(ax, pose, highlight=("leg", "foot"))
        heel = pose["heel"]
        movement_arrow(
            ax, (heel[0] - 0.08, heel[1] + 0.02), (heel[0] - 0.08, heel[1] + 0.25), curvature=0.0
        )
        ax.text(heel[0] - 0.11, heel[1] + 0.14, "heel\nrises", ha="right", va="center", fontsize=10)
        ax.set_xlim(-0.45, 0.6)
        ax.set_ylim(-0.08, 1.72)
        ax.set_title(title, fontsize=11, loc="center")
    ax = fig.add_subplot(grid[1, :])
    weeks = 12
    sessions = np.concatenate([np.arange(weeks) + 0.25, np.arange(weeks) + 0.7])
    ax.plot([0, weeks], [0, 0], color=GREYS["outline"], lw=2)
    ax.scatter(
        sessions,
        np.zeros_like(sessions),
        marker="|",
        s=180,
        color=OKABE_ITO["blue"],
        label="training session (both legs)",
    )
    for w, label in ((0, "MRI\nbefore"), (weeks, "MRI\nafter")):
        ax.scatter([w], [0], marker="D", s=90, color=OKABE_ITO["vermillion"], zorder=3)
        ax.text(w, 0.35, label, ha="center", va="bottom", fontsize=10)
    ax.set_xlim(-0.8, weeks + 0.8)
    ax.set_ylim(-1.4, 1.4)
    ax.set_xticks(range(0, weeks + 1, 2))
    ax.set_xlabel("Week (blue ticks: training sessions, both legs each time)")
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    summary = (
        f"{_design_value('participants')}, each training one leg standing and the other "
        f"seated\n{_design_value('load')}; {_design_value('volume')}; "
        f"{_design_value('frequency')}; {_design_value('duration')}"
    )
    ax.set_title(summary, fontsize=9.5, loc="center", fontweight="normal")
    fig.suptitle("Kinoshita et al. 2023: one person, two legs, two positions", fontsize=13)
    return fig


def _draw_seat(ax, pose: Pose) -> Rectangle:
    hip = pose["hip"]
    knee = pose["knee"]
    h = pose.height_m
    seat = Rectangle(
        (hip[0] - 0.12 * h, hip[1] - 0.04 * h - 0.06),
        (knee[0] - hip[0]) * 0.85 + 0.12 * h,
        0.06,
        facecolor=GREYS["light"],
        edgecolor=GREYS["outline"],
        zorder=1,
    )
    ax.add_patch(seat)
    return seat
