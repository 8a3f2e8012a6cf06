"""The nerve-bed model's tables: joint and bed parameters, sites, measurements, evidence.

Every model parameter is a labelled teaching assumption (no verified moment arms exist for
the sciatic nerve bed); the measurement tables hold the verified numbers the model is
checked against.

References
----------
teaching_assumption, ridehalgh2014, ellis2008, coppieters2015, smith1993, coppieters2006,
boyd2013, coppieters_butler2008, ogata_naito1986
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Literal

from anatomy_helpers.tables import FieldError, Verification, table_loader

__all__ = [
    "JOINTS",
    "PREPARATION_LABELS",
    "SITES",
    "STRAIN_KIND_LABELS",
    "VERDICT_LABELS",
    "BedParameter",
    "ExamplePosture",
    "GlideProtocolItem",
    "JointParameter",
    "MeasuredExcursion",
    "MobilisationEvidence",
    "Site",
    "SliderTensionerMeasurement",
    "StrainThreshold",
    "TechniqueExample",
    "glide_protocol",
    "joint_parameters",
    "load_bed_parameters",
    "load_example_postures",
    "load_glide_protocol",
    "load_joint_parameters",
    "load_measured_excursions",
    "load_mobilisation_evidence",
    "load_sites",
    "load_slider_tensioner",
    "load_strain_thresholds",
    "load_technique_examples",
    "site_parameters",
]

#: Preparations of a measured excursion, in words.
PREPARATION_LABELS: dict[str, str] = {
    "in_vivo": "living people",
    "cadaver_embalmed": "embalmed cadavers",
    "cadaver_unembalmed": "unembalmed cadavers",
    "cadaver_fresh": "fresh cadavers",
}
#: Kinds of strain value, in words.
STRAIN_KIND_LABELS: dict[str, str] = {
    "animal_threshold": "Animal threshold",
    "animal_dose": "Animal dose",
    "human_measured": "Measured in humans",
}
#: Verdicts on nerve-mobilisation evidence, in words.
VERDICT_LABELS: dict[str, str] = {
    "benefit": "Benefit",
    "no_added_benefit": "No added benefit",
    "mixed": "Mixed",
    "mechanism_only": "Mechanism only",
    "untested": "Untested",
}

#: Joint identifiers in model order (neck down to ankle).
JOINTS = (
    "neck_flexion",
    "trunk_flexion",
    "hip_flexion",
    "hip_adduction",
    "hip_internal_rotation",
    "knee_flexion",
    "ankle_dorsiflexion",
)
#: Site identifiers (proximal to distal).
SITES = ("roots", "sciatic_notch", "mid_thigh", "popliteal_crease", "mid_calf", "ankle")

_JOINT_TABLE = "neurodynamics_joint_parameters.csv"
_SITE_TABLE = "neurodynamics_sites.csv"
_EXAMPLES = "neurodynamics_example_postures.csv"


@dataclass(frozen=True)
class JointParameter:
    """One joint's contribution to the nerve bed (one row of the parameter table).

    Attributes
    ----------
    joint : str
        Identifier (``"knee_flexion"``).
    label : str
        Plain-language name of the angle (``"Knee flexion"``).
    angle_name : str
        Keyword of the angle in ``NervePosture`` (``"knee_flexion_deg"``).
    min_deg, max_deg : float
        Range accepted by the model (degrees).
    reference_deg : float
        Angle in the reference posture (degrees).
    tensioning_direction : int
        +1 if increasing the angle lengthens the bed, -1 if decreasing it does.
    moment_arm_mm : float
        Assumed distance of the nerve from the joint axis (mm).
    bed_position_mm : float
        Where along the bed the joint acts (mm from the foramen).
    tensioning_movement : str
        The movement that lengthens the bed, in words.
    source_id, verification, notes : str
        Citation, verification tag (``A`` for every current row) and explanation.
    """

    joint: str
    label: str
    angle_name: str
    min_deg: float
    max_deg: float
    reference_deg: float
    tensioning_direction: int
    moment_arm_mm: float
    bed_position_mm: float
    tensioning_movement: str
    source_id: str
    verification: Verification
    notes: str

    def check(self) -> None:
        """Cross-field rules (raise FieldError naming the column)."""
        if not self.min_deg <= self.reference_deg <= self.max_deg:
            raise FieldError("reference_deg", "must lie between min_deg and max_deg")
        if self.tensioning_direction not in (-1, 1):
            raise FieldError("tensioning_direction", "must be 1 or -1")
        if self.moment_arm_mm <= 0:
            raise FieldError("moment_arm_mm", "must be positive")
        if self.bed_position_mm < 0:
            raise FieldError("bed_position_mm", "must be 0 or more")
        if self.angle_name != f"{self.joint}_deg":
            raise FieldError("angle_name", f"must be {self.joint}_deg (the joint, in degrees)")


@dataclass(frozen=True)
class BedParameter:
    """A whole-bed parameter (bed length, spread length)."""

    parameter: Literal["bed_length_mm", "spread_length_mm"]
    value: float
    unit: Literal["mm"]
    label: str
    source_id: str
    verification: Verification
    notes: str

    def check(self) -> None:
        """The value is a positive length."""
        if self.value <= 0:
            raise FieldError("value", "must be positive")


@dataclass(frozen=True)
class Site:
    """A named place along the bed where excursion can be read."""

    site: str
    label: str
    bed_position_mm: float
    source_id: str
    verification: Verification
    notes: str


@dataclass(frozen=True)
class MeasuredExcursion:
    """A measured nerve excursion and/or strain (lower limb), used to check the model."""

    measurement_id: str
    label: str
    source_id: str
    verification: Verification
    locator: str
    preparation: Literal["in_vivo", "cadaver_embalmed", "cadaver_unembalmed", "cadaver_fresh"]
    limb: Literal["lower", "upper"]
    nerve: str
    movement: str
    n: int
    notes: str
    site: str | None = None
    joint_angle_deg: float | None = None
    excursion_mm: float | None = None
    excursion_sd_mm: float | None = None
    excursion_min_mm: float | None = None
    excursion_max_mm: float | None = None
    direction: Literal["proximal", "distal"] | None = None
    strain_pct: float | None = None
    strain_sd_pct: float | None = None
    strain_min_pct: float | None = None
    strain_max_pct: float | None = None


@dataclass(frozen=True)
class SliderTensionerMeasurement:
    """A measured slider / tensioner / single-joint excursion (Coppieters, Ellis)."""

    comparison_id: str
    label: str
    source_id: str
    verification: Verification
    locator: str
    preparation: Literal["in_vivo", "cadaver_embalmed", "cadaver_unembalmed"]
    limb: Literal["lower", "upper"]
    nerve: str
    site_label: str
    technique: Literal["slider", "tensioner", "single_joint"]
    notes: str
    excursion_mm: float | None = None
    excursion_sd_mm: float | None = None
    strain_pct: float | None = None
    rank: int | None = None
    n: int | None = None


@dataclass(frozen=True)
class StrainThreshold:
    """A strain value with its meaning: animal threshold/dose or human measurement."""

    threshold_id: str
    label: str
    kind: Literal["animal_threshold", "animal_dose", "human_measured"]
    species: str
    nerve: str
    effect: str
    source_id: str
    verification: Verification
    locator: str
    notes: str
    strain_pct: float | None = None
    strain_min_pct: float | None = None
    strain_max_pct: float | None = None

    def check(self) -> None:
        """Either a point value or an ordered range."""
        has_point = self.strain_pct is not None
        has_range = self.strain_min_pct is not None and self.strain_max_pct is not None
        if has_point == has_range:
            raise FieldError("strain_pct", "give either strain_pct or both min and max")
        if has_range and self.strain_min_pct > self.strain_max_pct:
            raise FieldError("strain_min_pct", "must not exceed strain_max_pct")

    @property
    def low_pct(self) -> float:
        """Lowest strain of the row (%)."""
        return self.strain_pct if self.strain_pct is not None else self.strain_min_pct

    @property
    def high_pct(self) -> float:
        """Highest strain of the row (%)."""
        return self.strain_pct if self.strain_pct is not None else self.strain_max_pct


@dataclass(frozen=True)
class MobilisationEvidence:
    """One finding on neural mobilisation (review, trial, cadaver study or the seed's dose)."""

    evidence_id: str
    label: str
    source_id: str
    verification: Verification
    locator: str
    design: Literal["meta_analysis", "systematic_review", "rct", "pilot_rct", "cadaver", "none"]
    population: str
    comparison: str
    outcome: str
    verdict: Literal["benefit", "no_added_benefit", "mixed", "mechanism_only", "untested"]
    finding: str
    mean_difference: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    n_studies: int | None = None
    n_participants: int | None = None

    def check(self) -> None:
        """A mean difference comes with both CI limits and lies between them."""
        values = (self.mean_difference, self.ci_low, self.ci_high)
        if any(v is not None for v in values) and any(v is None for v in values):
            raise FieldError("mean_difference", "give the mean difference with both CI limits")
        if self.mean_difference is not None and not (
            self.ci_low <= self.mean_difference <= self.ci_high
        ):
            raise FieldError("mean_difference", "must lie inside its confidence interval")


@dataclass(frozen=True)
class GlideProtocolItem:
    """One setting of the supine sciatic nerve glide (seed page or labelled assumption)."""

    item: str
    label: str
    value: float
    unit: Literal["deg", "count"]
    source_id: str
    verification: Verification
    notes: str


@dataclass(frozen=True)
class ExamplePosture:
    """A named model posture used by a figure or an example (a teaching choice, degrees)."""

    posture_id: str
    label: str
    neck_flexion_deg: float
    trunk_flexion_deg: float
    hip_flexion_deg: float
    hip_adduction_deg: float
    hip_internal_rotation_deg: float
    knee_flexion_deg: float
    ankle_dorsiflexion_deg: float
    source_id: str
    verification: Verification
    notes: str


@dataclass(frozen=True)
class TechniqueExample:
    """A two-joint movement done as a slider and as a tensioner (a teaching example)."""

    example_id: str
    label: str
    start_posture: str
    lead_joint: str
    lead_change_deg: float
    second_joint: str
    second_change_deg: float
    source_id: str
    verification: Verification
    notes: str

    def check(self) -> None:
        """Two different joints, both moving."""
        if self.lead_joint == self.second_joint:
            raise FieldError("second_joint", "must differ from lead_joint")
        for column in ("lead_change_deg", "second_change_deg"):
            if getattr(self, column) <= 0:
                raise FieldError(column, "must be a positive number of degrees")


def _in_order(column: str, expected: tuple[str, ...]):
    def check(rows) -> None:
        found = tuple(getattr(r, column) for r in rows)
        if found != expected:
            pairs = zip(found, expected, strict=False)
            index = next((i for i, (a, b) in enumerate(pairs) if a != b), None)
            problem = f"the table must list {', '.join(expected)} in this order"
            raise FieldError(column, problem, record=index)

    return check


load_joint_parameters = table_loader(
    _JOINT_TABLE, JointParameter, key="joint", check=_in_order("joint", JOINTS), tags="A"
)
load_bed_parameters = table_loader(
    "neurodynamics_bed_parameters.csv", BedParameter, key="parameter", tags="A"
)
load_sites = table_loader(_SITE_TABLE, Site, key="site", check=_in_order("site", SITES), tags="A")
load_measured_excursions = table_loader(
    "neurodynamics_measured_excursions.csv",
    MeasuredExcursion,
    key="measurement_id",
    references={"site": _SITE_TABLE},
    tags="VSD",
)
load_slider_tensioner = table_loader(
    "neurodynamics_slider_tensioner.csv",
    SliderTensionerMeasurement,
    key="comparison_id",
    tags="VSD",
)
load_strain_thresholds = table_loader(
    "neurodynamics_strain_thresholds.csv", StrainThreshold, key="threshold_id", tags="VSD"
)
load_mobilisation_evidence = table_loader(
    "neurodynamics_mobilisation_evidence.csv",
    MobilisationEvidence,
    key="evidence_id",
    tags="VSD",
)
load_glide_protocol = table_loader(
    "neurodynamics_glide_protocol.csv", GlideProtocolItem, key="item"
)
load_example_postures = table_loader(_EXAMPLES, ExamplePosture, key="posture_id", tags="A")
load_technique_examples = table_loader(
    "neurodynamics_technique_examples.csv",
    TechniqueExample,
    key="example_id",
    references={
        "start_posture": _EXAMPLES,
        "lead_joint": _JOINT_TABLE,
        "second_joint": _JOINT_TABLE,
    },
    tags="A",
)


@cache
def joint_parameters() -> Mapping[str, JointParameter]:
    """Joint parameters keyed by joint id (:data:`JOINTS` order).

    Returns
    -------
    mapping of str to JointParameter
        Read-only mapping.
    """
    return MappingProxyType({row.joint: row for row in load_joint_parameters()})


@cache
def site_parameters() -> Mapping[str, Site]:
    """Sites keyed by id (:data:`SITES` order)."""
    return MappingProxyType({row.site: row for row in load_sites()})


@cache
def bed_dimensions_mm() -> tuple[float, float]:
    """(bed length, spread length) of the model, in mm (teaching assumptions)."""
    values = {row.parameter: row.value for row in load_bed_parameters()}
    return values["bed_length_mm"], values["spread_length_mm"]


def glide_protocol() -> Mapping[str, GlideProtocolItem]:
    """The supine sciatic nerve glide settings keyed by item (seed values + assumptions)."""
    return MappingProxyType({row.item: row for row in load_glide_protocol()})
