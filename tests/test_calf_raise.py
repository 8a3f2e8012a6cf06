"""Tests for anatomy_helpers.calf_raise: published numbers, derived ratios, simulation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anatomy_helpers import calf_raise as cr
from anatomy_helpers.calf_raise import simulation

# Values as printed in the abstract of Kinoshita et al. 2023 (facts sheet section 1.2).
PUBLISHED = {
    "lateral_gastrocnemius": (12.4, 1.7),
    "medial_gastrocnemius": (9.2, 0.6),
    "soleus": (2.1, 2.9),
    "triceps_surae": (5.6, 2.1),
}


def test_results_match_the_published_abstract():
    rows = cr.load_results()
    assert tuple(r.muscle_id for r in rows) == cr.MUSCLE_IDS
    for r in rows:
        assert (r.standing_change_pct, r.seated_change_pct) == PUBLISHED[r.muscle_id]
        assert r.source_id == "kinoshita2023"
        assert r.verification == "V"
        assert r.locator == "abstract"


def test_design_rows_carry_verification_levels():
    design = {d.item_id: d for d in cr.load_design()}
    assert "14 untrained" in design["participants"].value
    assert design["participants"].verification == "V"
    assert "70 %" in design["load"].value
    assert "5 sets of 10" in design["volume"].value
    assert "2 sessions" in design["frequency"].value
    assert design["duration"].value == "12 weeks"
    assert "MRI" in design["outcome"].value
    # Sex and age come from secondary summaries only.
    assert design["sex"].verification == "S"
    assert design["age"].verification == "S"
    assert "23.3 ± 2.4" in design["age"].value


def test_no_invented_volumes_or_effect_sizes_are_stored():
    for row in (*cr.load_results(), *cr.load_design()):
        text = repr(row).lower()
        assert "cm3" not in text
        assert "cm³" not in text
    assert all("cohen" not in d.value.lower() or d.verification == "S" for d in cr.load_design())


def test_p_values_separate_values_are_secondary_and_pooled_is_verified():
    by_id = {p.p_id: p for p in cr.load_p_values()}
    assert [
        by_id[k].p_value for k in ("lg_between", "mg_between", "sol_between", "ts_between")
    ] == [0.001, 0.002, 0.410, 0.011]
    assert by_id["lg_between"].verification == "S"
    assert by_id["mg_between"].verification == "S"
    assert by_id["ts_between"].verification == "S"
    assert by_id["sol_between"].verification == "V"
    pooled = by_id["pooled_between"]
    assert pooled.verification == "V"
    assert pooled.scope == "pooled"
    assert pooled.text == "p ≤ 0.011"
    assert "soleus" not in pooled.muscle_ids


def test_p_values_for_lists_separate_then_pooled():
    texts = [(p.scope, p.text) for p in cr.p_values_for("medial_gastrocnemius")]
    assert texts == [("separate", "p = 0.002"), ("pooled", "p ≤ 0.011")]
    assert [p.text for p in cr.p_values_for("soleus")] == ["p = 0.410"]


def test_within_leg_only_seated_gastrocnemius_heads_did_not_change():
    rows = cr.load_within_leg()
    not_sig = {(r.condition, r.muscle_id) for r in rows if not r.significant}
    assert not_sig == {("seated", "lateral_gastrocnemius"), ("seated", "medial_gastrocnemius")}
    for r in rows:
        assert r.verification == "V"
        if r.significant:
            assert r.p_max == 0.031
            assert r.text == "p ≤ 0.031"
        else:
            assert (r.p_min, r.p_max) == (0.147, 0.508)


@pytest.mark.parametrize(
    ("muscle", "expected", "small"),
    [
        ("triceps_surae", 5.6 / 2.1, False),
        ("lateral_gastrocnemius", 12.4 / 1.7, True),
        ("medial_gastrocnemius", 9.2 / 0.6, True),
        ("soleus", 2.1 / 2.9, False),
    ],
)
def test_change_ratios_are_computed_from_the_table(muscle, expected, small):
    ratio = cr.change_ratio(muscle)
    assert ratio.ratio == pytest.approx(expected)
    assert ratio.verification == "D"
    assert bool(ratio.caution) is small


def test_press_claim_agrees_with_the_computed_ratio():
    (claim,) = cr.load_secondary_claims()
    assert claim.verification == "S"
    assert claim.source_id == "ritsumeikan2023"
    computed = cr.change_ratio(claim.compare_muscle_id).ratio
    assert round(computed, 1) == claim.value == 2.7
    assert round(cr.change_ratio("lateral_gastrocnemius").ratio, 1) == 7.3
    assert round(cr.change_ratio("medial_gastrocnemius").ratio) == 15


def test_related_studies_show_long_beating_short():
    rows = {r.row_id: r for r in cr.load_related()}
    assert (rows["maeo_whole"].long_change_pct, rows["maeo_whole"].short_change_pct) == (14.0, 9.0)
    assert rows["kassiano_mg_final"].long_change_pct == 15.2
    assert rows["kassiano_lg_full"].verification == "S"
    assert all(r.long_change_pct > r.short_change_pct for r in rows.values())


def test_seed_claims_cover_sciatica_and_the_untested_explanations():
    verdicts = {c.claim_id: c.verdict for c in cr.load_seed_claims()}
    assert verdicts["sciatica"] == "wrong"
    assert verdicts["full_rom"] == "not tested"
    assert verdicts["functional"] == "not tested"
    assert verdicts["growth"] == "right"


def test_t_critical_matches_tables():
    # Standard t-table values (two-sided 5 %).
    for df, table in [(3, 3.182), (5, 2.571), (13, 2.160), (30, 2.042), (1000, 1.962)]:
        assert cr.t_critical_two_sided(df) == pytest.approx(table, abs=0.005)
    assert cr.t_critical_two_sided(13, 0.001) == pytest.approx(4.221, abs=0.005)


def test_implied_sd_is_positive_and_larger_for_lateral_head():
    sds = {m: cr.implied_sd_difference_pct(m) for m in cr.MUSCLE_IDS}
    assert all(v > 0 for v in sds.values())
    assert sds["lateral_gastrocnemius"] > sds["triceps_surae"]


def test_simulation_is_seeded_and_reproducible():
    a = cr.simulate_paired_changes("lateral_gastrocnemius", seed=7)
    b = cr.simulate_paired_changes("lateral_gastrocnemius", seed=7)
    c = cr.simulate_paired_changes("lateral_gastrocnemius", seed=8)
    np.testing.assert_array_equal(a.standing_change_pct, b.standing_change_pct)
    assert not np.array_equal(a.standing_change_pct, c.standing_change_pct)
    assert a.label.startswith("SIMULATED")


@pytest.mark.parametrize("muscle", cr.MUSCLE_IDS)
def test_matched_simulation_reproduces_the_published_means(muscle):
    sim = cr.simulate_paired_changes(muscle, seed=3)
    standing, seated = PUBLISHED[muscle]
    assert sim.standing_change_pct.mean() == pytest.approx(standing, abs=1e-9)
    assert sim.seated_change_pct.mean() == pytest.approx(seated, abs=1e-9)
    assert sim.n == 14


def test_raw_simulation_means_are_within_tolerance_for_a_large_sample():
    sim = cr.simulate_paired_changes(
        "medial_gastrocnemius", n_participants=500, seed=11, match_published_means=False
    )
    # SE of the mean = 6 / sqrt(500) ~ 0.27 points; allow 4 SE.
    assert sim.standing_change_pct.mean() == pytest.approx(9.2, abs=1.1)
    assert sim.seated_change_pct.mean() == pytest.approx(0.6, abs=1.1)
    assert np.std(sim.standing_change_pct, ddof=1) == pytest.approx(6.0, rel=0.15)
    r = np.corrcoef(sim.standing_change_pct, sim.seated_change_pct)[0, 1]
    assert r == pytest.approx(0.5, abs=0.12)


def test_paired_design_detects_gastrocnemius_but_not_soleus_at_n14():
    lg = cr.simulated_power("lateral_gastrocnemius", [14]).power_at(14)
    mg = cr.simulated_power("medial_gastrocnemius", [14]).power_at(14)
    sol = cr.simulated_power("soleus", [14]).power_at(14)
    assert lg > 0.95
    assert mg > 0.9
    assert sol < 0.15
    lg_sim = cr.simulate_paired_changes("lateral_gastrocnemius").paired_t()
    sol_sim = cr.simulate_paired_changes("soleus").paired_t()
    assert lg_sim[3] is True
    assert lg_sim[1] > 0
    assert sol_sim[3] is False
    assert sol_sim[1] < 0 < sol_sim[2]


def test_power_rises_with_n_and_falls_with_sd():
    ns = [5, 10, 20, 40, 80]
    est = cr.simulated_power("triceps_surae", ns)
    assert np.all(np.diff(est.power) >= -0.02)
    noisy = cr.simulated_power("triceps_surae", ns, between_person_sd_pct=12.0)
    assert np.all(noisy.power <= est.power + 0.02)
    assert est.sd_difference_pct == pytest.approx(6.0)  # sd * sqrt(2 * (1 - 0.5))


def test_power_type_one_error_is_near_alpha_when_no_difference():
    # With a true difference of zero (a shifted copy), a t-test rejects about 5 % of the time.
    mean_z, sd_z = simulation._cached_stats(14, 4000, 99)
    t = mean_z[:, 13] / (sd_z[:, 13] / np.sqrt(14))
    assert np.mean(np.abs(t) > cr.t_critical_two_sided(13)) == pytest.approx(0.05, abs=0.015)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"muscle_id": "hamstrings"}, ValueError, "unknown muscle_id"),
        ({"muscle_id": 3}, TypeError, "muscle_id must be a str"),
        ({"n_participants": 2}, ValueError, "n_participants = 2 is outside its range 3 to 500"),
        ({"n_participants": 14.5}, TypeError, "n_participants must be a whole number"),
        ({"between_person_sd_pct": 0}, ValueError, "between_person_sd_pct = 0 is outside"),
        ({"between_person_sd_pct": float("nan")}, ValueError, "between_person_sd_pct"),
        ({"leg_correlation": 1.0}, ValueError, "leg_correlation = 1 is outside"),
        ({"seed": -1}, ValueError, "seed = -1"),
        ({"seed": "a"}, TypeError, "seed must be"),
        ({"match_published_means": 1}, TypeError, "match_published_means"),
    ],
)
def test_simulation_rejects_bad_inputs(kwargs, error, match):
    args = {"muscle_id": "soleus", **kwargs}
    muscle = args.pop("muscle_id")
    with pytest.raises(error, match=match):
        cr.simulate_paired_changes(muscle, **args)


def test_power_rejects_bad_inputs():
    with pytest.raises(ValueError, match="n_values item = 2 is outside its range 3 to 200"):
        cr.simulated_power("soleus", [2, 10])
    with pytest.raises(ValueError, match="non-empty"):
        cr.simulated_power("soleus", [])
    with pytest.raises(ValueError, match="n_simulations = 10"):
        cr.simulated_power("soleus", [10], n_simulations=10)
    with pytest.raises(ValueError, match="not simulated"):
        cr.simulated_power("soleus", [10]).power_at(12)
    with pytest.raises(ValueError, match="df = 0 is outside"):
        cr.t_critical_two_sided(0)
    with pytest.raises(ValueError, match="condition must be one of standing, seated"):
        cr.get_result("soleus").change_pct("lying")


@settings(max_examples=40, deadline=None)
@given(
    muscle=st.sampled_from(cr.MUSCLE_IDS),
    n=st.integers(3, 60),
    sd=st.floats(0.5, 20),
    rho=st.floats(-0.5, 0.9),
    seed=st.integers(0, 2**32 - 1),
)
def test_simulation_properties(muscle, n, sd, rho, seed):
    sim = cr.simulate_paired_changes(
        muscle, n_participants=n, between_person_sd_pct=sd, leg_correlation=rho, seed=seed
    )
    assert sim.n == n
    assert np.all(np.isfinite(sim.differences_pct))
    mean, low, high, _ = sim.paired_t()
    assert low <= mean <= high
    assert mean == pytest.approx(cr.get_result(muscle).difference_pct, abs=1e-9)


@pytest.mark.parametrize(
    ("df", "alpha", "expected"),
    [
        (2, 0.0001, 99.992),  # the old series expansion gave 63.69 here
        (1, 0.05, 12.706),
        (2, 0.05, 4.303),
        (13, 0.05, 2.160),
        (30, 0.01, 2.750),
        (10_000, 0.05, 1.960),
    ],
)
def test_t_critical_matches_published_tables(df, alpha, expected):
    assert cr.t_critical_two_sided(df, alpha) == pytest.approx(expected, abs=5e-4)


def test_t_critical_rejects_counts_and_levels_outside_their_ranges():
    with pytest.raises(TypeError, match="df must be a whole number"):
        cr.t_critical_two_sided(2.0)
    with pytest.raises(ValueError, match=r"alpha = 0\.6 is outside"):
        cr.t_critical_two_sided(5, 0.6)
    with pytest.raises(ValueError, match="df = a number of about 401 digits is outside"):
        cr.t_critical_two_sided(10**400)
