"""The question banks: ``data/questions/<notebook stem>.json``, validated on load.

References
----------
Each question cites its own ``source_id`` (``data/sources.csv``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from anatomy_helpers.selfcheck.questions import _KINDS, Option, Question
from anatomy_helpers.tables import (
    DataTableError,
    build_records,
    check_source,
    read_json_document,
    require_keys,
)

__all__ = [
    "load_all_question_banks",
    "load_question_bank",
    "question_bank_names",
]


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


#: Caches computed from the loaded banks (e.g. the display orders), emptied with them.
_DERIVED_CACHES: list[Callable[[], None]] = []


def register_derived_cache(cached: Any) -> None:
    """Empty ``cached`` (a ``functools.cache`` function) with ``load_question_bank``'s cache.

    ``load_question_bank.cache_clear()`` then forgets the loaded banks and everything
    computed from them, so a test that swaps a bank sees no stale result.
    """
    _DERIVED_CACHES.append(cached.cache_clear)


def _clear_caches() -> None:
    _load_bank.cache_clear()
    for clear in _DERIVED_CACHES:
        clear()


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
