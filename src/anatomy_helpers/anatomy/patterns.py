"""From examination findings to ranked roots and nerves, with cited reasons (a teaching aid).

Findings can be recorded abnormal (numb, weak, reduced, positive) or examined and found
normal; a normal result counts against the candidates that predict it abnormal.

References
----------
engstrom_deyo2015 (root signs); heffernan1979 (tibialis posterior shares L5);
hanna2015, dartmouth_humananatomy, statpearls_foot_nerves, wvu_tibial_page,
lumen_tibialis_posterior (nerve territories and muscles)
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from anatomy_helpers.anatomy.data import (
    ABNORMAL_KINDS,
    FINDING_KINDS,
    MOVEMENTS,
    NORMAL_KINDS,
    REFLEXES,
    TENSION_SIGNS,
    MuscleSupply,
    RootSign,
    Territory,
    load_territories,
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
    "candidate_ids",
    "finding_presets",
    "load_finding_presets",
    "match_pattern",
    "predicted_findings",
    "score_candidate",
]


#: The nerves :func:`match_pattern` scores besides the roots of :data:`SIGN_ROOTS`.
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


def _vocabularies() -> dict[str, tuple[str, ...]]:
    regions, moves, reflexes = body_region_ids(), tuple(MOVEMENTS), tuple(REFLEXES)
    return {
        "numb_regions": regions,
        "weak_movements": moves,
        "reduced_reflexes": reflexes,
        "positive_tests": tuple(TENSION_SIGNS),
        "normal_sensation": regions,
        "normal_strength": moves,
        "normal_reflexes": reflexes,
    }


@dataclass(frozen=True)
class Findings:
    """Examination findings for :func:`match_pattern`: abnormal, and tested normal.

    An item that was not examined is simply left out. An item examined and found normal
    goes in one of the ``normal_*`` fields: it counts against a candidate that predicts it
    abnormal (see :func:`match_pattern`), and never for anything.

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
    normal_sensation : tuple of str
        Region ids where sensation was tested and found normal.
    normal_strength : tuple of str
        Movements tested and found strong (keys of :data:`MOVEMENTS`).
    normal_reflexes : tuple of str
        Reflexes tested and found normal (keys of :data:`REFLEXES`).

    Raises
    ------
    TypeError
        If a field is not a list of names.
    ValueError
        For an unknown name (the message lists the valid ones), or an item recorded both
        abnormal and normal (e.g. ``"sole"`` in ``numb_regions`` and ``normal_sensation``).
    """

    numb_regions: tuple[str, ...] = ()
    weak_movements: tuple[str, ...] = ()
    reduced_reflexes: tuple[str, ...] = ()
    positive_tests: tuple[str, ...] = ()
    normal_sensation: tuple[str, ...] = ()
    normal_strength: tuple[str, ...] = ()
    normal_reflexes: tuple[str, ...] = ()

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
        for normal, abnormal in NORMAL_KINDS.items():
            both = [v for v in getattr(self, normal) if v in getattr(self, abnormal)]
            if both:
                msg = (
                    f"{both} recorded both in {abnormal} and in {normal}; record each "
                    "examined item once, as abnormal or as normal"
                )
                raise ValueError(msg)

    @property
    def empty(self) -> bool:
        """True when nothing is recorded, abnormal or normal."""
        return not any(getattr(self, kind) for kind in FINDING_KINDS)

    @property
    def any_abnormal(self) -> bool:
        """True when at least one abnormal finding (something to explain) is recorded."""
        return any(getattr(self, kind) for kind in ABNORMAL_KINDS)


# -- typical presentations -----------------------------------------------------------------
@dataclass(frozen=True)
class FindingPreset:
    """A typical presentation, built only from findings its source tabulates.

    Attributes
    ----------
    preset_id, label : str
        Key and the name shown on its button.
    explained_by : str
        The candidate (one of :func:`candidate_ids`) whose cited rows predict every
        abnormal finding of the preset (and none of its normal ones).
    numb_regions, weak_movements, reduced_reflexes : tuple of str
        The abnormal findings (as in :class:`Findings`).
    normal_sensation, normal_strength, normal_reflexes : tuple of str
        Items examined and found normal (as in :class:`Findings`).
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
    normal_sensation: tuple[str, ...] = ()
    normal_strength: tuple[str, ...] = ()
    normal_reflexes: tuple[str, ...] = ()

    def findings(self) -> dict[str, tuple[str, ...]]:
        """The findings as the mapping :func:`match_pattern` takes (every preset kind)."""
        return {kind: getattr(self, kind) for kind in PRESET_KINDS}


#: The finding kinds a preset holds (the explorer records no tension signs).
PRESET_KINDS = ("numb_regions", "weak_movements", "reduced_reflexes", *NORMAL_KINDS)


