"""Saving and loading slump-test recordings: JSON and CSV, atomic, versioned, strict.

Both formats carry ``format_version`` (currently 1). Files are written with
:func:`anatomy_helpers.fileio.write_text_atomic`, so an interrupted save leaves the previous
file intact. Loading parses and validates the whole file before returning anything: a
malformed file raises :class:`RecordFormatError` naming the file, the place and the problem,
and nothing is half-loaded.

JSON layout::

    {
        "format": "anatomy_helpers.slump_recording",
        "format_version": 1,
        "label": "...",
        "notes": "...",
        "neck_release": {"left": "eased", "right": "unchanged"},
        "findings": [
            {
                "stage_id": "knee_extension",
                "side": "left",
                "present": true,
                "region_ids": ["posterior_calf"],
                "intensity_0_10": 6,
                "familiar": true,
            },
            ...,
        ],
    }

CSV layout: one row per item, columns :data:`CSV_COLUMNS`; ``row_kind`` is ``label``,
``notes``, ``neck_release`` or ``finding``. A cell a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a
leading apostrophe, and reading removes it again, so the text round-trips.

Reading is strict: a file over :data:`MAX_RECORD_BYTES`, JSON nested too deeply, an
over-long number, a duplicate key, a ``format_version`` other than the integer 1,
numbers written with spaces, leading zeros or non-ASCII digits, and text that is not
valid Unicode are all rejected with a :class:`RecordFormatError` that names the place. A
UTF-8 byte-order mark (Excel's "CSV UTF-8") is accepted.

References
----------
Recording fields follow the slump-test stages of :mod:`anatomy_helpers.slump` (maitland1985).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any

from anatomy_helpers.fileio import write_text_atomic
from anatomy_helpers.slump import SIDES, SlumpRecording, StageFinding

__all__ = [
    "CSV_COLUMNS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_RECORD_BYTES",
    "RecordFormatError",
    "load_recording",
    "recording_from_csv",
    "recording_from_json",
    "recording_to_csv",
    "recording_to_json",
    "safe_export_path",
    "save_recording",
]

FORMAT_NAME = "anatomy_helpers.slump_recording"
FORMAT_VERSION = 1
CSV_COLUMNS = (
    "format_version",
    "row_kind",
    "side",
    "stage_id",
    "present",
    "region_ids",
    "intensity_0_10",
    "familiar",
    "text",
)
_FORMATS = ("json", "csv")
_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
#: Largest recording file (bytes) that is read; a full recording is a few kilobytes.
MAX_RECORD_BYTES = 1_000_000
#: First characters that make a spreadsheet evaluate a cell (formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_INTENSITY = re.compile(r"10|[0-9]")  # ASCII digits, no sign, space or leading zero


class RecordFormatError(ValueError):
    """A recording file is malformed; the message names the file, the place and the problem."""

    def __init__(self, file: str, where: str | None, problem: str):
        self.file = file
        self.where = where
        self.problem = problem
        prefix = f"{file}, {where}" if where else file
        super().__init__(f"{prefix}: {problem}")


# -- to text --------------------------------------------------------------------------------


def _finding_dict(stage_id: str, side: str, f: StageFinding) -> dict[str, Any]:
    return {
        "stage_id": stage_id,
        "side": side,
        "present": f.present,
        "region_ids": list(f.region_ids),
        "intensity_0_10": f.intensity_0_10,
        "familiar": f.familiar,
    }


def recording_to_json(recording: SlumpRecording) -> str:
    """Serialise a recording as JSON text (UTF-8, versioned).

    Raises
    ------
    TypeError
        If ``recording`` is not a :class:`~anatomy_helpers.slump.SlumpRecording`.
    """
    _check_recording(recording)
    doc = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "label": recording.label,
        "notes": recording.notes,
        "neck_release": dict(recording.neck_release),
        "findings": [_finding_dict(st, sd, f) for (st, sd), f in recording.findings.items()],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _needs_guard(cell: str) -> bool:
    """True if a spreadsheet would evaluate the cell, or if it is such a cell already guarded."""
    if cell.startswith(_FORMULA_START):
        return True
    return cell.startswith("'") and _needs_guard(cell[1:])


def _guard(cell: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (prefix an apostrophe)."""
    return "'" + cell if _needs_guard(cell) else cell


