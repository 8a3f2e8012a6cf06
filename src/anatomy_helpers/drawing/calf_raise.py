"""Figures for notebook 05: the Kinoshita et al. 2023 calf-raise study.

* :func:`build_results_figure`: mean % change per muscle, standing vs seated, with the
  between-condition result written out in words next to the marks.
* :func:`build_design_figure`: the study design (two legs, two positions, the timeline).
* :class:`MuscleLengthFigure`: a stick-figure leg doing a calf raise with the gastrocnemius
  and soleus drawn on it, and bars of their model lengths (moves in place for widgets).
* :class:`PairedSimulationFigure`: SIMULATED per-participant changes and the simulated
  power of a paired t-test (moves in place for widgets).

Every number shown comes from :mod:`anatomy_helpers.calf_raise` or
:mod:`anatomy_helpers.muscle_length`; nothing is typed here.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter

from anatomy_helpers import calf_raise as cr
from anatomy_helpers import muscle_length as ml
from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.stick_figure import StickFigure, draw_floor, movement_arrow
from anatomy_helpers.drawing.style import GREYS, OKABE_ITO, new_figure, role_style, styled
from anatomy_helpers.kinematics import JointAngles, Pose, pose_from_angles

__all__ = [
    "MUSCLE_LABELS",
    "MuscleLengthFigure",
    "PairedSimulationFigure",
    "build_design_figure",
    "build_muscle_length_figure",
    "build_muscle_length_presets_figure",
    "build_results_figure",
    "build_simulation_figure",
    "significance_words",
]

#: Short labels of the study's muscles.
MUSCLE_LABELS = {
    "lateral_gastrocnemius": "Lateral\ngastrocnemius",
    "medial_gastrocnemius": "Medial\ngastrocnemius",
    "soleus": "Soleus",
    "triceps_surae": "Whole triceps\nsurae",
}

_GAS = {"color": OKABE_ITO["reddish_purple"], "linestyle": "-"}
_SOL = {"color": OKABE_ITO["bluish_green"], "linestyle": "--"}


def significance_words(muscle_id: str) -> str:
    """The between-condition result in words, with each p-value's verification level.

    Examples
    --------
    >>> significance_words("soleus")
    'no difference (p = 0.410)'
    """
    rows = cr.p_values_for(muscle_id)
    separate = next((p for p in rows if p.scope == "separate"), None)
    pooled = next((p for p in rows if p.scope == "pooled"), None)
    if separate is not None and separate.p_value >= 0.05:
        return f"no difference ({separate.text})"
    parts = []
    if separate is not None:
        tag = " [secondary]" if separate.verification == "S" else ""
        parts.append(f"{separate.text}{tag}")
    if pooled is not None:
        parts.append(f"abstract: {pooled.text}")
    return "standing > seated (" + "; ".join(parts) + ")"


# -- results ---------------------------------------------------------------------------
@register_figure(
    "05_calf_raise_study/results",
    alt=(
        "Grouped bar chart of the mean percentage change in MRI muscle volume after 12 weeks "
        "of calf-raise training, standing leg versus seated leg. Lateral gastrocnemius 12.4 "
        "versus 1.7 percent, medial gastrocnemius 9.2 versus 0.6, soleus 2.1 versus 2.9, "
        "whole triceps surae 5.6 versus 2.1. Standing was significantly greater for both "
        "gastrocnemius heads and the whole triceps surae; the soleus showed no difference. "
        "The seated leg's gastrocnemius heads did not change significantly."
    ),
    caption=(
        "Mean % change in muscle volume, standing vs seated calf-raise training "
        "(Kinoshita et al. 2023, abstract; separate p-values from secondary summaries)."
    ),
    source_ids=("kinoshita2023",),
)
@styled
def build_results_figure() -> Figure:
    """Grouped bars of the published mean % changes, with significance in words and marks.

    Returns
    -------
    matplotlib.figure.Figure
        The figure.

    References
    ----------
    kinoshita2023.
    """
    fig = new_figure(9.0, 5.2)
    ax = fig.add_subplot()
    results = cr.load_results()
    x = np.arange(len(results))
    for i, r in enumerate(results):
        _draw_result_bars(ax, x[i], r)
    _finish_results_axes(ax, x, results)
    return fig


_BAR_WIDTH = 0.36


def _draw_result_bars(ax: Axes, x: float, r: cr.StudyResult) -> None:
    """One muscle: standing and seated bars with values, the comparison mark and words."""
    within = {(w.condition, w.muscle_id): w for w in cr.load_within_leg()}
    width = _BAR_WIDTH
    for offset, cond, style, hatch in (
        (-width / 2, "standing", role_style("standing"), None),
        (width / 2, "seated", role_style("seated"), "///"),
    ):
        value = r.change_pct(cond)
        ax.bar(
            x + offset,
            value,
            width,
            color=style["color"] if hatch is None else "white",
            edgecolor=style["color"],
            hatch=hatch,
            linewidth=2,
            label=None,
        )
        not_sig = not within[(cond, r.muscle_id)].significant
        text = f"+{value:.1f} %" + ("\n(no sig.\nchange)" if not_sig else "")
        ax.text(
            x + offset,
            value + 0.3,
            text,
            ha="center",
            va="bottom",
            fontsize=10,
            color=GREYS["text"],
        )
    top = max(r.standing_change_pct, r.seated_change_pct) + 3.2
    sig = "no difference" not in significance_words(r.muscle_id)
    ax.plot(
        [x - width / 2, x - width / 2, x + width / 2, x + width / 2],
        [top - 0.4, top, top, top - 0.4],
        color=GREYS["text"],
        lw=1.2,
    )
    mark = "*" if sig else "n.s."
    ax.text(x, top + 0.15, mark, ha="center", va="bottom", fontsize=13, fontweight="bold")
    words = significance_words(r.muscle_id).replace(" (", "\n(").replace("; ", "\n")
    ax.text(x, -2.2, words, ha="center", va="top", fontsize=9, color=GREYS["text"])


def _finish_results_axes(ax: Axes, x: np.ndarray, results) -> None:
    """Legend entries, ticks, labels, title and the key to the marks."""
    st, se = role_style("standing"), role_style("seated")
    ax.bar(0, 0, color=st["color"], label="Standing leg (knee straight)")
    ax.bar(
        0,
        0,
        color="white",
        edgecolor=se["color"],
        hatch="///",
        linewidth=2,
        label="Seated leg (knee bent 90°)",
    )
    ax.set_xticks(x, [MUSCLE_LABELS[r.muscle_id] for r in results])
    ax.tick_params(axis="x", pad=2)
    ax.set_ylim(-7.5, 18.5)
    ax.set_yticks(range(0, 20, 5))
    ax.axhline(0, color=GREYS["outline"], lw=1)
    ax.set_ylabel("Mean change in muscle volume (%)")
    ax.set_title("Kinoshita et al. 2023: 12 weeks of calf raises, MRI muscle volume", fontsize=12)
    ax.legend(loc="upper right", frameon=False, fontsize=10)
    ax.text(
        0.0,
        -0.2,
        "* = significant standing vs seated difference; n.s. = not significant. "
        "[secondary] = exact p read only in secondary summaries.\n"
        "(no sig. change) = no significant pre-to-post change within that leg "
        f"(seated gastrocnemius heads, {_not_significant_within_text()}).",
        transform=ax.transAxes,
        fontsize=9,
        color=GREYS["outline"],
        va="top",
    )


def _not_significant_within_text() -> str:
    rows = [w for w in cr.load_within_leg() if not w.significant]
    return rows[0].text.split(" (")[0] if rows else "none"


# -- design ----------------------------------------------------------------------------
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
        # Bars.
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
        self.update(knee_flexion_deg, ankle_dorsiflexion_deg)

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


# -- simulation ------------------------------------------------------------------------
_SIM_Y_LIM = (-35.0, 70.0)
_VALUE_BOX = {"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"}
_POWER_N = np.arange(4, 61)
#: Line style, marker and Okabe-Ito colour of each muscle's power curve.
_POWER_STYLES = {
    "lateral_gastrocnemius": ("-", "o", "reddish_purple"),
    "medial_gastrocnemius": ("--", "^", "blue"),
    "soleus": (":", "s", "bluish_green"),
    "triceps_surae": ("-.", "D", "orange"),
}


class PairedSimulationFigure:
    """SIMULATED paired data for one muscle and simulated power curves (moves in place).

    Parameters
    ----------
    muscle_id : str
        Muscle shown on the left.
    n_participants, between_person_sd_pct, leg_correlation, seed
        Passed to :func:`anatomy_helpers.calf_raise.simulate_paired_changes`.
    """

    @styled
    def __init__(
        self,
        muscle_id: str = "lateral_gastrocnemius",
        *,
        n_participants: int = 14,
        between_person_sd_pct: float = cr.DEFAULT_BETWEEN_PERSON_SD_PCT,
        leg_correlation: float = cr.DEFAULT_LEG_CORRELATION,
        seed: int = 2023,
    ):
        self.fig = new_figure(7.6, 4.0)
        self.fig.suptitle(
            "SIMULATION, not study data (means set to the published values)",
            fontsize=11.5,
            color=OKABE_ITO["vermillion"],
        )
        grid = self.fig.add_gridspec(1, 2, width_ratios=[1.0, 1.25], wspace=0.3)
        self._build_pairs_panel(self.fig.add_subplot(grid[0, 0]))
        self._build_power_panel(self.fig.add_subplot(grid[0, 1]))
        self.last_simulation: cr.PairedSimulation | None = None
        self.last_power: dict[str, cr.PowerEstimate] = {}
        self._power_key: tuple | None = None
        #: True after an update that changed a static artist (the title): a live renderer
        #: must redraw everything once (see :meth:`LiveFigure.invalidate`).
        self.static_changed = True
        self.update(
            muscle_id,
            n_participants=n_participants,
            between_person_sd_pct=between_person_sd_pct,
            leg_correlation=leg_correlation,
            seed=seed,
        )

    def _build_pairs_panel(self, ax: Axes) -> None:
        """Left panel: one line per simulated person, the means and the CI text."""
        self.ax_pairs = ax
        ax.set_xlim(-0.5, 1.5)
        ax.set_ylim(*_SIM_Y_LIM)
        ax.set_xticks([0, 1], ["Standing leg", "Seated leg"])
        ax.set_ylabel("Change in muscle volume (%)")
        ax.axhline(0, color=GREYS["outline"], lw=1)
        self.pairs_title = ax.set_title("", fontsize=10, fontweight="normal")
        self.pair_lines = LineCollection([], colors=GREYS["mid"], linewidths=1.2, alpha=0.8)
        ax.add_collection(self.pair_lines)
        st, se = role_style("standing"), role_style("seated")
        self.standing_pts = ax.scatter([], [], s=28, color=st["color"], marker="o", zorder=3)
        self.seated_pts = ax.scatter(
            [], [], s=28, facecolor="white", edgecolor=se["color"], marker="s", zorder=3
        )
        (self.mean_line,) = ax.plot([], [], color=GREYS["text"], lw=3, marker="D", ms=8, zorder=4)
        # Inside the panel (right-aligned, three lines) so it never covers the y-axis ticks;
        # on an opaque box in case a simulated person reaches that high.
        self.ci_text = ax.text(
            0.98,
            0.98,
            "",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=8.5,
            zorder=5,
            bbox=_VALUE_BOX,
        )

    def _build_power_panel(self, px: Axes) -> None:
        """Right panel: a power curve per muscle, the 80 % line and the current n."""
        self.ax_power = px
        px.set_xlim(_POWER_N[0], _POWER_N[-1])
        px.set_ylim(0, 1.02)
        px.set_xlabel("Participants (each trains both legs)")
        px.set_ylabel("Share of studies with p < 0.05")
        px.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{100 * v:.0f} %"))
        px.set_title("SIMULATED power, paired t-test", fontsize=10, fontweight="normal")
        px.axhline(0.8, color=GREYS["outline"], lw=1, ls=":")  # the usual 80 % target
        self.power_lines = {}
        for m in cr.MUSCLE_IDS:
            ls, marker, colour = _POWER_STYLES[m]
            (line,) = px.plot(
                [],
                [],
                ls=ls,
                marker=marker,
                markevery=8,
                ms=6,
                lw=2,
                color=OKABE_ITO[colour],
                label=MUSCLE_LABELS[m].replace("\n", " "),
            )
            self.power_lines[m] = line
        # Below the panel: inside it the legend would hide part of a curve.
        px.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.22),
            ncols=2,
            fontsize=8.5,
            frameon=False,
            handlelength=2.4,
        )
        self.n_line = px.axvline(14, color=GREYS["text"], lw=1.5)
        self.n_text = px.text(14, 0.03, "", fontsize=9, ha="left", zorder=5, bbox=_VALUE_BOX)

    @property
    def dynamic_artists(self) -> tuple:
        """Artists that move between updates."""
        return (
            self.pair_lines,
            self.standing_pts,
            self.seated_pts,
            self.mean_line,
            self.ci_text,
            *self.power_lines.values(),
            self.n_line,
            self.n_text,
        )

    def update(
        self,
        muscle_id: str,
        *,
        n_participants: int = 14,
        between_person_sd_pct: float = cr.DEFAULT_BETWEEN_PERSON_SD_PCT,
        leg_correlation: float = cr.DEFAULT_LEG_CORRELATION,
        seed: int = 2023,
    ) -> cr.PairedSimulation:
        """Redraw for new settings; return the simulated data set.

        Raises
        ------
        TypeError, ValueError
            For invalid settings (see :func:`~anatomy_helpers.calf_raise.simulate_paired_changes`).
        """
        sim = cr.simulate_paired_changes(
            muscle_id,
            n_participants=n_participants,
            between_person_sd_pct=between_person_sd_pct,
            leg_correlation=leg_correlation,
            seed=seed,
        )
        s, t = sim.standing_change_pct, sim.seated_change_pct
        seg = np.stack(
            [np.column_stack([np.zeros(sim.n), s]), np.column_stack([np.ones(sim.n), t])], axis=1
        )
        self.pair_lines.set_segments(seg)
        self.standing_pts.set_offsets(np.column_stack([np.zeros(sim.n), s]))
        self.seated_pts.set_offsets(np.column_stack([np.ones(sim.n), t]))
        self.mean_line.set_data([0, 1], [s.mean(), t.mean()])
        name = MUSCLE_LABELS[muscle_id].replace("\n", " ")
        title = f"SIMULATED participants: {name}"
        self.static_changed = title != self.pairs_title.get_text()
        self.pairs_title.set_text(title)
        mean, low, high, sig = sim.paired_t()
        verdict = "detected" if sig else "not detected"
        self.ci_text.set_text(f"mean {mean:+.1f}\n95 % CI {low:+.1f} to {high:+.1f}\n{verdict}")
        n_max = int(_POWER_N[-1])
        key = (between_person_sd_pct, leg_correlation, seed)
        if key != self._power_key:
            self.last_power = {
                m: cr.simulated_power(
                    m,
                    _POWER_N,
                    between_person_sd_pct=between_person_sd_pct,
                    leg_correlation=leg_correlation,
                    n_simulations=1000,
                    seed=seed,
                )
                for m in cr.MUSCLE_IDS
            }
            self._power_key = key
        for m, est in self.last_power.items():
            line = self.power_lines[m]
            line.set_data(est.n_values, est.power)
            line.set_linewidth(3.5 if m == muscle_id else 2.0)
        n_clip = min(max(sim.n, int(_POWER_N[0])), n_max)
        self.n_line.set_xdata([n_clip, n_clip])
        here = self.last_power[muscle_id]
        p_here = here.power_at(n_clip) if sim.n <= n_max else float("nan")
        # right of the line, or left of it near the right edge of the panel
        left = n_clip > 0.75 * n_max
        self.n_text.set_position((n_clip - 0.8 if left else n_clip + 0.8, 0.03))
        self.n_text.set_horizontalalignment("right" if left else "left")
        self.n_text.set_text(f"power {p_here:.0%}" if sim.n <= n_max else "")
        self.last_simulation = sim
        return sim


@register_figure(
    "05_calf_raise_study/simulation",
    alt=(
        "A simulation, not study data. Left: 14 simulated participants' changes in the lateral "
        "gastrocnemius, standing leg versus seated leg, joined by lines, with the means at the "
        "published values; most lines slope down from standing to seated. Right: simulated "
        "power of a paired t-test against the number of participants: the two gastrocnemius "
        "heads reach high power with about 10 people, the whole triceps surae needs more, and "
        "the soleus stays near 5 to 10 percent at every sample size shown."
    ),
    caption=(
        "SIMULATION (not study data): between-person SD 6 % and leg correlation 0.5 are "
        "teaching assumptions; the means are the published ones."
    ),
    source_ids=("kinoshita2023", "teaching_assumption"),
)
def build_simulation_figure(
    muscle_id: str = "lateral_gastrocnemius",
    *,
    n_participants: int = 14,
    between_person_sd_pct: float = cr.DEFAULT_BETWEEN_PERSON_SD_PCT,
    leg_correlation: float = cr.DEFAULT_LEG_CORRELATION,
    seed: int = 2023,
) -> Figure:
    """The simulation view built from scratch (export, static use, naive benchmark)."""
    return PairedSimulationFigure(
        muscle_id,
        n_participants=n_participants,
        between_person_sd_pct=between_person_sd_pct,
        leg_correlation=leg_correlation,
        seed=seed,
    ).fig
