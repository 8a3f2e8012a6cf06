"""Tests for the sciatic-system graph and its queries (anatomy_helpers.anatomy)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anatomy_helpers import anatomy as an
from anatomy_helpers.regions import body_region_ids
from anatomy_helpers.tables import known_source_ids

BRANCHES = ("superficial_fibular", "deep_fibular", "sural", "medial_plantar", "lateral_plantar")


def test_graph_is_connected_from_the_roots():
    reached = set()
    for root in an.root_ids():
        reached |= {root, *an.descendants_of(root)}
    sciatic_nodes = set(an.node_ids(sciatic_only=True))
    assert sciatic_nodes <= reached
    assert "saphenous" not in reached  # the neighbour is not connected to the sciatic tree


@pytest.mark.parametrize("branch", BRANCHES)
def test_every_branch_reaches_a_root(branch):
    roots = an.roots_of(branch)
    assert roots
    for root in roots:
        path = an.path_from_root(root, branch)
        assert path[0] == root
        assert path[-1] == branch
        assert "sciatic" in path
        assert "lumbosacral_plexus" in path
        for parent, child in itertools.pairwise(path):
            assert child in an.children_of(parent)


def test_division_roots():
    assert an.roots_of("tibial") == ("L4", "L5", "S1", "S2", "S3")
    assert an.roots_of("common_fibular") == ("L4", "L5", "S1", "S2")
    assert an.roots_of("sciatic") == an.root_ids()
    assert an.roots_of("saphenous") == ()


def test_s3_does_not_reach_the_common_fibular_nerve():
    with pytest.raises(ValueError, match="do not reach"):
        an.path_from_root("S3", "deep_fibular")
    assert an.path_from_root("S3", "medial_plantar")[-2] == "tibial"


def test_neighbour_is_marked_not_sciatic():
    node = an.get_node("saphenous")
    assert not node.sciatic_system
    assert "not sciatic" in node.label.lower()
    with pytest.raises(ValueError, match="not part of the sciatic system"):
        an.path_from_root("L4", "saphenous")


def test_every_territory_and_muscle_row_is_cited_and_uses_shared_regions():
    sources = known_source_ids()
    for row in (*an.load_territories(), *an.load_muscles(), *an.load_root_signs()):
        assert row.source_id in sources
        assert row.verification in {"V", "S", "D", "A"}
    for t in an.load_territories():
        assert t.region_id in body_region_ids()
        an.get_node(t.nerve_id)
    for m in an.load_muscles():
        an.get_node(m.nerve_id)
    for s in an.load_root_signs():
        if s.finding in ("sensory", "pain"):
            assert s.value in body_region_ids()


def test_unverified_division_of_biceps_heads_is_not_presented():
    biceps = [m for m in an.load_muscles() if "biceps" in m.muscle]
    assert all("head" not in m.muscle for m in biceps)


def test_region_and_muscle_queries():
    assert an.branches_supplying_region("first_web_space") == ("deep_fibular",)
    assert an.branches_supplying_region("medial_leg") == ("saphenous",)
    assert an.branches_supplying_region("medial_leg", sciatic_only=True) == ()
    assert set(an.branches_supplying_region("sole")) == {"medial_plantar", "lateral_plantar"}
    assert an.branches_supplying_muscle("tibialis anterior") == ("deep_fibular",)
    assert an.branches_supplying_muscle("Gastrocnemius") == ("tibial",)
    sciatic_regions = {t.region_id for t in an.territory_of("sciatic")}
    assert {"sole", "first_web_space", "lateral_foot", "dorsum_foot"} <= sciatic_regions
    assert "medial_leg" not in sciatic_regions
    assert {t.region_id for t in an.territory_of("L5")} == {
        "dorsum_foot",
        "lateral_leg",
        "first_web_space",
    }


def test_bad_names_raise_with_valid_names():
    with pytest.raises(ValueError, match="valid nodes: L4"):
        an.get_node("peroneal")
    with pytest.raises(ValueError, match="valid roots"):
        an.path_from_root("L3", "tibial")
    with pytest.raises(ValueError, match="valid regions"):
        an.branches_supplying_region("shin")
    with pytest.raises(ValueError, match="valid muscles"):
        an.branches_supplying_muscle("quads")
    with pytest.raises(TypeError, match="muscle must be a string"):
        an.branches_supplying_muscle(3)
    with pytest.raises(ValueError, match="L4, L5, S1 only"):
        an.root_signs("S2")
    with pytest.raises(ValueError, match="valid estimates"):
        an.prevalence("nope")


TYPICAL = {
    "L4": {
        "numb_regions": ["medial_leg"],
        "weak_movements": ["knee_extension"],
        "reduced_reflexes": ["knee_jerk"],
        "positive_tests": ["femoral_nerve_stretch"],
    },
    "L5": {
        "numb_regions": ["dorsum_foot", "lateral_leg"],
        "weak_movements": ["great_toe_extension", "hip_abduction"],
        "positive_tests": ["slr"],
    },
    "S1": {
        "numb_regions": ["sole", "lateral_foot"],
        "weak_movements": ["ankle_plantarflexion"],
        "reduced_reflexes": ["ankle_jerk"],
        "positive_tests": ["slr"],
    },
}


@pytest.mark.parametrize("root", TYPICAL)
def test_typical_root_presentations_rank_the_right_root_first(root):
    ranked = an.match_pattern(TYPICAL[root])
    assert ranked[0].candidate_id == root
    assert ranked[0].kind == "root"
    assert all(r.source_id in known_source_ids() for c in ranked for r in c.reasons)
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)


def test_pure_sensory_patterns_point_to_the_nerve():
    best = an.match_pattern({"numb_regions": ["first_web_space"]})
    assert best[0].candidate_id in {"deep_fibular", "L5"}
    assert "deep_fibular" in [c.candidate_id for c in best[:3]]
    sural = an.match_pattern({"numb_regions": ["lateral_foot"]})
    assert {"sural", "S1"} <= {c.candidate_id for c in sural[:3]}


def test_foot_drop_without_hip_weakness_does_not_single_out_l5():
    ranked = an.match_pattern(
        {
            "numb_regions": ["dorsum_foot", "first_web_space"],
            "weak_movements": ["great_toe_extension"],
        }
    )
    ids = [c.candidate_id for c in ranked]
    assert ids[0] == "common_fibular"  # more specific than the whole sciatic nerve
    assert "L5" in ids[:3]


def test_medial_leg_numbness_flags_the_saphenous_neighbour():
    ranked = an.match_pattern({"numb_regions": ["medial_leg"]})
    sap = next(c for c in ranked if c.candidate_id == "saphenous")
    assert not sap.sciatic_system
    assert any("Not sciatic" in r.text for r in sap.reasons)


def test_match_pattern_validation():
    assert an.match_pattern({}) == ()
    with pytest.raises(ValueError, match="valid kinds"):
        an.match_pattern({"numb": ["sole"]})
    with pytest.raises(ValueError, match="valid numb_regions"):
        an.match_pattern({"numb_regions": ["shin"]})
    with pytest.raises(ValueError, match="valid weak_movements"):
        an.match_pattern({"weak_movements": ["jumping"]})
    with pytest.raises(TypeError, match="findings must be"):
        an.match_pattern(["sole"])
    with pytest.raises(ValueError, match="top must be"):
        an.match_pattern({"numb_regions": ["sole"]}, top=0)


@given(
    regions=st.lists(st.sampled_from(body_region_ids()), max_size=4),
    moves=st.lists(st.sampled_from(tuple(an.MOVEMENTS)), max_size=3),
    reflexes=st.lists(st.sampled_from(tuple(an.REFLEXES)), max_size=2),
)
def test_match_pattern_properties(regions, moves, reflexes):
    ranked = an.match_pattern(an.Findings(tuple(regions), tuple(moves), tuple(reflexes)))
    scores = [c.score for c in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(s > 0 for s in scores)
    for c in ranked:
        assert c.score == pytest.approx(sum(r.points for r in c.reasons))


def test_division_levels_and_prevalence_rows():
    summary = an.division_level_summary()
    assert summary["mean_distance_mm"] == pytest.approx(65.43)
    assert summary["upper_middle_thigh_pct"] == pytest.approx(4.9)
    smoll = an.prevalence("smoll_any_variant")
    assert (smoll.value_pct, smoll.low_pct, smoll.high_pct) == (16.9, 16.0, 17.9)
    seed = an.prevalence("seed_claim")
    assert seed.source_id == "seed_muscular_mimics_page"
    assert smoll.high_pct < seed.high_pct
    assert len(an.load_piriformis_variants()) == 6
