"""The sciatic system as a cited graph, with queries (pure Python; no plotting).

Nodes are the L4-S3 roots, the sacral (lumbosacral) plexus, the sciatic nerve, its tibial
and common fibular divisions and their branches (superficial and deep fibular, sural,
medial and lateral plantar), plus neighbours learners confuse with it (the saphenous
branch of the femoral nerve), which are flagged ``sciatic_system = False``. Edges say how
the nodes join and which division's fibres they carry (S3 reaches only the tibial part).

Tables (every row cited, see ``data/``): ``anatomy_nodes.csv``, ``anatomy_edges.csv``,
``anatomy_territories.csv`` (skin regions use the shared ids of
:mod:`anatomy_helpers.regions`), ``anatomy_muscles.csv``, ``anatomy_root_signs.csv``
(Harrison's L4/L5/S1 table), ``anatomy_landmarks.csv``, ``anatomy_division_levels.csv``,
``piriformis_variants.csv`` and ``anatomy_variant_prevalence.csv``.

Queries: :func:`path_from_root`, :func:`roots_of`, :func:`branches_supplying_region`,
:func:`branches_supplying_muscle`, :func:`territory_of`, :func:`muscles_of`,
:func:`match_pattern` (findings -> ranked root/nerve candidates with cited reasons).
Unknown names raise ``ValueError`` listing the valid names.

References
----------
giuffre_statpearls, hanna2015, dartmouth_humananatomy, statpearls_foot_nerves,
wvu_tibial_page, engstrom_deyo2015, tomaszewski2016, javia2019, smoll2010,
poutoglidou2020, beaton_anson1937
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from anatomy_helpers.regions import body_region_ids
from anatomy_helpers.tables import FieldError, table_loader

__all__ = [
    "FINDING_KINDS",
    "MOVEMENTS",
    "REFLEXES",
    "TENSION_SIGNS",
    "AnatomyEdge",
    "AnatomyNode",
    "Candidate",
    "DivisionLevel",
    "Findings",
    "Landmark",
    "MuscleSupply",
    "PiriformisVariant",
    "Reason",
    "RootSign",
    "Territory",
    "VariantPrevalence",
    "branches_supplying_muscle",
    "branches_supplying_region",
    "children_of",
    "descendants_of",
    "division_level_summary",
    "get_node",
    "landmarks_for",
    "load_division_levels",
    "load_edges",
    "load_landmarks",
    "load_muscles",
    "load_nodes",
    "load_piriformis_variants",
    "load_root_signs",
    "load_territories",
    "load_variant_prevalence",
    "match_pattern",
    "muscle_names",
    "muscles_of",
    "node_ids",
    "path_from_root",
    "prevalence",
    "root_ids",
    "root_signs",
    "roots_of",
    "territory_of",
]

Verification = Literal["V", "S", "D", "A"]
Division = Literal["tibial", "common_fibular"]

#: Movement ids used by the muscle table, the root-sign table and :class:`Findings`.
MOVEMENTS: dict[str, str] = {
    "hip_adduction": "Hip adduction",
    "hip_abduction": "Hip abduction",
    "hip_extension": "Hip extension",
    "knee_extension": "Knee extension",
    "ankle_dorsiflexion": "Ankle dorsiflexion",
    "great_toe_extension": "Great-toe extension",
    "toe_extension": "Toe extension (lesser toes)",
    "foot_eversion": "Foot eversion",
    "ankle_plantarflexion": "Ankle plantarflexion",
    "toe_flexion": "Toe flexion",
}
#: Reflex ids.
REFLEXES: dict[str, str] = {
    "knee_jerk": "Knee (patellar) reflex",
    "medial_hamstring_reflex": "Medial hamstring reflex",
    "ankle_jerk": "Ankle (Achilles) reflex",
}
#: Nerve-tension signs in the root-sign table.
TENSION_SIGNS: dict[str, str] = {
    "slr": "Straight-leg raise",
    "femoral_nerve_stretch": "Femoral nerve stretch (prone knee bend)",
}
#: Kinds of finding :func:`match_pattern` accepts, with their vocabularies' names.
FINDING_KINDS = ("numb_regions", "weak_movements", "reduced_reflexes", "positive_tests")


# -- records -------------------------------------------------------------------------
@dataclass(frozen=True)
class AnatomyNode:
    """A root, plexus, nerve, branch or (not sciatic) neighbour.

    Attributes
    ----------
    node_id, label : str
    kind : {"root", "plexus", "nerve", "branch", "neighbour"}
    sciatic_system : bool
        False for neighbours such as the saphenous nerve.
    division : {"tibial", "common_fibular", "both", "none"}
        Which division's fibres the node carries.
    course, clinical_note : str
    source_id : str
    verification : {"V", "S", "D", "A"}
    locator : str
    """

    node_id: str
    label: str
    kind: Literal["root", "plexus", "nerve", "branch", "neighbour"]
    sciatic_system: bool
    division: Literal["tibial", "common_fibular", "both", "none"]
    course: str
    clinical_note: str | None
    source_id: str
    verification: Verification
    locator: str

    def check(self) -> None:
        """Cross-field rules (raise FieldError)."""
        if self.sciatic_system == (self.kind == "neighbour"):
            raise FieldError("sciatic_system", "neighbours (and only neighbours) are not sciatic")


@dataclass(frozen=True)
class AnatomyEdge:
    """``parent`` joins, forms, divides into or contributes to ``child``."""

    parent: str
    child: str
    relation: Literal["joins", "forms", "divides_into", "contributes_to", "gives_branch"]
    note: str
    source_id: str
    verification: Verification
    locator: str
    divisions: tuple[Division, ...] = ()


@dataclass(frozen=True)
class Territory:
    """A nerve's skin territory in shared region ids."""

    nerve_id: str
    region_id: str
    extent: Literal["main", "partial"]
    description: str
    notes: str | None
    source_id: str
    verification: Verification
    locator: str

    def check(self) -> None:
        """Cross-field rules (raise FieldError)."""
        if self.region_id not in body_region_ids():
            raise FieldError("region_id", f"not a shared region id: {', '.join(body_region_ids())}")


