"""App text: what the Voila app and the static edition show holds no developer text.

Cells meant only for people running the code carry the tag ``notebook-only``; everything
else (Markdown and stored outputs) must read right for a clinician using the app: no
"run the cell below", no install command, no server path, no Python call. The browser test
``tests/browser/test_app_text.py`` checks the rendered pages; this one checks the sources.
"""

from __future__ import annotations

import csv
import html
import importlib
import json
import pkgutil
import re
import typing
from functools import cache
from importlib import resources
from pathlib import Path

import nbformat
import pytest

import anatomy_helpers
from anatomy_helpers.tables import TABLE_TYPES
from anatomy_helpers.tools.present import (
    APP_HIDDEN_TAGS,
    APP_ONLY_TAG,
    NOTEBOOK_ONLY_TAG,
    STATIC_HIDDEN_TAGS,
    app_text_problems,
)
from anatomy_helpers.tools.project import notebook_paths, project_root

ROOT = project_root(Path(__file__).parent)
NOTEBOOKS = notebook_paths(ROOT)
IDS = [p.stem for p in NOTEBOOKS]
KNOWN_TAGS = {
    "nbval-check-output",
    "nbval-ignore-output",
    "generated-safety-note",
    "generated-references",
    "generated-cpd-intro",
    "generated-cpd-record",
    NOTEBOOK_ONLY_TAG,
    APP_ONLY_TAG,
}
#: A code span that names code: a call, a dotted name (not a file name) or a snake_case name.
CODE_SPAN = re.compile(r"`([^`\n]+)`")
CODE_LIKE = re.compile(
    r"\(|\b[A-Za-z_]\w*_\w*\b|\b[a-z_]\w*\.(?!(?:md|ipynb|html?|csv|json|pdf|png|txt)\b)[a-z_]\w*"
)
DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _shown_texts(cell) -> list[str]:
    """What the app shows of a cell: Markdown source, or the code cell's stored outputs."""
    if cell.cell_type == "markdown":
        return [cell.source]
    texts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            texts.append(output.get("text", ""))
        for mime in ("text/plain", "text/html", "text/markdown"):
            if mime in output.get(
                "data", {}
            ) and "application/vnd.jupyter.widget-view+json" not in (output.get("data", {})):
                texts.append(DATA_URI.sub("data:", output["data"][mime]))
        if output.get("output_type") == "error":
            texts.append("Traceback (most recent call last)")
    return texts


#: A data id: snake_case with at least one underscore ("first_web_space", "in_vivo").
SNAKE_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
HTML_TAG = re.compile(r"<[^>]*>")
#: Words of a snake_case id inside app text (not part of a longer word, path or anchor).
ID_IN_TEXT = re.compile(r"(?<![\w/#.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/.-])")


@cache
def data_ids() -> frozenset[str]:
    """Every snake_case id of the package's tables: cell values of the data CSVs (keys,
    references, vocabulary words such as ``in_vivo``) and the ``Literal`` words of the
    record types (e.g. ``mechanism_only``)."""
    for info in pkgutil.walk_packages(anatomy_helpers.__path__, "anatomy_helpers."):
        if info.name != "anatomy_helpers.__main__":  # every module: registers every table
            importlib.import_module(info.name)
    ids: set[str] = set()
    data = Path(str(resources.files("anatomy_helpers") / "data"))
    for path in data.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    ids.update(w for w in re.split(r"[;,|\s]+", cell) if SNAKE_ID.match(w))
    for record_type in TABLE_TYPES.values():
        for hint in typing.get_type_hints(record_type).values():
            for arg in (hint, *typing.get_args(hint)):
                if typing.get_origin(arg) is typing.Literal:
                    ids.update(str(a) for a in typing.get_args(arg) if SNAKE_ID.match(str(a)))
    return frozenset(ids)


def data_ids_in(text: str) -> list[str]:
    """The data ids a reader would see in an output (HTML tags and attributes skipped)."""
    visible = html.unescape(HTML_TAG.sub(" ", text))
    return sorted({m for m in ID_IN_TEXT.findall(visible) if m in data_ids()})


