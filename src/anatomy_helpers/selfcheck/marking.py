"""Checking a response and scoring a set of answers.

References
----------
Each question cites its own ``source_id`` (``data/sources.csv``).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from anatomy_helpers.selfcheck.questions import AnswerFeedback, Question, QuizScore, check_questions

__all__ = [
    "check_answer",
    "score_answers",
]


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _option_index(question: Question, value: Any) -> int:
    if isinstance(value, str):
        texts = [o.text for o in question.options]
        if value not in texts:
            msg = f"response {value!r} is not an option of {question.question_id}; options: {texts}"
            raise ValueError(msg)
        return texts.index(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        msg = f"response must be an option index (int) or option text, got {type(value).__name__}"
        raise TypeError(msg)
    if not 0 <= int(value) < len(question.options):
        msg = (
            f"response index {value} is out of range for {question.question_id}: "
            f"allowed 0 to {len(question.options) - 1}"
        )
        raise ValueError(msg)
    return int(value)


def _mark_single(question: Question, response: Any) -> tuple[bool, tuple[str, ...]]:
    chosen = question.options[_option_index(question, response)]
    return chosen.correct, (chosen.feedback,)


def _mark_multiple(question: Question, response: Any) -> tuple[bool, tuple[str, ...]]:
    if isinstance(response, (str, bytes)) or not isinstance(response, Iterable):
        msg = "a select-all response must be a list of option indices or texts"
        raise TypeError(msg)
    indices = sorted({_option_index(question, v) for v in response})
    if not indices:
        return not question.correct_indices, ("No option was selected.",)
    messages = tuple(question.options[i].feedback for i in indices)
    missed = len(question.correct_indices - set(indices))
    if missed:
        messages += (f"{missed} correct option(s) not selected.",)
    return frozenset(indices) == question.correct_indices, messages


def _mark_numeric(question: Question, response: Any) -> tuple[bool, tuple[str, ...]]:
    if not _is_number(response):
        msg = f"a numeric response must be a number, got {type(response).__name__}"
        raise TypeError(msg)
    try:
        value = float(response)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        msg = f"a numeric response must be finite, got {response if value != value else value}"
        raise ValueError(msg)
    delta = value - float(question.answer or 0.0)
    if abs(delta) <= float(question.tolerance or 0.0) + 1e-12:
        return True, (f"Yes: {question.answer:g} {question.unit}".rstrip() + ".",)
    return False, (question.feedback_low if delta < 0 else question.feedback_high,)


def check_answer(question: Question, response: Any) -> AnswerFeedback:
    """Check a response and return feedback.

    Parameters
    ----------
    question : Question
        The question.
    response : int, str, sequence or float
        ``single``: an option index (0-based) or the option's text.
        ``multiple``: a sequence of indices or texts (may be empty).
        ``numeric``: a finite number.

    Returns
    -------
    AnswerFeedback
        Correctness, per-choice feedback, explanation and citation.

    Raises
    ------
    TypeError
        If the response has the wrong type for the question kind.
    ValueError
        If an option index or text does not exist, or a number is not finite.

    Examples
    --------
    >>> from anatomy_helpers.selfcheck import load_question_bank
    >>> q = load_question_bank("00_start_here")[1]  # a single-answer question
    >>> check_answer(q, sorted(q.correct_indices)[0]).correct
    True
    >>> wrong = next(o.text for o in q.options if not o.correct)
    >>> check_answer(q, wrong).correct
    False
    """
    if not isinstance(question, Question):
        msg = f"question must be a Question, got {type(question).__name__}"
        raise TypeError(msg)
    mark = {"single": _mark_single, "multiple": _mark_multiple, "numeric": _mark_numeric}
    correct, messages = mark[question.kind](question, response)
    return AnswerFeedback(
        question_id=question.question_id,
        correct=correct,
        messages=messages,
        explanation=question.explanation,
        citation=question.citation,
        source_id=question.source_id,
    )


def score_answers(
    questions: Sequence[Question], feedback: Mapping[str, AnswerFeedback]
) -> QuizScore:
    """Summarise a quiz.

    Parameters
    ----------
    questions : sequence of Question
        The quiz's questions.
    feedback : mapping of question_id to AnswerFeedback
        The latest checked answer per question (unanswered ones absent).

    Returns
    -------
    QuizScore
        Counts of questions, answered and correct.
    """
    check_questions(questions)
    if not isinstance(feedback, Mapping):
        msg = f"feedback must be a mapping of question_id to AnswerFeedback, got {feedback!r}"
        raise TypeError(msg)
    ids = [q.question_id for q in questions]
    unknown = set(feedback) - set(ids)
    if unknown:
        msg = f"feedback for unknown question(s), not in questions: {sorted(unknown)}"
        raise ValueError(msg)
    return QuizScore(
        n_questions=len(ids),
        n_answered=len(feedback),
        n_correct=sum(1 for f in feedback.values() if getattr(f, "correct", False) is True),
    )
