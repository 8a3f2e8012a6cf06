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

The package is split by job: :mod:`.errors`, :mod:`.cells` (one cell),
:mod:`.reading` (one CSV file, row by row), :mod:`.declared` (the declarations) and
:mod:`.json_records`. The declarations are enforced in one place, :func:`load_table`,
when the loader is first called. Rules about one row stay in the record class's
``check(self)`` method.

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

from anatomy_helpers.tables.declared import (
    TABLE_TYPES,
    TABLES,
    TableSpec,
    load_table,
    table_loader,
)
from anatomy_helpers.tables.errors import (
    ASSUMPTION_SOURCE,
    VERIFICATION_TAGS,
    DataTableError,
    FieldError,
    Verification,
)
from anatomy_helpers.tables.json_records import (
    build_records,
    check_source,
    read_json_document,
    require_keys,
)
from anatomy_helpers.tables.reading import known_source_ids, read_csv_records

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
