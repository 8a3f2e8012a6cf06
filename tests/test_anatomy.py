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


# --- normal findings, ankle inversion and broad candidates (issue 14) ----------------------
#: Rankings computed by the matcher before normal findings existed: findings recorded
#: abnormal only must rank exactly as before.
BEFORE_NORMAL_FINDINGS = [
    (
        {
            "numb_regions": ["dorsum_foot", "first_web_space"],
            "weak_movements": ["great_toe_extension", "ankle_dorsiflexion"],
        },
        (("common_fibular", 8.0), ("sciatic", 8.0), ("L5", 7.5), ("deep_fibular", 5.0)),
    ),
    (
        {
            "numb_regions": ["sole", "lateral_foot"],
            "weak_movements": ["ankle_plantarflexion"],
            "reduced_reflexes": ["ankle_jerk"],
            "positive_tests": ["slr"],
        },
        (("S1", 10.0), ("tibial", 6.0), ("sciatic", 6.0)),
    ),
    (
        {
            "numb_regions": ["medial_leg"],
            "weak_movements": ["knee_extension", "hip_adduction"],
            "reduced_reflexes": ["knee_jerk"],
            "positive_tests": ["femoral_nerve_stretch"],
        },
        (("L4", 10.0),),
    ),
    (
        {
            "numb_regions": ["lateral_leg", "heel"],
            "weak_movements": ["foot_eversion", "toe_flexion"],
            "reduced_reflexes": ["medial_hamstring_reflex"],
        },
        (
            ("sciatic", 8.0),
            ("L5", 4.25),
            ("superficial_fibular", 2.0),
            ("common_fibular", 2.0),
            ("tibial", 2.0),
        ),
    ),
    (
        {"numb_regions": ["posterior_calf"], "weak_movements": ["hip_extension", "toe_extension"]},
        (("sciatic", 3.0),),
    ),
]


@pytest.mark.parametrize(("findings", "expected"), BEFORE_NORMAL_FINDINGS)
def test_without_normal_findings_the_ranking_is_unchanged(findings, expected):
    assert tuple((c.candidate_id, c.score) for c in an.match_pattern(findings)) == expected


FIBULAR_FOOT_DROP = {
    "numb_regions": ["dorsum_foot", "first_web_space"],
    "weak_movements": ["great_toe_extension", "ankle_dorsiflexion"],
}


def test_normal_plantarflexion_ranks_common_fibular_above_the_whole_sciatic_nerve():
    tied = {c.candidate_id: c.score for c in an.match_pattern(FIBULAR_FOOT_DROP)}
    assert tied["common_fibular"] == tied["sciatic"]  # the tie issue 14 describes
    ranked = an.match_pattern(
        {**FIBULAR_FOOT_DROP, "normal_strength": ["ankle_plantarflexion", "ankle_inversion"]}
    )
    scores = {c.candidate_id: c.score for c in ranked}
    assert ranked[0].candidate_id == "common_fibular"
    assert scores["common_fibular"] == tied["common_fibular"]  # it predicts neither
    assert scores.get("sciatic", 0) < scores["common_fibular"]
    sciatic = an.score_candidate(
        "sciatic", {**FIBULAR_FOOT_DROP, "normal_strength": ["ankle_plantarflexion"]}
    )
    penalty = [r for r in sciatic.reasons if r.points < 0]
    assert len(penalty) == 1
    assert "Strong ankle plantarflexion" in penalty[0].text
    assert "Tibial nerve" in penalty[0].text  # the branch that would show it
    assert penalty[0].source_id == "wvu_tibial_page"


def test_normal_sensation_in_a_broad_territory_counts_against_the_broad_candidate():
    found = {**FIBULAR_FOOT_DROP, "normal_sensation": ["sole", "heel"]}
    sciatic = an.score_candidate("sciatic", found)
    assert sciatic.score == an.score_candidate("sciatic", FIBULAR_FOOT_DROP).score - 4
    assert an.match_pattern(found)[0].candidate_id == "common_fibular"


