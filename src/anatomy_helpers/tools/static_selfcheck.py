"""Self-checks that answer in the page: the static edition's kernel-free quiz forms.

In the static edition there is no kernel, so the live quiz widget (saved state only)
could not check anything. :func:`replace_self_check_outputs` finds every self-check cell
of a notebook (a code cell whose whole source is one call
``self_check("NN_stem", [...ids])``, read with :mod:`ast`, so the wording and layout of
the call do not matter) and replaces its outputs with an HTML form built from the
question bank by :func:`static_quiz_html`:

* each question is a ``<form>`` whose ``<fieldset>`` has the prompt as its ``<legend>``:
  radio buttons (one answer), check boxes (select all that apply) or a text box for a
  number with its unit and allowed range, then a *Check answer* button;
* options appear in :func:`anatomy_helpers.selfcheck.display_order`, as in the live quiz;
* every message the page can show comes from the bank, written into the form here: each
  option's feedback and whether it is correct, the numeric answer, tolerance and the
  low/high feedback, the explanation with a link to its reference, the messages the live
  quiz shows for an empty or out-of-range answer;
* a running score under each quiz, worded as in the live quiz.

The few lines of JavaScript that read a form and show its feedback live once per page in
the static template (``anatomy_static/selfcheck.html.j2``): one ``submit`` listener on the
document (event delegation), inside a function so no name leaks, fetching nothing. The
feedback area is a polite live region, so a screen reader announces the verdict.

References
----------
WAI-ARIA Authoring Practices, "Radio Group" and "Checkbox" patterns (a group named by
``fieldset``/``legend``); HTML Living Standard, form submission and ``hidden``.
"""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Sequence
from typing import NamedTuple

from anatomy_helpers.selfcheck import Question, display_order, load_question_bank
from anatomy_helpers.selfcheck.questions import check_questions

__all__ = [
    "SELF_CHECK_CLASS",
    "SelfCheckCall",
    "replace_self_check_outputs",
    "self_check_call",
    "static_quiz_html",
]

#: CSS class of the element holding one cell's static quiz (the template styles it).
SELF_CHECK_CLASS = "anatomy-sc-quiz"

#: Messages shared with the live quiz (:mod:`anatomy_helpers.widgets.quiz`).
EMPTY_MESSAGE = "Choose an answer first, then press Check answer."
CORRECT_VERDICT = "✓ Correct."
WRONG_VERDICT = "✗ Not quite."


class SelfCheckCall(NamedTuple):
    """What a ``self_check(...)`` cell asks: the bank and the question ids (None: all)."""

    notebook: str
    question_ids: tuple[str, ...] | None


def _string(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def self_check_call(source: str) -> SelfCheckCall | None:
    """The bank and question ids of a cell that is one ``self_check(...)`` call.

    Parameters
    ----------
    source : str
        A code cell's source.

    Returns
    -------
    SelfCheckCall or None
        ``(notebook, question_ids)`` when the whole cell is ``self_check("stem")`` or
        ``self_check("stem", [ids...])`` (a list or tuple of string literals; the keyword
        ``question_ids=`` works too; comments and layout are ignored); None for any other
        cell, including one that does more than the call or builds its arguments at run
        time.

    Raises
    ------
    TypeError
        If ``source`` is not a str.

    Examples
    --------
    >>> self_check_call('self_check("01_sciatic_pathway", ["01-roots"])')
    SelfCheckCall(notebook='01_sciatic_pathway', question_ids=('01-roots',))
    >>> self_check_call("print(1)") is None
    True
    """
    if not isinstance(source, str):
        msg = f"source must be a str, got {type(source).__name__}"
        raise TypeError(msg)
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    call = tree.body[0].value
    if not isinstance(call, ast.Call):
        return None
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    if name != "self_check":
        return None
    args = list(call.args)
    keywords = {k.arg: k.value for k in call.keywords}
    if set(keywords) - {"notebook", "question_ids"} or len(args) > 2:
        return None
    notebook_node = args[0] if args else keywords.get("notebook")
    ids_node = args[1] if len(args) > 1 else keywords.get("question_ids")
    notebook = _string(notebook_node) if notebook_node is not None else None
    if notebook is None:
        return None
    if ids_node is None or (isinstance(ids_node, ast.Constant) and ids_node.value is None):
        return SelfCheckCall(notebook, None)
    if not isinstance(ids_node, (ast.List, ast.Tuple)):
        return None
    ids = [_string(e) for e in ids_node.elts]
    if any(i is None for i in ids):
        return None
    return SelfCheckCall(notebook, tuple(ids))  # type: ignore[arg-type]


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _number(value: float | None) -> str:
    return f"{float(value or 0.0):g}"


def _dom_id(prefix: str, question: Question) -> str:
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9_-]', '-', question.question_id)}"


def _choice_inputs(question: Question, qid: str) -> str:
    kind = "radio" if question.kind == "single" else "checkbox"
    rows = []
    for shown, index in enumerate(display_order(question)):
        option = question.options[index]
        input_id = f"{qid}-o{shown}"
        rows.append(
            f'<div class="anatomy-sc-option"><input type="{kind}" id="{input_id}" '
            f'name="{qid}" value="{index}" data-correct="{str(option.correct).lower()}" '
            f'data-feedback="{_attr(option.feedback)}">'
            f'<label for="{input_id}">{html.escape(option.text)}</label></div>'
        )
    return "".join(rows)


