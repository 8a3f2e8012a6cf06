"""The self-check quiz widget: immediate feedback, a score, keyboard accessible.

All checking is done by :func:`anatomy_helpers.selfcheck.check_answer`; this module only
builds controls. Radio buttons, check boxes, text boxes and buttons are native form
controls, so Tab, Space and Enter work, and feedback is announced through a polite live
region.

Options are shown in the order of :func:`anatomy_helpers.selfcheck.display_order` (seeded
per question, the answer's position balanced over each bank). Each option is one row: its
radio button or check box beside the first line of its text, the text wrapping under it at
any width (the collection's style sheet, :mod:`anatomy_helpers.widgets.layout`), and a tap
anywhere on the text selects that option (the text is the input's ``<label>``).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import ipywidgets as widgets

from anatomy_helpers.selfcheck import (
    AnswerFeedback,
    Question,
    check_answer,
    display_order,
    load_question_bank,
    score_answers,
    session_results,
)
from anatomy_helpers.widgets.base import close_widget_tree, status_html
from anatomy_helpers.widgets.layout import ROOT_CLASS, StartHint, style_sheet, with_classes

__all__ = ["QuestionCard", "Quiz", "self_check"]


def _layout_full() -> widgets.Layout:
    """A full-width layout (one per widget: a shared one would be closed with any quiz)."""
    return widgets.Layout(width="auto")


class QuestionCard(widgets.VBox):
    """One question with its input, a Check button and feedback.

    Attributes
    ----------
    question : Question
        The question shown.
    input : ipywidgets.Widget
        ``RadioButtons`` (single; values are the bank's option indices), a ``VBox`` of
        ``Checkbox`` (multiple; in display order) or ``Text`` (numeric).
    order : tuple of int
        The bank's option indices in the order shown.
    option_boxes : dict of int to ipywidgets.Checkbox
        Select-all questions: the check box of each option, by the bank's option index.
    check_button : ipywidgets.Button
        Press to check the answer.
    feedback : ipywidgets.HTML
        Feedback shown after checking (a live region).
    last_feedback : AnswerFeedback or None
        Result of the last check.
    """

    def __init__(self, question: Question, number: int, on_checked=None):
        self.question = question
        self._on_checked = on_checked
        self.last_feedback: AnswerFeedback | None = None
        self.order = display_order(question)
        self.option_boxes: dict[int, widgets.Checkbox] = {}
        hint = " <em>Select all that apply.</em>" if question.kind == "multiple" else ""
        prompt = widgets.HTML(
            f"<p><strong>Question {number}.</strong> {html.escape(question.prompt)}{hint}</p>"
        )
        if question.kind == "single":
            self.input = widgets.RadioButtons(
                options=[(question.options[i].text, i) for i in self.order],
                value=None,
                layout=_layout_full(),
            )
        elif question.kind == "multiple":
            self.option_boxes = {
                i: widgets.Checkbox(
                    value=False,
                    description=question.options[i].text,
                    indent=False,
                    layout=_layout_full(),
                )
                for i in self.order
            }
            self.input = widgets.VBox(list(self.option_boxes.values()))
        else:
            unit = f" ({question.unit})" if question.unit else ""
            self.input = widgets.Text(
                value="",
                description=f"Your answer{unit}",
                placeholder=f"a number from {question.min_value:g} to {question.max_value:g}",
                style={"description_width": "initial"},
                layout=_layout_full(),
            )
        self.check_button = widgets.Button(
            description="Check answer",
            tooltip=f"Check your answer to question {number}",
            layout=widgets.Layout(width="auto"),
        )
        self.check_button.on_click(lambda _b: self.check())
        self.feedback = widgets.HTML(status_html(""))
        super().__init__(
            [prompt, self.input, self.check_button, self.feedback],
            layout=widgets.Layout(border="1px solid #d9d9d9", padding="0.5em", margin="0.5em 0"),
        )
        self.add_class("ah-quiz-card")

    def response(self):
        """The current response in the form :func:`check_answer` takes, or None if empty."""
        q = self.question
        if q.kind == "single":
            return self.input.value
        if q.kind == "multiple":
            return sorted(i for i, box in self.option_boxes.items() if box.value)
        text = self.input.value.strip().replace(",", ".")
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            return text
        return value

    def check(self) -> AnswerFeedback | None:
        """Check the current response, show feedback, and return it (None if unusable)."""
        q = self.question
        response = self.response()
        if response is None or (q.kind == "multiple" and not response):
            self._show("<p>Choose an answer first, then press <em>Check answer</em>.</p>")
            return None
        if q.kind == "numeric" and (
            isinstance(response, str)
            or not math.isfinite(response)
            or not q.min_value <= response <= q.max_value
        ):
            self._show(
                f"<p>Please type a number from {q.min_value:g} to {q.max_value:g} "
                f"(you typed {html.escape(str(self.input.value))!s}).</p>"
            )
            return None
        result = check_answer(q, response)
        self.last_feedback = result
        verdict = "✓ Correct." if result.correct else "✗ Not quite."
        shown = list(result.messages)
        if q.kind == "multiple":  # the chosen options' feedback in the order shown
            chosen = [i for i in self.order if i in response]
            shown = [q.options[i].feedback for i in chosen] + shown[len(chosen) :]
        messages = "".join(f"<li>{html.escape(m)}</li>" for m in shown)
        self._show(
            f"<p><strong>{verdict}</strong></p><ul>{messages}</ul>"
            f"<p>{html.escape(result.explanation)} "
            f'<a href="#ref-{html.escape(result.source_id)}">({html.escape(result.citation)})</a>'
            "</p>"
        )
        if self._on_checked is not None:
            self._on_checked(result)
        return result

    def _show(self, markup: str) -> None:
        self.feedback.value = status_html(markup)


class Quiz(StartHint, widgets.VBox):
    """A set of question cards with a running score.

    Parameters
    ----------
    questions : sequence of Question
        Questions, in order.
    title : str, default "Check yourself"
        Text above the questions (not a heading, so the notebook's heading order holds).
    """

    start_hint = "the self-check questions"

    def __init__(self, questions: Sequence[Question], *, title: str = "Check yourself"):
        if not questions:
            msg = "a quiz needs at least one question"
            raise ValueError(msg)
        self.questions = tuple(questions)
        self.results: dict[str, AnswerFeedback] = {}
        self.cards = [
            QuestionCard(q, i, on_checked=self._record) for i, q in enumerate(self.questions, 1)
        ]
        self.score = widgets.HTML()
        self._update_score()
        header = widgets.HTML(f"<p><strong>{html.escape(title)}</strong></p>")
        super().__init__([style_sheet(), header, *self.cards, self.score])
        with_classes(self, ROOT_CLASS, "ah-quiz")

    def close(self) -> None:
        """Close the quiz and every widget in it (cards, inputs, layouts, styles)."""
        close_widget_tree(self)

    def _record(self, result: AnswerFeedback) -> None:
        self.results[result.question_id] = result
        question = next(q for q in self.questions if q.question_id == result.question_id)
        session_results(question.notebook).record(question, result)  # for the CPD record
        self._update_score()

    def _update_score(self) -> None:
        s = score_answers(self.questions, self.results)
        self.score.value = status_html(f"<p><strong>Score:</strong> {s.summary}.</p>")

    def card(self, question_id: str) -> QuestionCard:
        """The card showing ``question_id``.

        Raises
        ------
        ValueError
            If the quiz has no such question (the message lists its ids).
        """
        for card in self.cards:
            if card.question.question_id == question_id:
                return card
        ids = ", ".join(q.question_id for q in self.questions)
        msg = f"no question {question_id!r} in this quiz; questions: {ids}"
        raise ValueError(msg)


def self_check(notebook: str, question_ids: Sequence[str] | None = None) -> Quiz:
    """Build a quiz from a notebook's question bank.

    Parameters
    ----------
    notebook : str
        Notebook stem (``"00_start_here"``).
    question_ids : sequence of str, optional
        Which questions, in order; all of the bank when omitted.

    Returns
    -------
    Quiz
        The widget.

    Raises
    ------
    ValueError
        For an unknown bank or question id (the message lists the valid ones).
    """
    bank = load_question_bank(notebook)
    if question_ids is None:
        return Quiz(bank)
    by_id = {q.question_id: q for q in bank}
    missing = [qid for qid in question_ids if qid not in by_id]
    if missing:
        msg = f"unknown question id(s) {missing} in bank {notebook!r}; ids: {', '.join(by_id)}"
        raise ValueError(msg)
    return Quiz([by_id[qid] for qid in question_ids])
