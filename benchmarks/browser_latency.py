"""Browser latency: from a click or key press to the new figure in the DOM (issue 12, item 8).

For every notebook with a figure widget, this opens the notebook in JupyterLab (Run All) and
as a Voila app, and for every slider step, dropdown change and preset button of every figure
widget measures, in the page, the time from the ``keydown``/``click`` event to the moment
the widget's figure ``<img>`` shows a new ``src`` (a MutationObserver on the widget). A
preset that sets several controls may draw several images; the table shows the time to the
FIRST new image and to the LAST one (what the person finally sees), the number of images
drawn, and next to them the kernel-only time of the same change: the registered interactive
(``benchmarks/cases.py``, as in ``benchmarks/run.py``) built in this process,
the same control changed or the same button clicked, until its PNG is ready, with the number
of renders.

Target (issue 12): presets p90 <= 150 ms from click to (last) new image in JupyterLab on this
2-core machine. Numbers depend on machine load; this script only prints them (tests never
assert on time).

Usage::

    python benchmarks/browser_latency.py                    # Lab and Voila, every notebook
    python benchmarks/browser_latency.py --surface lab --only 02 --repeats 10
    python benchmarks/browser_latency.py --json latency.json
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/cases.py
TARGET_PRESET_P90_MS = 150.0
#: Buttons that write files are never pressed (the same rule as the browser gate's).
SKIP_BUTTON = re.compile(r"\b(export|download|save|print)\b", re.IGNORECASE)


def _load(name: str):
    """The browser tests' helper modules (servers, gate), shared rather than copied."""
    key = f"sciatica_browser_{name}"
    if key not in sys.modules:
        path = ROOT / "tests" / "browser" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(key, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


servers = _load("servers")
gate = _load("gate")

#: In-page probe: event time of the last keydown/click, and the times at which a widget's
#: figure showed a new src since then.
PROBE_JS = """() => {
  if (window.__lat) return;
  const lat = window.__lat = {root: null, start: 0, src: '', changes: []};
  const fig = () => lat.root && window.__gate.figureOf(lat.root);
  lat.arm = (i) => {
    lat.root = window.__gate.root(i); lat.start = 0; lat.changes = [];
    const f = fig(); lat.src = f ? f.getAttribute('src') : '';
  };
  const begin = () => { lat.start = performance.now(); lat.changes = []; };
  document.addEventListener('keydown', begin, true);
  document.addEventListener('click', begin, true);
  document.addEventListener('change', e => { if (e.target.tagName === 'SELECT') begin(); }, true);
  new MutationObserver(() => {
    const f = fig();
    if (!f || !lat.start) return;
    const src = f.getAttribute('src');
    if (src !== lat.src) { lat.changes.push(performance.now() - lat.start); lat.src = src; }
  }).observe(document.body, {subtree: true, childList: true, attributes: true,
                             attributeFilter: ['src']});
}"""


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))]


# -- kernel-only times (the registry, as benchmarks/run.py uses it) --------------------------
def _buttons(widget):
    import ipywidgets as widgets

    if isinstance(widget, widgets.Button):
        yield widget
    for child in getattr(widget, "children", ()):
        yield from _buttons(child)


