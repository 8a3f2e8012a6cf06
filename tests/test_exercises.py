"""Tests for the exercise library and the dosage planner (anatomy_helpers.exercises)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anatomy_helpers import exercises as ex
from anatomy_helpers.kinematics import JointAngles


def test_every_card_orders_steps_and_poses_and_the_poses_differ():
    # steps, doses, evidence and both poses are required by the table rules (tested in
    # test_table_rules.py); the card puts them in order
    for key in ex.exercise_ids("exercise"):
        card = ex.exercise_card(key)
        assert [s.step for s in card.steps] == list(range(1, len(card.steps) + 1)), key
        assert [p.position for p in card.poses] == ["start", "end"], key
        assert card.poses[0].angles() != card.poses[1].angles(), key


def test_advice_entries_have_evidence_but_no_pose():
    for key in ex.exercise_ids("advice"):
        card = ex.exercise_card(key)
        assert card.evidence
        assert card.steps
        assert not card.poses
        with pytest.raises(ValueError, match="advice"):
            ex.pose_angles(key, "start")


def test_issue_content_is_in_the_library():
    ids = set(ex.exercise_ids())
    assert {
        "sciatic_nerve_glide",
        "slump_slider",
        "slump_stretch",
        "standing_calf_stretch",
        "towel_calf_stretch",
        "standing_calf_raise",
        "seated_calf_raise",
        "core_strengthening",
        "low_impact_activity",
    } <= ids


def test_seed_glide_dose_is_common_prescription_not_published():
    (dose,) = ex.exercise_card("sciatic_nerve_glide").dosages
    assert dose.dosage_basis == "common prescription"
    assert (dose.sets, dose.reps, dose.sessions_per_day, dose.sessions_per_day_max) == (1, 20, 2, 3)
    assert dose.source_id == "seed_sciatic_glide_page"


def test_published_doses_match_the_trials():
    kin = [d for d in ex.load_dosages() if d.source_id == "kinoshita2023"]
    assert {d.exercise_id for d in kin} == {"standing_calf_raise", "seated_calf_raise"}
    for d in kin:
        assert (d.sets, d.reps, d.days_per_week, d.weeks) == (5, 10, 2, 12)
        assert d.dosage_basis == "published"
        assert d.verification == "V"
        assert "untrained" in d.population
    (cle,) = [d for d in ex.load_dosages() if d.source_id == "cleland2006"]
    assert (cle.reps, cle.hold_s, cle.dosage_basis, cle.verification) == (5, 30, "published", "S")


def test_teaching_examples_say_so_in_their_description():
    # that they cite teaching_assumption with tag A is a loader rule
    examples = [d for d in ex.load_dosages() if d.dosage_basis == "teaching example"]
    assert examples
    assert all(d.description.startswith("Example only") for d in examples)


def test_slump_stretch_carries_the_seed_caution():
    ss = ex.get_exercise("slump_stretch")
    assert ss.supervision == "clinician-supervised"
    assert "self-treatment" in ss.caution
    finding_sources = {e.source_id for e in ex.exercise_card("slump_stretch").evidence}
    assert "seed_nerve_tension_page" in finding_sources


def test_calf_raise_evidence_says_not_a_sciatica_treatment():
    texts = " ".join(e.finding for e in ex.exercise_card("standing_calf_raise").evidence)
    assert "12.4" in texts
    assert "sciatica" in texts


def test_pose_angles_returns_joint_angles():
    a = ex.pose_angles("sciatic_nerve_glide", "end")
    assert isinstance(a, JointAngles)
    assert a.body_tilt_deg == 90
    with pytest.raises(ValueError, match="position must be 'start' or 'end'"):
        ex.pose_angles("sciatic_nerve_glide", "middle")


def test_get_exercise_errors():
    with pytest.raises(ValueError, match="unknown exercise_id 'glide'; valid ids"):
        ex.get_exercise("glide")
    with pytest.raises(TypeError, match="exercise_id must be a str"):
        ex.get_exercise(3)
    with pytest.raises(ValueError, match="unknown kind 'stretch'; valid kinds"):
        ex.exercise_ids("stretch")


# ---------------------------------------------------------------- planner validation
GLIDE = {"sets": 1, "reps": 20, "sessions_per_day": 2, "days_per_week": 7}


@pytest.mark.parametrize(
    ("field", "value", "pattern"),
    [
        ("sets", 0, r"sets = 0 is outside its range 1 to 5"),
        ("sets", -2, r"sets = -2 is outside its range 1 to 5"),
        ("reps", 500, r"reps = 500 is outside its range 1 to 30"),
        ("sessions_per_day", 12, r"sessions_per_day = 12 is outside its range 1 to 3"),
        ("days_per_week", 8, r"days_per_week = 8 is outside its range 1 to 7"),
        ("days_per_week", 0, r"days_per_week = 0 is outside"),
        ("reps", 2.5, r"reps = 2.5 must be a whole number from 1 to 30"),
        ("reps", float("nan"), r"reps = nan is not a finite number"),
        (
            "progression_per_week",
            9,
            r"progression_per_week = 9 is outside its range 0 to 5",
        ),
    ],
)
def test_plan_item_rejects_bad_numbers(field, value, pattern):
    with pytest.raises(ValueError, match=pattern):
        ex.plan_item("sciatic_nerve_glide", **{**GLIDE, field: value})


def test_plan_item_rejects_wrong_types_and_exercises():
    with pytest.raises(TypeError, match="sets must be a whole number from 1 to 5, got str"):
        ex.plan_item("sciatic_nerve_glide", **{**GLIDE, "sets": "3"})
    with pytest.raises(TypeError, match="got bool"):
        ex.plan_item("sciatic_nerve_glide", **{**GLIDE, "sets": True})
    with pytest.raises(ValueError, match="is advice and cannot be dosed"):
        ex.plan_item("movement_breaks", **GLIDE)
    with pytest.raises(ValueError, match="hold_s must be None"):
        ex.plan_item("sciatic_nerve_glide", **GLIDE, hold_s=30)
    with pytest.raises(ValueError, match="hold_s is required"):
        ex.plan_item("slump_stretch", sets=1, reps=5, sessions_per_day=1, days_per_week=2)
    with pytest.raises(ValueError, match=r"hold_s = 600 is outside its range 5 to 60"):
        ex.plan_item(
            "slump_stretch", sets=1, reps=5, hold_s=600, sessions_per_day=1, days_per_week=2
        )


def test_daily_totals_are_limited():
    with pytest.raises(ValueError, match=r"= 270 repetitions a day exceeds the planner's limit"):
        ex.plan_item("sciatic_nerve_glide", sets=3, reps=30, sessions_per_day=3, days_per_week=7)
    with pytest.raises(ValueError, match=r"= 5400 s a day exceeds the planner's limit of 1200 s"):
        ex.plan_item(
            "slump_stretch", sets=3, reps=10, hold_s=60, sessions_per_day=3, days_per_week=7
        )


def test_build_plan_validation():
    item = ex.plan_item("sciatic_nerve_glide", **GLIDE)
    with pytest.raises(ValueError, match="items must hold 1 to 8 exercises, got 0"):
        ex.build_plan([], weeks=4)
    with pytest.raises(ValueError, match="repeated: sciatic_nerve_glide"):
        ex.build_plan([item, item], weeks=4)
    with pytest.raises(ValueError, match="weeks = 52 is outside its range 1 to 16"):
        ex.build_plan([item], weeks=52)
    with pytest.raises(TypeError, match=r"items\[0\] must be a PlanItem"):
        ex.build_plan([{"exercise_id": "sciatic_nerve_glide"}], weeks=4)
    with pytest.raises(ValueError, match="title must not be empty"):
        ex.build_plan([item], weeks=4, title="   ")
    with pytest.raises(ValueError, match="notes is 2001 characters long; the limit is 2000"):
        ex.build_plan([item], weeks=4, notes="x" * 2001)
    with pytest.raises(ValueError, match="advice_ids: 'slump_stretch' is not advice"):
        ex.build_plan([item], weeks=4, advice_ids=["slump_stretch"])
    # a hand-built PlanItem that bypasses plan_item is re-validated
    bad = ex.PlanItem("sciatic_nerve_glide", 9, 20, None, 1, 7)
    with pytest.raises(ValueError, match="sets = 9 is outside"):
        ex.build_plan([bad], weeks=4)


def test_default_plan_items_follow_the_cited_dose():
    item, dose = ex.default_plan_item("standing_calf_raise")
    assert (item.sets, item.reps, item.days_per_week) == (5, 10, 2)
    assert dose.dosage_basis == "published"
    item, dose = ex.default_plan_item("sciatic_nerve_glide")
    assert (item.reps, item.sessions_per_day, item.days_per_week) == (20, 2, 7)
    assert dose.days_per_week is None  # source silent: 7 used and said so where shown


def test_weekly_table_progression_and_cap():
    glide = ex.plan_item(
        "sciatic_nerve_glide",
        sets=1,
        reps=20,
        sessions_per_day=3,
        days_per_week=7,
        progression_per_week=5,
    )
    hold = ex.plan_item(
        "slump_stretch",
        sets=1,
        reps=5,
        hold_s=30,
        sessions_per_day=1,
        days_per_week=2,
        progression_per_week=10,
    )
    plan = ex.build_plan([glide, hold], weeks=6)
    rows = ex.weekly_plan_table(plan)
    assert len(rows) == 12
    glide_rows = [r for r in rows if r.exercise_id == "sciatic_nerve_glide"]
    # reps cap: min(30, 150 // 3) = 30
    assert [r.reps for r in glide_rows] == [20, 25, 30, 30, 30, 30]
    assert [r.capped for r in glide_rows] == [False, False, False, True, True, True]
    assert glide_rows[0].reps_per_week == 20 * 3 * 7
    hold_rows = [r for r in rows if r.exercise_id == "slump_stretch"]
    assert [r.hold_s for r in hold_rows] == [30, 40, 50, 60, 60, 60]
    assert hold_rows[0].hold_min_per_week == pytest.approx(5 * 30 * 2 / 60)
    assert hold_rows[0].dose_text == "1 set × 5 holds of 30 s, once a day, 2 days a week"


@settings(max_examples=60, deadline=None)
@given(
    exercise_id=st.sampled_from(["sciatic_nerve_glide", "slump_stretch", "standing_calf_raise"]),
    sets=st.integers(-3, 8),
    reps=st.integers(-3, 40),
    hold_s=st.integers(0, 90),
    sessions=st.integers(0, 5),
    days=st.integers(0, 9),
    prog=st.integers(-1, 12),
    weeks=st.integers(1, 16),
)
def test_planner_either_rejects_clearly_or_stays_within_limits(
    exercise_id, sets, reps, hold_s, sessions, days, prog, weeks
):
    hold = hold_s if ex.get_exercise(exercise_id).mode == "hold" else None
    try:
        item = ex.plan_item(
            exercise_id,
            sets=sets,
            reps=reps,
            hold_s=hold,
            sessions_per_day=sessions,
            days_per_week=days,
            progression_per_week=prog,
        )
    except ValueError as exc:
        message = str(exc)
        assert any(
            f in message
            for f in (
                "sets",
                "reps",
                "hold_s",
                "sessions_per_day",
                "days_per_week",
                "progression_per_week",
            )
        )
        return
    for row in ex.weekly_plan_table(ex.build_plan([item], weeks=weeks)):
        assert 1 <= row.reps <= 30
        if row.hold_s is None:
            assert row.sets * row.reps * row.sessions_per_day <= ex.DAILY_REPS_LIMIT
        else:
            assert 5 <= row.hold_s <= 60
            assert row.sets * row.reps * row.hold_s * row.sessions_per_day <= ex.DAILY_HOLD_LIMIT_S


def test_item_limits_bound_reps_by_daily_total():
    lim = ex.item_limits("standing_calf_raise", sets=5, sessions_per_day=3)
    assert lim["reps"] == (1, 10)
    lim = ex.item_limits("slump_stretch", sets=2, sessions_per_day=2, hold_s=60)
    assert lim["reps"] == (1, 5)
    assert lim["progression_per_week"] == (0, 10)


def test_training_days_spread_over_the_week():
    assert ex.training_days(7) == tuple(range(7))
    assert ex.training_days(2) == (0, 4)
    assert len(ex.training_days(5)) == 5
    with pytest.raises(ValueError, match="days_per_week = 9 is outside"):
        ex.training_days(9)


def test_with_item_replaces_or_appends():
    plan = ex.default_plan(["sciatic_nerve_glide"], weeks=3)
    new = ex.plan_item("sciatic_nerve_glide", sets=2, reps=10, sessions_per_day=1, days_per_week=5)
    assert ex.with_item(plan, new).items == (new,)
    calf, _ = ex.default_plan_item("seated_calf_raise")
    assert ex.with_item(plan, calf).exercise_ids == ("sciatic_nerve_glide", "seated_calf_raise")


def test_what_to_feel_comes_from_the_sensation_table():
    # every entry has exactly one row, cited teaching_assumption (loader rules)
    rows = {r.exercise_id: r.what_to_feel for r in ex.load_exercise_sensations()}
    for entry in ex.load_exercises():
        assert entry.what_to_feel == rows[entry.exercise_id]
