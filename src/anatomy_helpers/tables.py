"""Typed, validated loading of the package's CSV and JSON data tables.

Every table is read into frozen dataclass records. Loading fails loudly: a missing or
unexpected column, a value of the wrong type, a value outside its allowed set, a
``source_id`` that is not in the bibliography, a duplicate key or a reference to a row
that does not exist raises :class:`DataTableError`, whose message names the file, the row
and the column.

Declaring a table
-----------------
A topic module declares each table once, next to its record class::

    load_edges = table_loader(
        "anatomy_edges.csv",
        AnatomyEdge,
        unique=[("parent", "child")],
        references={"parent": "anatomy_nodes.csv", "child": "anatomy_nodes.csv"},
    )

* ``key`` -- the column(s) that identify a row; they must be unique.
* ``unique`` -- further column combinations that must be unique.
* ``references`` -- column -> what its values must be: ``"other.csv"`` (the other table's
  ``key``), ``"other.csv:column"``, or a fixed collection of allowed words. A column that
  holds a ``;`` list is checked item by item; an empty cell (``None``) is not checked.
* ``check`` -- a rule about the whole table (e.g. "the joints are listed in model order");
  it raises :class:`FieldError` (with ``record=`` the 0-based index of the row at fault).
* ``tags`` -- the verification tags this table may hold (default ``"VSDA"``).

The declarations are enforced in one place, :func:`load_table`, when the loader is first
called. Rules about one row stay in the record class's ``check(self)`` method.

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

Citation rules, enforced for every table with ``source_id`` and ``verification`` columns:
``source_id`` (one key) and columns ending in ``source_ids`` (a ``;`` list) must resolve to
``sources.csv``; ``verification`` is one of :data:`Verification` (a fact only remembered,
``M``, never loads); and a row is tagged ``A`` exactly when it cites
``teaching_assumption``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
import types
import typing
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

__all__ = [
    "ASSUMPTION_SOURCE",
    "TABLES",
    "TABLE_TYPES",
    "VERIFICATION_TAGS",
    "DataTableError",
    "FieldError",
    "TableSpec",
    "Verification",
    "build_records",
    "check_source",
    "known_source_ids",
    "load_table",
    "read_csv_records",
    "read_json_document",
    "require_keys",
    "table_loader",
]

T = TypeVar("T")

#: How a fact was checked: ``V`` read in the primary source, ``S`` secondary source only,
#: ``D`` derived by us in code from verified numbers, ``A`` a labelled teaching assumption.
Verification = Literal["V", "S", "D", "A"]
#: The tags of :data:`Verification`, in order.
VERIFICATION_TAGS: tuple[str, ...] = get_args(Verification)
#: The bibliography key of this collection's own labelled assumptions (tag ``A``).
ASSUMPTION_SOURCE = "teaching_assumption"

_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


class DataTableError(ValueError):
    """A data table could not be loaded; the message names file, row and column.

    Parameters
    ----------
    file : str
        File name of the table (e.g. ``"sources.csv"``).
    row : int or None
        1-based row number in a CSV file (the header is row 1), or the 1-based record
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
    """Raised by a record's ``check`` method (or a table check) to blame one column.

    Parameters
    ----------
    column : str
        The column at fault.
    problem : str
        What is wrong with it.
    record : int, optional
        For a table-level check: the 0-based index of the record at fault.
    """

    def __init__(self, column: str, problem: str, *, record: int | None = None):
        self.column = column
        self.problem = problem
        self.record = record
        super().__init__(f"{column}: {problem}")


def _data_file(name: str) -> Path | resources.abc.Traversable:
    return resources.files("anatomy_helpers") / "data" / name


def _read_text(name: str, path: Path | None) -> str:
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


# -- one cell ----------------------------------------------------------------------------
def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(get_args(annotation)) == 2:
            return args[0], True
    return annotation, False


def _convert_literal(text: str, allowed: tuple[Any, ...]) -> str:
    if text in allowed:
        return text
    if text == "M" and set(allowed) <= set(VERIFICATION_TAGS):
        msg = (
            "'M' (a fact only remembered, not checked) never loads: check it in a source "
            f"and tag it {', '.join(allowed)}"
        )
        raise ValueError(msg)
    msg = f"{text!r} is not one of the allowed values: {', '.join(map(str, allowed))}"
    raise ValueError(msg)


def _convert_number(text: str, kind: type) -> int | float:
    if kind is int:
        try:
            return int(text)
        except ValueError:
            msg = f"{text!r} is not a whole number"
            raise ValueError(msg) from None
    try:
        value = float(text)
    except ValueError:
        msg = f"{text!r} is not a number"
        raise ValueError(msg) from None
    if not math.isfinite(value):
        msg = f"{text!r} is not a finite number"
        raise ValueError(msg)
    return value


