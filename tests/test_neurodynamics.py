"""Tests of the nerve-bed teaching model (anatomy_helpers.neurodynamics)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from anatomy_helpers.neurodynamics import (
    JOINTS,
    SITES,
    NervePosture,
    compare_slider_tensioner,
    excursion_mm,
    glide_postures,
    glide_protocol,
    human_strain_range_pct,
    joint_parameters,
    load_measured_excursions,
    load_mobilisation_evidence,
    load_slider_tensioner,
    load_strain_thresholds,
    nerve_state,
    reference_checks,
)

ANGLES = {p.angle_name: p for p in joint_parameters().values()}


@st.composite
def postures(draw):
    """Any valid posture."""
    return NervePosture(
        **{
            name: draw(st.floats(p.min_deg, p.max_deg, allow_nan=False))
            for name, p in ANGLES.items()
        }
    )


def test_every_model_parameter_says_it_is_not_a_measurement():
    # the table only takes assumptions (tag A, teaching_assumption): a loader rule
    assert all("Not a measurement" in p.notes for p in joint_parameters().values())


def test_rest_posture_has_zero_elongation_strain_and_displacement():
    state = nerve_state(NervePosture())
    assert state.elongation_mm == 0
    assert state.mean_strain_pct == 0
    assert np.allclose(state.strain_profile_pct, 0)
    assert all(v == 0 for v in state.site_displacement_mm.values())


@settings(max_examples=60, deadline=None)
@given(postures(), st.sampled_from(sorted(ANGLES)), st.floats(0.5, 40))
def test_elongation_is_monotone_in_each_tensioning_angle(posture, angle_name, step):
    p = ANGLES[angle_name]
    value = getattr(posture, angle_name)
    moved = value + p.tensioning_direction * step
    if not p.min_deg <= moved <= p.max_deg:
        moved = value - p.tensioning_direction * step
        if not p.min_deg <= moved <= p.max_deg:
            return
        lengthening = False
    else:
        lengthening = True
    before = nerve_state(posture)
    after = nerve_state(posture.with_changes(**{angle_name: moved}))
    if lengthening:
        assert after.elongation_mm > before.elongation_mm
        assert after.mean_strain_pct > before.mean_strain_pct
    else:
        assert after.elongation_mm < before.elongation_mm


def test_knee_extension_lengthens_the_bed_and_knee_flexion_shortens_it():
    straight = nerve_state(NervePosture(knee_flexion_deg=0)).elongation_mm
    bent = nerve_state(NervePosture(knee_flexion_deg=90)).elongation_mm
    assert bent < straight == 0


@settings(max_examples=40, deadline=None)
@given(postures())
@example(NervePosture(hip_flexion_deg=70, knee_flexion_deg=30, ankle_dorsiflexion_deg=20))
def test_the_nerve_is_anchored_at_both_ends_of_the_bed(posture):
    # The distribution rule anchors the nerve at the foot, and at the foramen too unless
    # the neck or trunk pulls on it there (their "joint" is the proximal end); no point
    # moves further than the joints lengthen or shorten the bed in total.
    from anatomy_helpers.neurodynamics import displacement_profile_mm

    moved = displacement_profile_mm(posture)
    assert moved[-1] == pytest.approx(0.0, abs=1e-9)
    if posture.neck_flexion_deg == posture.trunk_flexion_deg == 0:
        assert moved[0] == pytest.approx(0.0, abs=1e-9)
    total = sum(abs(v) for v in nerve_state(posture).contributions_mm.values())
    assert np.all(np.abs(moved) <= total + 1e-9)


@settings(max_examples=40, deadline=None)
@given(postures())
def test_local_strain_integrates_to_the_bed_elongation(posture):
    state = nerve_state(posture)
    from anatomy_helpers.neurodynamics import bed_grid_mm

    integral_mm = np.trapezoid(state.strain_profile_pct / 100.0, bed_grid_mm())
    assert integral_mm == pytest.approx(state.elongation_mm, rel=1e-3, abs=1e-3)


def test_single_joint_strain_is_symmetric_about_the_joint():
    # Knee extension alone: strain at equal distances above and below the knee is equal
    # (the knee sits far enough from both ends for the fade to be symmetric).
    state = nerve_state(NervePosture(knee_flexion_deg=0).with_changes(ankle_dorsiflexion_deg=0))
    base = nerve_state(NervePosture(knee_flexion_deg=60))
    profile = state.strain_profile_pct - base.strain_profile_pct
    from anatomy_helpers.neurodynamics import bed_grid_mm

    grid = bed_grid_mm()
    knee = joint_parameters()["knee_flexion"].bed_position_mm
    for d in (50.0, 150.0, 300.0):
        above = np.interp(knee - d, grid, profile)
        below = np.interp(knee + d, grid, profile)
        assert above == pytest.approx(below, rel=1e-2)


def test_sites_above_a_moving_knee_slide_distally_and_below_it_proximally():
    start = NervePosture(hip_flexion_deg=90, knee_flexion_deg=90)
    end = start.with_changes(knee_flexion_deg=0)
    assert excursion_mm(start, end, "mid_thigh") > 0
    assert excursion_mm(start, end, "mid_calf") < 0


def test_neck_flexion_pulls_every_site_proximally():
    start = NervePosture()
    end = start.with_changes(neck_flexion_deg=50)
    for site in SITES:
        assert excursion_mm(start, end, site) < 0


def test_model_reproduces_ridehalgh_2014_within_one_sd():
    rows = {m.measurement_id: m for m in load_measured_excursions()}
    for key in ("ridehalgh2014_hip30", "ridehalgh2014_hip60"):
        m = rows[key]
        start = NervePosture(hip_flexion_deg=m.joint_angle_deg, knee_flexion_deg=90)
        predicted = excursion_mm(start, start.with_changes(knee_flexion_deg=0), "mid_thigh")
        assert abs(predicted - m.excursion_mm) <= m.excursion_sd_mm
        assert m.excursion_min_mm <= predicted <= m.excursion_max_mm


def test_reference_checks_all_within_their_stated_tolerance():
    checks = reference_checks()
    assert len(checks) == 5
    assert all(c.within for c in checks), [
        (c.measurement.measurement_id, c.predicted) for c in checks if not c.within
    ]


def test_tensioner_strains_more_and_slider_moves_more():
    start = NervePosture(
        trunk_flexion_deg=40, hip_flexion_deg=90, knee_flexion_deg=90, neck_flexion_deg=20
    )
    c = compare_slider_tensioner(start, "knee_flexion", 60, "neck_flexion", 20)
    assert c.tensioner_elongation_mm > c.slider_elongation_mm
    assert c.tensioner_peak_strain_pct > c.slider_peak_strain_pct
    assert c.slider_excursion_mm > c.tensioner_excursion_mm > 0
    assert c.excursion_ratio > 1
    assert c.slider_end.neck_flexion_deg == 0
    assert c.tensioner_end.neck_flexion_deg == 40


@settings(max_examples=30, deadline=None)
@given(st.floats(5, 40), st.floats(5, 40))
def test_slider_and_tensioner_differ_by_twice_the_second_joint(knee_step, hip_step):
    start = NervePosture(hip_flexion_deg=60, knee_flexion_deg=60)
    c = compare_slider_tensioner(start, "knee_flexion", knee_step, "hip_flexion", hip_step)
    r = joint_parameters()["hip_flexion"].moment_arm_mm
    assert c.tensioner_elongation_mm - c.slider_elongation_mm == pytest.approx(
        2 * r * math.radians(hip_step)
    )


@pytest.mark.parametrize(
    ("angle", "value", "pattern"),
    [
        ("knee_flexion_deg", -5, r"knee_flexion_deg \(knee flexion\) = -5 .*range 0 to 140"),
        ("hip_flexion_deg", 150, r"hip_flexion_deg .*range -20 to 120"),
        ("neck_flexion_deg", 90, r"neck_flexion_deg .*range -40 to 60"),
        ("ankle_dorsiflexion_deg", math.nan, r"ankle_dorsiflexion_deg .*range -50 to 30"),
        ("hip_adduction_deg", 45, r"hip_adduction_deg .*range -30 to 30"),
    ],
)
def test_out_of_range_angles_name_the_joint_and_range(angle, value, pattern):
    with pytest.raises(ValueError, match=pattern):
        NervePosture(**{angle: value})


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(ANGLES)), st.floats(allow_nan=False, allow_infinity=True))
def test_any_angle_is_accepted_or_rejected_clearly(angle, value):
    p = ANGLES[angle]
    if p.min_deg <= value <= p.max_deg:
        assert getattr(NervePosture(**{angle: value}), angle) == value
    else:
        with pytest.raises(ValueError, match=angle):
            NervePosture(**{angle: value})


def test_bad_types_and_names():
    with pytest.raises(
        TypeError, match=r"knee_flexion_deg \(knee flexion\) must be a number of degrees"
    ):
        NervePosture(knee_flexion_deg="90")
    with pytest.raises(TypeError, match="posture must be a NervePosture"):
        nerve_state({"knee_flexion_deg": 90})
    with pytest.raises(ValueError, match="unknown site 'thigh'; valid sites: roots"):
        excursion_mm(NervePosture(), NervePosture(), "thigh")
    with pytest.raises(ValueError, match="unknown joint angle"):
        NervePosture().with_changes(elbow_deg=10)
    with pytest.raises(ValueError, match="lead_joint 'elbow' is unknown"):
        compare_slider_tensioner(NervePosture(), "elbow", 10, "knee_flexion", 10)
    with pytest.raises(ValueError, match="must be different"):
        compare_slider_tensioner(NervePosture(), "knee_flexion", 10, "knee_flexion", 10)
    with pytest.raises(ValueError, match="second_change_deg must be a positive"):
        compare_slider_tensioner(NervePosture(), "hip_flexion", 10, "knee_flexion", -5)
    with pytest.raises(ValueError, match=r"knee_flexion_deg .*range 0 to 140"):
        # the tensioner would need knee flexion below 0
        compare_slider_tensioner(NervePosture(), "hip_flexion", 10, "knee_flexion", 10)
    with pytest.raises(ValueError, match="n_steps = 1 is outside its range 2 to 91"):
        glide_postures(1)


def test_glide_follows_the_seed_and_lengthens_the_bed():
    protocol = glide_protocol()
    assert protocol["hip_flexion_deg"].value == 90
    assert protocol["repetitions"].value == 20
    steps = glide_postures(5)
    assert [s.knee_flexion_deg for s in steps] == [90, 67.5, 45, 22.5, 0]
    elong = [nerve_state(s).elongation_mm for s in steps]
    assert elong == sorted(elong)


def test_thresholds_are_labelled_animal_or_human_and_human_range_is_computed():
    rows = load_strain_thresholds()
    animal = [t for t in rows if t.kind.startswith("animal")]
    assert animal
    assert all(t.species == "rabbit" for t in animal)
    assert {t.source_id for t in animal} >= {"ogata_naito1986"}
    assert human_strain_range_pct() == (0.8, 6.8)


def test_upper_limb_slider_data_are_labelled_and_ordered():
    rows = {r.comparison_id: r for r in load_slider_tensioner()}
    assert rows["cb2008_median_slider"].limb == "upper"
    assert rows["cb2008_median_slider"].excursion_mm > rows["cb2008_median_tensioner"].excursion_mm
    assert rows["cb2008_median_slider"].strain_pct < rows["cb2008_median_tensioner"].strain_pct
    assert rows["e2012_sciatic_slider"].excursion_mm is None  # mm values not verified


def test_evidence_table_covers_the_named_studies_and_the_untested_dose():
    rows = load_mobilisation_evidence()
    assert {r.source_id for r in rows} >= {
        "basson2017",
        "peacock2023",
        "chen2024",
        "ferreira2016",
        "cleland2006",
        "nagrale2012",
        "plaza_manzano2020",
        "seed_sciatic_glide_page",
    }
    assert any(r.verdict == "untested" for r in rows)
    for r in rows:
        if r.mean_difference is not None:
            assert r.ci_low <= r.mean_difference <= r.ci_high


def test_joint_order_and_sites():
    assert tuple(joint_parameters()) == JOINTS
    positions = [nerve_state(NervePosture()).site_displacement_mm[s] for s in SITES]
    assert positions == [0.0] * len(SITES)
