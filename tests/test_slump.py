"""Tests for the slump-test stages, findings and interpretation."""

from __future__ import annotations

import pytest

from anatomy_helpers.kinematics import JointAngles
from anatomy_helpers.slump import (
    EXAMPLE_NAMES,
    SlumpRecording,
    StageFinding,
    example_recording,
    get_stage,
    interpret,
    load_slump_normal_responses,
    normal_responses_for_stage,
    previous_stage_id,
    recorded_stage_ids,
    stage_angles,
    stage_ids,
    stage_pose,
)

STRETCH = StageFinding(True, ("popliteal_fossa",), 3, False)
FAMILIAR = StageFinding(True, ("buttock", "posterior_calf"), 6, True)


def full_side(rec, side, leg, neck, spine=None):
    spine = spine or StageFinding()
    for stage in ("upright_sitting", "thoracolumbar_slump", "neck_flexion"):
        rec = rec.with_finding(stage, side, spine)
    for stage in ("knee_extension", "ankle_dorsiflexion"):
        rec = rec.with_finding(stage, side, leg)
    return rec.with_neck_release(side, neck)


# -- stages ---------------------------------------------------------------------------------


def test_standard_sequence_order():
    assert stage_ids(include_optional=False) == (
        "upright_sitting",
        "thoracolumbar_slump",
        "neck_flexion",
        "knee_extension",
        "ankle_dorsiflexion",
        "neck_release",
        "other_side",
    )
    assert "hip_medial_rotation" in stage_ids()
    assert get_stage("hip_medial_rotation").optional


def test_optional_sensitiser_rests_on_verified_evidence():
    stage = get_stage("hip_medial_rotation")
    assert stage.source_id == "johnson_chiarello1997"
    assert stage.verification == "V"
    assert "butler1991" in stage.evidence_source_ids


def test_every_stage_has_a_pose_and_the_angles_follow_the_sequence():
    for sid in stage_ids():
        assert isinstance(stage_angles(sid), JointAngles)
    assert stage_angles("thoracolumbar_slump").trunk_flexion_deg > 0
    assert (
        stage_angles("neck_flexion").neck_flexion_deg
        > stage_angles("thoracolumbar_slump").neck_flexion_deg
    )
    assert stage_angles("knee_extension").knee_flexion_deg < 90
    assert stage_angles("ankle_dorsiflexion").ankle_dorsiflexion_deg > 0
    # releasing the neck changes only the neck angle
    before, after = stage_angles("ankle_dorsiflexion"), stage_angles("neck_release")
    changed = {k for k, v in before.as_dict().items() if after.as_dict()[k] != v}
    assert changed == {"neck_flexion_deg"}


def test_knee_extension_moves_the_ankle_forward_and_up():
    sitting, straight = stage_pose("neck_flexion"), stage_pose("knee_extension")
    assert straight["ankle"][0] > sitting["ankle"][0]
    assert straight["ankle"][1] > sitting["ankle"][1]


def test_previous_stage_skips_optional_for_neck_release():
    assert previous_stage_id("upright_sitting") is None
    assert previous_stage_id("neck_release") == "ankle_dorsiflexion"
    assert previous_stage_id("hip_medial_rotation") == "ankle_dorsiflexion"


def test_unknown_stage_lists_valid_ones():
    with pytest.raises(ValueError, match=r"unknown stage_id 'jump'.*upright_sitting"):
        get_stage("jump")


def test_kuilart_normal_responses_as_reported():
    by_id = {r.response_id: r for r in load_slump_normal_responses()}
    assert (by_id["kuilart_behind_knee"].percent, by_id["kuilart_behind_knee"].n_with_response) == (
        66.7,
        28,
    )
    assert by_id["kuilart_calf"].percent == 33.3
    assert by_id["kuilart_calf"].n_with_response == 13
    partial = by_id["kuilart_relief_partial"].n_with_response
    complete = by_id["kuilart_relief_complete"].n_with_response
    assert partial + complete == by_id["kuilart_relief_any"].n_with_response == 35
    assert {r.n_total for r in load_slump_normal_responses() if r.source_id == "kuilart2005"} == {
        42
    }
    assert normal_responses_for_stage("neck_release")


# -- findings -------------------------------------------------------------------------------


