"""The Chromium layout gate: drive every widget on a page and record what a person would see.

Used by ``test_voila.py`` and ``test_lab.py`` on the page they already opened (one visit per
notebook per surface), by ``test_gate_selfcheck.py`` on small synthetic pages, and by
``benchmarks/browser_latency.py``. The measuring happens in the browser (``gate.js``); this
module operates the controls the way a person does, waits for the kernel's answer, and files
every finding under ``(viewport, widget, check)``:

``layout``
    no label, option, control or text of the widget overlaps a sibling, spills out of its
    box, or is clipped (``overflow: hidden``, an ellipsis, a ``<select>`` or number box too
    narrow for its text), at rest (the state the widget is in when the gate reaches it at
    that viewport) and after every action.
``in_view``
    after every action, what it changed can be seen together with the control, without
    scrolling: the control on screen and the figure's top 60 % (and its full width) inside
    the visible area (the window, or JupyterLab's notebook panel). For a widget without a
    figure, the first 240 px of the first region that changed (a quiz's feedback, a case
    step). At rest, every control of a widget with a figure must fit on one screen with
    the figure's top 60 %. Why 60 % and not the whole figure: a control plus a whole figure
    cannot always share 768 px (less under JupyterLab's toolbars), and the upper 60 % of the
    figures looked at holds the drawing that a control moves; the readout under a figure
    is not required. Change ``FIGURE_FRACTION`` in ``gate.js`` to be stricter.
``page_width`` (widget ``"page"``)
    the page does not scroll sideways (``scrollWidth <= innerWidth``; in JupyterLab also the
    notebook panel); wide tables must scroll inside their own box.

Controls are found by role inside each top-level widget view (``.jupyter-widgets`` not
inside another), so a new widget is covered without editing this file: every slider (one
keyboard step), dropdown (next option), multi-select, toggle-button group, radio group
(another option), text box, and every button except those that write files
(``Export``/``Download``/``Save``/``Print``) or belong to a Play animation; check boxes up to
:data:`CHECKBOX_SAMPLE` per widget (evenly spaced, first and last included; the at-rest
``in_view`` and click-reachability checks still measure all of them). A control that a mode
switch reveals or enables is operated in a second round. Each state whose output changed
is saved as a screenshot (a tick in a quiz shows in the next state's screenshot), in
``test-artifacts/gate/<surface>/<viewport>/<notebook>/``; the findings of each visit go to
``test-artifacts/gate/<surface>/<notebook>.json``.
"""

from __future__ import annotations

import base64
import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

GATE_JS = (Path(__file__).with_name("gate.js")).read_text(encoding="utf-8")

