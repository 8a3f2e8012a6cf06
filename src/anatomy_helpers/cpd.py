"""A continuing professional development (CPD) record of one notebook: fields and checks.

A clinician who works through a notebook, alone or in an in-service session, can take
away a one-page record for their CPD portfolio. What the record holds follows what
regulators ask a physiotherapist to keep, and each field cites where it comes from
(``data/cpd_record_fields.csv``):

* the date and what was done (the HCPC asks for a dated list of activities, and for what
  you did, what you learnt and how it benefited you and your service users);
* the type of learning activity, one of the HCPC's four kinds
  (``data/cpd_activity_types.csv``);
* the time spent, as the person declares it (the Physiotherapy Board of Australia asks
  for a log of CPD hours);
* the notebook's learning objectives and the person's self-check results this session;
* their reflection: what they learnt, and how it will improve their practice and benefit
  the people they treat (HCPC standards 3 and 4).

This module is pure: it validates and holds a :class:`CpdRecord`. The page is drawn by
:mod:`anatomy_helpers.documents.cpd_record`; the form is
:mod:`anatomy_helpers.widgets.cpd_record`. Nothing is stored: a record exists only while
it is built and handed to the person's browser.

References
----------
HCPC CPD standards (``hcpc_cpd_standards``); HCPC CPD guidance (``hcpc_cpd_guidance``);
HCPC 2019 (``hcpc_cpd_audit2019``); Physiotherapy Board of Australia 2015 (``pba_cpd2015``).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from anatomy_helpers.selfcheck import (
    QuestionResult,
    QuizResults,
    QuizScore,
    load_question_bank,
    question_bank_names,
    session_results,
)
from anatomy_helpers.tables import FieldError, Verification, table_loader
from anatomy_helpers.validation import check_whole_number

__all__ = [
    "MAX_MINUTES",
    "MAX_NAME_CHARS",
    "CpdActivityType",
    "CpdField",
    "CpdRecord",
    "cpd_source_ids",
    "load_cpd_activity_types",
    "load_cpd_fields",
    "make_cpd_record",
    "reflection_fields",
]

#: Longest time one record may declare (minutes): a working day of ten hours.
MAX_MINUTES = 600
#: Longest name on a record (characters).
MAX_NAME_CHARS = 120
#: Longest notebook title or objective accepted (characters).
_MAX_LINE_CHARS = 400

FieldKind = Literal["fixed", "choice", "number", "text"]


@dataclass(frozen=True)
class CpdField:
    """One field of the CPD record and the scheme it comes from.

    Attributes
    ----------
    field_id : str
        Identifier (``"learning"``).
    label : str
        Heading on the record.
    kind : {"fixed", "choice", "number", "text"}
        ``fixed``: filled in from the notebook and the session; ``choice``, ``number``,
        ``text``: typed or chosen by the person.
    prompt : str or None
        What the form asks (fields the person fills in).
    required : bool
        Whether a record can be made without it.
    max_chars : int
        Longest text accepted (``text`` fields; 0 otherwise).
    source_id, verification, locator
        Where the field comes from.
    """

    field_id: str
    label: str
    kind: FieldKind
    prompt: str | None
    required: bool
    max_chars: int
    source_id: str
    verification: Verification
    locator: str | None = None

    def check(self) -> None:
        """A person-filled field has a prompt; only text fields have a length limit."""
        if self.kind != "fixed" and not self.prompt:
            raise FieldError("prompt", "a field the person fills in needs a prompt")
        if (self.kind == "text") != (self.max_chars > 0):
            raise FieldError("max_chars", "must be > 0 for text fields and 0 for the others")


@dataclass(frozen=True)
class CpdActivityType:
    """A kind of CPD activity, with an example, as the regulator names it."""

    activity_type: str
    label: str
    examples: str
    source_id: str
    verification: Verification
    locator: str | None = None


load_cpd_fields = table_loader("cpd_record_fields.csv", CpdField, key="field_id", tags="VS")
load_cpd_activity_types = table_loader(
    "cpd_activity_types.csv", CpdActivityType, key="activity_type", tags="VS"
)


def reflection_fields() -> tuple[CpdField, ...]:
    """The fields the person writes (``kind == "text"``), in record order."""
    return tuple(f for f in load_cpd_fields() if f.kind == "text")


def cpd_source_ids() -> tuple[str, ...]:
    """Every source the record's fields and activity types cite (sorted, unique)."""
    keys = {f.source_id for f in load_cpd_fields()}
    keys |= {t.source_id for t in load_cpd_activity_types()}
    return tuple(sorted(keys))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _clean_text(name: str, value: object, max_chars: int, *, one_line: bool) -> str:
    """Text as typed, made safe to keep: str, no control characters, within a length."""
    if not isinstance(value, str):
        msg = f"{name} must be a str, got {type(value).__name__}"
        raise TypeError(msg)
    text = value.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> '?'
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text.replace("\t", " ")).strip()
    if one_line:
        text = " ".join(text.split())
    if len(text) > max_chars:
        msg = f"{name} has {len(text)} characters; at most {max_chars} are allowed"
        raise ValueError(msg)
    return text


