"""Notebook 01's sciatic pathway explorer: pick a root or nerve, or tick findings.

Two modes share one body map:

* **Explore** - choose a root or nerve; its course is highlighted, its skin territory
  shaded, landmarks optionally shown, and a text panel lists muscles, reflex and clinical
  notes with citations.
* **Match findings** - tick numb regions, weak movements and reduced reflexes; the map
  shades the numb regions and highlights the best-fitting candidate, and the text panel
  ranks roots and nerves with their (cited) reasons, via
  :func:`anatomy_helpers.anatomy.match_pattern`.

Every state is a plain dict of control values; :func:`explorer_readout`,
:func:`explorer_alt`, :func:`highlight_for` and :func:`build_explorer_figure` compute the
same text and picture without any widget, so tests and handouts need no browser.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
from matplotlib.figure import Figure

from anatomy_helpers.anatomy import (
    MOVEMENTS,
    REFLEXES,
    Findings,
    descendants_of,
    finding_presets,
    get_node,
    landmarks_for,
    match_pattern,
    muscles_of,
    node_ids,
    root_signs,
    roots_of,
    territory_of,
)
from anatomy_helpers.drawing.body_map import NERVE_ROLES, BodyMapFigure
from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.references import cite
from anatomy_helpers.regions import body_region_ids, get_region
from anatomy_helpers.widgets.base import InteractiveApp
from anatomy_helpers.widgets.controls import DESCRIPTION_STYLE, preset_buttons

__all__ = [
    "EXPLORER_DEFAULTS",
    "EXPLORER_VIEWS",
    "FINDING_PRESETS",
    "MODES",
    "PathwayExplorer",
    "build_explorer_figure",
    "explorer_alt",
    "explorer_readout",
    "highlight_for",
    "pathway_explorer",
    "structure_options",
]

MODES = ("explore", "match")
EXPLORER_VIEWS = ("posterior", "anterior", "lateral")

#: Control values at start.
EXPLORER_DEFAULTS: dict[str, Any] = {
    "mode": "explore",
    "structure": "sciatic",
    "show_territory": True,
    "show_muscles": True,
    "show_landmarks": False,
    "numb_regions": (),
    "weak_movements": (),
    "reduced_reflexes": (),
}

#: Presets of the "Match findings" mode: the typical presentations of
#: ``anatomy_finding_presets.csv`` (each cited to the rows that list its findings), then a
#: button that clears every finding.
FINDING_PRESETS: dict[str, dict[str, tuple[str, ...]]] = {
    **finding_presets(),
    "Clear findings": {"numb_regions": (), "weak_movements": (), "reduced_reflexes": ()},
}


def structure_options() -> list[tuple[str, str]]:
    """Dropdown options ``(label, node_id)``: roots, sciatic nerve, branches, neighbours."""
    ids = [n for n in node_ids() if n in NERVE_ROLES]
    return [(get_node(n).label, n) for n in ids]


def _cite_html(source_id: str) -> str:
    return f'<a href="#ref-{html.escape(source_id)}">{html.escape(cite(source_id))}</a>'


def _check_state(state: Mapping[str, Any]) -> None:
    missing = set(EXPLORER_DEFAULTS) - set(state)
    if missing:
        msg = f"state is missing {sorted(missing)}; expected keys: {', '.join(EXPLORER_DEFAULTS)}"
        raise ValueError(msg)
    if state["mode"] not in MODES:
        msg = f"mode must be one of {', '.join(MODES)}; got {state['mode']!r}"
        raise ValueError(msg)
    valid = [v for _, v in structure_options()]
    if state["structure"] not in valid:
        msg = f"structure must be one of {', '.join(valid)}; got {state['structure']!r}"
        raise ValueError(msg)


def _findings(state: Mapping[str, Any]) -> Findings:
    return Findings(
        numb_regions=tuple(state["numb_regions"]),
        weak_movements=tuple(state["weak_movements"]),
        reduced_reflexes=tuple(state["reduced_reflexes"]),
    )


def highlight_for(node_id: str) -> tuple[str, ...]:
    """Drawable nerve ids on a node's course: its roots, the trunk above it, its branches.

    Examples
    --------
    >>> highlight_for("deep_fibular")
    ('L4', 'L5', 'S1', 'S2', 'sciatic', 'common_fibular', 'deep_fibular')
    """
    node = get_node(node_id)
    if not node.sciatic_system:
        return (node_id,) if node_id in NERVE_ROLES else ()
    if node.kind == "root":
        carried = {"tibial", "common_fibular"} if node.division == "both" else {node.division}
        below = [n for n in descendants_of(node_id) if get_node(n).division in carried | {"both"}]
        chain = [node_id, *below]
    else:
        chain = [*roots_of(node_id)]
        trunk = {"sciatic"}
        if node_id in ("tibial", "common_fibular"):
            trunk.add(node_id)
        for parent in ("tibial", "common_fibular"):
            if node_id in descendants_of(parent) and get_node(node_id).division != "both":
                trunk.add(parent)
        if node_id == "sural":
            trunk |= {"tibial", "common_fibular"}
        chain += [n for n in ("sciatic", "tibial", "common_fibular") if n in trunk]
        chain += [node_id, *descendants_of(node_id)]
    return tuple(dict.fromkeys(n for n in chain if n in NERVE_ROLES))


def _territory_ids(node_id: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.region_id for t in territory_of(node_id)))


def _root_signs_html(node_id: str) -> str:
    if node_id not in ("L4", "L5", "S1"):
        return "<p>Root signs are tabulated here for L4, L5 and S1 only.</p>"
    items = []
    for kind, title in (
        ("sensory", "Dermatome"),
        ("weakness", "Key muscles"),
        ("reflex", "Reflex"),
        ("tension_sign", "Tension sign"),
    ):
        text = "; ".join(
            html.escape(s.label) + (" (secondary source)" if s.verification == "S" else "")
            for s in root_signs(node_id, kind)
        )
        items.append(f"<li><strong>{title}:</strong> {text}</li>")
    return "<ul>" + "".join(items) + f"</ul><p>Source: {_cite_html('engstrom_deyo2015')}</p>"


def _territory_html(node_id: str) -> str:
    rows = territory_of(node_id)
    if not rows:
        return "<p><strong>Skin territory:</strong> none listed for this node.</p>"
    lis = "".join(
        f"<li>{html.escape(get_region(t.region_id).label)}: {html.escape(t.description)}"
        f" ({_cite_html(t.source_id)})</li>"
        for t in rows
    )
    return f"<p><strong>Skin territory (shaded):</strong></p><ul>{lis}</ul>"


def _muscles_html(node_id: str) -> str:
    rows = muscles_of(node_id)
    if not rows:
        return "<p><strong>Muscles supplied:</strong> none listed.</p>"
    lis = "".join(
        f"<li>{html.escape(m.muscle)}"
        + (f" – {MOVEMENTS[m.movement].lower()}" if m.movement else "")
        + f" ({_cite_html(m.source_id)})</li>"
        for m in rows
    )
    return f"<p><strong>Muscles supplied:</strong></p><ul>{lis}</ul>"


def _landmarks_html(node_id: str) -> str:
    lis = "".join(
        f"<li><strong>{html.escape(lm.label)}:</strong> "
        f"{html.escape(lm.relation)} ({_cite_html(lm.source_id)})</li>"
        for lm in landmarks_for(node_id)
    )
    if not lis:
        return "<p>No landmark is tabulated for this node.</p>"
    return f"<p><strong>Landmarks (starred):</strong></p><ul>{lis}</ul>"


def _explore_html(state: Mapping[str, Any]) -> str:
    node = get_node(state["structure"])
    parts = [f"<h4>{html.escape(node.label)}</h4>"]
    if not node.sciatic_system:
        parts.append("<p><strong>Not part of the sciatic system.</strong></p>")
    parts.append(
        f"<p><strong>Course.</strong> {html.escape(node.course)} ({_cite_html(node.source_id)})</p>"
    )
    roots = roots_of(node.node_id)
    if node.kind != "root" and roots:
        parts.append(f"<p><strong>Roots:</strong> {', '.join(roots)}.</p>")
    if node.clinical_note:
        parts.append(f"<p><strong>Clinical note.</strong> {html.escape(node.clinical_note)}</p>")
    if node.kind == "root":
        parts.append(_root_signs_html(node.node_id))
    if state["show_territory"] and node.kind != "root":
        parts.append(_territory_html(node.node_id))
    if state["show_muscles"] and node.kind != "root":
        parts.append(_muscles_html(node.node_id))
    if state["show_landmarks"]:
        parts.append(_landmarks_html(node.node_id))
    return "".join(parts)


def _match_html(state: Mapping[str, Any]) -> str:
    f = _findings(state)
    if f.empty:
        return (
            "<p>Tick findings (numb areas, weak movements, reduced reflexes) to rank the "
            "roots and nerves that fit them.</p>"
        )
    ranked = match_pattern(f, top=5)
    if not ranked:
        return "<p>No root or nerve in this collection explains these findings.</p>"
    rows = []
    for c in ranked:
        flag = "" if c.sciatic_system else " <em>(not sciatic)</em>"
        reasons = "".join(
            f"<li>{'+' if r.points > 0 else ''}{r.points:g}: {html.escape(r.text)} "
            f"({_cite_html(r.source_id)})</li>"
            for r in c.reasons
        )
        rows.append(
            f"<li><strong>{html.escape(c.label)}</strong>{flag}: score {c.score:g}"
            f"<ul>{reasons}</ul></li>"
        )
    return (
        "<p><strong>Best fits</strong> (a transparent teaching score, not a diagnostic "
        "rule):</p><ol>" + "".join(rows) + "</ol>"
    )


def explorer_readout(state: Mapping[str, Any]) -> str:
    """The text panel (HTML) for a state of the explorer.

    Raises
    ------
    ValueError
        For a state with missing keys, an unknown mode or structure, or unknown findings.
    """
    _check_state(state)
    return _explore_html(state) if state["mode"] == "explore" else _match_html(state)


def explorer_alt(state: Mapping[str, Any]) -> str:
    """Alt text describing what the body map shows for a state."""
    _check_state(state)
    if state["mode"] == "explore":
        node = get_node(state["structure"])
        text = f"Body map, back, front and side views, highlighting the {node.label}"
        if state["show_territory"]:
            regions = _territory_ids(node.node_id)
            if regions:
                labels = ", ".join(get_region(r).label.lower() for r in regions)
                text += f"; shaded skin territory: {labels}"
        if state["show_landmarks"]:
            text += "; landmarks starred"
        return text + "."
    f = _findings(state)
    if f.empty:
        return "Body map with all nerves drawn and no findings ticked."
    ranked = match_pattern(f, top=1)
    numb = ", ".join(get_region(r).label.lower() for r in f.numb_regions) or "none"
    best = ranked[0].label if ranked else "no candidate"
    return f"Body map with the numb regions shaded ({numb}); best fit highlighted: {best}."


def _apply(view: BodyMapFigure, state: Mapping[str, Any]) -> None:
    if state["mode"] == "explore":
        node_id = state["structure"]
        view.highlight_nerves(highlight_for(node_id))
        view.shade_regions(
            _territory_ids(node_id) if state["show_territory"] else (),
            role="territory" if get_node(node_id).sciatic_system else "not_sciatic",
        )
        view.show_landmarks(state["show_landmarks"])
    else:
        f = _findings(state)
        ranked = match_pattern(f, top=1) if not f.empty else ()
        view.highlight_nerves(highlight_for(ranked[0].candidate_id) if ranked else ())
        view.shade_regions(f.numb_regions, role="highlight")
        view.show_landmarks(state["show_landmarks"])


def build_explorer_figure(state: Mapping[str, Any]) -> Figure:
    """The explorer's picture for ``state`` as a new Figure (static use; naive benchmark)."""
    _check_state(state)
    view = BodyMapFigure(EXPLORER_VIEWS, width_in=7.6, height_in=5.1)
    _apply(view, state)
    return view.fig


