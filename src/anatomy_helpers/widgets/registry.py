"""Deprecated: the benchmark cases now live in ``benchmarks/cases.py``.

Production widget modules no longer register benchmark cases. This shim stays only while
``widgets/symptom_map.py`` still calls :func:`register_benchmark`; ``benchmarks/cases.py``
picks up whatever is registered here, so ``benchmarks/run.py`` prints every case. Move
the symptom map's case into ``benchmarks/cases.py`` and delete this module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["BenchmarkCase", "benchmark_cases", "register_benchmark"]


@dataclass(frozen=True)
class BenchmarkCase:
    """One interactive to benchmark (see ``benchmarks/cases.py`` for the fields)."""

    name: str
    notebook: str
    build_app: Callable[[], Any]
    control: str
    values: Sequence[Any]
    naive_figure: Callable[[Mapping[str, Any]], Any]


_CASES: dict[str, BenchmarkCase] = {}


def register_benchmark(case: BenchmarkCase) -> BenchmarkCase:
    """Add a case to the legacy registry (re-registering the same name replaces it)."""
    if not case.values:
        msg = f"benchmark {case.name!r} needs at least one value to set"
        raise ValueError(msg)
    _CASES[case.name] = case
    return case


def benchmark_cases() -> dict[str, BenchmarkCase]:
    """Import every widget module and return the cases registered here, sorted by notebook."""
    import anatomy_helpers.widgets as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"{pkg.__name__}.{info.name}")
    return dict(sorted(_CASES.items(), key=lambda kv: (kv[1].notebook, kv[0])))
