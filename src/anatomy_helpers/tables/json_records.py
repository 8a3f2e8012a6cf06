"""JSON data documents: reading, checking records' keys and types, numbering them."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from anatomy_helpers.tables.errors import DataTableError
from anatomy_helpers.tables.reading import known_source_ids, read_text

__all__ = ["build_records", "check_source", "read_json_document", "require_keys"]

T = TypeVar("T")


def read_json_document(name: str, *, path: Path | None = None) -> Any:
    """Read a JSON data file, reporting syntax errors with file and line.

    Parameters
    ----------
    name : str
        File name inside ``anatomy_helpers/data`` (e.g. ``"questions/00_start_here.json"``).
    path : pathlib.Path, optional
        Read this file instead of the packaged one.

    Returns
    -------
    object
        The parsed JSON value.

    Raises
    ------
    TypeError
        If ``name`` is not a str.
    DataTableError
        When the file does not exist or is not valid JSON.
    """
    text = read_text(name, path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataTableError(name, exc.lineno, None, f"invalid JSON: {exc.msg}") from None


def require_keys(
    name: str,
    index: int,
    item: Mapping[str, Any],
    required: Mapping[str, type | tuple[type, ...]],
    optional: Mapping[str, type | tuple[type, ...]] | None = None,
) -> None:
    """Check one JSON record's keys and value types.

    Parameters
    ----------
    name : str
        File name, for messages.
    index : int
        1-based record number, for messages.
    item : mapping
        The record.
    required, optional : mapping of str to type
        Allowed keys and their Python types.

    Raises
    ------
    DataTableError
        On a missing key, an unknown key or a value of the wrong type.
    """
    optional = {} if optional is None else optional
    for arg, value in (("required", required), ("optional", optional)):
        if not isinstance(value, Mapping):
            msg = f"{arg} must map field names to types, got {type(value).__name__}"
            raise TypeError(msg)
    if not isinstance(item, Mapping):
        raise DataTableError(name, index, None, "each record must be a JSON object")
    for key in required:
        if key not in item:
            raise DataTableError(name, index, key, "required field is missing")
    for key, value in item.items():
        kind = required.get(key, optional.get(key))
        if kind is None:
            allowed = ", ".join([*required, *optional])
            raise DataTableError(name, index, key, f"unknown field; allowed fields: {allowed}")
        bool_allowed = kind is bool or (isinstance(kind, tuple) and bool in kind)
        if isinstance(value, bool) and not bool_allowed:
            raise DataTableError(name, index, key, f"expected {_type_name(kind)}, got true/false")
        if not isinstance(value, kind):
            raise DataTableError(
                name, index, key, f"expected {_type_name(kind)}, got {type(value).__name__}"
            )


def _type_name(kind: type | tuple[type, ...]) -> str:
    if isinstance(kind, tuple):
        return " or ".join(k.__name__ for k in kind)
    return kind.__name__


def check_source(name: str, index: int, column: str, key: Any) -> str:
    """Check that ``key`` is a bibliography key and return it.

    Parameters
    ----------
    name : str
        File name, for messages.
    index : int
        1-based record number, for messages.
    column : str
        Field name, for messages.
    key : object
        The value to check.

    Returns
    -------
    str
        ``key``, unchanged.

    Raises
    ------
    DataTableError
        When ``key`` is not a string or not in ``sources.csv``.
    """
    if not isinstance(key, str) or key not in known_source_ids():
        raise DataTableError(name, index, column, f"unknown source {key!r}: not in sources.csv")
    return key


def build_records(
    name: str,
    items: Iterable[Mapping[str, Any]],
    parse: Callable[[int, Mapping[str, Any]], T],
    *,
    unique: Iterable[str] = (),
) -> tuple[T, ...]:
    """Parse JSON records one by one, numbering them for error messages.

    Parameters
    ----------
    name : str
        File name, for messages.
    items : iterable of mapping
        The raw records.
    parse : callable
        ``parse(index, item)`` returning one record or raising :class:`DataTableError`.
    unique : iterable of str, optional
        Attributes of the parsed records that must be unique (e.g. ``"question_id"``).

    Returns
    -------
    tuple
        The parsed records.

    Raises
    ------
    DataTableError
        For an empty file, a record ``parse`` rejects, or a duplicate value.
    """
    if not callable(parse):
        msg = f"parse must be a function parse(index, item), got {type(parse).__name__}"
        raise TypeError(msg)
    if (
        isinstance(unique, str)
        or not isinstance(unique, Iterable)
        or not all(isinstance(u, str) for u in unique)
    ):
        msg = f"unique must be a list of attribute names, got {unique!r}"
        raise TypeError(msg)
    if not isinstance(items, Iterable) or isinstance(items, (str, bytes, Mapping)):
        raise DataTableError(name, None, None, "the records must be a JSON list")
    out = tuple(parse(i, item) for i, item in enumerate(items, start=1))
    if not out:
        raise DataTableError(name, None, None, "the file holds no records")
    for attribute in unique:
        if not all(hasattr(record, attribute) for record in out):
            msg = f"unique names {attribute!r}, which the parsed records do not have"
            raise TypeError(msg)
        first: dict[Any, int] = {}
        for index, record in enumerate(out, start=1):
            value = getattr(record, attribute)
            if value in first:
                problem = f"duplicate {attribute} {value!r} (first in record {first[value]})"
                raise DataTableError(name, index, attribute, problem)
            first[value] = index
    return out
