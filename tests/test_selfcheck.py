"""Question banks and answer checking, without any widget."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anatomy_helpers import selfcheck
from anatomy_helpers.selfcheck import bank as bank_module
from anatomy_helpers.selfcheck import (
    check_answer,
    load_all_question_banks,
    load_question_bank,
    question_bank_names,
    score_answers,
)
from anatomy_helpers.tables import DataTableError

BANKS = load_all_question_banks()
QUESTIONS = [q for bank in BANKS.values() for q in bank]


@pytest.mark.parametrize("q", QUESTIONS, ids=[q.question_id for q in QUESTIONS])
def test_the_keyed_answer_is_marked_correct_and_others_not(q):
    if q.kind == "numeric":
        assert check_answer(q, q.answer).correct
        assert not check_answer(q, q.answer + 2 * q.tolerance + 1).correct
        return
    right = sorted(q.correct_indices)
    assert check_answer(q, right[0] if q.kind == "single" else right).correct
    wrong = next(i for i in range(len(q.options)) if i not in q.correct_indices)
    assert not check_answer(q, wrong if q.kind == "single" else [wrong]).correct


def test_feedback_carries_explanation_and_citation():
    q = load_question_bank("00_start_here")[1]
    fb = check_answer(q, q.options[0].text)
    assert not fb.correct and fb.messages == (q.options[0].feedback,)
    assert fb.citation == "Dionne et al. 2019" and fb.explanation == q.explanation


def test_bad_responses_raise_clear_errors():
    single, multiple, numeric = (
        load_question_bank("00_start_here")[1],
        load_question_bank("00_start_here")[0],
        load_question_bank("00_start_here")[2],
    )
    with pytest.raises(ValueError, match=r"out of range.*allowed 0 to 2"):
        check_answer(single, 7)
    with pytest.raises(ValueError, match="is not an option"):
        check_answer(single, "maybe")
    with pytest.raises(TypeError, match="list of option indices"):
        check_answer(multiple, "Sciatica")
    with pytest.raises(ValueError, match="must be finite"):
        check_answer(numeric, float("nan"))
    with pytest.raises(TypeError, match="must be a number"):
        check_answer(numeric, "87")
    with pytest.raises(ValueError, match="available banks"):
        load_question_bank("99_nothing")


@given(st.lists(st.integers(min_value=0, max_value=3), max_size=6))
def test_multiple_select_is_correct_only_for_the_exact_set(choice):
    q = load_question_bank("00_start_here")[0]
    assert check_answer(q, choice).correct == (set(choice) == set(q.correct_indices))


def test_score_counts_latest_answers():
    bank = load_question_bank("00_start_here")
    fb = {bank[2].question_id: check_answer(bank[2], 87)}
    score = score_answers(bank, fb)
    assert (score.n_questions, score.n_answered, score.n_correct) == (3, 1, 1)
    assert score.summary == "1 of 3 correct (1 of 3 answered)"
    with pytest.raises(ValueError, match="unknown question"):
        score_answers(bank[:1], fb)


@pytest.mark.parametrize(
    ("mutate", "column", "problem"),
    [
        (lambda q: q["options"][0].update(correct=True), "options", "exactly 1 correct"),
        (lambda q: q.update(source_id="nobody"), "source_id", "unknown source"),
        (lambda q: q.update(kind="essay"), "kind", "not one of"),
        (lambda q: q.pop("explanation"), "explanation", "required field is missing"),
        (lambda q: q["options"][0].update(feedback=" "), "options", "feedback are required"),
        (lambda q: q.update(options=q["options"][:1]), "options", "needs 2\\+ options"),
        (lambda q: q.update(answer=3), "answer", "only numeric questions"),
        (lambda q: q.update(question_id="00-red-flags"), "question_id", "duplicate question_id"),
    ],
)
def test_malformed_bank_is_rejected_with_file_question_and_field(
    tmp_path, monkeypatch, mutate, column, problem
):
    """Question 2 of the start notebook's bank (a single-answer question), broken."""
    doc = json.loads(
        (
            bank_module.resources.files("anatomy_helpers")
            / "data"
            / "questions"
            / "00_start_here.json"
        ).read_text("utf-8")
    )
    mutate(doc["questions"][1])
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    real = bank_module.read_json_document
    monkeypatch.setattr(bank_module, "read_json_document", lambda name: real(name, path=path))
    selfcheck.load_question_bank.cache_clear()
    try:
        with pytest.raises(DataTableError, match=problem) as err:
            load_question_bank("00_start_here")
        assert (err.value.row, err.value.column) == (2, column)
        assert "questions/00_start_here.json" in str(err.value)
    finally:
        selfcheck.load_question_bank.cache_clear()


def _numeric_bank_with(tmp_path, monkeypatch, **changes):
    doc = json.loads(
        (
            bank_module.resources.files("anatomy_helpers")
            / "data"
            / "questions"
            / "00_start_here.json"
        ).read_text("utf-8")
    )
    numeric = next(q for q in doc["questions"] if q["kind"] == "numeric")
    numeric.update(changes)
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    real = bank_module.read_json_document
    monkeypatch.setattr(bank_module, "read_json_document", lambda name: real(name, path=path))
    selfcheck.load_question_bank.cache_clear()


@pytest.mark.parametrize(
    ("changes", "column", "problem"),
    [
        ({"tolerance": 0}, "tolerance", "greater than 0"),
        ({"answer": 150}, "answer", "between min_value and max_value"),
        ({"feedback_low": ""}, "feedback_low", "need this feedback"),
        ({"options": []}, "options", "take no options"),
    ],
)
def test_malformed_numeric_question_is_rejected(tmp_path, monkeypatch, changes, column, problem):
    _numeric_bank_with(tmp_path, monkeypatch, **changes)
    try:
        with pytest.raises(DataTableError, match=problem) as err:
            load_question_bank("00_start_here")
        assert err.value.column == column
    finally:
        selfcheck.load_question_bank.cache_clear()


def test_a_question_id_used_in_two_banks_is_rejected(monkeypatch):
    first, second = question_bank_names()[:2]
    clash = replace(
        load_question_bank(second)[0], question_id=load_question_bank(first)[0].question_id
    )
    real = bank_module.load_question_bank
    monkeypatch.setattr(
        bank_module,
        "load_question_bank",
        lambda name: (clash, *real(name)[1:]) if name == second else real(name),
    )
    with pytest.raises(ValueError, match=f"used in both {first} and {second}"):
        selfcheck.load_all_question_banks()


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: score_answers(None, {}), TypeError, "questions must be a sequence"),
        (lambda: score_answers([None], {}), TypeError, r"questions\[0\] must be a Question"),
        (lambda: score_answers([], None), TypeError, "feedback must be a mapping"),
        (lambda: check_answer(None, 1), TypeError, "question must be a Question"),
        (lambda: load_question_bank(None), TypeError, "notebook must be a str"),
    ],
)
def test_wrong_types_name_the_parameter(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()
