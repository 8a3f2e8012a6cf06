"""Tests for saving and loading slump recordings (JSON/CSV, atomic, versioned, strict)."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anatomy_helpers import fileio
from anatomy_helpers.records import (
    CSV_COLUMNS,
    FORMAT_VERSION,
    MAX_RECORD_BYTES,
    RecordFormatError,
    load_recording,
    recording_from_csv,
    recording_from_json,
    recording_to_csv,
    recording_to_json,
    safe_export_path,
    save_recording,
)
from anatomy_helpers.regions import body_region_ids
from anatomy_helpers.slump import (
    NECK_RELEASE_EFFECTS,
    SIDES,
    SlumpRecording,
    StageFinding,
    example_recording,
    recorded_stage_ids,
)

text_st = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=60,
)


@st.composite
def findings_st(draw):
    present = draw(st.booleans())
    if not present:
        return StageFinding()
    regions = draw(st.lists(st.sampled_from(body_region_ids()), unique=True, max_size=4))
    return StageFinding(True, tuple(regions), draw(st.integers(0, 10)), draw(st.booleans()))


@st.composite
def recordings(draw):
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(recorded_stage_ids()), st.sampled_from(SIDES)),
            unique=True,
            max_size=12,
        )
    )
    findings = {k: draw(findings_st()) for k in keys}
    neck = {s: draw(st.sampled_from(NECK_RELEASE_EFFECTS)) for s in SIDES}
    return SlumpRecording(findings, neck, draw(text_st), draw(text_st))


@given(rec=recordings())
def test_json_round_trip(rec):
    assert recording_from_json(recording_to_json(rec)) == rec


@given(rec=recordings())
def test_csv_round_trip(rec):
    assert recording_from_csv(recording_to_csv(rec)) == rec


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rec=recordings(), fmt=st.sampled_from(["json", "csv"]))
def test_file_round_trip(tmp_path, rec, fmt):
    path = save_recording(rec, tmp_path / f"r.{fmt}")
    assert load_recording(path) == rec


def test_json_is_versioned():
    doc = json.loads(recording_to_json(example_recording("positive")))
    assert doc["format_version"] == FORMAT_VERSION
    assert recording_to_csv(example_recording("positive")).startswith(",".join(CSV_COLUMNS))


def test_interrupted_write_leaves_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "case.json"
    save_recording(example_recording("positive"), path)
    before = path.read_bytes()

    def fail(*_args, **_kwargs):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(fileio.os, "replace", fail)
    with pytest.raises(OSError, match="simulated"):
        save_recording(example_recording("negative"), path)
    assert path.read_bytes() == before
    assert load_recording(path) == example_recording("positive")
    assert [p.name for p in tmp_path.iterdir()] == ["case.json"]  # temp file cleaned up


def test_failure_during_fsync_leaves_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "case.csv"
    save_recording(example_recording("normal"), path)
    before = path.read_bytes()
    monkeypatch.setattr(fileio.os, "fsync", lambda _fd: (_ for _ in ()).throw(OSError("io")))
    with pytest.raises(OSError, match="io"):
        save_recording(example_recording("negative"), path)
    assert path.read_bytes() == before


def _good_json():
    return json.loads(recording_to_json(example_recording("positive")))


@pytest.mark.parametrize(
    ("mutate", "pattern"),
    [
        (lambda d: d.update(format_version=2), "format_version 2 is not supported"),
        (lambda d: d.pop("findings"), "missing field"),
        (lambda d: d.update(extra=1), "unknown field.*extra"),
        (lambda d: d["findings"][0].update(intensity_0_10=12), "finding 1.*outside 0 to 10"),
        (lambda d: d["findings"][1].update(present="yes"), "finding 2, field 'present'"),
        (lambda d: d["findings"][0].update(stage_id="neck_release"), "not recorded at stage"),
        (lambda d: d["neck_release"].update(left="better"), "neck_release"),
        (lambda d: d["findings"].append(dict(d["findings"][0])), "recorded twice"),
        (lambda d: d["findings"][3].update(region_ids=["moon"]), "unknown body region 'moon'"),
        (lambda d: d.update(format="other"), "field 'format'"),
    ],
)
def test_malformed_json_is_rejected_with_a_message(mutate, pattern):
    doc = _good_json()
    mutate(doc)
    with pytest.raises(RecordFormatError, match=pattern):
        recording_from_json(json.dumps(doc), file="case.json")


def test_invalid_json_names_the_line():
    with pytest.raises(RecordFormatError, match=r"case.json, line 2: invalid JSON"):
        recording_from_json('{\n "a": }', file="case.json")


def _csv_lines():
    return recording_to_csv(example_recording("positive")).splitlines()


@pytest.mark.parametrize(
    ("edit", "pattern"),
    [
        (lambda ls: ls.__setitem__(0, "a,b,c"), "line 1: the header"),
        (
            lambda ls: ls.__setitem__(5, ls[5].replace(",false,", ",maybe,", 1)),
            r"line 6, column 'present'",
        ),
        (lambda ls: ls.__setitem__(6, "1,finding,left"), "line 7: has 3 cells"),
        (lambda ls: ls.__setitem__(6, "2" + ls[6][1:]), "line 7, column 'format_version'"),
        (lambda ls: ls.__setitem__(6, ls[6].replace("finding", "oops", 1)), "row_kind"),
        (lambda ls: ls.pop(3), "missing neck_release"),
        (lambda ls: ls.pop(1), "'label' and 'notes' rows are required"),
    ],
)
def test_malformed_csv_is_rejected_with_a_message(edit, pattern):
    lines = _csv_lines()
    edit(lines)
    with pytest.raises(RecordFormatError, match=pattern):
        recording_from_csv("\r\n".join(lines) + "\r\n", file="case.csv")


def test_malformed_file_is_not_half_loaded(tmp_path):
    path = tmp_path / "bad.json"
    doc = _good_json()
    doc["findings"][-1]["intensity_0_10"] = -1
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(RecordFormatError, match=r"bad\.json, finding"):
        load_recording(path)


def test_non_utf8_file_rejected(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(RecordFormatError, match="not UTF-8"):
        load_recording(path)


def test_unknown_format_rejected(tmp_path):
    with pytest.raises(ValueError, match="fmt must be one of json, csv"):
        save_recording(example_recording("positive"), tmp_path / "x.txt")


@pytest.mark.parametrize("stem", ["../evil", "a/b", "", ".hidden", "x" * 65, "a.b", "é"])
def test_safe_export_path_refuses_escapes(tmp_path, stem):
    with pytest.raises(ValueError, match="not allowed"):
        safe_export_path(tmp_path, stem, "json")


def test_safe_export_path_inside_folder(tmp_path):
    path = safe_export_path(tmp_path, "case_01", "csv")
    assert path.parent == tmp_path.resolve()
    assert path.name == "case_01.csv"
    with pytest.raises(ValueError, match="fmt must be one of"):
        safe_export_path(tmp_path, "case", "exe")


def test_save_type_error(tmp_path):
    with pytest.raises(TypeError, match="recording must be a SlumpRecording"):
        save_recording({"a": 1}, tmp_path / "x.json")
    assert not os.listdir(tmp_path)


# -- hardened import --------------------------------------------------------------------------


def test_an_oversized_file_is_rejected_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing written
    opened = []
    real_open = type(path).open
    monkeypatch.setattr(
        type(path), "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k)
    )
    with pytest.raises(RecordFormatError, match=r"huge\.json: is 209715200 bytes; .* at most"):
        load_recording(path)
    assert opened == [], "the file was opened although its size alone rules it out"


def _json_text(**changes):
    doc = json.loads(recording_to_json(example_recording("positive")))
    doc.update(changes)
    return json.dumps(doc)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("[" * 200_000 + "]" * 200_000, "nested far too deeply"),
        ('{"format_version": 1' + "0" * 5000 + "}", "has 5001 digits"),
        (_json_text()[:-1] + ', "label": "twice"}', "'label' appears twice"),
        (_json_text(format_version=1.0), r"format_version 1\.0 is not supported"),
        (_json_text(label="bad \ud800 text"), "lone surrogate"),
        (_json_text(notes="x" * (MAX_RECORD_BYTES + 1)), "recordings are at most"),
    ],
)
def test_hostile_json_is_rejected_with_a_record_format_error(text, pattern):
    with pytest.raises(RecordFormatError, match=pattern) as err:
        recording_from_json(text, file="case.json")
    assert str(err.value).startswith("case.json")


@pytest.mark.parametrize(
    ("column", "cell", "pattern"),
    [
        ("format_version", " 1", r"line 2, column 'format_version'"),
        ("format_version", "1.0", r"format_version '1\.0' is not supported"),
        ("intensity_0_10", "٦", r"column 'intensity_0_10'.*plain digits"),
        ("intensity_0_10", "06", r"column 'intensity_0_10'.*leading zero"),
        ("intensity_0_10", " 6", r"column 'intensity_0_10'"),
    ],
)
def test_csv_numbers_must_be_plain_ascii_digits(column, cell, pattern):
    rows = list(csv.reader(io.StringIO(recording_to_csv(example_recording("positive")))))
    finding = next(i for i, r in enumerate(rows) if r[1] == "finding")
    target = 1 if column == "format_version" else finding
    rows[target][CSV_COLUMNS.index(column)] = cell
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    with pytest.raises(RecordFormatError, match=pattern):
        recording_from_csv(out.getvalue(), file="case.csv")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_utf8_byte_order_mark_is_accepted(tmp_path, fmt):
    rec = example_recording("positive")
    text = recording_to_csv(rec) if fmt == "csv" else recording_to_json(rec)
    path = tmp_path / f"excel.{fmt}"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # Excel's "CSV UTF-8"
    assert load_recording(path) == rec


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=x", "''+y"]
)
def test_formula_cells_are_neutralised_and_round_trip(text):
    rec = SlumpRecording(label=text[:120], notes=text)
    exported = recording_to_csv(rec)
    for row in csv.reader(io.StringIO(exported)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert recording_from_csv(exported) == rec


# -- atomic writes ------------------------------------------------------------------------------


def test_replacing_a_file_keeps_its_mode_and_a_new_file_is_not_private(tmp_path):
    path = tmp_path / "case.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0o640)
    save_recording(example_recording("positive"), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    new = save_recording(example_recording("positive"), tmp_path / "new.json")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~mask


def test_writing_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("{}", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    save_recording(example_recording("normal"), link)
    assert link.is_symlink()
    assert load_recording(real) == example_recording("normal")


def test_stale_temp_files_of_a_killed_writer_are_swept(tmp_path):
    path = tmp_path / "case.json"
    stale = tmp_path / ".case.json.abc123_x.tmp"
    fresh = tmp_path / ".case.json.def456_y.tmp"
    other = tmp_path / ".other.json.abc123_x.tmp"
    for p in (stale, fresh, other):
        p.write_bytes(b"partial")
    old = time.time() - fileio.STALE_TEMP_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    save_recording(example_recording("normal"), path)
    assert not stale.exists(), "an orphan of ours, older than the limit, is removed"
    assert fresh.exists(), "a temp file of a writer still at work is left alone"
    assert other.exists(), "only temp files of the file being written are swept"


def test_an_unwritable_folder_names_the_target_not_the_temp_file(tmp_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".case.json.x.tmp"))

    monkeypatch.setattr(fileio.tempfile, "mkstemp", refuse)
    with pytest.raises(PermissionError) as err:
        save_recording(example_recording("normal"), tmp_path / "case.json")
    assert err.value.filename == str(tmp_path / "case.json")
    assert ".tmp" not in str(err.value)
