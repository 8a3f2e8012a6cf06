"""Re-execute notebooks in place so that an unchanged notebook is rewritten byte for byte.

``python -m anatomy_helpers notebooks execute`` runs each notebook in a fresh kernel (one
subprocess per notebook, a per-cell timeout and a retry) and stores outputs and widget
state, so the notebooks read well on GitHub and in the static edition. Two things would
otherwise change at every run:

* ipywidgets gives every widget model a random id, and the saved widget state is a mapping
  keyed by those ids (so its order changes too). :func:`normalize_notebook` renames every
  model id to one derived from the notebook and the order in which the outputs reach the
  model, so the same notebook gets the same ids.
* nbclient can record timestamps; it is told not to, and stale ``execution`` metadata is
  dropped.

:func:`machine_paths` finds absolute paths of this machine (``/tmp/...``, a home folder)
in stored outputs; the convention tests use it so that no run leaks one into the repository.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat

from anatomy_helpers.tools.authoring import sync_notebook, write_notebook

__all__ = [
    "execute_copy",
    "execute_node",
    "execute_notebooks",
    "machine_paths",
    "normalize_notebook",
]

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")
_PATH = re.compile(
    r"(?<![\w.:/])(?:/tmp/|/var/folders/|/home/[^/\s]+/|/root/|/Users/[^/\s]+/|/work/"
    r"|[A-Za-z]:\\\\?Users\\)[^\s\"'<>]*"
)


def _references(value) -> Iterator[str]:
    """Model ids referenced inside a widget state value, in a stable order."""
    if isinstance(value, str):
        yield from _MODEL_REF.findall(value)
    elif isinstance(value, list):
        for item in value:
            yield from _references(item)
    elif isinstance(value, dict):
        for key in sorted(value):
            yield from _references(value[key])


def _model_order(nb: dict, state: dict) -> list[str]:
    """Model ids in the order outputs reach them (depth first), then any left over."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(model_id: str) -> None:
        stack = [model_id]
        while stack:
            current = stack.pop()
            if current in seen or current not in state:
                continue
            seen.add(current)
            order.append(current)
            stack.extend(reversed(list(_references(state[current].get("state", {})))))

    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view and "model_id" in view:
                visit(view["model_id"])
    # Models no output reaches (kept alive by the kernel, e.g. a jslink): order them by
    # their content, with each reference to an ordered model written as its position, so
    # the order does not depend on the random ids (and normalising twice changes nothing).
    rest = [m for m in state if m not in seen]
    while rest:
        position = {model_id: i for i, model_id in enumerate(order)}
        visit(min(rest, key=lambda model_id: _content_key(state[model_id], position)))
        rest = [m for m in rest if m not in seen]
    return order


def _content_key(model_state: dict, position: dict[str, int]) -> str:
    """A model's state as text, each reference written as the referenced model's position."""
    text = json.dumps(model_state, sort_keys=True)
    return _MODEL_REF.sub(lambda ref: f"#{position.get(ref.group(1), '?')}", text)


def normalize_notebook(nb, stem: str):
    """Give the widget models of an executed notebook deterministic ids.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        An executed notebook (outputs and widget state).
    stem : str
        The notebook's file stem; the new ids are derived from it and the model's position.

    Returns
    -------
    nbformat.NotebookNode
        A new notebook whose ids are ``sha256(stem/position)[:32]``.
    """
    raw = json.loads(nbformat.writes(nb))
    for cell in raw.get("cells", []):
        cell.get("metadata", {}).pop("execution", None)
    state = raw.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    mapping = {
        old: hashlib.sha256(f"{stem}/{i}".encode()).hexdigest()[:32]
        for i, old in enumerate(_model_order(raw, state))
    }
    for cell in raw.get("cells", []):
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view and view.get("model_id") not in (None, *mapping):
                # A view of a model whose state was not saved: keep the cell readable.
                mapping[view["model_id"]] = hashlib.sha256(
                    f"{stem}/orphan/{len(mapping)}".encode()
                ).hexdigest()[:32]
    text = json.dumps(raw)
    if mapping:
        pattern = re.compile("|".join(re.escape(old) for old in mapping))
        text = pattern.sub(lambda m: mapping[m.group(0)], text)
    return nbformat.reads(text, as_version=4)