def _presets_are_explained(presets: tuple[FindingPreset, ...]) -> None:
    """Table rule: each preset is explained by its ``explained_by`` candidate.

    The candidate predicts every abnormal finding of the preset and none of its normal
    ones, and no item is recorded both ways.
    """
    for index, preset in enumerate(presets):
        found = preset.findings()
        if not any(found[kind] for kind in ABNORMAL_KINDS if kind in found):
            raise FieldError("numb_regions", "a preset needs an abnormal finding", record=index)
        for normal, abnormal in NORMAL_KINDS.items():
            both = sorted(set(found[normal]) & set(found[abnormal]))
            if both:
                problem = f"{both} recorded both in {abnormal} and in {normal}"
                raise FieldError(normal, problem, record=index)
        predicted = predicted_findings(preset.explained_by)
        for kind, values in found.items():
            if kind in NORMAL_KINDS:
                wrong = sorted(set(values) & predicted[NORMAL_KINDS[kind]])
                problem = f"{wrong} are findings {preset.explained_by} predicts abnormal"
            else:
                wrong = sorted(set(values) - predicted[kind])
                problem = f"{wrong} are not findings of {preset.explained_by} in its cited rows"
            if wrong:
                raise FieldError(kind, problem, record=index)


#: Typical presentations for the "Match findings" mode (``anatomy_finding_presets.csv``).
load_finding_presets = table_loader(
    "anatomy_finding_presets.csv",
    FindingPreset,
    key="preset_id",
    unique=["label"],
    references={
        "explained_by": (*SIGN_ROOTS, *_CANDIDATE_NERVES),
        "numb_regions": "body_regions.csv:region_id",
        "weak_movements": tuple(MOVEMENTS),
        "reduced_reflexes": tuple(REFLEXES),
        "normal_sensation": "body_regions.csv:region_id",
        "normal_strength": tuple(MOVEMENTS),
        "normal_reflexes": tuple(REFLEXES),
    },
    check=_presets_are_explained,
)


def finding_presets() -> dict[str, dict[str, tuple[str, ...]]]:
    """Typical presentations by label, as findings mappings (table order).

    Examples
    --------
    >>> finding_presets()["Typical S1"]["reduced_reflexes"]
    ('ankle_jerk',)
    >>> finding_presets()["Foot drop, inversion strong"]["normal_strength"]
    ('ankle_inversion',)
    """
    return {p.label: p.findings() for p in load_finding_presets()}


# -- scoring -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reason:
    """One scored reason, with its points and source.

    Positive points: a finding explained; negative: a finding not explained, or a
    predicted finding recorded normal; 0: a note that changes nothing.
    """

    text: str
    points: float
    source_id: str
    verification: str


@dataclass(frozen=True)
class Candidate:
    """A root or nerve scored by :func:`match_pattern` or :func:`score_candidate`."""

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
#: A key finding recorded normal costs what it would have earned had it been abnormal.
_POINTS = {
    "sensory": 2.0,
    "weakness": 2.0,
    "reflex": 3.0,
    "tension_sign": 1.0,
    "secondary": 0.75,
    "miss": -1.0,
}
#: Root-sign kind of each abnormal finding kind.
_SIGN_KIND = {
    "numb_regions": "sensory",
    "weak_movements": "weakness",
    "reduced_reflexes": "reflex",
    "positive_tests": "tension_sign",
}


def candidate_ids() -> tuple[str, ...]:
    """The roots and nerves :func:`match_pattern` scores, roots first.

    Examples
    --------
    >>> candidate_ids()[:4]
    ('L4', 'L5', 'S1', 'sciatic')
    """
    return (*SIGN_ROOTS, *_CANDIDATE_NERVES)


def _check_candidate(candidate_id: object) -> str:
    if not isinstance(candidate_id, str):
        msg = f"candidate_id must be a str, got {type(candidate_id).__name__}"
        raise TypeError(msg)
    if candidate_id not in candidate_ids():
        msg = f"unknown candidate_id {candidate_id!r}; valid: {', '.join(candidate_ids())}"
        raise ValueError(msg)
    return candidate_id


def predicted_findings(candidate_id: str) -> dict[str, frozenset[str]]:
    """The abnormal findings a root or nerve predicts, by kind, from its cited rows.

    A root predicts its rows of the root-sign table (dermatome, key muscles, reflex,
    tension sign); a nerve predicts the skin territory and the listed muscles of itself and
    its branches (reflexes and tension signs are scored for roots only).

    Parameters
    ----------
    candidate_id : str
        One of :func:`candidate_ids`.

    Returns
    -------
    dict
        ``{"numb_regions": ..., "weak_movements": ..., "reduced_reflexes": ...,
        "positive_tests": ...}``, each a frozenset of names.

    Raises
    ------
    TypeError, ValueError
        For an unknown candidate (the message lists the valid ones).

    Examples
    --------
    >>> sorted(predicted_findings("common_fibular")["weak_movements"])
    ['ankle_dorsiflexion', 'foot_eversion', 'great_toe_extension', 'toe_extension']
    """
    return dict(_predicted(_check_candidate(candidate_id)))


