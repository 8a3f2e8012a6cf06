"""Facilitator's guides (docs/facilitator/NN.md) name only facts that are in the data tables.

Three checks on every guide: it has the sections an in-service needs (aims, a
minute-by-minute plan that adds up to 20 minutes, what to project and ask, two discussion
questions with model answers, misconceptions with evidence); every source key it cites
exists in the bibliography and is used by a data row; and every percentage, millimetre or
degree value it quotes is held by a data table (CSV or JSON) or printed by a checked
notebook cell, to the precision the guide writes.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from importlib import resources
from pathlib import Path

import nbformat
import pytest

from anatomy_helpers.references import load_sources
from anatomy_helpers.tools.project import notebook_paths, project_root

ROOT = project_root(Path(__file__).parent)
GUIDES_DIR = ROOT / "docs" / "facilitator"
NOTEBOOKS = notebook_paths(ROOT)
GUIDES = [GUIDES_DIR / f"{p.stem[:2]}.md" for p in NOTEBOOKS]
DATA = Path(str(resources.files("anatomy_helpers") / "data"))

#: ``(source: key)`` or ``(sources: key, key)``, and Markdown citation links ``(#ref-key)``.
CITED = re.compile(r"\(sources?:\s*([a-z0-9_]+(?:\s*,\s*[a-z0-9_]+)*)\)")
LINKED = re.compile(r"\(#ref-([a-z0-9_]+)\)")
#: A number (or a range of two) followed by a unit whose value must come from the data.
QUANTITY = re.compile(
    r"(?<![\w.])(-?\d+(?:\.\d+)?)(?:\s*(?:–|-|to)\s*(-?\d+(?:\.\d+)?))?\s*(%|mm\b|°)"
)
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
PLAN_ROW = re.compile(r"^\|\s*(\d+)–(\d+)\s*\|", re.MULTILINE)
SECTIONS = (
    "## Aims",
    "## Minute-by-minute plan",
    "## What to project and what to ask the room",
    "## Two discussion questions",
    "## Common misconceptions",
)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _cited_keys(text: str) -> set[str]:
    keys = {k.strip() for m in CITED.finditer(text) for k in m.group(1).split(",")}
    return keys | set(LINKED.findall(text))


def _data_rows_source_ids() -> set[str]:
    """Keys cited by a row of any data table (CSV source columns, JSON ``source_id``)."""
    used: set[str] = set()
    for path in DATA.glob("*.csv"):
        if path.name == "sources.csv":
            continue
        for row in csv.DictReader(io.StringIO(path.read_text("utf-8"))):
            for column, value in row.items():
                if column == "source_id" or column.endswith("source_ids"):
                    used |= {k.strip() for k in (value or "").split(";") if k.strip()}

    def walk(value) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "source_id" and isinstance(v, str):
                    used.add(v)
                elif k.endswith("source_ids") and isinstance(v, list):
                    used.update(v)
                else:
                    walk(v)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in DATA.rglob("*.json"):
        walk(json.loads(path.read_text("utf-8")))
    return used


def _fact_numbers() -> set[float]:
    """Every number in a data table's cells (CSV and JSON) and in checked notebook output."""
    texts: list[str] = []
    for path in DATA.glob("*.csv"):
        if path.name != "sources.csv":
            texts.append(path.read_text("utf-8"))
    for path in DATA.rglob("*.json"):
        texts.append(path.read_text("utf-8"))
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if "nbval-check-output" in cell.get("metadata", {}).get("tags", []):
                texts += [o.get("text", "") for o in cell.get("outputs", [])]
    return {float(n) for text in texts for n in NUMBER.findall(text)}


USED_KEYS = _data_rows_source_ids()
FACT_NUMBERS = _fact_numbers()


def _found(written: str, numbers: set[float] = FACT_NUMBERS) -> bool:
    """True if a fact number equals ``written`` at the precision it is written with."""
    value = float(written)
    places = len(written.split(".")[1]) if "." in written else 0
    return any(round(n, places) == value for n in numbers)