def test_normal_sensation_where_a_nerve_supplies_only_part_is_a_note():
    # the superficial fibular branch supplies the lateral leg fully: counts against
    assert an.score_candidate("common_fibular", {"normal_sensation": ["lateral_leg"]}).score == -2
    tibial = an.score_candidate("tibial", {"normal_sensation": ["posterior_calf"]})
    assert tibial.score == 0
    assert "only part of this region" in tibial.reasons[0].text
    # the sole is shared by the two plantar nerves: each alone covers part, the tibial all
    assert an.score_candidate("medial_plantar", {"normal_sensation": ["sole"]}).score == 0
    assert an.score_candidate("tibial", {"normal_sensation": ["sole"]}).score == -2


def test_ankle_inversion_separates_l5_from_the_common_fibular_nerve():
    assert "ankle_inversion" in an.MOVEMENTS
    assert an.branches_supplying_muscle("tibialis posterior") == ("tibial",)
    assert "ankle_inversion" in an.predicted_findings("L5")["weak_movements"]
    assert "ankle_inversion" not in an.predicted_findings("common_fibular")["weak_movements"]
    weak = an.match_pattern({"weak_movements": ["ankle_dorsiflexion", "ankle_inversion"]})
    assert weak[0].candidate_id == "L5"
    assert "common_fibular" not in [c.candidate_id for c in weak[:2]]
    strong = an.match_pattern(
        {"weak_movements": ["ankle_dorsiflexion"], "normal_strength": ["ankle_inversion"]}
    )
    ids = [c.candidate_id for c in strong]
    assert "L5" not in ids  # its key muscle tested strong cancels the foot drop
    assert ids[0] in {"deep_fibular", "common_fibular"}
    assert "common_fibular" in ids[:2]
    l5 = an.score_candidate(
        "L5", {"weak_movements": ["ankle_dorsiflexion"], "normal_strength": ["ankle_inversion"]}
    )
    (penalty,) = [r for r in l5.reasons if r.points < 0]
    assert penalty.source_id == "heffernan1979"
    assert "Strong ankle inversion" in penalty.text


@pytest.mark.parametrize(
    ("preset", "best", "second_best_score"),
    [
        ("Foot drop, inversion weak", "L5", 2.0),
        ("Foot drop, inversion strong", "common_fibular", 2.0),
    ],
)
def test_inversion_presets_rank_the_intended_candidate_clearly_first(
    preset, best, second_best_score
):
    ranked = an.match_pattern(an.finding_presets()[preset])
    assert ranked[0].candidate_id == best
    assert ranked[0].score > ranked[1].score == second_best_score


def test_every_preset_ranks_the_candidate_that_explains_it_first():
    for preset in an.load_finding_presets():
        assert an.match_pattern(preset.findings())[0].candidate_id == preset.explained_by


def test_a_normal_reflex_lowers_the_root_that_predicts_it_with_a_cited_reason():
    s1 = {"numb_regions": ["sole", "lateral_foot"], "weak_movements": ["ankle_plantarflexion"]}
    before = an.score_candidate("S1", s1)
    after = an.score_candidate("S1", {**s1, "normal_reflexes": ["ankle_jerk"]})
    assert after.score == before.score - 3
    (penalty,) = [r for r in after.reasons if r.points < 0]
    assert penalty.text.startswith("Normal ankle (achilles) reflex, but S1 predicts it reduced")
    assert (penalty.source_id, penalty.verification) == ("engstrom_deyo2015", "V")
    # a normal knee reflex says nothing about S1
    assert an.score_candidate("S1", {**s1, "normal_reflexes": ["knee_jerk"]}) == before


def test_a_secondary_root_sign_recorded_normal_is_a_note_not_a_penalty():
    l5 = an.score_candidate(
        "L5",
        {"weak_movements": ["great_toe_extension"], "normal_reflexes": ["medial_hamstring_reflex"]},
    )
    assert l5.score == 2
    note = l5.reasons[-1]
    assert note.points == 0
    assert "secondary source" in note.text
    assert note.verification == "S"


