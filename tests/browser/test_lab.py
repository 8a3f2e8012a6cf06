"""Every notebook in JupyterLab: a stripped copy opens, runs all cells, shows no error output.

Follows the project's measured recipe R5 (pitfalls P5-P8): ``--allow-root``, a stripped
copy in a temporary folder, news and kernel-picker dialogs switched off, and the run
started through JupyterLab's own command once the kernel is attached.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

#: Wait until the notebook panel is ready and its kernel is attached and idle.
KERNEL_READY_JS = """async () => {
  const app = window.jupyterapp;
  if (!app) return false;
  const w = app.shell.currentWidget;
  if (!w || !w.sessionContext || !w.context) return false;
  await w.context.ready;
  await w.sessionContext.ready;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}"""

RUN_ALL_JS = """async () => {
  await window.jupyterapp.commands.execute('notebook:run-all-cells');
  return true;
}"""

#: Every code cell has an execution count and the kernel is idle again.
ALL_RAN_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  const cells = w.content.widgets.filter(c => c.model.type === 'code');
  const errored = cells.some(c => c.model.outputs.toJSON().some(o => o.output_type === 'error'));
  const done = cells.every(c => c.model.executionCount !== null);
  return (errored || done) && kernel && kernel.status === 'idle';
}"""

#: Outputs that count as errors: exceptions and anything written to stderr.
ERROR_OUTPUTS_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
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
  const w = window.jupyterapp.shell.currentWidget;
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
  await app.serviceManager.sessions.shutdownAll();
  await app.commands.execute('application:close-all');
}"""


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


def test_lab_runs_notebook(notebook, lab_server, page, helpers):
    url = f"{lab_server.url}/lab/tree/{notebook.name}?reset&token={lab_server.token}"
    page.goto(url, wait_until="domcontentloaded", timeout=90_000)
    page.locator(".jp-NotebookPanel:visible").first.wait_for(state="visible", timeout=90_000)
    page.wait_for_function(KERNEL_READY_JS, timeout=90_000, polling=250)
    page.evaluate(RUN_ALL_JS)
    shot = helpers.artifact("lab", f"{notebook.stem}.png")
    try:
        page.wait_for_function(ALL_RAN_JS, timeout=180_000, polling=250)
        problems = page.evaluate(ERROR_OUTPUTS_JS)
        assert problems == [], "error output in JupyterLab:\n" + "\n".join(problems)
        expected = helpers.expected_widget_views(notebook)
        produced = page.evaluate(MODEL_WIDGET_VIEWS_JS)
        assert produced == expected, f"the run produced {produced} widget views, {expected} stored"
        seen = page.evaluate(SCROLL_AND_SEE_JS)
        assert not seen["errors"], f"'Error displaying widget' in JupyterLab: {seen['errors']}"
        assert seen["widgets"] >= expected, f"{seen['widgets']} of {expected} widget views shown"
        if notebook.stem.startswith("00_"):
            follow_a_notebook_link(page)
    finally:
        page.screenshot(path=str(shot))
        # Free the kernel and close the tab, so the next notebook starts clean.
        page.evaluate(SHUTDOWN_JS)
    assert lab_server.proc.poll() is None, lab_server.log_tail()
