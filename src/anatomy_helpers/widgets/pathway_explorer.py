"""Notebook 01's sciatic pathway explorer: pick a root or nerve, or tick findings.

Two modes share one body map:

* **Explore** - choose a root or nerve; its course is highlighted, its skin territory
  shaded, landmarks optionally shown, and a text panel lists muscles, reflex and clinical
  notes with citations.
* **Match findings** - record each examined item (the sensation of a region, the strength
  of a movement, a reflex) as *not tested*, *abnormal* (numb, weak, reduced) or *normal*
  with one drop-down per item; the map shades the numb regions and highlights the
  best-fitting candidate, and the text panel ranks roots and nerves with their (cited)
  reasons, via :func:`anatomy_helpers.anatomy.match_pattern`. A normal result counts
  against the candidates that predict it abnormal.

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
    NORMAL_KINDS,
    REFLEXES,
    Findings,
    descendants_of,
    finding_presets,
    get_node,
    landmarks_for,
    match_pattern,
    muscles_of,
    node_ids,
    red_flags_in,
    root_signs,
    roots_of,
    territory_of,
)
from anatomy_helpers.drawing.body_map import NERVE_ROLES, BodyMapFigure
from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.references import cite
from anatomy_helpers.regions import body_region_ids, get_region
from anatomy_helpers.safety import CATEGORY_LABELS
from anatomy_helpers.widgets.base import InteractiveApp
from anatomy_helpers.widgets.controls import DESCRIPTION_STYLE, REGION_GROUPS, preset_buttons

__all__ = [
    "EXPLORER_DEFAULTS",
    "EXPLORER_VIEWS",
    "FINDING_CONTROLS",
    "FINDING_PRESETS",
    "MODES",
    "NOT_TESTED",
    "RESULTS",
    "PathwayExplorer",
    "build_explorer_figure",
    "explorer_alt",
    "explorer_readout",
    "findings_from_state",
    "highlight_for",
    "pathway_explorer",
    "red_flags_html",
    "state_from_findings",
    "structure_options",
]

MODES = ("explore", "match")
EXPLORER_VIEWS = ("posterior", "anterior", "lateral")

#: The result of one examined item: not examined, abnormal (numb, weak, reduced) or normal.
NOT_TESTED = "not tested"
RESULTS = (NOT_TESTED, "abnormal", "normal")

#: The examined items, one drop-down each: (heading, control-name prefix, abnormal kind,
#: word for the abnormal result, {item id: label}).
_EXAM_GROUPS = (
    (
        "Sensation",
        "sensation_",
        "numb_regions",
        "Numb",
        {r: get_region(r).label for r in body_region_ids()},
    ),
    ("Strength", "strength_", "weak_movements", "Weak", MOVEMENTS),
    ("Reflexes", "reflex_", "reduced_reflexes", "Reduced", REFLEXES),
)
_NORMAL_KIND_OF = {abnormal: normal for normal, abnormal in NORMAL_KINDS.items()}

#: Control name -> (abnormal kind, normal kind, item id) for every finding drop-down.
FINDING_CONTROLS: dict[str, tuple[str, str, str]] = {
    f"{prefix}{item}": (kind, _NORMAL_KIND_OF[kind], item)
    for _heading, prefix, kind, _word, items in _EXAM_GROUPS
    for item in items
}

#: Control values at start.
EXPLORER_DEFAULTS: dict[str, Any] = {
    "mode": "explore",
    "structure": "sciatic",
    "show_territory": True,
    "show_muscles": True,
    "show_landmarks": False,
    **dict.fromkeys(FINDING_CONTROLS, NOT_TESTED),
}


def state_from_findings(findings: Mapping[str, Any]) -> dict[str, str]:
    """The value of every finding drop-down for a findings mapping (the rest not tested).

    Parameters
    ----------
    findings : mapping
        As :func:`anatomy_helpers.anatomy.match_pattern` takes it, without tension signs.

    Returns
    -------
    dict
        Control name -> one of :data:`RESULTS`.

    Raises
    ------
    TypeError, ValueError
        For findings :class:`~anatomy_helpers.anatomy.Findings` rejects, or tension signs
        (the explorer does not record them).

    Examples
    --------
    >>> state = state_from_findings({"normal_strength": ["ankle_inversion"]})
    >>> state["strength_ankle_inversion"], state["strength_hip_abduction"]
    ('normal', 'not tested')
    """
    f = Findings(**findings) if not isinstance(findings, Findings) else findings
    if f.positive_tests:
        msg = "positive_tests cannot be recorded in the explorer (it has no tension-sign items)"
        raise ValueError(msg)
    values = dict.fromkeys(FINDING_CONTROLS, NOT_TESTED)
    for name, (abnormal, normal, item) in FINDING_CONTROLS.items():
        if item in getattr(f, abnormal):
            values[name] = "abnormal"
        elif item in getattr(f, normal):
            values[name] = "normal"
    return values


def findings_from_state(state: Mapping[str, Any]) -> Findings:
    """The findings recorded by the drop-downs of a state.

    Raises
    ------
    ValueError
        If a drop-down holds a value outside :data:`RESULTS`.
    """
    found: dict[str, list[str]] = {}
    for name, (abnormal, normal, item) in FINDING_CONTROLS.items():
        value = state[name]
        if value not in RESULTS:
            msg = f"{name} must be one of {', '.join(RESULTS)}; got {value!r}"
            raise ValueError(msg)
        if value != NOT_TESTED:
            found.setdefault(abnormal if value == "abnormal" else normal, []).append(item)
    return Findings(**found)


#: Presets of the "Match findings" mode as control values: the typical presentations of
#: ``anatomy_finding_presets.csv`` (each cited to the rows that list its findings), then a
#: button that sets every item back to not tested.
FINDING_PRESETS: dict[str, dict[str, str]] = {
    **{label: state_from_findings(f) for label, f in finding_presets().items()},
    "Clear findings": dict.fromkeys(FINDING_CONTROLS, NOT_TESTED),
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
    findings_from_state(state)


def _findings(state: Mapping[str, Any]) -> Findings:
    return findings_from_state(state)


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
            html.escape(s.label)
            + (" (secondary source)" if s.verification == "S" else "")
            + (f" ({_cite_html(s.source_id)})" if s.source_id != "engstrom_deyo2015" else "")
            for s in root_signs(node_id, kind)
        )
        items.append(f"<li><strong>{title}:</strong> {text}</li>")
    source = _cite_html("engstrom_deyo2015")
    return "<ul>" + "".join(items) + f"</ul><p>Source (unless named): {source}</p>"


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


def _normal_html(f: Findings) -> str:
    items = [f"sensation of the {get_region(r).label.lower()}" for r in f.normal_sensation]
    items += [f"{MOVEMENTS[m].lower()} strength" for m in f.normal_strength]
    items += [REFLEXES[r].lower() for r in f.normal_reflexes]
    if not items:
        return ""
    return (
        f"<p><strong>Recorded normal:</strong> {html.escape('; '.join(items))}. A normal "
        "result counts only against the candidates that predict it abnormal.</p>"
    )


#: The frame of a red-flag warning: Okabe-Ito vermillion, with the words "Red flag" and a
#: thick border as the second channel.
_RED_FLAG_STYLE = (
    "border: 3px solid #D55E00; border-left-width: 10px; padding: 0.3em 0.6em; "
    "margin: 0 0 0.5em 0; background: #fff; color: #000;"
)


def red_flags_html(f: Findings) -> str:
    """A warning box for every red flag among the findings (empty if none).

    Each box gives the flag's sign, what to check, its action and urgency in the words of
    the screen's table, cited; see :func:`anatomy_helpers.anatomy.red_flags_in`.
    """
    boxes = []
    for flagged in red_flags_in(f):
        flag = flagged.flag
        keys = dict.fromkeys((*flagged.source_ids, flag.source_id, *flag.evidence_source_ids))
        cites = "; ".join(_cite_html(k) for k in keys)
        boxes.append(
            f'<div class="ah-red-flag" style="{_RED_FLAG_STYLE}">'
            f"<p><strong>&#9888; Red flag ({html.escape(CATEGORY_LABELS[flag.category])}):"
            f"</strong> {html.escape(flag.sign)}.</p>"
            f"<p><strong>{html.escape(flag.action)}</strong> "
            f"({html.escape(flag.urgency_label)}.) Check: "
            f"{html.escape(flag.what_to_ask_or_check)}. ({cites})</p></div>"
        )
    return "".join(boxes)


def _match_html(state: Mapping[str, Any]) -> str:
    f = _findings(state)
    return red_flags_html(f) + _ranking_html(f)


def _ranking_html(f: Findings) -> str:
    if f.empty:
        return (
            "<p>Record findings (a numb area, a weak movement, a reduced reflex, or the same "
            "items examined and found normal) to rank the roots and nerves that fit them.</p>"
        )
    if not f.any_abnormal:
        return (
            _normal_html(f) + "<p>Only normal results are recorded, so there is nothing to "
            "explain yet: record an abnormal finding to rank the candidates.</p>"
        )
    ranked = match_pattern(f, top=5)
    if not ranked:
        return (
            _normal_html(f) + "<p>No root or nerve in this collection explains these findings.</p>"
        )
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
        _normal_html(f) + "<p><strong>Best fits</strong> (a transparent teaching score, not a "
        "diagnostic rule):</p><ol>" + "".join(rows) + "</ol>"
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
    warning = "".join(
        f"Red flag ({CATEGORY_LABELS[x.flag.category].lower()}): {x.flag.sign}. {x.flag.action} "
        for x in red_flags_in(f)
    )
    if not f.any_abnormal:
        return warning + "Body map with all nerves drawn and no abnormal finding recorded."
    ranked = match_pattern(f, top=1)
    numb = ", ".join(get_region(r).label.lower() for r in f.numb_regions) or "none"
    best = ranked[0].label if ranked else "no candidate"
    return (
        warning + f"Body map with the numb regions shaded ({numb}); best fit highlighted: {best}."
    )


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
        ranked = match_pattern(f, top=1)
        view.highlight_nerves(highlight_for(ranked[0].candidate_id) if ranked else ())
        view.shade_regions(f.numb_regions, role="highlight")
        view.show_landmarks(state["show_landmarks"])


def build_explorer_figure(state: Mapping[str, Any]) -> Figure:
    """The explorer's picture for ``state`` as a new Figure (static use; naive benchmark)."""
    _check_state(state)
    view = BodyMapFigure(EXPLORER_VIEWS, width_in=7.6, height_in=5.1)
    _apply(view, state)
    return view.fig


