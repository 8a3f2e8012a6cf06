"""A teaching model of the sciatic nerve bed: elongation, strain and excursion vs joint angles.

The nerve bed is the path the lumbosacral roots, sciatic nerve and tibial nerve follow from
the L5/S1 intervertebral foramen to the foot. It crosses the back of the hip, the back of the
knee and the back of the ankle, and its proximal end is pulled on by the neuraxis when the
trunk and neck flex. Each joint changes the bed's length by

    delta_length_mm = r_mm * delta_theta_rad * tensioning_direction

where ``r_mm`` is the nerve's distance from the joint axis (its "moment arm") and
``delta_theta_rad`` the change from the reference posture. **No verified moment-arm data
exist for the sciatic nerve bed**, so every ``r_mm``, the bed length and the positions along
it are teaching assumptions (``source_id = teaching_assumption``, verification ``A``) and
must be labelled as such wherever they are shown. The model is checked against measured
excursions (:func:`reference_checks`); in particular it reproduces Ridehalgh et al. 2014's
mid-thigh excursion for knee extension (tested).

Reference posture (zero elongation, zero strain): anatomical standing -- neck and trunk
neutral, hip 0°, no adduction or rotation, knee straight (flexion 0°), ankle 0°. Negative
elongation means the bed is shorter than in that posture (the nerve is slack there).

Distribution rule (how extra bed length becomes strain and excursion)
---------------------------------------------------------------------
The nerve is anchored at both ends of the bed (the foramen and the foot). The extra length a
joint adds is taken up as nerve strain that is greatest at that joint and fades
exponentially with distance along the bed (length scale ``spread_length_mm``, an
assumption): cadaver studies report strain greatest near the moving joint but transmitted
well beyond it (Coppieters et al. 2006; Boyd et al. 2013). A point of the nerve slides
*towards* the moving joint by the stretch accumulated between it and the anchor on its own
side. For the neck and trunk the "joint" is the proximal end, so the whole nerve is pulled
proximally, least near the foot. Excursion is reported as positive = distal (towards the
foot), negative = proximal.

Joint angle conventions follow :mod:`anatomy_helpers.kinematics` (degrees, 0 = anatomical
position); the model's own ranges are in ``neurodynamics_joint_parameters.csv``.

References: teaching_assumption, ridehalgh2014, ellis2008, coppieters2015, smith1993,
coppieters2006, boyd2013, coppieters_butler2008, ogata_naito1986.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from types import MappingProxyType
from typing import Literal

import numpy as np

from anatomy_helpers.tables import FieldError, table_loader
from anatomy_helpers.validation import check_real

__all__ = [
    "JOINTS",
    "SITES",
    "BedParameter",
    "GlideProtocolItem",
    "JointParameter",
    "MeasuredExcursion",
    "MobilisationEvidence",
    "NerveBedState",
    "NervePosture",
    "ReferenceCheck",
    "Site",
    "SliderTensionerComparison",
    "SliderTensionerMeasurement",
    "StrainThreshold",
    "bed_grid_mm",
    "compare_slider_tensioner",
    "excursion_mm",
    "glide_postures",
    "glide_protocol",
    "human_strain_range_pct",
    "joint_parameters",
    "load_bed_parameters",
    "load_glide_protocol",
    "load_joint_parameters",
    "load_measured_excursions",
    "load_mobilisation_evidence",
    "load_sites",
    "load_slider_tensioner",
    "load_strain_thresholds",
    "nerve_state",
    "reference_checks",
    "site_parameters",
]


# --------------------------------------------------------------------------------------
# Data tables
# --------------------------------------------------------------------------------------
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
        Keyword of the angle in :class:`NervePosture` (``"knee_flexion_deg"``).
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
    verification: Literal["V", "S", "D", "A"]
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
        if not self.angle_name.endswith("_deg"):
            raise FieldError("angle_name", "must end in _deg (units in the name)")


@dataclass(frozen=True)
class BedParameter:
    """A whole-bed parameter (bed length, spread length)."""

    parameter: Literal["bed_length_mm", "spread_length_mm"]
    value: float
    unit: Literal["mm"]
    label: str
    source_id: str
    verification: Literal["V", "S", "D", "A"]
    notes: str

    def check(self) -> None:
        """Cross-field rules (raise FieldError naming the column)."""
        if self.value <= 0:
            raise FieldError("value", "must be positive")


@dataclass(frozen=True)
class Site:
    """A named place along the bed where excursion can be read."""

    site: str
    label: str
    bed_position_mm: float
    source_id: str
    verification: Literal["V", "S", "D", "A"]
    notes: str


@dataclass(frozen=True)
class MeasuredExcursion:
    """A measured nerve excursion and/or strain (lower limb), used to check the model."""

    measurement_id: str
    label: str
    source_id: str
    verification: Literal["V", "S", "D"]
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
    verification: Literal["V", "S", "D"]
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
    verification: Literal["V", "S", "D"]
    locator: str
    notes: str
    strain_pct: float | None = None
    strain_min_pct: float | None = None
    strain_max_pct: float | None = None

    def check(self) -> None:
        """Cross-field rules (raise FieldError naming the column)."""
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
    verification: Literal["V", "S", "D"]
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
        """Cross-field rules (raise FieldError naming the column)."""
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
    verification: Literal["V", "S", "D", "A"]
    notes: str


load_joint_parameters = table_loader("neurodynamics_joint_parameters.csv", JointParameter)
load_bed_parameters = table_loader("neurodynamics_bed_parameters.csv", BedParameter)
load_sites = table_loader("neurodynamics_sites.csv", Site)
load_measured_excursions = table_loader("neurodynamics_measured_excursions.csv", MeasuredExcursion)
load_slider_tensioner = table_loader(
    "neurodynamics_slider_tensioner.csv", SliderTensionerMeasurement
)
load_strain_thresholds = table_loader("neurodynamics_strain_thresholds.csv", StrainThreshold)
load_mobilisation_evidence = table_loader(
    "neurodynamics_mobilisation_evidence.csv", MobilisationEvidence
)
load_glide_protocol = table_loader("neurodynamics_glide_protocol.csv", GlideProtocolItem)

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


@cache
def joint_parameters() -> Mapping[str, JointParameter]:
    """Joint parameters keyed by joint id (:data:`JOINTS` order).

    Returns
    -------
    mapping of str to JointParameter
        Read-only mapping.
    """
    rows = {row.joint: row for row in load_joint_parameters()}
    if tuple(rows) != JOINTS:
        msg = f"neurodynamics_joint_parameters.csv must list the joints {JOINTS} in order"
        raise ValueError(msg)
    return MappingProxyType(rows)


@cache
def site_parameters() -> Mapping[str, Site]:
    """Sites keyed by id (:data:`SITES` order)."""
    rows = {row.site: row for row in load_sites()}
    if tuple(rows) != SITES:
        msg = f"neurodynamics_sites.csv must list the sites {SITES} in order"
        raise ValueError(msg)
    return MappingProxyType(rows)


@cache
def _bed() -> tuple[float, float]:
    values = {row.parameter: row.value for row in load_bed_parameters()}
    return values["bed_length_mm"], values["spread_length_mm"]


def glide_protocol() -> Mapping[str, GlideProtocolItem]:
    """The supine sciatic nerve glide settings keyed by item (seed values + assumptions)."""
    return MappingProxyType({row.item: row for row in load_glide_protocol()})


# --------------------------------------------------------------------------------------
# Posture
# --------------------------------------------------------------------------------------
_ANGLE_TO_JOINT = {
    "neck_flexion_deg": "neck_flexion",
    "trunk_flexion_deg": "trunk_flexion",
    "hip_flexion_deg": "hip_flexion",
    "hip_adduction_deg": "hip_adduction",
    "hip_internal_rotation_deg": "hip_internal_rotation",
    "knee_flexion_deg": "knee_flexion",
    "ankle_dorsiflexion_deg": "ankle_dorsiflexion",
}


def _validate(angle_name: str, value: object) -> float:
    joint = joint_parameters()[_ANGLE_TO_JOINT[angle_name]]
    return check_real(
        angle_name, value, joint.min_deg, joint.max_deg, unit="degrees", what=joint.label.lower()
    )


@dataclass(frozen=True)
class NervePosture:
    """Joint angles of one leg and the spine, in degrees, validated against the model's ranges.

    Conventions as in :mod:`anatomy_helpers.kinematics`; the defaults are the reference
    posture (anatomical standing: everything 0, knee straight).

    Attributes
    ----------
    neck_flexion_deg : float
        Chin towards chest (negative = extension), -40 to 60.
    trunk_flexion_deg : float
        Thoracolumbar flexion (slump), -20 to 80.
    hip_flexion_deg : float
        -20 to 120.
    hip_adduction_deg : float
        Negative = abduction, -30 to 30.
    hip_internal_rotation_deg : float
        Negative = external rotation, -40 to 40.
    knee_flexion_deg : float
        0 = straight knee; knee *extension* is a decrease of this angle, 0 to 140.
    ankle_dorsiflexion_deg : float
        Negative = plantarflexion, -50 to 30.

    Raises
    ------
    ValueError
        If an angle is outside its range; the message names the joint and its range.
    TypeError
        If an angle is not a real number.

    Examples
    --------
    >>> NervePosture(knee_flexion_deg=90).knee_flexion_deg
    90.0
    """

    neck_flexion_deg: float = 0.0
    trunk_flexion_deg: float = 0.0
    hip_flexion_deg: float = 0.0
    hip_adduction_deg: float = 0.0
    hip_internal_rotation_deg: float = 0.0
    knee_flexion_deg: float = 0.0
    ankle_dorsiflexion_deg: float = 0.0

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(self, f.name, _validate(f.name, getattr(self, f.name)))

    def with_changes(self, **changes: float) -> NervePosture:
        """Return a copy with some angles changed (validated).

        Raises
        ------
        ValueError
            For an unknown angle name (the message lists the valid names).
        """
        unknown = set(changes) - set(_ANGLE_TO_JOINT)
        if unknown:
            msg = f"unknown angle(s) {sorted(unknown)}; valid names: {', '.join(_ANGLE_TO_JOINT)}"
            raise ValueError(msg)
        return NervePosture(**{**self.as_dict(), **changes})

    def as_dict(self) -> dict[str, float]:
        """Angles keyed by field name (degrees)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_mapping(cls, values: Mapping[str, float]) -> NervePosture:
        """Build from a mapping that may hold extra keys (e.g. a widget state)."""
        return cls(**{k: v for k, v in values.items() if k in _ANGLE_TO_JOINT})


