"""Gastrocnemius versus soleus length as functions of knee and ankle angles (teaching model).

The gastrocnemius crosses the knee and the ankle; the soleus crosses only the ankle. So
bending the knee shortens the gastrocnemius but leaves the soleus unchanged, while
dorsiflexing the ankle lengthens both. This is the mechanism Kinoshita et al. (2023)
propose for why standing (knee straight) calf raises grew the gastrocnemius more than
seated (knee bent 90°) raises: training at a long muscle length.

The model is deliberately simple: each muscle-tendon unit changes length by
``moment arm × joint rotation`` (radians) at each joint it crosses. The moment arms and
reference lengths are **teaching assumptions** (``muscle_length_parameters.csv``, tag A):
measured Achilles tendon moment arms disagree between methods (about 35 to 37 mm by
ultrasound, 43 to 56 mm by MRI; ``muscle_length_evidence.csv``) and change with joint
angle, and the length of the muscle fibres is not the length of the whole
muscle-tendon unit. Use the model for direction and rough size, not for numbers.

Angle conventions follow :mod:`anatomy_helpers.kinematics`: ``knee_flexion_deg`` 0 =
straight knee; ``ankle_dorsiflexion_deg`` 0 = foot at 90° to the leg, positive = toes up.

References
----------
kinoshita2023 (mechanism); teaching_assumption (parameters); manal2013, maganaris2000
(measured Achilles tendon moment arms, for comparison).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from anatomy_helpers.tables import FieldError, Verification, table_loader
from anatomy_helpers.validation import check_choice, check_real

__all__ = [
    "ANKLE_RANGE_DEG",
    "KNEE_RANGE_DEG",
    "MUSCLES",
    "LengthParameter",
    "MomentArmEvidence",
    "MuscleLengths",
    "PositionPreset",
    "get_preset",
    "load_evidence",
    "load_parameters",
    "load_presets",
    "muscle_lengths",
    "parameter_value",
    "validate_ankle_dorsiflexion_deg",
    "validate_knee_flexion_deg",
]

#: Muscles of the model.
MUSCLES: tuple[str, ...] = ("gastrocnemius", "soleus")

#: Accepted knee flexion (degrees): straight to deep flexion.
KNEE_RANGE_DEG = (0.0, 140.0)
#: Accepted ankle dorsiflexion (degrees): plantarflexion (negative) to dorsiflexion.
ANKLE_RANGE_DEG = (-50.0, 30.0)


@dataclass(frozen=True)
class LengthParameter:
    """One model parameter (``muscle_length_parameters.csv``)."""

    parameter_id: str
    label: str
    value: float
    unit: str
    source_id: str
    verification: Verification
    note: str = ""

    def check(self) -> None:
        """Parameters are positive lengths."""
        if self.value <= 0:
            raise FieldError("value", f"{self.value} must be greater than 0")


@dataclass(frozen=True)
class MomentArmEvidence:
    """A measured Achilles tendon moment arm, for comparison with the assumption."""

    row_id: str
    quantity: str
    ankle_dorsiflexion_deg: float | None
    value_low_mm: float
    value_high_mm: float
    method: str
    locator: str
    source_id: str
    verification: Verification

    def check(self) -> None:
        """Low must not exceed high."""
        if self.value_low_mm > self.value_high_mm:
            raise FieldError("value_low_mm", "must not exceed value_high_mm")


@dataclass(frozen=True)
class PositionPreset:
    """A named knee/ankle position (``muscle_length_presets.csv``; illustrative angles)."""

    preset_id: str
    label: str
    knee_flexion_deg: float
    ankle_dorsiflexion_deg: float
    source_id: str
    verification: Verification

    def check(self) -> None:
        """The angles lie in the model's ranges."""
        for column, low_high in (
            ("knee_flexion_deg", KNEE_RANGE_DEG),
            ("ankle_dorsiflexion_deg", ANKLE_RANGE_DEG),
        ):
            low, high = low_high
            if not low <= getattr(self, column) <= high:
                raise FieldError(column, f"must lie in the model's range {low:g} to {high:g}")


load_parameters = table_loader(
    "muscle_length_parameters.csv", LengthParameter, key="parameter_id", tags="A"
)
load_evidence = table_loader(
    "muscle_length_evidence.csv", MomentArmEvidence, key="row_id", tags="VSD"
)
load_presets = table_loader(
    "muscle_length_presets.csv", PositionPreset, key="preset_id", unique=["label"], tags="A"
)


def _validate(name: str, value: object, limits: tuple[float, float], joint: str) -> float:
    low, high = limits
    return check_real(name, value, low, high, unit="degrees", what=joint)


def validate_knee_flexion_deg(value: object) -> float:
    """Check a knee flexion angle (0 to 140°) and return it as a float.

    Raises
    ------
    TypeError
        If it is not a number.
    ValueError
        If it is outside 0 to 140 degrees (the message names the knee and the range).
    """
    return _validate("knee_flexion_deg", value, KNEE_RANGE_DEG, "knee")


