"""Self-checks answer in a static page: file://, no kernel, no network (issue 16, item 2).

Every question of every notebook is answered right and then wrong during the one visit of
each static page (``test_static.py``, check "self-check forms"). Here: the messages for no
answer and a bad number, the running score, axe-core on the answered forms at phone width,
typed text shown as text, and a page script that leaks no global name.
"""

from __future__ import annotations

import re

import pytest

from anatomy_helpers.selfcheck import load_question_bank
from anatomy_helpers.tools.present import TEMPLATES_DIR

pytestmark = pytest.mark.browser

SCRIPT = (
    TEMPLATES_DIR / "nbconvert" / "templates" / "anatomy_static" / "selfcheck.html.j2"
).read_text("utf-8")


def _open(page, static_site, stem):
    page.goto((static_site / "notebooks" / f"{stem}.html").as_uri(), wait_until="load")
    return page.locator("form.anatomy-sc")


def test_messages_for_no_answer_bad_numbers_and_the_score(static_site, page, vendor, helpers):
    forms = _open(page, static_site, "00_start_here")
    bank = {q.question_id: q for q in load_question_bank("00_start_here")}
    ids = [forms.nth(i).get_attribute("data-question-id") for i in range(forms.count())]
    multi = forms.nth(ids.index("00-red-flags"))
    multi.scroll_into_view_if_needed()
    multi.get_by_role("button", name="Check answer").click()
    assert multi.locator(".anatomy-sc-result").inner_text() == (
        "Choose an answer first, then press Check answer."
    )
    number = forms.nth(ids.index("00-natural-history"))
    box = number.get_by_role("textbox", name="Your answer (%)")
    box.fill("<b>lots</b>")
    box.press("Enter")  # Enter submits the form, like the button
    assert number.locator(".anatomy-sc-result").inner_text() == (
        "Please type a number from 0 to 100 (you typed <b>lots</b>)."
    )
    assert number.locator(".anatomy-sc-result b").count() == 0, "typed text is not HTML"
    assert number.evaluate(helpers.selfcheck_forms.SHOWN_JS)["explained"] is False
    score = page.locator(".anatomy-sc-score").first
    assert score.inner_text() == "Score: 0 of 3 correct (0 of 3 answered)."
    helpers.selfcheck_forms.answer_form(number, bank["00-natural-history"], 86.5)
    helpers.selfcheck_forms.answer_form(multi, bank["00-red-flags"], [0])
    assert score.inner_text() == "Score: 1 of 3 correct (2 of 3 answered)."
    # Accessibility of the answered forms: named groups, labelled inputs, contrast.
    page.set_viewport_size({"width": 390, "height": 844})
    page.add_script_tag(path=str(vendor.axe_js))
    violations = page.evaluate(
        """async () => {
          const r = await axe.run({include: [['.anatomy-sc-quiz']]},
                                  {resultTypes: ['violations']});
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }"""
    )
    page.locator(".anatomy-sc-quiz").first.screenshot(
        path=str(helpers.artifact("static", "selfcheck-00-narrow.png"))
    )
    assert violations == [], helpers.format_violations(violations)
    group = page.get_by_role("group", name=re.compile(r"^Question 1\. .*red flags"))
    assert group.count() == 1, "the options form a group named by its legend"
    assert group.get_by_role("checkbox").count() == len(bank["00-red-flags"].options)
    assert page.context.refused == []


def test_the_page_script_leaks_no_global_name(page):
    script = SCRIPT.split("<script>", 1)[1].split("</script>", 1)[0]
    page.set_content("<!DOCTYPE html><html><body><p>blank</p></body></html>")
    before = page.evaluate("Object.getOwnPropertyNames(window)")
    page.add_script_tag(content=script)
    assert page.evaluate("Object.getOwnPropertyNames(window)") == before
