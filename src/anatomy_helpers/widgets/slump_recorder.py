"""Notebook 03's slump-test findings recorder: record, interpret live, download.

Pick a stage and a side, then record whether symptoms were felt, where (shared body-region
ids), how strong (0-10) and whether they were familiar; record what releasing the neck did
on each side. The chart shows the intensities per stage and side, the readout gives the
interpretation with reasons, and the download buttons hand the recording to the viewer's
browser as JSON or CSV (:mod:`anatomy_helpers.widgets.download`): nothing is written on the
server. Controls cannot reach an invalid state: details are disabled and cleared when no
symptom is recorded.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.drawing.slump import FindingsChart
from anatomy_helpers.records import recording_to_csv, recording_to_json
from anatomy_helpers.references import cite
from anatomy_helpers.regions import body_region_ids, load_body_regions
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
from anatomy_helpers.widgets.controls import (
    DESCRIPTION_STYLE,
    REGION_GROUPS,
    CheckGrid,
    LabelledSlider,
)
from anatomy_helpers.widgets.download import (
    DownloadButton,
    DownloadFile,
    dated_file_name,
    download_row,
)

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


def _region_groups() -> dict[str, tuple[str, ...]]:
    """Body-part groups of the regions (any region not in a group gets an "Other" group)."""
    known = set(body_region_ids())
    groups = {title: tuple(r for r in ids if r in known) for title, ids in REGION_GROUPS.items()}
    grouped = {r for ids in groups.values() for r in ids}
    rest = tuple(r for r in body_region_ids() if r not in grouped)
    return {**groups, "Other": rest} if rest else groups


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
        "regions": CheckGrid(
            _region_options(), description="Where the symptoms are felt", groups=_region_groups()
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


class SlumpRecorder(InteractiveApp):
    """Record slump-test findings per stage and side, see the interpretation, download it.

    Parameters
    ----------
    recording : SlumpRecording, optional
        Start from this recording (default: empty).
    stage_id, side : str
        The stage and side selected at start.

    Attributes
    ----------
    downloads : dict of str to DownloadButton
        ``"json"`` and ``"csv"``: the recording as it stands when pressed.
    """

    start_hint = "the findings recorder"

    def __init__(
        self,
        recording: SlumpRecording | None = None,
        *,
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
        controls = _recorder_controls(self.recording, stage_id, side)
        self._key: tuple[str, str] | None = None
        self.chart = FindingsChart(self.recording)
        live = LiveFigure(self.chart.fig, dynamic=self.chart.dynamic_artists)
        self.downloads: dict[str, DownloadButton] = {}
        self._controls_for_key = controls
        super().__init__(controls, live)
        self.downloads = {
            "json": DownloadButton(
                "Download recording (JSON)",
                self.json_file,
                tooltip="Save the findings as a JSON file that can be loaded again",
            ),
            "csv": DownloadButton(
                "Download recording (CSV)",
                self.csv_file,
                tooltip="Save the findings as a table for a spreadsheet",
            ),
        }
        self.children = (
            *self.children,
            download_row(list(self.downloads.values()), heading="Keep this recording"),
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
        for button in self.downloads.values():
            button.clear()
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

    # -- downloads -------------------------------------------------------------------------
    def json_file(self) -> DownloadFile:
        """The recording as it stands, as a JSON file to download."""
        text = recording_to_json(self.recording)
        return DownloadFile(
            dated_file_name("slump-record", "json"), "application/json", text.encode("utf-8")
        )

    def csv_file(self) -> DownloadFile:
        """The recording as it stands, as a CSV file to download."""
        text = recording_to_csv(self.recording)
        name = dated_file_name("slump-record", "csv")
        return DownloadFile(name, "text/csv", text.encode("utf-8"))


def slump_recorder(recording: SlumpRecording | None = None, **kwargs: Any) -> SlumpRecorder:
    """Build notebook 03's findings recorder."""
    return SlumpRecorder(recording, **kwargs)
