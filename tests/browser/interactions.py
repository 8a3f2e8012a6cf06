"""Things a clinician does on an open page, run as named checks of a visit.

Downloads (issue 13: the slump recording on 03, the handout and weekly plan on 06, in
Voila and in JupyterLab) and the CPD record (issue 16: on 00 in Voila). Each changes
something first, so the file must come from the state shown at the press, not from the
page load, and each checks that nothing was written on the server.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from anatomy_helpers.records import recording_from_csv, recording_from_json
from anatomy_helpers.selfcheck import load_question_bank
from anatomy_helpers.slump import example_recording

DATE = r"\d{4}-\d{2}-\d{2}"
#: Notebooks with downloads to check, and the check for each.
DOWNLOAD_STEMS = ("03_slump_test", "06_exercises_and_handouts")
CPD_STEM = "00_start_here"


def files(folder: Path) -> set[str]:
    """Every file below ``folder`` (to show that a download wrote nothing on the server)."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def download(page, button_name: str) -> tuple[str, bytes]:
    """Press a download button, then its Save link; return the file name and bytes."""
    button = page.get_by_role("button", name=button_name)
    button.scroll_into_view_if_needed()
    button.click()
    suffix = re.search(r"\((\w+)\)", button_name).group(1).lower()
    link = page.locator(f'a.anatomy-download[download$=".{suffix}"]').first
    link.wait_for(state="visible", timeout=90_000)
    with page.expect_download(timeout=60_000) as info:
        link.click()
    got = info.value
    return got.suggested_filename, Path(got.path()).read_bytes()


def _set_number(page, label: str, value: str) -> None:
    box = page.get_by_role("spinbutton", name=label).first
    box.scroll_into_view_if_needed()
    box.fill(value)
    box.press("Enter")


def check_recorder(page) -> None:
    """On notebook 03: change the recording, download JSON and CSV, import them back."""
    page.get_by_role("combobox", name="Left: releasing the neck").first.select_option(
        label="Unchanged"
    )
    page.get_by_text("Interpretation: inconclusive").first.wait_for(timeout=60_000)
    expected = example_recording("positive").with_neck_release("left", "unchanged")
    name, data = download(page, "Download recording (JSON)")
    assert re.fullmatch(rf"slump-record-{DATE}\.json", name)
    assert recording_from_json(data.decode("utf-8")) == expected
    name, data = download(page, "Download recording (CSV)")
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
    name, data = download(page, "Download handout (HTML)")
    assert re.fullmatch(rf"exercise-plan-{DATE}\.html", name)
    handout = data.decode("utf-8")
    assert "A 4-week home programme" in handout and "Twice a day, gently." in handout
    for row in rows:  # every exercise and its week-1 dose, as the planner shows them
        exercise, week1 = row.split("\t")[:2]
        assert exercise.strip() in handout and week1.strip() in handout, row
    name, data = download(page, "Download weekly plan (CSV)")
    assert re.fullmatch(rf"weekly-plan-{DATE}\.csv", name)
    table = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert table[0][:2] == ["week", "exercise"] and len(table) == 1 + 4 * len(rows)
    if pdf:
        name, data = download(page, "Download handout (PDF)")
        assert name.endswith(".pdf") and data.startswith(b"%PDF")


def check_downloads(page, stem: str, *, pdf: bool, shot: Path) -> None:
    """The download check of notebook ``stem`` (03 or 06)."""
    try:
        if stem.startswith("03"):
            check_recorder(page)
        else:
            check_planner(page, pdf=pdf)
    finally:
        page.screenshot(path=str(shot))


def check_cpd_record(page, stem: str, notebook_title: str, shots: tuple[Path, Path]) -> None:
    """Answer one self-check, fill in the CPD form, download it, read it back.

    The file must hold the notebook title, the reflection escaped (it has HTML characters),
    the time, the name and this session's self-check result.
    """
    question = next(q for q in load_question_bank(stem) if q.question_id == "00-red-flag-accuracy")
    right = question.options[sorted(question.correct_indices)[0]].text
    radio = page.get_by_role("radio", name=right)
    radio.scroll_into_view_if_needed()
    radio.check()
    card = (
        page.locator(".widget-vbox")
        .filter(has=radio)
        .filter(has=page.get_by_role("button", name="Check answer"))
    )
    card.last.get_by_role("button", name="Check answer").click()
    page.get_by_text("✓ Correct.").first.wait_for(timeout=60_000)
    score = page.get_by_text(re.compile(r"Self-checks this session: 1 of 3 correct"))
    score.wait_for(timeout=60_000)

    minutes = page.get_by_role("spinbutton", name="Time you spent (minutes)")
    minutes.scroll_into_view_if_needed()
    minutes.fill("25")
    minutes.press("Tab")
    reflection = "Saddle <numbness> & new bladder trouble mean same-day referral."
    page.get_by_role("textbox", name="What I learnt").fill(reflection)
    page.get_by_role("textbox", name="How it benefits the people I treat").fill(
        "I will ask every patient with sciatica about the red flags."
    )
    page.get_by_role("textbox", name="Your name (optional)").fill("A. Clinician")
    page.get_by_role("textbox", name="Your name (optional)").press("Tab")
    form = page.locator(".widget-vbox").filter(
        has=page.get_by_role("button", name="Download CPD record (HTML)")
    )
    size = page.viewport_size
    try:
        name, raw = download(page, "Download CPD record (HTML)")
        data = raw.decode("utf-8")
    finally:
        form.last.screenshot(path=str(shots[0]))
        page.set_viewport_size({"width": 390, "height": 844})
        form.last.scroll_into_view_if_needed()
        page.screenshot(path=str(shots[1]))
        page.set_viewport_size(size)
    slug = stem.replace("_", "-")
    assert re.fullmatch(rf"cpd-record-{slug}-{DATE}\.html", name), name
    assert f"<h1>CPD record: {notebook_title}</h1>" in data
    assert "Saddle &lt;numbness&gt; &amp; new bladder trouble mean same-day referral." in data
    assert "I will ask every patient with sciatica about the red flags." in data
    assert "A. Clinician" in data and "25 min" in data
    assert "Score:</strong> 1 of 3 correct (1 of 3 answered)." in data
    assert "correct at the first try" in data and data.count("not attempted") == 2
