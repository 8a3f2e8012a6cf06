"""Piriformis-sciatic variants: Beaton & Anson types as small multiples, and the evidence.

Three registered figures for notebook 01:

* ``01_sciatic_pathway/piriformis_variants`` - the six Beaton & Anson (1937) types, one
  small panel each, read from ``piriformis_variants.csv``;
* ``01_sciatic_pathway/variant_prevalence`` - pooled prevalence estimates (Smoll 2010,
  Tomaszewski 2016, Poutoglidou 2020) against the seed page's "15-30 %" claim;
* ``01_sciatic_pathway/division_level`` - where the sciatic nerve divides (Javia & Vikani
  2019 cadaver series; Tomaszewski 2016 pooled mean distance).

The per-type percentages of Beaton & Anson's original series are not verified, so the
small multiples show only the two pooled figures Tomaszewski et al. report (usual type
and type B) and label every other type "per-type share not verified".

References
----------
beaton_anson1937, smoll2010, tomaszewski2016, poutoglidou2020, javia2019,
seed_muscular_mimics_page
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle

from anatomy_helpers.anatomy import (
    PiriformisVariant,
    derived_any_variant_pct,
    division_level_summary,
    load_piriformis_variants,
    prevalence,
)
from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.style import GREYS, OKABE_ITO, new_figure, role_style, styled

__all__ = [
    "build_division_level_figure",
    "build_piriformis_variants_figure",
    "build_variant_prevalence_figure",
    "derived_any_variant_pct",  # re-exported from anatomy_helpers.anatomy (notebook 01)
    "draw_variant",
]

_MUSCLE = "#c9b8c4"
#: Labels over the hatched seed-page band sit on opaque boxes: no hatch line crosses a letter.
_LABEL_BOX = {"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"}
_BAND = (0.40, 0.60)  # y range of the muscle band in panel units
_ROUTE_X = {"common_fibular": 0.42, "tibial": 0.58, "undivided": 0.5}


def _nerve(ax: Axes, x: float, route: str, role: str, width: float) -> None:
    """Faint while still inside the pelvis (deep); solid from where it emerges."""
    style = role_style(role)
    lo, hi = _BAND
    emerge = {"below": lo, "through": (lo + hi) / 2, "above": hi + 0.07}[route]
    kw = {
        "color": style["color"],
        "linestyle": style["linestyle"],
        "linewidth": width,
        "solid_capstyle": "butt",
    }
    ax.plot([x, x], [0.98, emerge], zorder=1, alpha=0.3, **kw)
    if route == "through":
        ax.add_patch(
            Rectangle(
                (x - 0.05, lo - 0.01),
                0.1,
                hi - lo + 0.02,
                facecolor="white",
                edgecolor=GREYS["outline"],
                linewidth=0.6,
                zorder=3,
            )
        )
    ax.plot([x, x], [emerge, 0.02], zorder=5, **kw)


def draw_variant(ax: Axes, variant: PiriformisVariant, share_text: str = "") -> None:
    """Draw one Beaton & Anson type in ``ax`` (unit square, axes hidden).

    Parameters
    ----------
    ax : Axes
        Target axes.
    variant : PiriformisVariant
        A row of ``piriformis_variants.csv``.
    share_text : str, optional
        A verified prevalence line to print under the title.
    """
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.32, 1.0)
    ax.set_axis_off()
    lo, hi = _BAND
    ax.add_patch(
        FancyBboxPatch(
            (0.06, lo),
            0.88,
            hi - lo,
            boxstyle="round,pad=0.0,rounding_size=0.09",
            facecolor=_MUSCLE,
            edgecolor=GREYS["outline"],
            linewidth=1.0,
            zorder=2,
        )
    )
    ax.text(0.93, hi + 0.06, "piriformis", ha="right", va="bottom", fontsize=9, color=GREYS["text"])
    if variant.nerve == "undivided":
        _nerve(ax, _ROUTE_X["undivided"], variant.tibial_route, "sciatic", 7.0)
    else:
        _nerve(ax, _ROUTE_X["common_fibular"], variant.common_fibular_route, "common_fibular", 4.0)
        _nerve(ax, _ROUTE_X["tibial"], variant.tibial_route, "tibial", 4.0)
    ax.set_title(variant.label, fontsize=11, loc="center")
    if variant.nerve == "undivided":
        route = f"Undivided nerve {variant.tibial_route}"
    else:
        route = f"CF {variant.common_fibular_route}, tibial {variant.tibial_route}"
    ax.text(0.5, -0.08, route, ha="center", va="center", fontsize=9.5, color=GREYS["text"])
    ax.text(
        0.5,
        -0.24,
        share_text or "per-type share not verified",
        ha="center",
        va="center",
        fontsize=8.5,
        color=GREYS["text"] if share_text else GREYS["mid"],
        fontstyle="normal" if share_text else "italic",
    )


@register_figure(
    "01_sciatic_pathway/piriformis_variants",
    alt=(
        "Six small panels, one per Beaton and Anson type, each showing a horizontal "
        "piriformis muscle and the sciatic nerve as vertical lines. Type A: one thick line "
        "emerging below the muscle (pooled 85.2 percent, Tomaszewski 2016). Type B: the "
        "dashed common fibular division passes through the muscle and the tibial division "
        "below (pooled 9.8 percent). Type C: common fibular above, tibial below. Type D: "
        "undivided nerve through the muscle. Type E: divisions above and through. Type F: "
        "undivided nerve above the muscle. Types C to F are marked per-type share not "
        "verified. A note says that some sources number the same types 1 to 6."
    ),
    caption="Beaton & Anson's six piriformis-sciatic types (schematic, posterior view).",
    source_ids=("beaton_anson1937", "tomaszewski2016"),
)
@styled
def build_piriformis_variants_figure() -> Figure:
    """The six Beaton & Anson types as small multiples (exported figure)."""
    fig = new_figure(8.4, 6.6)
    axes = fig.subplots(2, 3).ravel()
    shares = {
        1: "pooled {:.1f} % (CI {:.1f}–{:.1f})",
        2: "pooled {:.1f} % (CI {:.1f}–{:.1f})",
    }
    rows = {1: prevalence("tomaszewski_type_a"), 2: prevalence("tomaszewski_type_b")}
    for ax, variant in zip(axes, load_piriformis_variants(), strict=True):
        text = ""
        if variant.type_number in rows:
            r = rows[variant.type_number]
            text = shares[variant.type_number].format(r.value_pct, r.low_pct, r.high_pct)
        draw_variant(ax, variant, text)
    fig.suptitle("Sciatic nerve and piriformis: Beaton & Anson types", fontsize=13)
    fig.supxlabel(
        "Blue = undivided sciatic nerve; green = tibial division; dashed vermillion = "
        "common fibular (CF) division.\nFaint = still inside the pelvis; a white gap = "
        "passing through the muscle. Pooled shares: Tomaszewski et al. 2016.\n"
        "Types are lettered A–F as in Tomaszewski et al.; some sources number the same "
        "types 1–6 (A = 1, B = 2 … F = 6).",
        fontsize=9,
    )
    return fig


@register_figure(
    "01_sciatic_pathway/variant_prevalence",
    alt=(
        "Horizontal chart of how often the sciatic nerve deviates from the usual route. "
        "Smoll 2010 pooled cadaver estimate 16.9 percent (95 percent CI 16.0 to 17.9); Smoll "
        "surgical series of piriformis syndrome 16.2 percent (10.7 to 23.5), overlapping the "
        "cadaver estimate; Tomaszewski 2016 about 14.8 percent not the usual type, type B "
        "9.8 percent (6.5 to 13.2); Poutoglidou 2020 about 10 percent. A shaded band from 15 "
        "to 30 percent marks the seed page's claim, which sits mostly above all the pooled "
        "estimates. Individual studies ranged from 1.5 to 35.8 percent."
    ),
    caption="Pooled prevalence of piriformis-sciatic variants versus the seed page's claim.",
    source_ids=("smoll2010", "tomaszewski2016", "poutoglidou2020", "seed_muscular_mimics_page"),
)
@styled
def build_variant_prevalence_figure() -> Figure:
    """Evidence-based prevalence of variants set against the seed's 15-30 % (exported)."""
    fig = new_figure(8.6, 4.6)
    ax = fig.add_subplot()
    rows = _prevalence_rows()
    _draw_seed_claim_and_single_studies(ax, len(rows))
    for y, (_label, row, value) in enumerate(reversed(rows)):
        _draw_prevalence_row(ax, y, row, value)
    ax.set_yticks(
        [-1, *range(len(rows))],
        ["Range of single studies (Smoll 2010)", *(r[0] for r in reversed(rows))],
        fontsize=9.5,
    )
    ax.set_xlim(0, 40)
    ax.set_ylim(-1.6, len(rows) + 0.6)
    fig.suptitle("How common are piriformis–sciatic variants?")
    ax.set_xlabel(
        "Limbs or cadavers with a variant (%)\nCircles: pooled estimate with 95 % CI.\n"
        "*Diamonds: calculated by us from the pooled share of the usual type.",
        fontsize=9.5,
    )
    return fig