# --------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------
_GRID_POINTS = 227  # 5 mm spacing over the 1130 mm bed


@cache
def bed_grid_mm() -> np.ndarray:
    """Positions along the bed (mm from the foramen) at which strain is computed."""
    length, _ = _bed()
    grid = np.linspace(0.0, length, _GRID_POINTS)
    grid.setflags(write=False)
    return grid


def _kernel_cumulative(s: np.ndarray, centre: float, length: float, spread: float) -> np.ndarray:
    """Fraction of a joint's extra length taken up between the foramen and ``s`` (0..1)."""
    left_total = spread * (1.0 - math.exp(-centre / spread))
    total = left_total + spread * (1.0 - math.exp(-(length - centre) / spread))
    below = spread * (
        np.exp(-(centre - np.minimum(s, centre)) / spread) - math.exp(-centre / spread)
    )
    above = spread * (1.0 - np.exp(-(np.maximum(s, centre) - centre) / spread))
    return (below + above) / total


def _kernel_density(s: np.ndarray, centre: float, length: float, spread: float) -> np.ndarray:
    """Strain per mm of extra length at ``s`` (1/mm); integrates to 1 over the bed."""
    total = spread * (1.0 - math.exp(-centre / spread)) + spread * (
        1.0 - math.exp(-(length - centre) / spread)
    )
    return np.exp(-np.abs(s - centre) / spread) / total


