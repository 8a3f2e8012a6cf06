"""Where the collection lives and what each notebook says about itself.

One home for what every tool needs: the project folder, the notebooks in reading order,
and the title cell of a notebook (title, one-line summary, estimated time, audience) with
its learning objectives. Used by authoring, figure export, present, the static site, the
tests and the benchmarks.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "NOTEBOOK_NAME",
    "NotebookHeader",
    "notebook_header",
    "notebook_paths",
    "project_root",
    "read_notebook",
    "resolve_notebook",
]

#: File names of the collection's notebooks: ``NN_snake_case.ipynb``.
NOTEBOOK_NAME = re.compile(r"\d\d_[a-z0-9_]+\.ipynb")
_TIME = re.compile(r"\*\*Estimated time:\*\*\s*(\d+)\s*min", re.IGNORECASE)
_AUDIENCE = re.compile(r"\*\*Audience:\*\*\s*([^·\n]+)", re.IGNORECASE)


def project_root(start: str | os.PathLike[str] | None = None) -> Path:
    """The project folder at or above ``start`` (default: the working directory).

    A checkout is the nearest folder holding ``notebooks/`` and this project's
    ``pyproject.toml``; failing that (the notebooks copied elsewhere, for example on a
    JupyterHub), the nearest folder holding ``notebooks/``.

    Raises
    ------
    FileNotFoundError
        If no such folder is at or above ``start``.
    """
    here = Path(start or Path.cwd()).resolve()
    folders = (here, *here.parents)
    for folder in folders:
        pyproject = folder / "pyproject.toml"
        if (
            (folder / "notebooks").is_dir()
            and pyproject.is_file()
            and 'name = "anatomy_helpers"' in pyproject.read_text("utf-8")
        ):
            return folder
    for folder in folders:
        if (folder / "notebooks").is_dir():
            return folder
    msg = f"no sciatica-notebooks folder (one with notebooks/) at or above {here}"
    raise FileNotFoundError(msg)


def notebook_paths(root: str | os.PathLike[str]) -> list[Path]:
    """The collection's notebooks (``notebooks/NN_name.ipynb``), in reading order."""
    folder = Path(root) / "notebooks"
    return sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_NAME.fullmatch(p.name))


def resolve_notebook(spec: str, root: str | os.PathLike[str] | None = None) -> Path:
    """Turn a notebook argument (a path, a stem, or a number such as ``1`` or ``01``) into a path.

    Raises
    ------
    ValueError
        If nothing or more than one notebook matches (the message lists the notebooks).
    """
    if not isinstance(spec, str) or not spec.strip():
        msg = "notebook must be a path, a stem or a number prefix such as 01"
        raise ValueError(msg)
    direct = Path(spec)
    if direct.suffix == ".ipynb" and direct.is_file():
        return direct.resolve()
    notebooks = notebook_paths(project_root(root))
    text = spec.strip()
    if text.isdigit():
        matches = [p for p in notebooks if p.name.startswith(f"{int(text):02d}_")]
    else:
        matches = [p for p in notebooks if p.stem == Path(text).stem]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(p.stem for p in notebooks) or "(none yet)"
    problem = "matches several notebooks" if matches else "matches no notebook"
    msg = f"notebook {spec!r} {problem}; notebooks: {names}"
    raise ValueError(msg)


def read_notebook(path: str | os.PathLike[str]):
    """Read a notebook as an ``nbformat.NotebookNode`` (format 4)."""
    import nbformat

    return nbformat.read(str(path), as_version=4)


@dataclass(frozen=True)
class NotebookHeader:
    """What a notebook's title cell and objectives say.

    Attributes
    ----------
    stem : str
        File name without ``.ipynb``.
    title : str
        The text of the single H1.
    summary : str
        The one-line summary under the title.
    time_min : int or None
        Estimated time (min); None only when read with ``strict=False``.
    audience : str
        Who it is for.
    objectives : tuple of str
        The learning objectives, in order.
    """

    stem: str
    title: str
    summary: str
    time_min: int | None
    audience: str
    objectives: tuple[str, ...]


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def notebook_header(nb, stem: str, *, strict: bool = True) -> NotebookHeader:
    """Read title, one-line summary, time, audience and objectives from a notebook.

    Parameters
    ----------
    nb : mapping
        A notebook (``nbformat.NotebookNode`` or the parsed JSON dict).
    stem : str
        Its file stem, for messages.
    strict : bool, default True
        Require the template's time, audience and objectives; when False, what is missing
        is left empty (the title falls back to the stem).

    Raises
    ------
    ValueError
        With ``strict``, if the title cell or the objectives are not in the template's form.
    """
    cells = nb.get("cells", [])
    first = _source(cells[0]) if cells and cells[0].get("cell_type") == "markdown" else ""
    lines = [ln.strip() for ln in first.splitlines() if ln.strip()]
    if not lines or not lines[0].startswith("# "):
        if not strict:
            return NotebookHeader(stem, stem, "", None, "", ())
        msg = f"{stem}: the first cell must start with '# Title'"
        raise ValueError(msg)
    time_match, audience_match = _TIME.search(first), _AUDIENCE.search(first)
    if strict and (not time_match or not audience_match):
        msg = f"{stem}: the title cell needs '**Estimated time:** NN min' and '**Audience:** ...'"
        raise ValueError(msg)
    summary = next((ln for ln in lines[1:] if not ln.startswith(("**", "#", "<"))), "")
    objectives: tuple[str, ...] = ()
    for cell in cells:
        text = _source(cell)
        if cell.get("cell_type") == "markdown" and text.lstrip().startswith(
            "## Learning objectives"
        ):
            objectives = tuple(
                ln.strip()[2:].strip()
                for ln in text.splitlines()
                if ln.strip().startswith(("- ", "* "))
            )
            break
    if strict and not objectives:
        msg = f"{stem}: '## Learning objectives' needs a bullet list"
        raise ValueError(msg)
    return NotebookHeader(
        stem=stem,
        title=lines[0][2:].strip(),
        summary=summary,
        time_min=int(time_match.group(1)) if time_match else None,
        audience=audience_match.group(1).strip() if audience_match else "",
        objectives=objectives,
    )