def _explorer_controls() -> dict:
    """The explorer's controls at :data:`EXPLORER_DEFAULTS`."""
    d = EXPLORER_DEFAULTS
    return {
        "mode": widgets.ToggleButtons(
            options=[("Explore a root or nerve", "explore"), ("Match findings", "match")],
            value=d["mode"],
            description="Mode",
            style=DESCRIPTION_STYLE,
            tooltips=[
                "Pick a root or nerve and see its course and territory",
                "Tick findings and rank the roots and nerves that fit",
            ],
        ),
        "structure": widgets.Dropdown(
            options=structure_options(),
            value=d["structure"],
            description="Root or nerve",
            style=DESCRIPTION_STYLE,
        ),
        "show_territory": widgets.Checkbox(
            value=d["show_territory"],
            description="Shade skin territory",
            style=DESCRIPTION_STYLE,
            indent=False,
        ),
        "show_muscles": widgets.Checkbox(
            value=d["show_muscles"],
            description="List muscles",
            style=DESCRIPTION_STYLE,
            indent=False,
        ),
        "show_landmarks": widgets.Checkbox(
            value=d["show_landmarks"],
            description="Show landmarks",
            style=DESCRIPTION_STYLE,
            indent=False,
        ),
        "numb_regions": widgets.SelectMultiple(
            options=[(get_region(r).label, r) for r in body_region_ids()],
            value=d["numb_regions"],
            rows=6,
            description="Numb areas",
            style=DESCRIPTION_STYLE,
        ),
        "weak_movements": widgets.SelectMultiple(
            options=[(label, k) for k, label in MOVEMENTS.items()],
            value=d["weak_movements"],
            rows=6,
            description="Weak movements",
            style=DESCRIPTION_STYLE,
        ),
        "reduced_reflexes": widgets.SelectMultiple(
            options=[(label, k) for k, label in REFLEXES.items()],
            value=d["reduced_reflexes"],
            rows=3,
            description="Reduced reflexes",
            style=DESCRIPTION_STYLE,
        ),
    }


