"""What a person touches, checked without a browser (issue 12).

The browser gate (tests/browser) measures the pages; these tests pin the widget side that
makes it pass: every app's controls sit in one column and its figure in another (the
style sheet puts them side by side or stacks them), values are snapped to their step
before anything uses them, a cell that has not run shows a sentence instead of a repr,
multiple choices are check boxes, and presets redraw once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest
from ipywidgets.widgets import widget as widget_module

from anatomy_helpers.slump import example_recording
from anatomy_helpers.widgets.base import InteractiveApp
from anatomy_helpers.widgets.calf_raise import muscle_length_explorer, paired_study_simulator
from anatomy_helpers.widgets.case_stepper import case_stepper
from anatomy_helpers.widgets.controls import CheckGrid, LabelledSlider, snap_to_step
from anatomy_helpers.widgets.diagnostic_calculator import (
    CUSTOM,
    diagnostic_calculator,
    study_options,
)
from anatomy_helpers.widgets.diagnostic_calculator import test_options as calculator_tests
from anatomy_helpers.widgets.dosage_planner import dosage_planner
from anatomy_helpers.widgets.layout import STYLE_SHEET, start_hint_text
from anatomy_helpers.widgets.nerve_glide import nerve_glide
from anatomy_helpers.widgets.pathway_explorer import pathway_explorer
from anatomy_helpers.widgets.posture_demo import posture_demo
from anatomy_helpers.widgets.quiz import self_check
from anatomy_helpers.widgets.slump_recorder import slump_recorder
from anatomy_helpers.widgets.slump_stepper import slump_stepper
from anatomy_helpers.widgets.symptom_map import symptom_map
from anatomy_helpers.widgets.tension_lab import TENSION_LAB_PRESETS, tension_lab

ROOT = Path(__file__).resolve().parents[1]
APPS = {
    "posture_demo": posture_demo,
    "pathway_explorer": pathway_explorer,
    "tension_lab": tension_lab,
    "nerve_glide": nerve_glide,
    "slump_stepper": slump_stepper,
    "slump_recorder": lambda: slump_recorder(example_recording("positive")),
    "diagnostic_calculator": diagnostic_calculator,
    "symptom_map": symptom_map,
    "muscle_length_explorer": muscle_length_explorer,
    "paired_study_simulator": paired_study_simulator,
    "dosage_planner": dosage_planner,
}
OTHER_WIDGETS = {
    "quiz": lambda: self_check("00_start_here"),
    "case_stepper": case_stepper,
}
HINT = re.compile(r"Interactive: run this cell \(or Run All\) to start [^.\n]+\.")


def _tree(root: widgets.Widget):
    """Every widget under ``root`` (children of boxes, stacks and accordions)."""
    todo = [root]
    while todo:
        w = todo.pop()
        yield w
        todo.extend(getattr(w, "children", ()))


@pytest.fixture(scope="module", params=sorted(APPS))
def app(request):
    built = APPS[request.param]()
    yield built
    built.close()


# -- layout -----------------------------------------------------------------------------
def test_controls_and_figure_sit_in_their_own_columns(app):
    assert {"ah-ui", "ah-app"} <= set(app._dom_classes)
    assert "ah-controls" in app.control_panel._dom_classes
    assert "ah-figure" in app.figure_panel._dom_classes
    row = next(w for w in app.children if "ah-row" in getattr(w, "_dom_classes", ()))
    assert row.children == (app.control_panel, app.figure_panel)
    assert app.figure_view in app.figure_panel.children
    assert "anatomy-figure" in app.figure_view._dom_classes  # the gate's figure hook
    in_controls = set(map(id, _tree(app.control_panel)))
    for name, control in app.controls.items():
        assert id(control) in in_controls, f"{name} is not in the controls column"
    assert any("<style>" in getattr(w, "value", "") for w in app.children)


def test_no_ctrl_click_lists_anywhere(app):
    lists = [w for w in _tree(app) if isinstance(w, widgets.SelectMultiple)]
    assert not lists, "use check boxes (CheckGrid) or drop-downs: Ctrl-click fails on touch"


def test_the_style_sheet_only_touches_the_collection():
    rules = re.sub(r"/\*.*?\*/", "", STYLE_SHEET, flags=re.S)
    inner = re.sub(r"@container[^{]*\{((?:[^{}]*\{[^{}]*\})*)\s*\}", r"\1", rules)
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", inner) for s in block.split(",")]
    assert selectors
    assert all(s.startswith(".ah-ui") for s in selectors), [
        s for s in selectors if not s.startswith(".ah-ui")
    ]


# -- float noise ------------------------------------------------------------------------
def test_float_noise_is_snapped_before_the_plan_the_handout_and_the_readout():
    app = dosage_planner()
    reps, sets = app.controls["reps"], app.controls["sets"]
    reps.slider.value = 14.999999999999998  # as a browser may send it
    reps.slider.value = 19.999999999999996
    assert reps.box.value == 20.0 and reps.box.get_state()["value"] == 20.0
    sets.box.value = 3.000000000000007
    assert sets.slider.get_state()["value"] == 3.0
    assert app.current_plan().items[0].reps == 20 and app.current_plan().items[0].sets == 3
    assert "3 sets × 20 reps" in app.readout.value
    handout = app.handout_html_file().data.decode("utf-8")
    assert "3 sets × 20 reps" in handout and "19 reps" not in handout
    app.close()


def test_every_number_box_snaps_to_its_step(app):
    for name, control in app.controls.items():
        if not isinstance(control, LabelledSlider):
            continue
        lo, step = control.box.min, control.box.step
        target = min(control.box.max, lo + 2 * step)
        control.box.value = target + 1e-13  # noise on a grid value
        assert control.value == snap_to_step(target, lo, control.box.max, step), name
        assert repr(control.value) == repr(round(control.value, 6)), name


def test_snapping_removes_noise_on_decimal_steps():
    sim = paired_study_simulator()
    sim.controls["leg_correlation"].value = 0.35000000000000003
    assert sim.controls["leg_correlation"].value == 0.35
    assert "leg correlation 0.35," in sim.readout.value
    sim.close()


# -- placeholders before the cell runs --------------------------------------------------
@pytest.mark.parametrize("build", [*APPS.values(), *OTHER_WIDGETS.values()])
def test_a_widget_that_has_not_run_shows_how_to_start_it(build):
    w = build()
    bundle = w._repr_mimebundle_()
    assert HINT.fullmatch(bundle["text/plain"]), bundle["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    w.close()


def test_start_hint_text_needs_a_name():
    assert start_hint_text("the quiz").endswith("start the quiz.")
    with pytest.raises(ValueError, match="what must be"):
        start_hint_text(" ")


@pytest.mark.parametrize(
    "notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem
)
def test_executed_notebooks_store_the_start_sentence_not_a_repr(notebook):
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                text = "".join(data.get("text/plain", ""))
                assert HINT.fullmatch(text), f"{notebook.name}: {text[:80]!r} (run make notebooks)"


# -- touch-friendly multiple choice -----------------------------------------------------
def test_check_grid_is_a_multiple_choice_without_ctrl_click():
    grid = CheckGrid(
        [("A", "a"), ("B", "b"), ("C", "c")], groups={"First": ("a", "b"), "Second": ("c",)}
    )
    seen = []
    grid.observe(lambda change: seen.append(change["new"]), names="value")
    grid.boxes["c"].value = True
    grid.boxes["a"].value = True
    assert grid.value == ("a", "c") and seen == [("c",), ("a", "c")]
    assert "Ticked:</strong> A, C" in grid.summary.value  # ticks in a hidden group show
    grid.group.index = 1
    assert grid.stack.selected_index == 1
    grid.value = ("b",)
    assert [b.value for b in grid.boxes.values()] == [False, True, False]
    grid.disabled = True
    assert all(b.disabled for b in grid.boxes.values()) and grid.group.disabled
    with pytest.raises(Exception, match="unknown option"):
        grid.value = ("z",)
    with pytest.raises(ValueError, match="exactly one group"):
        CheckGrid([("A", "a"), ("B", "b")], groups={"Only": ("a",)})
    registered = len(widget_module._instances)
    grid.close()
    assert grid._link.comm is None
    assert len(widget_module._instances) <= registered


def test_recorder_regions_are_check_boxes_grouped_by_body_part():
    rec = slump_recorder(example_recording("positive"))
    regions = rec.controls["regions"]
    assert isinstance(regions, CheckGrid) and regions.group is not None
    assert regions.value == ("buttock", "posterior_calf")
    regions.boxes["heel"].value = True
    assert "heel" in rec.recording.finding("knee_extension", "left").region_ids
    rec.controls["symptoms"].value = "none"
    assert regions.disabled and regions.value == ()
    rec.close()


def test_symptom_map_shows_short_sections_one_at_a_time():
    app = symptom_map()
    sections = app.sections.children
    placed = []
    for section in sections:
        own = [w for w in _tree(section) if w in app.controls.values()]
        assert len(own) <= 2 * app.SECTION_SIZE  # region pairs: two per row
        placed += own
    assert sorted(map(id, placed)) == sorted(map(id, app.controls.values()))
    app.show_section("Red flags")
    assert app.sections.selected_index == app.section.value
    app.controls["red_flag_saddle_anaesthesia"].value = True
    app.show_section("Where")
    assert "Numbness in the saddle area" in app.recorded.value  # ticked in a hidden section
    with pytest.raises(ValueError, match="no section starts with"):
        app.show_section("Gait")
    app.close()


# -- presets and multi-control changes redraw once -------------------------------------
def test_tension_lab_presets_and_position_redraw_once_without_a_full_redraw():
    app = tension_lab()
    full = app.live.full_draws  # both positions drawn while building
    for name in [*TENSION_LAB_PRESETS, *TENSION_LAB_PRESETS]:
        before = app.render_count
        app.apply_preset(name)
        assert app.render_count == before + 1, name
    app.controls["position"].value = "sitting"
    app.controls["position"].value = "lying"
    assert app.live.full_draws == full, "a position change redrew the whole figure"
    cached = app.live.render_rgba()
    app.live.invalidate()
    assert np.array_equal(app.live.render_rgba(), cached), "the cached background differs"
    app.close()


def test_calculator_chooses_a_test_then_a_study_and_renders_once():
    app = diagnostic_calculator()
    for label, test_id in calculator_tests():
        assert len(label) <= 60, label  # fits a phone-width drop-down
        for study_label, _ in study_options(test_id):
            assert len(study_label) <= 60, study_label
    before = app.render_count
    app.choose_study("majlesi2008_slump_spec083")
    assert app.render_count == before + 1
    assert app.controls["test"].value == "slump"
    assert "Slump test (Majlesi et al. 2008" in app.readout.value
    before = app.render_count
    app.controls["test"].value = CUSTOM
    assert app.render_count == before + 1
    with pytest.raises(ValueError, match="test_id must be one of"):
        study_options("tarot")
    app.close()


def test_calculator_state_brings_the_studys_test_and_refuses_a_mismatch():
    app = diagnostic_calculator()
    app.set_state({"study": "majlesi2008_slump_spec083", "result": "positive"})
    assert app.controls["test"].value == "slump"
    assert app.controls["study"].value == "majlesi2008_slump_spec083"
    with pytest.raises(ValueError, match="belongs to test 'slump'"):
        app.set_state({"test": "slr", "study": "majlesi2008_slump_spec083"})
    with pytest.raises(ValueError, match="study must be a row id"):
        app.set_state({"study": "tarot"})
    assert app.controls["study"].value == "majlesi2008_slump_spec083"  # nothing half-set
    app.close()


def test_planner_shows_the_library_dose_next_to_the_choice_once_worded():
    app = dosage_planner()
    app.controls["exercise"].value = "towel_calf_stretch"
    note = app.dose_note.value
    assert note.count("teaching assumption") <= 1 and "Teaching assumption" not in note
    assert app.dose_note in app.control_panel.children
    app.close()


def test_apps_built_in_a_loop_release_their_widgets():
    registered = len(widget_module._instances)
    for build in (symptom_map, lambda: slump_recorder(example_recording("positive"))):
        app: InteractiveApp = build()
        app.close()
    assert len(widget_module._instances) == registered
