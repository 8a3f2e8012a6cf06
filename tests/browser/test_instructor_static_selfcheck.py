"""Self-checks answer in a static page: file://, no kernel, no network (issue 16, item 2).

Every question of every notebook is answered right and then wrong in Chromium on the built
static edition; the verdict and each feedback line must be exactly what
:func:`anatomy_helpers.selfcheck.check_answer` says for the same answer, and the
explanation with its citation appears. The forms are axe-core clean after answering, and
typed text is shown as text.
"""

from __future__ import annotations

import re

import pytest

from anatomy_helpers.selfcheck import check_answer, load_question_bank, question_bank_names
from anatomy_helpers.tools.present import TEMPLATES_DIR

pytestmark = pytest.mark.browser

SCRIPT = (
    TEMPLATES_DIR / "nbconvert" / "templates" / "anatomy_static" / "selfcheck.html.j2"
).read_text("utf-8")

#: JavaScript: the verdict and feedback lines shown in one form.
SHOWN_JS = """(form) => ({
  verdict: (form.querySelector('.anatomy-sc-result p') || {}).textContent || '',
  messages: Array.from(form.querySelectorAll('.anatomy-sc-result li')).map(li => li.textContent),
  explained: !form.querySelector('.anatomy-sc-explanation').hidden,
})"""


def _right(q):
    if q.kind == "numeric":
        return q.answer
    right = sorted(q.correct_indices)
    return right[0] if q.kind == "single" else right


def _wrong(q):
    if q.kind == "numeric":
        return q.answer - q.tolerance - max(1.0, q.tolerance)
    wrong = next(i for i in range(len(q.options)) if i not in q.correct_indices)
    return wrong if q.kind == "single" else [wrong]


def _answer(form, q, response) -> None:
    if q.kind == "numeric":
        form.locator("input[data-answer]").fill(f"{response:g}".replace(".", ","))
    else:
        chosen = {response} if q.kind == "single" else set(response)
        for i in range(len(q.options)):
            box = form.locator(f'input[value="{i}"]')
            if q.kind == "single":
                if i in chosen:
                    box.check()
            else:
                box.set_checked(i in chosen)
    form.get_by_role("button", name="Check answer").click()


def _open(page, static_site, stem):
    page.goto((static_site / "notebooks" / f"{stem}.html").as_uri(), wait_until="load")
    return page.locator("form.anatomy-sc")


@pytest.mark.parametrize("stem", question_bank_names())
def test_every_question_answers_right_and_wrong_in_the_page(stem, static_site, page):
    forms = _open(page, static_site, stem)
    bank = {q.question_id: q for q in load_question_bank(stem)}
    assert forms.count() >= len(bank), "every bank question has a form on the page"
    for i in range(forms.count()):
        form = forms.nth(i)
        q = bank[form.get_attribute("data-question-id")]
        form.scroll_into_view_if_needed()
        assert form.evaluate(SHOWN_JS)["explained"] is False, "no explanation before an answer"
        for response in (_right(q), _wrong(q)):
            _answer(form, q, response)
            expected = check_answer(q, response)
            shown = form.evaluate(SHOWN_JS)
            verdict = "✓ Correct." if expected.correct else "✗ Not quite."
            assert shown["verdict"] == verdict, (q.question_id, response)
            assert tuple(shown["messages"]) == expected.messages, (q.question_id, response)
            assert shown["explained"], q.question_id
            link = form.locator(".anatomy-sc-explanation a")
            assert link.get_attribute("href") == f"#ref-{q.source_id}"
            assert link.inner_text() == f"({q.citation})"
        assert expected.correct is False, "the second answer was the wrong one"
    assert page.context.refused == [], f"the page tried the network: {page.context.refused}"


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
    assert number.evaluate(SHOWN_JS)["explained"] is False
    score = page.locator(".anatomy-sc-score").first
    assert score.inner_text() == "Score: 0 of 3 correct (0 of 3 answered)."
    _answer(number, bank["00-natural-history"], 86.5)
    _answer(multi, bank["00-red-flags"], [0])
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
