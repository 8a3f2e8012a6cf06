"""The layer rule: core modules import neither matplotlib nor ipywidgets; drawing is pyplot-free."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import anatomy_helpers
import anatomy_helpers.drawing

#: Top-level modules that are allowed to import drawing code (tools, not the core).
NON_CORE = {"__main__", "authoring", "delivery", "figures", "handout"}

#: Subpackages that are layers above the core.
UPPER_LAYERS = {"drawing", "widgets"}

#: Core top-level modules and subpackages, each with every module it contains.
CORE_MODULES = {
    top: sorted(
        m.name
        for m in pkgutil.walk_packages(anatomy_helpers.__path__, "anatomy_helpers.")
        if m.name.split(".")[1] == top
    )
    for top in sorted(
        m.name
        for m in pkgutil.iter_modules(anatomy_helpers.__path__)
        if m.name not in UPPER_LAYERS | NON_CORE
    )
}
DRAWING_MODULES = sorted(m.name for m in pkgutil.iter_modules(anatomy_helpers.drawing.__path__))


def _imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_there_are_core_modules():
    assert {"tables", "references", "kinematics", "selfcheck", "safety"} <= set(CORE_MODULES)
    # a core subpackage is checked with every module in it
    assert "anatomy_helpers.neurodynamics.model" in CORE_MODULES["neurodynamics"]


@pytest.mark.parametrize("module", sorted(CORE_MODULES))
def test_core_module_imports_no_plotting_or_widgets(module):
    loaded = _imported_after("; ".join(f"import {name}" for name in CORE_MODULES[module]))
    assert "matplotlib" not in loaded, f"anatomy_helpers.{module} imports matplotlib"
    assert "ipywidgets" not in loaded, f"anatomy_helpers.{module} imports ipywidgets"


def test_drawing_modules_use_no_pyplot_and_no_widgets():
    statement = "; ".join(f"import anatomy_helpers.drawing.{m}" for m in DRAWING_MODULES)
    loaded = _imported_after(statement)
    assert "matplotlib.pyplot" not in loaded
    assert "ipywidgets" not in loaded