def kernel_times(stem: str, repeats: int) -> dict[tuple[str, str], dict]:
    """Kernel-only time per (kind, label) for the registered interactives of a notebook."""
    from cases import benchmark_cases

    from anatomy_helpers.widgets.controls import LabelledSlider

    out: dict[tuple[str, str], dict] = {}
    for case in benchmark_cases().values():
        if case.notebook != stem:
            continue
        app = case.build_app()

        def count(app=app) -> int:
            return getattr(app, "render_count", 0)

        for name, control in app.controls.items():
            if isinstance(control, LabelledSlider):
                step = control.box.step or 1
                times, renders = [], []
                for i in range(repeats):
                    value = control.value + (step if i % 2 == 0 else -step)
                    if not control.box.min <= value <= control.box.max:
                        value = control.value - (step if i % 2 == 0 else -step)
                    before = count()
                    start = time.perf_counter()
                    control.value = value
                    _ = app.last_png
                    times.append((time.perf_counter() - start) * 1000)
                    renders.append(count() - before)
                label = f"{control.label} ({control.unit})" if control.unit else control.label
                out[("slider", label)] = {"times": times, "renders": renders, "case": case.name}
            elif hasattr(control, "options") and not hasattr(control, "children"):
                options = list(getattr(control, "options", ()))
                if len(options) < 2 or isinstance(control.value, tuple):
                    continue
                times, renders = [], []
                for _ in range(repeats):
                    index = (control.index + 1) % len(options)
                    before = count()
                    start = time.perf_counter()
                    control.index = index
                    _ = app.last_png
                    times.append((time.perf_counter() - start) * 1000)
                    renders.append(count() - before)
                label = control.description or name
                out[("dropdown", label)] = {"times": times, "renders": renders, "case": case.name}
        presets = [
            b
            for b in _buttons(app)
            if b.description
            and "answer" not in b.description.lower()
            and not SKIP_BUTTON.search(b.description)
        ]
        if presets:
            samples: dict[str, dict] = {}
            for _ in range(repeats):
                for button in presets:
                    before = count()
                    start = time.perf_counter()
                    button.click()
                    _ = app.last_png
                    rec = samples.setdefault(button.description, {"times": [], "renders": []})
                    rec["times"].append((time.perf_counter() - start) * 1000)
                    rec["renders"].append(count() - before)
            for label, rec in samples.items():
                out[("button", label)] = {**rec, "case": case.name}
        app.close()
    return out


# -- browser times ---------------------------------------------------------------------------
def _locate(page, root: int, control: dict):
    """The control's element, found afresh by kind, label and occurrence.

    A control change can make a widget re-create its child views (a mode switch, a section
    drop-down), which drops or shifts the gate's ``data-gate-control`` marks, so the widget's
    controls are marked again before every press (outside the timed span, which starts at
    the event in the page). Returns None when that control is not shown now (it is skipped
    for this press).
    """
    seen = 0
    for again in page.evaluate(f"() => window.__gate.controls({root})"):
        if (again["kind"], again["label"]) == (control["kind"], control["label"]):
            if seen == control.get("occurrence", 0):
                sel = f'[data-gate-root="{root}"] [data-gate-control="{again["index"]}"]'
                return page.locator(sel).first
            seen += 1
    return None


def _press(page, root: int, control: dict, direction: int) -> bool:
    el = _locate(page, root, control)
    if el is None:
        return False
    if control["kind"] == "slider":
        el.focus()
        now = float(el.get_attribute("aria-valuenow") or 0)
        lo = float(el.get_attribute("aria-valuemin") or 0)
        hi = float(el.get_attribute("aria-valuemax") or 0)
        key = "ArrowRight" if direction > 0 else "ArrowLeft"
        if (key == "ArrowRight" and now >= hi) or (key == "ArrowLeft" and now <= lo):
            key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        page.keyboard.press(key)
        return True
    if control["kind"] == "dropdown":
        # A DOM change, as choosing with the mouse gives: JupyterLab takes ArrowDown on a
        # focused <select> for its own cell navigation. The probe starts at the change event.
        return el.evaluate(
            """s => { if (s.options.length < 2) return false;
                      s.selectedIndex = (s.selectedIndex + 1) % s.options.length;
                      s.dispatchEvent(new Event('input', {bubbles: true}));
                      s.dispatchEvent(new Event('change', {bubbles: true}));
                      return true; }"""
        )
    if control["kind"] == "button":
        if el.is_disabled():
            return False
        el.scroll_into_view_if_needed()
        el.click()
        return True
    return False