@dataclass(frozen=True)
class MuscleSupply:
    """A muscle (motor target) of a nerve, with the movement it tests where verified."""

    nerve_id: str
    muscle: str
    movement: str | None
    notes: str | None
    source_id: str
    verification: Verification
    locator: str

    def check(self) -> None:
        """Cross-field rules (raise FieldError)."""
        if self.movement is not None and self.movement not in MOVEMENTS:
            raise FieldError("movement", f"must be one of {', '.join(MOVEMENTS)}")


@dataclass(frozen=True)
class RootSign:
    """One item of Harrison's L4/L5/S1 table (Engstrom & Deyo 2015)."""

    root: Literal["L4", "L5", "S1"]
    finding: Literal["reflex", "sensory", "weakness", "pain", "tension_sign"]
    value: str
    label: str
    notes: str | None
    source_id: str
    verification: Verification
    locator: str

    def check(self) -> None:
        """Cross-field rules (raise FieldError)."""
        vocab = {
            "reflex": REFLEXES,
            "weakness": MOVEMENTS,
            "tension_sign": TENSION_SIGNS,
        }.get(self.finding)
        valid = tuple(vocab) if vocab is not None else body_region_ids()
        if self.value not in valid:
            raise FieldError("value", f"for a {self.finding} row must be one of {', '.join(valid)}")


@dataclass(frozen=True)
class Landmark:
    """A landmark and how the nerve relates to it."""

    landmark_id: str
    label: str
    node_ids: tuple[str, ...]
    relation: str
    source_id: str
    verification: Verification
    locator: str


@dataclass(frozen=True)
class DivisionLevel:
    """A measurement of where the sciatic nerve divides."""

    measure_id: str
    description: str
    value: float
    unit: Literal["mm", "%"]
    n_limbs: int
    source_id: str
    verification: Verification
    locator: str


