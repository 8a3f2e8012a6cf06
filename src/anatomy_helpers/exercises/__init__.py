"""Exercise library, cited dosages and a validated weekly dosage planner (core, no plotting).

The library (``data/exercises.csv`` and its companion tables) holds the exercises and the
self-management advice discussed in notebook 06: the supine sciatic nerve glide, the slump
slider and slump stretch, two calf stretches, standing and seated calf raises, and advice
on activity, sitting and heat or cold. Each exercise has numbered steps, one or more
dosages labelled by where they come from (``dosage_basis``), what the person should feel,
stop rules, an evidence summary with sources, and illustrative start and end poses for the
stick figure of :mod:`anatomy_helpers.kinematics`.

Dosage basis:

* ``published`` -- the dose a trial used (e.g. Kinoshita et al. 2023: 5 x 10 at 70 % 1RM,
  twice a week for 12 weeks, in healthy untrained adults);
* ``common prescription`` -- a dose clinicians commonly give that no trial has tested (the
  seed page's 20 glides 2-3 times a day);
* ``teaching example`` -- an example dose for the planner where no source gives one (cited
  to ``teaching_assumption`` and always labelled as such).

The package is split by job: :mod:`~anatomy_helpers.exercises.library` (the tables and
lookups), :mod:`~anatomy_helpers.exercises.planner` (:func:`plan_item`,
:func:`build_plan`, checked against :data:`PLAN_LIMITS` and two daily totals -- bounds of
this teaching tool that catch typing errors, a teaching assumption, not clinical maximum
doses) and :mod:`~anatomy_helpers.exercises.schedule` (:func:`weekly_plan_table`).

References: seed_sciatic_glide_page, seed_nerve_tension_page, seed_calf_sciatica_page,
cleland2006, ferreira2016, kinoshita2023, radford2006, french2006, teaching_assumption.
"""

from anatomy_helpers.exercises.library import (
    Dosage,
    EvidenceFinding,
    Exercise,
    ExerciseCard,
    ExercisePose,
    ExerciseSensation,
    ExerciseStep,
    StopRule,
    exercise_card,
    exercise_ids,
    get_exercise,
    load_dosages,
    load_evidence,
    load_exercise_sensations,
    load_exercises,
    load_poses,
    load_steps,
    load_stop_rules,
    pose_angles,
)
from anatomy_helpers.exercises.planner import (
    DAILY_HOLD_LIMIT_S,
    DAILY_REPS_LIMIT,
    DAYS,
    PLAN_LIMITS,
    PROGRESSION_LIMITS,
    ExercisePlan,
    PlanItem,
    build_plan,
    default_plan,
    default_plan_item,
    item_limits,
    plan_item,
    with_item,
)
from anatomy_helpers.exercises.schedule import (
    WeekRow,
    dose_per_session_text,
    plan_source_ids,
    training_days,
    weekly_plan_table,
)

__all__ = [
    "DAILY_HOLD_LIMIT_S",
    "DAILY_REPS_LIMIT",
    "DAYS",
    "PLAN_LIMITS",
    "PROGRESSION_LIMITS",
    "Dosage",
    "EvidenceFinding",
    "Exercise",
    "ExerciseCard",
    "ExercisePlan",
    "ExercisePose",
    "ExerciseSensation",
    "ExerciseStep",
    "PlanItem",
    "StopRule",
    "WeekRow",
    "build_plan",
    "default_plan",
    "default_plan_item",
    "dose_per_session_text",
    "exercise_card",
    "exercise_ids",
    "get_exercise",
    "item_limits",
    "load_dosages",
    "load_evidence",
    "load_exercise_sensations",
    "load_exercises",
    "load_poses",
    "load_steps",
    "load_stop_rules",
    "plan_item",
    "plan_source_ids",
    "pose_angles",
    "training_days",
    "weekly_plan_table",
    "with_item",
]
