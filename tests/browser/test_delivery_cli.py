"""The delivery commands without a browser: argument handling, Voila command, index page."""

from __future__ import annotations

import json

import pytest

from anatomy_helpers import delivery


def _notebook(path, title="Demo title", minutes=15):
    nb = {
        "cells": [
            {
                "cell_type": "markdown",
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
def project(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "pyproject.toml").write_text("")
    _notebook(tmp_path / "notebooks" / "01_alpha.ipynb", "Alpha")
    _notebook(tmp_path / "notebooks" / "02_beta.ipynb", "Beta", 25)
    return tmp_path


def test_resolve_by_prefix_stem_and_path(project):
    alpha = project / "notebooks" / "01_alpha.ipynb"
    assert delivery.resolve_notebook("1", project) == alpha
    assert delivery.resolve_notebook("01", project) == alpha
    assert delivery.resolve_notebook("01_alpha", project) == alpha
    assert delivery.resolve_notebook(str(alpha)) == alpha.resolve()


def test_resolve_unknown_lists_notebooks(project):
    with pytest.raises(ValueError, match=r"matches no notebook; notebooks: 01_alpha, 02_beta"):
        delivery.resolve_notebook("07", project)


def test_notebook_info_reads_title_time_audience(project):
    info = delivery.notebook_info(project / "notebooks" / "02_beta.ipynb")
    assert (info.title, info.minutes, info.audience) == ("Beta", 25, "PT students")
    assert info.summary == "One-line summary."
    assert (info.widget_views, info.has_widget_state) == (0, False)


def test_voila_command_hides_code_and_binds_loopback(project):
    cmd = delivery.voila_command(project / "notebooks" / "01_alpha.ipynb", port=9000)
    assert "--Voila.ip=127.0.0.1" in cmd
    assert "--strip_sources=True" in cmd
    assert "--show_tracebacks=False" in cmd
    assert f"--template={delivery.VOILA_TEMPLATE}" in cmd
    assert any(a.startswith("--MappingKernelManager.cull_idle_timeout=") for a in cmd)
    env = delivery.voila_env({"JUPYTER_PATH": "/x"})
    assert env["JUPYTER_PATH"].split(":") == [str(delivery.TEMPLATES_DIR), "/x"]
    template = delivery.TEMPLATES_DIR / "voila" / "templates" / delivery.VOILA_TEMPLATE
    assert (template / "index.html.j2").is_file()


@pytest.mark.parametrize(
    ("port", "error"), [(0, ValueError), (70000, ValueError), ("80", TypeError), (True, TypeError)]
)
def test_voila_command_rejects_bad_port(project, port, error):
    with pytest.raises(error, match="port"):
        delivery.voila_command(project / "notebooks", port=port)


def test_present_dry_run_and_warning(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert delivery.main_present(["1", "--dry-run", "--port", "8999"]) == 0
    out = capsys.readouterr()
    assert "http://127.0.0.1:8999/" in out.out
    assert "WARNING" not in out.err
    assert delivery.main_present(["1", "--dry-run", "--host", "0.0.0.0"]) == 0
    assert "WARNING: binding to 0.0.0.0" in capsys.readouterr().err
    assert delivery.main_present(["9"]) == 2


def test_is_loopback():
    assert delivery.is_loopback("127.0.0.1")
    assert delivery.is_loopback("::1")
    assert delivery.is_loopback("localhost")
    assert not delivery.is_loopback("0.0.0.0")
    assert not delivery.is_loopback("192.168.1.4")


def test_index_page_lists_titles_and_times(project):
    infos = [delivery.notebook_info(p) for p in delivery.list_notebooks(project)]
    page = delivery._index_html(infos, [])
    assert '<a href="notebooks/01_alpha.html">Alpha</a>' in page
    assert "02_beta · 25 min · PT students" in page
    assert "2 notebooks · about 40 min in all" in page
    assert '<html lang="en">' in page