class PathwayExplorer(InteractiveApp):
    """Explore mode (root/nerve dropdown and toggles) and match mode (tick findings)."""

    def __init__(self) -> None:
        controls = _explorer_controls()
        self.view = BodyMapFigure(EXPLORER_VIEWS, width_in=7.6, height_in=5.1)
        live = LiveFigure(self.view.fig, dynamic=self.view.dynamic_artists, dpi=90)
        presets = preset_buttons(
            list(FINDING_PRESETS), self.apply_preset, tooltip_prefix="Tick the findings of"
        )
        hint = widgets.HTML(
            "<p>Presets switch to <em>Match findings</em>. Hold Ctrl (Cmd on a "
            "Mac) to tick several items in a list.</p>"
        )
        super().__init__(controls, live, header=[presets, hint])

    def apply_preset(self, name: str) -> None:
        """Tick the findings of a named preset (see :data:`FINDING_PRESETS`)."""
        if name not in FINDING_PRESETS:
            msg = f"unknown preset {name!r}; presets: {', '.join(FINDING_PRESETS)}"
            raise ValueError(msg)
        self.set_state({"mode": "match", **FINDING_PRESETS[name]})

    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Update the body map in place; return alt text and readout HTML."""
        _apply(self.view, state)
        explore = state["mode"] == "explore"
        for name in ("structure", "show_territory", "show_muscles"):
            self.controls[name].disabled = not explore
        for name in ("numb_regions", "weak_movements", "reduced_reflexes"):
            self.controls[name].disabled = explore
        return explorer_alt(state), explorer_readout(state)


def pathway_explorer() -> PathwayExplorer:
    """Build notebook 01's pathway explorer."""
    return PathwayExplorer()
