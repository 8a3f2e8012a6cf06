"""Tests for the diagnostic-accuracy table, likelihood ratios and post-test probability."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anatomy_helpers.diagnostics import (
    accuracy_for_test,
    accuracy_test_ids,
    get_accuracy_row,
    likelihood_ratio,
    likelihood_ratios,
    load_diagnostic_accuracy,
    post_test_probability,
    post_test_probability_from_test,
)
from anatomy_helpers.tables import DataTableError, read_csv_records

probability = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
open_probability = st.floats(min_value=0.001, max_value=0.999, allow_nan=False)


# -- the table ------------------------------------------------------------------------------


def test_table_holds_every_test_the_collection_needs():
    ids = set(accuracy_test_ids())
    assert {
        "slump",
        "slr",
        "crossed_slr",
        "fair",
        "active_piriformis",
        "seated_piriformis_stretch",
        "slump_knee_bend",
        "ces_red_flags",
    } <= ids


def test_majlesi_disagreeing_specificities_are_separate_rows():
    rows = [r for r in accuracy_for_test("slump") if r.source_id == "majlesi2008"]
    assert sorted(r.specificity for r in rows) == [0.83, 0.89]
    assert {r.sensitivity for r in rows} == {0.84}
    assert all(r.verification == "S" for r in rows)


def test_deville_values_and_confidence_intervals():
    row = get_accuracy_row("deville2000_slr")
    assert (row.sensitivity, row.sensitivity_low, row.sensitivity_high) == (0.91, 0.82, 0.94)
    assert (row.specificity, row.specificity_low, row.specificity_high) == (0.26, 0.16, 0.38)
    crossed = get_accuracy_row("deville2000_crossed_slr")
    assert crossed.specificity == 0.88
    assert crossed.sensitivity == 0.29


def test_dionne_red_flags_are_stored_as_ranges_without_point_estimates():
    (row,) = accuracy_for_test("ces_red_flags")
    assert row.interval == "range"
    assert row.sensitivity is None
    assert row.specificity is None
    assert (row.sensitivity_low, row.sensitivity_high) == (0.19, 0.43)
    assert (row.specificity_low, row.specificity_high) == (0.62, 0.88)
    assert not row.has_point_estimates


def test_fair_and_martin_rows_readable_for_the_mimics_notebook():
    (fair,) = accuracy_for_test("fair")
    assert (fair.sensitivity, fair.specificity) == (0.881, 0.832)
    (seated,) = accuracy_for_test("seated_piriformis_stretch")
    assert seated.lr_positive_reported == 5.22


def test_row_ids_unique():
    ids = [r.row_id for r in load_diagnostic_accuracy()]
    assert len(ids) == len(set(ids))


def test_unknown_test_and_row_ids_name_the_valid_ones():
    with pytest.raises(ValueError, match=r"unknown test_id 'lasegue'.*slump"):
        accuracy_for_test("lasegue")
    with pytest.raises(ValueError, match="unknown row_id"):
        get_accuracy_row("nope")


def test_reported_likelihood_ratios_close_to_calculated_where_both_exist():
    # Urban & MacNeil 2015 report LR+ 3.03 and LR- 0.13 for 0.91 / 0.70.
    row = get_accuracy_row("urban2015_slump")
    lr = likelihood_ratios(row.sensitivity, row.specificity)
    assert lr.positive == pytest.approx(row.lr_positive_reported, abs=0.01)
    assert lr.negative == pytest.approx(row.lr_negative_reported, abs=0.01)


def _write(tmp_path, body):
    header = (
        "row_id,test_id,test_label,target_condition,population,reference_standard,"
        "n_participants,sensitivity,sensitivity_low,sensitivity_high,specificity,"
        "specificity_low,specificity_high,interval,lr_positive_reported,"
        "lr_negative_reported,source_id,verification,locator,notes\n"
    )
    path = tmp_path / "t.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_loader_rejects_a_sensitivity_above_one(tmp_path):
    path = _write(tmp_path, "r,slump,S,C,P,R,10,1.4,,,0.5,,,none,,,deville2000,V,abstract,\n")
    with pytest.raises(DataTableError, match=r"row 2, column 'sensitivity'.*proportion"):
        read_csv_records("t.csv", type(load_diagnostic_accuracy()[0]), path=path)


def test_loader_rejects_a_point_outside_its_ci(tmp_path):
    path = _write(tmp_path, "r,slump,S,C,P,R,10,0.9,0.1,0.5,0.5,,,ci95,,,deville2000,V,a,\n")
    with pytest.raises(DataTableError, match="outside its interval"):
        read_csv_records("t.csv", type(load_diagnostic_accuracy()[0]), path=path)


# -- likelihood ratios ---------------------------------------------------------------------


def test_likelihood_ratios_hand_worked():
    # Devillé 2000 SLR: 0.91 / (1 - 0.26) = 1.2297; (1 - 0.91) / 0.26 = 0.3462
    lr = likelihood_ratios(0.91, 0.26)
    assert lr.positive == pytest.approx(1.2297, abs=1e-4)
    assert lr.negative == pytest.approx(0.3462, abs=1e-4)
    # FAIR (Fishman 2002): 0.881 / 0.168 = 5.244; 0.119 / 0.832 = 0.143
    fair = likelihood_ratios(0.881, 0.832)
    assert fair.positive == pytest.approx(5.244, abs=1e-3)
    assert fair.negative == pytest.approx(0.143, abs=1e-3)


def test_sensitivity_one_gives_negative_ratio_zero():
    assert likelihood_ratio(1.0, 0.83, "negative") == 0.0


@pytest.mark.parametrize(
    ("sens", "spec", "result", "pattern"),
    [
        (0.9, 1.0, "positive", "undefined when specificity = 1"),
        (0.9, 0.0, "negative", "undefined when specificity = 0"),
        (1.2, 0.5, "positive", "sensitivity = 1.2 is not a probability"),
        (0.5, -0.1, "positive", "specificity = -0.1 is not a probability"),
        (math.nan, 0.5, "positive", "sensitivity = nan is not a probability"),
        (0.5, 0.5, "maybe", "result must be one of positive, negative"),
    ],
)
def test_likelihood_ratio_bad_inputs(sens, spec, result, pattern):
    with pytest.raises(ValueError, match=pattern):
        likelihood_ratio(sens, spec, result)


def test_likelihood_ratio_type_errors():
    with pytest.raises(TypeError, match="sensitivity must be a number"):
        likelihood_ratio("0.9", 0.5, "positive")
    with pytest.raises(TypeError, match="specificity must be a number"):
        likelihood_ratios(0.9, True)


def test_likelihood_ratios_rejects_either_undefined_ratio():
    with pytest.raises(ValueError, match="specificity = 1"):
        likelihood_ratios(0.5, 1.0)


# -- post-test probability ------------------------------------------------------------------


def test_post_test_probability_hand_worked():
    # 20 % pre-test: odds 0.25; LR+ 4.94 -> odds 1.235 -> 55.3 %
    assert post_test_probability(0.2, 4.94) == pytest.approx(1.235 / 2.235, rel=1e-9)
    assert round(post_test_probability(0.2, 4.94), 3) == 0.553
    # 50 % and LR 1 -> unchanged
    assert post_test_probability(0.5, 1.0) == pytest.approx(0.5)
    # crossed SLR Devillé: LR+ = 0.29 / 0.12 = 2.4167; pre-test 30 % -> odds 0.42857 * 2.4167
    odds = 0.3 / 0.7 * (0.29 / 0.12)
    assert post_test_probability_from_test(0.3, 0.29, 0.88, "positive") == pytest.approx(
        odds / (1 + odds)
    )
    # negative SLR (Devillé): LR- 0.3462; pre-test 60 % -> odds 1.5 * 0.3462 = 0.5192 -> 34.2 %
    assert round(post_test_probability_from_test(0.6, 0.91, 0.26, "negative"), 3) == 0.342


def test_post_test_probability_edges():
    assert post_test_probability(0.0, 10.0) == 0.0
    assert post_test_probability(1.0, 0.5) == 1.0
    assert post_test_probability(0.4, 0.0) == 0.0
    with pytest.raises(ValueError, match="undefined for pretest_probability = 1"):
        post_test_probability(1.0, 0.0)


@pytest.mark.parametrize(
    ("pre", "lr", "pattern"),
    [
        (1.5, 2.0, "pretest_probability = 1.5 is not a probability"),
        (math.nan, 2.0, "pretest_probability = nan"),
        (0.5, -1.0, "must be a finite number >= 0"),
        (0.5, math.inf, "must be a finite number >= 0"),
        (0.5, math.nan, "must be a finite number >= 0"),
    ],
)
def test_post_test_probability_bad_inputs(pre, lr, pattern):
    with pytest.raises(ValueError, match=pattern):
        post_test_probability(pre, lr)


def test_post_test_probability_type_error():
    with pytest.raises(TypeError, match="likelihood_ratio_value must be a number"):
        post_test_probability(0.5, "2")


@given(p1=open_probability, p2=open_probability, lr=st.floats(0.01, 100.0))
def test_monotone_in_pretest_probability(p1, p2, lr):
    lo, hi = sorted((p1, p2))
    assert post_test_probability(lo, lr) <= post_test_probability(hi, lr) + 1e-12


@given(p=open_probability, lr=st.floats(1.0001, 1000.0))
def test_lr_above_one_raises_probability(p, lr):
    assert post_test_probability(p, lr) > p


@given(p=open_probability, lr=st.floats(0.0, 0.9999))
def test_lr_below_one_lowers_probability(p, lr):
    assert post_test_probability(p, lr) < p


@given(p=probability, lr=st.floats(0.0, 1e6))
def test_result_is_a_probability(p, lr):
    if p == 1.0 and lr == 0.0:
        return
    assert 0.0 <= post_test_probability(p, lr) <= 1.0


@given(p=open_probability, sens=open_probability, spec=open_probability)
def test_positive_result_never_below_negative_result_when_test_informative(p, sens, spec):
    pos = post_test_probability_from_test(p, sens, spec, "positive")
    neg = post_test_probability_from_test(p, sens, spec, "negative")
    if sens + spec > 1:
        assert pos >= neg
    elif sens + spec < 1:
        assert pos <= neg


@given(p=open_probability, lr=st.floats(0.01, 100.0))
def test_odds_identity(p, lr):
    post = post_test_probability(p, lr)
    assert post / (1 - post) == pytest.approx(p / (1 - p) * lr, rel=1e-6)


# -- extreme but valid inputs: a stable answer or a clear error, never NaN or inf ------------


@pytest.mark.parametrize(
    ("pre", "lr", "expected"),
    [
        (0.99, 1e308, 1.0),  # the odds form overflowed to inf / inf = NaN
        (1.0, 1e308, 1.0),
        (5e-324, 1e-300, 0.0),
        (0.5, 1e-320, 1e-320),
        (0.99, 0.0, 0.0),
    ],
)
def test_post_test_probability_is_stable_at_the_extremes(pre, lr, expected):
    post = post_test_probability(pre, lr)
    assert math.isfinite(post) and 0.0 <= post <= 1.0
    assert post == pytest.approx(expected, abs=1e-300)


def test_a_likelihood_ratio_too_large_to_represent_names_specificity():
    with pytest.raises(ValueError, match=r"specificity = 4\.94066e-324 is too close to 0"):
        likelihood_ratio(0.8, 5e-324, "negative")
    assert math.isfinite(likelihood_ratio(0.8, 1 - 2**-53, "positive"))


def test_errors_from_a_test_result_name_what_the_caller_passed():
    with pytest.raises(ValueError, match="pretest_probability = 1 with a negative result") as err:
        post_test_probability_from_test(1.0, 1.0, 0.5, "negative")
    assert "likelihood_ratio_value" not in str(err.value)
    with pytest.raises(ValueError, match="pretest_probability = a huge number"):
        post_test_probability_from_test(10**400, 0.8, 0.5, "positive")