def browser_times(page, surface: str, repeats: int, log) -> list[dict]:
    """Measure every slider, dropdown and preset button of every figure widget on the page."""
    gate.install(page)
    page.evaluate(PROBE_JS)
    gate.settle(page, surface)
    rows = []
    for widget in page.evaluate("() => window.__gate.roots()"):
        if not widget["hasFigure"]:
            continue
        i = widget["index"]
        controls = page.evaluate(f"() => window.__gate.controls({i})")
        occurrences: dict[tuple[str, str], int] = {}
        for c in controls:
            key = (c["kind"], c["label"])
            c["occurrence"] = occurrences.get(key, 0)
            occurrences[key] = c["occurrence"] + 1
        measured = [c for c in controls if c["kind"] in ("slider", "dropdown", "button")]
        buttons = [c for c in measured if c["kind"] == "button"]
        others = [c for c in measured if c["kind"] != "button"]
        samples: dict[int, dict] = {
            c["index"]: {"first": [], "last": [], "images": []} for c in measured
        }

        def measure(control, direction, _i=i, _samples=samples):
            page.evaluate(f"() => window.__lat.arm({_i})")
            if not _press(page, _i, control, direction):
                return
            gate.settle(page, surface)
            changes = page.evaluate("() => window.__lat.changes")
            rec = _samples[control["index"]]
            rec["images"].append(len(changes))
            if changes:
                rec["first"].append(changes[0])
                rec["last"].append(changes[-1])

        for control in others:
            for r in range(repeats):
                measure(control, 1 if r % 2 == 0 else -1)
        # Presets: cycle through all of them, so each press changes the picture.
        for _ in range(repeats):
            for control in buttons:
                measure(control, 1)
        for control in measured:
            rec = samples[control["index"]]
            rows.append(
                {
                    "surface": surface,
                    "widget": f"w{i}",
                    "kind": control["kind"],
                    "label": control["label"],
                    "presses": len(rec["images"]),
                    "images_median": statistics.median(rec["images"]) if rec["images"] else 0,
                    "first_p50_ms": percentile(rec["first"], 0.5) if rec["first"] else None,
                    "last_p50_ms": percentile(rec["last"], 0.5) if rec["last"] else None,
                    "last_p90_ms": percentile(rec["last"], 0.9) if rec["last"] else None,
                }
            )
        log(f"  {surface} w{i}: {len(measured)} controls measured")
    return rows


