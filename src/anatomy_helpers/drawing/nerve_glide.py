"""The supine sciatic nerve glide (seed page) through the nerve-bed model, and the evidence.

Figures: a film strip of one glide repetition with the nerve coloured by model strain plus
the model's bed lengthening and mid-thigh excursion against knee flexion; and a forest plot
of the verified pain effects of neural mobilisation.

References: seed_sciatic_glide_page, teaching_assumption, basson2017, ferreira2016.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.stick_figure import StickFigure, draw_floor
from anatomy_helpers.drawing.style import GREYS, OKABE_ITO, new_figure, role_style, styled
from anatomy_helpers.drawing.tension_lab import (
    _NORM,
    ASSUMPTION_NOTE,
    STRAIN_CMAP,
    _segments,
    _widths,
    joint_angles_for,
    nerve_path_xy,
)
from anatomy_helpers.kinematics import pose_from_angles
from anatomy_helpers.neurodynamics import (
    NervePosture,
    excursion_mm,
    glide_postures,
    load_mobilisation_evidence,
    nerve_state,
)

__all__ = ["build_glide_steps_figure", "build_pain_effects_figure", "glide_curve"]


def glide_curve(n_steps: int = 19) -> dict[str, np.ndarray]:
    """Model values along one glide repetition.

    Parameters
    ----------
    n_steps : int, default 19
        Number of postures (see :func:`anatomy_helpers.neurodynamics.glide_postures`).

    Returns
    -------
    dict of str to numpy.ndarray
        ``knee_flexion_deg``, ``elongation_mm`` (change from the start), ``peak_strain_pct``
        and ``mid_thigh_excursion_mm`` (from the start; + = distal).
    """
    steps = glide_postures(n_steps)
    start = steps[0]
    base = nerve_state(start).elongation_mm
    return {
        "knee_flexion_deg": np.array([p.knee_flexion_deg for p in steps]),
        "elongation_mm": np.array([nerve_state(p).elongation_mm - base for p in steps]),
        "peak_strain_pct": np.array([nerve_state(p).peak_strain_pct for p in steps]),
        "mid_thigh_excursion_mm": np.array([excursion_mm(start, p, "mid_thigh") for p in steps]),
    }


@register_figure(
    "02_nerve_tension_lab/glide_steps",
    alt=(
        "Top: four stick figures lying on the back with the hip bent to 90 degrees, the knee "
        "straightening from 90 degrees to 60, 30 and 0 degrees of flexion while the ankle "
        "stays slightly dorsiflexed; the nerve behind the leg darkens from blue towards "
        "grey-yellow as model strain rises. Bottom: as the knee straightens, the model's bed "
        "lengthening rises to about 38 mm and the mid-thigh part of the nerve slides about "
        "11 mm towards the knee."
    ),
    caption=(
        "The seed page's supine sciatic nerve glide in the teaching model (assumed "
        "parameters; knee start and ankle angle assumed)."
    ),
    source_ids=("seed_sciatic_glide_page", "teaching_assumption"),
)
@styled
def build_glide_steps_figure() -> Figure:
    """Film strip of one glide repetition and the model curves (exported)."""
    fig = new_figure(10.0, 5.6)
    grid_spec = fig.add_gridspec(2, 4, height_ratios=(1.15, 1))
    for i, posture in enumerate(glide_postures(4)):
        _draw_glide_frame(fig.add_subplot(grid_spec[0, i]), posture)
    _draw_glide_curves(fig.add_subplot(grid_spec[1, :]))
    return fig


def _draw_glide_frame(ax: Axes, posture: NervePosture) -> None:
    """One frame: the lying figure with the nerve coloured by model strain."""
    pose = pose_from_angles(joint_angles_for(posture, lying=True))
    ax.set_aspect("equal")
    ax.set_axis_off()
    draw_floor(ax, -0.13, (-0.85, 0.55))
    StickFigure(ax, pose, color="#a6a6a6")
    state = nerve_state(posture)
    xy = nerve_path_xy(pose)
    profile = state.strain_profile_pct
    lc = LineCollection(
        _segments(xy),
        cmap=STRAIN_CMAP,
        norm=_NORM,
        linewidths=_widths(profile),
        capstyle="round",
        zorder=5,
    )
    lc.set_array(np.clip(0.5 * (profile[:-1] + profile[1:]), 0, None))
    ax.add_collection(lc)
    ax.set_xlim(-0.85, 0.55)
    ax.set_ylim(-0.2, 1.0)
    ax.set_title(
        f"Knee flexion {posture.knee_flexion_deg:.0f}°\npeak {state.peak_strain_pct:.1f} %",
        fontsize=10,
        loc="center",
    )


def _draw_glide_curves(ax: Axes) -> None:
    """Bed lengthening and mid-thigh excursion over one repetition."""
    curve = glide_curve()
    s1, s2 = role_style("sciatic"), role_style("seated")
    ax.plot(
        curve["knee_flexion_deg"],
        curve["elongation_mm"],
        color=s1["color"],
        ls=s1["linestyle"],
        marker=s1["marker"],
        ms=4,
        label="bed lengthening (mm)",
    )
    ax.plot(
        curve["knee_flexion_deg"],
        curve["mid_thigh_excursion_mm"],
        color=s2["color"],
        ls=s2["linestyle"],
        marker=s2["marker"],
        ms=4,
        label="mid-thigh excursion towards the knee (mm)",
    )
    ax.invert_xaxis()
    ax.set_xlabel("Knee flexion (°): the knee straightens from left to right", fontsize=10)
    ax.set_ylabel("mm from the start", fontsize=10)
    ax.legend(fontsize=9, frameon=False, loc="upper left")
    ax.text(
        1.0,
        0.02,
        ASSUMPTION_NOTE,
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=9,
        color=GREYS["outline"],
    )


@register_figure(
    "02_nerve_tension_lab/pain_effects",
    alt=(
        "Forest plot of pain differences on a 0 to 10 scale (negative favours neural "
        "mobilisation). Basson 2017 chronic low back pain: -1.78 (-2.55 to -1.01); Basson "
        "2017 chronic neck-arm pain: -1.89 (-3.14 to -0.64); Ferreira 2016 leg pain at 2 "
        "weeks: -1.1 (-2.3 to 0.1), crossing zero; Ferreira 2016 leg pain at 4 weeks: -2.4 "
        "(-3.6 to -1.2)."
    ),
    caption="Verified pain effects of neural mobilisation (0–10 scale; negative favours it).",
    source_ids=("basson2017", "ferreira2016"),
)
@styled
def build_pain_effects_figure() -> Figure:
    """Forest plot of the 0–10 pain mean differences in the evidence table (exported)."""
    rows = [
        r
        for r in load_mobilisation_evidence()
        if r.mean_difference is not None and "(0–10)" in r.outcome
    ]
    fig = new_figure(8.0, 3.2)
    ax = fig.add_subplot()
    for i, r in enumerate(rows):
        crosses = r.ci_low <= 0 <= r.ci_high
        style = role_style("negative" if crosses else "positive")
        ax.errorbar(
            r.mean_difference,
            i,
            xerr=[[r.mean_difference - r.ci_low], [r.ci_high - r.mean_difference]],
            fmt="s" if crosses else "o",
            color=style["color"],
            capsize=4,
            ms=7,
        )
        ax.text(
            max(r.ci_high, 0.0) + 0.12,  # right of the zero line, never across it
            i,
            f"{r.mean_difference:g} ({r.ci_low:g} to {r.ci_high:g})"
            + ("  not significant" if crosses else ""),
            va="center",
            fontsize=9,
        )
    ax.axvline(0, color="black", lw=1)
    ax.set_yticks(range(len(rows)), [r.label for r in rows], fontsize=9.5)
    ax.invert_yaxis()
    ax.set_xlim(-4, 3)
    ax.set_xlabel(
        "Pain difference, 0–10 scale (95 % CI);\nleft of 0 favours neural mobilisation", fontsize=10
    )
    ax.tick_params(axis="x", labelsize=9)
    ax.set_title(
        "Different populations and comparisons: not a pooled estimate",
        fontsize=10,
        color=OKABE_ITO["black"],
        fontweight="normal",
    )
    return fig