def _unguard(cell: str) -> str:
    """Undo :func:`_guard`: the exact inverse, so every text round-trips."""
    return cell[1:] if cell.startswith("'") and _needs_guard(cell[1:]) else cell


def recording_to_csv(recording: SlumpRecording) -> str:
    """Serialise a recording as CSV text (columns :data:`CSV_COLUMNS`).

    Raises
    ------
    TypeError
        If ``recording`` is not a :class:`~anatomy_helpers.slump.SlumpRecording`.
    """
    _check_recording(recording)
    v = str(FORMAT_VERSION)
    rows = [
        list(CSV_COLUMNS),
        [v, "label", "", "", "", "", "", "", recording.label],
        [v, "notes", "", "", "", "", "", "", recording.notes],
    ]
    rows += [
        [v, "neck_release", side, "", "", "", "", "", recording.neck_release[side]]
        for side in SIDES
    ]
    rows += [
        [
            v,
            "finding",
            side,
            stage_id,
            "true" if f.present else "false",
            ";".join(f.region_ids),
            str(f.intensity_0_10),
            "true" if f.familiar else "false",
            "",
        ]
        for (stage_id, side), f in recording.findings.items()
    ]
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([[_guard(c) for c in r] for r in rows])
    return out.getvalue()


def _check_recording(recording: object) -> None:
    if not isinstance(recording, SlumpRecording):
        msg = f"recording must be a SlumpRecording, got {type(recording).__name__}"
        raise TypeError(msg)


# -- from text ------------------------------------------------------------------------------


def _finding(file: str, where: str, item: Any) -> tuple[tuple[str, str], StageFinding]:
    if not isinstance(item, dict):
        raise RecordFormatError(file, where, "each finding must be a JSON object")
    expected = {"stage_id", "side", "present", "region_ids", "intensity_0_10", "familiar"}
    missing = expected - set(item)
    if missing:
        raise RecordFormatError(file, where, f"missing field(s): {', '.join(sorted(missing))}")
    extra = set(item) - expected
    if extra:
        raise RecordFormatError(file, where, f"unknown field(s): {', '.join(sorted(extra))}")
    for name in ("present", "familiar"):
        if not isinstance(item[name], bool):
            raise RecordFormatError(file, f"{where}, field '{name}'", "must be true or false")
    regions = item["region_ids"]
    if not isinstance(regions, list) or not all(isinstance(r, str) for r in regions):
        raise RecordFormatError(file, f"{where}, field 'region_ids'", "must be a list of text")
    intensity = item["intensity_0_10"]
    if isinstance(intensity, bool) or not isinstance(intensity, int):
        raise RecordFormatError(
            file, f"{where}, field 'intensity_0_10'", "must be a whole number from 0 to 10"
        )
    for name in ("stage_id", "side"):
        if not isinstance(item[name], str):
            raise RecordFormatError(file, f"{where}, field '{name}'", "must be text")
    try:
        finding = StageFinding(item["present"], tuple(regions), intensity, item["familiar"])
    except (TypeError, ValueError) as exc:
        raise RecordFormatError(file, where, str(exc)) from None
    return (item["stage_id"], item["side"]), finding


def _build(
    file: str,
    findings: list[tuple[str, tuple[tuple[str, str], StageFinding]]],
    neck: dict[str, Any],
    label: Any,
    notes: Any,
) -> SlumpRecording:
    merged: dict[tuple[str, str], StageFinding] = {}
    for where, (key, finding) in findings:
        if key in merged:
            raise RecordFormatError(
                file, where, f"stage {key[0]!r} on the {key[1]} side is recorded twice"
            )
        merged[key] = finding
    try:
        return SlumpRecording(merged, neck, label, notes)
    except (TypeError, ValueError) as exc:
        raise RecordFormatError(file, None, str(exc)) from None


