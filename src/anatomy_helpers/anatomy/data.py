"""The anatomy tables: records, vocabularies and the rules declared with each table.

References
----------
giuffre_statpearls, hanna2015, dartmouth_humananatomy, statpearls_foot_nerves,
wvu_tibial_page, engstrom_deyo2015, tomaszewski2016, javia2019, smoll2010,
poutoglidou2020, beaton_anson1937
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from anatomy_helpers.regions import body_region_ids
from anatomy_helpers.tables import FieldError, Verification, table_loader

__all__ = [
    "ABNORMAL_KINDS",
    "FINDING_KINDS",
    "MOVEMENTS",
    "NODE_KINDS",
    "NORMAL_KINDS",
    "REFLEXES",
    "ROOT_SIGN_FINDINGS",
    "TENSION_SIGNS",
    "AnatomyEdge",
    "AnatomyNode",
    "DivisionLevel",
    "Landmark",
    "MuscleSupply",
    "PiriformisVariant",
    "RootSign",
    "Territory",
    "VariantPrevalence",
    "load_division_levels",
    "load_edges",
    "load_landmarks",
    "load_muscles",
    "load_nodes",
    "load_piriformis_variants",
    "load_root_signs",
    "load_territories",
    "load_variant_prevalence",
]

Division = Literal["tibial", "common_fibular"]
NodeKind = Literal["root", "plexus", "nerve", "branch", "neighbour"]
RootSignFinding = Literal["reflex", "sensory", "weakness", "pain", "tension_sign"]

#: Node kinds, from the spine down.
NODE_KINDS: tuple[str, ...] = ("root", "plexus", "nerve", "branch", "neighbour")
#: Kinds of row in Harrison's root-sign table.
ROOT_SIGN_FINDINGS: tuple[str, ...] = ("reflex", "sensory", "weakness", "pain", "tension_sign")

#: Movement ids used by the muscle table, the root-sign table and the findings.
MOVEMENTS: dict[str, str] = {
    "hip_adduction": "Hip adduction",
    "hip_abduction": "Hip abduction",
    "hip_extension": "Hip extension",
    "knee_extension": "Knee extension",
    "ankle_dorsiflexion": "Ankle dorsiflexion",
    "great_toe_extension": "Great-toe extension",
    "toe_extension": "Toe extension (lesser toes)",
    "foot_eversion": "Foot eversion",
    "ankle_inversion": "Ankle inversion",
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
#: Kinds of abnormal finding :func:`~anatomy_helpers.anatomy.match_pattern` accepts.
ABNORMAL_KINDS = ("numb_regions", "weak_movements", "reduced_reflexes", "positive_tests")
#: Kinds of finding recorded *normal*, each with the abnormal kind it is the normal result of.
NORMAL_KINDS: dict[str, str] = {
    "normal_sensation": "numb_regions",
    "normal_strength": "weak_movements",
    "normal_reflexes": "reduced_reflexes",
}
#: Every kind of finding :func:`~anatomy_helpers.anatomy.match_pattern` accepts.
FINDING_KINDS = (*ABNORMAL_KINDS, *NORMAL_KINDS)

_NODES = "anatomy_nodes.csv"
#: Openings a clinical note must not repeat (the ``sciatic_system`` flag is shown instead).
_NOT_SCIATIC_OPENINGS = ("not sciatic", "not part of the sciatic")
_REGIONS = "body_regions.csv:region_id"


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
    kind: NodeKind
    sciatic_system: bool
    division: Literal["tibial", "common_fibular", "both", "none"]
    course: str
    clinical_note: str | None
    source_id: str
    verification: Verification
    locator: str

    def check(self) -> None:
        """Neighbours (and only neighbours) are outside the sciatic system.

        A clinical note does not open with "not sciatic": ``sciatic_system`` says that, and
        the explorer and :func:`~anatomy_helpers.anatomy.match_pattern` print it once.
        """
        if self.sciatic_system == (self.kind == "neighbour"):
            raise FieldError("sciatic_system", "neighbours (and only neighbours) are not sciatic")
        note = (self.clinical_note or "").strip().lower()
        if note.startswith(_NOT_SCIATIC_OPENINGS):
            problem = "must not open with 'not sciatic' (sciatic_system = false already says so)"
            raise FieldError("clinical_note", problem)


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


@dataclass(frozen=True)
class RootSign:
    """One item of Harrison's L4/L5/S1 table (Engstrom & Deyo 2015)."""

    root: Literal["L4", "L5", "S1"]
    finding: RootSignFinding
    value: str
    label: str
    notes: str | None
    source_id: str
    verification: Verification
    locator: str

    def check(self) -> None:
        """The value belongs to the vocabulary of its kind of finding."""
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
        """An interval has both bounds, in order."""
        if self.interval != "none" and (self.low_pct is None or self.high_pct is None):
            raise FieldError("low_pct", "an interval needs both bounds")
        if self.low_pct is not None and self.high_pct is not None and self.low_pct > self.high_pct:
            raise FieldError("low_pct", "must not exceed high_pct")


load_nodes = table_loader(_NODES, AnatomyNode, key="node_id")
load_edges = table_loader(
    "anatomy_edges.csv",
    AnatomyEdge,
    unique=[("parent", "child")],
    references={"parent": _NODES, "child": _NODES},
)
load_territories = table_loader(
    "anatomy_territories.csv",
    Territory,
    unique=[("nerve_id", "region_id")],
    references={"nerve_id": _NODES, "region_id": _REGIONS},
)
load_muscles = table_loader(
    "anatomy_muscles.csv",
    MuscleSupply,
    unique=[("nerve_id", "muscle")],
    references={"nerve_id": _NODES, "movement": tuple(MOVEMENTS)},
)
load_root_signs = table_loader(
    "anatomy_root_signs.csv", RootSign, unique=[("root", "finding", "value")]
)
load_landmarks = table_loader(
    "anatomy_landmarks.csv", Landmark, key="landmark_id", references={"node_ids": _NODES}
)
load_division_levels = table_loader("anatomy_division_levels.csv", DivisionLevel, key="measure_id")
load_piriformis_variants = table_loader(
    "piriformis_variants.csv", PiriformisVariant, key="type_number"
)
load_variant_prevalence = table_loader(
    "anatomy_variant_prevalence.csv", VariantPrevalence, key="estimate_id"
)
