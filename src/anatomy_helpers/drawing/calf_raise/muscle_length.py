"""The calf-raise leg with gastrocnemius and soleus drawn on it, and their model lengths.

References
----------
kinoshita2023 (every number comes from :mod:`anatomy_helpers.calf_raise` or
:mod:`anatomy_helpers.muscle_length`; nothing is typed here).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from anatomy_helpers import muscle_length as ml
from anatomy_helpers.drawing.calf_raise.design import _draw_seat
from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.stick_figure import StickFigure, draw_floor
from anatomy_helpers.drawing.style import GREYS, OKABE_ITO, new_figure, styled
from anatomy_helpers.kinematics import JointAngles, Pose, pose_from_angles

__all__ = [
    "MuscleLengthFigure",
    "build_muscle_length_figure",
    "build_muscle_length_presets_figure",
    "ml_pose",
]

_GAS = {"color": OKABE_ITO["reddish_purple"], "linestyle": "-"}
_SOL = {"color": OKABE_ITO["bluish_green"], "linestyle": "--"}

# -- muscle length ---------------------------------------------------------------------
_TOE_XY = (0.40, 0.10)


def _bar_limits() -> tuple[float, float]:
    """Length-bar axis limits: every reachable model length plus room for its label."""
    values = [
        v
        for k in np.linspace(*ml.KNEE_RANGE_DEG, 8)
        for a in np.linspace(*ml.ANKLE_RANGE_DEG, 9)
        for v in (
            ml.muscle_lengths(k, a).gastrocnemius_relative_pct,
            ml.muscle_lengths(k, a).soleus_relative_pct,
        )
    ]
    return float(np.floor(min(values)) - 8.0), float(np.ceil(max(values)) + 10.0)


_BAR_LIM = _bar_limits()
_STEP_TOP_M = 0.10


def _leg_angles(knee_flexion_deg: float, ankle_dorsiflexion_deg: float) -> JointAngles:
    """Standing-to-seated poses: hip flexion follows the knee, so the shank stays vertical.

    Knee 0° gives standing, knee 90° sitting.
    """
    return JointAngles(
        hip_flexion_deg=knee_flexion_deg,
        knee_flexion_deg=knee_flexion_deg,
        ankle_dorsiflexion_deg=ankle_dorsiflexion_deg,
    )


def _posterior(u: np.ndarray) -> np.ndarray:
    """Unit normal on the back of a limb segment pointing along ``u`` (figure faces +x)."""
    return np.array([u[1], -u[0]])


def _muscle_paths(pose: Pose) -> tuple[np.ndarray, np.ndarray]:
    """Polylines of the gastrocnemius and soleus drawn on the leg (drawing only)."""
    h = pose.height_m
    hip, knee, ankle, heel = pose["hip"], pose["knee"], pose["ankle"], pose["heel"]
    thigh_u = (knee - hip) / np.linalg.norm(knee - hip)
    leg_u = (ankle - knee) / np.linalg.norm(ankle - knee)
    gas_origin = knee - 0.04 * h * thigh_u + 0.025 * h * _posterior(thigh_u)
    gas_mid = knee + 0.30 * (ankle - knee) + 0.04 * h * _posterior(leg_u)
    sol_origin = knee + 0.22 * (ankle - knee) + 0.018 * h * _posterior(leg_u)
    sol_mid = knee + 0.55 * (ankle - knee) + 0.026 * h * _posterior(leg_u)
    insertion = heel + 0.01 * h * np.array([0.0, 1.0])
    return (np.array([gas_origin, gas_mid, insertion]), np.array([sol_origin, sol_mid, insertion]))


def _draw_step(ax: Axes) -> None:
    """The step the toes stand on, and the floor."""
    step = Rectangle(
        (_TOE_XY[0] - 0.06, -0.05),
        0.4,
        _STEP_TOP_M + 0.05,
        facecolor=GREYS["light"],
        edgecolor=GREYS["outline"],
        zorder=1,
    )
    ax.add_patch(step)
    draw_floor(ax, -0.05, (-0.4, 0.75))


class MuscleLengthFigure:
    """A leg doing a calf raise, the two calf muscles drawn on it, and length bars.

    Parameters
    ----------
    knee_flexion_deg, ankle_dorsiflexion_deg : float
        Initial position (validated by :func:`anatomy_helpers.muscle_length.muscle_lengths`).

    Attributes
    ----------
    fig : Figure
        The figure.
    dynamic_artists : tuple
        Artists that move on :meth:`update`.
    """

    @styled
    def __init__(self, knee_flexion_deg: float = 0.0, ankle_dorsiflexion_deg: float = 0.0):
        self.fig = new_figure(7.0, 3.7)
        grid = self.fig.add_gridspec(1, 2, width_ratios=[1.0, 1.2])
        self.ax_leg = self.fig.add_subplot(grid[0, 0])
        self.ax_bar = self.fig.add_subplot(grid[0, 1])
        ax = self.ax_leg
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.set_xlim(-0.4, 0.75)
        ax.set_ylim(-0.05, 1.45)
        _draw_step(ax)
        self.position_text = ax.set_title("", fontsize=10, loc="center", fontweight="normal")
        pose = self._pose(knee_flexion_deg, ankle_dorsiflexion_deg)
        self.seat = _draw_seat(ax, pose)
        self.stick = StickFigure(ax, pose, zorder=3)
        (self.gas_line,) = ax.plot(
            [],
            [],
            lw=7,
            solid_capstyle="round",
            zorder=4,
            alpha=0.85,
            label="gastrocnemius",
            **_GAS,
        )
        (self.sol_line,) = ax.plot([], [], lw=5, zorder=4.1, alpha=0.9, label="soleus", **_SOL)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2, fontsize=10, frameon=False)
        self._build_bars()
        self.update(knee_flexion_deg, ankle_dorsiflexion_deg)

    def _build_bars(self) -> None:
        """The length bars: 100 % line, the two bars, direction hints and value labels."""
        b = self.ax_bar
        b.set_xlim(*_BAR_LIM)
        b.set_ylim(-0.7, 1.7)
        b.set_yticks([1, 0], ["Gastrocnemius\n(knee + ankle)", "Soleus\n(ankle only)"])
        b.set_xlabel("Model length (% of length with\nknee straight and foot at 90°)")
        b.axvline(100, color=GREYS["outline"], lw=1.2, ls=":")
        b.set_title("Teaching model:\nassumed moment arms", fontsize=11)
        self.gas_bar = Rectangle(
            (100, 0.7), 0, 0.6, facecolor=_GAS["color"], alpha=0.85, edgecolor=GREYS["text"]
        )
        self.sol_bar = Rectangle(
            (100, -0.3), 0, 0.6, facecolor="white", hatch="//", edgecolor=_SOL["color"], lw=2
        )
        for text, dx, ha in (("longer →", 4, "left"), ("← shorter", -4, "right")):
            b.annotate(
                text,
                (100, 1.55),
                xytext=(dx, 0),
                textcoords="offset points",
                fontsize=9,
                color=GREYS["outline"],
                va="center",
                ha=ha,
            )
        b.add_patch(self.gas_bar)
        b.add_patch(self.sol_bar)
        self.gas_value = b.text(0, 1.0, "", va="center", fontsize=11)
        self.sol_value = b.text(0, 0.0, "", va="center", fontsize=11)

    @staticmethod
    def _pose(knee_flexion_deg: float, ankle_dorsiflexion_deg: float) -> Pose:
        pose = pose_from_angles(_leg_angles(knee_flexion_deg, ankle_dorsiflexion_deg))
        return pose.translated("toe", _TOE_XY)

    @property
    def dynamic_artists(self) -> tuple:
        """Artists that move between updates."""
        return (
            self.seat,
            *self.stick.artists,
            self.gas_line,
            self.sol_line,
            self.gas_bar,
            self.sol_bar,
            self.gas_value,
            self.sol_value,
            self.position_text,
        )

    def update(self, knee_flexion_deg: float, ankle_dorsiflexion_deg: float) -> ml.MuscleLengths:
        """Move the leg and the bars to a new position; return the model lengths.

        Raises
        ------
        ValueError
            If an angle is outside its range (the message names the joint).
        """
        lengths = ml.muscle_lengths(knee_flexion_deg, ankle_dorsiflexion_deg)
        pose = self._pose(lengths.knee_flexion_deg, lengths.ankle_dorsiflexion_deg)
        self.stick.update(pose, highlight=("leg", "foot"))
        # A leg view cropped at the top: the head (and neck) is drawn only when it fits
        # whole, never cut in half by the frame.
        whole = pose["head_center"][1] + pose.head_radius_m <= self.ax_leg.get_ylim()[1]
        self.stick.head.set_visible(whole)
        self.stick.lines["neck"].set_visible(whole)
        gas, sol = _muscle_paths(pose)
        self.gas_line.set_data(gas[:, 0], gas[:, 1])
        self.sol_line.set_data(sol[:, 0], sol[:, 1])
        seated = lengths.knee_flexion_deg >= 45
        self.seat.set_visible(seated)
        if seated:
            hip, knee = pose["hip"], pose["knee"]
            h = pose.height_m
            self.seat.set_xy((hip[0] - 0.12 * h, hip[1] - 0.04 * h - 0.06))
            self.seat.set_width(max(knee[0] - hip[0], 0.05) * 0.85 + 0.12 * h)
        for bar, text, value in (
            (self.gas_bar, self.gas_value, lengths.gastrocnemius_relative_pct),
            (self.sol_bar, self.sol_value, lengths.soleus_relative_pct),
        ):
            bar.set_x(min(value, 100.0))
            bar.set_width(abs(value - 100.0))
            text.set_text(f"{value:.1f} %")
            if value >= 100:
                text.set_x(value + 0.3)
                text.set_horizontalalignment("left")
            else:
                text.set_x(value - 0.3)
                text.set_horizontalalignment("right")
        self.position_text.set_text(
            f"Knee {lengths.knee_flexion_deg:.0f}°, ankle {lengths.ankle_dorsiflexion_deg:+.0f}°"
        )
        return lengths


def build_muscle_length_figure(knee_flexion_deg: float, ankle_dorsiflexion_deg: float) -> Figure:
    """The muscle-length view built from scratch (static use and the naive benchmark)."""
    return MuscleLengthFigure(knee_flexion_deg, ankle_dorsiflexion_deg).fig


@register_figure(
    "05_calf_raise_study/muscle_length_presets",
    alt=(
        "Four small side views of the leg doing calf raises: standing (knee straight) and "
        "seated (knee bent 90 degrees), each at the bottom (heel lowered) and the top (on the "
        "toes). Bars under each show the model length of the gastrocnemius and the soleus: "
        "the gastrocnemius is about 6 percent shorter in both seated positions, the soleus "
        "is the same standing and seated."
    ),
    caption=(
        "Teaching model (assumed moment arms): knee angle changes the gastrocnemius length "
        "but not the soleus length; the ankle changes both."
    ),
    source_ids=("kinoshita2023", "teaching_assumption"),
)
@styled
def build_muscle_length_presets_figure() -> Figure:
    """Model lengths at the four preset positions, with small stick figures.

    References
    ----------
    teaching_assumption (model, preset angles); kinoshita2023 (mechanism).
    """
    presets = ml.load_presets()
    fig = new_figure(9.0, 5.4)
    grid = fig.add_gridspec(2, len(presets), height_ratios=[2.4, 1.0], hspace=0.15)
    # one height for every panel, tall enough for the highest head: no head is cut off
    poses = [ml_pose(p) for p in presets]
    top = max(pose["head_center"][1] + pose.head_radius_m for pose in poses) + 0.05
    for col, preset in enumerate(presets):
        ax = fig.add_subplot(grid[0, col])
        _draw_preset_pose(ax, preset)
        ax.set_ylim(-0.05, top)
        _draw_preset_lengths(fig.add_subplot(grid[1, col]), preset, first=col == 0)
    fig.suptitle(
        "Model muscle lengths at the bottom and top of each calf raise\n"
        "(teaching model with assumed moment arms, not measurements)",
        fontsize=11.5,
    )
    fig.supxlabel(
        "Length as % of the length with the knee straight and the foot at 90° "
        "(GAS = gastrocnemius, SOL = soleus)",
        fontsize=9.5,
    )
    return fig


def ml_pose(preset: ml.PositionPreset) -> Pose:
    """The drawn pose of a muscle-length preset (toes on the step)."""
    return MuscleLengthFigure._pose(preset.knee_flexion_deg, preset.ankle_dorsiflexion_deg)


def _draw_preset_pose(ax: Axes, preset: ml.PositionPreset) -> None:
    """The stick figure on its step (and seat), with both muscles drawn."""
    ax.set_aspect("equal")
    ax.set_axis_off()
    pose = MuscleLengthFigure._pose(preset.knee_flexion_deg, preset.ankle_dorsiflexion_deg)
    ax.add_patch(
        Rectangle(
            (_TOE_XY[0] - 0.06, -0.05),
            0.4,
            _STEP_TOP_M + 0.05,
            facecolor=GREYS["light"],
            edgecolor=GREYS["outline"],
        )
    )
    if preset.knee_flexion_deg >= 45:
        _draw_seat(ax, pose)
    StickFigure(ax, pose, highlight=("leg", "foot"))
    gas, sol = _muscle_paths(pose)
    ax.plot(gas[:, 0], gas[:, 1], lw=5, zorder=4, **_GAS)
    ax.plot(sol[:, 0], sol[:, 1], lw=3.5, zorder=4.1, **_SOL)
    ax.set_xlim(-0.45, 0.75)
    ax.set_ylim(-0.05, 1.3)
    ax.set_title(preset.label.replace(": ", ":\n"), fontsize=9.5, loc="center")


def _draw_preset_lengths(bx: Axes, preset: ml.PositionPreset, *, first: bool) -> None:
    """Relative lengths of soleus and gastrocnemius as bars around 100 %."""
    lengths = ml.muscle_lengths(preset.knee_flexion_deg, preset.ankle_dorsiflexion_deg)
    values = [lengths.soleus_relative_pct, lengths.gastrocnemius_relative_pct]
    bx.barh(
        [0, 1],
        [v - 100 for v in values],
        left=100,
        height=0.6,
        color=["white", _GAS["color"]],
        edgecolor=[_SOL["color"], GREYS["text"]],
        hatch=["//", None],
        linewidth=1.5,
    )
    for y, v in enumerate(values):
        bx.text(
            v + (0.5 if v >= 100 else -0.5),
            y,
            f"{v:.0f} %",
            va="center",
            fontsize=9,
            ha="left" if v >= 100 else "right",
        )
    bx.axvline(100, color=GREYS["outline"], lw=1, ls=":")
    bx.set_xlim(84, 106)
    bx.set_yticks([0, 1], ["SOL", "GAS"] if first else ["", ""])
    bx.tick_params(labelsize=9)
