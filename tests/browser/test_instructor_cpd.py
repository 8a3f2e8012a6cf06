"""The CPD record downloads in Voila with what the person typed (issue 16, item 3).

On the start notebook in the Voila app: answer one self-check question, fill in the time
and a reflection (with characters that mean something in HTML), download the record and
check that the file holds the notebook title, the escaped reflection and the self-check
result, and that nothing was written on the server.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from anatomy_helpers.selfcheck import load_question_bank

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STEM = "00_start_here"


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_cpd_record_downloads_in_voila_with_the_reflection(voila_server, page, helpers):
    folder = helpers.ROOT / "notebooks"
    before = _files(folder)
    page.set_viewport_size({"width": 1366, "height": 768})
    helpers.wait_voila_rendered(page, f"{voila_server.url}/voila/render/{STEM}.ipynb")
    page.wait_for_function(
        "(n) => (" + helpers.COUNT_TOP_WIDGETS_JS + ")() >= n",
        arg=helpers.expected_widget_views(folder / f"{STEM}.ipynb"),
        timeout=90_000,
    )
    question = next(q for q in load_question_bank(STEM) if q.question_id == "00-red-flag-accuracy")
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
    try:
        page.get_by_role("button", name="Download CPD record (HTML)").click()
        link = page.locator('a.anatomy-download[download$=".html"]').first
        link.wait_for(state="visible", timeout=90_000)
        with page.expect_download(timeout=60_000) as info:
            link.click()
        download = info.value
        name = download.suggested_filename
        data = Path(download.path()).read_text("utf-8")
    finally:
        form.last.screenshot(path=str(helpers.artifact("app", "cpd-record-1366.png")))
        page.set_viewport_size({"width": 390, "height": 844})
        form.last.scroll_into_view_if_needed()
        page.screenshot(path=str(helpers.artifact("app", "cpd-record-390.png")))
    assert re.fullmatch(r"cpd-record-00-start-here-\d{4}-\d{2}-\d{2}\.html", name)
    title = helpers.notebook_info(folder / f"{STEM}.ipynb").title
    assert f"<h1>CPD record: {title}</h1>" in data
    assert "Saddle &lt;numbness&gt; &amp; new bladder trouble mean same-day referral." in data
    assert "I will ask every patient with sciatica about the red flags." in data
    assert "A. Clinician" in data and "25 min" in data
    assert "Score:</strong> 1 of 3 correct (1 of 3 answered)." in data
    assert "correct at the first try" in data and data.count("not attempted") == 2
    assert _files(folder) == before, "the record was written on the server"
