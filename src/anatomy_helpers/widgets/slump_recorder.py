"""Notebook 03's slump-test findings recorder: record, interpret live, export.

Pick a stage and a side, then record whether symptoms were felt, where (shared body-region
ids), how strong (0-10) and whether they were familiar; record what releasing the neck did
on each side. The chart shows the intensities per stage and side, the readout gives the
interpretation with reasons, and *Export* saves JSON or CSV into one safe folder.
Controls cannot reach an invalid state: details are disabled and cleared when no symptom
is recorded.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.drawing.slump import FindingsChart
from anatomy_helpers.records import safe_export_path, save_recording
from anatomy_helpers.references import cite
from anatomy_helpers.regions import load_body_regions
from anatomy_helpers.slump import (
    NECK_RELEASE_EFFECTS,
    SIDES,
    SlumpRecording,
    StageFinding,
    get_stage,
    interpret,
    recorded_stage_ids,
)
from anatomy_helpers.widgets.base import InteractiveApp
from anatomy_helpers.widgets.controls import DESCRIPTION_STYLE, LabelledSlider

__all__ = ["SlumpRecorder", "slump_recorder"]

_SYMPTOM_OPTIONS = [
    ("Not tested", "not_tested"),
    ("No symptoms", "none"),
    ("Symptoms present", "present"),
]
_EFFECT_LABELS = {
    "eased": "Eased",
    "unchanged": "Unchanged",
    "worse": "Worse",
    "not_tested": "Not tested",
}


def _region_options() -> list[tuple[str, str]]:
    return [(r.label, r.region_id) for r in load_body_regions()]


def _recorder_controls(recording: SlumpRecording, stage_id: str, side: str) -> dict:
    """The recorder's controls, set to ``stage_id`` and ``side`` and the recording's effects."""
    stage_options = [(get_stage(s).name, s) for s in recorded_stage_ids()]
    effect_options = [(_EFFECT_LABELS[e], e) for e in NECK_RELEASE_EFFECTS]
    return {
        "stage": widgets.Dropdown(
            options=stage_options, value=stage_id, description="Stage", style=DESCRIPTION_STYLE
        ),
        "side": widgets.ToggleButtons(
            options=[("Left", "left"), ("Right", "right")],
            value=side,
            description="Side",
            style=DESCRIPTION_STYLE,
        ),
        "symptoms": widgets.Dropdown(
            options=_SYMPTOM_OPTIONS,
            value="not_tested",
            description="Symptoms at this stage",
            style=DESCRIPTION_STYLE,
        ),
        "regions": widgets.SelectMultiple(
            options=_region_options(),
            value=(),
            rows=6,
            description="Location (Ctrl/Shift-click)",
            style=DESCRIPTION_STYLE,
        ),
        "intensity": LabelledSlider("Intensity", "0-10", value=0.0, min=0.0, max=10.0, step=1.0),
        "familiar": widgets.Checkbox(
            value=False,
            description="Familiar (the patient's usual symptom)",
            style=DESCRIPTION_STYLE,
            indent=False,
        ),
        "neck_left": widgets.Dropdown(
            options=effect_options,
            value=recording.neck_release["left"],
            description="Left: releasing the neck",
            style=DESCRIPTION_STYLE,
        ),
        "neck_right": widgets.Dropdown(
            options=effect_options,
            value=recording.neck_release["right"],
            description="Right: releasing the neck",
            style=DESCRIPTION_STYLE,
        ),
    }


def _export_controls() -> tuple[widgets.Text, widgets.Dropdown, widgets.Button]:
    """File name, format and Export button of the recorder's export row."""
    return (
        widgets.Text(
            value="slump_record",
            description="File name",
            style=DESCRIPTION_STYLE,
            tooltip="Letters, digits, _ or - only",
        ),
        widgets.Dropdown(
            options=[("JSON", "json"), ("CSV", "csv")],
            value="json",
            description="Format",
            style=DESCRIPTION_STYLE,
        ),
        widgets.Button(description="Export", tooltip="Save the recording into the export folder"),
    )


