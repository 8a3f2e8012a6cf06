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


# -- issue 13: the app (tags, the room, the server's rules) -------------------------------
def test_voila_command_for_a_room(project_dir):
    nb = project_dir / "notebooks" / "01_alpha.ipynb"
    cmd = present.voila_command(nb, viewers=30, fill_delay_s=45)
    assert cmd[1:3] == ["-m", "anatomy_helpers.tools.app_server"]
    assert "--preheat_kernel=True" in cmd and "--pool_size=30" in cmd
    assert "--VoilaKernelManager.fill_delay=45" in cmd
    assert f"--max_kernels={present.default_max_kernels(30)}" in cmd
    assert "--host_check=True" in cmd
    assert "--MappingKernelManager.cull_connected=False" in cmd
    assert "--RoomKernelManager.cull_connected_timeout=1800" in cmd
    plain = present.voila_command(nb, host="0.0.0.0")
    assert "--host_check=False" in plain
    assert not any(a.startswith("--preheat_kernel") for a in plain)
    assert f"--max_kernels={present.DEFAULT_MAX_KERNELS}" in plain


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"viewers": -1}, ValueError, "viewers"),
        ({"viewers": 1.5}, TypeError, "viewers"),
        ({"viewers": 10, "max_kernels": 5}, ValueError, "max_kernels"),
        ({"fill_delay_s": float("nan")}, ValueError, "fill_delay_s"),
        ({"fill_delay_s": "30"}, TypeError, "fill_delay_s"),
        ({"cull_connected_timeout_s": -5}, ValueError, "cull_connected_timeout_s"),
    ],
)
def test_voila_command_rejects_bad_room_settings(project_dir, kwargs, error, name):
    with pytest.raises(error, match=name):
        present.voila_command(project_dir / "notebooks", **kwargs)


def test_present_prints_the_room_address_and_places(project_dir, monkeypatch, capsys):
    monkeypatch.chdir(project_dir)
    monkeypatch.setattr(present, "room_addresses", lambda: ["192.168.1.23"])
    assert present.main_present(["1", "--dry-run", "--host", "0.0.0.0", "--viewers", "30"]) == 0
    out = capsys.readouterr()
    assert "Give the room:" in out.out and "http://192.168.1.23:8866/" in out.out
    assert "at most 36 people at once" in out.out
    assert "WARNING: binding to 0.0.0.0" in out.err
    assert present.main_present(["1", "--dry-run", "--viewers", "-3"]) == 2


def test_room_addresses_are_not_loopback():
    import ipaddress

    assert all(not ipaddress.ip_address(a).is_loopback for a in present.room_addresses())


def test_site_leaves_out_notebook_only_and_app_only_cells():
    import nbformat

    nb = nbformat.v4.new_notebook()
    for text, tags in (
        ("Shown in every edition.", []),
        ("Run this cell first, in JupyterLab.", [present.NOTEBOOK_ONLY_TAG]),
        ("Press Download to save the file.", [present.APP_ONLY_TAG]),
    ):
        nb.cells.append(nbformat.v4.new_markdown_cell(text, metadata={"tags": tags}))
    body, _ = site._exporter(False).from_notebook_node(nb)
    assert "Shown in every edition." in body
    assert "Run this cell first" not in body and "Press Download" not in body


def test_room_places_and_room_full_page():
    from anatomy_helpers.tools.app_server import Room, room_full_html

    alive = [0]
    room = Room(max_kernels=2, start_slots=1, kernel_count=lambda: alive[0])
    first = room.try_reserve()
    assert first is not None and room.in_use() == 1
    alive[0] = 1
    room.release(first)
    room.release(first)  # a second release gives nothing back twice
    assert room.in_use() == 1
    assert room.try_reserve() is not None
    assert room.try_reserve() is None  # 1 alive + 1 reserved = the cap
    page = room_full_html(36)
    assert "<h1>The room is full</h1>" in page and "All 36 places" in page
    assert "Please try again in a minute." in page and 'href=""' in page
    assert "<script" not in page and "http-equiv" not in page  # no timed refresh (WCAG 2.2.1)


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("127.0.0.1:8866", True),
        ("localhost:8866", True),
        ("LOCALHOST", True),
        ("[::1]:8866", True),
        ("127.8.9.10", True),
        ("app.localhost:8866", True),
        ("attacker.example:8866", False),
        ("127.0.0.1.attacker.example", False),
        ("192.168.1.5:8866", False),
        ("", False),
        ("[::1", False),
    ],
)
def test_host_check(host, ok):
    from anatomy_helpers.tools.app_server import host_is_local

    assert host_is_local(host) is ok


