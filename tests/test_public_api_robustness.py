"""Odd input never gives a wrong answer: every public core function fails clearly or works.

Each public function (and validated record) of the core modules is called with a valid
baseline; then each parameter in turn gets odd values (None, a bool, text, NaN,
infinities, a huge int, negative and zero numbers, empty containers, bytes, an object).
The call must either return, or raise ``ValueError``/``TypeError`` whose message names
the parameter (file-format errors name the file and place instead). Any other exception
(``AttributeError``, ``OverflowError``, ``KeyError``...) fails the test.
"""

from __future__ import annotations

import importlib
import inspect
import math
from pathlib import Path

import pytest

from anatomy_helpers.exercises import build_plan, plan_item
from anatomy_helpers.kinematics import JointAngles
from anatomy_helpers.neurodynamics import NervePosture
from anatomy_helpers.records import RecordFormatError, recording_to_csv, recording_to_json
from anatomy_helpers.selfcheck import check_answer, load_question_bank
from anatomy_helpers.slump import StageFinding, example_recording
from anatomy_helpers.tables import DataTableError

MODULES = (
    "anatomy",
    "calf_raise",
    "cpd",
    "diagnostics",
    "exercises",
    "fileio",
    "kinematics",
    "muscle_length",
    "neurodynamics",
    "records",
    "references",
    "selfcheck",
    "slump",
    "tables",
    "validation",
)

ODD = (
    None,
    True,
    "x",
    "",
    math.nan,
    math.inf,
    -math.inf,
    10**400,
    -1,
    0,
    1e308,
    [],
    {},
    b"x",
    object(),
)

#: Developer-only functions that register global state; tested in test_tables.py.
NOT_PROBED = {"tables.table_loader"}


def _plan():
    item = plan_item("sciatic_nerve_glide", sets=1, reps=10, sessions_per_day=2, days_per_week=5)
    return build_plan([item], weeks=3)


def _question():
    return load_question_bank("00_start_here")[0]