def _convert(text: str, annotation: Any, *, has_default: bool) -> Any:
    """Convert one cell; raise ValueError with a readable reason."""
    inner, optional = _strip_optional(annotation)
    text = text.strip()
    if text == "" and optional:
        return None
    origin = get_origin(inner)
    if origin is tuple:
        if text == "":
            if has_default or optional:
                return ()
            msg = "is empty; expected a ';'-separated list"
            raise ValueError(msg)
        item_type = get_args(inner)[0]
        return tuple(_convert(part, item_type, has_default=False) for part in text.split(";"))
    if origin is Literal:
        return _convert_literal(text, get_args(inner))
    if inner is str:
        if text == "":
            msg = "is empty"
            raise ValueError(msg)
        return text
    if inner is bool:
        low = text.lower()
        if low in _TRUE | _FALSE:
            return low in _TRUE
        msg = f"{text!r} is not a yes/no value (use true or false)"
        raise ValueError(msg)
    if inner in (int, float):
        return _convert_number(text, inner)
    msg = f"unsupported column type {inner!r}"  # a programming error in the record class
    raise TypeError(msg)


# -- one CSV file ------------------------------------------------------------------------
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
            values[column] = _convert(cell, cols.hints[column], has_default=column in cols.defaults)
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
    reader = csv.DictReader(io.StringIO(_read_text(name, path)))
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


# -- declared tables ---------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class TableSpec:
    """A registered CSV table and the rules declared with it (see :func:`table_loader`).

    Attributes
    ----------
    name : str
        File name inside ``anatomy_helpers/data``.
    record_type : type
        Dataclass of one row.
    key : tuple of str
        Columns that identify a row (unique); empty when the table has no key.
    unique : tuple of tuple of str
        Further unique column combinations.
    references : mapping
        Column -> ``"other.csv"``, ``"other.csv:column"`` or a collection of allowed words.
    check : callable or None
        ``check(records)``: a rule about the whole table.
    tags : tuple of str
        Verification tags the table may hold.
    cited : bool
        Whether rows must carry a ``source_id`` (False only for the bibliography itself).
    """

    name: str
    record_type: type
    key: tuple[str, ...] = ()
    unique: tuple[tuple[str, ...], ...] = ()
    references: Mapping[str, str | Collection[Any]] = dataclasses.field(default_factory=dict)
    check: Callable[[tuple[Any, ...]], None] | None = None
    tags: tuple[str, ...] = VERIFICATION_TAGS
    cited: bool = True

    @property
    def unique_keys(self) -> tuple[tuple[str, ...], ...]:
        """The key (if any) followed by the other unique combinations."""
        return ((self.key,) if self.key else ()) + self.unique


#: Every registered CSV table, by file name (filled by :func:`table_loader`).
TABLES: dict[str, TableSpec] = {}
#: Every registered *cited* table and its record type (the topic tables).
TABLE_TYPES: dict[str, type] = {}