#: The two screens of the gate (CSS px): a laptop and a phone.
VIEWPORTS: dict[str, dict[str, int]] = {
    "laptop": {"width": 1366, "height": 768},
    "phone": {"width": 390, "height": 844},
}
#: Viewports at which each surface is gated. JupyterLab is gated at the laptop only: it is
#: where students run the notebooks (a phone gets the Voila app or the static pages), and
#: the phone pass in JupyterLab cost 78 s of worker time (measured on the shared 2-core
#: machine) to re-check what the Voila phone pass already covers; it found the same kinds
#: of defects plus less room under JupyterLab's toolbars. Add "phone" here to gate it too;
#: the xfail table and the tests follow this table.
GATE_VIEWPORTS: dict[str, tuple[str, ...]] = {
    "voila": ("laptop", "phone"),
    "lab": ("laptop",),
    "none": ("laptop", "phone"),
}
#: Checks filed per widget (``w0``, ``w1``... in page order), and the one check per page.
WIDGET_CHECKS = ("layout", "in_view")
PAGE_CHECK = "page_width"
#: Check boxes pressed per widget (the symptom map has 57); the rest are still measured.
CHECKBOX_SAMPLE = 6
#: JavaScript expression: the open notebook panel in JupyterLab (one is open at a time). Not
#: ``shell.currentWidget``: that follows focus, and the Launcher JupyterLab opens in an empty
#: main area can take it.
LAB_NOTEBOOK = (
    "(window.jupyterapp && Array.from(window.jupyterapp.shell.widgets('main'))"
    ".find(w => w.content && w.sessionContext && w.context"
    " && w.context.path.endsWith('.ipynb')))"
)
#: The kernel connection that answers the widgets, per surface (a JavaScript expression).
#: In JupyterLab, the open notebook's (not ``shell.currentWidget``'s: that follows focus).
KERNEL_JS = {
    "voila": "() => window.jupyterapp && window.jupyterapp.widgetManager"
    " && window.jupyterapp.widgetManager.kernel",
    "lab": "() => { const w = " + LAB_NOTEBOOK + ";"
    " return w && w.sessionContext.session && w.sessionContext.session.kernel; }",
    "none": "() => null",
}
#: Elements whose sideways scroll is page scroll on that surface (besides the document).
PAGE_SCROLLERS = {
    "voila": ["#rendered_cells"],
    "lab": [".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"],
    "none": [],
}
#: Layout a person uses on each surface and viewport, set before the gate measures. In
#: JupyterLab on a laptop the file browser stays open (the layout ``make lab`` opens with);
#: on a phone-sized window a person closes both side bars to see the notebook at all.
SURFACE_LAYOUT_JS = {
    ("lab", "laptop"): "() => { const s = window.jupyterapp.shell;"
    " s.expandLeft(); s.collapseRight(); }",
    ("lab", "phone"): "() => { const s = window.jupyterapp.shell;"
    " s.collapseLeft(); s.collapseRight(); }",
}
#: Time allowed for typing into a text box.
ACTION_TIMEOUT_MS = 3_000