class SlumpRecorder(InteractiveApp):
    """Record slump-test findings per stage and side, see the interpretation, export.

    Parameters
    ----------
    recording : SlumpRecording, optional
        Start from this recording (default: empty).
    export_folder : str or os.PathLike, optional
        The only folder exports are written to (default ``./slump_records``).
    stage_id, side : str
        The stage and side selected at start.
    """

    def __init__(
        self,
        recording: SlumpRecording | None = None,
        *,
        export_folder: str | os.PathLike[str] = "slump_records",
        stage_id: str = "knee_extension",
        side: str = "left",
    ) -> None:
        self.recording = recording if recording is not None else SlumpRecording()
        if not isinstance(self.recording, SlumpRecording):
            msg = f"recording must be a SlumpRecording, got {type(recording).__name__}"
            raise TypeError(msg)
        if stage_id not in recorded_stage_ids():
            msg = f"stage_id must be one of {', '.join(recorded_stage_ids())}; got {stage_id!r}"
            raise ValueError(msg)
        if side not in SIDES:
            msg = f"side must be one of {', '.join(SIDES)}; got {side!r}"
            raise ValueError(msg)
        self.export_folder = Path(export_folder)
        controls = _recorder_controls(self.recording, stage_id, side)
        self._key: tuple[str, str] | None = None
        self.chart = FindingsChart(self.recording)
        live = LiveFigure(self.chart.fig, dynamic=self.chart.dynamic_artists)
        self.file_name, self.file_format, self.export_button = _export_controls()
        self.export_status = widgets.HTML()
        self.export_button.on_click(lambda _b: self.export())
        self._controls_for_key = controls
        super().__init__(controls, live)
        self.children = (
            *self.children,
            widgets.HBox([self.file_name, self.file_format, self.export_button]),
            self.export_status,
        )

    # -- model <-> controls ----------------------------------------------------------------
    def _load_cell(self, key: tuple[str, str]) -> None:
        f = self.recording.finding(*key)
        self._held += 1
        try:
            if f is None:
                self.controls["symptoms"].value = "not_tested"
            else:
                self.controls["symptoms"].value = "present" if f.present else "none"
            self.controls["regions"].value = f.region_ids if f is not None else ()
            self.controls["intensity"].value = float(f.intensity_0_10) if f is not None else 0.0
            self.controls["familiar"].value = bool(f.familiar) if f is not None else False
        finally:
            self._held -= 1

    def _clear_details(self) -> None:
        self._held += 1
        try:
            self.controls["regions"].value = ()
            self.controls["intensity"].value = 0.0
            self.controls["familiar"].value = False
        finally:
            self._held -= 1

    def _store(self, state: Mapping[str, Any]) -> None:
        key = (state["stage"], state["side"])
        if state["symptoms"] == "not_tested":
            finding = None
        elif state["symptoms"] == "none":
            finding = StageFinding()
        else:
            finding = StageFinding(
                True, tuple(state["regions"]), round(state["intensity"]), bool(state["familiar"])
            )
        rec = self.recording.with_finding(*key, finding)
        rec = rec.with_neck_release("left", state["neck_left"])
        self.recording = rec.with_neck_release("right", state["neck_right"])

    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Store or load the selected cell, redraw the chart, interpret."""
        key = (state["stage"], state["side"])
        if key != self._key:
            self._key = key
            self._load_cell(key)
        elif state["symptoms"] != "present":
            self._clear_details()
        state = self.state()
        self._store(state)
        details_on = state["symptoms"] == "present"
        for name in ("regions", "familiar"):
            self.controls[name].disabled = not details_on
        self.controls["intensity"].box.disabled = not details_on
        self.controls["intensity"].slider.disabled = not details_on
        self.chart.update(self.recording)
        result = interpret(self.recording)
        reasons = "".join(f"<li>{html.escape(r)}</li>" for r in result.reasons)
        sources = ", ".join(cite(k) for k in result.source_ids)
        readout = (
            f"<p><strong>Interpretation: {result.result}</strong></p><ul>{reasons}</ul>"
            f"<p><small>Criteria from {html.escape(sources)}. A teaching aid, not a "
            "diagnosis.</small></p>"
        )
        alt = (
            f"Bar chart of symptom intensity (0 to 10) at each slump stage, left and right "
            f"side by side; stars mark familiar symptoms. Interpretation: {result.result}."
        )
        return alt, readout

    # -- export ----------------------------------------------------------------------------
    def export(self) -> Path | None:
        """Save the recording to the chosen file name inside the export folder."""
        try:
            path = safe_export_path(
                self.export_folder, self.file_name.value, self.file_format.value
            )
            save_recording(self.recording, path)
        except (ValueError, OSError) as exc:
            self.export_status.value = f'<p role="alert">Not saved: {html.escape(str(exc))}</p>'
            return None
        self.export_status.value = f'<p role="status">Saved {html.escape(str(path))}</p>'
        return path


def slump_recorder(recording: SlumpRecording | None = None, **kwargs: Any) -> SlumpRecorder:
    """Build notebook 03's findings recorder."""
    return SlumpRecorder(recording, **kwargs)
