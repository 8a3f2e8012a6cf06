"""Reading one CSV table into validated records, row by row (no cross-table rules)."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, get_type_hints

from anatomy_helpers.tables.cells import convert
from anatomy_helpers.tables.errors import (
    ASSUMPTION_SOURCE,
    VERIFICATION_TAGS,
    DataTableError,
    FieldError,
)

__all__ = ["known_source_ids", "read_csv_records", "read_text"]

T = TypeVar("T")


def _data_file(name: str) -> Path | resources.abc.Traversable:
    return resources.files("anatomy_helpers") / "data" / name


def read_text(name: str, path: Path | None) -> str:
    """The text of a data file (``path`` if given); unreadable files are DataTableErrors."""
    if not isinstance(name, str):
        msg = f"name must be a data file name (str), got {type(name).__name__}"
        raise TypeError(msg)
    try:
        if path is not None:
            return Path(path).read_text(encoding="utf-8")
        return _data_file(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataTableError(name, None, None, f"cannot be read: {exc.strerror}") from None


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


def _source_columns(fields: Iterable[dataclasses.Field]) -> list[str]:
    return [f.name for f in fields if f.name == "source_id" or f.name.endswith("source_ids")]


@dataclasses.dataclass(frozen=True)
class _Columns:
    """What the record class says about the columns of its table."""

    hints: Mapping[str, Any]
    names: tuple[str, ...]
    required: frozenset[str]
    defaults: frozenset[str]
    sources: tuple[str, ...]


def _columns(record_type: type, *, require_source: bool) -> _Columns:
    if not dataclasses.is_dataclass(record_type):
        msg = f"record_type must be a dataclass, got {record_type!r}"
        raise TypeError(msg)
    fields = dataclasses.fields(record_type)
    names = tuple(f.name for f in fields)
    required = frozenset(
        f.name
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    if require_source and "source_id" not in names:
        msg = f"{record_type.__name__} has no source_id field but the table must be cited"
        raise TypeError(msg)
    return _Columns(
        get_type_hints(record_type),
        names,
        required,
        frozenset(names) - required,
        tuple(_source_columns(fields)),
    )


def _check_header(name: str, header: Sequence[str], cols: _Columns) -> None:
    if not header:
        raise DataTableError(name, None, None, "the file is empty (no header row)")
    missing = [c for c in cols.names if c in cols.required and c not in header]
    if missing:
        raise DataTableError(name, 1, missing[0], "required column is missing from the header")
    unknown = [c for c in header if c not in cols.hints]
    if unknown:
        allowed = ", ".join(cols.names)
        raise DataTableError(name, 1, unknown[0], f"unknown column; allowed columns are: {allowed}")


def _row_values(name: str, row: int, raw: Mapping[Any, Any], cols: _Columns) -> dict[str, Any]:
    if None in raw:
        raise DataTableError(name, row, None, "row has more cells than the header")
    values: dict[str, Any] = {}
    for column, cell in raw.items():
        if cell is None:
            raise DataTableError(name, row, column, "row has fewer cells than the header")
        if cell.strip() == "" and column in cols.defaults and column not in cols.sources:
            continue
        try:
            values[column] = convert(cell, cols.hints[column], has_default=column in cols.defaults)
        except ValueError as exc:
            raise DataTableError(name, row, column, str(exc)) from None
    return values


def _check_sources(name: str, row: int, values: Mapping[str, Any], cols: _Columns) -> None:
    sources = known_source_ids()
    for column in cols.sources:
        keys = values.get(column, ())
        for key in (keys,) if isinstance(keys, str) else keys:
            if key not in sources:
                raise DataTableError(
                    name, row, column, f"unknown source {key!r}: not in sources.csv"
                )


def _check_citation_rules(name: str, row: int, record: Any, tags: Collection[str]) -> None:
    """The verification rules every cited table obeys (see the module docstring)."""
    tag = getattr(record, "verification", None)
    if tag is None:
        return
    if tag not in tags:
        allowed = ", ".join(t for t in VERIFICATION_TAGS if t in tags)
        raise DataTableError(
            name, row, "verification", f"{tag!r} is not allowed in this table (allowed: {allowed})"
        )
    source = getattr(record, "source_id", None)
    if source is not None and (source == ASSUMPTION_SOURCE) != (tag == "A"):
        problem = (
            f"tagged 'A' but cites {source!r}: assumptions cite {ASSUMPTION_SOURCE}"
            if tag == "A"
            else f"cites {ASSUMPTION_SOURCE}, so it must be tagged 'A' (got {tag!r})"
        )
        raise DataTableError(name, row, "verification", problem)


def _build_record(name: str, row: int, record_type: type[T], values: dict[str, Any]) -> T:
    try:
        record = record_type(**values)
        check = getattr(record, "check", None)
        if callable(check):
            check()
    except FieldError as exc:
        raise DataTableError(name, row, exc.column, exc.problem) from None
    except (TypeError, ValueError) as exc:
        raise DataTableError(name, row, None, str(exc)) from None
    return record


def read_csv_records(
    name: str,
    record_type: type[T],
    *,
    path: Path | None = None,
    require_source: bool = True,
    tags: Collection[str] = VERIFICATION_TAGS,
) -> tuple[T, ...]:
    """Read a CSV table into validated, frozen records (row by row; no cross-table rules).

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
    tags : collection of str, default ("V", "S", "D", "A")
        Verification tags this table may hold.

    Returns
    -------
    tuple
        One ``record_type`` instance per data row, in file order.

    Raises
    ------
    DataTableError
        For a missing or unknown column, an empty table, a bad value, a failed
        ``check()``, an unknown ``source_id`` or a broken citation rule.
    """
    cols = _columns(record_type, require_source=require_source)
    reader = csv.DictReader(io.StringIO(read_text(name, path)))
    _check_header(name, reader.fieldnames or [], cols)
    records: list[T] = []
    for row, raw in enumerate(reader, start=2):
        values = _row_values(name, row, raw, cols)
        _check_sources(name, row, values, cols)
        record = _build_record(name, row, record_type, values)
        _check_citation_rules(name, row, record, tags)
        records.append(record)
    if not records:
        raise DataTableError(name, None, None, "the table has a header but no rows")
    return tuple(records)
