"""Tests of the differential reasoning (anatomy_helpers.differential)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anatomy_helpers.differential import (
    TEACHING_NOTICE,
    condition_ids,
    finding_ids,
    findings_by_category,
    get_condition,
    get_finding,
    load_condition_findings,
    load_condition_patterns,
    load_findings,
    rank_candidates,
    validate_findings,
)
from anatomy_helpers.references import get_source
from anatomy_helpers.regions import body_region_ids
from anatomy_helpers.safety import RED_FLAG_ACTION, load_red_flags

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
def test_single_red_flag_is_first_with_urgent_action(flag):
    # the strongest non-red presentation plus one red flag
    result = rank_candidates([*TYPICAL["radicular_s1"], flag])
    top = result.top
    assert top.condition.condition_id == "cauda_equina_syndrome"
    assert top.urgent
    assert top.action == RED_FLAG_ACTION
    assert "same-day" in top.action
    assert result.red_flags == (flag,)
    assert "RED FLAG" in result.to_text()
    assert result.to_html().index("RED FLAG") < result.to_html().index("<ol>")


@settings(max_examples=150, deadline=None)
@given(
    others=st.sets(st.sampled_from(NON_RED), max_size=25),
    flags=st.sets(st.sampled_from(RED_FLAG_FINDINGS), min_size=1, max_size=3),
)
def test_red_flag_always_first_whatever_else_is_ticked(others, flags):
    if _conflicting(others):
        with pytest.raises(ValueError, match="cannot both be recorded"):
            rank_candidates([*others, *flags])
        return
    result = rank_candidates([*others, *flags])
    assert result.top.condition.condition_id == "cauda_equina_syndrome"
    assert result.top.urgent
    assert all(not c.urgent for c in result.candidates[1:])


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
    flags = {f.red_flag_id for f in load_findings() if f.category == "red_flag"}
    assert flags == {f.flag_id for f in load_red_flags()}
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
