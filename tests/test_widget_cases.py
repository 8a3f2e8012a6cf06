"""Every figure widget: its benchmark case drives it, and closing it releases everything.

The cases live in ``benchmarks/cases.py`` (outside the package); this loads that file,
checks that it covers every interactive, that sweeping each case's control renders once
per change, that the naive redraw draws the same kind of picture, and that ``close()``
leaves no widget registered in the kernel and no drawing in the figure.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
import typing
from pathlib import Path

import pytest
from ipywidgets.widgets import widget as widget_module

import anatomy_helpers.widgets as widgets_pkg
from anatomy_helpers.drawing.display import figure_png
from anatomy_helpers.widgets.base import InteractiveApp
from anatomy_helpers.widgets.quiz import self_check

_SPEC = importlib.util.spec_from_file_location(
    "benchmark_cases", Path(__file__).parents[1] / "benchmarks" / "cases.py"
)
cases_module = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = cases_module  # dataclasses look their module up while building
_SPEC.loader.exec_module(cases_module)
CASES = cases_module.benchmark_cases()


def _app_classes() -> set[type]:
    for info in pkgutil.iter_modules(widgets_pkg.__path__):
        importlib.import_module(f"{widgets_pkg.__name__}.{info.name}")
    found, todo = set(), [InteractiveApp]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.add(sub)
            todo.append(sub)
    return found


def _app_class(case) -> type:
    """The class a case builds: the builder's return annotation, or build one to see."""
    hint = typing.get_type_hints(case.build_app).get("return")
    if isinstance(hint, type):
        return hint
    app = case.build_app()
    app.close()
    return type(app)


def test_every_interactive_has_a_benchmark_case():
    missing = {c.__name__ for c in _app_classes() - {_app_class(c) for c in CASES.values()}}
    assert not missing, f"add these to benchmarks/cases.py: {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_sweeps_its_control_draws_the_naive_figure_and_closes(name):
    case = CASES[name]
    registered = len(widget_module._instances)
    app = case.build_app()
    control = app.controls[case.control]
    assert control.value != case.values[0], "the first value must change the picture"
    pngs = {app.last_png}
    for value in case.values[:3]:
        before = app.render_count
        control.value = value
        assert app.render_count == before + 1, "one render per change"
        assert app.last_png.startswith(b"\x89PNG")
        pngs.add(app.last_png)
    assert len(pngs) > 1, "the sweep changes the picture"
    naive = case.naive_figure(app.state())
    assert figure_png(naive).startswith(b"\x89PNG")
    assert len(naive.axes) >= 1
    app.close()
    assert len(widget_module._instances) == registered, "close() left widgets registered"
    assert not app.live.fig.axes, "close() keeps the figure's drawing"
    assert app.last_png == b""
    app.close()  # closing twice is harmless


def test_closing_a_quiz_releases_every_widget():
    registered = len(widget_module._instances)
    quiz = self_check("00_start_here")
    assert len(widget_module._instances) > registered
    quiz.close()
    assert len(widget_module._instances) == registered
