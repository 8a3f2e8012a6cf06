"""Every notebook in JupyterLab, in ONE Lab session per notebook (issue 15).

Follows the project's measured recipe R5 (pitfalls P5-P8): ``--allow-root``, a stripped
copy in a temporary folder, news and kernel-picker dialogs switched off, and the run
started through JupyterLab's own command once the kernel is attached. JupyterLab itself is
loaded once per worker; each notebook is opened in it, run (Run All), checked (no error
output, every widget view produced and shown), put through the layout gate at 1366x768
(``gate.GATE_VIEWPORTS`` says why JupyterLab is not gated at phone size), then its kernel is
shut down and its tab closed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sciatica_browser_interactions import DOWNLOAD_STEMS  # loaded by conftest
from sciatica_browser_visit_classes import add_notebook_classes

from anatomy_helpers.tools.project import notebook_paths, project_root

pytestmark = pytest.mark.browser

#: ``w``: the open notebook panel (conftest loaded gate.py under this name).
NOTEBOOK = "const w = " + sys.modules["sciatica_browser_gate"].LAB_NOTEBOOK + ";"

SURFACE = "lab"
NOTEBOOKS = notebook_paths(project_root(Path(__file__).resolve().parent))

#: Polled: the notebook's document and kernel are ready. Synchronous on purpose, as are
#: the two scripts below: a promise that JupyterLab never settles (a command still running
#: when the page moves on) is garbage collected, and Playwright then fails the evaluate
#: with "Resulting promise was garbage collected" (seen once in a full run). Scripts start
#: JupyterLab's work and return; the test polls for its outcome.
KERNEL_READY_JS = """() => {
  NOTEBOOK
  if (!w || !w.context.isReady || !w.sessionContext.isReady) return false;
  window.jupyterapp.shell.activateById(w.id);
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}"""

#: Start Run All; a failure of the command itself is kept in ``window.__labRunError``.
RUN_ALL_JS = """() => {
  NOTEBOOK
  window.jupyterapp.shell.activateById(w.id);
  window.__labRunError = null;
  window.jupyterapp.commands.execute('notebook:run-all-cells')
    .catch(e => { window.__labRunError = String(e); });
  return true;
}"""

#: Every code cell has an execution count and the kernel is idle again.
ALL_RAN_JS = """() => {
  NOTEBOOK
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  const cells = w.content.widgets.filter(c => c.model.type === 'code');
  const errored = cells.some(c => c.model.outputs.toJSON().some(o => o.output_type === 'error'));
  const done = cells.every(c => c.model.executionCount !== null);
  if (window.__labRunError) return true;
  return (errored || done) && kernel && kernel.status === 'idle';
}"""

#: Outputs that count as errors: exceptions and anything written to stderr.
ERROR_OUTPUTS_JS = """() => {
  NOTEBOOK
  const problems = [];
  w.content.widgets.forEach((c, i) => {
    if (c.model.type !== 'code') return;
    c.model.outputs.toJSON().forEach(o => {
      if (o.output_type === 'error') problems.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
      if (o.output_type === 'stream' && o.name === 'stderr')
        problems.push(`cell ${i} stderr: ${String(o.text).slice(0, 300)}`);
    });
  });
  return problems;
}"""


#: Widget views in the executed notebook model (what the kernel displayed).
MODEL_WIDGET_VIEWS_JS = """() => {
  NOTEBOOK
  let n = 0;
  w.content.widgets.forEach(c => {
    if (c.model.type !== 'code') return;
    c.model.outputs.toJSON().forEach(o => {
      if (o.data && o.data['application/vnd.jupyter.widget-view+json']) n += 1;
    });
  });
  return n;
}"""

#: Scroll through the notebook (JupyterLab renders cells near the viewport), collecting
#: every top-level widget view that appears and any "Error displaying widget" text.
#: Top-level widget views shown in the notebook panel, and any "Error displaying widget".
SHOWN_WIDGETS_JS = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const views = Array.from(panel.querySelectorAll('.jupyter-widgets'))
    .filter(el => !el.parentElement.closest('.jupyter-widgets'));
  return {widgets: views.length,
          errors: panel.innerText.includes('Error displaying widget') ? [0] : []};
}"""

SCROLL_AND_SEE_JS = """async () => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const scroller = panel.querySelector('.jp-WindowedPanel-outer') || panel;
  const seen = new Set();
  const errors = [];
  const look = () => {
    panel.querySelectorAll('.jupyter-widgets').forEach(el => {
      if (!el.parentElement.closest('.jupyter-widgets')) seen.add(el);
    });
    if (panel.innerText.includes('Error displaying widget')) errors.push(scroller.scrollTop);
  };
  for (let y = 0; y <= scroller.scrollHeight; y += 500) {
    scroller.scrollTop = y;
    await new Promise(r => setTimeout(r, 120));
    look();
  }
  await new Promise(r => setTimeout(r, 500));
  look();
  return {widgets: seen.size, errors: errors};
}"""

SHUTDOWN_JS = """async () => {
  const app = window.jupyterapp;
  if (!app) return;
  for (const w of Array.from(app.shell.widgets('main'))) {
    if (w.context && w.context.model) w.context.model.dirty = false;  // no "Save?" dialog
  }
  await app.serviceManager.sessions.shutdownAll();
  await app.commands.execute('application:close-all');
}"""


#: Start opening a notebook (the test waits for its panel).
OPEN_JS = """(path) => {
  window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'})
    .catch(e => { window.__labRunError = 'open: ' + String(e); });
  return true;
}"""


