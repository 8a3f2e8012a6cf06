"""The delivery commands without a browser: argument handling, Voila command, index page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anatomy_helpers.tools import present, project, site


def _notebook(path, title="Demo title", minutes=15):
    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "id": "title",
                "metadata": {},
                "source": [
                    f"# {title}\n",
                    "\n",
                    "One-line summary.\n",
                    "\n",
                    f"**Estimated time:** {minutes} min · **Audience:** PT students · "
                    "**Prerequisites:** none",
                ],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


@pytest.fixture
def project_dir(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "pyproject.toml").write_text("")
    _notebook(tmp_path / "notebooks" / "01_alpha.ipynb", "Alpha")
    _notebook(tmp_path / "notebooks" / "02_beta.ipynb", "Beta", 25)
    return tmp_path


def test_resolve_by_prefix_stem_and_path(project_dir):
    alpha = project_dir / "notebooks" / "01_alpha.ipynb"
    assert project.resolve_notebook("1", project_dir) == alpha
    assert project.resolve_notebook("01", project_dir) == alpha
    assert project.resolve_notebook("01_alpha", project_dir) == alpha
    assert project.resolve_notebook(str(alpha)) == alpha.resolve()


def test_resolve_unknown_lists_notebooks(project_dir):
    with pytest.raises(ValueError, match=r"matches no notebook; notebooks: 01_alpha, 02_beta"):
        project.resolve_notebook("07", project_dir)


def test_notebook_info_reads_title_time_audience(project_dir):
    info = site.notebook_info(project_dir / "notebooks" / "02_beta.ipynb")
    assert (info.title, info.minutes, info.audience) == ("Beta", 25, "PT students")
    assert info.summary == "One-line summary."
    assert (info.widget_views, info.has_widget_state) == (0, False)


def test_voila_command_hides_code_and_binds_loopback(project_dir):
    cmd = present.voila_command(project_dir / "notebooks" / "01_alpha.ipynb", port=9000)
    assert "--Voila.ip=127.0.0.1" in cmd
    assert "--strip_sources=True" in cmd
    assert "--show_tracebacks=False" in cmd
    assert f"--template={present.VOILA_TEMPLATE}" in cmd
    assert any(a.startswith("--MappingKernelManager.cull_idle_timeout=") for a in cmd)
    env = present.voila_env({"JUPYTER_PATH": "/x"})
    assert env["JUPYTER_PATH"].split(":") == [str(present.TEMPLATES_DIR), "/x"]
    template = present.TEMPLATES_DIR / "voila" / "templates" / present.VOILA_TEMPLATE
    assert (template / "index.html.j2").is_file()


@pytest.mark.parametrize(
    ("port", "error"), [(0, ValueError), (70000, ValueError), ("80", TypeError), (True, TypeError)]
)
def test_voila_command_rejects_bad_port(project_dir, port, error):
    with pytest.raises(error, match="port"):
        present.voila_command(project_dir / "notebooks", port=port)


def test_present_dry_run_and_warning(project_dir, monkeypatch, capsys):
    monkeypatch.chdir(project_dir)
    assert present.main_present(["1", "--dry-run", "--port", "8999"]) == 0
    out = capsys.readouterr()
    assert "http://127.0.0.1:8999/" in out.out
    assert "WARNING" not in out.err
    assert present.main_present(["1", "--dry-run", "--host", "0.0.0.0"]) == 0
    assert "WARNING: binding to 0.0.0.0" in capsys.readouterr().err
    assert present.main_present(["9"]) == 2


def test_is_loopback():
    assert present.is_loopback("127.0.0.1")
    assert present.is_loopback("::1")
    assert present.is_loopback("localhost")
    assert not present.is_loopback("0.0.0.0")
    assert not present.is_loopback("192.168.1.4")


def test_index_page_lists_titles_and_times(project_dir):
    infos = [site.notebook_info(p) for p in project.notebook_paths(project_dir)]
    page = site._index_html(infos, [])
    assert '<a href="notebooks/01_alpha.html">Alpha</a>' in page
    assert "02_beta · 25 min · PT students" in page
    assert "2 notebooks · about 40 min in all" in page
    assert '<html lang="en">' in page


def _lab_saved_widget_notebook(path, source):
    """A notebook as JupyterLab saves it: a widget view in the outputs, no widget state."""
    nb = json.loads(path.read_text("utf-8"))
    nb["cells"] = [c for c in nb["cells"] if c.get("id") != "widget-cell"]
    nb["cells"].append(
        {
            "cell_type": "code",
            "execution_count": 1,
            "id": "widget-cell",
            "metadata": {},
            "source": source,
            "outputs": [
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {
                        "application/vnd.jupyter.widget-view+json": {
                            "model_id": "0" * 32,
                            "version_major": 2,
                            "version_minor": 0,
                        },
                        "text/plain": "IntSlider(value=7)",
                    },
                }
            ],
        }
    )
    path.write_text(json.dumps(nb), "utf-8")


def test_site_reexecutes_a_notebook_saved_without_widget_state(project_dir):
    from anatomy_helpers.tools.project import project_root as repo_root

    repo = repo_root(Path(__file__).parent)
    for name in ("package.json", "package-lock.json"):
        (project_dir / name).write_bytes((repo / name).read_bytes())
    cache = repo / ".vendor"
    for extra in project_dir.glob("notebooks/02_*.ipynb"):
        extra.unlink()
    notebook = project_dir / "notebooks" / "01_alpha.ipynb"
    _lab_saved_widget_notebook(notebook, "import ipywidgets as w\nw.IntSlider(value=7)")
    lines = []
    pages = site.build_site(project_dir, project_dir / "site", cache_dir=cache, log=lines.append)
    page = pages[1].read_text("utf-8")
    assert '"value": 7' in page and "application/vnd.jupyter.widget-state+json" in page
    assert any("re-executing" in line for line in lines)
    assert "had no saved widget state and was re-executed" in pages[0].read_text("utf-8")
    assert all(p.stat().st_mode & 0o044 == 0o044 for p in pages), "pages readable by others"
    assert '"widgets"' not in notebook.read_text("utf-8"), "the notebook file is left as it was"
    _lab_saved_widget_notebook(notebook, "raise RuntimeError('broken cell')")
    with pytest.raises(RuntimeError, match=r"01_alpha\.ipynb could not be executed"):
        site.build_site(project_dir, project_dir / "site2", cache_dir=cache, log=lines.append)