@dataclass(frozen=True)
class PiriformisVariant:
    """One Beaton & Anson type: the route of each division relative to piriformis."""

    type_number: int
    label: str
    nerve: Literal["undivided", "divided"]
    common_fibular_route: Literal["below", "through", "above"]
    tibial_route: Literal["below", "through", "above"]
    description: str
    source_id: str
    verification: Verification
    locator: str


@dataclass(frozen=True)
class VariantPrevalence:
    """A prevalence estimate (or claim) about piriformis-sciatic variants, in percent."""

    estimate_id: str
    description: str
    value_pct: float | None
    low_pct: float | None
    high_pct: float | None
    interval: Literal["ci95", "range", "none"]
    n_studies: int | None
    n_units: int | None
    unit: str | None
    source_id: str
    verification: Verification
    locator: str
    notes: str | None

    def check(self) -> None:
        """Cross-field rules (raise FieldError)."""
        if self.interval != "none" and (self.low_pct is None or self.high_pct is None):
            raise FieldError("low_pct", "an interval needs both bounds")
        if self.low_pct is not None and self.high_pct is not None and self.low_pct > self.high_pct:
            raise FieldError("low_pct", "must not exceed high_pct")


load_nodes = table_loader("anatomy_nodes.csv", AnatomyNode)
load_edges = table_loader("anatomy_edges.csv", AnatomyEdge)
load_territories = table_loader("anatomy_territories.csv", Territory)
load_muscles = table_loader("anatomy_muscles.csv", MuscleSupply)
load_root_signs = table_loader("anatomy_root_signs.csv", RootSign)
load_landmarks = table_loader("anatomy_landmarks.csv", Landmark)
load_division_levels = table_loader("anatomy_division_levels.csv", DivisionLevel)
load_piriformis_variants = table_loader("piriformis_variants.csv", PiriformisVariant)
load_variant_prevalence = table_loader("anatomy_variant_prevalence.csv", VariantPrevalence)


# -- lookups -------------------------------------------------------------------------
@cache
def _nodes() -> dict[str, AnatomyNode]:
    return {n.node_id: n for n in load_nodes()}


def node_ids(*, kind: str | None = None, sciatic_only: bool = False) -> tuple[str, ...]:
    """Node ids in table order, optionally of one ``kind`` or only sciatic-system nodes.

    Examples
    --------
    >>> node_ids(kind="root")
    ('L4', 'L5', 'S1', 'S2', 'S3')
    """
    kinds = ("root", "plexus", "nerve", "branch", "neighbour")
    if kind is not None and kind not in kinds:
        msg = f"kind must be one of {', '.join(kinds)}; got {kind!r}"
        raise ValueError(msg)
    return tuple(
        n.node_id
        for n in load_nodes()
        if (kind is None or n.kind == kind) and (n.sciatic_system or not sciatic_only)
    )


def root_ids() -> tuple[str, ...]:
    """The roots of the sciatic nerve, L4 to S3."""
    return node_ids(kind="root")


def get_node(node_id: str) -> AnatomyNode:
    """Return one node.

    Raises
    ------
    ValueError
        For an unknown id (the message lists the valid ids).
    """
    nodes = _nodes()
    if not isinstance(node_id, str) or node_id not in nodes:
        msg = f"unknown node {node_id!r}; valid nodes: {', '.join(nodes)}"
        raise ValueError(msg)
    return nodes[node_id]


@cache
def _children() -> dict[str, tuple[AnatomyEdge, ...]]:
    out: dict[str, list[AnatomyEdge]] = {n: [] for n in _nodes()}
    for edge in load_edges():
        out[edge.parent].append(edge)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _parents() -> dict[str, tuple[AnatomyEdge, ...]]:
    out: dict[str, list[AnatomyEdge]] = {n: [] for n in _nodes()}
    for edge in load_edges():
        out[edge.child].append(edge)
    return {k: tuple(v) for k, v in out.items()}


