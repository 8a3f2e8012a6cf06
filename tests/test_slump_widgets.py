"""Headless tests of the slump stepper, the findings recorder and the calculator."""

from __future__ import annotations

import json
import re

import pytest

from anatomy_helpers.records import recording_from_csv, recording_from_json
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
    app = slump_recorder()
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
    app = slump_recorder(example_recording("positive"))
    assert "positive" in app.readout.value
    app.controls["side"].value = "right"
    assert app.controls["regions"].value == ("popliteal_fossa",)
    assert app.controls["familiar"].value is False
    app.controls["side"].value = "left"
    assert app.controls["familiar"].value is True
    app.controls["neck_left"].value = "unchanged"
    assert "Interpretation: inconclusive" in app.readout.value


def test_recorder_downloads_round_trip_and_write_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = slump_recorder(example_recording("positive"))
    app.controls["neck_left"].value = "unchanged"
    as_json = app.downloads["json"].prepare()
    as_csv = app.downloads["csv"].prepare()
    assert re.fullmatch(r"slump-record-\d{4}-\d{2}-\d{2}\.json", as_json.name)
    assert as_csv.name.endswith(".csv") and as_csv.media_type == "text/csv"
    assert recording_from_json(as_json.data.decode()) == app.recording
    assert recording_from_csv(as_csv.data.decode()) == app.recording
    assert json.loads(as_json.data)["neck_release"]["left"] == "unchanged"
    assert 'download="' + as_json.name + '"' in app.downloads["json"].link.value
    # a change withdraws the links, so an outdated file is never offered
    app.controls["neck_right"].value = "worse"
    assert app.downloads["json"].last_file is None
    assert "download=" not in app.downloads["csv"].link.value
    assert list(tmp_path.iterdir()) == []


def test_calculator_values_and_custom_mode():
    app = diagnostic_calculator(study="deville2000_slr", result="negative", pretest_pct=60)
    assert "34.2 %" in app.readout.value
    assert app.controls["sensitivity_pct"].layout.display == "none"  # hidden until needed
    app.controls["test"].value = CUSTOM
    assert app.controls["study"].value == CUSTOM
    assert app.controls["sensitivity_pct"].layout.display is None
    app.controls["result"].value = "positive"
    # 80/80: LR+ 4; 60 % -> odds 1.5 * 4 = 6 -> 85.7 %
    assert "85.7 %" in app.readout.value


def test_calculator_rejects_rows_without_point_estimates():
    with pytest.raises(ValueError, match="study must be a row id"):
        diagnostic_calculator(study="dionne2019_ces_red_flags")
