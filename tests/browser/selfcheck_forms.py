"""Answering the static edition's self-check forms in Chromium (issue 16, item 2).

Shared by the static visit (``test_static.py``: every question of every page answered right
and then wrong) and ``test_instructor_static_selfcheck.py`` (messages, score, axe).
"""

from __future__ import annotations

from anatomy_helpers.selfcheck import check_answer, load_question_bank, question_bank_names

#: JavaScript: the verdict and feedback lines shown in one form.
SHOWN_JS = """(form) => ({
  verdict: (form.querySelector('.anatomy-sc-result p') || {}).textContent || '',
  messages: Array.from(form.querySelectorAll('.anatomy-sc-result li')).map(li => li.textContent),
  explained: !form.querySelector('.anatomy-sc-explanation').hidden,
})"""


def right_response(q):
    """A correct response to ``q`` (option indices as the bank stores them)."""
    if q.kind == "numeric":
        return q.answer
    right = sorted(q.correct_indices)
    return right[0] if q.kind == "single" else right


def wrong_response(q):
    """A wrong response to ``q``."""
    if q.kind == "numeric":
        return q.answer - q.tolerance - max(1.0, q.tolerance)
    wrong = next(i for i in range(len(q.options)) if i not in q.correct_indices)
    return wrong if q.kind == "single" else [wrong]


def answer_form(form, q, response) -> None:
    """Fill one form with ``response`` (a decimal comma for numbers) and press Check answer."""
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


def check_every_question(page, stem: str) -> None:
    """Answer every form of the open page right, then wrong; compare with check_answer.

    The verdict and each feedback line must be exactly what
    :func:`anatomy_helpers.selfcheck.check_answer` says for the same answer, and the
    explanation with its citation link must appear. A page without a bank has nothing to do.
    """
    if stem not in question_bank_names():
        return
    forms = page.locator("form.anatomy-sc")
    bank = {q.question_id: q for q in load_question_bank(stem)}
    assert forms.count() >= len(bank), "every bank question has a form on the page"
    for i in range(forms.count()):
        form = forms.nth(i)
        q = bank[form.get_attribute("data-question-id")]
        form.scroll_into_view_if_needed()
        assert form.evaluate(SHOWN_JS)["explained"] is False, "no explanation before an answer"
        for response in (right_response(q), wrong_response(q)):
            answer_form(form, q, response)
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
