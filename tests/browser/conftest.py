"""Fixtures for the real-browser tests: servers, the static site, axe-core, artefacts.

Every fixture is safe under pytest-xdist (``-n 2 --dist loadfile``): servers listen on a
free loopback port chosen at start, work folders come from ``tmp_path_factory`` (one per
worker), and the npm cache is installed under a file lock. Servers are started only after
the ``browser`` fixture (tests/conftest.py), so a machine without Chromium skips cleanly.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest

from anatomy_helpers.tools.present import voila_command, voila_env
from anatomy_helpers.tools.project import notebook_paths, project_root
from anatomy_helpers.tools.site import build_site, notebook_info
from anatomy_helpers.tools.vendor import ensure_vendor

ROOT = project_root(Path(__file__).resolve().parent)
NOTEBOOKS = notebook_paths(ROOT)
ARTIFACTS = ROOT / "test-artifacts"

#: JavaScript: number of top-level widget views (a widget not inside another widget).
COUNT_TOP_WIDGETS_JS = """() => Array.from(document.querySelectorAll('.jupyter-widgets'))
    .filter(el => el.parentElement && !el.parentElement.closest('.jupyter-widgets')).length"""

#: JavaScript: a fingerprint of everything a widget shows as output (HTML widgets, Output
#: widgets, images, live-region text); it changes when the kernel sends a new figure/readout.
OUTPUT_SIGNATURE_JS = """() => {
  const parts = [];
  document.querySelectorAll('.widget-html-content, .widget-output, [role=status]')
    .forEach(el => parts.push(el.innerHTML));
  const s = parts.join('|');
  let h = 0;
  for (let i = 0; i < s.length; i++) { h = (h * 31 + s.charCodeAt(i)) | 0; }
  return s.length + ':' + h;
}"""

#: Text that must never show on a delivered page (a stray repr or a widget failure).
STRAY_REPR = re.compile(
    r"Error displaying widget|<[\w.]+ (object )?at 0x[0-9a-fA-F]+>|<Figure size \d+x\d+"
    r"|\b(?:Float|Int)Slider\(|\b[VH]Box\(children=|Output\(\)|Traceback \(most recent"
)


def pytest_generate_tests(metafunc):
    """Parametrize every test that takes ``notebook`` by sorted(notebooks/*.ipynb)."""
    if "notebook" in metafunc.fixturenames:
        if NOTEBOOKS:
            metafunc.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
        else:
            metafunc.parametrize(
                "notebook", [pytest.param(None, marks=pytest.mark.skip(reason="no notebooks"))]
            )


# -- processes ---------------------------------------------------------------------------
def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, log: Path, timeout_s: float = 90) -> None:
    """Wait until ``port`` accepts TCP connections (no HTTP request: that would start work)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(
        f"server did not open port {port} in {timeout_s} s:\n{log.read_text()[-3000:]}"
    )


@dataclass
class Server:
    """A server process started by a fixture."""

    url: str
    proc: subprocess.Popen
    log: Path
    workdir: Path

    def log_tail(self, n: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-n:]


def _start(
    command: list[str], *, cwd: Path, env: dict[str, str], port: int, url: str, log: Path
) -> Server:
    handle = log.open("w")
    try:
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT)
    finally:
        handle.close()
    try:
        wait_for_port(port, proc, log)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    return Server(url, proc, log, cwd)


def _stop(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


@pytest.fixture(scope="module")
def voila_server(browser, tmp_path_factory) -> Iterator[Server]:
    """One Voila server per test module, serving the project's notebooks folder.

    Started as `present` starts it (anatomy template, code and tracebacks hidden,
    loopback), with short kernel culling so closed pages free their kernels (pitfall P10).
    """
    port = free_port()
    work = tmp_path_factory.mktemp("voila")
    command = voila_command(
        ROOT / "notebooks", port=port, cull_interval_s=5, cull_idle_timeout_s=60
    )
    server = _start(
        command,
        cwd=ROOT / "notebooks",
        env=voila_env(),
        port=port,
        url=f"http://127.0.0.1:{port}",
        log=work / "voila.log",
    )
    yield server
    _stop(server)


def strip_notebook(src: Path, dst: Path) -> None:
    """Copy a notebook without outputs, execution counts or widget state (pitfall P8)."""
    nb = json.loads(src.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    nb.get("metadata", {}).pop("widgets", None)
    dst.write_text(json.dumps(nb, indent=1), encoding="utf-8")


@pytest.fixture(scope="module")
def lab_server(browser, tmp_path_factory) -> Iterator[Server]:
    """One JupyterLab server per module on stripped copies of every notebook (recipe R5)."""
    work = tmp_path_factory.mktemp("lab")
    root = work / "root"
    root.mkdir()
    for path in NOTEBOOKS:
        strip_notebook(path, root / path.name)
    if (ROOT / "figures").is_dir():  # Markdown images use ../figures/...
        shutil.copytree(ROOT / "figures", work / "figures")
    settings = work / "settings"
    for rel, body in {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
            "autoStartDefaultKernel": True,
            "windowingMode": "none",
        },
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
    }.items():
        target = settings / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(body))
    port = free_port()
    token = "browser-test"
    env = dict(os.environ)
    env["JUPYTER_CONFIG_DIR"] = str(work / "config")
    env["JUPYTER_RUNTIME_DIR"] = str(work / "runtime")
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.workspaces_dir={work / 'workspaces'}",
        f"--LabApp.user_settings_dir={settings}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--LabApp.expose_app_in_browser=True",
    ]
    server = _start(
        command, cwd=root, env=env, port=port, url=f"http://127.0.0.1:{port}", log=work / "lab.log"
    )
    server.token = token  # type: ignore[attr-defined]
    yield server
    _stop(server)


# -- static site and vendored files ------------------------------------------------------
@pytest.fixture(scope="session")
def vendor():
    """The pinned npm files (embedder, require.js, axe-core), installed once per lock."""
    try:
        return ensure_vendor(ROOT)
    except FileNotFoundError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def static_site(vendor, tmp_path_factory) -> Path:
    """The static HTML edition, built once per worker into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    if NOTEBOOKS:
        build_site(ROOT, out)
    return out


# -- browser pages -----------------------------------------------------------------------
@pytest.fixture
def offline_context(browser):
    """A browser context that refuses every request except file:, data: and loopback.

    The list of refused URLs is available as ``context.refused``.
    """
    context = browser.new_context(viewport={"width": 1200, "height": 1000})
    refused: list[str] = []

    def handle(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "http://127.0.0.1", "ws://127.0.0.1")):
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    context.route("**/*", handle)
    context.refused = refused
    yield context
    context.close()


@pytest.fixture
def page(offline_context):
    """A fresh page in the offline context."""
    page = offline_context.new_page()
    yield page
    page.close()


def artifact(kind: str, name: str) -> Path:
    """Path for a screenshot under test-artifacts/<kind>/."""
    folder = ARTIFACTS / kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


@pytest.fixture
def axe(vendor):
    """A function ``axe(page) -> list`` of serious/critical axe-core violations on the page."""
    source = vendor.axe_js

    def run(page) -> list[dict]:
        page.add_script_tag(path=str(source))
        return page.evaluate(
            """async () => {
              const r = await axe.run(document, {resultTypes: ['violations']});
              return r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')
                                   + ' :: ' + (n.failureSummary || '').slice(0, 300))}));
            }"""
        )

    return run


def format_violations(violations: list[dict]) -> str:
    """Readable text of axe violations for an assertion message."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        lines.extend(f"    {node}" for node in v["nodes"])
    return "\n".join(lines)


def expected_widget_views(notebook: Path) -> int:
    """Top-level widget views stored in the executed notebook."""
    return notebook_info(notebook).widget_views


def expected_static_widget_views(notebook: Path) -> int:
    """Widget views the static edition shows (quizzes become forms; app-only cells go)."""
    return notebook_info(notebook).static_widget_views


def wait_voila_rendered(page, url: str, timeout_ms: int = 90_000) -> None:
    """Open a Voila page and wait until every cell has run and been shown."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    page.wait_for_function(
        """() => { const c = document.getElementById('rendered_cells');
                   return c && getComputedStyle(c).display !== 'none'; }""",
        timeout=timeout_ms,
    )


