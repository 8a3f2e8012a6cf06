"""Tests of the differential reasoning (anatomy_helpers.differential)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anatomy_helpers.differential import (
    KEY_WEIGHT,
    TEACHING_NOTICE,
    condition_ids,
    condition_table_html,
    finding_ids,
    findings_by_category,
    get_condition,
    get_finding,
    load_condition_findings,
    load_condition_patterns,
    load_findings,
    normal_counterpart,
    rank_candidates,
    validate_findings,
)
from anatomy_helpers.references import get_source
from anatomy_helpers.regions import body_region_ids
from anatomy_helpers.safety import get_red_flag, serious_pathology_screen

#: A typical textbook presentation of each condition -> the condition that must rank first.
TYPICAL = {
    "radicular_l4": [
        "pain_anterior_thigh",
        "pain_medial_leg",
        "paraesthesia_medial_leg",
        "weak_knee_extension",
        "knee_reflex_reduced",
        "femoral_stretch_positive",
    ],
    "radicular_l5": [
        "pain_buttock",
        "pain_lateral_leg",
        "pain_dorsum_foot",
        "paraesthesia_first_web_space",
        "weak_great_toe_extension",
        "weak_ankle_dorsiflexion",
        "slr_positive",
    ],
    "radicular_s1": [
        "pain_buttock",
        "pain_posterior_thigh",
        "pain_posterior_calf",
        "pain_sole",
        "paraesthesia_lateral_foot",
        "weak_ankle_plantarflexion",
        "ankle_reflex_reduced",
        "slr_positive",
    ],
    "piriformis_syndrome": [
        "pain_buttock",
        "sciatic_notch_tender",
        "aggr_sitting",
        "piriformis_stretch_pain",
        "fair_positive",
    ],
    "gluteus_minimus_referral": [
        "pain_buttock",
        "pain_lateral_thigh",
        "pain_lateral_leg",
        "gmin_tp_reproduces",
        "slr_negative",
    ],
    "muscle_tightness_mimic": [
        "pain_popliteal_fossa",
        "pain_posterior_calf",
        "slump_not_reproducing",
        "aggr_muscle_stretch",
        "slr_negative",
    ],
    "gluteus_maximus_coccyx_referral": ["tailbone_pain", "gmax_tp_reproduces_coccyx"],
    "cauda_equina_syndrome": ["red_flag_saddle_anaesthesia", "red_flag_bladder_dysfunction"],
    "possible_spinal_malignancy": ["pain_lower_back", "red_flag_cancer_history"],
    "possible_spinal_infection": ["pain_lower_back", "red_flag_fever_unwell"],
    "possible_spinal_fracture": ["pain_lower_back", "red_flag_significant_trauma"],
    "radicular_pain": [
        "pain_posterior_thigh",
        "pain_posterior_calf",
        "slr_positive",
        "slump_positive_differentiated",
        "sensation_normal",
        "ankle_reflex_normal",
        "strength_ankle_plantarflexion_normal",
    ],
    "lumbar_spinal_stenosis": [
        "pain_buttock",
        "pain_posterior_thigh",
        "walking_leg_pain",
        "relieved_sitting_flexion",
        "wide_based_gait",
        "age_over_70",
    ],
    "fibular_neuropathy": [
        "weak_ankle_dorsiflexion",
        "weak_great_toe_extension",
        "paraesthesia_dorsum_foot",
        "strength_ankle_inversion_normal",
        "strength_hip_abduction_normal",
    ],
    "gluteal_tendinopathy": [
        "pain_lateral_thigh",
        "greater_trochanter_tender",
        "single_leg_stance_pain",
        "side_lying_pain",
    ],
    "hip_osteoarthritis": ["hip_motion_reduced", "groin_pain_passive_abd_add"],
    "proximal_hamstring_tendinopathy": [
        "pain_buttock",
        "ischial_tuberosity_tender",
        "hamstring_provocation_positive",
    ],
    "peripheral_arterial_disease": [
        "pain_posterior_calf",
        "walking_leg_pain",
        "foot_pulses_reduced",
        "cool_foot",
    ],
    "deep_vein_thrombosis": ["pain_posterior_calf", "red_flag_dvt_signs", "red_flag_dvt_risk"],
    "coccydynia": ["tailbone_pain", "aggr_sitting", "coccyx_fall_or_childbirth"],
}

RED_FLAG_FINDINGS = [f.finding_id for f in load_findings() if f.category == "red_flag"]
NON_RED = [f for f in finding_ids() if f not in RED_FLAG_FINDINGS]


def _conflicting(findings) -> bool:
    groups = [get_finding(f).exclusive_group for f in findings]
    groups = [g for g in groups if g is not None]
    return len(groups) != len(set(groups))


@pytest.mark.parametrize(("condition", "findings"), TYPICAL.items())
def test_typical_presentation_ranks_its_source_first(condition, findings):
    result = rank_candidates(findings)
    assert result.top.condition.condition_id == condition
    assert result.top.supporting, "the top candidate must have supporting reasons"


def test_every_condition_has_a_typical_presentation_tested():
    assert set(TYPICAL) == set(condition_ids())


def test_l5_and_s1_are_told_apart_by_their_hallmarks():
    l5 = rank_candidates(["pain_buttock", "weak_great_toe_extension"]).ranking()
    s1 = rank_candidates(["pain_buttock", "ankle_reflex_reduced"]).ranking()
    assert l5[0] == "radicular_l5"
    assert s1[0] == "radicular_s1"


def test_neural_signs_push_muscular_mimics_down():
    base = ["pain_posterior_thigh", "pain_posterior_calf", "pain_popliteal_fossa"]
    plain = rank_candidates(base)
    with_reflex = rank_candidates([*base, "ankle_reflex_reduced"])
    score = {c.condition.condition_id: c.score for c in plain.candidates}
    score_reflex = {c.condition.condition_id: c.score for c in with_reflex.candidates}
    assert score_reflex["muscle_tightness_mimic"] < score["muscle_tightness_mimic"]
    assert with_reflex.top.condition.condition_id == "radicular_s1"


@pytest.mark.parametrize("flag", RED_FLAG_FINDINGS)
def test_single_red_flag_is_first_with_its_action(flag):
    # the strongest non-red presentation plus one red flag
    result = rank_candidates([*TYPICAL["radicular_s1"], flag])
    top = result.top
    item = get_red_flag(get_finding(flag).red_flag_id)
    assert top.urgent
    assert flag in {r.finding_id for r in top.supporting}
    assert top.action == item.action
    assert top.urgency == item.urgency
    assert result.red_flags == (flag,)
    assert f"RED FLAG: {item.sign}" in result.to_text()
    assert result.to_html().index("RED FLAG") < result.to_html().index("<ol>")


def test_red_flag_wording_is_not_doubled():
    result = rank_candidates(["pain_buttock", "red_flag_saddle_anaesthesia"])
    assert "Red flag:" not in result.to_html()
    assert "RED FLAG (" not in result.to_html()
    assert all(not f.label.lower().startswith("red flag") for f in load_findings())


def test_every_screen_flag_has_a_finding_and_every_category_is_screened():
    flags = {f.red_flag_id for f in load_findings() if f.category == "red_flag"}
    assert flags == {f.flag_id for f in serious_pathology_screen()}
    categories = {f.category for f in serious_pathology_screen()}
    assert categories == {
        "cauda_equina",
        "malignancy",
        "infection",
        "fracture",
        "arterial",
        "venous",
    }


@settings(max_examples=150, deadline=None)
@given(
    others=st.sets(st.sampled_from(NON_RED), max_size=25),
    flags=st.sets(st.sampled_from(RED_FLAG_FINDINGS), min_size=1, max_size=3),
)
def test_red_flag_always_first_whatever_else_is_ticked(others, flags):
    if _conflicting([*others, *flags]):
        with pytest.raises(ValueError, match="cannot both be recorded"):
            rank_candidates([*others, *flags])
        return
    result = rank_candidates([*others, *flags])
    assert result.top.urgent
    urgent = [c.urgent for c in result.candidates]
    assert urgent == sorted(urgent, reverse=True)  # every urgent candidate before the rest
    supported_by_flag = {
        c.condition.condition_id
        for c in result.candidates
        if any(r.finding_id in flags for r in c.supporting)
    }
    assert supported_by_flag <= {c.condition.condition_id for c in result.candidates if c.urgent}


@settings(max_examples=200, deadline=None)
@given(st.sets(st.sampled_from(finding_ids()), max_size=30))
def test_fuzzed_findings_never_crash_and_every_reason_is_cited(findings):
    if _conflicting(findings):  # only contradictory results of the same test are refused
        with pytest.raises(ValueError, match="cannot both be recorded"):
            rank_candidates(findings)
        return
    result = rank_candidates(findings)
    assert result.notice == TEACHING_NOTICE
    for reason in result.reasons:
        assert get_source(reason.source_id)  # resolvable
        assert reason.text.strip()
        assert reason.finding_id in findings
    scores = [c.score for c in result.candidates if not c.urgent]
    assert scores == sorted(scores, reverse=True)
    assert set(result.unexplained) <= set(findings)
    assert result.to_text() and result.to_html()


def test_no_findings_gives_empty_result_with_notice():
    result = rank_candidates([])
    assert result.candidates == ()
    assert result.top is None
    assert "No findings" in result.to_text()
    assert TEACHING_NOTICE in result.to_text()


def test_output_states_it_is_a_teaching_aid():
    result = rank_candidates(TYPICAL["radicular_l5"])
    assert "Teaching aid" in result.to_text()
    assert "Teaching aid" in result.to_html()


def test_unknown_finding_lists_valid_ones():
    with pytest.raises(ValueError, match=r"unknown finding 'calf_tightness'.*valid findings: "):
        rank_candidates(["pain_buttock", "calf_tightness"])
    with pytest.raises(ValueError, match="ankle_reflex_reduced"):
        rank_candidates(["nope"])


def test_bad_types_raise_type_error():
    with pytest.raises(TypeError, match="iterable of finding ids"):
        rank_candidates("pain_buttock")
    with pytest.raises(TypeError, match="str finding ids"):
        rank_candidates([1, 2])


def test_contradictory_test_results_are_refused():
    with pytest.raises(ValueError, match="cannot both be recorded"):
        validate_findings(["slr_positive", "slr_negative"])


def test_duplicates_are_collapsed_in_table_order():
    assert validate_findings(["slr_positive", "pain_buttock", "pain_buttock"]) == (
        "pain_buttock",
        "slr_positive",
    )


def test_vocabulary_covers_every_region_and_every_red_flag():
    regions = set(body_region_ids())
    pain = {f.region_id for f in load_findings() if f.category == "pain"}
    paraesthesia = {f.region_id for f in load_findings() if f.category == "paraesthesia"}
    assert pain == regions
    assert paraesthesia == regions - {"saddle"}  # saddle numbness is the red flag
    assert next(iter(findings_by_category())) == "red_flag"


def test_links_and_patterns_refer_to_known_ids():
    fids, cids = set(finding_ids()), set(condition_ids())
    for link in load_condition_findings():
        assert link.finding_id in fids and link.condition_id in cids
    for pattern in load_condition_patterns():
        assert pattern.condition_id in cids
        assert set(pattern.region_ids) <= set(body_region_ids())


def test_expert_observation_sources_are_marked_secondary():
    gmin = get_condition("gluteus_minimus_referral")
    assert gmin.verification == "S"
    assert "expert" in gmin.evidence_level.lower()
    reasons = rank_candidates(["gmin_tp_reproduces"]).top.supporting
    assert reasons[0].citation.endswith("(secondary source)")


def test_get_helpers_validate():
    assert get_finding("fair_positive").source_id == "fishman2002"
    with pytest.raises(ValueError, match="valid conditions"):
        get_condition("sciatica")


# -- normal findings, radicular pain versus radiculopathy, the new mimics ----------------

NORMAL_EXAM = [
    "sensation_normal",
    "knee_reflex_normal",
    "ankle_reflex_normal",
    "strength_great_toe_extension_normal",
    "strength_ankle_dorsiflexion_normal",
    "strength_ankle_plantarflexion_normal",
]


def _score(result, condition_id):
    return next(c.score for c in result.candidates if c.condition.condition_id == condition_id)


def test_a_normal_exam_lowers_radiculopathy_but_not_radicular_pain():
    pain = ["pain_buttock", "pain_posterior_thigh", "pain_posterior_calf", "slr_positive"]
    before, after = rank_candidates(pain), rank_candidates([*pain, *NORMAL_EXAM])
    assert _score(after, "radicular_s1") < _score(before, "radicular_s1")
    assert _score(after, "radicular_l5") < _score(before, "radicular_l5")
    assert _score(after, "radicular_pain") == _score(before, "radicular_pain")
    assert after.ranking().index("radicular_pain") < after.ranking().index("radicular_s1")


def test_a_normal_reflex_penalises_with_a_cited_reason():
    result = rank_candidates(["pain_posterior_calf", "pain_sole", "ankle_reflex_normal"])
    s1 = next(c for c in result.candidates if c.condition.condition_id == "radicular_s1")
    (penalty,) = [r for r in s1.opposing if r.finding_id == "ankle_reflex_normal"]
    assert penalty.weight == 3
    assert "recorded normal" in penalty.text and penalty.source_id == "engstrom_deyo2015"
    assert "ankle_reflex_normal" not in result.unexplained


def test_painless_foot_drop_with_a_strong_hip_is_not_l5():
    findings = [
        "weak_ankle_dorsiflexion",
        "weak_great_toe_extension",
        "paraesthesia_dorsum_foot",
        "strength_hip_abduction_normal",
        "strength_ankle_inversion_normal",
    ]
    ranking = rank_candidates(findings).ranking()
    assert ranking[0] == "fibular_neuropathy"
    assert ranking.index("radicular_l5") > 0
    # the same foot drop with weak inversion and a weak hip is L5
    l5 = rank_candidates([*findings[:3], "weak_hip_abduction", "weak_ankle_inversion"]).ranking()
    assert l5[0] == "radicular_l5"


def test_coccyx_pain_does_not_rank_piriformis_first():
    for findings in (["tailbone_pain"], ["tailbone_pain", "aggr_sitting"]):
        ranking = rank_candidates(findings).ranking()
        assert ranking[0] == "coccydynia"
        assert ranking[0] != "piriformis_syndrome"


def test_ankle_inversion_is_in_the_vocabulary_with_a_normal_partner():
    inv = get_finding("weak_ankle_inversion")
    assert inv.category == "weakness" and "tibialis posterior" in inv.label.lower()
    assert normal_counterpart("weak_ankle_inversion") == "strength_ankle_inversion_normal"
    with pytest.raises(ValueError, match="cannot both be recorded"):
        validate_findings(["weak_ankle_inversion", "strength_ankle_inversion_normal"])


@pytest.mark.parametrize(
    ("abnormal", "normal"),
    [
        ("knee_reflex_reduced", "knee_reflex_normal"),
        ("ankle_reflex_reduced", "ankle_reflex_normal"),
        ("weak_hip_abduction", "strength_hip_abduction_normal"),
        ("weak_ankle_inversion", "strength_ankle_inversion_normal"),
        ("foot_pulses_reduced", "foot_pulses_normal"),
    ],
)
def test_examination_items_can_be_recorded_normal(abnormal, normal):
    assert normal_counterpart(abnormal) == normal
    assert get_finding(normal).is_normal and not get_finding(abnormal).is_normal


def test_normal_pulses_lower_arterial_disease():
    base = ["pain_posterior_calf", "walking_leg_pain", "cool_foot"]
    with_normal = rank_candidates([*base, "foot_pulses_normal"])
    assert _score(with_normal, "peripheral_arterial_disease") < _score(
        rank_candidates(base), "peripheral_arterial_disease"
    )


def test_stenosis_and_arterial_claudication_are_told_apart():
    walk = ["pain_posterior_calf", "walking_leg_pain"]
    assert rank_candidates(
        [*walk, "foot_pulses_reduced", "cool_foot"]
    ).top.condition.condition_id == ("peripheral_arterial_disease")
    lss = rank_candidates([*walk, "relieved_sitting_flexion", "foot_pulses_normal"])
    assert lss.top.condition.condition_id == "lumbar_spinal_stenosis"


def test_every_condition_has_findings_for_evidence_and_a_next_step():
    table = condition_table_html()
    for cid in condition_ids():
        c = get_condition(cid)
        assert c.evidence_level and c.management_note and c.short_name
        assert c.name.replace("&", "&amp;").replace("'", "&#x27;") in table
        assert any(
            lk.condition_id == cid and lk.relation == "supports" for lk in load_condition_findings()
        )
    with pytest.raises(ValueError, match="valid conditions"):
        condition_table_html(["sciatica"])


_PREDICTED = sorted(
    {
        (lk.condition_id, lk.finding_id)
        for lk in load_condition_findings()
        if lk.relation == "supports"
    }
)


@settings(max_examples=300, deadline=None)
@given(
    pair=st.sampled_from(_PREDICTED),
    others=st.sets(st.sampled_from(finding_ids()), max_size=20),
)
def test_adding_a_predicted_finding_never_lowers_that_condition(pair, others):
    condition, finding = pair
    group = get_finding(finding).exclusive_group
    base = [
        f
        for f in others
        if f != finding and (group is None or get_finding(f).exclusive_group != group)
    ]
    if _conflicting(base):
        return
    before = {c.condition.condition_id: c.score for c in rank_candidates(base).candidates}
    after = {
        c.condition.condition_id: c.score for c in rank_candidates([*base, finding]).candidates
    }
    assert condition in after
    assert after[condition] > before.get(condition, -(10**6))


def test_key_predictions_recorded_normal_are_the_only_penalties():
    # every opposing reason is either an explicit link or a key prediction recorded normal
    result = rank_candidates(["pain_posterior_calf", "ankle_reflex_normal", "sensation_normal"])
    explicit = {
        (lk.condition_id, lk.finding_id)
        for lk in load_condition_findings()
        if lk.relation == "opposes"
    }
    for c in result.candidates:
        for r in c.opposing:
            is_penalty = "recorded normal" in r.text and r.weight >= KEY_WEIGHT
            assert (c.condition.condition_id, r.finding_id) in explicit or is_penalty