@cache
def _predicted(candidate_id: str) -> tuple[tuple[str, frozenset[str]], ...]:
    if candidate_id in SIGN_ROOTS:
        signs = root_signs(candidate_id)
        return tuple(
            (kind, frozenset(s.value for s in signs if s.finding == sign_kind))
            for kind, sign_kind in _SIGN_KIND.items()
        )
    return (
        ("numb_regions", frozenset(t.region_id for t in territory_of(candidate_id))),
        (
            "weak_movements",
            frozenset(m.movement for m in muscles_of(candidate_id) if m.movement),
        ),
        ("reduced_reflexes", frozenset()),
        ("positive_tests", frozenset()),
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
    """(sign kind, value, text if it fits, text if it does not) for every abnormal finding."""
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


def _normal_items(f: Findings) -> list[tuple[str, str, str]]:
    """(sign kind, value, how the normal result reads) for every finding recorded normal."""
    items = [
        ("sensory", region, f"Normal sensation of the {_region_label(region)}")
        for region in f.normal_sensation
    ]
    items += [("weakness", move, f"Strong {MOVEMENTS[move].lower()}") for move in f.normal_strength]
    items += [
        ("reflex", reflex, f"Normal {REFLEXES[reflex].lower()}") for reflex in f.normal_reflexes
    ]
    return items


#: What a root predicts for an item recorded normal, by sign kind.
_ROOT_PREDICTS = {"sensory": "numbness there", "weakness": "it weak", "reflex": "it reduced"}


def _root_normal_reasons(root: str, f: Findings, by: Mapping[tuple, RootSign]) -> list[Reason]:
    """Penalties for the root's key findings recorded normal (secondary rows: a note)."""
    reasons = []
    for kind, value, text in _normal_items(f):
        sign = by.get((kind, value))
        if sign is None:
            continue  # the root does not predict it: a normal result says nothing about it
        if sign.verification != "V":
            text += (
                f": not held against {root}, because this {root} sign was read only in a "
                f"secondary source: {sign.label}"
            )
            reasons.append(Reason(text, 0.0, sign.source_id, sign.verification))
            continue
        text += f", but {root} predicts {_ROOT_PREDICTS[kind]}: {sign.label}"
        reasons.append(Reason(text, -_POINTS[kind], sign.source_id, sign.verification))
    return reasons


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
    reasons += _root_normal_reasons(root, f, by)
    score = round(sum(r.points for r in reasons), 2)
    return Candidate(root, get_node(root).label, "root", True, score, tuple(reasons))


def _via(nerve: str, supplier: str) -> str:
    return "" if supplier == nerve else f" via the {get_node(supplier).label}"


@cache
def _territory_rows(nerve: str) -> Mapping[str, tuple[Territory, bool]]:
    """Region -> (the row that puts it in the nerve's territory, whether it covers it all).

    A nerve covers a region when one of its rows (or its branches' rows) is ``main``, or
    when the region is shared out only among its own branches (the sole, between the two
    plantar nerves, for the tibial and sciatic nerves).
    """
    suppliers: dict[str, set[str]] = {}
    for t in load_territories():
        suppliers.setdefault(t.region_id, set()).add(t.nerve_id)
    own: dict[str, list[Territory]] = {}
    for t in territory_of(nerve):
        own.setdefault(t.region_id, []).append(t)
    out = {}
    for region, rows in own.items():
        main = [t for t in rows if t.extent == "main"]
        shared_by_own = len(rows) > 1 and suppliers[region] == {t.nerve_id for t in rows}
        out[region] = ((main or rows)[0], bool(main) or shared_by_own)
    return out


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
    rows = _territory_rows(nerve)
    for region in f.normal_sensation:
        if region not in rows:
            continue
        t, covers = rows[region]
        text = f"Normal sensation of the {_region_label(region)}"
        if not covers:
            text += (
                ": not held against it, because it supplies only part of this region"
                f"{_via(nerve, t.nerve_id)}"
            )
            reasons.append(Reason(text, 0.0, t.source_id, t.verification))
            continue
        text += f", though it is in its skin territory{_via(nerve, t.nerve_id)}"
        reasons.append(Reason(text, -_POINTS["sensory"], t.source_id, t.verification))
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
        text = f"Weak {label}: it supplies {m.muscle}{_via(nerve, m.nerve_id)}"
        reasons.append(Reason(text, _POINTS["weakness"], m.source_id, m.verification))
    for move in f.normal_strength:
        m = moves.get(move)
        if m is None:
            continue
        text = (
            f"Strong {MOVEMENTS[move].lower()}, though it supplies {m.muscle}"
            f"{_via(nerve, m.nerve_id)}, so a lesion here predicts it weak"
        )
        reasons.append(Reason(text, -_POINTS["weakness"], m.source_id, m.verification))
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
        note = f" {node.clinical_note}" if node.clinical_note else ""
        text = f"Not sciatic.{note}"
        reasons.append(Reason(text, 0.0, node.source_id, node.verification))
    score = round(sum(r.points for r in reasons), 2)
    return Candidate(nerve, node.label, "nerve", node.sciatic_system, score, tuple(reasons))


def score_candidate(
    candidate_id: str, findings: Findings | Mapping[str, Iterable[str]]
) -> Candidate:
    """Score one root or nerve for a set of findings, whatever its score.

    :func:`match_pattern` lists only candidates with a positive score; this shows why
    another one scored as it did.

    Parameters
    ----------
    candidate_id : str
        One of :func:`candidate_ids`.
    findings : Findings or mapping
        As for :func:`match_pattern`.

    Returns
    -------
    Candidate
        The candidate with its score and every reason.

    Raises
    ------
    TypeError, ValueError
        For an unknown candidate or bad findings (the message lists the valid names).

    Examples
    --------
    >>> found = {
    ...     "weak_movements": ["ankle_dorsiflexion"],
    ...     "normal_strength": ["ankle_plantarflexion"],
    ... }
    >>> score_candidate("sciatic", found).score
    0.0
    """
    candidate_id = _check_candidate(candidate_id)
    f = _as_findings(findings)
    return (
        _score_root(candidate_id, f)
        if candidate_id in SIGN_ROOTS
        else _score_nerve(candidate_id, f)
    )


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

    Each abnormal finding a candidate explains scores points (sensory 2, weakness 2,
    reflex 3, tension sign 1; findings read only in a secondary source count 0.75 times);
    each abnormal finding it does not explain costs 1. Only findings that are present
    count *for* a candidate. A finding examined and recorded normal counts *against* a
    candidate that predicts it abnormal, by the points it would have earned: a root whose
    reflex, key muscle or dermatome is recorded normal, a nerve whose muscle is recorded
    strong or whose skin territory feels normal. So a broad candidate (the whole sciatic
    nerve) loses points for what its other branches would show when the examiner found
    them normal, and no longer ties with the specific one. Root signs read only in a
    secondary source, and regions a nerve supplies only in part, are noted but not held
    against a candidate. Reflexes and tension signs are scored for roots only. This is a
    transparent teaching heuristic for reasoning about patterns, not a validated
    diagnostic rule: every point comes with its reason and source.

    Parameters
    ----------
    findings : Findings or mapping
        ``{"numb_regions": [...], "weak_movements": [...], "reduced_reflexes": [...],
        "positive_tests": [...], "normal_sensation": [...], "normal_strength": [...],
        "normal_reflexes": [...]}`` (any subset of keys).
    top : int, optional
        Return only the best ``top`` candidates (1 or more).

    Returns
    -------
    tuple of Candidate
        Candidates with a positive score, best first (ties: more findings explained,
        then roots before nerves, then the more specific nerve). Empty when nothing
        abnormal is recorded.

    Raises
    ------
    TypeError, ValueError
        For unknown finding kinds or names (the message lists the valid ones), an item
        recorded both abnormal and normal, or a bad ``top``.

    Examples
    --------
    >>> best = match_pattern(
    ...     {"numb_regions": ["sole", "lateral_foot"], "reduced_reflexes": ["ankle_jerk"]}
    ... )[0]
    >>> best.candidate_id
    'S1'
    >>> weak_inversion = {
    ...     "weak_movements": ["ankle_dorsiflexion", "ankle_inversion"],
    ...     "normal_strength": ["ankle_plantarflexion"],
    ... }
    >>> match_pattern(weak_inversion)[0].candidate_id
    'L5'
    >>> strong_inversion = {
    ...     "weak_movements": ["ankle_dorsiflexion", "foot_eversion"],
    ...     "normal_strength": ["ankle_inversion"],
    ... }
    >>> match_pattern(strong_inversion)[0].candidate_id
    'common_fibular'

    References
    ----------
    engstrom_deyo2015 (root signs); heffernan1979 (tibialis posterior, L5);
    hanna2015, dartmouth_humananatomy, statpearls_foot_nerves, wvu_tibial_page,
    lumen_tibialis_posterior (nerve territories and muscles)
    """
    f = _as_findings(findings)
    top = _check_top(top)
    if not f.any_abnormal:
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
