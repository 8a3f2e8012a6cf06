"""Figures for notebooks 04 and 07: candidate scores, typical pain maps, natural history.

References
----------
engstrom_deyo2015 and travell_simons1992 (pain maps), vroomen1999, peul2007,
konstantinou2018, haugen2011 (natural history); scores are the teaching weights of
:mod:`anatomy_helpers.differential` (teaching_assumption).
"""

from __future__ import annotations

from matplotlib.figure import Figure

from anatomy_helpers.cases import load_natural_history
from anatomy_helpers.differential import (
    DifferentialResult,
    load_condition_patterns,
    rank_candidates,
)
from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.style import GREYS, OKABE_ITO, new_figure, role_style, styled
from anatomy_helpers.drawing.symptom_map import SymptomMapFigure
from anatomy_helpers.references import cite

__all__ = [
    "EXAMPLE_FOOT_DROP_FINDINGS",
    "EXAMPLE_L5_FINDINGS",
    "build_candidate_chart",
    "build_natural_history_chart",
    "build_pattern_map",
]

#: The worked example of notebook 04 (a typical L5 presentation).
EXAMPLE_L5_FINDINGS = (
    "pain_buttock",
    "pain_lateral_leg",
    "pain_dorsum_foot",
    "paraesthesia_first_web_space",
    "weak_great_toe_extension",
    "slr_positive",
)

#: Notebook 04's painless foot drop with a strong hip and strong inversion.
EXAMPLE_FOOT_DROP_FINDINGS = (
    "weak_ankle_dorsiflexion",
    "weak_great_toe_extension",
    "paraesthesia_dorsum_foot",
    "strength_hip_abduction_normal",
    "strength_ankle_inversion_normal",
)


@styled
def build_candidate_chart(result: DifferentialResult, *, max_candidates: int = 6) -> Figure:
    """Bars of supporting (right) and opposing (left) weights for each ranked candidate.

    Parameters
    ----------
    result : DifferentialResult
        From :func:`anatomy_helpers.differential.rank_candidates`.
    max_candidates : int, default 6
        How many candidates to draw (1-10).

    Raises
    ------
    TypeError, ValueError
        For a wrong ``result`` type or ``max_candidates`` outside 1-10.
    """
    if not isinstance(result, DifferentialResult):
        msg = f"result must be a DifferentialResult, got {type(result).__name__}"
        raise TypeError(msg)
    if not isinstance(max_candidates, int) or not 1 <= max_candidates <= 10:
        msg = f"max_candidates must be an int from 1 to 10, got {max_candidates!r}"
        raise ValueError(msg)
    cands = result.candidates[:max_candidates]
    fig = new_figure(7.6, 0.6 + 0.55 * max(len(cands), 1))
    ax = fig.add_subplot()
    pos, neg = role_style("positive"), role_style("negative")
    for i, c in enumerate(cands):
        y = len(cands) - 1 - i
        sup = sum(r.weight for r in c.supporting)
        opp = sum(r.weight for r in c.opposing)
        ax.barh(y, sup, color=pos["color"], hatch="//", edgecolor="white", height=0.6)
        ax.barh(y, -opp, color=neg["color"], hatch="..", edgecolor="white", height=0.6)
        ax.text(sup + 0.3, y, f"score {c.score}", va="center", fontsize=10)
    ax.set_yticks(range(len(cands)), [c.condition.short_name for c in reversed(cands)], fontsize=10)
    ax.axvline(0, color=GREYS["text"], linewidth=1)
    ax.set_xlabel("Teaching weight: against (left) | for (right)")
    lim = max([sum(r.weight for r in c.supporting) for c in cands] + [4]) + 4
    ax.set_xlim(-lim / 2, lim)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


@styled
def build_pattern_map(condition_id: str) -> Figure:
    """The body map with a condition's typical pain and sensory-loss regions shaded.

    Raises
    ------
    ValueError
        If the condition has no stored pattern.
    """
    patterns = [p for p in load_condition_patterns() if p.condition_id == condition_id]
    if not patterns:
        valid = sorted({p.condition_id for p in load_condition_patterns()})
        msg = f"no pattern for condition_id {condition_id!r}; valid: {', '.join(valid)}"
        raise ValueError(msg)
    pain = sorted({r for p in patterns if p.kind == "pain" for r in p.region_ids})
    numb = sorted({r for p in patterns if p.kind == "sensory" for r in p.region_ids})
    label = patterns[0].label.split(":")[0]
    keys = sorted({p.source_id for p in patterns})
    view = SymptomMapFigure(pain, numb, title=f"{label} ({'; '.join(cite(k) for k in keys)})")
    return view.fig