def test_two_culling_limits():
    import asyncio
    import concurrent.futures
    import datetime
    from types import SimpleNamespace

    from anatomy_helpers.tools.app_server import RoomKernelManager

    now = datetime.datetime.now(datetime.UTC)
    km = RoomKernelManager(cull_idle_timeout=180, cull_connected_timeout=1800)
    kernel = SimpleNamespace(
        last_activity=now - datetime.timedelta(minutes=25),
        execution_state="idle",
        kernel_name="python3",
        kernel_spec=SimpleNamespace(metadata={}),
    )
    km._kernels = {"k": kernel}
    km._kernel_connections = {"k": 1}
    culled = []

    async def shutdown_kernel(kernel_id, *args, **kwargs):
        culled.append(kernel_id)

    km.shutdown_kernel = shutdown_kernel

    def cull(kernel_id: str) -> None:
        # In a thread of its own: a browser test on this worker may leave Playwright's
        # event loop running in the main thread, where asyncio.run refuses to start.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, km.cull_kernel_if_idle(kernel_id)).result()

    cull("k")
    assert culled == [], "a page still open keeps its kernel through a 20-minute session"
    kernel.last_activity = now - datetime.timedelta(minutes=31)
    cull("k")
    assert culled == ["k"], "a forgotten tab frees its place after 30 minutes idle"
    culled.clear()
    km._kernel_connections = {"k": 0}
    kernel.last_activity = now - datetime.timedelta(minutes=4)
    cull("k")
    assert culled == ["k"], "a closed page frees its place after 3 minutes idle"


# -- links between notebooks on every surface ----------------------------------------------
def test_static_edition_rewrites_links_between_notebooks_to_pages():
    from anatomy_helpers.tools.site import rewrite_notebook_links

    stems = ["00_start_here", "04_sciatica_and_mimics"]
    page = (
        '<a href="04_sciatica_and_mimics.ipynb">04</a> <a href="./00_start_here.ipynb#top">0</a>'
        " <a href='04_sciatica_and_mimics.ipynb?x'>q</a> <a href=\"99_other.ipynb\">x</a>"
        ' <a href="https://example.org/04_sciatica_and_mimics.ipynb">remote</a>'
    )
    assert rewrite_notebook_links(page, stems) == (
        '<a href="04_sciatica_and_mimics.html">04</a> <a href="00_start_here.html#top">0</a>'
        " <a href='04_sciatica_and_mimics.html?x'>q</a> <a href=\"99_other.ipynb\">x</a>"
        ' <a href="https://example.org/04_sciatica_and_mimics.ipynb">remote</a>'
    )
    assert rewrite_notebook_links(page, []) == page


def test_every_link_between_notebooks_names_a_sibling_the_app_serves():
    """Each Markdown link to a notebook is a bare sibling file name: JupyterLab opens it,
    the single-notebook app serves it (SIBLING_NOTEBOOK), the edition rewrites it."""
    import re

    import nbformat

    from anatomy_helpers.tools.app_server import SIBLING_NOTEBOOK
    from anatomy_helpers.tools.project import notebook_paths, project_root

    root = project_root(Path(__file__).parent)
    paths = notebook_paths(root)
    stems = {p.stem for p in paths}
    found = 0
    for path in paths:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "markdown":
                continue
            for target in re.findall(r"\]\(([^)\s]*\.ipynb)[^)]*\)", cell.source):
                found += 1
                assert SIBLING_NOTEBOOK.fullmatch(target), (path.name, target)
                assert target.removesuffix(".ipynb") in stems, (path.name, target)
    assert found >= 8
    assert not SIBLING_NOTEBOOK.fullmatch("../secrets.ipynb")
    assert not SIBLING_NOTEBOOK.fullmatch("voila/files/x.ipynb")
