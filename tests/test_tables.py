"""The typed table loader: conversions, checks and error messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pytest

from anatomy_helpers.tables import (
    DataTableError,
    FieldError,
    read_csv_records,
    read_json_document,
    require_keys,
)


@dataclass(frozen=True)
class Row:
    name: str
    value_mm: float
    count: int
    kind: Literal["a", "b"]
    flag: bool
    source_id: str
    verification: Literal["V", "S", "D", "A"]
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
        ("knee,1,3,a,yes,smoll2010,M,,\n", 2, "verification", "allowed values: V, S, D, A"),
    ],
)
def test_bad_cells_name_file_row_and_column(tmp_path, body, row, column, problem):
    with pytest.raises(DataTableError, match=problem) as err:
        _load(tmp_path, body)
    assert (err.value.file, err.value.row, err.value.column) == ("t.csv", row, column)
    assert str(err.value).startswith(f"t.csv, row {row}, column '{column}'")


def test_missing_and_unknown_columns(tmp_path):
    with pytest.raises(DataTableError, match=r"t.csv, row 1, column 'count': required column"):
        _load(tmp_path, "knee,1,a,yes,smoll2010,V,,\n", header=HEADER.replace("count,", ""))
    with pytest.raises(DataTableError, match=r"column 'colour': unknown column"):
        _load(tmp_path, GOOD.strip() + ",red\n", header=HEADER.strip() + ",colour\n")


def test_ragged_and_empty_tables(tmp_path):
    with pytest.raises(DataTableError, match="more cells than the header"):
        _load(tmp_path, GOOD.strip() + ",extra,cells\n")
    with pytest.raises(DataTableError, match="no rows"):
        _load(tmp_path, "")


def test_json_helpers(tmp_path):
    bad = tmp_path / "q.json"
    bad.write_text('{"a": 1,,}', encoding="utf-8")
    with pytest.raises(DataTableError, match=r"q.json, row 1: invalid JSON"):
        read_json_document("q.json", path=bad)
    with pytest.raises(DataTableError, match=r"q.json, row 3, column 'n': expected int"):
        require_keys("q.json", 3, {"n": "x"}, {"n": int})
    with pytest.raises(DataTableError, match="got true/false"):
        require_keys("q.json", 3, {"n": True}, {"n": (int, float)})
    with pytest.raises(DataTableError, match="unknown field"):
        require_keys("q.json", 3, {"n": 1, "m": 2}, {"n": int})