@dataclass(frozen=True)
class CpdRecord:
    """One CPD record, validated on creation.

    Attributes
    ----------
    notebook : str
        Notebook stem (``"03_slump_test"``).
    title : str
        Notebook title.
    objectives : tuple of str
        Its learning objectives.
    day : datetime.date
        Date of the record.
    minutes_spent : int
        Time spent as declared by the person, 1 to :data:`MAX_MINUTES` minutes.
    activity_type : str
        A key of ``cpd_activity_types.csv``.
    results : tuple of QuestionResult
        One per question of the notebook's bank.
    score : QuizScore
        Counts over those questions.
    reflections : tuple of (str, str)
        ``(field_id, text)`` for every reflection field, in record order.
    name : str
        The person's name ('' when not given).

    Raises
    ------
    ValueError, TypeError
        Naming the attribute and what is allowed.
    """

    notebook: str
    title: str
    objectives: tuple[str, ...]
    day: _dt.date
    minutes_spent: int
    activity_type: str
    results: tuple[QuestionResult, ...]
    score: QuizScore
    reflections: tuple[tuple[str, str], ...]
    name: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.notebook, str) or not re.fullmatch(
            r"\d\d_[a-z0-9_]+", self.notebook
        ):
            msg = f"notebook must be a notebook stem such as '03_slump_test', got {self.notebook!r}"
            raise ValueError(msg)
        if not isinstance(self.title, str) or not self.title.strip():
            msg = "title must be the notebook's title (a non-empty str)"
            raise ValueError(msg)
        if not isinstance(self.objectives, tuple) or not all(
            isinstance(o, str) and o.strip() for o in self.objectives
        ):
            msg = "objectives must be a tuple of non-empty str"
            raise TypeError(msg)
        if not isinstance(self.day, _dt.date) or isinstance(self.day, _dt.datetime):
            msg = f"day must be a datetime.date, got {type(self.day).__name__}"
            raise TypeError(msg)
        minutes = check_whole_number("minutes_spent", self.minutes_spent, 1, MAX_MINUTES)
        object.__setattr__(self, "minutes_spent", minutes)
        types = {t.activity_type for t in load_cpd_activity_types()}
        if not isinstance(self.activity_type, str) or self.activity_type not in types:
            allowed = ", ".join(sorted(types))
            msg = f"activity_type must be one of {allowed}, got {self.activity_type!r}"
            raise ValueError(msg)
        if not all(isinstance(r, QuestionResult) for r in self.results):
            msg = "results must be a tuple of QuestionResult"
            raise TypeError(msg)
        if not isinstance(self.score, QuizScore):
            msg = f"score must be a QuizScore, got {type(self.score).__name__}"
            raise TypeError(msg)
        expected = [f.field_id for f in reflection_fields()]
        if [k for k, _ in self.reflections] != expected:
            msg = f"reflections must give, in order, the fields {expected}"
            raise ValueError(msg)

    def reflection(self, field_id: str) -> str:
        """The text written for one reflection field ('' when left empty).

        Raises
        ------
        ValueError
            If ``field_id`` is not a reflection field (the message lists them).
        """
        for key, text in self.reflections:
            if key == field_id:
                return text
        ids = ", ".join(k for k, _ in self.reflections)
        msg = f"field_id {field_id!r} is not a reflection field; fields: {ids}"
        raise ValueError(msg)

    @property
    def activity_label(self) -> str:
        """The activity type's name (``"Self-directed learning"``)."""
        return next(
            t.label for t in load_cpd_activity_types() if t.activity_type == self.activity_type
        )


