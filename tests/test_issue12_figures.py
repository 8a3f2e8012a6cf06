"""Issue 12's figure defects, one test each (the legibility gate covers the text collisions).

Each test names what a reader saw wrong and checks the picture now says or shows it right.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

from anatomy_helpers.drawing.calf_raise import MuscleLengthFigure, PairedSimulationFigure
from anatomy_helpers.drawing.exercises import WeeklyPlanChart
from anatomy_helpers.drawing.fagan import FaganNomogram, probability_pct_text, result_label
from anatomy_helpers.drawing.legibility import check_figure
from anatomy_helpers.drawing.piriformis import build_piriformis_variants_figure
from anatomy_helpers.drawing.slump import (
    OTHER_SIDE,
    SlumpStageFigure,
    build_slump_sequence_figure,
    resting_leg_xy,
)
from anatomy_helpers.drawing.tension_lab import joint_angles_for, reads_as_person
from anatomy_helpers.exercises import build_plan, plan_item
from anatomy_helpers.kinematics import pose_from_angles
from anatomy_helpers.neurodynamics import NervePosture
from anatomy_helpers.slump import get_stage, stage_ids
from anatomy_helpers.widgets.calf_raise import paired_study_simulator
from anatomy_helpers.widgets.diagnostic_calculator import diagnostic_calculator
from anatomy_helpers.widgets.tension_lab import TENSION_LAB_PRESETS

#: The tension lab's slider ranges (degrees), as its controls set them.
_LAB_RANGES = {
    "neck_flexion_deg": (-40.0, 60.0),
    "trunk_flexion_deg": (-20.0, 80.0),
    "hip_flexion_deg": (0.0, 120.0),
    "knee_flexion_deg": (0.0, 140.0),
    "ankle_dorsiflexion_deg": (-50.0, 30.0),
}


# -- tension lab: the stick figure reads as a person at every reachable posture --------------
@pytest.mark.parametrize("lying", [False, True])
def test_the_tension_lab_figure_reads_as_a_person_at_every_corner_of_its_ranges(lying):
    tangled = []
    for corner in itertools.product(*_LAB_RANGES.values()):
        posture = NervePosture(**dict(zip(_LAB_RANGES, corner, strict=True)))
        if not reads_as_person(pose_from_angles(joint_angles_for(posture, lying=lying))):
            tangled.append(corner)
    assert not tangled, f"trunk folded onto the thigh or head in the leg at {tangled[:3]}"


def test_the_plain_model_angles_would_tangle_at_large_trunk_and_hip_flexion():
    # The defect the drawing rule removes: drawn as the model's raw angles, a deep slump
    # with the hip flexed to 120 degrees folds the trunk onto the thigh.
    posture = NervePosture(trunk_flexion_deg=80, hip_flexion_deg=120, neck_flexion_deg=60)
    assert not reads_as_person(pose_from_angles(posture.joint_angles()))
    assert reads_as_person(pose_from_angles(joint_angles_for(posture)))


def test_sitting_keeps_the_thigh_on_the_plinth():
    for hip in (0.0, 45.0, 90.0, 120.0):
        pose = pose_from_angles(joint_angles_for(NervePosture(hip_flexion_deg=hip)))
        assert pose["knee"][1] == pytest.approx(pose["hip"][1], abs=1e-9)


def test_presets_are_drawn_with_their_own_angles_when_they_read_clearly():
    posture = NervePosture.from_mapping(TENSION_LAB_PRESETS["Full slump test"])
    drawn = joint_angles_for(posture)
    assert drawn.trunk_flexion_deg == posture.trunk_flexion_deg
    assert drawn.knee_flexion_deg == posture.knee_flexion_deg


# -- Fagan nomogram: the end label agrees with the readout -----------------------------------
def test_a_small_post_test_probability_is_not_printed_as_zero():
    view = FaganNomogram(1)
    (post,) = view.update([(0.01, 0.3, "LR- 0.30")])
    assert view.labels[0].get_text() == "LR- 0.30: 0.3 %"
    assert f"{100 * post:.1f}" == "0.3"


@pytest.mark.parametrize(
    ("probability", "text"),
    [(0.003, "0.3"), (0.000102, "0.01"), (0.509, "50.9"), (0.9996, "99.96"), (0.5, "50.0")],
)
def test_probabilities_keep_enough_decimals(probability, text):
    assert probability_pct_text(probability) == text
    assert result_label("x", probability) == f"x: {text} %"


def test_the_calculator_readout_and_the_figure_say_the_same_number():
    app = diagnostic_calculator(result="negative", pretest_pct=1.0)
    try:
        readout = re.sub("<[^>]+>", "", app.readout.value)
        label = app.view.labels[0].get_text()
        number = label.rsplit(": ", 1)[1]
        assert f"becomes {number} after the test" in readout
        assert number != "0.0 %"
    finally:
        app.close()


# -- slump strip and stepper: eight stages, the other leg drawn ------------------------------
def test_the_strip_numbers_every_stage_as_the_stepper_does():
    fig = build_slump_sequence_figure()
    titles = [ax.get_title(loc="center").replace("\n", " ") for ax in fig.axes]
    assert len(titles) == len(stage_ids()) == 8
    for title, sid in zip(titles, stage_ids(), strict=True):
        assert title.startswith(f"{get_stage(sid).order}. ")
    assert "(optional)" in titles[5]


def test_stage_eight_draws_the_first_leg_resting():
    assert resting_leg_xy(OTHER_SIDE)
    assert all(not resting_leg_xy(s) for s in stage_ids() if s != OTHER_SIDE)
    view = SlumpStageFigure("ankle_dorsiflexion", show_text=False)
    assert not any(line.get_visible() for line in view.resting_leg)
    view.update(OTHER_SIDE)
    assert all(line.get_visible() for line in view.resting_leg)
    assert view.resting_note.get_visible() and "first leg" in view.resting_note.get_text()


# -- weekly plan: a flat chart says why ------------------------------------------------------
def _plan(progression: int):
    item = plan_item(
        "sciatic_nerve_glide",
        sets=1,
        reps=10,
        sessions_per_day=1,
        days_per_week=7,
        progression_per_week=progression,
    )
    return build_plan([item], weeks=6)


def test_the_progression_panel_explains_a_flat_line():
    chart = WeeklyPlanChart(_plan(0))
    assert chart.flat_note.get_visible()
    assert "No weekly increase" in chart.flat_note.get_text()
    chart.update(_plan(2))
    assert not chart.flat_note.get_visible()
    assert max(chart.lines[0].get_ydata()) > 100


def test_sessions_a_day_are_written_beside_the_days_not_on_the_markers():
    chart = WeeklyPlanChart(_plan(0))
    assert chart.per_day_texts[0].get_text() == "1×"
    marker_x = chart.day_markers[0].get_xdata()
    assert chart.per_day_texts[0].get_position()[0] > max(marker_x) + 0.5


# -- Beaton & Anson: one naming -----------------------------------------------------------------
def test_piriformis_types_are_lettered_as_the_pooled_estimates_are():
    fig = build_piriformis_variants_figure()
    titles = [ax.get_title(loc="center") for ax in fig.axes]
    assert titles[0].startswith("Type A") and titles[1] == "Type B"
    assert not any(re.search(r"Type \d", t) for t in titles)
    note = fig._supxlabel.get_text()
    assert "1–6" in note and "A–F" in note


# -- calf raise: clipped value, covered ticks, seed ------------------------------------------
def test_length_labels_fit_at_the_longest_reachable_length():
    view = MuscleLengthFigure(0.0, 30.0)  # knee straight, foot up: both muscles longest
    assert view.sol_value.get_text() == "106.3 %"
    view.fig.canvas.draw()
    assert not check_figure(view.fig, extra_artists=view.dynamic_artists, layout=False)


def test_the_simulation_summary_stays_inside_its_panel():
    view = PairedSimulationFigure("soleus", n_participants=4, between_person_sd_pct=12.0)
    view.fig.canvas.draw()
    renderer = view.fig.canvas.get_renderer()
    text_box = view.ci_text.get_window_extent(renderer)
    axes_box = view.ax_pairs.get_window_extent(renderer)
    assert text_box.x0 >= axes_box.x0 and text_box.x1 <= axes_box.x1


def test_the_simulator_readout_names_the_study_number_the_slider_shows():
    app = paired_study_simulator()
    try:
        app.controls["study_number"].value = 18.0
        readout = re.sub("<[^>]+>", "", app.readout.value)
        assert "simulated study number 18" in readout
        assert "2040" not in readout
    finally:
        app.close()


def test_the_muscle_length_view_never_shows_half_a_head():
    view = MuscleLengthFigure()
    top = view.ax_leg.get_ylim()[1]
    for knee, ankle in itertools.product(np.arange(0, 121, 10), np.arange(-40, 31, 10)):
        view.update(float(knee), float(ankle))
        head = view.stick.head
        cy, r = head.get_center()[1], head.get_radius()
        assert not head.get_visible() or cy + r <= top
