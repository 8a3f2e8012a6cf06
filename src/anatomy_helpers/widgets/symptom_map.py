"""Notebook 04's symptom map: tick regions and findings, see ranked candidates update.

Regions are ticked with check boxes grouped by body part (pain and numbness side by side);
the shared body map is shaded to match. Every examination item or test with two possible
results (a reflex reduced or normal, a movement weak or strong, pulses reduced or normal,
SLR positive or negative) is a drop-down (not tested / one result / the other), so
contradictory results cannot be recorded and a *normal* result can be recorded as such.
Red flags are check boxes grouped by the cause they screen for. Every control is a native
form control (Tab, Space, arrow keys); the readout is a live region. All reasoning is
:func:`anatomy_helpers.differential.rank_candidates`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from anatomy_helpers.differential import (
    CATEGORY_LABELS,
    findings_by_category,
    get_finding,
    rank_candidates,
)
from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.drawing.symptom_map import SymptomMapFigure
from anatomy_helpers.regions import load_body_regions
from anatomy_helpers.safety import CATEGORY_LABELS as SCREEN_LABELS
from anatomy_helpers.safety import get_red_flag
from anatomy_helpers.widgets.base import InteractiveApp

__all__ = ["REGION_GROUPS", "SymptomMapApp", "findings_from_state", "symptom_map"]

#: Body-part groups of the region check boxes (shared region ids).
REGION_GROUPS = {
    "Back, buttock and saddle": ("lower_back", "buttock", "saddle"),
    "Thigh and knee": ("posterior_thigh", "lateral_thigh", "anterior_thigh", "popliteal_fossa"),
    "Lower leg": ("posterior_calf", "lateral_leg", "anterior_leg", "medial_leg"),
    "Foot": ("dorsum_foot", "first_web_space", "lateral_foot", "sole", "heel"),
}
_STYLE = {"description_width": "initial"}
_NOT_TESTED = "not tested"
#: Control names of drop-downs start with this, followed by the exclusive group.
_GROUP_PREFIX = "test_"
#: Categories shown in panel 2, in order.
_OTHER_CATEGORIES = (
    "red_flag",
    "history",
    "weakness",
    "reflex",
    "exam",
    "aggravating",
    "symptom",
    "test",
)


def _group_controls() -> dict[str, tuple[str, ...]]:
    """Exclusive groups (e.g. 'slr') -> their finding ids."""
    groups: dict[str, list[str]] = {}
    for items in findings_by_category().values():
        for f in items:
            if f.exclusive_group:
                groups.setdefault(f.exclusive_group, []).append(f.finding_id)
    return {g: tuple(v) for g, v in groups.items()}


def findings_from_state(state: Mapping[str, Any]) -> list[str]:
    """Finding ids recorded by a control state (check boxes True; drop-down choices)."""
    out = []
    for name, value in state.items():
        if name.startswith(_GROUP_PREFIX):
            if value != _NOT_TESTED:
                out.append(value)
        elif value is True:
            out.append(name)
    return out


def _regions(findings: list[str], category: str) -> list[str]:
    return [get_finding(f).region_id for f in findings if get_finding(f).category == category]


class SymptomMapApp(InteractiveApp):
    """Symptom map + findings check boxes -> ranked candidates with reasons."""

    def __init__(self) -> None:
        by_cat = findings_by_category()
        groups = _group_controls()
        controls: dict[str, widgets.Widget] = {}
        labels = {r.region_id: r.label for r in load_body_regions()}
        region_rows = []
        for title, ids in REGION_GROUPS.items():
            rows = [widgets.HTML(f"<strong>{title}</strong>")]
            for rid in ids:
                pair = []
                for cat, word in (("pain", "Pain"), ("paraesthesia", "Numb/tingling")):
                    fid = f"{cat}_{rid}"
                    if fid in {f.finding_id for f in by_cat[cat]}:
                        box = widgets.Checkbox(
                            value=False,
                            description=f"{word}: {labels[rid]}",
                            indent=False,
                            style=_STYLE,
                            layout=widgets.Layout(width="auto", min_width="210px"),
                        )
                        controls[fid] = box
                        pair.append(box)
                rows.append(widgets.HBox(pair))
            region_rows.append(widgets.VBox(rows))
        other_sections = []
        for cat in _OTHER_CATEGORIES:
            items: list[widgets.Widget] = []
            done_groups: set[str] = set()
            flag_group = None
            for f in by_cat.get(cat, ()):
                if cat == "red_flag":
                    heading = SCREEN_LABELS[get_red_flag(f.red_flag_id).category]
                    if heading != flag_group:
                        items.append(widgets.HTML(f"<em>{heading}</em>"))
                        flag_group = heading
                if f.exclusive_group:
                    group = f.exclusive_group
                    if group in done_groups:
                        continue
                    done_groups.add(group)
                    options = [("Not tested", _NOT_TESTED)] + [
                        (get_finding(fid).label, fid) for fid in groups[group]
                    ]
                    dd = widgets.Dropdown(
                        options=options,
                        value=_NOT_TESTED,
                        description=f"{f.group_label}:",
                        style=_STYLE,
                        layout=widgets.Layout(width="auto", max_width="100%"),
                    )
                    controls[f"{_GROUP_PREFIX}{group}"] = dd
                    items.append(dd)
                    continue
                box = widgets.Checkbox(
                    value=False,
                    description=f.label,
                    indent=False,
                    style=_STYLE,
                    layout=widgets.Layout(width="auto"),
                )
                controls[f.finding_id] = box
                items.append(box)
            if items:
                other_sections.append(
                    widgets.VBox([widgets.HTML(f"<strong>{CATEGORY_LABELS[cat]}</strong>"), *items])
                )
        self.view = SymptomMapFigure()
        live = LiveFigure(self.view.fig, dynamic=self.view.dynamic_artists, dpi=80)
        self._region_panel = widgets.VBox(region_rows)
        self._other_panel = widgets.VBox(other_sections)
        super().__init__(controls, live, figure_width_px=432)
        self.reset_button = widgets.Button(
            description="Clear all findings",
            tooltip="Untick every finding",
            layout=widgets.Layout(width="auto"),
        )
        self.reset_button.on_click(lambda _b: self.reset())
        accordion = widgets.Accordion(children=[self._region_panel, self._other_panel])
        accordion.set_title(0, "1. Where are the symptoms? (regions)")
        accordion.set_title(1, "2. Red flags, history, examination and tests")
        accordion.selected_index = 0
        left = widgets.VBox([self.reset_button, accordion], layout=widgets.Layout(width="48%"))
        right = widgets.VBox([self.figure_view, self.readout], layout=widgets.Layout(width="52%"))
        self.children = [widgets.HBox([left, right])]

    def reset(self) -> None:
        """Untick everything."""
        values = {
            name: (_NOT_TESTED if name.startswith(_GROUP_PREFIX) else False)
            for name in self.controls
        }
        self.set_state(values)

    def set_findings(self, finding_ids) -> None:
        """Record exactly these findings (ids from ``differential.finding_ids()``).

        Raises
        ------
        ValueError
            For an unknown or contradictory finding (from the differential module).
        """
        from anatomy_helpers.differential import validate_findings

        chosen = validate_findings(finding_ids)
        values: dict[str, Any] = {
            name: (_NOT_TESTED if name.startswith(_GROUP_PREFIX) else False)
            for name in self.controls
        }
        for fid in chosen:
            group = get_finding(fid).exclusive_group
            values[f"{_GROUP_PREFIX}{group}" if group else fid] = fid if group else True
        self.set_state(values)

    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Shade the map and rank the candidates; return alt text and readout."""
        findings = findings_from_state(state)
        pain = _regions(findings, "pain")
        numb = _regions(findings, "paraesthesia")
        self.view.update(pain, numb)
        self.result = rank_candidates(findings)
        top = self.result.top
        if top is None:
            summary = "No candidate yet."
        elif top.urgent:
            summary = f"Red flag present: {top.condition.name}. {top.action}"
        else:
            summary = f"Top candidate: {top.condition.name} (score {top.score})."
        alt = (
            "Body map, back and front views of the right leg. Pain shaded: "
            f"{', '.join(pain) or 'none'}. Numbness shaded: {', '.join(numb) or 'none'}. " + summary
        )
        return alt, self.result.to_html()


def symptom_map() -> SymptomMapApp:
    """Build notebook 04's symptom-map widget."""
    return SymptomMapApp()
