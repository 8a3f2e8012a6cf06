"""Downloads to the browser, without a browser: the link, the file names, the planner's files."""

from __future__ import annotations

import base64
import csv
import datetime
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from anatomy_helpers.documents import handout
from anatomy_helpers.documents.pdf import find_chromium
from anatomy_helpers.documents.weekly_plan import WEEKLY_PLAN_COLUMNS, weekly_plan_csv
from anatomy_helpers.exercises import default_plan, weekly_plan_table
from anatomy_helpers.widgets import download
from anatomy_helpers.widgets.dosage_planner import dosage_planner
from anatomy_helpers.widgets.download import (
    DownloadButton,
    DownloadFile,
    dated_file_name,
    download_link_html,
)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))


def _only_link(markup: str) -> dict:
    parser = _Links()
    parser.feed(markup)
    assert len(parser.links) == 1, markup[:300]
    return parser.links[0]


def _link_bytes(link: dict) -> bytes:
    head, _, payload = link["href"].partition(",")
    assert head.startswith("data:") and head.endswith(";base64")
    return base64.b64decode(payload)


def test_dated_file_name():
    day = datetime.date(2026, 12, 1)
    assert dated_file_name("exercise-plan", "html", day) == "exercise-plan-2026-12-01.html"
    assert re.fullmatch(
        r"slump-record-\d{4}-\d{2}-\d{2}\.json", dated_file_name("slump-record", "json")
    )


@pytest.mark.parametrize(
    ("stem", "ext", "day", "error"),
    [
        ("../x", "html", None, ValueError),
        ("Plan", "html", None, ValueError),
        ("plan", ".html", None, ValueError),
        ("plan", "html", "2026-12-01", TypeError),
    ],
)
def test_dated_file_name_rejects(stem, ext, day, error):
    with pytest.raises(error, match=r"stem|extension|day"):
        dated_file_name(stem, ext, day)


def test_link_carries_the_exact_bytes_and_an_escaped_name():
    data = 'week,exercise\r\n1,Glide – "supine" <b>\r\n'.encode()
    link = _only_link(download_link_html(DownloadFile("plan.csv", "text/csv", data)))
    assert link["download"] == "plan.csv"
    assert link["href"].startswith("data:text/csv;charset=utf-8;base64,")
    assert _link_bytes(link) == data


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"name": "../etc/passwd", "media_type": "text/plain", "data": b""}, ValueError),
        ({"name": 'a"b.txt', "media_type": "text/plain", "data": b""}, ValueError),
        ({"name": "a.txt", "media_type": "text plain", "data": b""}, ValueError),
        ({"name": "a.txt", "media_type": "text/plain", "data": "text"}, TypeError),
    ],
)
def test_download_file_rejects_bad_fields(kwargs, error):
    with pytest.raises(error, match=r"name|media_type|data"):
        DownloadFile(**kwargs)


def test_too_large_for_a_link(monkeypatch):
    monkeypatch.setattr(download, "MAX_DOWNLOAD_BYTES", 10)
    with pytest.raises(ValueError, match="more than a browser link can carry"):
        download_link_html(DownloadFile("a.bin", "application/octet-stream", b"x" * 11))


def test_button_builds_on_press_and_reports_failures_as_a_sentence():
    calls = []

    def build():
        calls.append(1)
        if len(calls) == 2:
            raise ValueError("title is too long")
        return DownloadFile("a.txt", "text/plain", b"hello")

    button = DownloadButton("Download", build)
    assert calls == [] and "href" not in button.link.value  # nothing built before the press
    assert button.prepare().data == b"hello"
    assert _link_bytes(_only_link(button.link.value)) == b"hello"
    assert button.prepare() is None
    assert "could not be prepared: title is too long" in button.link.value
    assert "Traceback" not in button.link.value and not button.button.disabled
    button.clear()
    assert "href" not in button.link.value and button.last_file is None


def test_weekly_plan_csv_has_one_row_per_exercise_per_week():
    plan = default_plan(["sciatic_nerve_glide", "standing_calf_raise"], weeks=3)
    rows = list(csv.reader(io.StringIO(weekly_plan_csv(plan))))
    assert tuple(rows[0]) == WEEKLY_PLAN_COLUMNS
    expected = weekly_plan_table(plan)
    assert len(rows) - 1 == len(expected) == 6
    assert [r[1] for r in rows[1:3]] == [e.name for e in expected[:2]]
    assert rows[1][7] == expected[0].dose_text
    with pytest.raises(TypeError, match="plan must be an ExercisePlan"):
        weekly_plan_csv("plan")


def test_planner_builds_files_from_the_plan_shown(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = dosage_planner(
        ["sciatic_nerve_glide", "standing_calf_raise"], weeks=6, advice_ids=["heat_and_cold"]
    )
    app.controls["progression_per_week"].value = 2
    app.handout_title.value = "Plan for <Mrs A>"
    app.handout_notes.value = "Twice a day."
    page_file = app.downloads["html"].prepare()
    assert re.fullmatch(r"exercise-plan-\d{4}-\d{2}-\d{2}\.html", page_file.name)
    page = page_file.data.decode()
    assert "Plan for &lt;Mrs A&gt;" in page and "Twice a day." in page
    last = next(r for r in weekly_plan_table(app.current_plan()) if r.week == 6)
    assert last.reps == 20 + 2 * 5 and last.dose_text in page
    table = app.downloads["csv"].prepare().data.decode()
    assert table.count("\r\n") == 1 + 6 * 2
    # changing the plan withdraws the links (an outdated handout is never offered)
    app.controls["weeks"].value = 4
    assert all(b.last_file is None for b in app.downloads.values())
    assert list(tmp_path.iterdir()) == []


def test_planner_reports_a_bad_title_without_a_traceback():
    app = dosage_planner()
    app.handout_title.value = "x" * 500
    assert app.downloads["html"].prepare() is None
    assert "title" in app.downloads["html"].link.value


def test_planner_without_chromium_offers_no_pdf(monkeypatch):
    monkeypatch.setattr("anatomy_helpers.widgets.dosage_planner.pdf_renderer", lambda: None)
    assert "pdf" not in dosage_planner().downloads


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_handout_pdf_bytes_leave_nothing_behind(monkeypatch):
    import shutil
    import tempfile

    # a short folder: Chromium's profile socket path must stay under about 100 characters
    folder = Path(tempfile.mkdtemp(prefix="ah-pdf-"))
    try:
        monkeypatch.setenv("TMPDIR", str(folder))
        monkeypatch.setattr(tempfile, "tempdir", None)
        data = handout.handout_pdf(default_plan(["sciatic_nerve_glide"]))
        assert data.startswith(b"%PDF")
        assert list(folder.iterdir()) == []
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_one_button_as_a_widget():
    button = DownloadButton("Download", lambda: DownloadFile("a.txt", "text/plain", b"x"))
    box = button.widget()
    assert box.children == (button.button, button.link)
