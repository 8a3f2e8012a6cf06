"""Nerve tension lab drawings: the nerve coloured by model strain, its profile, a gauge.

A stick figure with the nerve coloured by model strain, the strain profile along the bed,
and a strain gauge against labelled animal thresholds.

:class:`TensionLabFigure` keeps its artists so a widget can move them;
:func:`build_tension_lab_figure` builds the same picture from scratch (static use and the
naive benchmark). Every model value shown comes from a teaching-assumption model and the
figure says so.

References: teaching_assumption, ogata_naito1986, wang2015, smith1993, coppieters_butler2008,
coppieters2015, coppieters2009.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.stick_figure import StickFigure, draw_floor, draw_plinth
from anatomy_helpers.drawing.style import GREYS, OKABE_ITO, new_figure, role_style, styled
from anatomy_helpers.kinematics import ANGLE_LIMITS_DEG, JointAngles, Pose, pose_from_angles
from anatomy_helpers.neurodynamics import (
    FULL_SLUMP,
    JOINTS,
    SLIDER_EXAMPLE,
    NerveBedState,
    NervePosture,
    bed_grid_mm,
    compare_slider_tensioner,
    human_strain_range_pct,
    joint_parameters,
    load_slider_tensioner,
    load_strain_thresholds,
    nerve_state,
    reference_checks,
)

__all__ = [
    "FULL_SLUMP",
    "SLIDER_EXAMPLE",
    "STRAIN_CMAP",
    "STRAIN_RANGE_PCT",
    "TensionLabFigure",
    "build_full_slump_figure",
    "build_model_check_figure",
    "build_slider_tensioner_figure",
    "build_tension_lab_figure",
    "contribution_summary",
    "joint_angles_for",
    "nerve_path_xy",
]

#: Colour map and range of the strain colouring (%); slack (negative) values clip to 0.
STRAIN_CMAP = "cividis"
STRAIN_RANGE_PCT = (0.0, 16.0)
_NORM = Normalize(*STRAIN_RANGE_PCT, clip=True)
_XLIM = (-0.85, 0.98)
_YLIM = (-0.62, 1.05)
_OFFSET_M = 0.04  # nerve drawn this far behind the limb
_PROFILE_YLIM = (-10.0, 12.0)  # every reachable strain profile fits (-9.4 to 11.5 %)
_LIMB_COLOR = "#a6a6a6"
ASSUMPTION_NOTE = "Model values: teaching assumptions, not measurements"


#: Smallest drawn angle between the trunk (hip to C7) and the thigh (degrees), and the
#: clearance kept between the head and the leg (m): drawing choices that keep the figure
#: reading as a person at every reachable posture.
_MIN_TRUNK_THIGH_DEG = 30.0
_HEAD_CLEARANCE_M = 0.03
_STEP_DEG = 5.0


def _segment_distance(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    ab = b - a
    t = float(np.clip(np.dot(p - a, ab) / max(float(np.dot(ab, ab)), 1e-12), 0.0, 1.0))
    return float(np.hypot(*(p - (a + t * ab))))


def reads_as_person(pose: Pose) -> bool:
    """Whether a drawn pose is legible: trunk clear of the thigh, head clear of the leg.

    The trunk (hip to C7) must make at least 30° with the thigh, and the head's circle
    must keep 3 cm from the thigh, leg and foot.
    """
    trunk = pose["c7"] - pose["hip"]
    thigh = pose["knee"] - pose["hip"]
    cos = float(np.dot(trunk, thigh) / (np.hypot(*trunk) * np.hypot(*thigh)))
    if np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))) < _MIN_TRUNK_THIGH_DEG:
        return False
    head, clear = pose["head_center"], pose.head_radius_m + _HEAD_CLEARANCE_M
    limb = (("hip", "knee"), ("knee", "ankle"), ("heel", "toe"))
    return all(_segment_distance(head, pose[a], pose[b]) >= clear for a, b in limb)


def _behind_and_below_seat(pose: Pose) -> bool:
    hip = pose["hip"]
    return any(pose[p][0] < hip[0] and pose[p][1] < hip[1] for p in ("c7", "head_center"))


def joint_angles_for(posture: NervePosture, *, lying: bool = False) -> JointAngles:
    """Stick-figure angles for a model posture, drawn so the figure reads as a person.

    Sitting, the thigh stays on the plinth: hip flexion other than 90° tilts the pelvis
    and trunk (forwards above 90°, back towards lying below it), as it does in a seated
    patient. Lying, the trunk lies on the floor and hip flexion lifts the leg. Where the
    trunk would fold onto the thigh or the head would run into the leg
    (:func:`reads_as_person`), the drawing raises the trunk 5° at a time (sitting: less
    forward tilt; lying: less trunk flexion) until the figure is clear; leaning back, the
    trunk stops where the plinth would hold it. Only the drawing changes: the model always
    uses the posture's own angles.

    Parameters
    ----------
    posture : NervePosture
        The model posture.
    lying : bool, default False
        Lying on the back instead of sitting.

    Returns
    -------
    JointAngles
        Angles for :func:`anatomy_helpers.kinematics.pose_from_angles`.
    """
    angles = posture.joint_angles(lying=lying)
    if not lying:
        # body tilt + hip flexion = 90 keeps the thigh horizontal on the plinth
        angles = angles.with_changes(body_tilt_deg=90.0 - angles.hip_flexion_deg)
    low_trunk = ANGLE_LIMITS_DEG["trunk_flexion_deg"][0]
    high_hip = ANGLE_LIMITS_DEG["hip_flexion_deg"][1]
    for _ in range(60):
        pose = pose_from_angles(angles)
        if not lying and _behind_and_below_seat(pose) and angles.hip_flexion_deg < high_hip:
            # leaning back past the seat: the plinth holds the trunk up
            angles = angles.with_changes(
                body_tilt_deg=angles.body_tilt_deg - _STEP_DEG,
                hip_flexion_deg=min(angles.hip_flexion_deg + _STEP_DEG, high_hip),
            )
        elif reads_as_person(pose):
            break
        elif lying and angles.trunk_flexion_deg - _STEP_DEG >= low_trunk:
            angles = angles.with_changes(trunk_flexion_deg=angles.trunk_flexion_deg - _STEP_DEG)
        elif not lying and angles.body_tilt_deg + _STEP_DEG <= 90.0:
            angles = angles.with_changes(
                body_tilt_deg=angles.body_tilt_deg + _STEP_DEG,
                hip_flexion_deg=angles.hip_flexion_deg - _STEP_DEG,
            )
        else:
            break
    return angles


def nerve_path_xy(pose: Pose) -> np.ndarray:
    """Map every bed grid point onto the drawn figure, just behind the limb (m).

    The bed's joints sit at the figure's hip, knee and ankle; the roots lie 40 % of the way
    up the lumbar segment and the distal end half-way along the foot.

    Returns
    -------
    numpy.ndarray
        Shape (n_grid, 2).
    """
    params = joint_parameters()
    hip_s = params["hip_flexion"].bed_position_mm
    knee_s = params["knee_flexion"].bed_position_mm
    ankle_s = params["ankle_dorsiflexion"].bed_position_mm
    grid = bed_grid_mm()
    roots = pose["hip"] + 0.4 * (pose["t12"] - pose["hip"])
    foot = pose["ankle"] + 0.5 * (pose["toe"] - pose["ankle"])
    anchors_s = np.array([0.0, hip_s, knee_s, ankle_s, grid[-1]])
    anchors = np.array([roots, pose["hip"], pose["knee"], pose["ankle"], foot])
    xy = np.column_stack(
        [np.interp(grid, anchors_s, anchors[:, 0]), np.interp(grid, anchors_s, anchors[:, 1])]
    )
    # Offset to the posterior side: the clockwise normal of the direction of travel.
    d = np.gradient(xy, axis=0)
    norm = np.hypot(d[:, 0], d[:, 1])
    norm[norm == 0] = 1.0
    normal = np.column_stack([d[:, 1], -d[:, 0]]) / norm[:, None]
    return xy + _OFFSET_M * normal


def _segments(xy: np.ndarray) -> np.ndarray:
    return np.stack([xy[:-1], xy[1:]], axis=1)


def _widths(profile_pct: np.ndarray) -> np.ndarray:
    mid = 0.5 * (profile_pct[:-1] + profile_pct[1:])
    return 2.0 + 0.7 * np.clip(mid, 0.0, STRAIN_RANGE_PCT[1])


class TensionLabFigure:
    """Stick figure + strain-coloured nerve, strain profile and gauge; :meth:`update` moves them.

    Parameters
    ----------
    posture : NervePosture
        Initial posture.
    lying : bool, default False
        Start lying on the back (nerve glide) instead of sitting.
    """

    @styled
    def __init__(self, posture: NervePosture, *, lying: bool = False):
        self.fig = new_figure(9.4, 4.5)
        grid_spec = self.fig.add_gridspec(2, 2, width_ratios=(1.05, 1.0), height_ratios=(1, 1))
        self.ax = self.fig.add_subplot(grid_spec[:, 0])
        self.ax_profile = self.fig.add_subplot(grid_spec[0, 1])
        self.ax_gauge = self.fig.add_subplot(grid_spec[1, 1])
        self.lying = lying
        state = nerve_state(posture)
        pose = pose_from_angles(joint_angles_for(posture, lying=lying))
        self._build_body(pose)
        self._build_profile()
        self._build_gauge()
        self.update(posture, lying=lying, state=state)

    # -- construction --------------------------------------------------------------------
    def _build_body(self, pose: Pose) -> None:
        ax = self.ax
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.set_xlim(*_XLIM)
        ax.set_ylim(*_YLIM)
        before = {*ax.lines, *ax.collections}
        draw_plinth(ax, pose_from_angles(JointAngles(hip_flexion_deg=90, knee_flexion_deg=90)))
        self._plinth = [a for a in (*ax.lines, *ax.collections) if a not in before]
        before = {*ax.lines, *ax.collections}
        draw_floor(ax, -0.13, _XLIM)
        self._floor = [a for a in (*ax.lines, *ax.collections) if a not in before]
        self.figure = StickFigure(ax, pose, color=_LIMB_COLOR)
        self.nerve = LineCollection(
            [], cmap=STRAIN_CMAP, norm=_NORM, capstyle="round", joinstyle="round", zorder=5
        )
        ax.add_collection(self.nerve)
        self.peak_marker = ax.scatter(
            [],
            [],
            s=90,
            marker="v",
            color=OKABE_ITO["vermillion"],
            edgecolors="black",
            zorder=7,
        )
        self.peak_label = ax.text(
            0,
            0,
            "",
            fontsize=10,
            ha="left",
            va="bottom",
            zorder=8,
            color=GREYS["text"],
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": GREYS["mid"], "lw": 0.8},
        )
        ax.set_title("Nerve coloured and thickened by model strain", fontsize=12)
        cbar = self.fig.colorbar(
            self._scalar_mappable(), ax=ax, orientation="horizontal", fraction=0.045, pad=0.02
        )
        cbar.set_label("Local strain (%), also shown by line width", fontsize=10)
        cbar.ax.tick_params(labelsize=9)

    @staticmethod
    def _scalar_mappable():
        from matplotlib.cm import ScalarMappable

        return ScalarMappable(norm=_NORM, cmap=STRAIN_CMAP)

    def _build_profile(self) -> None:
        ax = self.ax_profile
        params = joint_parameters()
        grid = bed_grid_mm()
        for joint, name in (
            ("hip_flexion", "hip"),
            ("knee_flexion", "knee"),
            ("ankle_dorsiflexion", "ankle"),
        ):
            s = params[joint].bed_position_mm
            ax.axvline(s, color=GREYS["light"], lw=1.2, zorder=0)
            ax.text(
                s,
                1.0,
                name,
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="bottom",
                fontsize=9,
                color=GREYS["outline"],
            )
        ax.axhline(0, color=GREYS["mid"], lw=0.8)
        style = role_style("sciatic")
        (self.profile_line,) = ax.plot(
            grid, np.zeros_like(grid), color=style["color"], lw=2.2, label="local\nstrain"
        )
        (self.mean_line,) = ax.plot(
            [grid[0], grid[-1]],
            [0, 0],
            color=OKABE_ITO["orange"],
            lw=1.6,
            ls="--",
            label="bed\naverage",
        )
        ax.set_xlim(grid[0], grid[-1])
        ax.set_ylim(*_PROFILE_YLIM)
        ax.set_xlabel("Distance along the bed from the L5/S1 foramen (mm)", fontsize=10)
        ax.set_ylabel("Strain (%)", fontsize=10)
        # Beside the plot, not on it: the lines can reach any height of the axes.
        ax.legend(
            loc="center left",
            bbox_to_anchor=(1.01, 0.5),
            fontsize=9,
            frameon=False,
            handlelength=1.6,
        )
        ax.tick_params(labelsize=9)

    def _build_gauge(self) -> None:
        ax = self.ax_gauge
        low, high = human_strain_range_pct()
        ax.axvspan(low, high, ymin=0.0, ymax=1.0, color=OKABE_ITO["sky_blue"], alpha=0.25, lw=0)
        ax.text(
            (low + high) / 2,
            2.55,
            f"human values\nmeasured {low:g}–{high:g} %",
            ha="center",
            va="center",
            fontsize=9,
            color=GREYS["text"],
        )
        thr = role_style("threshold")
        for t in load_strain_thresholds():
            if t.kind == "animal_threshold":
                ax.axvline(t.strain_pct, color=thr["color"], ls=thr["linestyle"], lw=1.5)
                ax.annotate(
                    f"{t.strain_pct:g} %:\n{t.label.lower()}\n"
                    "(ANIMAL data,\nnot a clinical\ncut-off)",
                    (t.strain_pct, 1.3),
                    xytext=(5, 0),
                    textcoords="offset points",
                    ha="left",
                    va="center",
                    fontsize=8.5,
                    color=GREYS["text"],
                )
            elif t.kind == "animal_dose":
                ax.axvline(t.strain_pct, color=GREYS["mid"], ls=":", lw=1.5)
                ax.annotate(
                    f"{t.strain_pct:g} %: rabbit dose",
                    (t.strain_pct, -0.45),
                    xytext=(-4, 0),  # left of its line: the 15.7 % line is to the right
                    textcoords="offset points",
                    ha="right",
                    va="center",
                    fontsize=8.5,
                    color=GREYS["outline"],
                )
        self.mean_bar = Rectangle(
            (0, 1.25), 0, 0.6, color=OKABE_ITO["orange"], hatch="//", ec="black", lw=0.8
        )
        self.peak_bar = Rectangle(
            (0, 0.25), 0, 0.6, color=OKABE_ITO["vermillion"], ec="black", lw=0.8
        )
        ax.add_patch(self.mean_bar)
        ax.add_patch(self.peak_bar)
        # Value labels on opaque boxes: a threshold line may pass behind, never through.
        value_box = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"}
        self.mean_text = ax.text(0, 1.55, "", va="center", fontsize=9.5, bbox=value_box, zorder=4)
        self.peak_text = ax.text(0, 0.55, "", va="center", fontsize=9.5, bbox=value_box, zorder=4)
        ax.set_yticks([0.55, 1.55], ["peak local", "bed average"], fontsize=9.5)
        ax.set_xlim(-1, 25)
        ax.set_ylim(-0.8, 3.2)
        ax.set_xlabel("Model strain (%)", fontsize=10)
        ax.tick_params(axis="x", labelsize=9)
        # The note heads the gauge: clear of the moving figure and of every line.
        ax.set_title(ASSUMPTION_NOTE, fontsize=9, color=GREYS["outline"], fontweight="normal")
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)

    # -- updates -------------------------------------------------------------------------
    @property
    def dynamic_artists(self) -> tuple:
        """Artists that move between updates."""
        return (
            *self.figure.artists,
            self.nerve,
            self.peak_marker,
            self.peak_label,
            self.profile_line,
            self.mean_line,
            self.mean_bar,
            self.peak_bar,
            self.mean_text,
            self.peak_text,
        )

    def set_lying(self, lying: bool) -> bool:
        """Show the floor (lying) or the plinth (sitting); return True if it changed."""
        changed = lying != self.lying
        self.lying = lying
        for artist in self._plinth:
            artist.set_visible(not lying)
        for artist in self._floor:
            artist.set_visible(lying)
        return changed

    def update(
        self,
        posture: NervePosture,
        *,
        lying: bool | None = None,
        state: NerveBedState | None = None,
    ) -> NerveBedState:
        """Move everything to ``posture``; return the model state drawn.

        Parameters
        ----------
        posture : NervePosture
            Posture to show.
        lying : bool, optional
            Change between sitting and lying (static artists change: re-render fully).
        state : NerveBedState, optional
            Precomputed model state for ``posture``.
        """
        if lying is not None:
            self.set_lying(lying)
        state = state if state is not None else nerve_state(posture)
        pose = pose_from_angles(joint_angles_for(posture, lying=self.lying))
        self.figure.update(pose)
        xy = nerve_path_xy(pose)
        profile = state.strain_profile_pct
        mid = 0.5 * (profile[:-1] + profile[1:])
        self.nerve.set_segments(_segments(xy))
        self.nerve.set_array(np.clip(mid, 0.0, None))
        self.nerve.set_linewidths(_widths(profile))
        i = int(np.argmax(profile))
        self.peak_marker.set_offsets(xy[i : i + 1] + np.array([[0.0, 0.055]]))
        self.peak_label.set_position((xy[i, 0] + 0.03, xy[i, 1] + 0.08))
        self.peak_label.set_text(f"peak {state.peak_strain_pct:.1f} %")
        self.profile_line.set_ydata(profile)
        self.mean_line.set_ydata([state.mean_strain_pct] * 2)
        for bar, text, value in (
            (self.mean_bar, self.mean_text, state.mean_strain_pct),
            (self.peak_bar, self.peak_text, state.peak_strain_pct),
        ):
            bar.set_width(max(value, 0.0))
            text.set_x(max(value, 0.0) + 0.25)
            text.set_text(f"{value:.1f} %")
        return state


def build_tension_lab_figure(posture: NervePosture, *, lying: bool = False) -> Figure:
    """The tension lab picture as a new Figure (static use and the naive benchmark)."""
    view = TensionLabFigure(posture, lying=lying)
    return view.fig


@register_figure(
    "02_nerve_tension_lab/full_slump_strain",
    alt=(
        "Left: a seated stick figure in the full slump test (trunk and neck flexed, knee "
        "straight, ankle dorsiflexed) with the sciatic nerve drawn behind the leg, coloured "
        "and thickened by model strain, which peaks near the hip. Top right: model strain "
        "along the nerve bed from the spine to the foot. Bottom right: a gauge showing the "
        "model's bed-average and peak strain, both inside the shaded band of human values "
        "measured in studies and well below the rabbit blood-flow-arrest line at 15.7 %."
    ),
    caption=(
        "Teaching model of the full slump test (parameters are assumptions): strain along "
        "the nerve and against labelled animal data."
    ),
    source_ids=(
        "teaching_assumption",
        "ogata_naito1986",
        "wang2015",
        "smith1993",
        "coppieters_butler2008",
        "coppieters2015",
    ),
)
def build_full_slump_figure() -> Figure:
    """The tension lab at the full slump test (exported to ``figures/``)."""
    return build_tension_lab_figure(FULL_SLUMP)


@register_figure(
    "02_nerve_tension_lab/slider_vs_tensioner",
    alt=(
        "Three bar-chart panels comparing sliders and tensioners. Left, the teaching model "
        "(sciatic nerve, seated knee extension with neck extension or neck flexion): the "
        "slider gives slightly more mid-thigh excursion and less bed lengthening than the "
        "tensioner. Middle, upper-limb cadaver data from Coppieters and Butler 2008: the "
        "slider moved the median nerve 12.6 mm vs 6.1 mm and the ulnar nerve 8.3 mm vs "
        "3.8 mm. Right, upper-limb in-vivo data from Coppieters 2009: 10.2 mm vs 1.8 mm."
    ),
    caption="Sliders move the nerve more and stretch it less: model (assumed parameters) "
    "beside upper-limb measurements.",
    source_ids=("teaching_assumption", "coppieters_butler2008", "coppieters2009"),
)
@styled
def build_slider_tensioner_figure() -> Figure:
    """Model slider vs tensioner beside the measured upper-limb numbers (exported)."""
    c = compare_slider_tensioner(**SLIDER_EXAMPLE)
    rows = {r.comparison_id: r for r in load_slider_tensioner()}
    fig = new_figure(10.0, 4.0)
    axes = fig.subplots(1, 3, sharey=False)
    slider = {"color": OKABE_ITO["blue"], "hatch": ""}
    tensioner = {"color": OKABE_ITO["vermillion"], "hatch": "//"}

    def bars(ax, labels, s_vals, t_vals, title, ylabel):
        x = np.arange(len(labels))
        for offset, vals, st, name in (
            (-0.2, s_vals, slider, "slider"),
            (0.2, t_vals, tensioner, "tensioner"),
        ):
            b = ax.bar(
                x + offset,
                vals,
                0.38,
                color=st["color"],
                hatch=st["hatch"],
                edgecolor="black",
                lw=0.8,
                label=name,
            )
            ax.bar_label(b, fmt="%.1f", fontsize=9, padding=2)
        ax.set_xticks(x, labels, fontsize=9.5)
        ax.set_title(title, fontsize=11)
        ax.set_ylabel(ylabel, fontsize=10)
        ax.tick_params(axis="y", labelsize=9)
        ax.margins(y=0.18)

    bars(
        axes[0],
        ["excursion\nmid-thigh (mm)", "bed lengthening\n(mm)"],
        [c.slider_excursion_mm, c.slider_elongation_mm],
        [c.tensioner_excursion_mm, c.tensioner_elongation_mm],
        "Model, sciatic\n(ASSUMED parameters)",
        "mm",
    )
    bars(
        axes[1],
        ["median at wrist", "ulnar at elbow"],
        [rows["cb2008_median_slider"].excursion_mm, rows["cb2008_ulnar_slider"].excursion_mm],
        [rows["cb2008_median_tensioner"].excursion_mm, rows["cb2008_ulnar_tensioner"].excursion_mm],
        "UPPER LIMB\ncadavers (2008)",
        "Excursion (mm)",
    )
    bars(
        axes[2],
        ["median, upper arm"],
        [rows["c2009_median_slider"].excursion_mm],
        [rows["c2009_median_tensioner"].excursion_mm],
        "UPPER LIMB\nin vivo (2009)",
        "Excursion (mm)",
    )
    axes[0].legend(fontsize=9, frameon=False, loc="upper left")
    return fig


@register_figure(
    "02_nerve_tension_lab/model_check",
    alt=(
        "Dot plot comparing the teaching model's predictions with measurements. For each "
        "case (Ridehalgh 2014 mid-thigh excursion at hip 30 and 60 degrees, Coppieters 2015 "
        "sural strain and excursion, Smith 1993 root strain) a black dot with a bar shows the "
        "measured mean and its stated tolerance, and an orange diamond shows the model. All "
        "five model values fall inside the bars."
    ),
    caption="How close the assumed-parameter model comes to measured values.",
    source_ids=("teaching_assumption", "ridehalgh2014", "coppieters2015", "smith1993"),
)
@styled
def build_model_check_figure() -> Figure:
    """Model predictions vs measured means with tolerance bars (exported)."""
    checks = reference_checks()
    fig = new_figure(8.0, 3.6)
    ax = fig.add_subplot()
    labels = []
    for i, c in enumerate(checks):
        unit = "mm" if c.quantity == "excursion_mm" else "%"
        kind = "excursion" if c.quantity == "excursion_mm" else "strain"
        labels.append(f"{c.measurement.label}: {kind} ({unit})")
        ax.errorbar(
            c.measured,
            i,
            xerr=c.tolerance,
            fmt="o",
            color="black",
            capsize=4,
            label="measured ± tolerance" if i == 0 else None,
        )
        ax.plot(
            c.predicted,
            i,
            marker="D",
            color=OKABE_ITO["orange"],
            ms=9,
            ls="none",
            markeredgecolor="black",
            label="model (assumed parameters)" if i == 0 else None,
        )
    ax.set_yticks(range(len(checks)), labels, fontsize=9.5)
    ax.invert_yaxis()
    ax.set_xlabel("Value (mm or %, see label)", fontsize=10)
    ax.legend(fontsize=9, frameon=False, loc="lower right")
    return fig


def contribution_summary(state: NerveBedState) -> list[tuple[str, float]]:
    """(joint label, bed lengthening in mm) for every joint, in model order."""
    params = joint_parameters()
    return [(params[j].label, state.contributions_mm[j]) for j in JOINTS]
