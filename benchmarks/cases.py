"""The interactives that ``benchmarks/run.py`` times (kept out of the production widgets).

Each :class:`BenchmarkCase` says how to build an app, which control to sweep over which
values, and how a naive ``interact`` callback would draw the same picture from scratch;
``run.py`` times both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["BenchmarkCase", "benchmark_cases"]


@dataclass(frozen=True)
class BenchmarkCase:
    """One interactive to benchmark.

    Attributes
    ----------
    name : str
        Unique name (``"posture_demo"``).
    notebook : str
        Notebook stem that shows it.
    build_app : callable
        Returns the app (an ``InteractiveApp`` or any widget with ``controls`` and
        ``last_png``).
    control : str
        Name of the control to sweep.
    values : sequence
        Values to set, in order (the first one differs from the default).
    naive_figure : callable
        ``naive_figure(state) -> Figure``: the same picture built from scratch, as an
        ``interact`` callback would.
    """

    name: str
    notebook: str
    build_app: Callable[[], Any]
    control: str
    values: Sequence[Any]
    naive_figure: Callable[[Mapping[str, Any]], Any]


def _floats(values) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _notebook_00_to_02() -> list[BenchmarkCase]:
    from anatomy_helpers.drawing.posture import build_seated_posture_figure
    from anatomy_helpers.drawing.tension_lab import build_tension_lab_figure
    from anatomy_helpers.neurodynamics import glide_postures
    from anatomy_helpers.widgets import nerve_glide, pathway_explorer, posture_demo, tension_lab

    return [
        BenchmarkCase(
            name="posture_demo",
            notebook="00_start_here",
            build_app=posture_demo.posture_demo,
            control="knee_flexion_deg",
            values=_floats(range(0, 110, 5)),
            naive_figure=lambda state: build_seated_posture_figure(
                posture_demo.angles_from_state(state),
                highlight=posture_demo.changed_segments(state),
            ),
        ),
        BenchmarkCase(
            name="pathway_explorer",
            notebook="01_sciatic_pathway",
            build_app=pathway_explorer.pathway_explorer,
            control="structure",
            values=(
                "tibial",
                "common_fibular",
                "deep_fibular",
                "L5",
                "S1",
                "sural",
                "superficial_fibular",
                "saphenous",
                "L4",
                "medial_plantar",
                "S3",
                "sciatic",
            ),
            naive_figure=pathway_explorer.build_explorer_figure,
        ),
        BenchmarkCase(
            name="nerve_glide",
            notebook="02_nerve_tension_lab",
            build_app=nerve_glide.nerve_glide,
            control="step",
            values=(2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0),
            naive_figure=lambda state: build_tension_lab_figure(
                glide_postures(nerve_glide.GLIDE_STEPS)[round(state["step"]) - 1], lying=True
            ),
        ),
        BenchmarkCase(
            name="tension_lab",
            notebook="02_nerve_tension_lab",
            build_app=tension_lab.tension_lab,
            control="knee_flexion_deg",
            values=_floats(range(0, 125, 5)),
            naive_figure=lambda state: build_tension_lab_figure(
                tension_lab.posture_from_state(state), lying=state["position"] == "lying"
            ),
        ),
    ]


def _notebook_03() -> list[BenchmarkCase]:
    from anatomy_helpers.drawing.fagan import build_fagan_figure
    from anatomy_helpers.drawing.slump import build_findings_chart, build_slump_stage_figure
    from anatomy_helpers.slump import example_recording, stage_ids
    from anatomy_helpers.widgets import diagnostic_calculator, slump_recorder, slump_stepper

    def fagan(state):
        calc = diagnostic_calculator.calculation(state)
        return build_fagan_figure(calc["pretest"], calc["lr"])

    return [
        BenchmarkCase(
            name="diagnostic_calculator",
            notebook="03_slump_test",
            build_app=diagnostic_calculator.diagnostic_calculator,
            control="pretest_pct",
            values=_floats(range(5, 96, 5)),
            naive_figure=fagan,
        ),
        BenchmarkCase(
            name="slump_recorder",
            notebook="03_slump_test",
            build_app=lambda: slump_recorder.slump_recorder(example_recording("positive")),
            control="intensity",
            values=_floats((1, 2, 3, 4, 5, 7, 8, 9, 10, 9, 8, 7, 5, 4, 3, 2)),
            naive_figure=lambda state: build_findings_chart(example_recording("positive")),
        ),
        BenchmarkCase(
            name="slump_stepper",
            notebook="03_slump_test",
            build_app=slump_stepper.slump_stepper,
            control="stage",
            values=tuple(stage_ids()[1:]) + tuple(reversed(stage_ids()[:-1])),
            naive_figure=lambda state: build_slump_stage_figure(state["stage"], show_text=False),
        ),
    ]


def _notebook_05_and_06() -> list[BenchmarkCase]:
    from anatomy_helpers.drawing.calf_raise import (
        build_muscle_length_figure,
        build_simulation_figure,
    )
    from anatomy_helpers.drawing.exercises import build_weekly_plan_figure
    from anatomy_helpers.exercises import build_plan, plan_item
    from anatomy_helpers.widgets import calf_raise, dosage_planner

    def weekly_plan(state):
        item = plan_item(
            "sciatic_nerve_glide",
            sets=int(state["sets"]),
            reps=int(state["reps"]),
            sessions_per_day=int(state["sessions_per_day"]),
            days_per_week=int(state["days_per_week"]),
            progression_per_week=int(state["progression_per_week"]),
        )
        return build_weekly_plan_figure(build_plan([item], weeks=int(state["weeks"])))

    return [
        BenchmarkCase(
            name="calf_muscle_length",
            notebook="05_calf_raise_study",
            build_app=calf_raise.muscle_length_explorer,
            control="knee_flexion_deg",
            values=_floats(range(5, 120, 5)),
            naive_figure=lambda state: build_muscle_length_figure(
                float(state["knee_flexion_deg"]), float(state["ankle_dorsiflexion_deg"])
            ),
        ),
        BenchmarkCase(
            name="calf_paired_simulation",
            notebook="05_calf_raise_study",
            build_app=calf_raise.paired_study_simulator,
            control="n_participants",
            values=_floats(range(6, 60, 3)),
            naive_figure=lambda state: build_simulation_figure(
                str(state["muscle_id"]), **calf_raise.simulation_kwargs(state)
            ),
        ),
        BenchmarkCase(
            name="dosage_planner",
            notebook="06_exercises_and_handouts",
            build_app=dosage_planner.dosage_planner,
            control="days_per_week",
            values=(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0),
            naive_figure=weekly_plan,
        ),
    ]


def _notebook_04() -> list[BenchmarkCase]:
    from anatomy_helpers.differential import get_finding
    from anatomy_helpers.drawing.symptom_map import build_symptom_map_figure
    from anatomy_helpers.widgets import symptom_map

    def regions(state, category):
        found = symptom_map.findings_from_state(state)
        return [get_finding(f).region_id for f in found if get_finding(f).category == category]

    return [
        BenchmarkCase(
            name="symptom_map",
            notebook="04_sciatica_and_mimics",
            build_app=symptom_map.symptom_map,
            control="pain_posterior_calf",
            values=(True, False) * 8,
            naive_figure=lambda state: build_symptom_map_figure(
                regions(state, "pain"), regions(state, "paraesthesia")
            ),
        )
    ]


def benchmark_cases() -> dict[str, Any]:
    """Every case, sorted by notebook then name."""
    cases = {
        c.name: c
        for c in _notebook_00_to_02() + _notebook_03() + _notebook_04() + _notebook_05_and_06()
    }
    return dict(sorted(cases.items(), key=lambda kv: (kv[1].notebook, kv[0])))