def _prevalence_rows() -> list[tuple[str, object, float | None]]:
    """(label, pooled-estimate row or None, derived share or None), top to bottom."""
    derived = derived_any_variant_pct()
    return [
        ("Smoll 2010: any variant, 18 cadaver studies", prevalence("smoll_any_variant"), None),
        (
            "Smoll 2010: surgical series of piriformis syndrome",
            prevalence("smoll_surgical_series"),
            None,
        ),
        ("Tomaszewski 2016: not the usual type (100 − 85.2)*", None, derived["tomaszewski2016"]),
        (
            "Tomaszewski 2016: type B (CF through piriformis)",
            prevalence("tomaszewski_type_b"),
            None,
        ),
        ("Poutoglidou 2020: not the usual type (100 − 90)*", None, derived["poutoglidou2020"]),
    ]


def _draw_seed_claim_and_single_studies(ax: Axes, n_rows: int) -> None:
    """The seed page's band (hatched) and the range of single studies (dotted)."""
    seed = prevalence("seed_claim")
    singles = prevalence("smoll_single_studies")
    ax.axvspan(
        seed.low_pct,
        seed.high_pct,
        facecolor=OKABE_ITO["orange"],
        alpha=0.18,
        zorder=0,
        hatch="//",
        edgecolor=OKABE_ITO["orange"],
        linewidth=0,
    )
    ax.text(
        (seed.low_pct + seed.high_pct) / 2,
        n_rows - 0.35,
        f"Seed page claim:\n{seed.low_pct:.0f}–{seed.high_pct:.0f} %",
        ha="center",
        va="bottom",
        fontsize=9.5,
        color="#8a5a00",
        bbox=_LABEL_BOX,
    )
    ax.plot(
        [singles.low_pct, singles.high_pct],
        [-1, -1],
        color=GREYS["mid"],
        linewidth=2,
        linestyle=":",
    )
    ax.text(
        singles.low_pct + 0.8,
        -1 + 0.18,
        f"{singles.low_pct:g}–{singles.high_pct:g} %",
        va="bottom",
        fontsize=9,
        color=GREYS["text"],
    )


