"""The layers and their one direction: core -> drawing -> documents -> widgets; tools beside.

A module's layer is where it lives: a top-level module is core, ``drawing/``, ``documents/``,
``widgets/`` and ``tools/`` are their own layers. The only exemption is ``__main__``, the
two-line shim that hands the command line to ``tools.cli``.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import anatomy_helpers

PACKAGE = Path(anatomy_helpers.__file__).parent
#: Layers from the bottom up; a module may import its own layer and the ones below.
LAYERS = ("core", "drawing", "documents", "widgets", "tools")
#: Modules that are in no layer.
EXEMPT = {"anatomy_helpers.__main__"}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in LAYERS else "core"


def _modules() -> dict[str, Path]:
    found = {}
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="anatomy_helpers."):
        spec = info.module_finder.find_spec(info.name.rsplit(".", 1)[-1])
        if spec is not None and spec.origin and spec.origin.endswith(".py"):
            found[info.name] = Path(spec.origin)
    return found


MODULES = _modules()


def _imports(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.rsplit(".", node.level)[0]
                names.add(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                names.add(node.module)
                names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {n for n in names if n.startswith("anatomy_helpers.")}


def test_every_module_is_in_a_layer():
    layers = {_layer(m) for m in MODULES if m not in EXEMPT}
    assert layers == set(LAYERS), f"unexpected layers: {layers ^ set(LAYERS)}"
    assert len(MODULES) > 40


@pytest.mark.parametrize("module", sorted(set(MODULES) - EXEMPT))
def test_imports_point_down(module):
    own = LAYERS.index(_layer(module))
    upward = sorted(
        name
        for name in _imports(MODULES[module], module)
        if name in MODULES and LAYERS.index(_layer(name)) > own
    )
    assert not upward, f"{module} ({LAYERS[own]}) imports a higher layer: {upward}"


def test_the_check_sees_an_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from anatomy_helpers.widgets.controls import LabelledSlider\n")
    assert "anatomy_helpers.widgets.controls" in _imports(bad, "anatomy_helpers.bad")


def _loaded_after(statement: str, *, block: tuple[str, ...] = ()) -> set[str]:
    blocker = "".join(f"sys.modules[{name!r}] = None; " for name in block)
    code = f"import sys; {blocker}{statement}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_core_loads_no_plotting_or_widgets():
    core = sorted(m for m in MODULES if _layer(m) == "core" and m not in EXEMPT)
    loaded = _loaded_after("; ".join(f"import {m}" for m in core))
    assert "matplotlib" not in loaded
    assert "ipywidgets" not in loaded


def test_drawing_and_documents_load_no_pyplot_and_no_widgets():
    lower = sorted(m for m in MODULES if _layer(m) in ("drawing", "documents"))
    loaded = _loaded_after("; ".join(f"import {m}" for m in lower))
    assert "matplotlib.pyplot" not in loaded
    assert "ipywidgets" not in loaded


def test_every_module_imports_without_posix_only_modules():
    """As on Windows: no module may need fcntl, termios, pwd or grp at import time."""
    statement = "; ".join(f"import {m}" for m in sorted(MODULES))
    loaded = _loaded_after(statement, block=("fcntl", "termios", "pwd", "grp", "resource"))
    assert set(MODULES) <= loaded
