"""Headless tests of the symptom-map and case-stepper widgets and their drawings."""

from __future__ import annotations

import pytest

from anatomy_helpers.cases import STAGES, load_cases
from anatomy_helpers.differential import accuracy_summary, rank_candidates
from anatomy_helpers.drawing.differential import (
    EXAMPLE_L5_FINDINGS,
    build_candidate_chart,
    build_natural_history_chart,
    build_pattern_map,
)
from anatomy_helpers.drawing.symptom_map import SymptomMapFigure
from anatomy_helpers.widgets.case_stepper import case_stepper, ranking_feedback_html
from anatomy_helpers.widgets.symptom_map import findings_from_state, symptom_map


@pytest.fixture(scope="module")
def app():
    return symptom_map()


def test_ticking_regions_shades_the_map_and_ranks(app):
    app.reset()
    blank = app.last_png
    app.set_findings(["pain_buttock", "pain_posterior_calf", "pain_sole", "ankle_reflex_reduced"])
    assert app.last_png != blank
    assert app.view.body_map.shaded == {
        "buttock": "positive",
        "posterior_calf": "positive",
        "sole": "positive",
    }
    assert app.result.top.condition.condition_id == "radicular_s1"
    assert "S1 radiculopathy" in app.readout.value
    assert "Teaching aid" in app.readout.value
    assert "sole" in app.last_alt


def test_a_single_checkbox_click_updates(app):
    app.reset()
    count = app.render_count
    app.controls["paraesthesia_first_web_space"].value = True
    assert app.render_count == count + 1
    assert app.view.body_map.shaded == {"first_web_space": "highlight"}
    assert app.result.top.condition.condition_id == "radicular_l5"


def test_red_flag_tick_goes_first_with_action(app):
    app.set_findings([*EXAMPLE_L5_FINDINGS])
    app.controls["red_flag_saddle_anaesthesia"].value = True
    assert app.result.top.condition.condition_id == "cauda_equina_syndrome"
    assert app.readout.value.index("RED FLAG") < app.readout.value.index("<ol>")
    assert "Red flag present" in app.last_alt


def test_test_results_are_dropdowns_so_contradictions_are_unreachable(app):
    app.reset()
    app.controls["test_slr"].value = "slr_positive"
    app.controls["test_slr"].value = "slr_negative"
    assert "slr_positive" not in app.result.findings
    assert "slr_negative" in app.result.findings
    with pytest.raises(ValueError, match="cannot both be recorded"):
        app.set_findings(["slr_positive", "slr_negative"])
    with pytest.raises(ValueError, match="unknown finding"):
        app.set_findings(["tight_calf"])


def test_every_control_is_described(app):
    for name, control in app.controls.items():
        assert control.description, name


def test_findings_from_state():
    assert findings_from_state({"pain_buttock": True, "sole": False, "test_slr": "not tested"}) == [
        "pain_buttock"
    ]


def test_symptom_map_figure_rejects_unknown_regions():
    with pytest.raises(ValueError, match="valid region ids"):
        SymptomMapFigure(["calf"])


def test_drawings_build():
    assert build_candidate_chart(rank_candidates(EXAMPLE_L5_FINDINGS)).axes
    assert build_natural_history_chart().axes
    assert build_pattern_map("radicular_l5").axes
    with pytest.raises(ValueError, match="no pattern"):
        build_pattern_map("cauda_equina_syndrome")
    with pytest.raises(TypeError, match="DifferentialResult"):
        build_candidate_chart(["radicular_l5"])