def test_only_normal_findings_rank_nothing():
    normal = {"normal_strength": ["ankle_dorsiflexion"], "normal_reflexes": ["ankle_jerk"]}
    assert an.match_pattern(normal) == ()
    assert not an.Findings(**normal).empty
    assert not an.Findings(**normal).any_abnormal


def test_normal_findings_are_validated_like_the_others():
    with pytest.raises(ValueError, match="valid normal_strength"):
        an.match_pattern({"normal_strength": ["jumping"]})
    with pytest.raises(ValueError, match="valid normal_sensation"):
        an.Findings(normal_sensation=("shin",))
    with pytest.raises(TypeError, match="normal_reflexes must be a list"):
        an.Findings(normal_reflexes=3)
    with pytest.raises(
        ValueError, match=r"\['sole'\] recorded both in numb_regions and in normal_sensation"
    ):
        an.match_pattern({"numb_regions": ["sole"], "normal_sensation": ["sole"]})
    with pytest.raises(ValueError, match="both in weak_movements and in normal_strength"):
        an.Findings(weak_movements=("toe_flexion",), normal_strength=("toe_flexion",))
    with pytest.raises(ValueError, match="valid: L4, L5, S1, sciatic"):
        an.score_candidate("S2", {})
    with pytest.raises(TypeError, match="candidate_id must be a str"):
        an.predicted_findings(5)


_NORMAL_OF = {
    "normal_sensation": "numb_regions",
    "normal_strength": "weak_movements",
    "normal_reflexes": "reduced_reflexes",
}
_findings = st.builds(
    an.Findings,
    numb_regions=st.lists(st.sampled_from(body_region_ids()), max_size=3),
    weak_movements=st.lists(st.sampled_from(tuple(an.MOVEMENTS)), max_size=3),
    reduced_reflexes=st.lists(st.sampled_from(tuple(an.REFLEXES)), max_size=1),
    positive_tests=st.lists(st.sampled_from(tuple(an.TENSION_SIGNS)), max_size=1),
)


def _with(f: an.Findings, kind: str, value: str) -> an.Findings:
    """``f`` with one more item of ``kind``, minus that item from the opposite kind."""
    values = {k: list(getattr(f, k)) for k in an.FINDING_KINDS}
    values[kind].append(value)
    other = _NORMAL_OF.get(kind) or {v: k for k, v in _NORMAL_OF.items()}.get(kind)
    if other:
        values[other] = [v for v in values[other] if v != value]
    return an.Findings(**values)


_normal_findings = st.tuples(
    _findings,
    st.lists(st.sampled_from(body_region_ids()), max_size=3),
    st.lists(st.sampled_from(tuple(an.MOVEMENTS)), max_size=3),
    st.lists(st.sampled_from(tuple(an.REFLEXES)), max_size=2),
).map(
    lambda t: an.Findings(
        t[0].numb_regions,
        t[0].weak_movements,
        t[0].reduced_reflexes,
        t[0].positive_tests,
        tuple(r for r in t[1] if r not in t[0].numb_regions),
        tuple(m for m in t[2] if m not in t[0].weak_movements),
        tuple(x for x in t[3] if x not in t[0].reduced_reflexes),
    )
)


@given(f=_normal_findings, candidate=st.sampled_from(an.candidate_ids()), data=st.data())
def test_adding_a_predicted_finding_never_lowers_that_candidate(f, candidate, data):
    predicted = an.predicted_findings(candidate)
    choices = [(kind, v) for kind, values in predicted.items() for v in sorted(values)]
    kind, value = data.draw(st.sampled_from(choices))
    before = an.score_candidate(candidate, f).score
    assert an.score_candidate(candidate, _with(f, kind, value)).score >= before


