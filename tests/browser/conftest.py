"""Fixtures for the real-browser tests: servers, the static site, axe-core, artefacts, visits.

One visit per notebook per surface: each surface module (``test_voila.py``, ``test_lab.py``,
``test_static.py``) opens a notebook once, runs every check of that surface on the open
page (render, keyboard, stray repr, axe-core, the layout gate at both viewports,
screenshots), and files the outcome of each named check in a :class:`Visit`. The tests of
that module then only read the outcome (:class:`Visits` memoises one visit per notebook), so
a failure still names its notebook and check, and the strict xfail table
(``known_layout_defects.py``) can mark single gate items.

Every fixture is safe under pytest-xdist (``-n 2 --dist loadfile``): a surface's tests live
in one file, so one worker makes all of that surface's visits; servers are started once per
worker (session scope) on a free loopback port chosen at start, work folders come from
``tmp_path_factory`` (one per worker), and the npm cache is installed under a file lock.
Servers are started only after the ``browser`` fixture (tests/conftest.py), so a machine
without Chromium skips cleanly.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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
HERE = Path(__file__).resolve().parent


def _load(name: str):
    """Import a helper module of this folder (the tests run with --import-mode=importlib)."""
    key = f"sciatica_browser_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, HERE / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


gate = _load("gate")
servers = _load("servers")
selfcheck_forms = _load("selfcheck_forms")
interactions = _load("interactions")
visit_classes = _load("visit_classes")  # imported by the visit modules by this name
known_layout_defects = _load("known_layout_defects")

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


def gate_params(surface: str, notebooks: list[Path]) -> list:
    """One pytest param per (notebook, viewport, widget, check) of the layout gate.

    Widgets are ``w0``... in page order, as many as the executed notebook stores; each has
    the checks in ``gate.WIDGET_CHECKS``, and each viewport one ``page_width`` check. An
    entry of ``KNOWN_LAYOUT_DEFECTS`` turns its item into a strict xfail (non-strict if its
    reason starts with ``FLAKY:``).
    """
    table = known_layout_defects.KNOWN_LAYOUT_DEFECTS
    params = []
    for nb in notebooks:
        n = expected_widget_views(nb)
        for viewport in gate.GATE_VIEWPORTS[surface]:
            cases = [(w, c) for w in gate.widget_ids(n) for c in gate.WIDGET_CHECKS]
            cases.append(("page", gate.PAGE_CHECK))
            for widget, check in cases:
                key = (nb.stem, surface, viewport, widget, check)
                marks = ()
                if key in table:
                    reason = table[key]
                    strict = not reason.startswith("FLAKY:")
                    marks = (pytest.mark.xfail(reason=reason, strict=strict),)
                params.append(
                    pytest.param(
                        nb,
                        (viewport, widget, check),
                        id=f"{nb.stem}-{viewport}-{widget}-{check}",
                        marks=marks,
                    )
                )
    return params


def pytest_generate_tests(metafunc):
    """Parametrize tests by notebook (sorted notebooks/*.ipynb), or by gate item.

    In a class with a ``NOTEBOOK`` (``visit_classes.py``) a test gets that notebook only.
    A test that takes ``gate_case`` gets one item per (notebook, viewport, widget, check) of
    its module's ``SURFACE``; any other test that takes ``notebook`` gets one per notebook.
    """
    own = getattr(metafunc.cls, "NOTEBOOK", None)
    notebooks = [own] if own is not None else NOTEBOOKS
    if "gate_case" in metafunc.fixturenames:
        params = gate_params(metafunc.module.SURFACE, notebooks)
        if not params:
            params = [pytest.param(None, None, marks=pytest.mark.skip(reason="no notebooks"))]
        metafunc.parametrize(("notebook", "gate_case"), params)
    elif "notebook" in metafunc.fixturenames:
        if notebooks:
            metafunc.parametrize("notebook", notebooks, ids=[p.stem for p in notebooks])
        else:
            metafunc.parametrize(
                "notebook", [pytest.param(None, marks=pytest.mark.skip(reason="no notebooks"))]
            )


# -- processes ---------------------------------------------------------------------------
Server = servers.Server
free_port = servers.free_port
wait_for_port = servers.wait_for_port
strip_notebook = servers.strip_notebook


@pytest.fixture(scope="session")
def voila_server(browser, tmp_path_factory) -> Iterator[Server]:
    """One Voila server per worker, serving the project's notebooks folder.

    Started as `present` starts it (anatomy template, code and tracebacks hidden,
    loopback), with short kernel culling so closed pages free their kernels (pitfall P10).
    """
    server = servers.start_voila(ROOT, tmp_path_factory.mktemp("voila"))
    yield server
    servers.stop(server)


@pytest.fixture(scope="session")
def lab_server(browser, tmp_path_factory) -> Iterator[Server]:
    """One JupyterLab server per worker on stripped copies of every notebook (recipe R5)."""
    server = servers.start_lab(ROOT, NOTEBOOKS, tmp_path_factory.mktemp("lab"))
    yield server
    servers.stop(server)


@pytest.fixture(scope="session")
def lab_page(lab_server, browser, helpers):
    """One JupyterLab page per worker, in an offline context; notebooks open inside it."""
    context = helpers.new_offline_context(browser, helpers.gate.VIEWPORTS["laptop"])
    page = context.new_page()
    servers.open_lab(page, lab_server)
    yield page
    context.close()


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
def new_offline_context(browser, viewport: dict[str, int] | None = None):
    """A browser context that refuses every request except file:, data: and loopback.

    The list of refused URLs is available as ``context.refused``.
    """
    context = browser.new_context(viewport=viewport or {"width": 1200, "height": 1000})
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
    return context


@pytest.fixture
def offline_context(browser):
    """A fresh offline context (see :func:`new_offline_context`), closed after the test."""
    context = new_offline_context(browser)
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


@pytest.fixture(scope="session")
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


def check_axe(page, axe, what: str, shot: str) -> None:
    """axe-core finds no serious or critical violation on ``page`` (``what`` names it).

    On a violation the whole page is saved as ``test-artifacts/axe/<shot>.png``.
    """
    page.wait_for_timeout(300)  # let the slider-naming observer run once more
    violations = axe(page)
    if violations:
        page.screenshot(path=str(artifact("axe", f"{shot}.png")), full_page=True)
    assert violations == [], f"axe-core, {what}:\n{format_violations(violations)}"


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


def tagged_markdown_lines(notebook: Path, tag: str) -> list[str]:
    """A distinctive line (up to 60 characters) of each Markdown cell tagged ``tag``."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    lines = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown" and tag in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell["source"])
            text = next((ln for ln in source.splitlines() if len(ln) > 20 and "`" not in ln), "")
            if text:
                lines.append(text.strip().lstrip("#").strip()[:60])
    return lines


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


# -- one visit per notebook per surface --------------------------------------------------
@dataclass
class Visit:
    """The outcome of one visit of one notebook on one surface.

    ``checks`` maps a check name (``"render"``, ``"keyboard"``, ``"axe"``...) to its failure
    messages (empty: passed); a check that did not run is absent. ``findings`` holds the
    layout gate's findings when the visit ran it.
    """

    stem: str
    surface: str
    checks: dict[str, list[str]] = field(default_factory=dict)
    findings: object | None = None
    crashed: str = ""
    seconds: dict[str, float] = field(default_factory=dict)

    def check(self, name: str, fn: Callable[[], object]) -> bool:
        """Run one named check; file an AssertionError (or any error) as its failure."""
        self.checks.setdefault(name, [])
        started = time.perf_counter()
        try:
            fn()
        except AssertionError as exc:
            self.checks[name].append(str(exc) or "assertion failed")
        except Exception as exc:
            self.checks[name].append(f"{type(exc).__name__}: {str(exc)[:2000]}")
        finally:
            self.seconds[name] = round(time.perf_counter() - started, 2)
        return not self.checks[name]

    def write_seconds(self, path: Path) -> None:
        """Save how long each check took (the gate's phases are in its own report)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.seconds, indent=1) + "\n", encoding="utf-8")

    def assert_passed(self, *names: str) -> None:
        """Fail the calling test with every failure message of the named checks."""
        problems = []
        for name in names:
            if name not in self.checks:
                why = self.crashed or "an earlier step of the visit failed"
                problems.append(f"[{name}] did not run: {why}")
            else:
                problems.extend(f"[{name}] {m}" for m in self.checks[name])
        if problems:
            pytest.fail(
                f"{self.surface} visit of {self.stem}:\n" + "\n".join(problems), pytrace=False
            )

    def assert_gate(self, viewport: str, widget: str, check: str) -> None:
        """Fail the calling test with the gate's findings for one (viewport, widget, check)."""
        f = self.findings
        if f is None or viewport not in f.seconds:
            why = self.crashed or "; ".join(m for msgs in self.checks.values() for m in msgs[:1])
            pytest.fail(f"the layout gate did not run at {viewport}: {why}", pytrace=False)
        found = f.widgets.get(viewport, 0)
        if widget != "page" and int(widget[1:]) >= found:
            pytest.fail(f"widget {widget} is not on the page ({found} widget views found)")
        messages = f.get(viewport, widget, check)
        if messages:
            pytest.fail(
                f"{check} of {widget} in {self.surface} at {viewport} "
                f"({gate.VIEWPORTS[viewport]['width']}x{gate.VIEWPORTS[viewport]['height']}), "
                f"{self.stem}:\n{gate.format_failures(messages)}\n"
                f"screenshots: test-artifacts/gate/{self.surface}/{viewport}/{self.stem}/",
                pytrace=False,
            )


class Visits:
    """Memo of one :class:`Visit` per notebook, made on first request by ``run(notebook)``."""

    def __init__(self, surface: str, run: Callable[[Path, Visit], None]):
        self.surface = surface
        self._run = run
        self._done: dict[str, Visit] = {}

    def get(self, notebook: Path) -> Visit:
        if notebook.stem not in self._done:
            visit = Visit(notebook.stem, self.surface)
            started = time.perf_counter()
            try:
                self._run(notebook, visit)
            except Exception:
                visit.crashed = traceback.format_exc(limit=4)[-3000:]
            visit.seconds["whole visit"] = round(time.perf_counter() - started, 2)
            visit.write_seconds(visit_report(self.surface, notebook.stem))
            self._done[notebook.stem] = visit
        return self._done[notebook.stem]


def gate_visit(page, surface: str, notebook: Path, visit: Visit) -> None:
    """Run the layout gate at every viewport of ``surface``; file each pass as a check."""
    visit.findings = gate.Findings()
    for viewport in gate.GATE_VIEWPORTS[surface]:
        visit.check(
            f"gate at {viewport}",
            lambda v=viewport: gate.run_gate(
                page,
                surface=surface,
                stem=notebook.stem,
                viewport=v,
                shots=gate_shots(surface, v, notebook.stem),
                findings=visit.findings,
            ),
        )
    visit.findings.write(gate_report(surface, notebook.stem))


def gate_shots(surface: str, viewport: str, stem: str) -> Path:
    """Folder for the gate's screenshots of one notebook at one viewport."""
    return ARTIFACTS / "gate" / surface / viewport / stem


def visit_report(surface: str, stem: str) -> Path:
    """JSON file of how long each check of one visit took."""
    return ARTIFACTS / "visits" / surface / f"{stem}.json"


def gate_report(surface: str, stem: str) -> Path:
    """JSON file of the gate's findings for one notebook on one surface."""
    return ARTIFACTS / "gate" / surface / f"{stem}.json"


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
        check_axe=check_axe,
        expected_widget_views=expected_widget_views,
        expected_static_widget_views=expected_static_widget_views,
        tagged_markdown_lines=tagged_markdown_lines,
        selfcheck_forms=selfcheck_forms,
        interactions=interactions,
        wait_voila_rendered=wait_voila_rendered,
        notebook_info=notebook_info,
        notebook_links=notebook_links,
        gate=gate,
        known_layout_defects=known_layout_defects,
        gate_shots=gate_shots,
        gate_report=gate_report,
        gate_visit=gate_visit,
        new_offline_context=new_offline_context,
        Visits=Visits,
        Visit=Visit,
        NOTEBOOKS=NOTEBOOKS,
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
        server = servers.start(
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
        servers.stop(server)


@pytest.fixture(scope="session")
def light_client():
    """The load benchmark's lightweight viewer (``benchmarks/voila_load.py``) as a module."""
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
