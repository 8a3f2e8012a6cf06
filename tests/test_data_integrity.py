"""Every data table is registered, typed, cited and used, and its declared rules hold.

The loader itself (conversions, citation rules, keys, references) is tested on small
synthetic tables in ``test_tables.py``; here every packaged table is loaded through its
declaration, and every declared key and reference is shown to catch a broken row.
"""

from __future__ import annotations

import csv
import dataclasses
import importlib
import io
import json
import pkgutil
from importlib import resources
from pathlib import Path

import pytest

import anatomy_helpers
from anatomy_helpers.drawing.registry import registered_figures
from anatomy_helpers.references import load_sources
from anatomy_helpers.tables import TABLE_TYPES, TABLES, DataTableError, load_table
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


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((DATA / name).read_text("utf-8"))))


def _source_columns(name: str) -> list[str]:
    header = _rows(name)[0].keys()
    return [c for c in header if c == "source_id" or c.endswith("source_ids")]


def test_every_csv_is_a_registered_cited_table():
    unregistered = set(CSV_FILES) - set(TABLES)
    assert not unregistered, f"register these with table_loader(): {sorted(unregistered)}"
    assert set(TABLES) - set(TABLE_TYPES) == {"sources.csv"}, "only the bibliography is uncited"
    for name, record_type in TABLE_TYPES.items():
        fields = {f.name for f in dataclasses.fields(record_type)}
        assert {"source_id", "verification"} <= fields, f"{name} needs source_id and verification"


def test_every_registered_table_loads_with_its_declared_rules():
    problems = []
    for name in sorted(TABLES):
        try:
            records = load_table(name)
        except DataTableError as exc:
            problems.append(str(exc))
            continue
        if len(records) != len(_rows(name)):
            problems.append(f"{name}: {len(records)} records for {len(_rows(name))} rows")
    assert not problems, "\n".join(problems)


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


# --- every declaration is wired: a broken copy of the table is rejected -------------------
def _write(tmp_path: Path, name: str, rows: list[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_every_declared_key_rejects_a_duplicated_row(tmp_path):
    checked = 0
    for name, spec in sorted(TABLES.items()):
        if not spec.unique_keys:
            continue
        rows = _rows(name)
        path = _write(tmp_path, name, [*rows, rows[0]])
        with pytest.raises(DataTableError, match="duplicate") as err:
            load_table(name, path=path)
        assert err.value.row == len(rows) + 2, name
        assert err.value.column in {c for combo in spec.unique_keys for c in combo}, name
        checked += 1
    assert checked >= 30, "most tables declare a key"


def test_every_declared_reference_rejects_a_value_that_is_not_there(tmp_path):
    checked = 0
    for name, spec in sorted(TABLES.items()):
        for column in spec.references:
            rows = _rows(name)
            index = next(i for i, r in enumerate(rows) if r[column].strip())
            rows[index] = {**rows[index], column: "not_a_real_id_2099"}
            path = _write(tmp_path, name, rows)
            with pytest.raises(DataTableError, match="not_a_real_id_2099") as err:
                load_table(name, path=path)
            assert (err.value.row, err.value.column) == (index + 2, column), name
            checked += 1
    assert checked >= 25, "cross-table references are declared"