def validate_ankle_dorsiflexion_deg(value: object) -> float:
    """Check an ankle dorsiflexion angle (-50 to 30°) and return it as a float.

    Raises
    ------
    TypeError
        If it is not a number.
    ValueError
        If it is outside -50 to 30 degrees (the message names the ankle and the range).
    """
    return _validate("ankle_dorsiflexion_deg", value, ANKLE_RANGE_DEG, "ankle")


@cache
def _parameters() -> dict[str, float]:
    return {p.parameter_id: p.value for p in load_parameters()}


def parameter_value(parameter_id: str) -> float:
    """Value of one model parameter (a teaching assumption).

    Raises
    ------
    ValueError
        For an unknown id (the message lists the ids).

    Examples
    --------
    >>> parameter_value("knee_moment_arm_mm")
    15.0
    """
    params = _parameters()
    return params[check_choice("parameter_id", parameter_id, params, valid="parameters")]


@dataclass(frozen=True)
class MuscleLengths:
    """Model muscle-tendon lengths for one knee/ankle position.

    Attributes
    ----------
    knee_flexion_deg, ankle_dorsiflexion_deg : float
        The position.
    gastrocnemius_change_mm, soleus_change_mm : float
        Length change from the reference position (knee straight, foot at 90°), mm;
        positive = longer.
    gastrocnemius_relative_pct, soleus_relative_pct : float
        Length as % of the reference length (100 = reference).
    """

    knee_flexion_deg: float
    ankle_dorsiflexion_deg: float
    gastrocnemius_change_mm: float
    soleus_change_mm: float
    gastrocnemius_relative_pct: float
    soleus_relative_pct: float

    def relative_pct(self, muscle: str) -> float:
        """Relative length (%) of ``"gastrocnemius"`` or ``"soleus"``."""
        if muscle not in MUSCLES:
            msg = f"muscle must be one of {', '.join(MUSCLES)}, got {muscle!r}"
            raise ValueError(msg)
        return getattr(self, f"{muscle}_relative_pct")

    def change_mm(self, muscle: str) -> float:
        """Length change (mm) of ``"gastrocnemius"`` or ``"soleus"``."""
        if muscle not in MUSCLES:
            msg = f"muscle must be one of {', '.join(MUSCLES)}, got {muscle!r}"
            raise ValueError(msg)
        return getattr(self, f"{muscle}_change_mm")


def muscle_lengths(knee_flexion_deg: float, ankle_dorsiflexion_deg: float) -> MuscleLengths:
    """Gastrocnemius and soleus lengths for a knee and ankle position (teaching model).

    ``change = ankle moment arm × dorsiflexion (rad) − knee moment arm × knee flexion (rad)``
    for the gastrocnemius, and only the ankle term for the soleus. Moment arms are
    constant teaching assumptions (40 mm ankle, 15 mm knee).

    Parameters
    ----------
    knee_flexion_deg : float
        0 = straight knee, up to 140 degrees.
    ankle_dorsiflexion_deg : float
        0 = foot at 90° to the leg; positive = dorsiflexion (toes up), -50 to 30 degrees.

    Returns
    -------
    MuscleLengths
        Changes in mm and relative lengths in %.

    Raises
    ------
    TypeError
        If an angle is not a number.
    ValueError
        If an angle is outside its range (the message names the joint and the range).

    References
    ----------
    teaching_assumption (moment arms, reference lengths); kinoshita2023 (the anatomy:
    gastrocnemius crosses the knee, soleus does not).

    Examples
    --------
    Bending the knee to 90° shortens the gastrocnemius only:

    >>> m = muscle_lengths(90, 0)
    >>> round(m.gastrocnemius_change_mm, 1), m.soleus_change_mm
    (-23.6, 0.0)
    """
    knee = validate_knee_flexion_deg(knee_flexion_deg)
    ankle = validate_ankle_dorsiflexion_deg(ankle_dorsiflexion_deg)
    p = _parameters()
    ankle_mm = p["ankle_moment_arm_mm"] * math.radians(ankle)
    knee_mm = -p["knee_moment_arm_mm"] * math.radians(knee)
    gas = ankle_mm + knee_mm
    sol = ankle_mm
    return MuscleLengths(
        knee_flexion_deg=knee,
        ankle_dorsiflexion_deg=ankle,
        gastrocnemius_change_mm=gas,
        soleus_change_mm=sol,
        gastrocnemius_relative_pct=100.0 * (1.0 + gas / p["gastrocnemius_length_mm"]),
        soleus_relative_pct=100.0 * (1.0 + sol / p["soleus_length_mm"]),
    )


def get_preset(preset_id: str) -> PositionPreset:
    """One named position ("standing_bottom", "seated_top", ...).

    Raises
    ------
    TypeError, ValueError
        For an id that is not a str or not a preset (the message lists the ids).

    Examples
    --------
    >>> get_preset("seated_bottom").knee_flexion_deg
    90.0
    """
    presets = {p.preset_id: p for p in load_presets()}
    return presets[check_choice("preset_id", preset_id, presets, valid="presets")]