def test_case_stepper_makes_the_learner_commit_before_showing_the_ranking():
    stepper = case_stepper("piriformis")
    assert stepper.previous_button.disabled
    assert "Step 1 of 5: History" in stepper.indicator.value
    assert "Reasoning" not in stepper.current.value
    # no ranking and no Next until a ranking is committed
    assert stepper.feedback.value == ""
    assert stepper.next_button.disabled
    stepper.next()
    assert stepper.step_index == 0
    with pytest.raises(ValueError, match="pick at least one"):
        stepper.commit()
    stepper.pick("radicular_l5")
    stepper.pick("piriformis_syndrome")
    stepper.pick("radicular_l5")  # a second tap removes it
    stepper.pick("coccydynia")
    assert stepper.picks == ["piriformis_syndrome", "coccydynia"]
    assert stepper.option_buttons["piriformis_syndrome"].description.startswith("1. ")
    assert "teaching tool" not in stepper.feedback.value.lower()
    stepper.commit()
    assert "Your ranking" in stepper.feedback.value
    assert "Piriformis syndrome" in stepper.feedback.value
    assert "first choice matches" in stepper.feedback.value
    assert not stepper.next_button.disabled
    assert all(b.disabled for b in stepper.option_buttons.values())
    # the newly revealed step sits right under the buttons; older steps move below
    stepper.next()
    assert "<h4>Examination</h4>" in stepper.current.value
    assert "<h4>History</h4>" in stepper.earlier.value
    nav = next(w for w in stepper.children if stepper.next_button in getattr(w, "children", ()))
    assert stepper.children.index(stepper.current) == stepper.children.index(nav) + 1
    for _ in range(10):
        if stepper.needs_commitment:
            stepper.pick("piriformis_syndrome")
            stepper.commit()
        stepper.next()
    assert stepper.step_index == len(STAGES) - 1
    assert stepper.next_button.disabled
    assert "Hopayian et al. 2010" in stepper.earlier.value + stepper.current.value
    assert "Your rankings as the case unfolded" in stepper.feedback.value
    stepper.previous()
    assert "<h4>Outcome</h4>" not in stepper.current.value + stepper.earlier.value
    stepper.case_select.value = "red_flag"
    assert stepper.step_index == 0 and stepper.committed == {}
    assert "RED FLAG" not in stepper.feedback.value  # not before committing
    stepper.pick("radicular_l5")
    stepper.commit()
    assert stepper.feedback.value.index("RED FLAG") < stepper.feedback.value.index("Your ranking")
    assert "urgent candidate comes first" in stepper.feedback.value
    with pytest.raises(ValueError, match="step_index"):
        stepper.show(9)
    with pytest.raises(ValueError, match="valid conditions"):
        stepper.pick("sciatica")
    assert len(stepper.case_select.options) == len(load_cases())


def test_ranking_feedback_validates_picks():
    result = rank_candidates(EXAMPLE_L5_FINDINGS)
    with pytest.raises(ValueError, match="1 to 3 different"):
        ranking_feedback_html((), result)
    with pytest.raises(ValueError, match="1 to 3 different"):
        ranking_feedback_html(("radicular_l5", "radicular_l5"), result)
    out = ranking_feedback_html(("coccydynia",), result)
    assert "No finding so far supports your first choice" in out


def test_accuracy_summary_reads_the_shared_table():
    assert "Fishman et al. 2002" in accuracy_summary("fair_positive")
    assert "Dionne et al. 2019" in accuracy_summary("red_flag_bladder_dysfunction")
    assert accuracy_summary("pain_buttock") == ""


def test_examination_items_record_normal_results_through_dropdowns(app):
    app.reset()
    app.set_findings(["weak_ankle_dorsiflexion", "strength_ankle_inversion_normal"])
    assert app.controls["test_ankle_inversion"].value == "strength_ankle_inversion_normal"
    assert app.controls["test_ankle_dorsiflexion"].value == "weak_ankle_dorsiflexion"
    app.controls["test_hip_abduction"].value = "strength_hip_abduction_normal"
    assert "strength_hip_abduction_normal" in app.result.findings
    assert app.result.top.condition.condition_id == "fibular_neuropathy"
    labels = {c.description for c in app.controls.values()}
    assert "Ankle inversion (tibialis posterior; L5, tibial nerve):" in labels
    # every red flag of the screen is a check box
    from anatomy_helpers.safety import serious_pathology_screen

    flag_findings = [
        f for f in findings_from_state({k: True for k in app.controls if k.startswith("red_flag_")})
    ]
    assert len(flag_findings) + 1 == len(
        serious_pathology_screen()
    )  # the DVT-signs flag is a drop-down
    app.controls["test_calf_swelling"].value = "red_flag_dvt_signs"
    assert app.result.top.urgent and "Red flag present" in app.last_alt