def _check_version(file: str, where: str, version: Any) -> None:
    if type(version) is not int or version != FORMAT_VERSION:
        raise RecordFormatError(
            file,
            where,
            f"format_version {version!r} is not supported; this version reads "
            f"{FORMAT_VERSION} (the whole number, as the writer puts it)",
        )


def _check_text_input(file: str, text: object) -> str:
    if not isinstance(text, str):
        msg = f"text must be the file's contents as a str, got {type(text).__name__}"
        raise TypeError(msg)
    if len(text) > MAX_RECORD_BYTES:
        raise RecordFormatError(
            file, None, f"is {len(text)} characters long; recordings are at most {MAX_RECORD_BYTES}"
        )
    return text.removeprefix("\ufeff")


class _RejectedError(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            msg = f"the key {key!r} appears twice in one object"
            raise _RejectedError(msg)
        out[key] = value
    return out


def _short_int(digits: str) -> int:
    if len(digits.lstrip("-")) > 18:
        msg = f"the number {digits[:12]}... has {len(digits)} digits; no field takes one that long"
        raise _RejectedError(msg)
    return int(digits)


def _parse_json(file: str, text: str) -> Any:
    """``json.loads`` that rejects duplicate keys, long numbers and deep nesting clearly."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_int=_short_int)
    except json.JSONDecodeError as exc:
        raise RecordFormatError(file, f"line {exc.lineno}", f"invalid JSON: {exc.msg}") from None
    except _RejectedError as exc:
        raise RecordFormatError(file, None, str(exc)) from None
    except RecursionError:
        raise RecordFormatError(file, None, "the JSON is nested far too deeply") from None
    except ValueError as exc:  # e.g. Python's limit on integer digits
        raise RecordFormatError(file, None, f"invalid JSON: {exc}") from None


def recording_from_json(text: str, *, file: str = "<json>") -> SlumpRecording:
    """Parse and validate JSON text written by :func:`recording_to_json`.

    Parameters
    ----------
    text : str
        The file contents.
    file : str
        Name used in error messages.

    Raises
    ------
    RecordFormatError
        For invalid JSON, a missing, unknown or wrongly typed field, an unsupported
        ``format_version``, or an invalid value; the message says where.
    """
    doc = _parse_json(file, _check_text_input(file, text))
    if not isinstance(doc, dict):
        raise RecordFormatError(file, None, "the top level must be a JSON object")
    expected = {"format", "format_version", "label", "notes", "neck_release", "findings"}
    missing = expected - set(doc)
    if missing:
        raise RecordFormatError(file, None, f"missing field(s): {', '.join(sorted(missing))}")
    extra = set(doc) - expected
    if extra:
        raise RecordFormatError(file, None, f"unknown field(s): {', '.join(sorted(extra))}")
    if doc["format"] != FORMAT_NAME:
        raise RecordFormatError(file, "field 'format'", f"expected {FORMAT_NAME!r}")
    _check_version(file, "field 'format_version'", doc["format_version"])
    for name in ("label", "notes"):
        if not isinstance(doc[name], str):
            raise RecordFormatError(file, f"field '{name}'", "must be text")
    if not isinstance(doc["neck_release"], dict):
        raise RecordFormatError(file, "field 'neck_release'", "must be an object of side: effect")
    if not isinstance(doc["findings"], list):
        raise RecordFormatError(file, "field 'findings'", "must be a list")
    findings = []
    for i, item in enumerate(doc["findings"], start=1):
        where = f"finding {i}"
        findings.append((where, _finding(file, where, item)))
    return _build(file, findings, doc["neck_release"], doc["label"], doc["notes"])


def _bool_cell(file: str, where: str, text: str) -> bool:
    if text == "true":
        return True
    if text == "false":
        return False
    raise RecordFormatError(file, where, f"{text!r} is not true or false")


def _csv_rows(file: str, text: object) -> list[list[str]]:
    text = _check_text_input(file, text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise RecordFormatError(file, None, f"not valid CSV: {exc}") from None
    if not rows:
        raise RecordFormatError(file, None, "the file is empty")
    if tuple(rows[0]) != CSV_COLUMNS:
        raise RecordFormatError(
            file, "line 1", f"the header must be exactly: {','.join(CSV_COLUMNS)}"
        )
    return [[_unguard(cell) for cell in row] for row in rows[1:]]


def _csv_cells(file: str, where: str, row: list[str]) -> dict[str, str]:
    if len(row) != len(CSV_COLUMNS):
        raise RecordFormatError(file, where, f"has {len(row)} cells; expected {len(CSV_COLUMNS)}")
    cells = dict(zip(CSV_COLUMNS, row, strict=True))
    version = cells["format_version"]
    _check_version(
        file,
        f"{where}, column 'format_version'",
        FORMAT_VERSION if version == str(FORMAT_VERSION) else version,
    )
    return cells


def _csv_finding(file: str, where: str, cells: dict[str, str]) -> Any:
    intensity = cells["intensity_0_10"]
    if not _INTENSITY.fullmatch(intensity):
        raise RecordFormatError(
            file,
            f"{where}, column 'intensity_0_10'",
            f"{intensity!r} is not a whole number 0-10 (plain digits, no spaces or leading zero)",
        )
    item = {
        "stage_id": cells["stage_id"],
        "side": cells["side"],
        "present": _bool_cell(file, f"{where}, column 'present'", cells["present"]),
        "region_ids": [r for r in cells["region_ids"].split(";") if r],
        "intensity_0_10": int(intensity),
        "familiar": _bool_cell(file, f"{where}, column 'familiar'", cells["familiar"]),
    }
    return _finding(file, where, item)


def recording_from_csv(text: str, *, file: str = "<csv>") -> SlumpRecording:
    """Parse and validate CSV text written by :func:`recording_to_csv`.

    Raises
    ------
    TypeError
        If ``text`` is not a str.
    RecordFormatError
        For a wrong header, a row with the wrong number of cells, an unknown row kind,
        an unsupported ``format_version``, a duplicate or invalid value; the message
        names the line and the column.
    """
    texts: dict[str, str] = {}
    neck: dict[str, str] = {}
    findings = []
    for line, row in enumerate(_csv_rows(file, text), start=2):
        where = f"line {line}"
        cells = _csv_cells(file, where, row)
        kind = cells["row_kind"]
        if kind in ("label", "notes"):
            if kind in texts:
                raise RecordFormatError(file, where, f"a second '{kind}' row")
            texts[kind] = cells["text"]
        elif kind == "neck_release":
            if cells["side"] in neck:
                raise RecordFormatError(
                    file, where, f"a second neck_release row for {cells['side']!r}"
                )
            neck[cells["side"]] = cells["text"]
        elif kind == "finding":
            findings.append((where, _csv_finding(file, where, cells)))
        else:
            raise RecordFormatError(
                file,
                f"{where}, column 'row_kind'",
                f"{kind!r} is not one of label, notes, neck_release, finding",
            )
    if set(texts) != {"label", "notes"}:
        raise RecordFormatError(file, None, "the 'label' and 'notes' rows are required")
    missing_sides = [s for s in SIDES if s not in neck]
    if missing_sides:
        raise RecordFormatError(
            file, None, f"missing neck_release row(s) for: {', '.join(missing_sides)}"
        )
    return _build(file, findings, neck, texts["label"], texts["notes"])


# -- files ----------------------------------------------------------------------------------


def _path(name: str, value: object) -> Path:
    if not isinstance(value, (str, os.PathLike)):
        msg = f"{name} must be a file path (str or os.PathLike), got {type(value).__name__}"
        raise TypeError(msg)
    if name == "path" and (not str(value) or Path(value).is_dir()):
        msg = f"path must name a file, got {str(value)!r} (a folder)"
        raise ValueError(msg)
    return Path(value)


def _format_of(path: Path, fmt: str | None) -> str:
    fmt = fmt or path.suffix.lstrip(".").lower()
    if fmt not in _FORMATS:
        msg = f"fmt must be one of {', '.join(_FORMATS)} (or use a .json/.csv name); got {fmt!r}"
        raise ValueError(msg)
    return fmt


def _read_capped(source: Path) -> bytes:
    """The file's bytes, refusing (before reading it all) anything over the size cap."""
    size = source.stat().st_size
    if size > MAX_RECORD_BYTES:
        raise RecordFormatError(
            source.name, None, f"is {size} bytes; recordings are at most {MAX_RECORD_BYTES} bytes"
        )
    with source.open("rb") as fh:
        data = fh.read(MAX_RECORD_BYTES + 1)
    if len(data) > MAX_RECORD_BYTES:  # grew while we looked, or not a regular file
        raise RecordFormatError(source.name, None, f"is over {MAX_RECORD_BYTES} bytes")
    return data


def save_recording(
    recording: SlumpRecording, path: str | os.PathLike[str], *, fmt: str | None = None
) -> Path:
    """Write a recording to ``path`` atomically (JSON or CSV by ``fmt`` or the suffix).

    Parameters
    ----------
    recording : SlumpRecording
        What to save.
    path : str or os.PathLike
        Target file; the previous file survives if the write fails part-way.
    fmt : {"json", "csv"}, optional
        Format; taken from the file suffix when omitted.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ValueError
        For an unknown format.
    """
    target = _path("path", path)
    fmt = _format_of(target, fmt)
    text = recording_to_json(recording) if fmt == "json" else recording_to_csv(recording)
    return write_text_atomic(target, text)


def load_recording(path: str | os.PathLike[str], *, fmt: str | None = None) -> SlumpRecording:
    """Read and validate a recording saved by :func:`save_recording`.

    Raises
    ------
    RecordFormatError
        For a malformed file or one over :data:`MAX_RECORD_BYTES` (nothing is returned,
        nothing half-loaded).
    TypeError
        If ``path`` is not a str or path.
    FileNotFoundError
        If the file does not exist.
    ValueError
        For an unknown format.
    """
    source = _path("path", path)
    fmt = _format_of(source, fmt)
    try:
        text = _read_capped(source).decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
    except UnicodeDecodeError as exc:
        raise RecordFormatError(source.name, None, f"not UTF-8 text: {exc.reason}") from None
    if fmt == "json":
        return recording_from_json(text, file=source.name)
    return recording_from_csv(text, file=source.name)


def safe_export_path(folder: str | os.PathLike[str], file_stem: str, fmt: str) -> Path:
    """The path for exporting into ``folder``, refusing anything that could escape it.

    Parameters
    ----------
    folder : str or os.PathLike
        The export folder (created when saving).
    file_stem : str
        File name without extension: 1-64 letters, digits, ``_`` or ``-``, starting with a
        letter or digit (no path separators, no dots).
    fmt : {"json", "csv"}
        Extension to add.

    Returns
    -------
    pathlib.Path
        ``folder / f"{file_stem}.{fmt}"``.

    Raises
    ------
    ValueError
        For a stem with other characters, or an unknown format.

    Examples
    --------
    >>> safe_export_path("records", "patient_a", "json").name
    'patient_a.json'
    """
    if fmt not in _FORMATS:
        msg = f"fmt must be one of {', '.join(_FORMATS)}; got {fmt!r}"
        raise ValueError(msg)
    if not isinstance(file_stem, str) or not _STEM.fullmatch(file_stem):
        msg = (
            f"file_stem {file_stem!r} is not allowed: use 1-64 letters, digits, '_' or '-', "
            "starting with a letter or digit (no folders, no dots)"
        )
        raise ValueError(msg)
    base = _path("folder", folder).resolve()
    target = (base / f"{file_stem}.{fmt}").resolve()
    if target.parent != base:
        msg = f"file_stem {file_stem!r} would leave the export folder"
        raise ValueError(msg)
    return target
