"""The legibility gate (issue 12): no text overlaps, is struck through or is clipped.

Every registered figure (``drawing/registry.py``) is drawn once; every interactive in
``benchmarks/cases.py`` is driven through its default, its presets, the extremes of each
control and a seeded set of random control combinations, and its figure is checked after
each state exactly as the widget last rendered it (the checker is
:mod:`anatomy_helpers.drawing.legibility`; its own tests are in
``test_legibility_checker.py``). A failure lists every problem with the state that shows it.
"""

from __future__ import annotations

import importlib.util
import random
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from anatomy_helpers.drawing.legibility import check_figure, format_problems
from anatomy_helpers.drawing.registry import registered_figures
from anatomy_helpers.widgets.controls import LabelledSlider

_SPEC = importlib.util.spec_from_file_location(
    "benchmark_cases", Path(__file__).parents[1] / "benchmarks" / "cases.py"
)
cases_module = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = cases_module  # dataclasses look their module up while building
_SPEC.loader.exec_module(cases_module)
CASES = cases_module.benchmark_cases()
FIGURES = registered_figures()

#: Random control combinations per widget (seeded by the widget's name: reproducible).
N_RANDOM = 3
#: A choice control with at most this many options is tried at every option.
ALL_OPTIONS_UP_TO = 8


@pytest.mark.parametrize("slug", sorted(FIGURES))
def test_registered_figure_is_legible(slug):
    problems = check_figure(FIGURES[slug].build())
    assert not problems, "\n" + format_problems(problems, where=slug)


# -- driving a widget -----------------------------------------------------------------------
def _tree(root: widgets.Widget) -> Iterator[widgets.Widget]:
    seen: set[int] = set()
    stack = [root]
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        yield widget
        stack.extend(reversed(list(getattr(widget, "children", ()) or ())))


def _option_values(control: widgets.Widget) -> list[Any]:
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def _extremes(control: widgets.Widget) -> list[Any]:
    """The values at the ends of a control's range (every option of a short list)."""
    if isinstance(control, LabelledSlider):
        return [control.box.min, control.box.max]
    if isinstance(control, widgets.Checkbox):
        return [False, True]
    if isinstance(control, widgets.SelectMultiple):
        return [(), tuple(_option_values(control))]
    if isinstance(control, (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons)):
        values = _option_values(control)
        return values if len(values) <= ALL_OPTIONS_UP_TO else [values[0], values[-1]]
    return []


def _random_value(control: widgets.Widget, rng: random.Random) -> Any:
    if isinstance(control, LabelledSlider):
        box = control.box
        steps = round((box.max - box.min) / box.step)
        return box.min + rng.randint(0, steps) * box.step
    if isinstance(control, widgets.Checkbox):
        return rng.random() < 0.5
    if isinstance(control, widgets.SelectMultiple):
        return tuple(v for v in _option_values(control) if rng.random() < 0.3)
    if isinstance(control, (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons)):
        return rng.choice(_option_values(control))
    return control.value


def _presets(app) -> list[str]:
    """Names of the preset buttons an app shows (the buttons its ``apply_preset`` knows)."""
    if not hasattr(app, "apply_preset"):
        return []
    names = [w.description for w in _tree(app) if isinstance(w, widgets.Button)]
    found = []
    for name in names:
        try:
            app.apply_preset(name)
        except ValueError:
            continue  # a button that is not a preset (Next, Save...)
        found.append(name)
    return found


def widget_states(app, name: str) -> Iterator[tuple[str, Callable[[], None]]]:
    """(description, action) for every state the gate checks, in order.

    The default; each preset; each control at each end of its range (a value equal to the
    default is not repeated); every checkbox on, then every checkbox off (a grid of
    checkboxes is one control to a user); and :data:`N_RANDOM` seeded random states.
    """
    default = dict(app.state())
    yield "default", lambda: None
    for preset in _presets(app):
        yield f"preset {preset!r}", lambda p=preset: app.apply_preset(p)
    boxes = [c for c, control in app.controls.items() if isinstance(control, widgets.Checkbox)]
    for control_name, control in app.controls.items():
        if control_name in boxes and len(boxes) > 1:
            continue
        for value in _extremes(control):
            if value != default[control_name]:
                # From the default, change this one control.
                yield (
                    f"{control_name}={value!r}",
                    lambda c=control_name, v=value: _from_default(app, default, c, v),
                )
    if len(boxes) > 1:
        for on in (True, False):
            yield (
                f"every checkbox {'on' if on else 'off'}",
                lambda on=on: app.set_state({**default, **dict.fromkeys(boxes, on)}),
            )
    rng = random.Random(zlib.crc32(name.encode()))
    for i in range(N_RANDOM):
        # Each control in turn takes a random value among the options it offers then, so
        # a dependent list (a test's studies) is drawn from after its parent is chosen.
        seed = rng.getrandbits(32)
        yield f"random #{i + 1} (seed {seed})", lambda seed=seed: _set_randomly(app, seed)


def _from_default(app, default: dict, name: str, value) -> None:
    """The default state with one control changed, rendered once.

    A state the app refuses as a whole (a study that belongs to another test) is reached
    as a user would reach it: the default first, then the one control, which brings the
    controls that depend on it along.
    """
    try:
        app.set_state({**default, name: value})
    except ValueError:
        app.set_state(default)
        app.set_state({name: value})


def _set_randomly(app, seed: int) -> None:
    rng = random.Random(seed)
    for control_name, control in app.controls.items():
        app.set_state({control_name: _random_value(control, rng)})


@pytest.mark.parametrize("name", sorted(CASES))
def test_widget_is_legible_in_every_state(name):
    app = CASES[name].build_app()
    failures = []
    try:
        for description, action in widget_states(app, name):
            action()
            problems = check_figure(app.live.fig, extra_artists=app.live.dynamic, layout=False)
            if problems:
                failures.append(
                    format_problems(problems, where=f"{name}, {description}: {app.state()}")
                )
    finally:
        app.close()
    assert not failures, "\n" + "\n".join(failures)


def test_the_gate_drives_presets_extremes_and_random_states():
    app = CASES["tension_lab"].build_app()
    try:
        described = [d for d, _ in widget_states(app, "tension_lab")]
    finally:
        app.close()
    assert "preset 'Full slump test'" in described
    assert "knee_flexion_deg=140.0" in described and "knee_flexion_deg=0.0" in described
    assert "position='lying'" in described and "position='sitting'" not in described  # default
    assert sum(d.startswith("random") for d in described) == N_RANDOM


def test_a_grid_of_checkboxes_is_driven_all_on_and_all_off():
    app = CASES["symptom_map"].build_app()
    try:
        states = dict(widget_states(app, "symptom_map"))
        states["every checkbox on"]()
        boxes = [c for c in app.controls.values() if isinstance(c, widgets.Checkbox)]
        assert len(boxes) > 1 and all(c.value for c in boxes)
    finally:
        app.close()