#: A valid call of every probed function: name -> keyword arguments (built fresh per use).
BASELINE = {
    "anatomy.branches_supplying_muscle": lambda: {"muscle": "soleus"},
    "anatomy.branches_supplying_region": lambda: {"region_id": "sole", "sciatic_only": True},
    "anatomy.children_of": lambda: {"node_id": "sciatic"},
    "anatomy.descendants_of": lambda: {"node_id": "sciatic"},
    "anatomy.get_node": lambda: {"node_id": "tibial"},
    "anatomy.landmarks_for": lambda: {"node_id": "sciatic"},
    "anatomy.match_pattern": lambda: {"findings": {"numb_regions": ["sole"]}, "top": 2},
    "anatomy.muscles_of": lambda: {"node_id": "tibial", "include_branches": False},
    "anatomy.node_ids": lambda: {"kind": "root", "sciatic_only": True},
    "anatomy.path_from_root": lambda: {"root": "L5", "target": "tibial"},
    "anatomy.predicted_findings": lambda: {"candidate_id": "tibial"},
    "anatomy.red_flags_in": lambda: {"findings": {"numb_regions": ["saddle"]}},
    "anatomy.prevalence": lambda: {"estimate_id": "smoll_any_variant"},
    "anatomy.root_signs": lambda: {"root": "L5", "finding": "reflex"},
    "anatomy.roots_of": lambda: {"node_id": "sural"},
    "anatomy.score_candidate": lambda: {
        "candidate_id": "L5",
        "findings": {"weak_movements": ["ankle_inversion"], "normal_reflexes": ["ankle_jerk"]},
    },
    "anatomy.territory_of": lambda: {"node_id": "sural", "include_branches": False},
    "anatomy.Findings": lambda: {
        "numb_regions": ("sole",),
        "weak_movements": (),
        "normal_strength": ("ankle_inversion",),
    },
    "calf_raise.change_ratio": lambda: {"muscle_id": "soleus"},
    "calf_raise.get_result": lambda: {"muscle_id": "soleus"},
    "calf_raise.implied_sd_difference_pct": lambda: {
        "muscle_id": "soleus",
        "n_participants": 14,
    },
    "calf_raise.p_values_for": lambda: {"muscle_id": "soleus"},
    "calf_raise.simulate_paired_changes": lambda: {
        "muscle_id": "soleus",
        "n_participants": 10,
        "between_person_sd_pct": 5.0,
        "leg_correlation": 0.3,
        "seed": 1,
        "match_published_means": False,
    },
    "calf_raise.simulated_power": lambda: {
        "muscle_id": "soleus",
        "n_values": [10, 20],
        "between_person_sd_pct": 5.0,
        "leg_correlation": 0.3,
        "n_simulations": 200,
        "seed": 1,
    },
    "calf_raise.t_critical_two_sided": lambda: {"df": 10, "alpha": 0.05},
    "calf_raise.validate_muscle_id": lambda: {"muscle_id": "soleus"},
    "diagnostics.accuracy_for_test": lambda: {"test_id": "slump"},
    "diagnostics.accuracy_table_markdown": lambda: {"test_ids": ("slump",)},
    "diagnostics.get_accuracy_row": lambda: {"row_id": "deville2000_slr"},
    "diagnostics.likelihood_ratio": lambda: {
        "sensitivity": 0.8,
        "specificity": 0.7,
        "result": "positive",
    },
    "diagnostics.likelihood_ratios": lambda: {"sensitivity": 0.8, "specificity": 0.7},
    "diagnostics.post_test_probability": lambda: {
        "pretest_probability": 0.3,
        "likelihood_ratio_value": 2.0,
    },
    "diagnostics.post_test_probability_from_test": lambda: {
        "pretest_probability": 0.3,
        "sensitivity": 0.8,
        "specificity": 0.7,
        "result": "negative",
    },
    "exercises.build_plan": lambda: {
        "items": [_plan().items[0]],
        "weeks": 4,
        "title": "Plan",
        "notes": "n",
        "advice_ids": ("movement_breaks",),
    },
    "exercises.default_plan": lambda: {
        "exercise_ids_": ("seated_calf_raise",),
        "weeks": 2,
        "advice_ids": (),
    },
    "exercises.default_plan_item": lambda: {"exercise_id": "seated_calf_raise"},
    "exercises.dose_per_session_text": lambda: {"row": _plan().items[0]},
    "exercises.exercise_card": lambda: {"exercise_id": "slump_slider"},
    "exercises.exercise_ids": lambda: {"kind": "advice"},
    "exercises.get_exercise": lambda: {"exercise_id": "slump_slider"},
    "exercises.item_limits": lambda: {
        "exercise_id": "slump_stretch",
        "sets": 2,
        "sessions_per_day": 1,
        "hold_s": 30,
    },
    "exercises.plan_item": lambda: {
        "exercise_id": "slump_stretch",
        "sets": 1,
        "reps": 3,
        "sessions_per_day": 1,
        "days_per_week": 3,
        "hold_s": 30,
        "progression_per_week": 2,
    },
    "exercises.plan_source_ids": lambda: {"plan": _plan()},
    "exercises.pose_angles": lambda: {"exercise_id": "slump_slider", "position": "end"},
    "exercises.training_days": lambda: {"days_per_week": 3},
    "exercises.weekly_plan_table": lambda: {"plan": _plan()},
    "exercises.with_item": lambda: {"plan": _plan(), "item": _plan().items[0]},
    "fileio.write_bytes_atomic": lambda: {"path": "out.bin", "data": b"x"},
    "fileio.write_text_atomic": lambda: {"path": "out.txt", "text": "x", "encoding": "utf-8"},
    "kinematics.pose_from_angles": lambda: {"angles": JointAngles(), "height_m": 1.6},
    "kinematics.validate_angle": lambda: {"name": "knee_flexion_deg", "value": 30},
    "kinematics.JointAngles": lambda: {"knee_flexion_deg": 30.0, "hip_flexion_deg": 60.0},
    "muscle_length.get_preset": lambda: {"preset_id": "seated_top"},
    "muscle_length.muscle_lengths": lambda: {
        "knee_flexion_deg": 30.0,
        "ankle_dorsiflexion_deg": 10.0,
    },
    "muscle_length.parameter_value": lambda: {"parameter_id": "knee_moment_arm_mm"},
    "muscle_length.validate_ankle_dorsiflexion_deg": lambda: {"value": 10.0},
    "muscle_length.validate_knee_flexion_deg": lambda: {"value": 10.0},
    "neurodynamics.compare_slider_tensioner": lambda: {
        "start": NervePosture(hip_flexion_deg=60, knee_flexion_deg=60),
        "lead_joint": "knee_flexion",
        "lead_change_deg": 20.0,
        "second_joint": "hip_flexion",
        "second_change_deg": 10.0,
        "site": "mid_thigh",
    },
    "neurodynamics.displacement_profile_mm": lambda: {"posture": NervePosture()},
    "neurodynamics.example_posture": lambda: {"posture_id": "full_slump"},
    "neurodynamics.excursion_mm": lambda: {
        "start": NervePosture(),
        "end": NervePosture(knee_flexion_deg=30),
        "site": "ankle",
    },
    "neurodynamics.glide_postures": lambda: {"n_steps": 3},
    "neurodynamics.nerve_state": lambda: {"posture": NervePosture()},
    "neurodynamics.technique_example": lambda: {"example_id": "knee_extension_with_neck"},
    "neurodynamics.NervePosture": lambda: {"knee_flexion_deg": 30.0, "neck_flexion_deg": 10.0},
    "records.load_recording": lambda: {"path": "saved.json", "fmt": "json"},
    "records.recording_from_csv": lambda: {
        "text": recording_to_csv(example_recording("positive")),
        "file": "a.csv",
    },
    "records.recording_from_json": lambda: {
        "text": recording_to_json(example_recording("positive")),
        "file": "a.json",
    },
    "records.recording_to_csv": lambda: {"recording": example_recording("positive")},
    "records.recording_to_json": lambda: {"recording": example_recording("positive")},
    "records.safe_export_path": lambda: {"folder": "exports", "file_stem": "a", "fmt": "csv"},
    "records.save_recording": lambda: {
        "recording": example_recording("normal"),
        "path": "saved2.json",
        "fmt": "json",
    },
    "references.cite": lambda: {"key": "smoll2010"},
    "references.cite_link": lambda: {"key": "smoll2010"},
    "references.format_reference": lambda: {"key": "smoll2010"},
    "references.get_source": lambda: {"key": "smoll2010"},
    "references.references_html": lambda: {"keys": ["smoll2010"]},
    "references.references_markdown": lambda: {"keys": ["smoll2010"]},
    "cpd.make_cpd_record": lambda: {
        "notebook": "00_start_here",
        "title": "Start here",
        "objectives": ["List the red flags"],
        "minutes_spent": 10,
        "activity_type": "self_directed",
        "reflections": {"learning": "Ask every visit."},
    },
    "selfcheck.check_answer": lambda: {"question": _question(), "response": [0]},
    "selfcheck.display_order": lambda: {"question": _question()},
    "selfcheck.session_results": lambda: {"notebook": "00_start_here"},
    "selfcheck.load_question_bank": lambda: {"notebook": "00_start_here"},
    "selfcheck.display_orders": lambda: {"questions": [_question()]},
    "selfcheck.score_answers": lambda: {
        "questions": [_question()],
        "feedback": {_question().question_id: check_answer(_question(), [0])},
    },
    "slump.example_recording": lambda: {"name": "normal"},
    "slump.get_criterion": lambda: {"criterion_id": "side_difference"},
    "slump.get_stage": lambda: {"stage_id": "knee_extension"},
    "slump.interpret": lambda: {"recording": example_recording("positive")},
    "slump.normal_responses_for_stage": lambda: {"stage_id": "knee_extension"},
    "slump.previous_stage_id": lambda: {"stage_id": "knee_extension"},
    "slump.stage_angles": lambda: {"stage_id": "knee_extension"},
    "slump.stage_ids": lambda: {"include_optional": False},
    "slump.stage_pose": lambda: {"stage_id": "knee_extension", "height_m": 1.6},
    "slump.StageFinding": lambda: {
        "present": True,
        "region_ids": ("sole",),
        "intensity_0_10": 3,
        "familiar": True,
    },
    "slump.SlumpRecording": lambda: {
        "findings": {("knee_extension", "left"): StageFinding()},
        "neck_release": {"left": "eased"},
        "label": "a",
        "notes": "b",
    },
    "tables.build_records": lambda: {
        "name": "q.json",
        "items": [{"a": 1}],
        "parse": lambda index, item: item,
        "unique": (),
    },
    "tables.check_source": lambda: {
        "name": "q.json",
        "index": 1,
        "column": "source_id",
        "key": "smoll2010",
    },
    "tables.load_table": lambda: {"name": "slump_criteria.csv"},
    "tables.read_csv_records": lambda: {
        "name": "slump_criteria.csv",
        "record_type": type(
            importlib.import_module("anatomy_helpers.slump").get_criterion("side_difference")
        ),
    },
    "tables.read_json_document": lambda: {"name": "questions/00_start_here.json"},
    "tables.require_keys": lambda: {
        "name": "q.json",
        "index": 1,
        "item": {"a": 1},
        "required": {"a": int},
        "optional": {},
    },
    "validation.check_choice": lambda: {
        "name": "side",
        "value": "left",
        "choices": ("left", "right"),
        "valid": "sides",
    },
    "validation.check_real": lambda: {
        "name": "x_mm",
        "value": 1.0,
        "low": 0.0,
        "high": 2.0,
        "unit": "mm",
        "what": "x",
    },
    "validation.check_whole_number": lambda: {
        "name": "sets",
        "value": 2,
        "low": 1,
        "high": 5,
        "what": "",
    },
}

