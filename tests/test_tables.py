"""The typed table loader: conversions, declared keys and references, citation rules."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

import pytest

from anatomy_helpers import anatomy, tables
from anatomy_helpers.tables import (
    DataTableError,
    FieldError,
    Verification,
    build_records,
    declared,
    load_table,
    read_csv_records,
    read_json_document,
    require_keys,
    table_loader,
)


@dataclass(frozen=True)
class Row:
    name: str
    value_mm: float
    count: int
    kind: Literal["a", "b"]
    flag: bool
    source_id: str
    verification: Verification
    tags: tuple[str, ...] = ()
    optional_pct: float | None = None

    def check(self) -> None:
        if self.value_mm < 0:
            raise FieldError("value_mm", "must be >= 0")


HEADER = "name,value_mm,count,kind,flag,source_id,verification,tags,optional_pct\n"
GOOD = "knee,12.5,3,a,yes,smoll2010,V,x;y,\n"


def _load(tmp_path, body, header=HEADER):
    path = tmp_path / "t.csv"
    path.write_text(header + body, encoding="utf-8")
    return read_csv_records("t.csv", Row, path=path)


def test_good_row_is_converted(tmp_path):
    (row,) = _load(tmp_path, GOOD)
    assert row == Row("knee", 12.5, 3, "a", True, "smoll2010", "V", ("x", "y"), None)


@pytest.mark.parametrize(
    ("body", "row", "column", "problem"),
    [
        ("knee,abc,3,a,yes,smoll2010,V,,\n", 2, "value_mm", "not a number"),
        ("knee,nan,3,a,yes,smoll2010,V,,\n", 2, "value_mm", "not a finite number"),
        ("knee,1,3.5,a,yes,smoll2010,V,,\n", 2, "count", "not a whole number"),
        ("knee,1,3,c,yes,smoll2010,V,,\n", 2, "kind", "not one of the allowed values: a, b"),
        ("knee,1,3,a,maybe,smoll2010,V,,\n", 2, "flag", "yes/no"),
        ("knee,1,3,a,yes,nobody1999,V,,\n", 2, "source_id", "unknown source 'nobody1999'"),
        (GOOD + ",1,3,a,yes,smoll2010,V,,\n", 3, "name", "is empty"),
        ("knee,-1,3,a,yes,smoll2010,V,,\n", 2, "value_mm", "must be >= 0"),
        ("knee,1,3,a,yes,smoll2010,X,,\n", 2, "verification", "allowed values: V, S, D, A"),
        # a fact only remembered (M) never loads, whatever else the row says
        ("knee,1,3,a,yes,smoll2010,M,,\n", 2, "verification", r"'M' \(a fact only remembered"),
        # assumptions are tagged A, and only they
        ("knee,1,3,a,yes,teaching_assumption,V,,\n", 2, "verification", "must be tagged 'A'"),
        ("knee,1,3,a,yes,smoll2010,A,,\n", 2, "verification", "assumptions cite teaching_"),
    ],
)
def test_bad_cells_name_file_row_and_column(tmp_path, body, row, column, problem):
    with pytest.raises(DataTableError, match=problem) as err:
        _load(tmp_path, body)
    assert (err.value.file, err.value.row, err.value.column) == ("t.csv", row, column)
    assert str(err.value).startswith(f"t.csv, row {row}, column '{column}'")


def test_an_assumption_row_loads(tmp_path):
    (row,) = _load(tmp_path, "knee,1,3,a,yes,teaching_assumption,A,,\n")
    assert (row.source_id, row.verification) == ("teaching_assumption", "A")


def test_missing_and_unknown_columns(tmp_path):
    with pytest.raises(DataTableError, match=r"t.csv, row 1, column 'count': required column"):
        _load(tmp_path, "knee,1,a,yes,smoll2010,V,,\n", header=HEADER.replace("count,", ""))
    with pytest.raises(DataTableError, match=r"column 'colour': unknown column"):
        _load(tmp_path, GOOD.strip() + ",red\n", header=HEADER.strip() + ",colour\n")


def test_ragged_and_empty_tables(tmp_path):
    with pytest.raises(DataTableError, match="more cells than the header"):
        _load(tmp_path, GOOD.strip() + ",extra,cells\n")
    with pytest.raises(DataTableError, match="fewer cells than the header"):
        _load(tmp_path, "knee,1,3\n")
    with pytest.raises(DataTableError, match="no rows"):
        _load(tmp_path, "")
    with pytest.raises(DataTableError, match="no header row"):
        _load(tmp_path, "", header="")


# --- declared rules ------------------------------------------------------------------------
assert anatomy.load_nodes  # registers anatomy_nodes.csv, which the tests below refer to


@pytest.fixture
def registry():
    """Register test tables without leaving them in the package registry."""
    saved = dict(tables.TABLES), dict(tables.TABLE_TYPES)
    yield
    tables.TABLES.clear()
    tables.TABLES.update(saved[0])
    tables.TABLE_TYPES.clear()
    tables.TABLE_TYPES.update(saved[1])
    declared._parsed.cache_clear()


@dataclass(frozen=True)
class Link:
    link_id: str
    node_id: str
    position: int
    sides: tuple[str, ...]
    source_id: str
    verification: Verification
    other_node: str | None = None


LINK_HEADER = "link_id,node_id,position,sides,source_id,verification,other_node\n"


def _position_order(rows):
    for index, (a, b) in enumerate(itertools.pairwise(rows), start=1):
        if b.position < a.position:
            raise FieldError("position", "positions must not decrease", record=index)


def _links(tmp_path, body, **declared):
    name = "test_links.csv"
    table_loader(name, Link, **declared)
    path = tmp_path / name
    path.write_text(LINK_HEADER + body, encoding="utf-8")
    return lambda: load_table(name, path=path)


@pytest.mark.usefixtures("registry")
@pytest.mark.parametrize(
    ("declared", "body", "row", "column", "problem"),
    [
        (
            {"key": "link_id"},
            "a,L4,1,left,hanna2015,V,\nb,L5,2,left,hanna2015,V,\na,S1,3,left,hanna2015,V,\n",
            4,
            "link_id",
            r"duplicate link_id 'a' \(first on row 2\)",
        ),
        (
            {"unique": [("node_id", "position")]},
            "a,L4,1,left,hanna2015,V,\nb,L4,1,left,hanna2015,V,\n",
            3,
            "position",
            r"duplicate node_id \+ position \('L4', 1\)",
        ),
        (
            {"references": {"node_id": "anatomy_nodes.csv"}},
            "a,L4,1,left,hanna2015,V,\nb,L9,2,left,hanna2015,V,\n",
            3,
            "node_id",
            "'L9' is not a node_id of anatomy_nodes.csv; valid: L4",
        ),
        (
            {"references": {"other_node": "anatomy_nodes.csv:node_id"}},
            "a,L4,1,left,hanna2015,V,sciatic\nb,L4,2,left,hanna2015,V,nerve_x\n",
            3,
            "other_node",
            "'nerve_x' is not a node_id",
        ),
        (
            {"references": {"sides": ("left", "right")}},
            "a,L4,1,left;right,hanna2015,V,\nb,L4,2,right;up,hanna2015,V,\n",
            3,
            "sides",
            "'up' is not one of left, right",
        ),
        (
            {"check": _position_order},
            "a,L4,2,left,hanna2015,V,\nb,L4,1,left,hanna2015,V,\n",
            3,
            "position",
            "must not decrease",
        ),
        (
            {"tags": "VS"},
            "a,L4,1,left,hanna2015,V,\nb,L4,1,left,hanna2015,D,\n",
            3,
            "verification",
            r"'D' is not allowed in this table \(allowed: V, S\)",
        ),
    ],
)
def test_declared_rules_name_file_row_and_column(tmp_path, declared, body, row, column, problem):
    load = _links(tmp_path, body, **declared)
    with pytest.raises(DataTableError, match=problem) as err:
        load()
    assert (err.value.file, err.value.row, err.value.column) == ("test_links.csv", row, column)


@pytest.mark.usefixtures("registry")
def test_a_table_obeying_its_declarations_loads_and_empty_references_pass(tmp_path):
    load = _links(
        tmp_path,
        "a,L4,1,left,hanna2015,V,\nb,sciatic,2,left;right,hanna2015,S,tibial\n",
        key="link_id",
        unique=[("node_id", "position")],
        references={
            "node_id": "anatomy_nodes.csv",
            "other_node": "anatomy_nodes.csv",
            "sides": ("left", "right"),
        },
        check=_position_order,
        tags="VS",
    )
    assert [r.link_id for r in load()] == ["a", "b"]


@pytest.mark.usefixtures("registry")
def test_declaration_mistakes_fail_at_import_time():
    with pytest.raises(TypeError, match=r"declared column\(s\) \['nod_id'\]"):
        table_loader("test_links.csv", Link, key="nod_id")
    with pytest.raises(TypeError, match="not verification tags"):
        table_loader("test_links.csv", Link, tags="VM")

    @dataclass(frozen=True)
    class Loose:
        source_id: str
        verification: str

    with pytest.raises(TypeError, match=r"must be tables\.Verification"):
        table_loader("test_loose.csv", Loose)
    table_loader("test_links.csv", Link)
    with pytest.raises(ValueError, match="already registered with Link"):
        table_loader("test_links.csv", Row)


@pytest.mark.usefixtures("registry")
def test_a_reference_to_an_unregistered_table_is_a_clear_error(tmp_path):
    load = _links(
        tmp_path, "a,L4,1,left,hanna2015,V,\n", references={"node_id": "no_such_table.csv"}
    )
    with pytest.raises(ValueError, match=r"'no_such_table\.csv' is not registered"):
        load()


def test_json_helpers(tmp_path):
    bad = tmp_path / "q.json"
    bad.write_text('{"a": 1,,}', encoding="utf-8")
    with pytest.raises(DataTableError, match=r"q.json, row 1: invalid JSON"):
        read_json_document("q.json", path=bad)
    with pytest.raises(DataTableError, match=r"missing.json: cannot be read"):
        read_json_document("missing.json", path=tmp_path / "missing.json")
    with pytest.raises(TypeError, match="name must be a data file name"):
        read_json_document(None)
    with pytest.raises(DataTableError, match=r"q.json, row 3, column 'n': expected int"):
        require_keys("q.json", 3, {"n": "x"}, {"n": int})
    with pytest.raises(DataTableError, match="got true/false"):
        require_keys("q.json", 3, {"n": True}, {"n": (int, float)})
    with pytest.raises(DataTableError, match="unknown field"):
        require_keys("q.json", 3, {"n": 1, "m": 2}, {"n": int})


def test_json_records_are_numbered_and_unique_fields_checked():
    @dataclass(frozen=True)
    class Q:
        question_id: str

    def parse(index, item):
        return Q(item["id"])

    assert build_records("q.json", [{"id": "a"}, {"id": "b"}], parse, unique=["question_id"])
    with pytest.raises(DataTableError, match=r"q.json, row 3, column 'question_id'"):
        build_records(
            "q.json", [{"id": "a"}, {"id": "b"}, {"id": "a"}], parse, unique=["question_id"]
        )
    with pytest.raises(DataTableError, match="holds no records"):
        build_records("q.json", [], parse)
