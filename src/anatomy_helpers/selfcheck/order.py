"""The seeded, balanced order in which each choice question's options are shown.

References
----------
Each question cites its own ``source_id`` (``data/sources.csv``).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from functools import cache

from anatomy_helpers.selfcheck.bank import _load_bank, question_bank_names, register_derived_cache
from anatomy_helpers.selfcheck.questions import Question, check_questions

__all__ = [
    "display_order",
    "display_orders",
]


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
    check_questions(questions)
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


register_derived_cache(_bank_orders)


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
    >>> from anatomy_helpers.selfcheck import load_question_bank
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
