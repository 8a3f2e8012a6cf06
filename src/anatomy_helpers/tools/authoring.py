"""Notebook authoring: the template, the generated cells and the README table.

Used by ``python -m anatomy_helpers notebooks new|sync|execute`` and by the convention
tests (execution itself is :mod:`anatomy_helpers.tools.execute`). Two kinds of cell are
generated, never edited by hand:

* the safety note (cell tag ``generated-safety-note``), from :mod:`anatomy_helpers.safety`;
* the References section (tag ``generated-references``), from the citations in the
  notebook's Markdown, the sources of its question bank and of the safety note;
* the CPD record at the end of the Summary: a Markdown cell (tag ``generated-cpd-intro``)
  saying what the record is and which schemes its fields follow, and a code cell (tag
  ``generated-cpd-record``) calling ``cpd_record(stem, title=..., objectives=[...])`` with
  the notebook's own title and objectives (so the widget never reads the notebook file).
  Both carry ``app-only``: the static edition has no kernel to build a record.

The README's notebook table (between ``<!-- notebooks:start -->`` and
``<!-- notebooks:end -->``) is generated from each notebook's title cell and objectives.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from anatomy_helpers.fileio import write_text_atomic
from anatomy_helpers.references import cite, get_source, references_markdown
from anatomy_helpers.safety import safety_note_markdown
from anatomy_helpers.tools.present import APP_ONLY_TAG, NOTEBOOK_ONLY_TAG
from anatomy_helpers.tools.project import NOTEBOOK_NAME, notebook_header, notebook_paths

__all__ = [
    "citation_problems",
    "cited_keys",
    "cpd_intro_markdown",
    "cpd_record_source",
    "new_notebook",
    "reference_keys",
    "sync_notebook",
    "sync_readme",
    "write_notebook",
]

SAFETY_TAG = "generated-safety-note"
REFERENCES_TAG = "generated-references"
CPD_INTRO_TAG = "generated-cpd-intro"
CPD_RECORD_TAG = "generated-cpd-record"
#: Tags of the CPD record's two cells (in notebook order), with what else they carry.
CPD_CELL_TAGS = {
    CPD_INTRO_TAG: (CPD_INTRO_TAG, APP_ONLY_TAG),
    CPD_RECORD_TAG: (CPD_RECORD_TAG, APP_ONLY_TAG, "nbval-ignore-output"),
}
CITATION = re.compile(r"\[([^\]]+)\]\(#ref-([A-Za-z0-9_]+)\)")
README_START = "<!-- notebooks:start -->"
README_END = "<!-- notebooks:end -->"
TEMPLATE_MARK = "TEMPLATE:"


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _markdown_cells(nb, *, skip_tags=(REFERENCES_TAG,)):
    for cell in nb.cells:
        if cell.cell_type == "markdown" and not set(_tags(cell)) & set(skip_tags):
            yield cell


def cited_keys(nb) -> set[str]:
    """Source keys cited by Markdown links ``[text](#ref-key)`` (References cell excluded)."""
    return {m.group(2) for cell in _markdown_cells(nb) for m in CITATION.finditer(cell.source)}


def citation_problems(nb) -> list[str]:
    """Citation links with an unknown key or link text that is not ``cite(key)``."""
    problems = []
    for cell in _markdown_cells(nb):
        for m in CITATION.finditer(cell.source):
            text, key = m.group(1), m.group(2)
            try:
                get_source(key)
            except ValueError:
                problems.append(f"unknown source key {key!r} in [{text}](#ref-{key})")
                continue
            if text != cite(key):
                problems.append(f"link text {text!r} should be {cite(key)!r} for #ref-{key}")
    return problems


def reference_keys(nb, stem: str) -> set[str]:
    """Keys the References cell lists: citations plus question-bank sources."""
    from anatomy_helpers.selfcheck import load_question_bank, question_bank_names

    keys = cited_keys(nb)
    if stem in question_bank_names():
        keys |= {q.source_id for q in load_question_bank(stem)}
    return keys


def _references_source(nb, stem: str) -> str:
    body = references_markdown(reference_keys(nb, stem))
    return "## References\n\n" + body


def _py_string(text: str) -> str:
    """A Python string literal as ``ruff format`` writes it (double quotes, unless more escapes)."""
    body = text.replace("\\", "\\\\")
    if text.count('"') > text.count("'"):
        return "'" + body.replace("'", "\\'") + "'"
    return '"' + body.replace('"', '\\"') + '"'


def cpd_intro_markdown() -> str:
    """The Markdown above the CPD record form (the same in every notebook)."""
    standards, board = "hcpc_cpd_standards", "pba_cpd2015"
    return (
        "### Your CPD record\n\n"
        "If you keep a continuing professional development (CPD) portfolio, make a one-page "
        "record of this notebook here. Enter the time you spent and a few sentences on what "
        "you learnt and how it will help your practice and the people you treat, then press "
        "*Download CPD record*. The record also lists the notebook's learning objectives and "
        "how your self-check answers went since you opened it. It is built for your browser "
        "alone and nothing is kept on the server, so save the file. The fields follow what "
        f"CPD schemes ask physiotherapists to record ([{cite(standards)}](#ref-{standards}); "
        f"[{cite(board)}](#ref-{board}))."
    )


def cpd_record_source(nb, stem: str) -> str:
    """The code of the CPD record cell: ``cpd_record(stem, title=..., objectives=[...])``.

    Title and objectives come from the notebook's title cell and objectives, formatted as
    ``ruff format`` would, so the cell stays lint-clean.
    """
    header = notebook_header(nb, stem, strict=False)
    objectives = "".join(f"        {_py_string(o)},\n" for o in header.objectives)
    return (
        "cpd_record(\n"
        f"    {_py_string(stem)},\n"
        f"    title={_py_string(header.title)},\n"
        f"    objectives=[\n{objectives}    ],\n"
        ")"
    )


def sync_notebook(nb, stem: str) -> bool:
    """Rewrite the generated cells of ``nb`` in place; return True if anything changed.

    Raises
    ------
    ValueError
        If the notebook lacks a generated cell.
    """
    changed = False
    makers = (
        # The safety note and CPD note first: their citations feed the references.
        (SAFETY_TAG, safety_note_markdown),
        (CPD_INTRO_TAG, cpd_intro_markdown),
        (CPD_RECORD_TAG, lambda: cpd_record_source(nb, stem)),
        (REFERENCES_TAG, lambda: _references_source(nb, stem)),
    )
    found = dict.fromkeys((tag for tag, _ in makers), False)
    for tag, make in makers:
        for cell in nb.cells:
            if tag in _tags(cell):
                found[tag] = True
                new = make()
                if cell.source != new:
                    cell.source = new
                    changed = True
    missing = [t for t, ok in found.items() if not ok]
    if missing:
        msg = f"{stem}: no cell tagged {', '.join(missing)} (see CONTRIBUTING.md)"
        raise ValueError(msg)
    return changed


def readme_table(root: Path) -> str:
    """Markdown table of the notebooks (generated into README.md)."""
    rows = [
        "| Notebook | Time | You will be able to |",
        "| --- | --- | --- |",
    ]
    total = 0
    for path in notebook_paths(root):
        s = notebook_header(nbformat.read(path, as_version=4), path.stem)
        total += s.time_min
        objectives = "; ".join(o.rstrip(".") for o in s.objectives)
        rows.append(f"| [{s.title}](notebooks/{path.name}) | {s.time_min} min | {objectives} |")
    rows.append(f"| **All notebooks** | **{total} min** | |")
    return "\n".join(rows)


def sync_readme(root: Path, *, check: bool = False) -> bool:
    """Regenerate the README's notebook table; return True if it changed (or would).

    Raises
    ------
    ValueError
        If README.md lacks the markers.
    """
    readme = root / "README.md"
    text = readme.read_text("utf-8")
    if README_START not in text or README_END not in text:
        msg = f"README.md needs the markers {README_START} and {README_END}"
        raise ValueError(msg)
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    new = f"{head}{README_START}\n{readme_table(root)}\n{README_END}{tail}"
    if new == text:
        return False
    if not check:
        write_text_atomic(readme, new)
    return True


def write_notebook(nb, path: Path) -> None:
    """Write a notebook atomically (nbformat's canonical JSON, trailing newline)."""
    nbformat.validate(nb)
    write_text_atomic(path, nbformat.writes(nb) + "\n")


def _md(source: str, tags: tuple[str, ...] = ()):
    cell = nbformat.v4.new_markdown_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def _code(source: str, tags: tuple[str, ...] = ()):
    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def new_notebook(root: Path, stem: str, title: str) -> Path:
    """Create ``notebooks/<stem>.ipynb`` from the template (fails if it exists).

    The template's placeholder text starts with ``TEMPLATE:``; a test fails while any is left.

    Raises
    ------
    ValueError
        If ``stem`` is not ``NN_snake_case`` or ``title`` is empty.
    FileExistsError
        If the notebook exists.
    """
    if not NOTEBOOK_NAME.fullmatch(f"{stem}.ipynb"):
        msg = f"stem {stem!r} must look like 'NN_snake_case' (two digits, lower case)"
        raise ValueError(msg)
    if not title.strip():
        msg = "title must not be empty"
        raise ValueError(msg)
    path = root / "notebooks" / f"{stem}.ipynb"
    if path.exists():
        msg = f"{path} already exists"
        raise FileExistsError(msg)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [
        _md(
            f"# {title.strip()}\n\n{TEMPLATE_MARK} one sentence on what this notebook teaches.\n\n"
            "**Estimated time:** 20 min · **Audience:** PT students and clinicians · "
            "**Prerequisites:** [Start here](00_start_here.ipynb)"
        ),
        _md("", (SAFETY_TAG,)),
        _md(
            "## Learning objectives\n\nBy the end of this notebook you will be able to:\n\n"
            f"- {TEMPLATE_MARK} explain ... (3-5 objectives, each starting with a verb)"
        ),
        _md(
            "## Setup\n\nRun this cell first. It loads the helper package and the figure style.",
            (NOTEBOOK_ONLY_TAG,),
        ),
        _code(
            "from anatomy_helpers.drawing.display import show_figure\n"
            "from anatomy_helpers.drawing.style import use_style\n"
            "from anatomy_helpers.widgets.cpd_record import cpd_record\n"
            "from anatomy_helpers.widgets.quiz import self_check\n\n"
            "use_style()"
        ),
        _md(f"## 1. {TEMPLATE_MARK} first section\n\n{TEMPLATE_MARK} prose first, then code."),
        _md(
            "### Try it\n\n"
            f"{TEMPLATE_MARK} the widget, a static figure at default settings, and 2-3 prompts."
        ),
        _md(f"### Check yourself\n\n{TEMPLATE_MARK} questions from the notebook's bank."),
        _code(f'self_check("{stem}")', ("nbval-ignore-output",)),
        _md(f"## Summary\n\n- {TEMPLATE_MARK} 3-5 points mirroring the objectives."),
        _md("", CPD_CELL_TAGS[CPD_INTRO_TAG]),
        _code("", CPD_CELL_TAGS[CPD_RECORD_TAG]),
        _md("", (REFERENCES_TAG,)),
    ]
    write_notebook(nb, path)
    return path
