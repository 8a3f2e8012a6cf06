"""Self-check questions: the question banks and answer checking (no widgets here).

Each notebook has one bank, ``data/questions/<notebook stem>.json``::

    {
        "notebook": "01_sciatic_pathway",
        "questions": [
            {
                "question_id": "01-roots",
                "kind": "single",
                "prompt": "...",
                "options": [{"text": "...", "correct": true, "feedback": "..."}, ...],
                "explanation": "...",
                "source_id": "giuffre_statpearls",
            },
            {
                "question_id": "01-prevalence",
                "kind": "numeric",
                "prompt": "...",
                "answer": 16.9,
                "tolerance": 1.0,
                "unit": "%",
                "min_value": 0,
                "max_value": 100,
                "feedback_low": "...",
                "feedback_high": "...",
                "explanation": "...",
                "source_id": "smoll2010",
            },
        ],
    }

Kinds: ``single`` (one correct option), ``multiple`` (select all that apply: at least one
correct and one wrong option) and ``numeric`` (a number within ``tolerance`` of
``answer``). Every option carries its own feedback; every question an explanation and a
``source_id``. Banks are validated on load, so a malformed question fails the tests.

Options are *shown* in a stable, seeded order (:func:`display_order`), not in the order
the bank stores them, and the position of the answer is balanced across each bank, so
neither "the first option" nor any other position gives the answer away. The live quiz
and the static edition show the same order.

This session's results: every answer checked in a quiz is reported to
:func:`session_results` (one :class:`QuizResults` per notebook, held in the kernel's memory
and nowhere else), which the CPD record reads.
"""

from __future__ import annotations

import hashlib
import math
import numbers
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from anatomy_helpers.references import cite
from anatomy_helpers.tables import (
    DataTableError,
    build_records,
    check_source,
    read_json_document,
    require_keys,
)

