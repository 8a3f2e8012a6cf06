"""Headless tests of notebook 06's dosage planner widget."""

from __future__ import annotations

from anatomy_helpers.exercises import DAILY_REPS_LIMIT
from anatomy_helpers.widgets.dosage_planner import dosage_planner


def test_starts_with_cited_glide_dose():
    app = dosage_planner()
    assert app.included == ["sciatic_nerve_glide"]
    assert app.controls["reps"].value == 20
    assert "common prescription, not tested in a trial" in app.dose_note.value
    assert app.last_png.startswith(b"\x89PNG")
    assert "Supine sciatic nerve glide" in app.last_alt
    assert app.controls["included"].disabled  # the only exercise cannot be removed


def test_changing_reps_updates_plan_chart_and_readout():
    app = dosage_planner()
    app.controls["reps"].value = 10
    assert app.current_plan().items[0].reps == 10
    assert "1 set × 10 reps" in app.readout.value
    before = app.last_png
    app.controls["days_per_week"].value = 3
    assert app.last_png != before
    assert "Mon, Wed, Sat" in app.last_alt


def test_reps_bound_follows_daily_total():
    app = dosage_planner()
    app.controls["sets"].value = 5
    app.controls["sessions_per_day"].value = 3
    assert app.controls["reps"].box.max == DAILY_REPS_LIMIT // 15
    assert app.controls["reps"].slider.max == DAILY_REPS_LIMIT // 15
    assert app.controls["reps"].value <= 10
    item = app.current_plan().items[0]
    assert item.sets * item.reps * item.sessions_per_day <= DAILY_REPS_LIMIT


def test_choosing_and_including_a_hold_exercise():
    app = dosage_planner()
    app.controls["exercise"].value = "slump_stretch"
    assert not app.controls["hold_s"].box.disabled
    assert app.controls["included"].value is False
    assert (app.controls["reps"].value, app.controls["hold_s"].value) == (5, 30)
    assert "Clinician-supervised" in app.readout.value
    app.controls["included"].value = True
    assert app.current_plan().exercise_ids == ("sciatic_nerve_glide", "slump_stretch")
    app.controls["hold_s"].value = 45
    assert app.settings["slump_stretch"].hold_s == 45
    # switching back loads the glide's own dose and disables the hold control
    app.controls["exercise"].value = "sciatic_nerve_glide"
    assert app.controls["reps"].value == 20
    assert app.controls["hold_s"].box.disabled
    assert app.settings["sciatic_nerve_glide"].hold_s is None


def test_removing_exercises_never_empties_the_plan():
    app = dosage_planner(("sciatic_nerve_glide", "seated_calf_raise"))
    app.controls["included"].value = False
    assert app.included == ["seated_calf_raise"]
    app.controls["exercise"].value = "seated_calf_raise"
    assert app.controls["included"].disabled


def test_progression_and_weeks_in_readout():
    app = dosage_planner()
    app.set_state({"weeks": 4, "progression_per_week": 2})
    assert "Week 4" in app.readout.value
    assert "1 set × 26 reps" in app.readout.value
