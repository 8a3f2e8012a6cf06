"""Headless tests of the slump stepper, the findings recorder and the calculator."""

from __future__ import annotations

import json

import pytest

from anatomy_helpers.records import load_recording
from anatomy_helpers.slump import example_recording, stage_ids
from anatomy_helpers.widgets.diagnostic_calculator import CUSTOM, diagnostic_calculator
from anatomy_helpers.widgets.slump_recorder import slump_recorder
from anatomy_helpers.widgets.slump_stepper import slump_stepper


def test_stepper_next_previous_and_dropdown():
    app = slump_stepper()
    assert app.previous_button.disabled
    first_png = app.last_png
    app.next_button.click()
    assert app.stage.value == "thoracolumbar_slump"
    assert app.last_png != first_png
    assert "Thoracolumbar slump" in app.readout.value
    app.stage.value = "neck_release"
    assert "structural differentiation" in app.readout.value
    assert "83.3 %" in app.readout.value
    assert "neck" in app.last_alt
    app.stage.value = stage_ids()[-1]
    assert app.next_button.disabled
    app.step(+1)
    assert app.stage.value == stage_ids()[-1]


def test_recorder_controls_cannot_reach_invalid_state():
    app = slump_recorder(export_folder="unused")
    app.controls["symptoms"].value = "present"
    app.controls["intensity"].value = 7
    app.controls["familiar"].value = True
    app.controls["regions"].value = ("posterior_calf",)
    finding = app.recording.finding("knee_extension", "left")
    assert (finding.intensity_0_10, finding.familiar) == (7, True)
    app.controls["symptoms"].value = "none"
    assert app.controls["intensity"].value == 0
    assert app.controls["regions"].value == ()
    assert app.controls["familiar"].disabled
    assert not app.recording.finding("knee_extension", "left").present


def test_recorder_switching_cells_loads_their_values():
    app = slump_recorder(example_recording("positive"), export_folder="unused")
    assert "positive" in app.readout.value
    app.controls["side"].value = "right"
    assert app.controls["regions"].value == ("popliteal_fossa",)
    assert app.controls["familiar"].value is False
    app.controls["side"].value = "left"
    assert app.controls["familiar"].value is True
    app.controls["neck_left"].value = "unchanged"
    assert "Interpretation: inconclusive" in app.readout.value


def test_recorder_export_into_safe_folder(tmp_path):
    app = slump_recorder(example_recording("positive"), export_folder=tmp_path)
    app.file_name.value = "case_01"
    app.file_format.value = "json"
    path = app.export()
    assert path == tmp_path.resolve() / "case_01.json"
    assert load_recording(path) == app.recording
    assert json.loads(path.read_text())["format_version"] == 1
    app.file_name.value = "../escape"
    assert app.export() is None
    assert "Not saved" in app.export_status.value
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case_01.json"]


def test_calculator_values_and_custom_mode():
    app = diagnostic_calculator(study="deville2000_slr", result="negative", pretest_pct=60)
    assert "34.2 %" in app.readout.value
    assert app.controls["sensitivity_pct"].box.disabled
    app.controls["study"].value = CUSTOM
    assert not app.controls["sensitivity_pct"].box.disabled
    app.controls["result"].value = "positive"
    # 80/80: LR+ 4; 60 % -> odds 1.5 * 4 = 6 -> 85.7 %
    assert "85.7 %" in app.readout.value


def test_calculator_rejects_rows_without_point_estimates():
    with pytest.raises(ValueError, match="study must be a row id"):
        diagnostic_calculator(study="dionne2019_ces_red_flags")