def test_data_ids_are_found_in_text_only():
    assert {"first_web_space", "in_vivo", "mechanism_only", "teaching_assumption"} <= data_ids()
    assert data_ids_in("L4 -> lumbosacral_plexus -> sciatic") == ["lumbosacral_plexus"]
    assert data_ids_in("[animal_threshold] Rabbit") == ["animal_threshold"]
    assert data_ids_in('<a href="#ref-teaching_assumption">Teaching assumption</a>') == []
    assert data_ids_in("Deep fibular nerve (first web space), n = 16, living people") == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_app_outputs_show_words_not_data_ids(path):
    """A stored output the app shows (a cell not tagged notebook-only) reads as words: no
    region, nerve, finding, source, muscle or vocabulary id of the data tables."""
    nb = nbformat.read(path, as_version=4)
    problems = []
    for cell in nb.cells:
        if cell.cell_type != "code" or NOTEBOOK_ONLY_TAG in _tags(cell):
            continue
        for text in _shown_texts(cell):
            found = data_ids_in(text)
            if found:
                problems.append(f"cell {cell.get('id')}: {', '.join(found)}")
    assert not problems, (
        f"{path.name}: app-visible outputs show data ids (print labels from the tables, "
        "cite sources with references.cite, or tag an API demo notebook-only):\n  "
        + "\n  ".join(problems)
    )


def test_rules_catch_each_kind_of_developer_text():
    samples = {
        "The cell below follows each root.": "running cells",
        "Run this cell first (Shift+Enter).": "running cells",
        "Debian: apt-get install -y chromium": "install",
        "Saved /tmp/handout-x1/exercise_plan.html": "path on the server",
        "into the slump_records folder": "path on the server",
        "`write_handout(plan, path)` writes one page": "Python call",
        "from the anatomy_helpers package": "Python call",
    }
    for text, kind in samples.items():
        assert any(kind in p for p in app_text_problems(text)), text
    for fine in (
        "Press **Download handout (HTML)**, then the **Save** link.",
        "Sensitivities of 0.19–0.43 (Dionne et al. 2019); 42(5):690–697.",
        "Knee flexion (°) box, type 0 and press Enter.",
        "[Start here](00_start_here.ipynb) and [Smoll 2010](#ref-smoll2010)",
    ):
        assert app_text_problems(fine) == [], fine


def test_tag_sets():
    assert NOTEBOOK_ONLY_TAG in APP_HIDDEN_TAGS and APP_ONLY_TAG not in APP_HIDDEN_TAGS
    assert set(STATIC_HIDDEN_TAGS) == {NOTEBOOK_ONLY_TAG, APP_ONLY_TAG}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_only_known_tags(path):
    nb = nbformat.read(path, as_version=4)
    unknown = {t for cell in nb.cells for t in _tags(cell)} - KNOWN_TAGS
    assert not unknown, f"{path.name}: unknown cell tags {sorted(unknown)} (typo?)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_setup_prose_is_notebook_only(path):
    nb = nbformat.read(path, as_version=4)
    setup = [c for c in nb.cells if c.cell_type == "markdown" and "## Setup" in c.source]
    assert len(setup) == 1
    assert NOTEBOOK_ONLY_TAG in _tags(setup[0]), (
        f"{path.name}: the Setup cell tells people to run code; tag it {NOTEBOOK_ONLY_TAG!r}"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_developer_text_outside_notebook_only_cells(path):
    nb = nbformat.read(path, as_version=4)
    problems = []
    for index, cell in enumerate(nb.cells):
        if NOTEBOOK_ONLY_TAG in _tags(cell) or "generated-references" in _tags(cell):
            continue
        for text in _shown_texts(cell):
            problems += [f"cell {index}: {p}" for p in app_text_problems(text)]
        if cell.cell_type == "markdown":
            for span in CODE_SPAN.findall(cell.source):
                if CODE_LIKE.search(span):
                    problems.append(f"cell {index}: code name in the app text: `{span}`")
    assert not problems, (
        f"{path.name}: developer text outside '{NOTEBOOK_ONLY_TAG}' cells (reword it, or move "
        "it into a cell tagged notebook-only):\n  " + "\n  ".join(problems)
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_saved_widget_state_holds_no_server_path(path):
    state = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("widgets", {})
    text = DATA_URI.sub("data:", json.dumps(state))
    paths = [p for p in app_text_problems(text) if "path on the server" in p]
    assert not paths, f"{path.name}: saved widget state shows {paths}"


def test_display_labels_cover_every_vocabulary_word():
    """The words printed instead of ids cover every value their table allows."""
    from anatomy_helpers import calf_raise, neurodynamics

    fields = {
        (neurodynamics.MeasuredExcursion, "preparation"): neurodynamics.PREPARATION_LABELS,
        (neurodynamics.StrainThreshold, "kind"): neurodynamics.STRAIN_KIND_LABELS,
        (neurodynamics.MobilisationEvidence, "verdict"): neurodynamics.VERDICT_LABELS,
    }
    for (record_type, name), labels in fields.items():
        allowed = typing.get_args(typing.get_type_hints(record_type)[name])
        assert set(labels) == set(allowed), (record_type.__name__, name)
        assert all(not SNAKE_ID.match(w) for w in labels.values())
    assert tuple(calf_raise.MUSCLE_NAMES) == calf_raise.MUSCLE_IDS