#: Links to a notebook of the collection on a page: [raw href, resolved absolute URL].
NOTEBOOK_LINKS_JS = """() => Array.from(document.querySelectorAll('a[href]'))
  .filter(a => /^(\\.\\/)?[0-9]{2}_[a-z0-9_]+\\.(ipynb|html)([#?].*)?$/.test(a.getAttribute('href')))
  .map(a => [a.getAttribute('href'), a.href])"""


def notebook_links(page) -> list[tuple[str, str]]:
    """The page's links to notebooks of the collection: (href as written, resolved URL)."""
    return [tuple(pair) for pair in page.evaluate(NOTEBOOK_LINKS_JS)]


@pytest.fixture(scope="session")
def helpers() -> SimpleNamespace:
    """Helper functions and constants for the browser test modules."""
    return SimpleNamespace(
        ROOT=ROOT,
        COUNT_TOP_WIDGETS_JS=COUNT_TOP_WIDGETS_JS,
        OUTPUT_SIGNATURE_JS=OUTPUT_SIGNATURE_JS,
        STRAY_REPR=STRAY_REPR,
        artifact=artifact,
        format_violations=format_violations,
        expected_widget_views=expected_widget_views,
        expected_static_widget_views=expected_static_widget_views,
        wait_voila_rendered=wait_voila_rendered,
        notebook_info=notebook_info,
        notebook_links=notebook_links,
    )


# -- issue 13: the clinician's app (app servers, the light client) -----------------------
@pytest.fixture
def start_app_server(browser, tmp_path):
    """Factory: ``start_app_server(notebook, **voila_command_kwargs) -> Server``.

    Starts the app server as ``present`` does (on loopback, a free port) and stops it at
    the end of the test. ``notebook`` is a path (a file, or the notebooks folder).
    """
    started: list[Server] = []

    def start(notebook: Path, *, ready_text: str | None = None, **kwargs) -> Server:
        port = free_port()
        log = tmp_path / f"app-{port}.log"
        command = voila_command(notebook, port=port, **kwargs)
        target = Path(notebook)
        server = _start(
            command,
            cwd=target if target.is_dir() else target.parent,
            env=voila_env(),
            port=port,
            url=f"http://127.0.0.1:{port}",
            log=log,
        )
        started.append(server)
        if ready_text is not None:
            deadline = time.monotonic() + 300
            while ready_text not in server.log_tail(100_000):
                if server.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server never logged {ready_text!r}:\n{server.log_tail()}")
                time.sleep(0.25)
        return server

    yield start
    for server in started:
        _stop(server)


@pytest.fixture(scope="session")
def light_client():
    """The load benchmark's lightweight viewer (``benchmarks/voila_load.py``) as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "voila_load", ROOT / "benchmarks" / "voila_load.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("voila_load", module)
    spec.loader.exec_module(module)
    return module


def run_async(coro):
    """Run a coroutine to the end from a test (Playwright's sync API owns this thread's loop)."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.fixture(scope="session")
def run_coroutine():
    """``run_coroutine(coro)``: run asyncio code from a browser test (see :func:`run_async`)."""
    return run_async