def _draw_prevalence_row(ax: Axes, y: int, row, value: float | None) -> None:
    """A pooled estimate with its CI (circle), or a share we derived (diamond)."""
    if row is not None:
        color = role_style("sciatic")["color"]
        ax.plot([row.low_pct, row.high_pct], [y, y], color=color, linewidth=2)
        ax.plot(row.value_pct, y, marker="o", color=color, markersize=7)
        text = f"{row.value_pct:.1f} % ({row.low_pct:.1f}–{row.high_pct:.1f})"
        x_text = row.high_pct
    else:
        ax.plot(value, y, marker="D", color=OKABE_ITO["vermillion"], markersize=7, linestyle="none")
        text = f"≈ {value:.1f} %"
        x_text = value
    ax.text(
        x_text + 0.8,
        y + 0.18,
        text,
        fontsize=9,
        va="bottom",
        color=GREYS["text"],
        zorder=3,
        bbox=_LABEL_BOX,
    )


@register_figure(
    "01_sciatic_pathway/division_level",
    alt=(
        "Bar chart of where the sciatic nerve divided in 102 cadaver limbs (Javia and Vikani "
        "2019): pelvis 23.5 percent, gluteal region 3.9 percent, upper and middle thigh "
        "together 4.9 percent (calculated), lower thigh 47.1 percent, popliteal fossa 20.6 "
        "percent. A note gives the pooled mean of 65.43 millimetres above the popliteal fossa "
        "from Tomaszewski 2016."
    ),
    caption="Level of sciatic division in one cadaver series, with the pooled mean distance.",
    source_ids=("javia2019", "tomaszewski2016"),
)
@styled
def build_division_level_figure() -> Figure:
    """Where the sciatic nerve divides (exported figure)."""
    s = division_level_summary()
    fig = new_figure(7.2, 3.8)
    ax = fig.add_subplot()
    labels = [
        "Pelvis",
        "Gluteal\nregion",
        "Upper/middle\nthigh*",
        "Lower\nthigh",
        "Popliteal\nfossa",
    ]
    values = [
        s["pelvis_pct"],
        s["gluteal_pct"],
        s["upper_middle_thigh_pct"],
        s["lower_thigh_pct"],
        s["popliteal_fossa_pct"],
    ]
    colors = [OKABE_ITO["vermillion"]] * 2 + [GREYS["mid"]] + [OKABE_ITO["blue"]] * 2
    hatches = ["//", "//", "..", "", ""]
    bars = ax.bar(labels, values, color=colors, edgecolor=GREYS["outline"])
    for bar, hatch, v in zip(bars, hatches, values, strict=True):
        bar.set_hatch(hatch)
        ax.text(bar.get_x() + bar.get_width() / 2, v + 1.0, f"{v:.1f} %", ha="center", fontsize=10)
    ax.set_ylabel("Limbs (%)")
    ax.set_ylim(0, 62)
    ax.set_title("Where the sciatic nerve divides (102 cadaver limbs)")
    ax.text(
        0.01,
        0.97,
        f"Pooled mean: {s['mean_distance_mm']:.2f} mm above the popliteal "
        "fossa\n(Tomaszewski et al. 2016; 7,068 limbs)",
        transform=ax.transAxes,
        ha="left",
        va="top",
        fontsize=9.5,
    )
    ax.set_xlabel(
        "Javia & Vikani 2019. *Calculated by us as 100 % minus the other four shares. "
        "Hatched = high division.",
        fontsize=9,
    )
    return fig
