"""Recording a slump test: findings per stage and side, and the neck-release effect.

Saving and loading recordings is in :mod:`anatomy_helpers.records`.

References
----------
maitland1985 (the stages at which findings are recorded)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from anatomy_helpers.regions import body_region_ids
from anatomy_helpers.slump.stages import NECK_RELEASE_EFFECTS, SIDES, get_stage, recorded_stage_ids

__all__ = ["SlumpRecording", "StageFinding"]


@dataclass(frozen=True)
class StageFinding:
    """What the patient reported at one stage on one side.

    Parameters
    ----------
    present : bool
        Whether any symptom was felt.
    region_ids : tuple of str
        Where (ids of :mod:`anatomy_helpers.regions`); empty when ``present`` is False.
    intensity_0_10 : int
        Intensity on a 0-10 numeric rating scale; 0 when ``present`` is False.
    familiar : bool
        Whether it is the patient's familiar (usual) symptom; False when absent.

    Raises
    ------
    TypeError, ValueError
        For a value of the wrong type or outside its range, or an absent symptom with a
        location, intensity or familiarity.
    """

    present: bool = False
    region_ids: tuple[str, ...] = ()
    intensity_0_10: int = 0
    familiar: bool = False

    def __post_init__(self) -> None:
        for name in ("present", "familiar"):
            if not isinstance(getattr(self, name), bool):
                msg = f"{name} must be True or False, got {getattr(self, name)!r}"
                raise TypeError(msg)
        regions = _check_regions(self.region_ids)
        # Keep a canonical order (the region table's) so equal findings compare equal.
        object.__setattr__(self, "region_ids", regions)
        value = _check_intensity(self.intensity_0_10)
        object.__setattr__(self, "intensity_0_10", value)
        if not self.present and (regions or value or self.familiar):
            msg = (
                "a finding with present=False cannot have region_ids, an intensity above 0 "
                "or familiar=True"
            )
            raise ValueError(msg)


def _check_regions(region_ids: object) -> tuple[str, ...]:
    if isinstance(region_ids, str) or not isinstance(region_ids, (tuple, list)):
        msg = f"region_ids must be a tuple of region ids, got {region_ids!r}"
        raise TypeError(msg)
    regions = tuple(region_ids)
    known = body_region_ids()
    for region in regions:
        if not isinstance(region, str) or region not in known:
            msg = f"unknown body region {region!r} in region_ids; valid: {', '.join(known)}"
            raise ValueError(msg)
    if len(set(regions)) != len(regions):
        msg = f"region_ids lists a region twice: {regions}"
        raise ValueError(msg)
    return tuple(r for r in known if r in regions)


def _check_intensity(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"intensity_0_10 must be a whole number from 0 to 10, got {value!r}"
        raise TypeError(msg)
    if not isinstance(value, numbers.Integral) and (
        not math.isfinite(value) or value != int(value)
    ):
        msg = f"intensity_0_10 must be a whole number from 0 to 10, got {value!r}"
        raise ValueError(msg)
    if not 0 <= value <= 10:
        msg = f"intensity_0_10 = {value} is outside 0 to 10"
        raise ValueError(msg)
    return int(value)


def _key(stage_id: str, side: str) -> tuple[str, str]:
    stage = get_stage(stage_id)
    if not stage.records_findings:
        valid = ", ".join(recorded_stage_ids())
        msg = f"findings are not recorded at stage {stage_id!r}; recorded stages: {valid}"
        raise ValueError(msg)
    if side not in SIDES:
        msg = f"side must be one of {', '.join(SIDES)}; got {side!r}"
        raise ValueError(msg)
    return (stage_id, side)


@dataclass(frozen=True)
class SlumpRecording:
    """Findings of one slump test: per stage and side, plus the neck-release effect.

    Parameters
    ----------
    findings : mapping of (stage_id, side) to StageFinding
        Only stages actually performed; a missing key means "not tested".
    neck_release : mapping of side to str
        ``"eased"``, ``"unchanged"``, ``"worse"`` or ``"not_tested"`` per side (missing
        sides are ``"not_tested"``).
    label : str
        A short label (no patient-identifying details), up to 120 characters.
    notes : str
        Free-text notes, up to 2000 characters.

    Raises
    ------
    TypeError, ValueError
        For unknown stages, sides or effects, or over-long text.

    Examples
    --------
    >>> rec = SlumpRecording().with_finding(
    ...     "knee_extension", "left", StageFinding(True, ("popliteal_fossa",), 3, False)
    ... )
    >>> rec.finding("knee_extension", "left").intensity_0_10
    3
    """

    findings: Mapping[tuple[str, str], StageFinding] = field(default_factory=dict)
    neck_release: Mapping[str, str] = field(default_factory=dict)
    label: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "findings", _check_findings(self.findings))
        object.__setattr__(self, "neck_release", _check_neck_release(self.neck_release))
        for name, limit in (("label", 120), ("notes", 2000)):
            _check_text(name, getattr(self, name), limit)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SlumpRecording):
            return NotImplemented
        return (
            dict(self.findings) == dict(other.findings)
            and dict(self.neck_release) == dict(other.neck_release)
            and self.label == other.label
            and self.notes == other.notes
        )

    __hash__ = None  # type: ignore[assignment]

    def finding(self, stage_id: str, side: str) -> StageFinding | None:
        """The finding at a stage and side, or ``None`` if not tested."""
        return self.findings.get(_key(stage_id, side))

    def with_finding(
        self, stage_id: str, side: str, finding: StageFinding | None
    ) -> SlumpRecording:
        """A copy with one finding set (``None`` removes it: not tested)."""
        new = dict(self.findings)
        key = _key(stage_id, side)
        if finding is None:
            new.pop(key, None)
        else:
            new[key] = finding
        return SlumpRecording(new, dict(self.neck_release), self.label, self.notes)

    def with_neck_release(self, side: str, effect: str) -> SlumpRecording:
        """A copy with the neck-release effect of one side set."""
        if side not in SIDES:
            msg = f"side must be one of {', '.join(SIDES)}; got {side!r}"
            raise ValueError(msg)
        effects = {**self.neck_release, side: effect}
        return SlumpRecording(dict(self.findings), effects, self.label, self.notes)

    def with_text(self, *, label: str | None = None, notes: str | None = None) -> SlumpRecording:
        """A copy with a new label and/or notes."""
        return SlumpRecording(
            dict(self.findings),
            dict(self.neck_release),
            self.label if label is None else label,
            self.notes if notes is None else notes,
        )


def _check_findings(findings: object) -> Mapping[tuple[str, str], StageFinding]:
    if not isinstance(findings, Mapping):
        msg = f"findings must be a mapping, got {type(findings).__name__}"
        raise TypeError(msg)
    clean: dict[tuple[str, str], StageFinding] = {}
    for key, finding in findings.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            msg = f"findings keys must be (stage_id, side) pairs, got {key!r}"
            raise TypeError(msg)
        if not isinstance(finding, StageFinding):
            msg = f"findings[{key!r}] must be a StageFinding, got {type(finding).__name__}"
            raise TypeError(msg)
        clean[_key(*key)] = finding
    order = {sid: i for i, sid in enumerate(recorded_stage_ids())}
    ordered = sorted(clean.items(), key=lambda kv: (SIDES.index(kv[0][1]), order[kv[0][0]]))
    return MappingProxyType(dict(ordered))


def _check_neck_release(neck_release: object) -> Mapping[str, str]:
    if not isinstance(neck_release, Mapping):
        msg = f"neck_release must be a mapping of side to effect, got {neck_release!r}"
        raise TypeError(msg)
    unknown = [s for s in neck_release if s not in SIDES]
    if unknown:
        msg = f"neck_release has unknown side(s) {unknown!r}; sides: {', '.join(SIDES)}"
        raise ValueError(msg)
    effects = {}
    for side in SIDES:
        effect = neck_release.get(side, "not_tested")
        if not isinstance(effect, str) or effect not in NECK_RELEASE_EFFECTS:
            msg = f"neck_release[{side!r}] = {effect!r}; allowed: {', '.join(NECK_RELEASE_EFFECTS)}"
            raise ValueError(msg)
        effects[side] = effect
    return MappingProxyType(effects)


def _check_text(name: str, value: object, limit: int) -> None:
    """Free text: a str within its length limit, with no NUL and no lone surrogate."""
    if not isinstance(value, str):
        msg = f"{name} must be text, got {type(value).__name__}"
        raise TypeError(msg)
    if len(value) > limit:
        msg = f"{name} is {len(value)} characters long; the limit is {limit}"
        raise ValueError(msg)
    if "\x00" in value:
        msg = f"{name} must not contain NUL characters"
        raise ValueError(msg)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        msg = (
            f"{name} holds a character that is not valid text (a lone surrogate at "
            f"position {exc.start}); it could not be saved"
        )
        raise ValueError(msg) from None
