"""Reading a slump-test recording: positive, negative or inconclusive, with cited reasons.

The rules are in :func:`interpret`; the criteria it relies on are ``slump_criteria.csv``
and every sentence it writes is a template in ``slump_interpretation_text.csv``, cited and
linked to those criteria.

References
----------
maitland1985 and butler1991 (criteria as summarised by teaching sources, ``S``);
kuilart2005 and johnson_chiarello1997 (normal responses, ``V``); long2020 (red flags).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Literal

from anatomy_helpers.references import cite
from anatomy_helpers.regions import get_region
from anatomy_helpers.slump.recording import SlumpRecording
from anatomy_helpers.slump.stages import (
    SIDES,
    get_criterion,
    leg_stage_ids,
    load_slump_criteria,
    load_slump_normal_responses,
    recorded_stage_ids,
)
from anatomy_helpers.tables import FieldError, Verification, table_loader

__all__ = [
    "SIDE_STATUS_WORDS",
    "Interpretation",
    "InterpretationText",
    "interpret",
    "load_interpretation_text",
]

Result = Literal["positive", "negative", "inconclusive"]

#: What each side showed, in words (the statuses of :attr:`Interpretation.side_status`).
SIDE_STATUS_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "positive": "positive",
        "familiar_not_differentiated": "familiar symptoms not changed by the neck release",
        "familiar_neck_not_tested": "familiar symptoms, neck release not recorded",
        "familiar_spinal_only": "familiar symptoms with the spinal components only",
        "normal_response": "only unfamiliar (normal-type) symptoms",
        "no_symptoms": "no symptoms",
        "not_tested": "not tested",
    }
)

#: Placeholders a template may use (filled by :func:`interpret`; ``cite`` is the row's
#: own citation).
TEMPLATE_FIELDS = frozenset(
    {
        "Side",
        "Other",
        "where",
        "effect",
        "sides",
        "plural",
        "other_status",
        "behind_knee_pct",
        "relief_pct",
        "cite",
    }
)


@dataclass(frozen=True)
class InterpretationText:
    """One sentence :func:`interpret` can write, with the criteria and source behind it."""

    text_id: str
    template: str
    source_id: str
    verification: Verification
    locator: str
    criterion_ids: tuple[str, ...] = ()

    def check(self) -> None:
        """The template uses known placeholders only."""
        try:
            names = {f for _, f, _, _ in string.Formatter().parse(self.template) if f}
        except ValueError as exc:
            raise FieldError("template", f"is not a valid template: {exc}") from None
        unknown = sorted(names - TEMPLATE_FIELDS)
        if unknown:
            raise FieldError("template", f"unknown placeholder(s) {unknown}")


_TEXT_IDS = (
    "positive_side",
    "side_untested",
    "other_side_differs",
    "both_sides_same",
    "bilateral_red_flag",
    "familiar_not_differentiated",
    "familiar_neck_not_tested",
    "familiar_spinal_only",
    "negative",
    "normal_response",
    "normal_eased",
    "sides_similar",
    "sides_differ",
)


def _every_text_present(rows: tuple[InterpretationText, ...]) -> None:
    missing = sorted(set(_TEXT_IDS) - {r.text_id for r in rows})
    if missing:
        raise FieldError("text_id", f"interpret() needs the text(s) {', '.join(missing)}")


load_interpretation_text = table_loader(
    "slump_interpretation_text.csv",
    InterpretationText,
    key="text_id",
    references={"criterion_ids": "slump_criteria.csv", "text_id": _TEXT_IDS},
    check=_every_text_present,
)


@cache
def _texts() -> Mapping[str, InterpretationText]:
    return MappingProxyType({t.text_id: t for t in load_interpretation_text()})


@dataclass(frozen=True)
class Interpretation:
    """Result of :func:`interpret`.

    Attributes
    ----------
    result : {"positive", "negative", "inconclusive"}
        Overall reading.
    reasons : tuple of str
        Plain-language reasons, in order of importance.
    side_status : mapping of side to str
        What each side showed (``"positive"``, ``"normal_response"``...).
    criterion_ids : tuple of str
        Criteria (``slump_criteria.csv``) the reasons rely on, in table order.
    text_source_ids : tuple of str
        Sources of the sentences themselves (e.g. the red-flag prompt's).
    """

    result: Result
    reasons: tuple[str, ...]
    side_status: Mapping[str, str]
    criterion_ids: tuple[str, ...]
    text_source_ids: tuple[str, ...] = ()

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Bibliography keys behind the criteria used, then those of the sentences."""
        keys = [get_criterion(cid).source_id for cid in self.criterion_ids]
        return tuple(dict.fromkeys([*keys, *self.text_source_ids]))


@dataclass
class _Reasons:
    """Collects sentences, the criteria they rely on and their sources."""

    reasons: list[str] = field(default_factory=list)
    criteria: set[str] = field(default_factory=set)
    sources: dict[str, None] = field(default_factory=dict)

    def say(self, text_id: str, **values: str) -> str:
        text = _texts()[text_id]
        self.criteria.update(text.criterion_ids)
        self.sources.setdefault(text.source_id, None)
        return text.template.format(cite=cite(text.source_id), **values)

    def add(self, text_id: str, **values: str) -> None:
        self.reasons.append(self.say(text_id, **values))

    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(
            c.criterion_id for c in load_slump_criteria() if c.criterion_id in self.criteria
        )


# -- reading one side ------------------------------------------------------------------------
def _side_status(rec: SlumpRecording, side: str) -> str:
    legs = [rec.finding(s, side) for s in leg_stage_ids()]
    legs_tested = [f for f in legs if f is not None]
    if not legs_tested:
        return "not_tested"
    if any(f.present and f.familiar for f in legs_tested):
        return {
            "eased": "positive",
            "worse": "positive",
            "unchanged": "familiar_not_differentiated",
        }.get(rec.neck_release[side], "familiar_neck_not_tested")
    spinal = [rec.finding(s, side) for s in recorded_stage_ids() if s not in leg_stage_ids()]
    if any(f is not None and f.present and f.familiar for f in spinal):
        return "familiar_spinal_only"
    if any(f.present for f in legs_tested) or any(f is not None and f.present for f in spinal):
        return "normal_response"
    return "no_symptoms"


def _where(rec: SlumpRecording, side: str) -> str:
    regions: dict[str, None] = {}
    for stage in leg_stage_ids():
        f = rec.finding(stage, side)
        if f is not None and f.present:
            for r in f.region_ids:
                regions.setdefault(get_region(r).label.lower(), None)
    return ", ".join(regions) if regions else "no region recorded"


def _reported_percent(response_id: str) -> str:
    for row in load_slump_normal_responses():
        if row.response_id == response_id:
            return f"{row.percent:.1f} %"
    msg = f"normal response {response_id!r} is missing from slump_normal_responses.csv"
    raise ValueError(msg)


def _symmetric(rec: SlumpRecording) -> bool:
    for stage in leg_stage_ids():
        left, right = rec.finding(stage, "left"), rec.finding(stage, "right")
        if (left is None) != (right is None):
            return False
        if left is None or right is None:
            continue
        if left.present != right.present or left.region_ids != right.region_ids:
            return False
        if abs(left.intensity_0_10 - right.intensity_0_10) > 2:
            return False
    return rec.neck_release["left"] == rec.neck_release["right"]


# -- the reading ----------------------------------------------------------------------------
def _compare_positive_sides(out: _Reasons, status: Mapping[str, str], positives: list[str]) -> None:
    if len(positives) == 1:
        other = next(s for s in SIDES if s not in positives)
        out.add(
            "other_side_differs",
            Other=other.capitalize(),
            other_status=SIDE_STATUS_WORDS[status[other]],
        )
    else:
        out.reasons.append(f"{out.say('both_sides_same')} {out.say('bilateral_red_flag')}")


def _no_positive_side(out: _Reasons, status: Mapping[str, str]) -> Result:
    for side in SIDES:
        if status[side] in (
            "familiar_not_differentiated",
            "familiar_neck_not_tested",
            "familiar_spinal_only",
        ):
            out.add(status[side], Side=side.capitalize())
    if out.reasons:
        return "inconclusive"
    out.add("negative")
    return "negative"


def _normal_responses(out: _Reasons, rec: SlumpRecording, status: Mapping[str, str]) -> None:
    normal_sides = [s for s in SIDES if status[s] == "normal_response"]
    if not normal_sides:
        return
    text = out.say(
        "normal_response",
        sides=" and ".join(normal_sides),
        plural="s" if len(normal_sides) > 1 else "",
        where="; ".join(_where(rec, s) for s in normal_sides),
        behind_knee_pct=_reported_percent("kuilart_behind_knee"),
    )
    if any(rec.neck_release[s] == "eased" for s in normal_sides):
        text += out.say("normal_eased", relief_pct=_reported_percent("kuilart_relief_any"))
    out.reasons.append(text + ".")
    if len(normal_sides) == 2:
        out.add("sides_similar" if _symmetric(rec) else "sides_differ")


def interpret(recording: SlumpRecording) -> Interpretation:
    """Read a slump test recording as positive, negative or inconclusive, with reasons.

    Rules (criteria in ``slump_criteria.csv``; sentences in
    ``slump_interpretation_text.csv``):

    * A side is **positive** when the patient's familiar symptoms are reproduced by a leg
      component (knee extension, ankle dorsiflexion or the optional hip rotation) and
      change (ease or worsen) when the neck flexion is released.
    * The test is **positive** when at least one side is positive and the other side was
      tested; a side-to-side difference supports it; positive on both sides is reported
      with a prompt to screen for cauda equina red flags (bilateral leg symptoms).
    * Unfamiliar symptoms (e.g. a stretch behind the knee), even if they ease with neck
      release, are **normal responses** (Kuilart 2005: 66.7 % behind the knee; 83.3 %
      eased with the neck released).
    * **Inconclusive** when a side was not tested, when familiar symptoms were reproduced
      but the neck release was not tested or did not change them, or when familiar
      symptoms came only with the spinal components.
    * Otherwise **negative**.

    Parameters
    ----------
    recording : SlumpRecording
        The findings.

    Returns
    -------
    Interpretation
        Result, reasons and the criteria relied on.

    Raises
    ------
    TypeError
        If ``recording`` is not a :class:`SlumpRecording`.

    References
    ----------
    maitland1985 and butler1991 (criteria as summarised by teaching sources, ``S``);
    kuilart2005 and johnson_chiarello1997 (normal responses, ``V``); long2020.

    Examples
    --------
    >>> from anatomy_helpers.slump import example_recording
    >>> interpret(example_recording("positive")).result
    'positive'
    >>> interpret(example_recording("normal")).result
    'negative'
    """
    if not isinstance(recording, SlumpRecording):
        msg = f"recording must be a SlumpRecording, got {type(recording).__name__}"
        raise TypeError(msg)
    status = {side: _side_status(recording, side) for side in SIDES}
    out = _Reasons()
    positives = [s for s in SIDES if status[s] == "positive"]
    untested = [s for s in SIDES if status[s] == "not_tested"]
    for side in positives:
        effect = "eased" if recording.neck_release[side] == "eased" else "got worse"
        out.add(
            "positive_side", Side=side.capitalize(), where=_where(recording, side), effect=effect
        )
    if untested:
        result: Result = "inconclusive"
        out.add("side_untested", sides=" and ".join(untested))
    elif positives:
        result = "positive"
        _compare_positive_sides(out, status, positives)
    else:
        result = _no_positive_side(out, status)
    _normal_responses(out, recording, status)
    sources = tuple(out.sources)
    return Interpretation(
        result, tuple(out.reasons), MappingProxyType(status), out.criterion_ids(), sources
    )