def capture_viewport(page, path: Path) -> None:
    """Save what the window shows as a PNG, the cheap way.

    Chromium's ``Page.captureScreenshot`` with ``optimizeForSpeed`` (fast PNG compression;
    no wait for web fonts, which the rendered page already has) took 40 ms where
    ``page.screenshot`` took 94 ms at 1366x768 on this machine, and the gate takes several
    hundred per run. Same picture of the viewport, in a bigger file.
    """
    session = getattr(page, "_gate_cdp", None)
    if session is None:
        session = page.context.new_cdp_session(page)
        page._gate_cdp = session
    data = session.send("Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True})
    path.write_bytes(base64.b64decode(data["data"]))


def widget_ids(n_widgets: int) -> list[str]:
    """Names of a page's top-level widget views, in page order."""
    return [f"w{i}" for i in range(n_widgets)]


@dataclass
class Findings:
    """What the gate found on one visit, filed by ``(viewport, widget, check)``."""

    failures: dict[tuple[str, str, str], list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )
    states: int = 0
    actions: list[str] = field(default_factory=list)
    widgets: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    #: Time per phase over all viewports (s): operating controls, waiting for the kernel
    #: and measuring, taking screenshots.
    phase_seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, viewport: str, widget: str, check: str, message: str) -> None:
        bucket = self.failures[(viewport, widget, check)]
        if message not in bucket and len(bucket) < 40:
            bucket.append(message)

    def get(self, viewport: str, widget: str, check: str) -> list[str]:
        return list(self.failures.get((viewport, widget, check), []))

    def write(self, path: Path) -> None:
        """Save the findings as JSON (``test-artifacts/gate/<surface>/<notebook>.json``)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "states": self.states,
            "widgets": self.widgets,
            "seconds": self.seconds,
            "phase_seconds": {k: round(v, 2) for k, v in self.phase_seconds.items()},
            "failures": {" ".join(k): v for k, v in sorted(self.failures.items()) if v},
            "actions": self.actions,
        }
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def install(page) -> None:
    """Define ``window.__gate`` on the page (idempotent)."""
    page.evaluate(GATE_JS)


def settle(page, surface: str) -> None:
    """Wait until the kernel has answered everything the page sent and the DOM is still."""
    page.evaluate(f"() => window.__gate.settle({KERNEL_JS[surface]}, {_required(surface)})")


def _required(surface: str) -> str:
    """JavaScript literal: must settle() find a kernel on this surface?"""
    return "false" if surface == "none" else "true"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "control"


def _sample(indices: list[int], n: int) -> list[int]:
    if len(indices) <= n:
        return indices
    step = (len(indices) - 1) / (n - 1)
    return sorted({indices[round(i * step)] for i in range(n)})


def choose_actions(controls: list[dict]) -> list[dict]:
    """The controls the gate operates, in page order (check boxes sampled)."""
    boxes = [c["index"] for c in controls if c["kind"] == "checkbox"]
    keep_boxes = set(_sample(boxes, CHECKBOX_SAMPLE))
    return [c for c in controls if c["kind"] != "checkbox" or c["index"] in keep_boxes]


def act(page, root: int, control: dict) -> dict:
    """Operate one control as a person would.

    Returns what ``gate.js`` ``prepare()`` said: ``{"skip": why}`` when the control is
    hidden or disabled in this state, else ``{"done": what was done}``, plus ``"covered"``
    when something else paints over the control (it was then pressed by a dispatched click).
    Sliders move by one keyboard step, dropdowns and lists go to the next option, check
    boxes toggle, radio groups select the next option, toggle groups the other choice, text
    boxes get "1" and Enter, buttons are clicked with the mouse.
    """
    plan = page.evaluate(f"() => window.__gate.prepare({root}, {control['index']})")
    if "skip" in plan:
        return plan
    if "key" in plan:
        page.keyboard.press(plan["key"])
        if page.evaluate("() => window.__gate.confirm()").get("refocused"):
            page.keyboard.press(plan["key"])  # the focus had moved: press again
            return {"done": f"{plan['key']} (pressed twice: the focus had moved)"}
        return {"done": plan["key"]}
    if "fill" in plan:
        sel = f'[data-gate-root="{root}"] [data-gate-control="{control["index"]}"]'
        box = page.locator(sel).first
        box.fill(plan["fill"], timeout=ACTION_TIMEOUT_MS)
        box.press("Enter")
        return {"done": f"type {plan['fill']}"}
    if "x" in plan:
        page.mouse.click(plan["x"], plan["y"])
        if page.evaluate("() => window.__gate.confirm()").get("clicked"):
            plan["done"] += " (the page moved under the pointer: pressed from the DOM)"
    return plan


def _keyed(controls: list[dict]):
    """(key, control) pairs; the key (kind, label, occurrence) survives a new search."""
    seen: dict[tuple, int] = defaultdict(int)
    for control in controls:
        base = (control["kind"], control["label"])
        seen[base] += 1
        yield (*base, seen[base]), control


def _operate(page, surface, viewport, wid, i, control, n, known, findings, shot, log) -> bool:
    """Operate one control, wait for the kernel, measure, and take the screenshot.

    Returns False when the control was hidden or disabled in this state (not operated).
    """
    what = f"{control['kind']} {control['label']!r}"
    started = time.perf_counter()
    try:
        plan = act(page, i, control)
    except Exception as exc:
        findings.add(
            viewport,
            wid,
            "layout",
            f"{what} could not be operated: {str(exc).splitlines()[0][:200]}",
        )
        return True
    if "skip" in plan:
        return False
    done = plan["done"]
    if plan.get("covered"):
        findings.add(
            viewport,
            wid,
            "layout",
            f"{what} cannot be clicked where it shows: a click on its centre lands on "
            f"{plan['covered']}",
        )
    if log:
        log(f"{viewport} {wid} {what}: {done}")
    acted = time.perf_counter()
    findings.phase_seconds["operate"] += acted - started
    view = page.evaluate(
        f"() => window.__gate.settleAfter({KERNEL_JS[surface]}, {_required(surface)}, "
        f"{i}, {control['index']})"
    )
    findings.phase_seconds["kernel and measure"] += time.perf_counter() - acted
    findings.states += 1
    findings.actions.append(
        f"{viewport} {wid} {what}: {done} [{view['changed']} changed, "
        f"{view['rounds']} kernel round trips]"
    )
    for p in view["problems"]:
        if (p["where"], p["detail"]) in known:
            continue
        known.add((p["where"], p["detail"]))
        findings.add(viewport, wid, "layout", f"after {what} ({done}): {p['where']}: {p['detail']}")
    if view.get("target") and not view.get("visible"):
        findings.add(
            viewport,
            wid,
            "in_view",
            f"after {what} ({done}) the {view['target']} is not in view with the "
            f"control: {view['geometry']}",
        )
    if view["changed"]:  # a tick in a quiz shows in the next state's screenshot
        shot(f"{wid}_{n:02d}_{control['kind']}_{_slug(control['label'])}")
    return True


def run_gate(
    page,
    *,
    surface: str,
    stem: str,
    viewport: str,
    shots: Path | None,
    findings: Findings,
    screenshots: bool = True,
    log=None,
) -> None:
    """Measure and operate every widget on an open, rendered page at one viewport."""
    started = time.perf_counter()
    page.set_viewport_size(VIEWPORTS[viewport])
    if (surface, viewport) in SURFACE_LAYOUT_JS:
        page.evaluate(SURFACE_LAYOUT_JS[(surface, viewport)])
    install(page)
    page.wait_for_timeout(100)  # layout passes after the resize
    settle(page, surface)
    roots = page.evaluate("() => window.__gate.roots()")
    findings.widgets[viewport] = len(roots)
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
        for old in shots.glob("*.png"):
            old.unlink()

    def shot(name: str) -> None:
        if screenshots and shots is not None:
            taken = time.perf_counter()
            capture_viewport(page, shots / f"{name}.png")
            findings.phase_seconds["screenshots"] += time.perf_counter() - taken

    for widget in roots:
        i = widget["index"]
        wid = f"w{i}"
        controls = page.evaluate(f"() => window.__gate.controls({i})")
        first = page.evaluate(f"() => window.__gate.initial({i})")
        known = set()  # a layout problem is reported once per widget, where first seen
        for p in first["problems"]:
            known.add((p["where"], p["detail"]))
            findings.add(viewport, wid, "layout", f"at rest: {p['where']}: {p['detail']}")
        for msg in first["apart"]:
            findings.add(viewport, wid, "in_view", f"at rest: {msg}")
        shot(f"{wid}_00_at_rest")
        # Operate every control once. An action can reveal controls (a mode toggle shows the
        # findings lists), so the widget is searched again until nothing new shows (3 rounds).
        considered: set[tuple] = set()
        n = 0
        for _round in range(3):
            if _round:
                controls = page.evaluate(f"() => window.__gate.controls({i})")
            chosen = {id(c) for c in choose_actions(controls)}
            todo = []
            for key, control in _keyed(controls):
                if key in considered:
                    continue
                if id(control) not in chosen:  # a check box left out of the sample
                    considered.add(key)
                    continue
                todo.append((key, control))
            if not todo:
                break
            # Mode switches last, so the controls of the current mode are operated first and
            # those of the other mode in the next round.
            todo.sort(key=lambda kc: kc[1]["kind"] == "toggle")
            for key, control in todo:
                if _operate(
                    page, surface, viewport, wid, i, control, n + 1, known, findings, shot, log
                ):
                    considered.add(key)
                    n += 1
                # else: hidden or disabled in this state (another mode): maybe a later round
        for msg in page.evaluate("(s) => window.__gate.pageOverflow(s)", PAGE_SCROLLERS[surface]):
            findings.add(viewport, "page", PAGE_CHECK, f"with {wid} operated: {msg}")
    for msg in page.evaluate("(s) => window.__gate.pageOverflow(s)", PAGE_SCROLLERS[surface]):
        findings.add(viewport, "page", PAGE_CHECK, msg)
    findings.seconds[viewport] = round(time.perf_counter() - started, 1)


def format_failures(messages: list[str], limit: int = 12) -> str:
    """Readable, bounded text of a check's findings."""
    more = len(messages) - limit
    body = "\n".join(f"  - {m}" for m in messages[:limit])
    return body + (f"\n  ... and {more} more" if more > 0 else "")