def children_of(node_id: str) -> tuple[str, ...]:
    """Direct children (branches) of a node."""
    get_node(node_id)
    return tuple(e.child for e in _children()[node_id])


def descendants_of(node_id: str) -> tuple[str, ...]:
    """Every node downstream of ``node_id`` (breadth first, without ``node_id``)."""
    get_node(node_id)
    seen: list[str] = []
    queue = deque(children_of(node_id))
    while queue:
        nid = queue.popleft()
        if nid not in seen:
            seen.append(nid)
            queue.extend(children_of(nid))
    return tuple(seen)


def _divisions_of(node_id: str) -> frozenset[str]:
    node = get_node(node_id)
    if node.division == "both":
        return frozenset(("tibial", "common_fibular"))
    if node.division == "none":
        return frozenset()
    return frozenset((node.division,))


def roots_of(node_id: str) -> tuple[str, ...]:
    """The roots whose fibres reach a node (via the division(s) it carries).

    Parameters
    ----------
    node_id : str
        Any node id (a root returns itself).

    Returns
    -------
    tuple of str
        Root ids in order; empty for neighbours that are not sciatic.

    Examples
    --------
    >>> roots_of("tibial")
    ('L4', 'L5', 'S1', 'S2', 'S3')
    >>> roots_of("deep_fibular")
    ('L4', 'L5', 'S1', 'S2')

    References
    ----------
    hanna2015 (tibial part L4-S3, common fibular part L4-S2)
    """
    node = get_node(node_id)
    if node.kind == "root":
        return (node_id,)
    if not node.sciatic_system:
        return ()
    wanted = _divisions_of(node_id)
    roots = []
    for root in root_ids():
        carried = {d for e in _children()[root] for d in e.divisions}
        if carried & wanted:
            roots.append(root)
    return tuple(roots)


def path_from_root(root: str, target: str) -> tuple[str, ...]:
    """The chain of nodes from a root to a nerve or branch.

    Parameters
    ----------
    root : str
        One of :func:`root_ids`.
    target : str
        A sciatic-system node id.

    Returns
    -------
    tuple of str
        ``(root, "lumbosacral_plexus", "sciatic", ..., target)``.

    Raises
    ------
    ValueError
        For an unknown root or node, a target outside the sciatic system, or a root whose
        fibres do not reach the target (S3 does not join the common fibular part).

    Examples
    --------
    >>> path_from_root("L5", "deep_fibular")
    ('L5', 'lumbosacral_plexus', 'sciatic', 'common_fibular', 'deep_fibular')
    """
    if root not in root_ids():
        msg = f"unknown root {root!r}; valid roots: {', '.join(root_ids())}"
        raise ValueError(msg)
    node = get_node(target)
    if not node.sciatic_system:
        msg = (
            f"{target!r} ({node.label}) is not part of the sciatic system; "
            f"valid targets: {', '.join(node_ids(sciatic_only=True))}"
        )
        raise ValueError(msg)
    if root not in roots_of(target):
        msg = (
            f"{root} fibres do not reach {target!r}: it carries the "
            f"{' and '.join(sorted(_divisions_of(target)))} division, which comes from "
            f"{', '.join(roots_of(target))}"
        )
        raise ValueError(msg)
    wanted = _divisions_of(target)
    previous: dict[str, str | None] = {root: None}
    queue = deque([root])
    while queue:
        nid = queue.popleft()
        if nid == target:
            break
        for edge in _children()[nid]:
            if edge.child not in previous and set(edge.divisions) & wanted:
                previous[edge.child] = nid
                queue.append(edge.child)
    chain = [target]
    while previous[chain[-1]] is not None:
        chain.append(previous[chain[-1]])  # type: ignore[arg-type]
    return tuple(reversed(chain))


