"""Declared tables: keys, references and table checks, enforced in one place."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

from anatomy_helpers.tables.cells import strip_optional
from anatomy_helpers.tables.errors import VERIFICATION_TAGS, DataTableError, FieldError
from anatomy_helpers.tables.reading import read_csv_records

__all__ = ["TABLES", "TABLE_TYPES", "TableSpec", "load_table", "table_loader"]

T = TypeVar("T")


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
        hint, _ = strip_optional(get_type_hints(spec.record_type)["verification"])
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
