"""Session results: the answers checked in each notebook's quizzes (kernel memory only).

References
----------
Each question cites its own ``source_id`` (``data/sources.csv``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from anatomy_helpers.selfcheck.marking import score_answers
from anatomy_helpers.selfcheck.questions import AnswerFeedback, Question, QuizScore, check_questions

__all__ = [
    "QuestionResult",
    "QuizResults",
    "session_results",
]


@dataclass(frozen=True)
class QuestionResult:
    """How one question went in this session.

    Attributes
    ----------
    question_id : str
        Which question.
    prompt : str
        Its text.
    attempts : int
        Answers checked (0: not attempted).
    correct : bool or None
        Whether the latest checked answer was right (None: not attempted).
    first_try_correct : bool or None
        Whether the first checked answer was right (None: not attempted).
    """

    question_id: str
    prompt: str
    attempts: int
    correct: bool | None
    first_try_correct: bool | None

    @property
    def summary(self) -> str:
        """A few words for a record: ``"correct at the first try"`` and the like."""
        if not self.attempts:
            return "not attempted"
        tries = f"{self.attempts} attempt{'s' if self.attempts != 1 else ''}"
        if self.correct and self.first_try_correct:
            return "correct at the first try"
        if self.correct:
            return f"correct after {tries}"
        return f"not yet correct ({tries})"


class QuizResults:
    """The answers checked in one notebook's quizzes in this session (kernel memory only).

    A quiz reports each checked answer with :meth:`record`; the CPD record reads
    :meth:`question_results` and :meth:`score`. Nothing is written anywhere: the results
    live as long as the kernel (a Voila page, a JupyterLab session).

    Parameters
    ----------
    notebook : str
        The notebook stem the results belong to.

    Raises
    ------
    ValueError
        If ``notebook`` is not a non-empty str.
    """

    def __init__(self, notebook: str):
        if not isinstance(notebook, str) or not notebook.strip():
            msg = f"notebook must be a notebook stem such as '00_start_here', got {notebook!r}"
            raise ValueError(msg)
        self.notebook = notebook
        self._attempts: dict[str, int] = {}
        self._first: dict[str, bool] = {}
        self._latest: dict[str, AnswerFeedback] = {}
        self._watchers: list[Callable[[], object]] = []

    def record(self, question: Question, feedback: AnswerFeedback) -> None:
        """Add one checked answer.

        Raises
        ------
        TypeError
            If the arguments are not a Question and an AnswerFeedback.
        ValueError
            If the feedback is for another question, or the question belongs to another
            notebook.
        """
        if not isinstance(question, Question):
            msg = f"question must be a Question, got {type(question).__name__}"
            raise TypeError(msg)
        if not isinstance(feedback, AnswerFeedback):
            msg = f"feedback must be an AnswerFeedback, got {type(feedback).__name__}"
            raise TypeError(msg)
        if feedback.question_id != question.question_id:
            msg = (
                f"feedback is for {feedback.question_id!r}, not for question "
                f"{question.question_id!r}"
            )
            raise ValueError(msg)
        if question.notebook != self.notebook:
            msg = (
                f"question {question.question_id!r} belongs to {question.notebook!r}, "
                f"not to {self.notebook!r}"
            )
            raise ValueError(msg)
        qid = question.question_id
        self._attempts[qid] = self._attempts.get(qid, 0) + 1
        self._first.setdefault(qid, feedback.correct)
        self._latest[qid] = feedback
        for watcher in tuple(self._watchers):
            watcher()

    def question_results(self, questions: Sequence[Question]) -> tuple[QuestionResult, ...]:
        """One result per question asked for, in that order (unattempted ones included).

        Parameters
        ----------
        questions : sequence of Question
            Usually the notebook's whole bank (:func:`load_question_bank`).
        """
        check_questions(questions)
        return tuple(
            QuestionResult(
                question_id=q.question_id,
                prompt=q.prompt,
                attempts=self._attempts.get(q.question_id, 0),
                correct=(
                    self._latest[q.question_id].correct if q.question_id in self._latest else None
                ),
                first_try_correct=self._first.get(q.question_id),
            )
            for q in questions
        )

    def score(self, questions: Sequence[Question]) -> QuizScore:
        """Counts over ``questions``: how many answered, how many right at the latest try."""
        check_questions(questions)
        ids = {q.question_id for q in questions}
        latest = {qid: f for qid, f in self._latest.items() if qid in ids}
        return score_answers(questions, latest)

    def watch(self, callback: Callable[[], object]) -> None:
        """Call ``callback()`` after every recorded answer (e.g. to withdraw a stale link)."""
        if not callable(callback):
            msg = f"callback must be callable, got {callback!r}"
            raise TypeError(msg)
        self._watchers.append(callback)

    def unwatch(self, callback: Callable[[], object]) -> None:
        """Stop calling ``callback`` (no error if it was not watching)."""
        self._watchers = [w for w in self._watchers if w is not callback]

    def clear(self) -> None:
        """Forget every recorded answer (watchers stay)."""
        self._attempts.clear()
        self._first.clear()
        self._latest.clear()


_SESSION: dict[str, QuizResults] = {}


def session_results(notebook: str) -> QuizResults:
    """The kernel's results store for one notebook (created on first use).

    Every quiz reports its checked answers here, so the CPD record at the end of a
    notebook sees the answers given anywhere in it. One kernel serves one person (a Voila
    page or a JupyterLab notebook), so the store is theirs alone.

    Parameters
    ----------
    notebook : str
        Notebook stem, e.g. ``"03_slump_test"``.

    Returns
    -------
    QuizResults
        The same object for the same stem for the life of the kernel.

    Raises
    ------
    ValueError
        If ``notebook`` is not a non-empty str.
    """
    if not isinstance(notebook, str) or not notebook.strip():
        msg = f"notebook must be a notebook stem such as '00_start_here', got {notebook!r}"
        raise ValueError(msg)
    if notebook not in _SESSION:
        _SESSION[notebook] = QuizResults(notebook)
    return _SESSION[notebook]