def territory_of(node_id: str, *, include_branches: bool = True) -> tuple[Territory, ...]:
    """Skin territory rows of a node (and, by default, of all its branches).

    For a root this is its dermatome from the root-sign table, returned as
    :class:`Territory` rows built from :class:`RootSign` (``extent="main"``).
    """
    node = get_node(node_id)
    if node.kind == "root":
        return tuple(
            Territory(
                s.root, s.value, "main", s.label, s.notes, s.source_id, s.verification, s.locator
            )
            for s in load_root_signs()
            if s.root == node_id and s.finding == "sensory"
        )
    ids = {node_id, *(descendants_of(node_id) if include_branches else ())}
    return tuple(t for t in load_territories() if t.nerve_id in ids)


def muscles_of(node_id: str, *, include_branches: bool = True) -> tuple[MuscleSupply, ...]:
    """Motor targets of a nerve (and, by default, of its branches)."""
    get_node(node_id)
    ids = {node_id, *(descendants_of(node_id) if include_branches else ())}
    return tuple(m for m in load_muscles() if m.nerve_id in ids)


def muscle_names() -> tuple[str, ...]:
    """Every muscle named in the muscle table (sorted)."""
    return tuple(sorted({m.muscle for m in load_muscles()}))


def branches_supplying_region(region_id: str, *, sciatic_only: bool = False) -> tuple[str, ...]:
    """Nerves whose own skin territory includes a shared region.

    Parameters
    ----------
    region_id : str
        A shared region id (:func:`anatomy_helpers.regions.body_region_ids`).
    sciatic_only : bool, default False
        Leave out neighbours such as the saphenous nerve.

    Returns
    -------
    tuple of str
        Nerve ids in table order (may be empty, e.g. for ``"lower_back"``).

    Raises
    ------
    ValueError
        For an unknown region (the message lists the valid ids).

    Examples
    --------
    >>> branches_supplying_region("first_web_space")
    ('deep_fibular',)
    >>> branches_supplying_region("medial_leg")
    ('saphenous',)
    """
    valid = body_region_ids()
    if region_id not in valid:
        msg = f"unknown region {region_id!r}; valid regions: {', '.join(valid)}"
        raise ValueError(msg)
    out: list[str] = []
    for t in load_territories():
        if t.region_id == region_id and t.nerve_id not in out:
            if sciatic_only and not get_node(t.nerve_id).sciatic_system:
                continue
            out.append(t.nerve_id)
    return tuple(out)


def branches_supplying_muscle(muscle: str) -> tuple[str, ...]:
    """Nerves listed as supplying a muscle (case-insensitive name).

    Raises
    ------
    ValueError
        For an unknown muscle (the message lists the muscles).

    Examples
    --------
    >>> branches_supplying_muscle("Extensor hallucis longus")
    ('deep_fibular',)
    """
    if not isinstance(muscle, str):
        msg = f"muscle must be a string, got {type(muscle).__name__}"
        raise TypeError(msg)
    names = {n.lower(): n for n in muscle_names()}
    key = muscle.strip().lower()
    if key not in names:
        msg = f"unknown muscle {muscle!r}; valid muscles: {', '.join(muscle_names())}"
        raise ValueError(msg)
    return tuple(dict.fromkeys(m.nerve_id for m in load_muscles() if m.muscle == names[key]))


def root_signs(root: str, finding: str | None = None) -> tuple[RootSign, ...]:
    """Harrison's root signs for L4, L5 or S1, optionally of one finding kind.

    Raises
    ------
    ValueError
        For a root without a row (S2, S3) or an unknown finding kind.
    """
    roots = ("L4", "L5", "S1")
    if root not in roots:
        msg = f"root signs are tabulated for {', '.join(roots)} only; got {root!r}"
        raise ValueError(msg)
    kinds = ("reflex", "sensory", "weakness", "pain", "tension_sign")
    if finding is not None and finding not in kinds:
        msg = f"finding must be one of {', '.join(kinds)}; got {finding!r}"
        raise ValueError(msg)
    return tuple(
        s for s in load_root_signs() if s.root == root and (finding is None or s.finding == finding)
    )


