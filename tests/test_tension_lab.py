"""Headless tests of the nerve tension lab and nerve glide widgets and their figures."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy_helpers.drawing.nerve_glide import (
    glide_curve,
)
from anatomy_helpers.drawing.tension_lab import (
    FULL_SLUMP,
    TensionLabFigure,
    nerve_path_xy,
)
from anatomy_helpers.kinematics import JointAngles, pose_from_angles
from anatomy_helpers.neurodynamics import NervePosture, bed_grid_mm, nerve_state
from anatomy_helpers.widgets.nerve_glide import GLIDE_STEPS, describe_glide_step, nerve_glide
from anatomy_helpers.widgets.tension_lab import (
    TENSION_LAB_PRESETS,
    describe_state,
    tension_lab,
)


@pytest.fixture(scope="module")
def lab():
    return tension_lab()


def test_knee_slider_redraws_and_reports_the_angle(lab):
    lab.apply_preset("Upright sitting")
    before_png, before_count = lab.last_png, lab.render_count
    lab.controls["knee_flexion_deg"].value = 30.0
    assert lab.render_count == before_count + 1
    assert lab.last_png != before_png
    assert "knee flexion 30° (knee extended 60° from a right angle)" in lab.readout.value
    assert "assumed parameters" in lab.readout.value
    assert lab.last_alt.startswith("Sitting; knee flexion 30°")


def test_number_box_and_slider_move_together(lab):
    lab.controls["hip_flexion_deg"].slider.value = 70.0
    assert lab.controls["hip_flexion_deg"].value == 70.0
    assert "hip flexion 70°" in lab.readout.value


def test_presets_set_every_control_and_render_once(lab):
    for name, values in TENSION_LAB_PRESETS.items():
        count = lab.render_count
        lab.apply_preset(name)
        assert lab.render_count == count + 1
        for key, value in values.items():
            assert lab.controls[key].value == value
    assert lab.last_alt.startswith("Lying on the back")
    with pytest.raises(ValueError, match="unknown preset 'Standing'; presets: Upright sitting"):
        lab.apply_preset("Standing")


def test_full_slump_strains_more_than_upright_sitting_and_neck_release_eases_it(lab):
    strains = {}
    for name in ("Upright sitting", "Slump", "Full slump test", "Full slump, neck released"):
        lab.apply_preset(name)
        strains[name] = nerve_state(NervePosture.from_mapping(lab.state())).mean_strain_pct
    assert strains["Upright sitting"] < strains["Slump"] < strains["Full slump test"]
    assert strains["Full slump, neck released"] < strains["Full slump test"]


def test_gauge_bars_follow_the_model():
    view = TensionLabFigure(FULL_SLUMP)
    state = nerve_state(FULL_SLUMP)
    assert view.mean_bar.get_width() == pytest.approx(state.mean_strain_pct)
    assert view.peak_bar.get_width() == pytest.approx(state.peak_strain_pct)
    assert view.peak_text.get_text() == f"{state.peak_strain_pct:.1f} %"
    # Colour channel and width channel both follow strain along the nerve.
    widths = view.nerve.get_linewidths()
    assert len(widths) == len(bed_grid_mm()) - 1
    assert max(widths) > min(widths)


def test_nerve_is_drawn_behind_the_leg():
    pose = pose_from_angles(JointAngles(hip_flexion_deg=90, knee_flexion_deg=90))
    xy = nerve_path_xy(pose)
    mid_thigh = xy[len(xy) // 3]
    # Sitting: the thigh is horizontal, so "behind" is below it.
    assert mid_thigh[1] < pose["hip"][1]


def test_readout_names_the_site_and_direction():
    state = {
        **TENSION_LAB_PRESETS["Upright sitting"],
        "site": "mid_calf",
        "neck_flexion_deg": 40.0,
        "hip_flexion_deg": 0.0,
        "knee_flexion_deg": 0.0,
    }
    text = describe_state(state)
    assert "Tibial nerve at mid-calf: displaced" in text
    assert "towards the spine" in text


def test_glide_stepper_walks_one_repetition():
    app = nerve_glide()
    assert "Step 1 of 7" in app.readout.value
    pngs = set()
    for step in range(2, GLIDE_STEPS + 1):
        app.controls["step"].value = float(step)
        pngs.add(app.last_png)
    assert len(pngs) == GLIDE_STEPS - 1
    assert "knee flexion 0°" in app.readout.value
    assert "has not been tested in a trial" in app.readout.value
    with pytest.raises(ValueError, match="step = 9 is outside its range 1 to 7"):
        describe_glide_step(9)


def test_glide_curve_is_monotone():
    curve = glide_curve()
    assert np.all(np.diff(curve["elongation_mm"]) > 0)
    assert np.all(np.diff(curve["mid_thigh_excursion_mm"]) > 0)
