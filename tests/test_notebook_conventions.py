"""Every notebook follows the template in CONTRIBUTING.md ('Notebook template')."""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import nbformat
import pytest

from anatomy_helpers.selfcheck import load_question_bank, question_bank_names
from anatomy_helpers.tools.authoring import (
    CPD_INTRO_TAG,
    CPD_RECORD_TAG,
    REFERENCES_TAG,
    SAFETY_TAG,
    TEMPLATE_MARK,
    citation_problems,
    cpd_record_source,
    sync_notebook,
    sync_readme,
)
from anatomy_helpers.tools.execute import machine_paths, normalize_notebook
from anatomy_helpers.tools.project import notebook_header, notebook_paths, project_root

ROOT = project_root(Path(__file__).parent)
NOTEBOOKS = notebook_paths(ROOT)
IDS = [p.stem for p in NOTEBOOKS]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")


def _load(path: Path):
    return nbformat.read(path, as_version=4)


def _headings(nb) -> list[tuple[int, str]]:
    out = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        in_fence = False
        for line in cell.source.splitlines():
            if line.strip().startswith("```"):
                in_fence = not in_fence
            m = None if in_fence else HEADING.match(line)
            if m:
                out.append((len(m.group(1)), m.group(2)))
    return out


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def test_there_is_a_start_notebook():
    assert NOTEBOOKS, "no notebooks found"
    assert NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_title_cell(path):
    s = notebook_header(_load(path), path.stem)
    assert s.title and s.summary, "title cell needs a title and a one-line summary"
    assert 5 <= s.time_min <= 90
    assert 3 <= len(s.objectives) <= 5, "3-5 learning objectives"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_headings_single_h1_in_order_and_required_sections(path):
    heads = _headings(_load(path))
    levels = [lvl for lvl, _ in heads]
    assert levels[0] == 1 and levels.count(1) == 1, "exactly one H1, first"
    for prev, cur in itertools.pairwise(levels):
        assert cur <= prev + 1, f"heading level jumps from H{prev} to H{cur}"
    h2 = [text for lvl, text in heads if lvl == 2]
    assert h2[:2] == ["Learning objectives", "Setup"]
    assert h2[-2:] == ["Summary", "References"]
    numbered = h2[2:-2]
    assert numbered, "at least one numbered section"
    for i, title in enumerate(numbered, start=1):
        assert title.startswith(f"{i}. "), f"section {title!r} should be numbered {i}."
    h3 = [text for lvl, text in heads if lvl == 3]
    assert "Try it" in h3 and "Check yourself" in h3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_setup_is_one_code_cell(path):
    cells = _load(path).cells
    start = next(i for i, c in enumerate(cells) if c.source.startswith("## Setup"))
    code = []
    for cell in cells[start + 1 :]:
        if cell.cell_type == "markdown" and HEADING.match(cell.source.splitlines()[0] or ""):
            break
        if cell.cell_type == "code":
            code.append(cell)
    assert len(code) == 1, "the Setup section has exactly one code cell"
    assert "use_style()" in code[0].source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_logic_in_notebook_cells(path):
    for cell in _load(path).cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(
                node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
            ), f"define functions in the package, not in a cell:\n{cell.source}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_executed_in_order_without_errors(path):
    code = [c for c in _load(path).cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), (
        "run the notebook top to bottom: python -m anatomy_helpers notebooks execute"
    )
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error", f"error output in:\n{cell.source}"
            assert not (out.output_type == "stream" and out.name == "stderr"), (
                f"stderr output (a warning?) in:\n{cell.source}\n{out.text}"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_widget_cells_tagged_and_checked_cells_print(path):
    for cell in _load(path).cells:
        if cell.cell_type != "code":
            continue
        has_widget = any(WIDGET_MIME in out.get("data", {}) for out in cell.outputs)
        if has_widget:
            assert "nbval-ignore-output" in _tags(cell), f"tag widget cell:\n{cell.source}"
        if "nbval-check-output" in _tags(cell):
            assert any(out.output_type == "stream" for out in cell.outputs), (
                f"a check-output cell prints the number the prose quotes:\n{cell.source}"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_figures_have_alt_text_and_a_description(path):
    cells = _load(path).cells
    for i, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            assert "image/png" not in out.get("data", {}), (
                f"use show_figure(fig, alt=...) instead of a bare image:\n{cell.source}"
            )
            markup = out.get("data", {}).get("text/html", "")
            for img in re.findall(r"<img[^>]*>", markup):
                alt = re.search(r'alt="([^"]*)"', img)
                assert alt and len(alt.group(1).strip()) >= 10, (
                    f"figure without alt:\n{cell.source}"
                )
            if "<img" in markup:
                assert i + 1 < len(cells) and cells[i + 1].cell_type == "markdown", (
                    f"follow a figure with a Markdown sentence saying what it shows:\n{cell.source}"
                )
    for cell in cells:
        if cell.cell_type == "markdown":
            assert not re.search(r"!\[\s*\]\(", cell.source), "Markdown image without alt text"
            assert not re.search(r"\[(click )?here\]\(", cell.source, re.I), "link text 'here'"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_citations_resolve_and_generated_cells_are_current(path):
    nb = _load(path)
    assert citation_problems(nb) == []
    tags = [t for c in nb.cells for t in _tags(c)]
    assert tags.count(SAFETY_TAG) == 1 and tags.count(REFERENCES_TAG) == 1
    assert SAFETY_TAG in _tags(nb.cells[1]), "the safety note follows the title cell"
    assert REFERENCES_TAG in _tags(nb.cells[-1]), "References is the last cell"
    assert not sync_notebook(nb, path.stem), (
        "generated cells are stale: python -m anatomy_helpers notebooks sync"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_template_placeholders_left(path):
    for cell in _load(path).cells:
        assert TEMPLATE_MARK not in cell.source, f"fill in the template placeholder:\n{cell.source}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_bank_question_is_asked(path):
    assert path.stem in question_bank_names(), f"no question bank for {path.stem}"
    code = "\n".join(c.source for c in _load(path).cells if c.cell_type == "code")
    if f'self_check("{path.stem}")' in code:
        return
    for q in load_question_bank(path.stem):
        assert f'"{q.question_id}"' in code, f"question {q.question_id} is never asked"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_widget_view_has_saved_state_and_a_stable_id(path):
    nb = _load(path)
    views = [
        out["data"][WIDGET_MIME]["model_id"]
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if WIDGET_MIME in out.get("data", {})
    ]
    if not views:
        pytest.skip(f"{path.stem} shows no widgets")
    saved = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]
    assert saved["version_major"] == 2
    missing = set(views) - set(saved["state"])
    assert not missing, "widget views without saved state: re-run `make notebooks`"
    assert nbformat.writes(normalize_notebook(nb, path.stem)) == nbformat.writes(nb), (
        "widget ids are not the deterministic ones: run `make notebooks`, not Lab's Save"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_machine_path_in_stored_outputs(path):
    assert machine_paths(_load(path)) == []


def test_every_question_bank_has_a_notebook():
    assert set(question_bank_names()) <= set(IDS)


def test_readme_notebook_table_is_current():
    assert not sync_readme(ROOT, check=True), (
        "README's notebook table is stale: python -m anatomy_helpers notebooks sync"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_notebook_ends_with_its_own_cpd_record(path):
    nb = nbformat.read(path, as_version=4)
    tags = [set(c.metadata.get("tags", [])) for c in nb.cells]
    intro = [i for i, t in enumerate(tags) if CPD_INTRO_TAG in t]
    code = [i for i, t in enumerate(tags) if CPD_RECORD_TAG in t]
    assert len(intro) == len(code) == 1
    summary = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## Summary"))
    assert summary < intro[0] and code[0] == intro[0] + 1 and code[0] == len(nb.cells) - 2
    assert {"app-only", "nbval-ignore-output"} <= tags[code[0]] and "app-only" in tags[intro[0]]
    header = notebook_header(nb, path.stem)
    source = nb.cells[code[0]].source
    assert source == cpd_record_source(nb, path.stem)
    namespace: dict = {}
    exec(
        compile(source, path.name, "exec"),
        {"cpd_record": lambda *a, **k: namespace.update(k, stem=a[0])},
    )
    assert namespace == {
        "stem": path.stem,
        "title": header.title,
        "objectives": list(header.objectives),
    }