@cache
def _matrices() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per-joint strain density and displacement fraction over the grid and at the sites."""
    length, spread = _bed()
    grid = bed_grid_mm()
    site_pos = np.array([site_parameters()[s].bed_position_mm for s in SITES])
    dens, disp, site_disp, site_dens = [], [], [], []
    for joint in JOINTS:
        c = joint_parameters()[joint].bed_position_mm
        dens.append(_kernel_density(grid, c, length, spread))
        site_dens.append(_kernel_density(site_pos, c, length, spread))
        disp.append(_kernel_cumulative(grid, c, length, spread) - (grid >= c).astype(float))
        site_disp.append(
            _kernel_cumulative(site_pos, c, length, spread) - (site_pos >= c).astype(float)
        )
    out = tuple(np.array(m) for m in (dens, disp, site_disp, site_dens))
    for m in out:
        m.setflags(write=False)
    return out


def _contributions(posture: NervePosture) -> np.ndarray:
    params = joint_parameters()
    values = posture.as_dict()
    out = np.empty(len(JOINTS))
    for i, joint in enumerate(JOINTS):
        p = params[joint]
        delta = math.radians(values[p.angle_name] - p.reference_deg)
        out[i] = p.tensioning_direction * p.moment_arm_mm * delta
    return out


@dataclass(frozen=True)
class NerveBedState:
    """The model's output for one posture (relative to the reference posture).

    Attributes
    ----------
    posture : NervePosture
        The input angles.
    contributions_mm : mapping of str to float
        Bed lengthening by each joint (mm; negative = shortening).
    elongation_mm : float
        Total bed lengthening (mm).
    mean_strain_pct : float
        ``elongation_mm`` / bed length (%), the whole-bed average.
    strain_profile_pct : numpy.ndarray
        Local strain at each :func:`bed_grid_mm` point (%).
    peak_strain_pct : float
        Largest local strain (%).
    peak_position_mm : float
        Where along the bed it occurs (mm from the foramen).
    site_displacement_mm : mapping of str to float
        Displacement of each site from where it lies in the reference posture (mm;
        positive = distal).
    site_strain_pct : mapping of str to float
        Local strain at each site (%).
    """

    posture: NervePosture
    contributions_mm: Mapping[str, float]
    elongation_mm: float
    mean_strain_pct: float
    strain_profile_pct: np.ndarray
    peak_strain_pct: float
    peak_position_mm: float
    site_displacement_mm: Mapping[str, float]
    site_strain_pct: Mapping[str, float]


def nerve_state(posture: NervePosture) -> NerveBedState:
    """Compute bed elongation, strain and site displacements for a posture.

    Parameters
    ----------
    posture : NervePosture
        Joint angles (degrees), already validated.

    Returns
    -------
    NerveBedState
        Elongation (mm), mean and local strain (%), site displacements (mm).

    Raises
    ------
    TypeError
        If ``posture`` is not a :class:`NervePosture`.

    Notes
    -----
    Every parameter is a labelled teaching assumption (no verified moment arms exist).

    References
    ----------
    teaching_assumption; checked against ridehalgh2014, ellis2008, coppieters2015, smith1993.

    Examples
    --------
    >>> round(nerve_state(NervePosture()).elongation_mm, 6)
    0.0
    >>> nerve_state(NervePosture(hip_flexion_deg=70)).elongation_mm > 0
    True
    """
    if not isinstance(posture, NervePosture):
        msg = f"posture must be a NervePosture, got {type(posture).__name__}"
        raise TypeError(msg)
    length, _ = _bed()
    dens, _disp, site_disp, site_dens = _matrices()
    delta = _contributions(posture)
    profile = 100.0 * (delta @ dens)
    peak_i = int(np.argmax(profile))
    total = float(delta.sum())
    return NerveBedState(
        posture=posture,
        contributions_mm=MappingProxyType(dict(zip(JOINTS, map(float, delta), strict=True))),
        elongation_mm=total,
        mean_strain_pct=100.0 * total / length,
        strain_profile_pct=profile,
        peak_strain_pct=float(profile[peak_i]),
        peak_position_mm=float(bed_grid_mm()[peak_i]),
        site_displacement_mm=MappingProxyType(
            dict(zip(SITES, map(float, delta @ site_disp), strict=True))
        ),
        site_strain_pct=MappingProxyType(
            dict(zip(SITES, map(float, 100.0 * (delta @ site_dens)), strict=True))
        ),
    )


def displacement_profile_mm(posture: NervePosture) -> np.ndarray:
    """Displacement of every grid point from the reference posture (mm; + = distal)."""
    _, disp, _, _ = _matrices()
    return _contributions(posture) @ disp


def excursion_mm(start: NervePosture, end: NervePosture, site: str) -> float:
    """Longitudinal nerve excursion at a site when moving from ``start`` to ``end``.

    Parameters
    ----------
    start, end : NervePosture
        Postures before and after the movement.
    site : str
        One of :data:`SITES` (``"mid_thigh"``...).

    Returns
    -------
    float
        Excursion in mm; positive = distal (towards the foot), negative = proximal.

    Raises
    ------
    ValueError
        For an unknown site (the message lists the sites).
    TypeError
        If a posture is not a :class:`NervePosture`.

    References
    ----------
    teaching_assumption (distribution rule); compare ridehalgh2014.

    Examples
    --------
    >>> sitting = NervePosture(hip_flexion_deg=30, knee_flexion_deg=90)
    >>> 8 < excursion_mm(sitting, sitting.with_changes(knee_flexion_deg=0), "mid_thigh") < 13
    True
    """
    if site not in SITES:
        msg = f"unknown site {site!r}; valid sites: {', '.join(SITES)}"
        raise ValueError(msg)
    for name, p in (("start", start), ("end", end)):
        if not isinstance(p, NervePosture):
            msg = f"{name} must be a NervePosture, got {type(p).__name__}"
            raise TypeError(msg)
    _, _, site_disp, _ = _matrices()
    j = SITES.index(site)
    return float((_contributions(end) - _contributions(start)) @ site_disp[:, j])


# --------------------------------------------------------------------------------------
# Sliders vs tensioners
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SliderTensionerComparison:
    """Model result of moving two joints together as a tensioner and as a slider.

    Attributes
    ----------
    start : NervePosture
        Common starting posture.
    tensioner_end, slider_end : NervePosture
        End postures (in the tensioner both joints lengthen the bed; in the slider the
        second joint shortens it).
    site : str
        Where excursion is read.
    tensioner_elongation_mm, slider_elongation_mm : float
        Change in bed length from the start (mm).
    tensioner_peak_strain_pct, slider_peak_strain_pct : float
        Peak local strain at the end posture (%).
    tensioner_excursion_mm, slider_excursion_mm : float
        Excursion at ``site`` (mm; + = distal).
    """

    start: NervePosture
    tensioner_end: NervePosture
    slider_end: NervePosture
    site: str
    tensioner_elongation_mm: float
    slider_elongation_mm: float
    tensioner_peak_strain_pct: float
    slider_peak_strain_pct: float
    tensioner_excursion_mm: float
    slider_excursion_mm: float

    @property
    def excursion_ratio(self) -> float:
        """|slider excursion| / |tensioner excursion| (inf if the tensioner gives none)."""
        t = abs(self.tensioner_excursion_mm)
        return math.inf if t < 1e-9 else abs(self.slider_excursion_mm) / t


def compare_slider_tensioner(
    start: NervePosture,
    lead_joint: str,
    lead_change_deg: float,
    second_joint: str,
    second_change_deg: float,
    *,
    site: str = "mid_thigh",
) -> SliderTensionerComparison:
    """Move two joints together as a tensioner and as a slider and compare.

    The lead joint always moves ``lead_change_deg`` in its tensioning direction. In the
    tensioner the second joint also moves ``second_change_deg`` in its tensioning
    direction (both ends of the bed lengthen); in the slider it moves the same amount the
    other way (one end lengthens while the other shortens).

    Parameters
    ----------
    start : NervePosture
        Starting posture (degrees).
    lead_joint, second_joint : str
        Different joints from :data:`JOINTS`.
    lead_change_deg, second_change_deg : float
        Sizes of the movements (degrees, > 0).
    site : str, default "mid_thigh"
        Where to read excursion (:data:`SITES`).

    Returns
    -------
    SliderTensionerComparison
        Elongation, peak strain and excursion for both techniques.

    Raises
    ------
    ValueError
        For unknown or equal joints, a non-positive change, an unknown site, or an end
        angle outside a joint's range (the message names the joint and its range).

    References
    ----------
    teaching_assumption; compare coppieters_butler2008, coppieters2009, ellis2012.

    Examples
    --------
    >>> start = NervePosture(
    ...     trunk_flexion_deg=30, hip_flexion_deg=90, knee_flexion_deg=90, neck_flexion_deg=20
    ... )
    >>> c = compare_slider_tensioner(start, "knee_flexion", 60, "neck_flexion", 20)
    >>> c.slider_excursion_mm > c.tensioner_excursion_mm
    True
    """
    if not isinstance(start, NervePosture):
        msg = f"start must be a NervePosture, got {type(start).__name__}"
        raise TypeError(msg)
    for name, joint in (("lead_joint", lead_joint), ("second_joint", second_joint)):
        if joint not in JOINTS:
            msg = f"{name} {joint!r} is unknown; valid joints: {', '.join(JOINTS)}"
            raise ValueError(msg)
    if lead_joint == second_joint:
        msg = "lead_joint and second_joint must be different joints"
        raise ValueError(msg)
    for name, change in (
        ("lead_change_deg", lead_change_deg),
        ("second_change_deg", second_change_deg),
    ):
        if check_real(name, change, unit="degrees") <= 0:
            msg = f"{name} must be a positive number of degrees, got {change}"
            raise ValueError(msg)
    if site not in SITES:
        msg = f"unknown site {site!r}; valid sites: {', '.join(SITES)}"
        raise ValueError(msg)
    params = joint_parameters()
    lead, second = params[lead_joint], params[second_joint]
    values = start.as_dict()
    lead_end = values[lead.angle_name] + lead.tensioning_direction * lead_change_deg
    t_second = values[second.angle_name] + second.tensioning_direction * second_change_deg
    s_second = values[second.angle_name] - second.tensioning_direction * second_change_deg
    tensioner = start.with_changes(**{lead.angle_name: lead_end, second.angle_name: t_second})
    slider = start.with_changes(**{lead.angle_name: lead_end, second.angle_name: s_second})
    s0, st, ss = nerve_state(start), nerve_state(tensioner), nerve_state(slider)
    return SliderTensionerComparison(
        start=start,
        tensioner_end=tensioner,
        slider_end=slider,
        site=site,
        tensioner_elongation_mm=st.elongation_mm - s0.elongation_mm,
        slider_elongation_mm=ss.elongation_mm - s0.elongation_mm,
        tensioner_peak_strain_pct=st.peak_strain_pct,
        slider_peak_strain_pct=ss.peak_strain_pct,
        tensioner_excursion_mm=excursion_mm(start, tensioner, site),
        slider_excursion_mm=excursion_mm(start, slider, site),
    )


# --------------------------------------------------------------------------------------
# Checks against measurements, thresholds, the glide
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReferenceCheck:
    """The model's prediction for one measured case, and whether it is within tolerance.

    Attributes
    ----------
    measurement : MeasuredExcursion
        The measured row.
    quantity : {"excursion_mm", "strain_pct"}
        What is compared.
    predicted : float
        Model value (mm or %; excursion as a magnitude).
    measured : float
        Measured mean (mm or %).
    tolerance : float
        Allowed difference (one reported SD, or the reported range).
    tolerance_rule : str
        How the tolerance was chosen, in words.
    within : bool
        Whether ``|predicted - measured| <= tolerance`` (or inside the range).
    model_case : str
        The model movement used, in words (assumed details included).
    """

    measurement: MeasuredExcursion
    quantity: str
    predicted: float
    measured: float
    tolerance: float
    tolerance_rule: str
    within: bool
    model_case: str


def _knee_extension_case(hip_deg: float) -> tuple[NervePosture, NervePosture]:
    start = NervePosture(hip_flexion_deg=hip_deg, knee_flexion_deg=90)
    return start, start.with_changes(knee_flexion_deg=0)


def reference_checks() -> tuple[ReferenceCheck, ...]:
    """Compare the model with the verified lower-limb measurements it can be compared with.

    Cases: Ridehalgh 2014 (knee 90°→0° at hip 30° and 60°, mid-thigh excursion; tolerance
    one SD -- the model's reference test), Coppieters 2015 (hip 0°→54.6° with the ankle
    dorsiflexed, strain and excursion near the ankle; tolerance one SD) and Smith 1993
    (straight-leg raise to 70°, root strain; tolerance the reported 2–4 % range). The
    Ellis 2008 slider is not scored because its joint ranges are not in the abstract.

    Returns
    -------
    tuple of ReferenceCheck
        One per compared quantity.

    References
    ----------
    ridehalgh2014, coppieters2015, smith1993, teaching_assumption.
    """
    rows = {m.measurement_id: m for m in load_measured_excursions()}
    out = []
    for key in ("ridehalgh2014_hip30", "ridehalgh2014_hip60"):
        m = rows[key]
        start, end = _knee_extension_case(m.joint_angle_deg)
        pred = abs(excursion_mm(start, end, m.site))
        out.append(
            ReferenceCheck(
                m,
                "excursion_mm",
                pred,
                m.excursion_mm,
                m.excursion_sd_mm,
                "one reported SD",
                abs(pred - m.excursion_mm) <= m.excursion_sd_mm,
                f"knee flexion 90° → 0° with the hip at {m.joint_angle_deg:g}°, read at the "
                "mid-thigh",
            )
        )
    m = rows["coppieters2015_sural"]
    start = NervePosture(ankle_dorsiflexion_deg=20)  # pre-positioned ankle: assumed 20°
    end = start.with_changes(hip_flexion_deg=m.joint_angle_deg)
    case = (
        f"hip flexion 0° → {m.joint_angle_deg:g}° with the ankle held at 20° dorsiflexion "
        "(assumed), read at the ankle site (assumed)"
    )
    pred_strain = (
        nerve_state(end).site_strain_pct["ankle"] - nerve_state(start).site_strain_pct["ankle"]
    )
    out.append(
        ReferenceCheck(
            m,
            "strain_pct",
            pred_strain,
            m.strain_pct,
            m.strain_sd_pct,
            "one reported SD",
            abs(pred_strain - m.strain_pct) <= m.strain_sd_pct,
            case,
        )
    )
    pred_exc = abs(excursion_mm(start, end, "ankle"))
    out.append(
        ReferenceCheck(
            m,
            "excursion_mm",
            pred_exc,
            m.excursion_mm,
            m.excursion_sd_mm,
            "one reported SD",
            abs(pred_exc - m.excursion_mm) <= m.excursion_sd_mm,
            case,
        )
    )
    m = rows["smith1993_roots"]
    slr = NervePosture(hip_flexion_deg=70)
    pred = nerve_state(slr).site_strain_pct["roots"]
    mid = (m.strain_min_pct + m.strain_max_pct) / 2
    out.append(
        ReferenceCheck(
            m,
            "strain_pct",
            pred,
            mid,
            (m.strain_max_pct - m.strain_min_pct) / 2,
            "the reported range",
            m.strain_min_pct <= pred <= m.strain_max_pct,
            "straight-leg raise to 70° hip flexion (assumed end angle), read at the roots",
        )
    )
    return tuple(out)


def human_strain_range_pct() -> tuple[float, float]:
    """Lowest and highest human strain in the thresholds table (%), computed (D).

    Returns
    -------
    tuple of float
        (min, max) over the ``human_measured`` rows.

    References
    ----------
    smith1993, coppieters_butler2008, coppieters2015.
    """
    rows = [t for t in load_strain_thresholds() if t.kind == "human_measured"]
    return min(t.low_pct for t in rows), max(t.high_pct for t in rows)


def glide_postures(n_steps: int = 7) -> tuple[NervePosture, ...]:
    """Postures of one repetition of the supine sciatic nerve glide, start to end of range.

    Hip held at 90° (seed page), ankle held in mild dorsiflexion and knee from 90° to 0°
    flexion (both labelled assumptions, see ``neurodynamics_glide_protocol.csv``).

    Parameters
    ----------
    n_steps : int, default 7
        Number of postures, 2 to 91.

    Returns
    -------
    tuple of NervePosture
        Knee flexion decreasing evenly from start to end.

    Raises
    ------
    ValueError
        If ``n_steps`` is outside 2 to 91.

    References
    ----------
    seed_sciatic_glide_page, teaching_assumption.
    """
    if isinstance(n_steps, bool) or not isinstance(n_steps, numbers.Integral):
        msg = f"n_steps must be a whole number, got {type(n_steps).__name__}"
        raise TypeError(msg)
    if not 2 <= n_steps <= 91:
        msg = f"n_steps = {n_steps} is outside its range 2 to 91"
        raise ValueError(msg)
    p = glide_protocol()
    knees = np.linspace(
        p["knee_flexion_start_deg"].value, p["knee_flexion_end_deg"].value, int(n_steps)
    )
    return tuple(
        NervePosture(
            hip_flexion_deg=p["hip_flexion_deg"].value,
            ankle_dorsiflexion_deg=p["ankle_dorsiflexion_deg"].value,
            knee_flexion_deg=float(k),
        )
        for k in knees
    )