def open_notebook(page, surface: str, server, notebook: Path) -> None:
    """Open one notebook on a surface, with every cell run and every widget live."""
    if surface == "voila":
        page.goto(f"{server.url}/voila/render/{notebook.name}", wait_until="domcontentloaded")
        page.wait_for_function(
            """() => { const c = document.getElementById('rendered_cells');
                       return c && getComputedStyle(c).display !== 'none'; }""",
            timeout=120_000,
        )
        return
    page.evaluate(
        "async (p) => { await window.jupyterapp.commands.execute('docmanager:open',"
        " {path: p, factory: 'Notebook'}); }",
        notebook.name,
    )
    notebook_js = "const w = " + gate.LAB_NOTEBOOK + ";"
    page.wait_for_function(
        "() => {"
        + notebook_js
        + """
                   const k = w && w.sessionContext && w.sessionContext.session
                             && w.sessionContext.session.kernel;
                   if (w) window.jupyterapp.shell.activateById(w.id);
                   return !!k && k.status === 'idle'; }""",
        timeout=120_000,
        polling=250,
    )
    page.evaluate("async () => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        "() => {"
        + notebook_js
        + """
                   const k = w.sessionContext.session && w.sessionContext.session.kernel;
                   const cells = w.content.widgets.filter(c => c.model.type === 'code');
                   return cells.every(c => c.model.executionCount !== null)
                          && k && k.status === 'idle'; }""",
        timeout=300_000,
        polling=250,
    )


def close_notebook(page, surface: str) -> None:
    if surface == "lab":
        page.evaluate(
            """async () => { const app = window.jupyterapp;
              for (const w of Array.from(app.shell.widgets('main')))
                if (w.context && w.context.model) w.context.model.dirty = false;
              await app.serviceManager.sessions.shutdownAll();
              await app.commands.execute('application:close-all'); }"""
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--surface", choices=["lab", "voila", "both"], default="both")
    parser.add_argument("--only", action="append", help="notebook stem or prefix (repeatable)")
    parser.add_argument("--repeats", type=int, default=6, help="presses per control")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = parser.parse_args(argv)

    from cases import benchmark_cases
    from playwright.sync_api import sync_playwright

    from anatomy_helpers.documents.pdf import CHROMIUM_ARGS, find_chromium
    from anatomy_helpers.tools.project import notebook_paths
    from anatomy_helpers.tools.site import notebook_info

    chromium = find_chromium()
    if chromium is None:
        parser.error("no system Chromium found (see README: apt install chromium)")
    with_figures = {c.notebook for c in benchmark_cases().values()}
    notebooks = [
        nb
        for nb in notebook_paths(ROOT)
        if nb.stem in with_figures
        and (not args.only or any(nb.stem.startswith(o) for o in args.only))
    ]
    surfaces = ["lab", "voila"] if args.surface == "both" else [args.surface]

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="browser-latency-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
        for surface in surfaces:
            work = Path(tmp) / surface
            work.mkdir()
            server = (
                servers.start_lab(ROOT, notebooks, work)
                if surface == "lab"
                else servers.start_voila(ROOT, work)
            )
            try:
                page = browser.new_page(viewport=gate.VIEWPORTS["laptop"])
                if surface == "lab":
                    servers.open_lab(page, server)
                for nb in notebooks:
                    log(f"{surface}: {nb.stem}")
                    if surface == "voila":
                        page = browser.new_page(viewport=gate.VIEWPORTS["laptop"])
                    open_notebook(page, surface, server, nb)
                    expected = notebook_info(nb).widget_views
                    page.wait_for_function(
                        "(n) => Array.from(document.querySelectorAll('.jupyter-widgets')).filter("
                        "el => !el.parentElement.closest('.jupyter-widgets')).length >= n",
                        arg=expected,
                        timeout=60_000,
                    )
                    found = browser_times(page, surface, args.repeats, log)
                    kernel = kernel_times(nb.stem, args.repeats)
                    for row in found:
                        row["notebook"] = nb.stem
                        k = kernel.get((row["kind"], row["label"]))
                        if k is None and row["kind"] == "dropdown":
                            k = next(
                                (
                                    v
                                    for (kind, label), v in kernel.items()
                                    if kind == "dropdown" and row["label"].startswith(label)
                                ),
                                None,
                            )
                        row["kernel_p50_ms"] = percentile(k["times"], 0.5) if k else None
                        row["kernel_renders"] = statistics.median(k["renders"]) if k else None
                        rows.append(row)
                    close_notebook(page, surface)
                    if surface == "voila":
                        page.close()
            finally:
                servers.stop(server)
        browser.close()

    def ms(v) -> str:
        return "-" if v is None else f"{v:.0f}"

    print(
        f"{'notebook':<26}{'surface':<8}{'widget':<7}{'kind':<9}{'control':<34}{'n':>3}"
        f"{'imgs':>5}{'first p50':>10}{'last p50':>9}{'last p90':>9}{'kernel p50':>11}"
        f"{'renders':>8}"
    )
    for r in rows:
        target = ""
        if r["kind"] == "button" and r["last_p90_ms"] is not None:
            target = "  ok" if r["last_p90_ms"] <= TARGET_PRESET_P90_MS else "  SLOW"
        print(
            f"{r['notebook']:<26}{r['surface']:<8}{r['widget']:<7}{r['kind']:<9}"
            f"{r['label'][:33]:<34}{r['presses']:>3}{r['images_median']:>5g}"
            f"{ms(r['first_p50_ms']):>10}{ms(r['last_p50_ms']):>9}{ms(r['last_p90_ms']):>9}"
            f"{ms(r['kernel_p50_ms']):>11}"
            f"{'-' if r['kernel_renders'] is None else format(r['kernel_renders'], 'g'):>8}"
            f"{target}"
        )
    presets = [r for r in rows if r["kind"] == "button" and r["last_p90_ms"] is not None]
    for surface in surfaces:
        mine = [r["last_p90_ms"] for r in presets if r["surface"] == surface]
        if mine:
            print(
                f"\n{surface}: presets, worst p90 {max(mine):.0f} ms (target <= "
                f"{TARGET_PRESET_P90_MS:g} ms); "
                f"{sum(v > TARGET_PRESET_P90_MS for v in mine)} of {len(mine)} over target"
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