def landmarks_for(node_id: str) -> tuple[Landmark, ...]:
    """Landmarks related to a node or to any node on its course from the plexus."""
    node = get_node(node_id)
    if node.kind == "root":
        related = {"sciatic", *descendants_of("sciatic")}
    else:
        related = {node_id, *_ancestors(node_id)}
    return tuple(lm for lm in load_landmarks() if related & set(lm.node_ids))


def _ancestors(node_id: str) -> set[str]:
    seen: set[str] = set()
    queue = deque(e.parent for e in _parents()[node_id])
    while queue:
        nid = queue.popleft()
        if nid not in seen:
            seen.add(nid)
            queue.extend(e.parent for e in _parents()[nid])
    return seen


def division_level_summary() -> dict[str, float]:
    """The division-level numbers, with the upper- plus middle-thigh share derived.

    Returns
    -------
    dict
        ``mean_distance_mm`` (Tomaszewski 2016) and Javia & Vikani 2019 percentages
        ``pelvis_pct``, ``gluteal_pct``, ``lower_thigh_pct``, ``popliteal_fossa_pct`` and
        ``upper_middle_thigh_pct`` (derived: 100 minus the four reported shares).

    References
    ----------
    tomaszewski2016, javia2019
    """
    v = {d.measure_id: d.value for d in load_division_levels()}
    javia = ("javia_pelvis", "javia_gluteal", "javia_lower_thigh", "javia_popliteal_fossa")
    return {
        "mean_distance_mm": v["tomaszewski_mean_distance"],
        "pelvis_pct": v["javia_pelvis"],
        "gluteal_pct": v["javia_gluteal"],
        "lower_thigh_pct": v["javia_lower_thigh"],
        "popliteal_fossa_pct": v["javia_popliteal_fossa"],
        "upper_middle_thigh_pct": round(100.0 - sum(v[k] for k in javia), 1),
    }


def prevalence(estimate_id: str) -> VariantPrevalence:
    """One piriformis-variant prevalence row.

    Raises
    ------
    ValueError
        For an unknown id (the message lists the ids).
    """
    rows = {r.estimate_id: r for r in load_variant_prevalence()}
    if estimate_id not in rows:
        msg = f"unknown estimate {estimate_id!r}; valid estimates: {', '.join(rows)}"
        raise ValueError(msg)
    return rows[estimate_id]


# -- pattern matching ----------------------------------------------------------------
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
        vocab = {
            "numb_regions": body_region_ids(),
            "weak_movements": tuple(MOVEMENTS),
            "reduced_reflexes": tuple(REFLEXES),
            "positive_tests": tuple(TENSION_SIGNS),
        }
        for name, valid in vocab.items():
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            try:
                value = tuple(value)
            except TypeError:
                msg = f"{name} must be a list of names, got {type(value).__name__}"
                raise TypeError(msg) from None
            unknown = [v for v in value if v not in valid]
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
    return Findings(**{k: tuple(v) for k, v in findings.items()})


def _region_label(region_id: str) -> str:
    from anatomy_helpers.regions import get_region

    return get_region(region_id).label.lower()