@styled
def build_natural_history_chart() -> Figure:
    """Percentage improved (or recovered) over time in trials and cohorts of sciatica."""
    rows = [r for r in load_natural_history() if "Recurrence" not in r.measure]
    fig = new_figure(7.6, 4.4)
    ax = fig.add_subplot()
    colours = {
        "vroomen1999": (OKABE_ITO["blue"], "o", "-"),
        "peul2007": (OKABE_ITO["vermillion"], "s", "--"),
        "konstantinou2018": (OKABE_ITO["bluish_green"], "^", ":"),
        "haugen2011": (OKABE_ITO["reddish_purple"], "D", "-."),
    }
    seen = set()
    for r in rows:
        colour, marker, _ls = colours[r.source_id]
        mid = (r.value_pct_low + r.value_pct_high) / 2
        err = (r.value_pct_high - r.value_pct_low) / 2
        offset = 0.8 if "surgery" in r.group.lower() or "rest" in r.group.lower() else 0.0
        offset += {"konstantinou2018": -1.6, "haugen2011": 1.6}.get(r.source_id, 0.0)
        label = None if r.source_id in seen else cite(r.source_id)
        seen.add(r.source_id)
        ax.errorbar(
            r.time_weeks + offset,
            mid,
            yerr=err if err else None,
            color=colour,
            marker=marker,
            markersize=8,
            linestyle="none",
            capsize=4,
            label=label,
        )
    for group in ("Bed rest", "Watchful waiting"):
        pts = sorted(
            (r.time_weeks, r.value_pct_low)
            for r in rows
            if r.source_id == "vroomen1999" and r.group == group
        )
        style = "solid" if group == "Bed rest" else "dashed"
        ax.plot(
            [p[0] + (0.8 if group == "Bed rest" else 0) for p in pts],
            [p[1] for p in pts],
            color=OKABE_ITO["blue"],
            linestyle="-" if group == "Bed rest" else "--",
            linewidth=1.4,
            label=f"{cite('vroomen1999')}: {group.lower()} ({style} line)",
        )
    ax.set_title(
        "Improved or recovered over time in four studies of sciatica\n"
        "(markers: one study each; lines join the two arms of the bed-rest trial)",
        fontsize=11,
    )
    ax.set_xlabel("Weeks since the start of follow-up")
    ax.set_ylabel("Improved or recovered (%)")
    ax.set_ylim(0, 100)
    ax.set_xlim(0, 56)
    ax.legend(loc="lower right", fontsize=9, frameon=True, framealpha=0.95)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


@register_figure(
    "04_sciatica_and_mimics/candidate_chart",
    alt=(
        "Horizontal bar chart of ranked candidate sources for a typical L5 presentation "
        "(buttock, outer leg and top-of-foot pain, first web space numbness, weak big-toe "
        "extension, positive SLR). L5 radiculopathy has by far the longest bar of "
        "supporting weight; radicular pain, piriformis syndrome, fibular neuropathy and others "
        "have short bars, some with opposing weight drawn to the left."
    ),
    caption="Teaching weights for and against each candidate in a typical L5 presentation.",
    source_ids=("engstrom_deyo2015", "deville2000", "teaching_assumption"),
)
def fig_candidate_chart() -> Figure:
    """Exported: the candidate chart of the worked L5 example."""
    return build_candidate_chart(rank_candidates(EXAMPLE_L5_FINDINGS))


@register_figure(
    "04_sciatica_and_mimics/l5_root_pattern",
    alt=(
        "Back and front body maps of the right leg. The L5 root's typical pain (hatched "
        "vermillion) covers the buttock, back of the thigh, outer leg and top of the foot; "
        "its sensory loss (cross-hatched orange) covers the outer leg, top of the foot and "
        "first web space."
    ),
    caption="L5 nerve-root pattern (Harrison's table; first web space from secondary sources).",
    source_ids=("engstrom_deyo2015",),
)
def fig_l5_pattern() -> Figure:
    """Exported: the L5 pattern."""
    return build_pattern_map("radicular_l5")


@register_figure(
    "04_sciatica_and_mimics/s1_root_pattern",
    alt=(
        "Back and front body maps of the right leg. The S1 root's typical pain (hatched "
        "vermillion) covers the buttock, back of the thigh, calf and sole; its sensory loss "
        "(cross-hatched orange) covers the sole and the outer edge of the foot."
    ),
    caption="S1 nerve-root pattern (Harrison's table).",
    source_ids=("engstrom_deyo2015",),
)
def fig_s1_pattern() -> Figure:
    """Exported: the S1 pattern."""
    return build_pattern_map("radicular_s1")


@register_figure(
    "04_sciatica_and_mimics/gluteus_minimus_pattern",
    alt=(
        "Back and front body maps of the right leg. Gluteus minimus trigger-point referral "
        "(hatched vermillion) covers the buttock, the side and back of the thigh, the calf "
        "and the outer leg, stopping at the ankle; no sensory-loss area is shaded."
    ),
    caption="Gluteus minimus trigger-point referral, anterior and posterior patterns combined "
    "(expert observation, secondary sources).",
    source_ids=("travell_simons1992",),
)
def fig_gmin_pattern() -> Figure:
    """Exported: the gluteus minimus referral pattern."""
    return build_pattern_map("gluteus_minimus_referral")


@register_figure(
    "04_sciatica_and_mimics/fibular_neuropathy_pattern",
    alt=(
        "Back and front body maps of the right leg. The sensory loss of a common fibular "
        "neuropathy at the fibular neck (cross-hatched orange) covers the outer leg, the top of "
        "the foot and the first web space; no pain area is shaded."
    ),
    caption="Common fibular neuropathy: skin territory of the superficial and deep fibular nerves.",
    source_ids=("dartmouth_humananatomy",),
)
def fig_fibular_pattern() -> Figure:
    """Exported: the common fibular neuropathy sensory pattern."""
    return build_pattern_map("fibular_neuropathy")


@register_figure(
    "07_clinical_cases/natural_history",
    alt=(
        "Scatter chart of the percentage of people with sciatica who improved or recovered "
        "over time. In one trial 65 to 70 % had improved at 2 weeks and 87 % at 12 weeks "
        "with or without bed rest; in a surgery trial 95 % reported recovery at one year in "
        "both groups; in two cohorts 49 to 58 % and 55 % had improved at one year."
    ),
    caption="Natural history of sciatica in trials and cohorts.",
    source_ids=("vroomen1999", "peul2007", "konstantinou2018", "haugen2011"),
)
def fig_natural_history() -> Figure:
    """Exported: the natural-history chart."""
    return build_natural_history_chart()
