"""Typed, validated loading of the package's CSV and JSON data tables.

Every table is read into frozen dataclass records. Loading fails loudly: a missing or
unexpected column, a value of the wrong type, a value outside its allowed set, or a
``source_id`` that is not in the bibliography raises :class:`DataTableError`, whose message
names the file, the row and the column.

Column types are taken from the record class's annotations:

============================  ==========================================================
annotation                    accepted cell text
============================  ==========================================================
``str``                       any non-empty text (surrounding spaces are removed)
``int`` / ``float``           a finite number; ``float`` also accepts ``12.5``
``bool``                      ``true``/``false``, ``yes``/``no``, ``1``/``0``
``Literal["a", "b"]``         exactly one of the listed words
``tuple[str, ...]``           ``;``-separated list (may be empty when a default exists)
``X | None``                  an empty cell becomes ``None``
============================  ==========================================================

A field named ``source_id`` (one key) or ending in ``source_ids`` (a ``;`` list) must
resolve to a row of ``sources.csv``. A record class may define ``check(self)`` that raises
:class:`FieldError` for cross-field rules (e.g. ``min <= max``); the loader reports it with
the file and row.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

__all__ = [
    "TABLE_TYPES",
    "DataTableError",
    "FieldError",
    "build_records",
    "check_source",
    "known_source_ids",
    "read_csv_records",
    "read_json_document",
    "require_keys",
    "table_loader",
]

T = TypeVar("T")

_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


class DataTableError(ValueError):
    """A data table could not be loaded; the message names file, row and column.

    Parameters
    ----------
    file : str
        File name of the table (e.g. ``"sources.csv"``).
    row : int or None
        1-based line number in a CSV file (the header is line 1), or the 1-based record
        number in a JSON list; ``None`` for problems with the whole file.
    column : str or None
        Column (CSV) or field (JSON) name, when one is to blame.
    problem : str
        What is wrong, in words.
    """

    def __init__(self, file: str, row: int | None, column: str | None, problem: str):
        self.file = file
        self.row = row
        self.column = column
        self.problem = problem
        where = file
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}")


class FieldError(ValueError):
    """Raised by a record's ``check`` method to blame one column.

    Parameters
    ----------
    column : str
        The column at fault.
    problem : str
        What is wrong with it.
    """

    def __init__(self, column: str, problem: str):
        self.column = column
        self.problem = problem
        super().__init__(f"{column}: {problem}")


def _data_file(name: str) -> Path | resources.abc.Traversable:
    return resources.files("anatomy_helpers") / "data" / name


def _read_text(name: str, path: Path | None) -> str:
    if path is not None:
        return Path(path).read_text(encoding="utf-8")
    return _data_file(name).read_text(encoding="utf-8")


@cache
def known_source_ids() -> frozenset[str]:
    """Return every ``source_id`` in the bibliography (``sources.csv``).

    Returns
    -------
    frozenset of str
        The keys, read once and cached.
    """
    text = _data_file("sources.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "source_id" not in reader.fieldnames:
        raise DataTableError("sources.csv", 1, "source_id", "the bibliography has no column")
    return frozenset((row["source_id"] or "").strip() for row in reader)


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(get_args(annotation)) == 2:
            return args[0], True
    return annotation, False


def _convert(text: str, annotation: Any, *, has_default: bool) -> Any:
    """Convert one cell; raise ValueError with a readable reason."""
    inner, optional = _strip_optional(annotation)
    text = text.strip()
    if text == "" and optional:
        return None
    origin = get_origin(inner)
    if origin is tuple:
        item_type = get_args(inner)[0]
        if text == "":
            if has_default or optional:
                return ()
            msg = "is empty; expected a ';'-separated list"
            raise ValueError(msg)
        return tuple(_convert(part, item_type, has_default=False) for part in text.split(";"))
    if origin is Literal:
        allowed = get_args(inner)
        if text not in allowed:
            msg = f"{text!r} is not one of the allowed values: {', '.join(map(str, allowed))}"
            raise ValueError(msg)
        return text
    if inner is str:
        if text == "":
            msg = "is empty"
            raise ValueError(msg)
        return text
    if inner is bool:
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        msg = f"{text!r} is not a yes/no value (use true or false)"
        raise ValueError(msg)
    if inner is int:
        try:
            return int(text)
        except ValueError:
            msg = f"{text!r} is not a whole number"
            raise ValueError(msg) from None
    if inner is float:
        try:
            value = float(text)
        except ValueError:
            msg = f"{text!r} is not a number"
            raise ValueError(msg) from None
        if not math.isfinite(value):
            msg = f"{text!r} is not a finite number"
            raise ValueError(msg)
        return value
    msg = f"unsupported column type {inner!r}"  # a programming error in the record class
    raise TypeError(msg)


def _source_columns(fields: Iterable[dataclasses.Field]) -> list[str]:
    return [f.name for f in fields if f.name == "source_id" or f.name.endswith("source_ids")]


def read_csv_records(
    name: str,
    record_type: type[T],
    *,
    path: Path | None = None,
    require_source: bool = True,
) -> tuple[T, ...]:
    """Read a CSV table into validated, frozen records.

    Parameters
    ----------
    name : str
        File name inside ``anatomy_helpers/data`` (e.g. ``"slump_stages.csv"``); also used
        in error messages.
    record_type : type
        A dataclass whose fields are the table's columns, in any order.
    path : pathlib.Path, optional
        Read this file instead of the packaged one (used by tests and by instructors who
        check a table before adding it).
    require_source : bool, default True
        Demand a ``source_id`` column whose every value is in the bibliography.

    Returns
    -------
    tuple
        One ``record_type`` instance per data row, in file order.

    Raises
    ------
    DataTableError
        For a missing or unknown column, an empty table, a bad value, a failed
        ``check()`` or an unknown ``source_id``.
    """
    if not dataclasses.is_dataclass(record_type):
        msg = f"record_type must be a dataclass, got {record_type!r}"
        raise TypeError(msg)
    hints = get_type_hints(record_type)
    fields = dataclasses.fields(record_type)
    required = {
        f.name
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    defaults = {f.name for f in fields} - required
    source_cols = _source_columns(fields)
    if require_source and "source_id" not in {f.name for f in fields}:
        msg = f"{record_type.__name__} has no source_id field but the table must be cited"
        raise TypeError(msg)

    text = _read_text(name, path)
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    if not header:
        raise DataTableError(name, None, None, "the file is empty (no header row)")
    missing = [c for c in (f.name for f in fields) if c in required and c not in header]
    if missing:
        raise DataTableError(name, 1, missing[0], "required column is missing from the header")
    unknown = [c for c in header if c not in hints]
    if unknown:
        raise DataTableError(
            name,
            1,
            unknown[0],
            f"unknown column; allowed columns are: {', '.join(f.name for f in fields)}",
        )

    sources = known_source_ids() if source_cols else frozenset()
    records: list[T] = []
    for offset, raw in enumerate(reader):
        line = offset + 2
        if None in raw:
            raise DataTableError(name, line, None, "row has more cells than the header")
        values: dict[str, Any] = {}
        for column in header:
            cell = raw.get(column)
            if cell is None:
                raise DataTableError(name, line, column, "row has fewer cells than the header")
            if cell.strip() == "" and column in defaults and column not in source_cols:
                continue
            try:
                values[column] = _convert(cell, hints[column], has_default=column in defaults)
            except ValueError as exc:
                raise DataTableError(name, line, column, str(exc)) from None
        for column in source_cols:
            keys = values.get(column, ())
            for key in (keys,) if isinstance(keys, str) else keys:
                if key not in sources:
                    raise DataTableError(
                        name, line, column, f"unknown source {key!r}: not in sources.csv"
                    )
        try:
            record = record_type(**values)
            check = getattr(record, "check", None)
            if callable(check):
                check()
        except FieldError as exc:
            raise DataTableError(name, line, exc.column, exc.problem) from None
        except (TypeError, ValueError) as exc:
            raise DataTableError(name, line, None, str(exc)) from None
        records.append(record)
    if not records:
        raise DataTableError(name, None, None, "the table has a header but no rows")
    return tuple(records)


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
    DataTableError
        When the file is not valid JSON.
    """
    text = _read_text(name, path)
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
    optional = optional or {}
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
    name: str, items: Iterable[Mapping[str, Any]], parse: Callable[[int, Mapping[str, Any]], T]
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

    Returns
    -------
    tuple
        The parsed records.
    """
    out = tuple(parse(i, item) for i, item in enumerate(items, start=1))
    if not out:
        raise DataTableError(name, None, None, "the file holds no records")
    return out


#: Every packaged CSV table and its record type (filled by :func:`table_loader`).
TABLE_TYPES: dict[str, type] = {}


def table_loader(name: str, record_type: type[T]) -> Callable[[], tuple[T, ...]]:
    """Register a packaged CSV table and return a cached loader for it.

    Topic modules declare their tables with this, e.g.
    ``load_stages = table_loader("slump_stages.csv", SlumpStage)``, so the data-integrity
    tests can check every table with its record type.

    Parameters
    ----------
    name : str
        File name inside ``anatomy_helpers/data``.
    record_type : type
        Dataclass of one row (must have ``source_id``).

    Returns
    -------
    callable
        ``loader() -> tuple[record_type, ...]``, read and validated once.
    """
    if name in TABLE_TYPES and TABLE_TYPES[name] is not record_type:
        msg = f"table {name!r} is already registered with {TABLE_TYPES[name].__name__}"
        raise ValueError(msg)
    TABLE_TYPES[name] = record_type

    @cache
    def loader() -> tuple[T, ...]:
        return read_csv_records(name, record_type)

    loader.__name__ = f"load_{Path(name).stem}"
    loader.__doc__ = f"Load and validate ``data/{name}`` as {record_type.__name__} records."
    return loader
