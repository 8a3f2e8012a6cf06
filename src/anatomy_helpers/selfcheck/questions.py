"""The records of a self-check: questions, their options, feedback and scores.

References
----------
Each question cites its own ``source_id`` (``data/sources.csv``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from anatomy_helpers.references import cite

__all__ = [
    "AnswerFeedback",
    "Option",
    "Question",
    "QuestionKind",
    "QuizScore",
]


QuestionKind = Literal["single", "multiple", "numeric"]
_KINDS = ("single", "multiple", "numeric")


@dataclass(frozen=True)
class Option:
    """One answer option of a choice question."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    """One self-check question.

    Attributes
    ----------
    question_id : str
        Unique across all banks (``"01-roots"``).
    notebook : str
        Stem of the notebook that asks it.
    kind : {"single", "multiple", "numeric"}
        Question type.
    prompt, explanation : str
        The question, and the explanation shown after any answer.
    source_id : str
        Bibliography key behind the explanation.
    options : tuple of Option
        Choice questions only.
    answer, tolerance : float or None
        Numeric questions only: accepted if ``abs(response - answer) <= tolerance``.
    unit : str
        Unit of a numeric answer (``"%"``, ``"mm"``).
    min_value, max_value : float or None
        Bounds of the number box (numeric questions).
    feedback_low, feedback_high : str
        Feedback for numeric answers below or above the accepted range.
    """

    question_id: str
    notebook: str
    kind: QuestionKind
    prompt: str
    explanation: str
    source_id: str
    options: tuple[Option, ...] = ()
    answer: float | None = None
    tolerance: float | None = None
    unit: str = ""
    min_value: float | None = None
    max_value: float | None = None
    feedback_low: str = ""
    feedback_high: str = ""

    @property
    def correct_indices(self) -> frozenset[int]:
        """Indices (0-based) of the correct options."""
        return frozenset(i for i, o in enumerate(self.options) if o.correct)

    @property
    def citation(self) -> str:
        """In-text citation of the question's source."""
        return cite(self.source_id)


@dataclass(frozen=True)
class AnswerFeedback:
    """The result of checking one response.

    Attributes
    ----------
    question_id : str
        Which question.
    correct : bool
        Whether the response is fully correct.
    messages : tuple of str
        Feedback for each chosen option (choice questions) or for the number.
    explanation : str
        The question's explanation.
    citation : str
        In-text citation of its source (e.g. ``"Smoll 2010"``).
    source_id : str
        Bibliography key.
    """

    question_id: str
    correct: bool
    messages: tuple[str, ...]
    explanation: str
    citation: str
    source_id: str


@dataclass(frozen=True)
class QuizScore:
    """Score summary: how many answered and how many correct."""

    n_questions: int
    n_answered: int
    n_correct: int

    @property
    def summary(self) -> str:
        """Sentence for screen and screen reader."""
        return (
            f"{self.n_correct} of {self.n_questions} correct "
            f"({self.n_answered} of {self.n_questions} answered)"
        )


def check_questions(questions: Sequence[Question]) -> None:
    """Raise TypeError unless ``questions`` is a sequence (not text) of Question.

    The one check behind every function of this package that takes a set of questions.

    Raises
    ------
    TypeError
        Naming ``questions`` or the index of the first item that is not a Question.
    """
    if isinstance(questions, (str, bytes)) or not isinstance(questions, Sequence):
        msg = f"questions must be a sequence of Question, got {type(questions).__name__}"
        raise TypeError(msg)
    for i, q in enumerate(questions):
        if not isinstance(q, Question):
            msg = f"questions[{i}] must be a Question, got {type(q).__name__}"
            raise TypeError(msg)