KERNEL_READY_JS, RUN_ALL_JS, ALL_RAN_JS, ERROR_OUTPUTS_JS, MODEL_WIDGET_VIEWS_JS = (
    js.replace("NOTEBOOK", NOTEBOOK)
    for js in (KERNEL_READY_JS, RUN_ALL_JS, ALL_RAN_JS, ERROR_OUTPUTS_JS, MODEL_WIDGET_VIEWS_JS)
)


def check_runs(page, notebook, helpers) -> None:
    """Open the stripped copy, Run All, and check errors and widget views."""
    page.evaluate(OPEN_JS, notebook.name)
    page.locator(".jp-NotebookPanel:visible").first.wait_for(state="visible", timeout=90_000)
    page.wait_for_function(KERNEL_READY_JS, timeout=90_000, polling=100)
    page.evaluate(RUN_ALL_JS)
    try:
        page.wait_for_function(ALL_RAN_JS, timeout=180_000, polling=100)
        failed = page.evaluate("() => window.__labRunError")
        assert not failed, f"JupyterLab's Run All failed: {failed}"
        problems = page.evaluate(ERROR_OUTPUTS_JS)
        assert problems == [], "error output in JupyterLab:\n" + "\n".join(problems)
        expected = helpers.expected_widget_views(notebook)
        produced = page.evaluate(MODEL_WIDGET_VIEWS_JS)
        assert produced == expected, f"the run produced {produced} widget views, {expected} stored"
        # Every cell is rendered ("windowingMode": "none"), so the views are all in the DOM;
        # scroll through the notebook only if some are missing.
        seen = page.evaluate(SHOWN_WIDGETS_JS)
        if seen["widgets"] < expected:
            seen = page.evaluate(SCROLL_AND_SEE_JS)
        assert not seen["errors"], f"'Error displaying widget' in JupyterLab: {seen['errors']}"
        assert seen["widgets"] >= expected, f"{seen['widgets']} of {expected} widget views shown"
    finally:
        page.screenshot(path=str(helpers.artifact("lab", f"{notebook.stem}.png")))


def check_lab_downloads(page, notebook, server, helpers) -> None:
    """Issue 13: the downloads of 03 and 06 round-trip in JupyterLab; no file left behind."""
    helpers.interactions.check_downloads(
        page,
        notebook.stem,
        pdf=False,
        shot=helpers.artifact("lab", f"{notebook.stem}-downloads.png"),
    )
    stored = {f"{p.stem}.ipynb" for p in helpers.ROOT.glob("notebooks/*.ipynb")}
    leftovers = {p.name for p in server.workdir.iterdir()} - stored
    assert not {n for n in leftovers if not n.startswith(".")}, leftovers


#: Path of the document in the current JupyterLab tab.
CURRENT_PATH_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  return w && w.context ? w.context.path : null;
}"""


def follow_a_notebook_link(page) -> None:
    """Click the start page's link to notebook 01: JupyterLab opens that notebook in a tab.

    JupyterLab shows a relative Markdown link as ``/files/<name>.ipynb?_xsrf=...`` and
    opens the notebook itself when it is clicked.
    """
    target = "01_sciatic_pathway.ipynb"
    link = page.locator(f'.jp-NotebookPanel:not(.lm-mod-hidden) a[href*="/files/{target}"]').first
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_function(f"() => ({CURRENT_PATH_JS})() === {target!r}", timeout=60_000)


def check_server_alive(server) -> None:
    """The JupyterLab server is still running after the visit."""
    assert server.proc.poll() is None, f"JupyterLab exited:\n{server.log_tail()}"


@pytest.fixture(scope="session")
def lab_visits(lab_server, lab_page, helpers):
    """One Lab session per notebook (memoised), running every check of this surface."""
    gate = helpers.gate
    page = lab_page

    def run(notebook, visit) -> None:
        page.set_viewport_size(gate.VIEWPORTS["laptop"])
        try:
            if not visit.check("runs", lambda: check_runs(page, notebook, helpers)):
                return
            if notebook.stem in helpers.interactions.DOWNLOAD_STEMS:
                visit.check(
                    "downloads", lambda: check_lab_downloads(page, notebook, lab_server, helpers)
                )
            helpers.gate_visit(page, SURFACE, notebook, visit)
            if notebook.stem.startswith("00_"):  # opens another tab: after the gate
                visit.check("follow a link", lambda: follow_a_notebook_link(page))
        finally:
            # Free the kernel and close the tab, so the next notebook starts clean.
            page.evaluate(SHUTDOWN_JS)
            page.set_viewport_size(gate.VIEWPORTS["laptop"])
            visit.check("server", lambda: check_server_alive(lab_server))

    return helpers.Visits(SURFACE, run)


def test_lab_runs_notebook(notebook, lab_visits):
    """A stripped copy opens, runs all cells, shows no error output and every widget."""
    lab_visits.get(notebook).assert_passed("runs", "server")


def test_lab_downloads(notebook, lab_visits):
    """The recording (03) and the handout and weekly plan (06) download in JupyterLab."""
    lab_visits.get(notebook).assert_passed("downloads")


def test_start_page_link_opens_a_notebook_in_lab(notebook, lab_visits):
    """A link from the start page to notebook 01 opens it in a JupyterLab tab."""
    lab_visits.get(notebook).assert_passed("follow a link")


def test_lab_gate(notebook, gate_case, lab_visits):
    """One item of the layout gate: (viewport, widget, check) in JupyterLab after Run All."""
    lab_visits.get(notebook).assert_gate(*gate_case)


add_notebook_classes(
    globals(),
    "Lab",
    NOTEBOOKS,
    every=[test_lab_runs_notebook, test_lab_gate],
    only={
        **{stem: [test_lab_downloads] for stem in DOWNLOAD_STEMS},
        "00_start_here": [test_start_page_link_opens_a_notebook_in_lab],
    },
)