#: Only these parameters are probed: the others configure a check (developer-facing).
PROBED_PARAMS = {
    "validation.check_choice": ("value",),
    "validation.check_real": ("value",),
    "validation.check_whole_number": ("value",),
}

#: The place an error may name instead of the parameter (file-format errors name the file).
ALIASES = {
    "path": ("fmt", "path", "file"),
    "validate_ankle_dorsiflexion_deg.value": ("ankle_dorsiflexion_deg",),
    "validate_knee_flexion_deg.value": ("knee_flexion_deg",),
    "validate_angle.value": ("knee_flexion_deg",),
    "exercise_ids_": ("exercise_id",),
    "start": ("start", "lead_joint", "second_joint", "_deg"),
    "score_answers.feedback": ("feedback", "question"),
    "check_answer.response": ("response", "option"),
    "build_plan.items": ("items", "exercise"),
    "name": ("name", ".csv", ".json", "table", "bank", "file"),
    # the shared checks name the parameter they were given (``name``), not ``value``
    "check_choice.value": ("side",),
    "check_real.value": ("x_mm",),
    "check_whole_number.value": ("sets",),
}


def _public_callables() -> dict[str, object]:
    found = {}
    for module in MODULES:
        mod = importlib.import_module(f"anatomy_helpers.{module}")
        for name in mod.__all__:
            obj = getattr(mod, name)
            validated_record = inspect.isclass(obj) and f"{module}.{name}" in BASELINE
            cached = callable(obj) and inspect.isfunction(getattr(obj, "__wrapped__", None))
            if inspect.isfunction(obj) or cached or validated_record:
                found[f"{module}.{name}"] = obj
    return found