def test_there_is_one_guide_per_notebook_and_an_index():
    assert NOTEBOOKS
    missing = [g.name for g in GUIDES if not g.is_file()]
    assert not missing, f"write docs/facilitator/{missing}"
    index = _text(GUIDES_DIR / "README.md")
    for guide in GUIDES:
        assert f"]({guide.name})" in index, f"the index does not link {guide.name}"


@pytest.mark.parametrize("guide", GUIDES, ids=[g.stem for g in GUIDES])
def test_guide_has_the_parts_of_an_in_service(guide):
    text = _text(guide)
    positions = [text.find(s) for s in SECTIONS]
    missing = [s for s, p in zip(SECTIONS, positions, strict=True) if p < 0]
    assert not missing, f"missing sections: {missing}"
    assert positions == sorted(positions), "sections in the standard order"
    notebook = next(p for p in NOTEBOOKS if p.stem.startswith(guide.stem))
    assert f"(../../notebooks/{notebook.name})" in text, "the guide links its notebook"
    plan = text[text.find(SECTIONS[1]) : text.find(SECTIONS[2])]
    rows = [(int(a), int(b)) for a, b in PLAN_ROW.findall(plan)]
    assert rows and rows[0][0] == 0 and rows[-1][1] == 20, "the plan runs from 0 to 20 min"
    for (_, end), (start, _) in itertools.pairwise(rows):
        assert start == end, "plan rows follow on without gaps or overlaps"
    questions = text[text.find(SECTIONS[3]) : text.find(SECTIONS[4])]
    assert questions.count("*Model answer:*") == 2, "two questions, each with a model answer"
    misconceptions = text[text.find(SECTIONS[4]) :].split("\n## ")[0]
    rows = [r for r in misconceptions.splitlines() if r.startswith("| ") and "---" not in r]
    assert len(rows) >= 3, "a header and at least two misconceptions"
    for row in rows[1:]:
        assert _cited_keys(row), f"a misconception's correction cites no source: {row}"
    assert "CPD record" in text


@pytest.mark.parametrize("guide", [*GUIDES, GUIDES_DIR / "README.md"], ids=lambda g: g.stem)
def test_every_cited_key_is_a_source_used_by_a_data_row(guide):
    keys = _cited_keys(_text(guide))
    if guide.name != "README.md":
        assert len(keys) >= 4, "a guide cites the evidence for what it says"
    unknown = keys - set(load_sources())
    assert not unknown, f"not in sources.csv: {sorted(unknown)}"
    unused = keys - USED_KEYS
    assert not unused, f"cited, but no data row uses them (not a fact in the tables): {unused}"


@pytest.mark.parametrize("guide", [*GUIDES, GUIDES_DIR / "README.md"], ids=lambda g: g.stem)
def test_every_quantity_is_in_the_data_or_a_checked_output(guide):
    missing = []
    for match in QUANTITY.finditer(_text(guide)):
        for written in filter(None, (match.group(1), match.group(2))):
            if not _found(written):
                missing.append(f"{written} {match.group(3)} in {match.group(0)!r}")
    assert not missing, "numbers with no data row or checked output:\n" + "\n".join(missing)


def test_the_checks_catch_an_invented_fact():
    invented = "A guide that says 37.3 % of people (source: no_such_study) improve."
    assert _cited_keys(invented) == {"no_such_study"}
    match = QUANTITY.search(invented)
    assert match.group(1) == "37.3" and not _found("37.3")
    assert _found("16.9") and _found("65.4", {65.43}) and not _found("65.5", {65.43})
    ranged = QUANTITY.search("between 15–30 % of people")
    assert (ranged.group(1), ranged.group(2), ranged.group(3)) == ("15", "30", "%")
    assert _cited_keys("(sources: long2020, gardner2011) and [x](#ref-smoll2010)") == {
        "long2020",
        "gardner2011",
        "smoll2010",
    }
