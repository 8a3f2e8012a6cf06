"""Notebook tooling: template, generated cells, README table, execution."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from anatomy_helpers.safety import load_red_flags, safety_note_html, safety_note_markdown
from anatomy_helpers.tools import authoring, execute
from anatomy_helpers.tools.project import project_root

ROOT = project_root(Path(__file__).parent)


def _sandbox(tmp_path: Path) -> Path:
    (tmp_path / "notebooks").mkdir()
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "README.md").write_text(
        f"intro\n{authoring.README_START}\nold\n{authoring.README_END}\nrest\n", "utf-8"
    )
    return tmp_path


def test_new_notebook_follows_the_template_and_syncs(tmp_path):
    root = _sandbox(tmp_path)
    path = authoring.new_notebook(root, "00_start_here", "Start")
    nb = nbformat.read(path, as_version=4)
    assert authoring.sync_notebook(nb, "00_start_here")
    assert nb.cells[1].source == safety_note_markdown()
    refs = nb.cells[-1].source
    assert (
        refs.startswith("## References") and "ref-dionne2019" in refs and "ref-vroomen1999" in refs
    )
    assert not authoring.sync_notebook(nb, "00_start_here"), "sync is idempotent"
    assert any(authoring.TEMPLATE_MARK in c.source for c in nb.cells)
    with pytest.raises(FileExistsError):
        authoring.new_notebook(root, "00_start_here", "Start")
    with pytest.raises(ValueError, match="NN_snake_case"):
        authoring.new_notebook(root, "Intro", "Start")


def test_citation_checks():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "See [Smoll 2010](#ref-smoll2010), [Smoll et al.](#ref-smoll2010) and [X](#ref-nobody)."
        )
    ]
    assert authoring.cited_keys(nb) == {"smoll2010", "nobody"}
    problems = authoring.citation_problems(nb)
    assert any("should be 'Smoll 2010'" in p for p in problems)
    assert any("unknown source key 'nobody'" in p for p in problems)


def test_readme_table_is_generated_between_markers(tmp_path):
    root = _sandbox(tmp_path)
    shutil.copy(ROOT / "notebooks" / "00_start_here.ipynb", root / "notebooks")
    assert authoring.sync_readme(root)
    text = (root / "README.md").read_text("utf-8")
    assert (
        "| [Start here: how this collection works](notebooks/00_start_here.ipynb) | 10 min |"
        in text
    )
    assert text.startswith("intro\n") and text.endswith("rest\n")
    assert not authoring.sync_readme(root, check=True)


def test_execute_runs_in_place_and_reports_failures(tmp_path):
    root = _sandbox(tmp_path)
    good = authoring.new_notebook(root, "01_good", "Good")
    bad = authoring.new_notebook(root, "02_bad", "Bad")
    nb = nbformat.read(bad, as_version=4)
    nb.cells.insert(5, nbformat.v4.new_code_cell("1 / 0"))
    nb.cells[8].source = "print('no bank needed')"
    authoring.write_notebook(nb, bad)
    nb = nbformat.read(good, as_version=4)
    nb.cells[8].source = "print(6 * 7)"
    nb.cells.insert(9, nbformat.v4.new_code_cell(WIDGET_CELL))
    authoring.write_notebook(nb, good)
    lines = []
    failed = execute.execute_notebooks([good, bad], cell_timeout_s=60, retries=1, log=lines.append)
    assert failed == [bad]
    assert any("[1/2] 01_good.ipynb: done in" in line for line in lines)
    assert sum("02_bad.ipynb: failed" in line for line in lines) == 2, "one retry"
    out = nbformat.read(good, as_version=4)
    code = [c for c in out.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == [1, 2, 3, 4], "setup, 42, widget, CPD record"
    assert code[1].outputs[0]["text"] == "42\n"
    assert out.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert "1 / 0" in bad.read_text("utf-8") and '"execution_count": null' in bad.read_text("utf-8")
    first = good.read_bytes()
    assert execute.execute_notebooks([good], log=lines.append) == []
    assert good.read_bytes() == first, "re-executing an unchanged notebook changes nothing"


WIDGET_CELL = (
    "import ipywidgets as w\n"
    "w.VBox([w.IntSlider(description='Reps', value=3), w.HTML('<b>dose</b>'), w.Dropdown(options=['a', 'b'])])"
)


def _widget_notebook(ids):
    """An executed notebook's shape: two views, a box referencing two children."""
    box, slider, html, layout = ids
    state = {
        html: {"model_name": "HTMLModel", "state": {"value": "x", "layout": f"IPY_MODEL_{layout}"}},
        layout: {"model_name": "LayoutModel", "state": {}},
        box: {
            "model_name": "VBoxModel",
            "state": {"children": [f"IPY_MODEL_{slider}", f"IPY_MODEL_{html}"]},
        },
        slider: {"model_name": "IntSliderModel", "state": {"value": 3}},
    }
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("box", id="widget-cell")
    view = {"model_id": box, "version_major": 2, "version_minor": 0}
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"application/vnd.jupyter.widget-view+json": view, "text/plain": "VBox()"},
        )
    ]
    nb.cells = [cell]
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {
            "state": state,
            "version_major": 2,
            "version_minor": 0,
        }
    }
    return nb


def test_normalize_gives_the_same_ids_whatever_the_random_ones():
    import uuid

    runs = [
        execute.normalize_notebook(_widget_notebook([uuid.uuid4().hex for _ in range(4)]), "09_x")
        for _ in range(2)
    ]
    assert nbformat.writes(runs[0]) == nbformat.writes(runs[1])
    state = runs[0].metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    box = (
        runs[0].cells[0].outputs[0]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
    )
    children = state[box]["state"]["children"]
    assert [state[c.removeprefix("IPY_MODEL_")]["model_name"] for c in children] == [
        "IntSliderModel",
        "HTMLModel",
    ]
    assert len(set(state)) == 4


def test_models_no_output_reaches_get_ids_independent_of_the_random_ones():
    """Two jslinks (reached by no output) differ only in the ids they point at."""
    import uuid

    def with_links(ids):
        nb = _widget_notebook(ids[:4])
        state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
        _box, slider, html = ids[:3]
        for link, (a, b) in zip(ids[4:], [(slider, html), (html, slider)], strict=True):
            state[link] = {
                "model_name": "LinkModel",
                "state": {
                    "source": [f"IPY_MODEL_{a}", "value"],
                    "target": [f"IPY_MODEL_{b}", "value"],
                },
            }
        return nb

    runs = []
    for _ in range(6):
        first = execute.normalize_notebook(with_links([uuid.uuid4().hex for _ in range(6)]), "09_x")
        assert nbformat.writes(execute.normalize_notebook(first, "09_x")) == nbformat.writes(first)
        runs.append(nbformat.writes(first))
    assert len(set(runs)) == 1


def test_machine_paths_are_found_in_outputs():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output(
            "stream", name="stdout", text="Handout written to /tmp/handout-ab/p.html\n"
        ),
        nbformat.v4.new_output(
            "display_data", data={"text/plain": "see https://x.org/tmp/a and 3/4"}
        ),
    ]
    nb.cells = [cell]
    assert execute.machine_paths(nb) == ["/tmp/handout-ab/p.html"]


def test_safety_note_lists_every_red_flag_with_sources():
    md, html = safety_note_markdown(), safety_note_html()
    for flag in load_red_flags():
        assert flag.sign in md
    assert "Education, not medical advice." in md and "same-day emergency" in md
    assert "[Dionne et al. 2019](#ref-dionne2019)" in md
    assert html.startswith('<aside class="safety-note" role="note">') and "Long et al. 2020" in html
