"""Notebook 04's symptom map: tick regions and findings, see ranked candidates update.

Findings come in short sections chosen with one drop-down (*Findings to record*): where the
pain and the numbness are (a check box each, pain and numbness side by side, grouped by
body part), red flags (check boxes under the cause they screen for), history, strength,
reflexes, examination and tests. Every examination item or test with two possible results
(a reflex reduced or normal, a movement weak or strong, pulses reduced or normal, SLR
positive or negative) is a drop-down (not tested / one result / the other), so
contradictory results cannot be recorded and a *normal* result can be recorded as such.
One section shows at a time, beside the body map (above it on a phone), so every control is
on screen with the map; *Recorded so far* lists every finding ticked in any section. Every
control is a native form control (Tab, Space, arrow keys); the readout is a live region.
All reasoning is :func:`anatomy_helpers.differential.rank_candidates`.
"""

from __future__ import annotations

import html
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
from anatomy_helpers.widgets.controls import REGION_GROUPS

__all__ = ["REGION_GROUPS", "SymptomMapApp", "findings_from_state", "symptom_map"]

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


def _section_parts(title: str, items: list, size: int) -> list[tuple[str, list]]:
    """Split a long list of controls into parts of at most ``size`` (evenly)."""
    n_controls = sum(1 for w in items if not isinstance(w, widgets.HTML))
    parts = max(1, -(-n_controls // size))
    if parts == 1:
        return [(title, items)]
    per_part = -(-n_controls // parts)
    out: list[tuple[str, list]] = []
    current: list = []
    count = 0
    for w in items:
        is_heading = isinstance(w, widgets.HTML)
        if not is_heading and count == per_part:
            out.append(current)
            current, count = [], 0
        current.append(w)
        count += 0 if is_heading else 1
    out.append(current)
    return [(f"{title}, part {i} of {len(out)}", part) for i, part in enumerate(out, start=1)]


class SymptomMapApp(InteractiveApp):
    """Symptom map + findings check boxes -> ranked candidates with reasons.

    The findings are grouped in short sections (where the symptoms are, red flags,
    history, strength, reflexes, examination, tests); the drop-down *Findings to record*
    shows one section at a time beside the map (or above it on a phone), so every control
    is on screen with the figure. The line *Recorded so far* lists what is ticked in every
    section.
    """

    start_hint = "the symptom map"

    #: Controls per section at most (a section and the map fit one screen).
    SECTION_SIZE = 6

    def __init__(self) -> None:
        controls: dict[str, widgets.Widget] = {}
        sections: list[tuple[str, list]] = []
        for title, ids in REGION_GROUPS.items():
            sections.append((f"Where: {title.lower()}", self._region_rows(ids, controls)))
        for cat in _OTHER_CATEGORIES:
            items = self._finding_controls(cat, controls)
            if items:
                label = CATEGORY_LABELS[cat]
                short = label.split(":")[0].split(" (")[0]  # fits a phone's drop-down
                for title, part in _section_parts(short, items, self.SECTION_SIZE):
                    heading = widgets.HTML(f"<strong>{html.escape(label)}</strong>")
                    sections.append((title, [heading, *part]))
        self.view = SymptomMapFigure()
        live = LiveFigure(self.view.fig, dynamic=self.view.dynamic_artists, dpi=80)
        self.section = widgets.Dropdown(
            options=[(title, i) for i, (title, _) in enumerate(sections)],
            value=0,
            description="Findings to record",
            style=_STYLE,
        )
        self.sections = widgets.Stack(
            [widgets.VBox(items) for _, items in sections], selected_index=0
        )
        self.sections.add_class("ah-stack")
        # In the page (and in the static edition), the drop-down switches the section.
        self._section_link = widgets.jslink(
            (self.section, "index"), (self.sections, "selected_index")
        )
        self.section.observe(self._on_section, names="index")
        self.recorded = widgets.HTML()
        self.reset_button = widgets.Button(
            description="Clear all findings",
            tooltip="Untick every finding",
            layout=widgets.Layout(width="auto"),
        )
        self.reset_button.on_click(lambda _b: self.reset())
        super().__init__(
            controls,
            live,
            header=[self.reset_button],
            panel=[self.section, self.sections, self.recorded],
            figure_width_px=432,
        )

    @staticmethod
    def _region_rows(ids, controls: dict) -> list[widgets.Widget]:
        """Pain and numbness check boxes of some regions, two per row (a grid)."""
        by_cat = findings_by_category()
        labels = {r.region_id: r.label for r in load_body_regions()}
        boxes: list[widgets.Widget] = []
        for rid in ids:
            for cat, word in (("pain", "Pain"), ("paraesthesia", "Numb/tingling")):
                fid = f"{cat}_{rid}"
                if fid in {f.finding_id for f in by_cat[cat]}:
                    box = widgets.Checkbox(
                        value=False, description=f"{word}: {labels[rid]}", indent=False
                    )
                    controls[fid] = box
                    boxes.append(box)
                else:  # keeps pain in the left column and numbness in the right
                    boxes.append(widgets.HTML(""))
        grid = widgets.Box(boxes)
        grid.add_class("ah-pairs")
        return [grid]

    @staticmethod
    def _finding_controls(cat: str, controls: dict) -> list[widgets.Widget]:
        """The controls of one category: check boxes, and drop-downs for two-result items."""
        groups = _group_controls()
        items: list[widgets.Widget] = []
        done_groups: set[str] = set()
        flag_group = None
        for f in findings_by_category().get(cat, ()):
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
                    options=options, value=_NOT_TESTED, description=f"{f.group_label}:"
                )
                dd.add_class("ah-wrap-label")
                controls[f"{_GROUP_PREFIX}{group}"] = dd
                items.append(dd)
                continue
            box = widgets.Checkbox(value=False, description=f.label, indent=False)
            controls[f.finding_id] = box
            items.append(box)
        return items

    def extra_widgets(self) -> list[widgets.Widget]:
        """The browser-side link between the section drop-down and the sections."""
        return [self._section_link]

    def _on_section(self, change: Any) -> None:
        # Kernel side of the link (tests and the kernel's own view of the widget).
        self.sections.selected_index = change["new"]

    def show_section(self, title: str) -> None:
        """Show the section whose title starts with ``title`` (e.g. ``"Red flags"``).

        Raises
        ------
        ValueError
            If no section title starts with ``title`` (the message lists them).
        """
        for label, index in self.section.options:
            if label.startswith(title):
                self.section.value = index
                return
        titles = ", ".join(label for label, _ in self.section.options)
        msg = f"no section starts with {title!r}; sections: {titles}"
        raise ValueError(msg)

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
        recorded = "; ".join(get_finding(f).label for f in findings)
        self.recorded.value = (
            f"<p><small><strong>Recorded so far:</strong> {html.escape(recorded)}</small></p>"
            if recorded
            else "<p><small>Nothing recorded yet.</small></p>"
        )
        alt = (
            "Body map, back and front views of the right leg. Pain shaded: "
            f"{', '.join(pain) or 'none'}. Numbness shaded: {', '.join(numb) or 'none'}. " + summary
        )
        return alt, self.result.to_html()


def symptom_map() -> SymptomMapApp:
    """Build notebook 04's symptom-map widget."""
    return SymptomMapApp()