def _numeric_input(question: Question, qid: str) -> str:
    unit = f" ({html.escape(question.unit)})" if question.unit else ""
    hint = f"a number from {_number(question.min_value)} to {_number(question.max_value)}"
    correct = f"Yes: {question.answer:g} {question.unit}".rstrip() + "."
    return (
        f'<div class="anatomy-sc-number"><label for="{qid}-value">Your answer{unit}</label> '
        f'<input type="text" inputmode="decimal" autocomplete="off" id="{qid}-value" '
        f'name="{qid}" aria-describedby="{qid}-hint" '
        f'data-answer="{_number(question.answer)}" data-tolerance="{_number(question.tolerance)}" '
        f'data-min="{_number(question.min_value)}" data-max="{_number(question.max_value)}" '
        f'data-correct-message="{_attr(correct)}" '
        f'data-feedback-low="{_attr(question.feedback_low)}" '
        f'data-feedback-high="{_attr(question.feedback_high)}">'
        f' <span class="anatomy-sc-hint" id="{qid}-hint">({html.escape(hint)})</span></div>'
    )


def _question_form(question: Question, number: int, prefix: str) -> str:
    qid = _dom_id(prefix, question)
    hint = " <em>Select all that apply.</em>" if question.kind == "multiple" else ""
    inputs = (
        _numeric_input(question, qid)
        if question.kind == "numeric"
        else _choice_inputs(question, qid)
    )
    citation = f'<a href="#ref-{_attr(question.source_id)}">({html.escape(question.citation)})</a>'
    return (
        f'<form class="anatomy-sc" data-kind="{question.kind}" '
        f'data-question-id="{_attr(question.question_id)}" novalidate>'
        f"<fieldset><legend><strong>Question {number}.</strong> "
        f"{html.escape(question.prompt)}{hint}</legend>{inputs}</fieldset>"
        f'<button type="submit" class="anatomy-sc-check">Check answer</button>'
        f'<div class="anatomy-sc-feedback" role="status" aria-live="polite">'
        f'<div class="anatomy-sc-result"></div>'
        f'<p class="anatomy-sc-explanation" hidden>{html.escape(question.explanation)} '
        f"{citation}</p></div></form>"
    )


def static_quiz_html(
    questions: Sequence[Question], *, prefix: str = "sc", title: str = "Check yourself"
) -> str:
    """One cell's quiz as HTML forms that check answers in the page (no kernel).

    Parameters
    ----------
    questions : sequence of Question
        The questions, in the order the cell asks them.
    prefix : str, default "sc"
        Start of every element id (letters, digits, ``-``, ``_``), unique per cell on a
        page so two quizzes never share an id.
    title : str, default "Check yourself"
        Text above the questions (not a heading, as in the live quiz).

    Returns
    -------
    str
        A ``<div class="anatomy-sc-quiz">`` with one form per question and a score line;
        the static template's script makes it work.

    Raises
    ------
    ValueError
        If there are no questions or the prefix has other characters.
    TypeError
        If an item is not a Question.
    """
    check_questions(questions)
    if not questions:
        msg = "questions must hold at least one question"
        raise ValueError(msg)
    if not isinstance(prefix, str) or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", prefix):
        msg = f"prefix must be letters, digits, '-' or '_' starting with a letter, got {prefix!r}"
        raise ValueError(msg)
    forms = "".join(_question_form(q, i, prefix) for i, q in enumerate(questions, 1))
    n = len(questions)
    return (
        f'<div class="{SELF_CHECK_CLASS}" data-questions="{n}">'
        f'<p class="anatomy-sc-title"><strong>{html.escape(title)}</strong></p>{forms}'
        f'<p class="anatomy-sc-score" role="status" aria-live="polite"><strong>Score:</strong> '
        f"0 of {n} correct (0 of {n} answered).</p>"
        f'<p class="anatomy-sc-note">These questions check your answer in this page; '
        f"nothing is sent anywhere.</p></div>"
    )


def _questions_for(call: SelfCheckCall) -> list[Question]:
    bank = load_question_bank(call.notebook)
    if call.question_ids is None:
        return list(bank)
    by_id = {q.question_id: q for q in bank}
    missing = [qid for qid in call.question_ids if qid not in by_id]
    if missing:
        msg = f"unknown question id(s) {missing} in bank {call.notebook!r}"
        raise ValueError(msg)
    return [by_id[qid] for qid in call.question_ids]


def replace_self_check_outputs(nb) -> int:
    """Give every self-check cell of ``nb`` the in-page quiz as its only output (in place).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook (a copy: its outputs are replaced).

    Returns
    -------
    int
        How many cells were replaced.

    Raises
    ------
    ValueError
        If a self-check cell names a question its bank does not have.
    """
    import nbformat

    replaced = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        call = self_check_call(cell.source)
        if call is None:
            continue
        markup = static_quiz_html(_questions_for(call), prefix=f"sc{index}")
        cell.outputs = [
            nbformat.v4.new_output("display_data", data={"text/html": markup}, metadata={})
        ]
        replaced += 1
    return replaced
