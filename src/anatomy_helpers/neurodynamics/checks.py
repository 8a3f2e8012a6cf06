"""The model against measurements: reference checks and the human strain range.

References
----------
ridehalgh2014, coppieters2015, smith1993, coppieters_butler2008, teaching_assumption
"""

from __future__ import annotations

from dataclasses import dataclass

from anatomy_helpers.neurodynamics.data import (
    MeasuredExcursion,
    load_measured_excursions,
    load_strain_thresholds,
)
from anatomy_helpers.neurodynamics.model import excursion_mm, nerve_state
from anatomy_helpers.neurodynamics.posture import NervePosture

__all__ = ["ReferenceCheck", "human_strain_range_pct", "reference_checks"]


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


def _within_one_sd(
    m: MeasuredExcursion, quantity: str, predicted: float, case: str
) -> ReferenceCheck:
    measured = getattr(m, quantity)
    sd = m.excursion_sd_mm if quantity == "excursion_mm" else m.strain_sd_pct
    within = abs(predicted - measured) <= sd
    return ReferenceCheck(m, quantity, predicted, measured, sd, "one reported SD", within, case)


def _ridehalgh(m: MeasuredExcursion) -> ReferenceCheck:
    """Knee 90° -> 0° with the hip held, mid-thigh excursion (the model's reference test)."""
    start = NervePosture(hip_flexion_deg=m.joint_angle_deg, knee_flexion_deg=90)
    end = start.with_changes(knee_flexion_deg=0)
    case = f"knee flexion 90° → 0° with the hip at {m.joint_angle_deg:g}°, read at the mid-thigh"
    return _within_one_sd(m, "excursion_mm", abs(excursion_mm(start, end, m.site)), case)


def _coppieters_sural(m: MeasuredExcursion) -> tuple[ReferenceCheck, ReferenceCheck]:
    """Hip flexion with the ankle pre-positioned: strain and excursion near the ankle."""
    start = NervePosture(ankle_dorsiflexion_deg=20)  # pre-positioned ankle: assumed 20°
    end = start.with_changes(hip_flexion_deg=m.joint_angle_deg)
    case = (
        f"hip flexion 0° → {m.joint_angle_deg:g}° with the ankle held at 20° dorsiflexion "
        "(assumed), read at the ankle site (assumed)"
    )
    strain = nerve_state(end).site_strain_pct["ankle"] - nerve_state(start).site_strain_pct["ankle"]
    return (
        _within_one_sd(m, "strain_pct", strain, case),
        _within_one_sd(m, "excursion_mm", abs(excursion_mm(start, end, "ankle")), case),
    )


def _smith_roots(m: MeasuredExcursion) -> ReferenceCheck:
    """Straight-leg raise to 70°: root strain against the reported range."""
    predicted = nerve_state(NervePosture(hip_flexion_deg=70)).site_strain_pct["roots"]
    return ReferenceCheck(
        m,
        "strain_pct",
        predicted,
        (m.strain_min_pct + m.strain_max_pct) / 2,
        (m.strain_max_pct - m.strain_min_pct) / 2,
        "the reported range",
        m.strain_min_pct <= predicted <= m.strain_max_pct,
        "straight-leg raise to 70° hip flexion (assumed end angle), read at the roots",
    )


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
    return (
        _ridehalgh(rows["ridehalgh2014_hip30"]),
        _ridehalgh(rows["ridehalgh2014_hip60"]),
        *_coppieters_sural(rows["coppieters2015_sural"]),
        _smith_roots(rows["smith1993_roots"]),
    )


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