def _score_root(root: str, f: Findings) -> Candidate:
    signs = root_signs(root)
    by = {(s.finding, s.value): s for s in signs}
    reasons: list[Reason] = []

    def add(kind: str, value: str, text_hit: str, text_miss: str) -> None:
        sign = by.get((kind, value))
        if sign is not None:
            pts = _POINTS[kind] * (1.0 if sign.verification == "V" else _POINTS["secondary"])
            note = "" if sign.verification == "V" else " (secondary source only)"
            reasons.append(
                Reason(f"{text_hit}: {sign.label}{note}", pts, sign.source_id, sign.verification)
            )
        else:
            reasons.append(Reason(text_miss, _POINTS["miss"], "engstrom_deyo2015", "V"))

    for region in f.numb_regions:
        add(
            "sensory",
            region,
            f"Numb {_region_label(region)} fits the {root} dermatome",
            f"Numb {_region_label(region)} is not in the {root} sensory area",
        )
    for move in f.weak_movements:
        add(
            "weakness",
            move,
            f"Weak {MOVEMENTS[move].lower()} fits {root}",
            f"Weak {MOVEMENTS[move].lower()} is not an {root} key muscle",
        )
    for reflex in f.reduced_reflexes:
        add(
            "reflex",
            reflex,
            f"Reduced {REFLEXES[reflex].lower()} fits {root}",
            f"A reduced {REFLEXES[reflex].lower()} is not the {root} reflex",
        )
    for test in f.positive_tests:
        add(
            "tension_sign",
            test,
            f"Positive {TENSION_SIGNS[test].lower()} fits {root}",
            f"A positive {TENSION_SIGNS[test].lower()} is not the {root} tension sign",
        )
    score = round(sum(r.points for r in reasons), 2)
    return Candidate(root, get_node(root).label, "root", True, score, tuple(reasons))


def _score_nerve(nerve: str, f: Findings) -> Candidate:
    node = get_node(nerve)
    terr = {t.region_id: t for t in reversed(territory_of(nerve))}
    moves: dict[str, MuscleSupply] = {}
    for m in reversed(muscles_of(nerve)):
        if m.movement:
            moves[m.movement] = m
    reasons: list[Reason] = []
    for region in f.numb_regions:
        t = terr.get(region)
        if t is not None:
            via = "" if t.nerve_id == nerve else f" (via the {get_node(t.nerve_id).label})"
            reasons.append(
                Reason(
                    f"Numb {_region_label(region)} is in its skin territory{via}",
                    _POINTS["sensory"],
                    t.source_id,
                    t.verification,
                )
            )
        else:
            reasons.append(
                Reason(
                    f"Numb {_region_label(region)} is outside its skin territory",
                    _POINTS["miss"],
                    node.source_id,
                    node.verification,
                )
            )
    for move in f.weak_movements:
        m = moves.get(move)
        if m is not None:
            via = "" if m.nerve_id == nerve else f" via the {get_node(m.nerve_id).label}"
            reasons.append(
                Reason(
                    f"Weak {MOVEMENTS[move].lower()}: it supplies {m.muscle}{via}",
                    _POINTS["weakness"],
                    m.source_id,
                    m.verification,
                )
            )
        else:
            reasons.append(
                Reason(
                    f"Weak {MOVEMENTS[move].lower()} is not explained by its listed muscles",
                    _POINTS["miss"],
                    node.source_id,
                    node.verification,
                )
            )
    for reflex in f.reduced_reflexes:
        reasons.append(
            Reason(
                f"Reduced {REFLEXES[reflex].lower()}: reflexes are scored for roots only here "
                "(this collection does not tabulate reflex arcs by peripheral nerve)",
                0.0,
                "engstrom_deyo2015",
                "V",
            )
        )
    for test in f.positive_tests:
        reasons.append(
            Reason(
                f"Positive {TENSION_SIGNS[test].lower()}: tension signs are scored for roots only",
                0.0,
                "engstrom_deyo2015",
                "V",
            )
        )
    if not node.sciatic_system:
        reasons.append(
            Reason(f"Not sciatic: {node.clinical_note}", 0.0, node.source_id, node.verification)
        )
    score = round(sum(r.points for r in reasons), 2)
    return Candidate(nerve, node.label, "nerve", node.sciatic_system, score, tuple(reasons))


def _breadth(node_id: str) -> int:
    """How much a candidate supplies (ties go to the more specific nerve)."""
    if get_node(node_id).kind == "root":
        return 0
    return len({t.region_id for t in territory_of(node_id)}) + len(muscles_of(node_id))


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
    ValueError
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
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        msg = f"top must be a positive whole number or None, got {top!r}"
        raise ValueError(msg)
    if f.empty:
        return ()
    candidates = [_score_root(r, f) for r in ("L4", "L5", "S1")]
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
