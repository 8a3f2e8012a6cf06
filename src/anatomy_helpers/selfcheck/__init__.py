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

The package is split by job: :mod:`~anatomy_helpers.selfcheck.questions` (the records),
:mod:`~anatomy_helpers.selfcheck.bank` (loading and validating the banks),
:mod:`~anatomy_helpers.selfcheck.marking` (checking answers),
:mod:`~anatomy_helpers.selfcheck.order` (the display order) and
:mod:`~anatomy_helpers.selfcheck.session` (this session's results).
"""

from anatomy_helpers.selfcheck.bank import (
    load_all_question_banks,
    load_question_bank,
    question_bank_names,
)
from anatomy_helpers.selfcheck.marking import check_answer, score_answers
from anatomy_helpers.selfcheck.order import display_order, display_orders
from anatomy_helpers.selfcheck.questions import (
    AnswerFeedback,
    Option,
    Question,
    QuizScore,
)
from anatomy_helpers.selfcheck.questions import (
    QuestionKind as QuestionKind,
)
from anatomy_helpers.selfcheck.session import QuestionResult, QuizResults, session_results

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