def _as_columns(value: str | Sequence[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _validate_spec(spec: TableSpec) -> None:
    """Catch declaration mistakes at import time (programming errors: TypeError)."""
    fields = {f.name for f in dataclasses.fields(spec.record_type)}
    declared = [c for combo in spec.unique_keys for c in combo] + list(spec.references)
    unknown = [c for c in declared if c not in fields]
    if unknown:
        msg = f"{spec.name}: declared column(s) {unknown} are not fields of {spec.record_type}"
        raise TypeError(msg)
    bad_tags = set(spec.tags) - set(VERIFICATION_TAGS)
    if bad_tags:
        msg = f"{spec.name}: tags {sorted(bad_tags)} are not verification tags"
        raise TypeError(msg)
    if "verification" in fields:
        hint, _ = _strip_optional(get_type_hints(spec.record_type)["verification"])
        if get_origin(hint) is not Literal or not set(get_args(hint)) <= set(VERIFICATION_TAGS):
            msg = f"{spec.name}: the verification field must be tables.Verification"
            raise TypeError(msg)
    for column, target in spec.references.items():
        if isinstance(target, str) and target.count(":") > 1:
            msg = f"{spec.name}: reference {column} -> {target!r} is not 'file.csv[:column]'"
            raise TypeError(msg)


def table_loader(
    name: str,
    record_type: type[T],
    *,
    key: str | Sequence[str] = (),
    unique: Iterable[str | Sequence[str]] = (),
    references: Mapping[str, str | Collection[Any]] | None = None,
    check: Callable[[tuple[T, ...]], None] | None = None,
    tags: str | Collection[str] = VERIFICATION_TAGS,
    cited: bool = True,
) -> Callable[[], tuple[T, ...]]:
    """Register a packaged CSV table with its rules and return a cached loader for it.

    Topic modules declare their tables with this, e.g.
    ``load_stages = table_loader("slump_stages.csv", SlumpStage, key="stage_id")``, so
    the rules sit next to the table and the integrity tests can check every table.

    Parameters
    ----------
    name : str
        File name inside ``anatomy_helpers/data``.
    record_type : type
        Dataclass of one row (must have ``source_id`` unless ``cited`` is False).
    key : str or sequence of str, optional
        Column(s) identifying a row; must be unique.
    unique : iterable of (str or sequence of str), optional
        Further unique columns or column combinations.
    references : mapping, optional
        Column -> ``"other.csv"`` (its key), ``"other.csv:column"``, or a collection of
        allowed values.
    check : callable, optional
        ``check(records)`` raising :class:`FieldError` (``record=`` the index at fault).
    tags : str or collection of str, default "VSDA"
        Verification tags the table may hold.
    cited : bool, default True
        False only for ``sources.csv``.

    Returns
    -------
    callable
        ``loader() -> tuple[record_type, ...]``, read and validated once; the loader's
        ``spec`` attribute holds the :class:`TableSpec`.

    Raises
    ------
    TypeError
        For a declaration naming an unknown column or tag.
    ValueError
        If ``name`` is already registered with another record type.
    """
    spec = TableSpec(
        name=name,
        record_type=record_type,
        key=_as_columns(key),
        unique=tuple(_as_columns(u) for u in unique),
        references=dict(references or {}),
        check=check,
        tags=tuple(tags),
        cited=cited,
    )
    _validate_spec(spec)
    if name in TABLES and TABLES[name].record_type is not record_type:
        msg = f"table {name!r} is already registered with {TABLES[name].record_type.__name__}"
        raise ValueError(msg)
    TABLES[name] = spec
    if cited:
        TABLE_TYPES[name] = record_type
    _parsed.cache_clear()

    @cache
    def loader() -> tuple[T, ...]:
        return load_table(name)

    loader.__name__ = f"load_{Path(name).stem}"
    loader.__doc__ = f"Load and validate ``data/{name}`` as {record_type.__name__} records."
    loader.spec = spec  # type: ignore[attr-defined]
    return loader


def _spec(name: str) -> TableSpec:
    if not isinstance(name, str):
        msg = f"name must be a table file name (str), got {type(name).__name__}"
        raise TypeError(msg)
    if name not in TABLES:
        msg = f"table name {name!r} is not registered; registered: {', '.join(sorted(TABLES))}"
        raise ValueError(msg)
    return TABLES[name]


def _check_unique(spec: TableSpec, records: Sequence[Any]) -> None:
    for combo in spec.unique_keys:
        first: dict[tuple[Any, ...], int] = {}
        for row, record in enumerate(records, start=2):
            value = tuple(getattr(record, c) for c in combo)
            if value in first:
                shown = value[0] if len(value) == 1 else value
                problem = f"duplicate {' + '.join(combo)} {shown!r} (first on row {first[value]})"
                raise DataTableError(spec.name, row, combo[-1], problem)
            first[value] = row


def _parse(spec: TableSpec, path: Path | None) -> tuple[Any, ...]:
    records = read_csv_records(
        spec.name, spec.record_type, path=path, require_source=spec.cited, tags=spec.tags
    )
    _check_unique(spec, records)
    return records


@cache
def _parsed(name: str) -> tuple[Any, ...]:
    """Row-level parse of a registered table (what a reference to it is checked against)."""
    return _parse(_spec(name), None)


def _allowed(spec: TableSpec, column: str) -> tuple[frozenset[Any], str]:
    """Allowed values for a reference column, and how to name them in a message."""
    target = spec.references[column]
    if not isinstance(target, str):
        return frozenset(target), "one of"
    table, _, target_column = target.partition(":")
    target_spec = _spec(table)
    if not target_column:
        if len(target_spec.key) != 1:
            msg = f"{spec.name}: {column} refers to {table}, which has no one-column key"
            raise TypeError(msg)
        target_column = target_spec.key[0]
    values = frozenset(getattr(r, target_column) for r in _parsed(table))
    return values, f"a {target_column} of {table}; valid:"


def _check_references(spec: TableSpec, records: Sequence[Any]) -> None:
    for column in spec.references:
        allowed, words = _allowed(spec, column)
        for row, record in enumerate(records, start=2):
            value = getattr(record, column)
            items = () if value is None else value if isinstance(value, tuple) else (value,)
            for item in items:
                if item not in allowed:
                    valid = ", ".join(sorted(map(str, allowed)))
                    problem = f"{item!r} is not {words} {valid}"
                    raise DataTableError(spec.name, row, column, problem)


def _run_table_check(spec: TableSpec, records: tuple[Any, ...]) -> None:
    if spec.check is None:
        return
    try:
        spec.check(records)
    except FieldError as exc:
        row = None if exc.record is None else exc.record + 2
        raise DataTableError(spec.name, row, exc.column, exc.problem) from None


def load_table(name: str, *, path: Path | None = None) -> tuple[Any, ...]:
    """Load a registered table and enforce every rule declared with it.

    Parameters
    ----------
    name : str
        A registered file name (see :data:`TABLES`).
    path : pathlib.Path, optional
        Check this file instead of the packaged one (references still point at the
        packaged tables).

    Returns
    -------
    tuple
        The records, in file order.

    Raises
    ------
    TypeError, ValueError
        If ``name`` (or a table it refers to) is not a registered table.
    DataTableError
        For any row-level problem, a duplicate key, a reference to nothing, or a failed
        table check; the message names the file, the row and the column.
    """
    spec = _spec(name)
    records = _parsed(name) if path is None else _parse(spec, path)
    _check_references(spec, records)
    _run_table_check(spec, records)
    return records


# -- JSON documents ----------------------------------------------------------------------
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
