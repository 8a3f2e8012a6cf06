"""Tests for saving and loading slump recordings (JSON/CSV, atomic, versioned, strict)."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anatomy_helpers import fileio
from anatomy_helpers.records import (
    CSV_COLUMNS,
    FORMAT_VERSION,
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
