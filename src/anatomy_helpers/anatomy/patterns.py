"""From examination findings to ranked roots and nerves, with cited reasons (a teaching aid).

References
----------
engstrom_deyo2015 (root signs); hanna2015, dartmouth_humananatomy, statpearls_foot_nerves,
wvu_tibial_page (nerve territories and muscles)
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from anatomy_helpers.anatomy.data import (
    FINDING_KINDS,
    MOVEMENTS,
    REFLEXES,
    TENSION_SIGNS,
    MuscleSupply,
    Territory,
)
from anatomy_helpers.anatomy.graph import (
    SIGN_ROOTS,
    get_node,
    muscles_of,
    root_signs,
    territory_of,
)
from anatomy_helpers.regions import body_region_ids, get_region
from anatomy_helpers.tables import FieldError, Verification, table_loader

__all__ = [
    "Candidate",
    "FindingPreset",
    "Findings",
    "Reason",
    "finding_presets",
    "load_finding_presets",
    "match_pattern",
]


def _vocabularies() -> dict[str, tuple[str, ...]]:
    return {
        "numb_regions": body_region_ids(),
        "weak_movements": tuple(MOVEMENTS),
        "reduced_reflexes": tuple(REFLEXES),
        "positive_tests": tuple(TENSION_SIGNS),
    }


@dataclass(frozen=True)
class Findings:
    """Examination findings for :func:`match_pattern`.

    Attributes
    ----------
    numb_regions : tuple of str
        Shared region ids with reduced sensation.
    weak_movements : tuple of str
        Keys of :data:`MOVEMENTS`.
    reduced_reflexes : tuple of str
        Keys of :data:`REFLEXES`.
    positive_tests : tuple of str
        Keys of :data:`TENSION_SIGNS`.
    """

    numb_regions: tuple[str, ...] = ()
    weak_movements: tuple[str, ...] = ()
    reduced_reflexes: tuple[str, ...] = ()
    positive_tests: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name, valid in _vocabularies().items():
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            try:
                value = tuple(value)
            except TypeError:
                msg = f"{name} must be a list of names, got {type(value).__name__}"
                raise TypeError(msg) from None
            unknown = [v for v in value if not isinstance(v, str) or v not in valid]
            if unknown:
                msg = f"unknown {name} {unknown}; valid {name}: {', '.join(valid)}"
                raise ValueError(msg)
            object.__setattr__(self, name, tuple(dict.fromkeys(value)))

    @property
    def empty(self) -> bool:
        """True when nothing is ticked."""
        return not (
            self.numb_regions or self.weak_movements or self.reduced_reflexes or self.positive_tests
        )


# -- typical presentations -----------------------------------------------------------------
@dataclass(frozen=True)
class FindingPreset:
    """A typical presentation, built only from findings its source tabulates.

    Attributes
    ----------
    preset_id, label : str
        Key and the name shown on its button.
    explained_by : str
        The root or nerve whose cited rows list every finding of the preset.
    numb_regions, weak_movements, reduced_reflexes : tuple of str
        The findings (as in :class:`Findings`).
    source_id, verification, locator : str
        Citation of those rows.
    """

    preset_id: str
    label: str
    explained_by: str
    source_id: str
    verification: Verification
    locator: str
    numb_regions: tuple[str, ...] = ()
    weak_movements: tuple[str, ...] = ()
    reduced_reflexes: tuple[str, ...] = ()

    def findings(self) -> dict[str, tuple[str, ...]]:
        """The findings as the mapping :func:`match_pattern` and the explorer take."""
        return {
            "numb_regions": self.numb_regions,
            "weak_movements": self.weak_movements,
            "reduced_reflexes": self.reduced_reflexes,
        }


def _explained_findings(node_id: str) -> dict[str, set[str]]:
    """Findings the cited rows of a root or nerve (with its branches) account for."""
    if node_id in SIGN_ROOTS:
        signs = root_signs(node_id)
        return {
            "numb_regions": {s.value for s in signs if s.finding == "sensory"},
            "weak_movements": {s.value for s in signs if s.finding == "weakness"},
            "reduced_reflexes": {s.value for s in signs if s.finding == "reflex"},
        }
    return {
        "numb_regions": {t.region_id for t in territory_of(node_id)},
        "weak_movements": {m.movement for m in muscles_of(node_id) if m.movement},
        "reduced_reflexes": set(),
    }


def _presets_are_explained(presets: tuple[FindingPreset, ...]) -> None:
    """Table rule: each preset holds only findings its ``explained_by`` rows list."""
    for index, preset in enumerate(presets):
        if not any(preset.findings().values()):
            raise FieldError("numb_regions", "a preset needs at least one finding", record=index)
        explained = _explained_findings(preset.explained_by)
        for kind, values in preset.findings().items():
            extra = sorted(set(values) - explained[kind])
            if extra:
                problem = f"{extra} are not findings of {preset.explained_by} in its cited rows"
                raise FieldError(kind, problem, record=index)


#: Typical presentations for the "Match findings" mode (``anatomy_finding_presets.csv``).
load_finding_presets = table_loader(
    "anatomy_finding_presets.csv",
    FindingPreset,
    key="preset_id",
    unique=["label"],
    references={
        "explained_by": "anatomy_nodes.csv",
        "numb_regions": "body_regions.csv:region_id",
        "weak_movements": tuple(MOVEMENTS),
        "reduced_reflexes": tuple(REFLEXES),
    },
    check=_presets_are_explained,
)


def finding_presets() -> dict[str, dict[str, tuple[str, ...]]]:
    """Typical presentations by label, as findings mappings (table order).

    Examples
    --------
    >>> finding_presets()["Typical S1"]["reduced_reflexes"]
    ('ankle_jerk',)
    """
    return {p.label: p.findings() for p in load_finding_presets()}


# -- scoring -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reason:
    """One scored reason: a finding explained (positive points) or not (negative)."""

    text: str
    points: float
    source_id: str
    verification: str


@dataclass(frozen=True)
class Candidate:
    """A root or nerve ranked by :func:`match_pattern`."""

    candidate_id: str
    label: str
    kind: Literal["root", "nerve"]
    sciatic_system: bool
    score: float
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @property
    def explained(self) -> int:
        """Number of findings this candidate explains."""
        return sum(1 for r in self.reasons if r.points > 0)


#: Points per explained/unexplained finding (a teaching heuristic, not a validated score).
_POINTS = {
    "sensory": 2.0,
    "weakness": 2.0,
    "reflex": 3.0,
    "tension_sign": 1.0,
    "secondary": 0.75,
    "miss": -1.0,
}
_CANDIDATE_NERVES = (
    "sciatic",
    "tibial",
    "common_fibular",
    "superficial_fibular",
    "deep_fibular",
    "sural",
    "medial_plantar",
    "lateral_plantar",
    "saphenous",
)


def _as_findings(findings: Findings | Mapping[str, Iterable[str]]) -> Findings:
    if isinstance(findings, Findings):
        return findings
    if not isinstance(findings, Mapping):
        msg = (
            "findings must be a Findings or a mapping with keys "
            f"{', '.join(FINDING_KINDS)}; got {type(findings).__name__}"
        )
        raise TypeError(msg)
    unknown = set(findings) - set(FINDING_KINDS)
    if unknown:
        msg = f"unknown finding kind(s) {sorted(unknown)}; valid kinds: {', '.join(FINDING_KINDS)}"
        raise ValueError(msg)
    return Findings(**dict(findings.items()))


def _region_label(region_id: str) -> str:
    return get_region(region_id).label.lower()


def _root_items(root: str, f: Findings) -> list[tuple[str, str, str, str]]:
    """(sign kind, value, text if it fits, text if it does not) for every finding."""
    items = []
    for region in f.numb_regions:
        label = _region_label(region)
        items.append(
            (
                "sensory",
                region,
                f"Numb {label} fits the {root} dermatome",
                f"Numb {label} is not in the {root} sensory area",
            )
        )
    for move in f.weak_movements:
        label = MOVEMENTS[move].lower()
        items.append(
            (
                "weakness",
                move,
                f"Weak {label} fits {root}",
                f"Weak {label} is not an {root} key muscle",
            )
        )
    for reflex in f.reduced_reflexes:
        label = REFLEXES[reflex].lower()
        items.append(
            (
                "reflex",
                reflex,
                f"Reduced {label} fits {root}",
                f"A reduced {label} is not the {root} reflex",
            )
        )
    for test in f.positive_tests:
        label = TENSION_SIGNS[test].lower()
        items.append(
            (
                "tension_sign",
                test,
                f"Positive {label} fits {root}",
                f"A positive {label} is not the {root} tension sign",
            )
        )
    return items


def _score_root(root: str, f: Findings) -> Candidate:
    by = {(s.finding, s.value): s for s in root_signs(root)}
    reasons: list[Reason] = []
    for kind, value, text_hit, text_miss in _root_items(root, f):
        sign = by.get((kind, value))
        if sign is None:
            reasons.append(Reason(text_miss, _POINTS["miss"], "engstrom_deyo2015", "V"))
            continue
        primary = sign.verification == "V"
        pts = _POINTS[kind] * (1.0 if primary else _POINTS["secondary"])
        note = "" if primary else " (secondary source only)"
        reasons.append(
            Reason(f"{text_hit}: {sign.label}{note}", pts, sign.source_id, sign.verification)
        )
    score = round(sum(r.points for r in reasons), 2)
    return Candidate(root, get_node(root).label, "root", True, score, tuple(reasons))


def _territory_reasons(nerve: str, f: Findings) -> list[Reason]:
    node = get_node(nerve)
    terr: dict[str, Territory] = {t.region_id: t for t in reversed(territory_of(nerve))}
    reasons = []
    for region in f.numb_regions:
        label = _region_label(region)
        t = terr.get(region)
        if t is None:
            text = f"Numb {label} is outside its skin territory"
            reasons.append(Reason(text, _POINTS["miss"], node.source_id, node.verification))
            continue
        via = "" if t.nerve_id == nerve else f" (via the {get_node(t.nerve_id).label})"
        text = f"Numb {label} is in its skin territory{via}"
        reasons.append(Reason(text, _POINTS["sensory"], t.source_id, t.verification))
    return reasons


def _muscle_reasons(nerve: str, f: Findings) -> list[Reason]:
    node = get_node(nerve)
    moves: dict[str, MuscleSupply] = {
        m.movement: m for m in reversed(muscles_of(nerve)) if m.movement
    }
    reasons = []
    for move in f.weak_movements:
        label = MOVEMENTS[move].lower()
        m = moves.get(move)
        if m is None:
            text = f"Weak {label} is not explained by its listed muscles"
            reasons.append(Reason(text, _POINTS["miss"], node.source_id, node.verification))
            continue
        via = "" if m.nerve_id == nerve else f" via the {get_node(m.nerve_id).label}"
        text = f"Weak {label}: it supplies {m.muscle}{via}"
        reasons.append(Reason(text, _POINTS["weakness"], m.source_id, m.verification))
    return reasons


def _root_only_reasons(f: Findings) -> list[Reason]:
    """Reflexes and tension signs are scored for roots only (0 points for a nerve)."""
    reasons = [
        Reason(
            f"Reduced {REFLEXES[reflex].lower()}: reflexes are scored for roots only here "
            "(this collection does not tabulate reflex arcs by peripheral nerve)",
            0.0,
            "engstrom_deyo2015",
            "V",
        )
        for reflex in f.reduced_reflexes
    ]
    reasons += [
        Reason(
            f"Positive {TENSION_SIGNS[test].lower()}: tension signs are scored for roots only",
            0.0,
            "engstrom_deyo2015",
            "V",
        )
        for test in f.positive_tests
    ]
    return reasons


def _score_nerve(nerve: str, f: Findings) -> Candidate:
    node = get_node(nerve)
    reasons = _territory_reasons(nerve, f) + _muscle_reasons(nerve, f) + _root_only_reasons(f)
    if not node.sciatic_system:
        reasons.append(
            Reason(f"Not sciatic: {node.clinical_note}", 0.0, node.source_id, node.verification)
        )
    score = round(sum(r.points for r in reasons), 2)
    return Candidate(nerve, node.label, "nerve", node.sciatic_system, score, tuple(reasons))


@cache
def _breadth(node_id: str) -> int:
    """How much a candidate supplies (ties go to the more specific nerve)."""
    if get_node(node_id).kind == "root":
        return 0
    return len({t.region_id for t in territory_of(node_id)}) + len(muscles_of(node_id))


def _check_top(top: object) -> int | None:
    if top is None:
        return None
    if isinstance(top, bool) or not isinstance(top, numbers.Integral):
        msg = f"top must be a whole number of 1 or more, or None; got {type(top).__name__}"
        raise TypeError(msg)
    if top < 1:
        msg = f"top must be a whole number of 1 or more, or None; got {top}"
        raise ValueError(msg)
    return int(top)


def match_pattern(
    findings: Findings | Mapping[str, Iterable[str]], *, top: int | None = None
) -> tuple[Candidate, ...]:
    """Rank roots (L4, L5, S1) and nerves by how well they explain a set of findings.

    Each finding a candidate explains scores points (sensory 2, weakness 2, reflex 3,
    tension sign 1; findings read only in a secondary source count 0.75 times); each
    finding it does not explain costs 1. Reflexes and tension signs are scored for roots
    only. This is a transparent teaching heuristic for reasoning about patterns, not a
    validated diagnostic rule.

    Parameters
    ----------
    findings : Findings or mapping
        ``{"numb_regions": [...], "weak_movements": [...], "reduced_reflexes": [...],
        "positive_tests": [...]}`` (any subset of keys).
    top : int, optional
        Return only the best ``top`` candidates (1 or more).

    Returns
    -------
    tuple of Candidate
        Candidates with a positive score, best first (ties: more findings explained,
        then roots before nerves, then the more specific nerve). Empty when nothing is ticked.

    Raises
    ------
    TypeError, ValueError
        For unknown finding kinds or names (the message lists the valid ones), or a bad
        ``top``.

    Examples
    --------
    >>> best = match_pattern(
    ...     {"numb_regions": ["sole", "lateral_foot"], "reduced_reflexes": ["ankle_jerk"]}
    ... )[0]
    >>> best.candidate_id
    'S1'

    References
    ----------
    engstrom_deyo2015 (root signs); hanna2015, dartmouth_humananatomy,
    statpearls_foot_nerves, wvu_tibial_page (nerve territories and muscles)
    """
    f = _as_findings(findings)
    top = _check_top(top)
    if f.empty:
        return ()
    candidates = [_score_root(r, f) for r in SIGN_ROOTS]
    candidates += [_score_nerve(n, f) for n in _CANDIDATE_NERVES]
    order = {c.candidate_id: i for i, c in enumerate(candidates)}
    ranked = sorted(
        (c for c in candidates if c.score > 0),
        key=lambda c: (
            -c.score,
            -c.explained,
            c.kind != "root",
            _breadth(c.candidate_id),
            order[c.candidate_id],
        ),
    )
    return tuple(ranked[:top] if top else ranked)