__all__ = [
    "AnswerFeedback",
    "Option",
    "Question",
    "QuestionResult",
    "QuizResults",
    "QuizScore",
    "check_answer",
    "display_order",
    "display_orders",
    "load_all_question_banks",
    "load_question_bank",
    "question_bank_names",
    "score_answers",
    "session_results",
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


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


_NUMERIC_FIELDS = ("answer", "tolerance", "min_value", "max_value")


def _check_fields(file: str, index: int, item: Mapping[str, Any]) -> None:
    require_keys(
        file,
        index,
        item,
        {
            "question_id": str,
            "kind": str,
            "prompt": str,
            "explanation": str,
            "source_id": str,
        },
        {
            "options": list,
            "answer": (int, float),
            "tolerance": (int, float),
            "unit": str,
            "min_value": (int, float),
            "max_value": (int, float),
            "feedback_low": str,
            "feedback_high": str,
        },
    )
    if item["kind"] not in _KINDS:
        raise DataTableError(
            file, index, "kind", f"{item['kind']!r} is not one of {', '.join(_KINDS)}"
        )
    for key in ("question_id", "prompt", "explanation"):
        if not item[key].strip():
            raise DataTableError(file, index, key, "is empty")
    check_source(file, index, "source_id", item["source_id"])


def _parse_options(file: str, index: int, item: Mapping[str, Any]) -> tuple[Option, ...]:
    """Options of a choice question: 2+, each with text and feedback, the right number correct."""
    raw_options = item.get("options")
    if not raw_options or len(raw_options) < 2:
        raise DataTableError(file, index, "options", "a choice question needs 2+ options")
    options = []
    for o in raw_options:
        require_keys(file, index, o, {"text": str, "correct": bool, "feedback": str})
        if not o["text"].strip() or not o["feedback"].strip():
            raise DataTableError(file, index, "options", "option text and feedback are required")
        options.append(Option(o["text"], o["correct"], o["feedback"]))
    n_correct = sum(o.correct for o in options)
    if item["kind"] == "single" and n_correct != 1:
        problem = f"a single-answer question needs exactly 1 correct option, found {n_correct}"
        raise DataTableError(file, index, "options", problem)
    if item["kind"] == "multiple" and not (1 <= n_correct < len(options)):
        problem = "a select-all question needs at least one correct and one wrong option"
        raise DataTableError(file, index, "options", problem)
    for key in _NUMERIC_FIELDS:
        if key in item:
            raise DataTableError(file, index, key, "only numeric questions take this field")
    return tuple(options)


def _check_numeric(file: str, index: int, item: Mapping[str, Any]) -> None:
    """A numeric question: a finite answer inside its bounds, a tolerance, both feedbacks."""
    if "options" in item:
        raise DataTableError(file, index, "options", "numeric questions take no options")
    for key in _NUMERIC_FIELDS:
        if key not in item or not math.isfinite(item[key]):
            raise DataTableError(file, index, key, "numeric questions need a finite number")
    if item["tolerance"] <= 0:
        raise DataTableError(file, index, "tolerance", "must be greater than 0")
    if not item["min_value"] <= item["answer"] <= item["max_value"]:
        raise DataTableError(file, index, "answer", "must lie between min_value and max_value")
    for key in ("feedback_low", "feedback_high"):
        if not item.get(key, "").strip():
            raise DataTableError(file, index, key, "numeric questions need this feedback")


def _parse_question(file: str, notebook: str, index: int, item: Mapping[str, Any]) -> Question:
    _check_fields(file, index, item)
    kind = item["kind"]
    options: tuple[Option, ...] = ()
    if kind == "numeric":
        _check_numeric(file, index, item)
    else:
        options = _parse_options(file, index, item)

    def number(key: str) -> float | None:
        return float(item[key]) if kind == "numeric" else None

    return Question(
        question_id=item["question_id"],
        notebook=notebook,
        kind=kind,
        prompt=item["prompt"],
        explanation=item["explanation"],
        source_id=item["source_id"],
        options=options,
        answer=number("answer"),
        tolerance=number("tolerance"),
        unit=item.get("unit", ""),
        min_value=number("min_value"),
        max_value=number("max_value"),
        feedback_low=item.get("feedback_low", ""),
        feedback_high=item.get("feedback_high", ""),
    )


def question_bank_names() -> tuple[str, ...]:
    """Names (notebook stems) of every packaged question bank, sorted.

    Returns
    -------
    tuple of str
        E.g. ``("00_start_here", "01_sciatic_pathway", ...)``.
    """
    folder = resources.files("anatomy_helpers") / "data" / "questions"
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


def load_question_bank(notebook: str) -> tuple[Question, ...]:
    """Load and validate one notebook's question bank.

    Parameters
    ----------
    notebook : str
        Notebook stem, e.g. ``"00_start_here"``.

    Returns
    -------
    tuple of Question
        In the order the notebook asks them.

    Raises
    ------
    ValueError
        If there is no such bank (the message lists the banks).
    anatomy_helpers.tables.DataTableError
        If the bank is malformed (names file, question number and field).
    """
    if not isinstance(notebook, str):
        msg = f"notebook must be a str, got {type(notebook).__name__}"
        raise TypeError(msg)
    names = question_bank_names()
    if notebook not in names:
        msg = f"notebook {notebook!r} has no question bank; available banks: {', '.join(names)}"
        raise ValueError(msg)
    return _load_bank(notebook)


@cache
def _load_bank(notebook: str) -> tuple[Question, ...]:
    file = f"questions/{notebook}.json"
    doc = read_json_document(file)
    require_keys(file, 0, doc, {"notebook": str, "questions": list})
    if doc["notebook"] != notebook:
        raise DataTableError(file, None, "notebook", f"must be {notebook!r} (the file name)")
    return build_records(
        file,
        doc["questions"],
        lambda i, item: _parse_question(file, notebook, i, item),
        unique=["question_id"],
    )


def _clear_caches() -> None:
    _load_bank.cache_clear()
    _bank_orders.cache_clear()


load_question_bank.cache_clear = _clear_caches  # type: ignore[attr-defined]


def load_all_question_banks() -> dict[str, tuple[Question, ...]]:
    """Load every bank and check that question ids are unique across banks.

    Returns
    -------
    dict of str to tuple of Question
        Keyed by notebook stem.
    """
    banks = {name: load_question_bank(name) for name in question_bank_names()}
    owner: dict[str, str] = {}
    for name, questions in banks.items():
        for q in questions:
            if q.question_id in owner:
                msg = (
                    f"question id {q.question_id!r} is used in both {owner[q.question_id]} "
                    f"and {name}"
                )
                raise ValueError(msg)
            owner[q.question_id] = name
    return banks


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
    if isinstance(questions, (str, bytes)) or not isinstance(questions, Sequence):
        msg = f"questions must be a sequence of Question, got {type(questions).__name__}"
        raise TypeError(msg)
    for i, q in enumerate(questions):
        if not isinstance(q, Question):
            msg = f"questions[{i}] must be a Question, got {type(q).__name__}"
            raise TypeError(msg)
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


def _seed(text: str) -> int:
    """A stable integer from text (the same on every machine and Python run)."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def display_orders(questions: Sequence[Question]) -> dict[str, tuple[int, ...]]:
    """The order in which each choice question's options are shown, balanced over the set.

    Each question's order is a permutation seeded by its ``question_id``. Within the set
    (a bank), the questions of each kind are ranked by that seed, and the question of rank
    *r* gets its *anchor* option at position ``(r + offset) % n_options``: the correct
    option of a single-answer question, one wrong option of a select-all question (so a
    select-all question does not always start with a correct option). The other options
    fill the remaining positions in seeded random order. So the answer's position cycles
    through every position across a bank, no position is favoured, and the order is the
    same on every run (notebook outputs stay deterministic).

    Parameters
    ----------
    questions : sequence of Question
        Usually one bank (numeric questions are skipped).

    Returns
    -------
    dict of str to tuple of int
        ``question_id`` -> stored option indices, in display order.

    Raises
    ------
    TypeError
        If ``questions`` is not a sequence of Question.
    """
    if isinstance(questions, (str, bytes)) or not isinstance(questions, Sequence):
        msg = f"questions must be a sequence of Question, got {type(questions).__name__}"
        raise TypeError(msg)
    for i, q in enumerate(questions):
        if not isinstance(q, Question):
            msg = f"questions[{i}] must be a Question, got {type(q).__name__}"
            raise TypeError(msg)
    orders: dict[str, tuple[int, ...]] = {}
    for kind in ("single", "multiple"):
        of_kind = sorted(
            (q for q in questions if q.kind == kind), key=lambda q: _seed(q.question_id)
        )
        if not of_kind:
            continue
        offset = _seed(f"{kind}:{of_kind[0].notebook}") % 12
        for rank, q in enumerate(of_kind):
            rng = random.Random(_seed(q.question_id))
            n = len(q.options)
            anchors = sorted(
                q.correct_indices if kind == "single" else set(range(n)) - q.correct_indices
            )
            anchor = anchors[rng.randrange(len(anchors))]
            rest = [i for i in range(n) if i != anchor]
            rng.shuffle(rest)
            rest.insert((rank + offset) % n, anchor)
            orders[q.question_id] = tuple(rest)
    return orders


@cache
def _bank_orders(notebook: str) -> dict[str, tuple[int, ...]]:
    return display_orders(_load_bank(notebook))


def display_order(question: Question) -> tuple[int, ...]:
    """The stored option indices of a choice question, in the order they are shown.

    A question of a packaged bank is ordered as part of its bank (see
    :func:`display_orders`); any other question on its own. Numeric questions have no
    options (an empty tuple).

    Parameters
    ----------
    question : Question
        The question.

    Returns
    -------
    tuple of int
        A permutation of ``range(len(question.options))``.

    Raises
    ------
    TypeError
        If ``question`` is not a Question.

    Examples
    --------
    >>> q = load_question_bank("01_sciatic_pathway")[0]
    >>> sorted(display_order(q)) == list(range(len(q.options)))
    True
    """
    if not isinstance(question, Question):
        msg = f"question must be a Question, got {type(question).__name__}"
        raise TypeError(msg)
    if question.kind == "numeric":
        return ()
    if question.notebook in question_bank_names():
        bank = _bank_orders(question.notebook)
        if question in _load_bank(question.notebook):
            return bank[question.question_id]
    return display_orders([question])[question.question_id]


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
        _check_questions(questions)
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
        _check_questions(questions)
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


def _check_questions(questions: Sequence[Question]) -> None:
    if isinstance(questions, (str, bytes)) or not isinstance(questions, Sequence):
        msg = f"questions must be a sequence of Question, got {type(questions).__name__}"
        raise TypeError(msg)
    for i, q in enumerate(questions):
        if not isinstance(q, Question):
            msg = f"questions[{i}] must be a Question, got {type(q).__name__}"
            raise TypeError(msg)


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
