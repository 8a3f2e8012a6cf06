"""Every data table is typed, cited and used; bad data fails with file, row and column."""

from __future__ import annotations

import csv
import dataclasses
import importlib
import io
import json
import pkgutil
import typing
from importlib import resources
from pathlib import Path

import pytest

import anatomy_helpers
from anatomy_helpers.drawing.registry import registered_figures
from anatomy_helpers.references import load_sources
from anatomy_helpers.tables import TABLE_TYPES, DataTableError, read_csv_records
from anatomy_helpers.tools.authoring import cited_keys
from anatomy_helpers.tools.project import notebook_paths, project_root

ROOT = project_root(Path(__file__).parent)
DATA = Path(str(resources.files("anatomy_helpers") / "data"))


def _import_all_modules() -> None:
    """Import every module so that every table loader is registered."""
    for info in pkgutil.walk_packages(anatomy_helpers.__path__, "anatomy_helpers."):
        if info.name != "anatomy_helpers.__main__":
            importlib.import_module(info.name)


_import_all_modules()
CSV_FILES = sorted(p.name for p in DATA.glob("*.csv"))
TOPIC_TABLES = sorted(TABLE_TYPES)


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((DATA / name).read_text("utf-8"))))


def _source_columns(name: str) -> list[str]:
    header = _rows(name)[0].keys()
    return [c for c in header if c == "source_id" or c.endswith("source_ids")]


def test_every_csv_is_a_registered_typed_table():
    unregistered = set(CSV_FILES) - set(TABLE_TYPES) - {"sources.csv"}
    assert not unregistered, f"register these with table_loader(): {sorted(unregistered)}"


@pytest.mark.parametrize("name", TOPIC_TABLES)
def test_table_loads_with_its_record_type(name):
    records = read_csv_records(name, TABLE_TYPES[name])
    assert len(records) == len(_rows(name))


@pytest.mark.parametrize("name", TOPIC_TABLES)
def test_every_row_is_cited_and_tagged(name):
    fields = {f.name for f in dataclasses.fields(TABLE_TYPES[name])}
    assert "source_id" in fields
    assert "verification" in fields, f"{name} needs a verification column (V, S, D or A)"
    for line, row in enumerate(_rows(name), start=2):
        assert row["source_id"].strip(), f"{name} row {line} has no source_id"
        tag = row["verification"].strip()
        assert tag in {"V", "S", "D", "A"}, f"{name} row {line}: verification {tag!r}"
        assumption = row["source_id"].strip() == "teaching_assumption"
        assert assumption == (tag == "A"), (
            f"{name} row {line}: teaching assumptions (and only they) are tagged A"
        )


def test_bibliography_keys_are_unique_and_well_formed():
    sources = load_sources()
    assert len(sources) == len(_rows("sources.csv"))
    for key, src in sources.items():
        assert key == key.lower() and " " not in key
        assert src.title and src.authors


def _json_source_ids(value) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "source_id" and isinstance(v, str):
                found.add(v)
            elif k.endswith("source_ids") and isinstance(v, list):
                found |= set(v)
            else:
                found |= _json_source_ids(v)
    elif isinstance(value, list):
        for item in value:
            found |= _json_source_ids(item)
    return found


def _used_source_ids() -> set[str]:
    used: set[str] = set()
    for name in CSV_FILES:
        if name == "sources.csv":
            continue
        for row in _rows(name):
            for col in _source_columns(name):
                used |= {k.strip() for k in row[col].split(";") if k.strip()}
    for path in DATA.rglob("*.json"):
        used |= _json_source_ids(json.loads(path.read_text("utf-8")))
    import nbformat

    for path in notebook_paths(ROOT):
        used |= cited_keys(nbformat.read(path, as_version=4))
    for spec in registered_figures().values():
        used |= set(spec.source_ids)
    return used


def test_every_cited_key_resolves():
    dangling = _used_source_ids() - set(load_sources())
    assert not dangling, f"keys cited but not in sources.csv: {sorted(dangling)}"


def test_no_unused_source():
    unused = set(load_sources()) - _used_source_ids()
    assert not unused, f"sources.csv entries nobody cites (remove or use them): {sorted(unused)}"


# --- bad data is rejected with file, row and column ------------------------------------


def _first_typed_field(record_type, kinds) -> str | None:
    hints = typing.get_type_hints(record_type)
    for f in dataclasses.fields(record_type):
        hint = hints[f.name]
        if hint in kinds and f.default is dataclasses.MISSING:
            return f.name
    return None


def _write_variant(tmp_path: Path, name: str, mutate) -> Path:
    rows = _rows(name)
    header = list(rows[0].keys())
    header, rows = mutate(header, rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", TOPIC_TABLES)
def test_unknown_source_names_file_row_and_column(tmp_path, name):
    def mutate(header, rows):
        rows[0]["source_id"] = "no_such_source_2099"
        return header, rows

    path = _write_variant(tmp_path, name, mutate)
    with pytest.raises(DataTableError) as err:
        read_csv_records(name, TABLE_TYPES[name], path=path)
    assert (err.value.file, err.value.row, err.value.column) == (name, 2, "source_id")
    assert str(err.value).startswith(f"{name}, row 2, column 'source_id'")


@pytest.mark.parametrize("name", TOPIC_TABLES)
def test_missing_column_names_file_and_column(tmp_path, name):
    def mutate(header, rows):
        return [c for c in header if c != "source_id"], rows

    path = _write_variant(tmp_path, name, mutate)
    with pytest.raises(DataTableError, match=rf"{name}, row 1, column 'source_id'"):
        read_csv_records(name, TABLE_TYPES[name], path=path)


@pytest.mark.parametrize("name", TOPIC_TABLES)
def test_bad_value_names_file_row_and_column(tmp_path, name):
    record_type = TABLE_TYPES[name]
    column = _first_typed_field(record_type, (float, int)) or "verification"

    def mutate(header, rows):
        rows[-1][column] = "not-a-number" if column != "verification" else "M"
        return header, rows

    path = _write_variant(tmp_path, name, mutate)
    last_line = len(_rows(name)) + 1
    with pytest.raises(DataTableError) as err:
        read_csv_records(name, record_type, path=path)
    assert (err.value.row, err.value.column) == (last_line, column)
    assert f"{name}, row {last_line}, column '{column}'" in str(err.value)


def test_an_unverified_memory_fact_cannot_be_loaded(tmp_path):
    """A row tagged M (remembered, not checked) is rejected: it is not an allowed value."""
    path = _write_variant(
        tmp_path, "red_flags.csv", lambda h, r: (h, [{**r[0], "verification": "M"}])
    )
    from anatomy_helpers.safety import RedFlag

    with pytest.raises(DataTableError, match=r"red_flags.csv, row 2, column 'verification'"):
        read_csv_records("red_flags.csv", RedFlag, path=path)
