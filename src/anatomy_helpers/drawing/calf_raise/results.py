"""The study's results figure: mean % change per muscle, standing vs seated.

References
----------
kinoshita2023 (every number comes from :mod:`anatomy_helpers.calf_raise` or
:mod:`anatomy_helpers.muscle_length`; nothing is typed here).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from anatomy_helpers import calf_raise as cr
from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.style import GREYS, new_figure, role_style, styled

__all__ = [
    "MUSCLE_LABELS",
    "build_results_figure",
    "significance_words",
]

#: Short labels of the study's muscles.
#: Muscle names (``calf_raise.MUSCLE_NAMES``) on two lines for the bar chart's axis.
MUSCLE_LABELS = {m: "\n".join(name.rsplit(" ", 1)) for m, name in cr.MUSCLE_NAMES.items()}


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