def machine_paths(nb) -> list[str]:
    """Absolute machine paths found in a notebook's stored outputs (empty when clean)."""
    found = []
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")]
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/") or mime.endswith("json"):
                    texts.append(value if isinstance(value, str) else json.dumps(value))
            for text in texts:
                text = "".join(text) if isinstance(text, list) else text
                found.extend(m.group(0) for m in _PATH.finditer(text))
    return found


def execute_node(nb, *, stem: str, cwd: Path, cell_timeout_s: int = 60, sync: bool = True):
    """Execute a notebook node from a clean state in a new kernel; return it normalised.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook (changed in place: generated cells synced, outputs replaced).
    stem : str
        Its file stem (names the generated cells and the widget ids).
    cwd : pathlib.Path
        Working folder of the kernel (the notebook's folder).
    cell_timeout_s : int, default 60
        Per-cell timeout (s).
    sync : bool, default True
        Refresh the generated cells first (the collection's notebooks have them).
    """
    from nbclient import NotebookClient

    if sync:
        sync_notebook(nb, stem)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    client = NotebookClient(
        nb,
        timeout=cell_timeout_s,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
        record_timing=False,
        store_widget_state=True,
    )
    client.execute()
    return normalize_notebook(nb, stem)


def execute_copy(path: Path, *, cell_timeout_s: int = 60):
    """Execute a notebook without touching its file; return the executed node.

    Raises
    ------
    RuntimeError
        If a cell fails or times out (the message names the notebook).
    """
    nb = nbformat.read(str(path), as_version=4)
    try:
        return execute_node(
            nb, stem=path.stem, cwd=path.parent, cell_timeout_s=cell_timeout_s, sync=False
        )
    except Exception as exc:
        msg = f"{path.name} could not be executed: {exc}"
        raise RuntimeError(msg) from exc


def _execute_in_process(path: Path, cell_timeout_s: int) -> None:
    """Execute one notebook in this process and write it back (used by the subprocess)."""
    nb = nbformat.read(path, as_version=4)
    nb = execute_node(nb, stem=path.stem, cwd=path.parent, cell_timeout_s=cell_timeout_s)
    write_notebook(nb, path)


def execute_notebooks(
    paths: list[Path],
    *,
    cell_timeout_s: int = 60,
    notebook_timeout_s: int = 600,
    retries: int = 1,
    log: Callable[[str], object] = print,
) -> list[Path]:
    """Sync and re-execute notebooks in place, one subprocess each, with a retry.

    A notebook execution here occasionally stalls on a widget cell; the per-cell timeout
    lets it resume, and a notebook that still fails or exceeds ``notebook_timeout_s`` is
    retried ``retries`` times. The file is only replaced after a successful run.

    Parameters
    ----------
    paths : list of pathlib.Path
        Notebooks to execute.
    cell_timeout_s : int, default 60
        Per-cell timeout (s).
    notebook_timeout_s : int, default 600
        Wall-clock limit for one attempt (s).
    retries : int, default 1
        Extra attempts after a failure.
    log : callable
        Receives progress lines.

    Returns
    -------
    list of pathlib.Path
        Notebooks that failed every attempt (empty on success).
    """
    failed = []
    for i, path in enumerate(paths, start=1):
        label = f"[{i}/{len(paths)}] {path.name}"
        for attempt in range(retries + 1):
            log(f"{label}: executing (attempt {attempt + 1})...")
            started = time.perf_counter()
            command = [sys.executable, "-m", __name__, str(path), str(cell_timeout_s)]
            try:
                proc = subprocess.run(
                    command,
                    capture_output=True,
                    text=True,
                    timeout=notebook_timeout_s,
                    check=False,
                )
                ok, detail = proc.returncode == 0, (proc.stderr or proc.stdout)[-2000:]
            except subprocess.TimeoutExpired:
                ok, detail = False, f"no result after {notebook_timeout_s} s"
            took = time.perf_counter() - started
            if ok:
                log(f"{label}: done in {took:.1f} s")
                break
            log(f"{label}: failed after {took:.1f} s\n{detail}")
        else:
            failed.append(path)
    return failed


if __name__ == "__main__":  # subprocess entry used by execute_notebooks
    _execute_in_process(Path(sys.argv[1]), int(sys.argv[2]))
