"""Tests for anatomy_helpers.muscle_length (gastrocnemius vs soleus teaching model)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anatomy_helpers import muscle_length as ml

knees = st.floats(0, 140)
ankles = st.floats(-50, 30)


def test_parameters_are_labelled_assumptions():
    for p in ml.load_parameters():
        assert p.source_id == "teaching_assumption"
        assert p.verification == "A"


def test_measured_moment_arms_disagree_between_methods():
    rows = {r.row_id: r for r in ml.load_evidence()}
    assert rows["manal_df20"].value_low_mm == 34.6
    assert rows["manal_pf10"].value_high_mm == 36.9
    assert (rows["maganaris_rest"].value_low_mm, rows["maganaris_rest"].value_high_mm) == (
        43.0,
        56.0,
    )
    assumed = ml.parameter_value("ankle_moment_arm_mm")
    assert rows["manal_pf10"].value_high_mm < assumed < rows["maganaris_rest"].value_low_mm


def test_reference_position_is_100_percent():
    m = ml.muscle_lengths(0, 0)
    assert m.gastrocnemius_relative_pct == 100.0
    assert m.soleus_relative_pct == 100.0


def test_knee_flexion_shortens_gastrocnemius_only():
    m = ml.muscle_lengths(90, 0)
    assert m.soleus_change_mm == 0.0
    assert m.gastrocnemius_change_mm == pytest.approx(-15.0 * math.pi / 2)


def test_dorsiflexion_lengthens_both_by_the_same_amount():
    m = ml.muscle_lengths(0, 20)
    assert m.gastrocnemius_change_mm == pytest.approx(m.soleus_change_mm)
    assert m.soleus_change_mm == pytest.approx(40.0 * math.radians(20))


def test_presets_standing_gastrocnemius_longer_than_seated_soleus_equal():
    for phase in ("bottom", "top"):
        stand = ml.get_preset(f"standing_{phase}")
        seat = ml.get_preset(f"seated_{phase}")
        a = ml.muscle_lengths(stand.knee_flexion_deg, stand.ankle_dorsiflexion_deg)
        b = ml.muscle_lengths(seat.knee_flexion_deg, seat.ankle_dorsiflexion_deg)
        assert a.gastrocnemius_relative_pct > b.gastrocnemius_relative_pct
        assert a.soleus_relative_pct == pytest.approx(b.soleus_relative_pct)
    assert all(p.verification == "A" for p in ml.load_presets())


@given(knee=knees, a1=ankles, a2=ankles)
def test_length_increases_with_dorsiflexion(knee, a1, a2):
    lo, hi = sorted((a1, a2))
    assert (
        ml.muscle_lengths(knee, lo).soleus_change_mm <= ml.muscle_lengths(knee, hi).soleus_change_mm
    )
    assert (
        ml.muscle_lengths(knee, lo).gastrocnemius_change_mm
        <= ml.muscle_lengths(knee, hi).gastrocnemius_change_mm
    )


@given(k1=knees, k2=knees, ankle=ankles)
def test_gastrocnemius_shortens_with_knee_flexion_soleus_unchanged(k1, k2, ankle):
    lo, hi = sorted((k1, k2))
    a, b = ml.muscle_lengths(lo, ankle), ml.muscle_lengths(hi, ankle)
    assert b.gastrocnemius_change_mm <= a.gastrocnemius_change_mm
    assert a.soleus_change_mm == b.soleus_change_mm


def test_accessors_validate_muscle_name():
    m = ml.muscle_lengths(10, 5)
    assert m.relative_pct("soleus") == m.soleus_relative_pct
    assert m.change_mm("gastrocnemius") == m.gastrocnemius_change_mm
    with pytest.raises(ValueError, match="muscle must be one of gastrocnemius, soleus"):
        m.relative_pct("plantaris")
    with pytest.raises(ValueError, match="muscle must be one of"):
        m.change_mm("plantaris")


@pytest.mark.parametrize(
    ("knee", "ankle", "error", "match"),
    [
        (
            -5,
            0,
            ValueError,
            r"knee_flexion_deg \(knee\) = -5 is outside its range 0 to 140 degrees",
        ),
        (
            150,
            0,
            ValueError,
            r"knee_flexion_deg \(knee\) = 150 is outside its range 0 to 140 degrees",
        ),
        (
            0,
            35,
            ValueError,
            r"ankle_dorsiflexion_deg \(ankle\) = 35 is outside its range -50 to 30 degrees",
        ),
        (0, float("nan"), ValueError, r"\(ankle\)"),
        ("90", 0, TypeError, r"knee_flexion_deg \(knee\) must be a number"),
        (0, True, TypeError, r"ankle_dorsiflexion_deg \(ankle\) must be a number"),
    ],
)
def test_bad_angles_raise(knee, ankle, error, match):
    with pytest.raises(error, match=match):
        ml.muscle_lengths(knee, ankle)


def test_unknown_ids_raise():
    with pytest.raises(
        ValueError, match="unknown preset_id 'lying'; valid presets: standing_bottom"
    ):
        ml.get_preset("lying")
    with pytest.raises(ValueError, match="unknown parameter"):
        ml.parameter_value("hip_moment_arm_mm")