CALLABLES = _public_callables()


def _needs_arguments(fn) -> bool:
    return any(
        p.default is inspect.Parameter.empty and p.kind is not p.VAR_KEYWORD
        for p in inspect.signature(fn).parameters.values()
    )


def test_every_public_function_has_a_baseline():
    missing = sorted(
        key
        for key, fn in CALLABLES.items()
        if key not in NOT_PROBED and _needs_arguments(fn) and key not in BASELINE
    )
    assert not missing, f"add a valid call to BASELINE for: {missing}"
    stale = sorted(set(BASELINE) - set(CALLABLES))
    assert not stale, f"BASELINE names functions that are not public: {stale}"


def test_functions_without_arguments_work():
    for fn in CALLABLES.values():
        if not _needs_arguments(fn):
            fn()


def _names(key: str, param: str) -> tuple[str, ...]:
    func = key.split(".", 1)[1]
    return ALIASES.get(f"{func}.{param}", ALIASES.get(param, (param,)))


def _unclear_errors(key: str) -> list[str]:
    """Odd values for which ``key`` raised an error that does not name the parameter."""
    fn = CALLABLES[key]
    fn(**BASELINE[key]())  # the baseline itself is valid
    unclear = []
    for param in PROBED_PARAMS.get(key, tuple(BASELINE[key]())):
        for odd in ODD:
            kwargs = {**BASELINE[key](), param: odd}
            try:
                fn(**kwargs)
            except (RecordFormatError, DataTableError):
                continue  # names the file and the place
            except FileNotFoundError as exc:
                if param not in ("path", "folder") or str(odd) not in str(exc):
                    raise
                continue  # a well-formed path to nothing: the OS error names it
            except (ValueError, TypeError) as exc:
                if not any(n in str(exc) for n in _names(key, param)):
                    unclear.append(f"{key}({param}={odd!r}): {type(exc).__name__}: {exc}")
    return unclear


@pytest.mark.parametrize("module", MODULES)
def test_odd_values_are_rejected_clearly_or_accepted(module, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exports").mkdir()
    Path("saved.json").write_text(recording_to_json(example_recording("normal")), "utf-8")
    unclear = []
    for key in sorted(k for k in BASELINE if k.startswith(f"{module}.")):
        unclear += _unclear_errors(key)
    assert not unclear, "errors that do not name the parameter:\n" + "\n".join(unclear)
