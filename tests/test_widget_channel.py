"""Values arriving over the widget channel: refused or made safe, never raised.

A page can send any JSON value to any control (a script, or a hand-made message). These
tests deliver such messages the way the kernel does (through the control's comm callback)
and check that nothing raises, that the control keeps a valid value, that the kernel sends
the kept value back, and that the app still renders. The browser test
``tests/browser/test_app_safety.py`` does the same through a real Voila kernel channel.
"""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest

from anatomy_helpers.widgets.base import InteractiveApp
from anatomy_helpers.widgets.controls import LabelledSlider, page_number

_SPEC = importlib.util.spec_from_file_location(
    "benchmark_cases", Path(__file__).parents[1] / "benchmarks" / "cases.py"
)
_CASES = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = _CASES
_SPEC.loader.exec_module(_CASES)
benchmark_cases = _CASES.benchmark_cases

BAD_NUMBERS = [float("nan"), float("inf"), float("-inf"), 1e300, -1e300, None, "abc", [], True]


@pytest.fixture(autouse=True)
def no_traceback_shown(monkeypatch):
    """In a kernel ipywidgets shows a handler's error as a traceback in the page; count them."""
    import ipywidgets.widgets.widget as widget_module

    shown = []

    class Shell:
        def showtraceback(self):
            shown.append(1)

    monkeypatch.setattr(widget_module, "get_ipython", lambda: Shell())
    yield
    assert shown == [], "a traceback would have been shown in the page"


def _deliver(widget, state: dict) -> None:
    """Hand a front-end 'update' message to the widget as the kernel would."""
    msg = {"content": {"data": {"method": "update", "state": state, "buffer_paths": []}}}
    msg["buffers"] = []
    widget.comm._msg_callback(msg)


def _sent_values(widget, monkeypatch) -> list:
    sent = []
    original = widget._send

    def spy(msg, buffers=None):
        sent.append(msg)
        return original(msg, buffers)

    monkeypatch.setattr(widget, "_send", spy)
    return sent


def _apps():
    return [pytest.param(case.build_app, id=name) for name, case in benchmark_cases().items()]


@pytest.mark.parametrize("bad", BAD_NUMBERS, ids=repr)
def test_number_box_refuses_bad_values_and_echoes_the_kept_one(bad, monkeypatch):
    control = LabelledSlider("Knee flexion", "°", value=30, min=0, max=90, step=5)
    sent = _sent_values(control.box, monkeypatch)
    _deliver(control.box, {"value": bad})
    assert math.isfinite(control.value) and 0 <= control.value <= 90
    assert control.slider.value == control.value
    assert sent and sent[-1]["state"]["value"] == control.value


def test_values_from_the_page_are_clamped_and_snapped():
    control = LabelledSlider("Knee flexion", "°", value=30, min=0, max=90, step=5)
    _deliver(control.slider, {"value": 42.4})
    assert control.value == 40
    _deliver(control.box, {"value": 500})
    assert control.value == 90
    control.value = 42.4  # a value set in the kernel is snapped to the step too
    assert control.value == 40


def test_page_number_grid_has_no_float_noise():
    assert page_number(0.30000000000000004, 0, 1, 0.1) == 0.3
    assert page_number(7.26, 0, 10, 0.25) == 7.25


@pytest.mark.parametrize("build_app", _apps())
def test_every_app_survives_bad_values_on_every_control(build_app):
    app: InteractiveApp = build_app()
    renders = app.render_count
    for name, control in app.controls.items():
        target = control.box if isinstance(control, LabelledSlider) else control
        before = target.value
        for state in ({"value": float("nan")}, {"value": "\u202e<script>"}, {"index": 10_000}):
            _deliver(target, state)  # must not raise
        if isinstance(control, LabelledSlider):
            assert math.isfinite(control.value), name
            assert control.box.min <= control.value <= control.box.max, name
        else:
            assert target.value == before, name
    assert "could not be updated" not in app.readout.value
    assert app.render_count >= renders
