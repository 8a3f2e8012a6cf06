"""Notebook 03's slump-test stepper: Previous / Next buttons and a stage dropdown."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.drawing.slump import SlumpStageFigure
from anatomy_helpers.references import cite
from anatomy_helpers.slump import get_stage, normal_responses_for_stage, stage_ids
from anatomy_helpers.widgets.base import InteractiveApp
from anatomy_helpers.widgets.controls import DESCRIPTION_STYLE

__all__ = ["SlumpStepper", "describe_stage", "slump_stepper", "stage_readout_html"]


def _options() -> list[tuple[str, str]]:
    out = []
    for sid in stage_ids():
        stage = get_stage(sid)
        extra = " (optional)" if stage.optional else ""
        out.append((f"{stage.order}. {stage.name}{extra}", sid))
    return out


def describe_stage(stage_id: str) -> str:
    """One sentence for the alt text: which stage, what the figure shows."""
    stage = get_stage(stage_id)
    moved = ", ".join(stage.moved_segments) or "nothing yet"
    return (
        f"Side-view stick figure sitting on a couch, facing right, at stage {stage.order} of "
        f"the slump test ({stage.name}). Moved segment highlighted in orange and thicker: "
        f"{moved}. {stage.added_movement}"
    )


def stage_readout_html(stage_id: str) -> str:
    """The stage's instruction, what changed and why, tissues, question and normal responses."""
    s = get_stage(stage_id)
    e = html.escape
    items = [
        f"<h4>Stage {s.order}: {e(s.name)}</h4>",
        f"<p><strong>Say to the patient:</strong> &ldquo;{e(s.patient_instruction)}&rdquo;</p>",
        f"<p><strong>Examiner:</strong> {e(s.examiner_action)}</p>",
        f"<p><strong>What changed:</strong> {e(s.added_movement)} <strong>Why:</strong> "
        f"{e(s.why)}</p>",
        f"<p><strong>Tissues loaded:</strong> {e(s.tissues_loaded)}</p>",
        f"<p><strong>Ask:</strong> &ldquo;{e(s.ask)}&rdquo;</p>",
    ]
    normals = normal_responses_for_stage(stage_id)
    if normals:
        rows = []
        for r in normals:
            if r.percent is not None and r.n_with_response is not None:
                amount = f"{r.percent:g} % ({r.n_with_response} of {r.n_total})"
            elif r.percent is not None:
                amount = f"{r.percent:g} % of {r.n_total}"
            elif r.n_with_response is not None:
                amount = f"{r.n_with_response} of {r.n_total}"
            else:
                amount = f"{r.n_total} participants"
            rows.append(f"<li>{e(r.description)}: {amount} [{e(cite(r.source_id))}]</li>")
        items.append(
            "<p><strong>Reported in people without symptoms:</strong></p><ul>"
            + "".join(rows)
            + "</ul>"
        )
    source = f"{cite(s.source_id)}" + (" (secondary sources)" if s.verification == "S" else "")
    if s.evidence_source_ids:
        source += "; also " + ", ".join(cite(k) for k in s.evidence_source_ids)
    items.append(
        f"<p><small>Source: {e(source)}. Pose angles are illustrative (teaching "
        "assumption).</small></p>"
    )
    return "".join(items)


class SlumpStepper(InteractiveApp):
    """Step through the slump test: Previous / Next buttons and a stage dropdown."""

    start_hint = "the slump-test stepper"

    def __init__(self, stage_id: str = "upright_sitting") -> None:
        get_stage(stage_id)
        self.stage = widgets.Dropdown(
            options=_options(),
            value=stage_id,
            description="Stage",
            style=DESCRIPTION_STYLE,
            layout=widgets.Layout(width="auto"),
        )
        self.previous_button = widgets.Button(
            description="◀ Previous",
            tooltip="Go to the previous stage",
            layout=widgets.Layout(width="auto"),
        )
        self.next_button = widgets.Button(
            description="Next ▶",
            tooltip="Go to the next stage",
            layout=widgets.Layout(width="auto"),
        )
        self.previous_button.on_click(lambda _b: self.step(-1))
        self.next_button.on_click(lambda _b: self.step(+1))
        self.view = SlumpStageFigure(stage_id, show_text=False)
        live = LiveFigure(self.view.fig, dynamic=self.view.dynamic_artists)
        nav = widgets.HBox([self.previous_button, self.next_button])
        super().__init__({"stage": self.stage}, live, header=[nav])

    def step(self, delta: int) -> None:
        """Move ``delta`` stages forward (+1) or back (-1), stopping at the ends."""
        ids = stage_ids()
        index = min(max(ids.index(self.stage.value) + delta, 0), len(ids) - 1)
        self.stage.value = ids[index]

    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Move the figure to the chosen stage; return alt text and readout."""
        sid = state["stage"]
        self.view.update(sid)
        ids = stage_ids()
        self.previous_button.disabled = sid == ids[0]
        self.next_button.disabled = sid == ids[-1]
        return describe_stage(sid), stage_readout_html(sid)


def slump_stepper(stage_id: str = "upright_sitting") -> SlumpStepper:
    """Build notebook 03's stage stepper."""
    return SlumpStepper(stage_id)