_VOCAB = {
    "normal_sensation": body_region_ids(),
    "normal_strength": tuple(an.MOVEMENTS),
    "normal_reflexes": tuple(an.REFLEXES),
}


@given(f=_normal_findings, candidate=st.sampled_from(an.candidate_ids()), data=st.data())
def test_recording_normal_never_raises_a_candidate_and_only_lowers_what_it_predicts(
    f, candidate, data
):
    normal_kind = data.draw(st.sampled_from(tuple(_NORMAL_OF)))
    value = data.draw(st.sampled_from(_VOCAB[normal_kind]))
    untested = {k: getattr(f, k) for k in an.FINDING_KINDS}
    for kind in (normal_kind, _NORMAL_OF[normal_kind]):
        untested[kind] = tuple(v for v in untested[kind] if v != value)
    base = an.score_candidate(candidate, untested)
    after = an.score_candidate(
        candidate, {**untested, normal_kind: (*untested[normal_kind], value)}
    )
    assert after.score <= base.score
    if value not in an.predicted_findings(candidate)[_NORMAL_OF[normal_kind]]:
        assert after == base


@given(f=_normal_findings)
def test_scores_stay_transparent_with_normal_findings(f):
    for c in an.match_pattern(f):
        assert c.score > 0
        assert c.score == pytest.approx(sum(r.points for r in c.reasons))
        assert all(r.source_id in known_source_ids() for r in c.reasons)


def _opening(text: str) -> str:
    return text.split(":")[0].split(".")[0].strip().lower()


@given(f=_normal_findings)
def test_no_reason_repeats_its_own_prefix(f):
    for candidate in an.candidate_ids():
        for r in an.score_candidate(candidate, f).reasons:
            parts = [p.strip().lower() for p in r.text.replace(".", ":").split(":") if p.strip()]
            assert len(parts) < 2 or parts[0] != parts[1], r.text
            assert r.text.lower().count("not sciatic") <= 1, r.text


def test_the_saphenous_reason_says_not_sciatic_once():
    sap = an.score_candidate("saphenous", {"numb_regions": ["medial_leg"]})
    (note,) = [r for r in sap.reasons if "sciatic" in r.text.lower()]
    assert note.text.startswith("Not sciatic. Numbness of the medial leg")
    assert note.text.lower().count("not sciatic") == 1


# -- findings that are red flags ------------------------------------------------------------
def test_red_flags_in_finds_saddle_numbness_only_when_abnormal():
    from anatomy_helpers.anatomy import Findings, red_flags_in

    flagged = red_flags_in({"numb_regions": ["sole", "saddle"]})
    assert [f.flag.flag_id for f in flagged] == ["saddle_anaesthesia"]
    assert flagged[0].items == (("numb_regions", "saddle"),)
    assert flagged[0].source_ids == ("long2020",)
    assert flagged[0].flag.urgency == "emergency"
    assert red_flags_in(Findings(normal_sensation=("saddle",))) == ()
    assert red_flags_in({"numb_regions": ["sole"], "weak_movements": ["ankle_dorsiflexion"]}) == ()


def test_red_flags_in_rejects_bad_findings():
    from anatomy_helpers.anatomy import red_flags_in

    with pytest.raises(ValueError, match="numb_regions"):
        red_flags_in({"numb_regions": ["perineum"]})
    with pytest.raises(TypeError):
        red_flags_in({"numb_regions": 3})


def test_red_flag_findings_table_rules():
    from anatomy_helpers.anatomy.red_flags import RedFlagFinding, _flags_exist
    from anatomy_helpers.tables import FieldError

    with pytest.raises(FieldError, match="item"):
        RedFlagFinding(
            "numb_regions", "ankle_jerk", "saddle_anaesthesia", "long2020", "V", ""
        ).check()
    with pytest.raises(FieldError, match="red_flag_id"):
        _flags_exist(
            (RedFlagFinding("numb_regions", "saddle", "no_such_flag", "long2020", "V", ""),)
        )
