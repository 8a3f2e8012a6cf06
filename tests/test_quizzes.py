"""The quizzes teach and do not leak: shown order, balanced answer positions, option lengths.

Every check here runs over every packaged bank, so a new or edited question is held to it.
On the code before issue 12 (options shown in stored order, the answer first in 20 of 25
single-answer questions and the longest in 21) the balance and length tests fail.
"""

from __future__ import annotations

from collections import Counter

import pytest

from anatomy_helpers.selfcheck import (
    Question,
    display_order,
    display_orders,
    load_all_question_banks,
    load_question_bank,
)
from anatomy_helpers.widgets.quiz import Quiz

BANKS = load_all_question_banks()
CHOICE = [q for bank in BANKS.values() for q in bank if q.kind != "numeric"]
SINGLE = [q for q in CHOICE if q.kind == "single"]
MULTIPLE = [q for q in CHOICE if q.kind == "multiple"]


def _shown_position_of_answer(q: Question) -> int:
    return display_order(q).index(next(iter(q.correct_indices)))


@pytest.mark.parametrize("q", CHOICE, ids=[q.question_id for q in CHOICE])
def test_display_order_is_a_stable_permutation(q):
    order = display_order(q)
    assert sorted(order) == list(range(len(q.options)))
    load_question_bank.cache_clear()  # recomputed from scratch: the same order
    assert display_order(q) == order
    assert display_orders(BANKS[q.notebook])[q.question_id] == order


@pytest.mark.parametrize("name", sorted(BANKS))
def test_no_position_holds_more_than_half_of_a_banks_answers(name):
    singles = [q for q in BANKS[name] if q.kind == "single"]
    if len(singles) < 2:
        pytest.skip("fewer than two single-answer questions")
    counts = Counter(_shown_position_of_answer(q) for q in singles)
    assert max(counts.values()) <= len(singles) / 2, counts


def test_every_position_gets_its_fair_share_of_answers_across_banks():
    counts = Counter(_shown_position_of_answer(q) for q in SINGLE)
    for position in range(max(len(q.options) for q in SINGLE)):
        # what a uniform choice would give: each question with room for the position
        expected = sum(1 / len(q.options) for q in SINGLE if len(q.options) > position)
        assert 0.5 * expected <= counts[position] <= 1.5 * expected, (position, counts)


def test_the_answer_is_not_systematically_the_longest_or_the_shortest_option():
    longest = shortest = 0
    for q in SINGLE:
        lengths = [len(o.text) for o in q.options]
        answer = next(iter(q.correct_indices))
        others = [n for i, n in enumerate(lengths) if i != answer]
        longest += lengths[answer] > max(others)
        shortest += lengths[answer] < min(others)
    assert longest <= 0.4 * len(SINGLE), f"answer is the longest in {longest} of {len(SINGLE)}"
    assert shortest <= 0.4 * len(SINGLE), f"answer is the shortest in {shortest}"


def test_select_all_questions_do_not_always_start_with_a_correct_option():
    first_correct = [display_order(q)[0] in q.correct_indices for q in MULTIPLE]
    assert MULTIPLE and not all(first_correct)


def test_display_order_rejects_what_is_not_a_question():
    with pytest.raises(TypeError, match="question must be a Question"):
        display_order("01-roots")
    with pytest.raises(TypeError, match="questions must be a sequence"):
        display_orders("01_sciatic_pathway")
    assert display_order(next(q for q in BANKS["00_start_here"] if q.kind == "numeric")) == ()


def test_cards_show_the_display_order_and_mark_by_the_banks_index():
    single = next(q for q in SINGLE if display_order(q)[0] not in q.correct_indices)
    multiple = MULTIPLE[0]
    quiz = Quiz([single, multiple])
    card = quiz.card(single.question_id)
    assert [text for text, _ in card.input.options] == [
        single.options[i].text for i in display_order(single)
    ]
    card.input.value = card.input.options[0][1]  # the first option shown: a wrong one
    assert card.check().correct is False
    card.input.value = next(iter(single.correct_indices))
    assert card.check().correct is True
    multi = quiz.card(multiple.question_id)
    assert [box.description for box in multi.input.children] == [
        multiple.options[i].text for i in display_order(multiple)
    ]
    for i in multiple.correct_indices:
        multi.option_boxes[i].value = True
    assert multi.check().correct is True
    quiz.close()