def test_absent_symptom_cannot_carry_details():
    with pytest.raises(ValueError, match="present=False"):
        StageFinding(False, (), 4, False)
    with pytest.raises(ValueError, match="present=False"):
        StageFinding(False, ("buttock",), 0, False)


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"intensity_0_10": 11}, ValueError, "outside 0 to 10"),
        ({"intensity_0_10": 2.5}, ValueError, "whole number"),
        ({"intensity_0_10": "5"}, TypeError, "whole number"),
        ({"region_ids": ("moon",)}, ValueError, "unknown body region 'moon'"),
        ({"region_ids": "buttock"}, TypeError, "tuple of region ids"),
        ({"familiar": "yes"}, TypeError, "familiar must be True or False"),
    ],
)
def test_bad_findings(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        StageFinding(present=True, **kwargs)


def test_recording_rejects_unknown_stage_side_and_effect():
    rec = SlumpRecording()
    with pytest.raises(ValueError, match="not recorded at stage 'neck_release'"):
        rec.with_finding("neck_release", "left", STRETCH)
    with pytest.raises(ValueError, match="side must be one of left, right"):
        rec.with_finding("knee_extension", "middle", STRETCH)
    with pytest.raises(ValueError, match="allowed: eased, unchanged, worse, not_tested"):
        rec.with_neck_release("left", "better")
    with pytest.raises(ValueError, match="label is 121 characters"):
        rec.with_text(label="x" * 121)


def test_region_order_is_canonical():
    a = StageFinding(True, ("posterior_calf", "buttock"), 2, True)
    b = StageFinding(True, ("buttock", "posterior_calf"), 2, True)
    assert a == b


def test_recorded_stages_exclude_release_and_other_side():
    assert "neck_release" not in recorded_stage_ids()
    assert "other_side" not in recorded_stage_ids()


# -- interpretation -------------------------------------------------------------------------


def test_positive_recording():
    result = interpret(example_recording("positive"))
    assert result.result == "positive"
    assert result.side_status["left"] == "positive"
    assert result.side_status["right"] == "normal_response"
    assert any("eased when the neck was released" in r for r in result.reasons)
    assert any("differs between the sides" in r for r in result.reasons)
    assert {"maitland1985", "kuilart2005"} <= set(result.source_ids)


def test_negative_recording():
    result = interpret(example_recording("negative"))
    assert result.result == "negative"
    assert set(result.side_status.values()) == {"no_symptoms"}


def test_symmetric_posterior_knee_stretch_unchanged_by_neck_is_a_normal_response():
    result = interpret(example_recording("normal"))
    assert result.result == "negative"
    assert set(result.side_status.values()) == {"normal_response"}
    text = " ".join(result.reasons)
    assert "66.7 %" in text
    assert "similar on both sides" in text


def test_unfamiliar_stretch_that_eases_with_neck_is_still_normal():
    rec = full_side(SlumpRecording(), "left", STRETCH, "eased")
    rec = full_side(rec, "right", STRETCH, "eased")
    result = interpret(rec)
    assert result.result == "negative"
    assert "83.3 %" in " ".join(result.reasons)


def test_familiar_but_unchanged_by_neck_is_inconclusive():
    result = interpret(example_recording("inconclusive"))
    assert result.result == "inconclusive"
    assert result.side_status["left"] == "familiar_not_differentiated"
    assert any("did not change when the neck was released" in r for r in result.reasons)


def test_neck_release_not_recorded_is_inconclusive():
    rec = full_side(SlumpRecording(), "left", FAMILIAR, "not_tested")
    rec = full_side(rec, "right", StageFinding(), "unchanged")
    result = interpret(rec)
    assert result.result == "inconclusive"
    assert "release the neck" in " ".join(result.reasons)


def test_other_side_not_tested_is_inconclusive_even_if_one_side_positive():
    rec = full_side(SlumpRecording(), "left", FAMILIAR, "eased")
    result = interpret(rec)
    assert result.result == "inconclusive"
    assert result.side_status["right"] == "not_tested"
    assert "test both sides" in " ".join(result.reasons)


def test_empty_recording_is_inconclusive():
    assert interpret(SlumpRecording()).result == "inconclusive"


def test_worse_on_neck_release_counts_as_change():
    rec = full_side(SlumpRecording(), "right", FAMILIAR, "worse")
    rec = full_side(rec, "left", StageFinding(), "unchanged")
    result = interpret(rec)
    assert result.result == "positive"
    assert "got worse" in result.reasons[0]


def test_bilateral_positive_prompts_red_flag_screen():
    rec = full_side(SlumpRecording(), "left", FAMILIAR, "eased")
    rec = full_side(rec, "right", FAMILIAR, "eased")
    result = interpret(rec)
    assert result.result == "positive"
    assert "red flag" in " ".join(result.reasons)


def test_familiar_only_with_spinal_components_is_inconclusive():
    rec = full_side(SlumpRecording(), "left", StageFinding(), "unchanged", spine=FAMILIAR)
    rec = full_side(rec, "right", StageFinding(), "unchanged")
    result = interpret(rec)
    assert result.result == "inconclusive"
    assert result.side_status["left"] == "familiar_spinal_only"


def test_interpret_rejects_other_types():
    with pytest.raises(TypeError, match="recording must be a SlumpRecording"):
        interpret({"left": "eased"})


def test_examples_cover_every_result():
    assert {interpret(example_recording(n)).result for n in EXAMPLE_NAMES} == {
        "positive",
        "negative",
        "inconclusive",
    }
    with pytest.raises(ValueError, match="unknown name 'weird'; valid examples"):
        example_recording("weird")