def make_cpd_record(
    notebook: str,
    *,
    title: str,
    objectives: Sequence[str],
    minutes_spent: int,
    activity_type: str,
    reflections: Mapping[str, str],
    name: str = "",
    results: QuizResults | None = None,
    day: _dt.date | None = None,
) -> CpdRecord:
    """Build a CPD record from what the person entered and this session's self-checks.

    Parameters
    ----------
    notebook : str
        Notebook stem; its question bank (if it has one) lists the self-check questions.
    title : str
        Notebook title.
    objectives : sequence of str
        The notebook's learning objectives.
    minutes_spent : int
        Time spent as the person declares it (min), 1 to :data:`MAX_MINUTES`.
    activity_type : str
        A key of ``cpd_activity_types.csv`` (e.g. ``"self_directed"``).
    reflections : mapping of str to str
        Text per reflection field id (:func:`reflection_fields`); missing optional fields
        count as empty. Typed text is kept as typed (control characters removed).
    name : str, optional
        The person's name, at most :data:`MAX_NAME_CHARS` characters.
    results : QuizResults, optional
        Where the answers were recorded (default: :func:`session_results` of the notebook).
    day : datetime.date, optional
        Date of the record (default: today).

    Returns
    -------
    CpdRecord
        Validated.

    Raises
    ------
    ValueError
        For a notebook stem of another form, a required reflection left empty, text that is too
        long, a time outside 1 to :data:`MAX_MINUTES` min or an unknown activity type
        (each message names the parameter).
    TypeError
        For arguments of the wrong type.
    """
    if not isinstance(notebook, str):
        msg = f"notebook must be a notebook stem such as '03_slump_test', got {notebook!r}"
        raise TypeError(msg)
    bank = load_question_bank(notebook) if notebook in question_bank_names() else ()
    if results is None:
        results = session_results(notebook)
    if not isinstance(results, QuizResults):
        msg = f"results must be a QuizResults, got {type(results).__name__}"
        raise TypeError(msg)
    if results.notebook != notebook:
        msg = f"results belong to {results.notebook!r}, not to notebook {notebook!r}"
        raise ValueError(msg)
    if not isinstance(reflections, Mapping):
        msg = f"reflections must be a mapping of field id to text, got {reflections!r}"
        raise TypeError(msg)
    fields = reflection_fields()
    unknown = set(reflections) - {f.field_id for f in fields}
    if unknown:
        ids = ", ".join(f.field_id for f in fields)
        msg = f"reflections has unknown field(s) {sorted(unknown)}; fields: {ids}"
        raise ValueError(msg)
    written = []
    for f in fields:
        text = _clean_text(
            f"reflections[{f.field_id!r}]",
            reflections.get(f.field_id, ""),
            f.max_chars,
            one_line=False,
        )
        if f.required and not text:
            msg = f"reflections[{f.field_id!r}] is required: {f.prompt}"
            raise ValueError(msg)
        written.append((f.field_id, text))
    if isinstance(objectives, (str, bytes)) or not isinstance(objectives, Sequence):
        msg = f"objectives must be a sequence of str, got {type(objectives).__name__}"
        raise TypeError(msg)
    return CpdRecord(
        notebook=notebook,
        title=_clean_text("title", title, _MAX_LINE_CHARS, one_line=True),
        objectives=tuple(
            _clean_text(f"objectives[{i}]", o, _MAX_LINE_CHARS, one_line=True)
            for i, o in enumerate(objectives)
        ),
        day=_dt.date.today() if day is None else day,
        minutes_spent=minutes_spent,
        activity_type=activity_type,
        results=results.question_results(bank),
        score=results.score(bank),
        reflections=tuple(written),
        name=_clean_text("name", name, MAX_NAME_CHARS, one_line=True),
    )
