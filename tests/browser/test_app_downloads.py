"""Downloads reach the browser and round-trip: Voila (03 and 06) and JupyterLab.

Each test changes something first, so the file must come from the state shown at the
press, not from the page load: a slump recording (JSON and CSV) imports back equal to
the recording shown; the handout (HTML, and PDF when Chromium prints) holds the plan shown;
the weekly plan (CSV) has one row per exercise per week. Nothing is written on the server:
the notebooks folder is compared before and after.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from anatomy_helpers.records import recording_from_csv, recording_from_json
from anatomy_helpers.slump import example_recording

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DATE = r"\d{4}-\d{2}-\d{2}"


def _download(page, button_name: str) -> tuple[str, bytes]:
    """Press a download button, then its Save link; return the file name and bytes."""
    button = page.get_by_role("button", name=button_name)
    button.scroll_into_view_if_needed()
    button.click()
    suffix = re.search(r"\((\w+)\)", button_name).group(1).lower()
    link = page.locator(f'a.anatomy-download[download$=".{suffix}"]').first
    link.wait_for(state="visible", timeout=90_000)
    with page.expect_download(timeout=60_000) as info:
        link.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def _set_number(page, label: str, value: str) -> None:
    box = page.get_by_role("spinbutton", name=label).first
    box.scroll_into_view_if_needed()
    box.fill(value)
    box.press("Enter")


def _choose(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).first.select_option(label=option)


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def check_recorder(page) -> None:
    """On notebook 03: change the recording, download JSON and CSV, import them back."""
    _choose(page, "Left: releasing the neck", "Unchanged")
    page.get_by_text("Interpretation: inconclusive").first.wait_for(timeout=60_000)
    expected = example_recording("positive").with_neck_release("left", "unchanged")
    name, data = _download(page, "Download recording (JSON)")
    assert re.fullmatch(rf"slump-record-{DATE}\.json", name)
    assert recording_from_json(data.decode("utf-8")) == expected
    name, data = _download(page, "Download recording (CSV)")
    assert re.fullmatch(rf"slump-record-{DATE}\.csv", name)
    assert recording_from_csv(data.decode("utf-8")) == expected


def check_planner(page, *, pdf: bool) -> None:
    """On notebook 06: change the plan, download the handout and the weekly plan."""
    _set_number(page, "Programme length (weeks)", "4")
    page.get_by_role("columnheader", name="Week 4").first.wait_for(timeout=60_000)
    page.get_by_role("textbox", name="Notes for the patient").fill("Twice a day, gently.")
    shown = page.locator("table").filter(has=page.get_by_role("columnheader", name="Week 4"))
    rows = shown.first.locator("tbody tr").all_inner_texts()
    assert rows, "the planner shows its plan table"
    name, data = _download(page, "Download handout (HTML)")
    assert re.fullmatch(rf"exercise-plan-{DATE}\.html", name)
    handout = data.decode("utf-8")
    assert "A 4-week home programme" in handout and "Twice a day, gently." in handout
    for row in rows:  # every exercise and its week-1 dose, as the planner shows them
        exercise, week1 = row.split("\t")[:2]
        assert exercise.strip() in handout and week1.strip() in handout, row
    name, data = _download(page, "Download weekly plan (CSV)")
    assert re.fullmatch(rf"weekly-plan-{DATE}\.csv", name)
    table = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert table[0][:2] == ["week", "exercise"] and len(table) == 1 + 4 * len(rows)
    if pdf:
        name, data = _download(page, "Download handout (PDF)")
        assert name.endswith(".pdf") and data.startswith(b"%PDF")


@pytest.mark.parametrize("stem", ["03_slump_test", "06_exercises_and_handouts"])
def test_voila_downloads(stem, voila_server, page, helpers):
    folder = helpers.ROOT / "notebooks"
    before = _files(folder)
    helpers.wait_voila_rendered(page, f"{voila_server.url}/voila/render/{stem}.ipynb")
    page.wait_for_function(
        "(n) => (" + helpers.COUNT_TOP_WIDGETS_JS + ")() >= n",
        arg=helpers.expected_widget_views(folder / f"{stem}.ipynb"),
        timeout=90_000,
    )
    try:
        if stem.startswith("03"):
            check_recorder(page)
        else:
            check_planner(
                page, pdf=page.get_by_role("button", name="Download handout (PDF)").count() > 0
            )
    finally:
        page.screenshot(path=str(helpers.artifact("app", f"{stem}-downloads.png")), full_page=True)
    assert _files(folder) == before, "a download wrote a file on the server"


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
ALL_RAN_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  const cells = w.content.widgets.filter(c => c.model.type === 'code');
  return cells.every(c => c.model.executionCount !== null) && kernel && kernel.status === 'idle';
}"""
SHUTDOWN_JS = """async () => {
  await window.jupyterapp.serviceManager.sessions.shutdownAll();
  await window.jupyterapp.commands.execute('application:close-all');
}"""


@pytest.mark.parametrize("stem", ["03_slump_test", "06_exercises_and_handouts"])
def test_lab_downloads(stem, lab_server, page, helpers):
    url = f"{lab_server.url}/lab/tree/{stem}.ipynb?reset&token={lab_server.token}"
    page.set_viewport_size({"width": 1366, "height": 1000})
    page.goto(url, wait_until="domcontentloaded", timeout=90_000)
    page.locator(".jp-NotebookPanel:visible").first.wait_for(state="visible", timeout=90_000)
    page.wait_for_function(KERNEL_READY_JS, timeout=90_000, polling=250)
    page.evaluate("async () => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    try:
        page.wait_for_function(ALL_RAN_JS, timeout=180_000, polling=250)
        if stem.startswith("03"):
            check_recorder(page)
        else:
            check_planner(page, pdf=False)
    finally:
        page.screenshot(path=str(helpers.artifact("lab", f"{stem}-downloads.png")))
        page.evaluate(SHUTDOWN_JS)
    leftovers = {p.name for p in lab_server.workdir.iterdir()} - {
        f"{s}.ipynb" for s in (p.stem for p in helpers.ROOT.glob("notebooks/*.ipynb"))
    }
    assert not {n for n in leftovers if not n.startswith(".")}, leftovers
