"""Registry of interactives for ``benchmarks/run.py``.

Each figure-driven widget module registers one :class:`BenchmarkCase`: how to build the
app, which control to sweep over which values, and how a naive ``interact`` callback would
draw the same picture from scratch. The benchmark times both.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure

__all__ = ["BenchmarkCase", "benchmark_cases", "register_benchmark"]


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
        Returns the app (an :class:`~anatomy_helpers.widgets.base.InteractiveApp` or any
        widget with ``controls`` and ``last_png``).
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
    naive_figure: Callable[[Mapping[str, Any]], Figure]


_CASES: dict[str, BenchmarkCase] = {}


def register_benchmark(case: BenchmarkCase) -> BenchmarkCase:
    """Add a case to the registry (re-registering the same name replaces it)."""
    if not case.values:
        msg = f"benchmark {case.name!r} needs at least one value to set"
        raise ValueError(msg)
    _CASES[case.name] = case
    return case


def benchmark_cases() -> dict[str, BenchmarkCase]:
    """Import every widget module and return the registered cases, sorted by notebook."""
    import anatomy_helpers.widgets as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"{pkg.__name__}.{info.name}")
    return dict(sorted(_CASES.items(), key=lambda kv: (kv[1].notebook, kv[0])))