#: The controls of the explore mode (and the landmark toggle both modes use), in order.
_EXPLORE_CONTROLS = ("mode", "structure", "show_territory", "show_muscles", "show_landmarks")


def _explorer_controls() -> dict:
    """The explorer's controls at :data:`EXPLORER_DEFAULTS`."""
    d = EXPLORER_DEFAULTS
    return {
        "mode": widgets.ToggleButtons(
            options=[("Explore", "explore"), ("Match findings", "match")],
            value=d["mode"],
            description="Mode",
            style=DESCRIPTION_STYLE,
            tooltips=[
                "Pick a root or nerve and see its course and territory",
                "Record findings and rank the roots and nerves that fit",
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
        **_finding_controls(),
    }


def _finding_controls() -> dict[str, widgets.Dropdown]:
    """One drop-down per examined item: not tested, abnormal (numb/weak/reduced) or normal."""
    controls = {}
    for _heading, prefix, _kind, word, items in _EXAM_GROUPS:
        # One label width per section, so the drop-downs line up; on a phone a row wraps
        # and the drop-down sits under its label.
        label_ch = max(len(label) for label in items.values())
        for item, label in items.items():
            controls[f"{prefix}{item}"] = widgets.Dropdown(
                options=[("Not tested", NOT_TESTED), (word, "abnormal"), ("Normal", "normal")],
                value=EXPLORER_DEFAULTS[f"{prefix}{item}"],
                description=label,
                style={"description_width": f"{label_ch}ch"},
                layout=widgets.Layout(
                    display="grid",
                    grid_template_columns=f"repeat(auto-fit, minmax(min(100%, {label_ch}ch), 1fr))",
                    grid_auto_rows="var(--jp-widgets-inline-height, 28px)",
                    align_items="stretch",
                    width=f"calc(2 * {label_ch}ch + 1em)",
                    max_width="100%",
                    height="auto",
                ),
            )
    return controls


def _finding_sections() -> list[tuple[str, str, list[str]]]:
    """The finding drop-downs in short sections: (title, hint, control names).

    Sensation follows the body-part groups of the regions, strength the joints (hip and
    knee, ankle, toes), so each section fits on one screen with the body map.
    """
    sections: list[tuple[str, str, list[str]]] = []
    for heading, prefix, _kind, word, items in _EXAM_GROUPS:
        hint = f"not tested, {word.lower()} or normal"
        if prefix == "sensation_":
            groups = [(f"{heading}: {t.lower()}", ids) for t, ids in REGION_GROUPS.items()]
            placed = {r for _, ids in groups for r in ids}
            rest = tuple(r for r in items if r not in placed)
            groups += [(f"{heading}: other regions", rest)] if rest else []
        elif prefix == "strength_":
            joints = (("hip and knee", ("hip_", "knee_")), ("ankle", ("ankle_", "foot_")))
            groups = [
                (f"{heading}: {name}", tuple(m for m in items if m.startswith(starts)))
                for name, starts in joints
            ]
            placed = {m for _, ids in groups for m in ids}
            groups.append((f"{heading}: toes", tuple(m for m in items if m not in placed)))
        else:
            groups = [(heading, tuple(items))]
        for title, ids in groups:
            names = [f"{prefix}{i}" for i in ids if i in items]
            if names:
                sections.append((title, hint, names))
    return sections


def _findings_panel(controls: Mapping[str, widgets.Widget]) -> widgets.VBox:
    """A drop-down choosing one short section of finding drop-downs, shown under it."""
    sections = _finding_sections()
    chooser = widgets.Dropdown(
        options=[(title, i) for i, (title, _hint, _names) in enumerate(sections)],
        value=0,
        description="Findings to record",
        style=DESCRIPTION_STYLE,
    )
    stack = widgets.Stack(
        [
            widgets.VBox(
                [
                    widgets.HTML(
                        f"<p><small>Each item: {html.escape(hint)}. A normal result counts "
                        "against the roots and nerves that predict it abnormal.</small></p>"
                    ),
                    *(controls[n] for n in names),
                ]
            )
            for _title, hint, names in sections
        ],
        selected_index=0,
    )
    stack.add_class("ah-stack")
    chooser.observe(lambda change: setattr(stack, "selected_index", change["new"]), names="index")
    panel = widgets.VBox([chooser, stack])
    panel.section = chooser  # type: ignore[attr-defined]
    panel.sections = stack  # type: ignore[attr-defined]
    panel.titles = tuple(title for title, _hint, _names in sections)  # type: ignore[attr-defined]
    return panel


class PathwayExplorer(InteractiveApp):
    """Explore mode (root/nerve dropdown and toggles) and match mode (record findings)."""

    start_hint = "the pathway explorer"

    def __init__(self) -> None:
        controls = _explorer_controls()
        self.view = BodyMapFigure(EXPLORER_VIEWS, width_in=7.6, height_in=5.1)
        live = LiveFigure(self.view.fig, dynamic=self.view.dynamic_artists, dpi=90)
        presets = preset_buttons(
            list(FINDING_PRESETS), self.apply_preset, tooltip_prefix="Record the findings of"
        )
        presets_title = widgets.HTML(
            "<p><strong>Typical presentations</strong> (they switch to <em>Match findings</em>)</p>"
        )
        self.findings_panel = _findings_panel(controls)
        # In the page (and the static edition) the section drop-down switches the section.
        self._section_link = widgets.jslink(
            (self.findings_panel.section, "index"),
            (self.findings_panel.sections, "selected_index"),
        )
        # Mode, then the mode's own controls, then the presets: on a phone the presets sit
        # right above the body map they change.
        panel = [
            *(controls[name] for name in _EXPLORE_CONTROLS if name != "show_landmarks"),
            self.findings_panel,
            controls["show_landmarks"],
            presets_title,
            presets,
        ]
        super().__init__(controls, live, panel=panel)

    def extra_widgets(self) -> list[widgets.Widget]:
        """The browser-side link between the section drop-down and the sections."""
        return [self._section_link]

    def show_section(self, title: str) -> None:
        """Show the findings section whose title starts with ``title`` (``"Reflexes"``).

        Raises
        ------
        ValueError
            If no section title starts with ``title`` (the message lists them).
        """
        for label, index in self.findings_panel.section.options:
            if label.startswith(title):
                self.findings_panel.section.value = index
                return
        msg = f"no section starts with {title!r}; sections: {', '.join(self.findings_panel.titles)}"
        raise ValueError(msg)

    def apply_preset(self, name: str) -> None:
        """Record the findings of a named preset (see :data:`FINDING_PRESETS`)."""
        if name not in FINDING_PRESETS:
            msg = f"unknown preset {name!r}; presets: {', '.join(FINDING_PRESETS)}"
            raise ValueError(msg)
        self.set_state({"mode": "match", **FINDING_PRESETS[name]})

    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Update the body map in place; return alt text and readout HTML."""
        _apply(self.view, state)
        explore = state["mode"] == "explore"
        # Each mode shows only its own controls (a shorter column keeps the map in view).
        for name in ("structure", "show_territory", "show_muscles"):
            self.controls[name].disabled = not explore
            self.controls[name].layout.display = None if explore else "none"
        for name in FINDING_CONTROLS:
            self.controls[name].disabled = explore
        self.findings_panel.layout.display = "none" if explore else None
        return explorer_alt(state), explorer_readout(state)


def pathway_explorer() -> PathwayExplorer:
    """Build notebook 01's pathway explorer."""
    return PathwayExplorer()
