"""Techniques in the model: sliders versus tensioners, and the supine sciatic nerve glide.

References
----------
teaching_assumption; compare coppieters_butler2008, coppieters2009, ellis2012;
seed_sciatic_glide_page (the glide)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from anatomy_helpers.neurodynamics.data import (
    JOINTS,
    SITES,
    JointParameter,
    glide_protocol,
    joint_parameters,
    load_technique_examples,
)
from anatomy_helpers.neurodynamics.model import excursion_mm, nerve_state
from anatomy_helpers.neurodynamics.posture import NervePosture, example_posture
from anatomy_helpers.validation import check_choice, check_real, check_whole_number

__all__ = [
    "SliderTensionerComparison",
    "compare_slider_tensioner",
    "glide_postures",
    "technique_example",
]


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


def _check_movement(start: object, joints: dict[str, object], changes: dict[str, object]) -> None:
    if not isinstance(start, NervePosture):
        msg = f"start must be a NervePosture, got {type(start).__name__}"
        raise TypeError(msg)
    for name, joint in joints.items():
        if not isinstance(joint, str) or joint not in JOINTS:
            msg = f"{name} {joint!r} is unknown; valid joints: {', '.join(JOINTS)}"
            raise ValueError(msg)
    if len(set(joints.values())) != len(joints):
        msg = "lead_joint and second_joint must be different joints"
        raise ValueError(msg)
    for name, change in changes.items():
        if check_real(name, change, unit="degrees") <= 0:
            msg = f"{name} must be a positive number of degrees, got {change}"
            raise ValueError(msg)


def _moved(p: JointParameter, start: float, change: float, name: str, sense: int) -> float:
    """The angle after moving ``change`` degrees (with or against its tensioning direction)."""
    end = start + sense * p.tensioning_direction * change
    if not p.min_deg <= end <= p.max_deg:
        msg = (
            f"{name} = {change:g} moves {p.angle_name} ({p.label.lower()}) from {start:g} to "
            f"{end:g}, outside its range {p.min_deg:g} to {p.max_deg:g} degrees"
        )
        raise ValueError(msg)
    return end


def _end_postures(
    start: NervePosture, lead: str, lead_change: float, second: str, second_change: float
) -> tuple[NervePosture, NervePosture]:
    """(tensioner end, slider end): the second joint moves with or against its tensioning."""
    params = joint_parameters()
    p_lead, p_second = params[lead], params[second]
    values = start.as_dict()
    lead_end = _moved(p_lead, values[p_lead.angle_name], lead_change, "lead_change_deg", 1)
    second_from = values[p_second.angle_name]
    tensioner = start.with_changes(
        **{
            p_lead.angle_name: lead_end,
            p_second.angle_name: _moved(
                p_second, second_from, second_change, "second_change_deg", 1
            ),
        }
    )
    slider = start.with_changes(
        **{
            p_lead.angle_name: lead_end,
            p_second.angle_name: _moved(
                p_second, second_from, second_change, "second_change_deg", -1
            ),
        }
    )
    return tensioner, slider


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
    _check_movement(
        start,
        {"lead_joint": lead_joint, "second_joint": second_joint},
        {"lead_change_deg": lead_change_deg, "second_change_deg": second_change_deg},
    )
    check_choice("site", site, SITES, valid="sites")
    tensioner, slider = _end_postures(
        start, lead_joint, lead_change_deg, second_joint, second_change_deg
    )
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


def technique_example(example_id: str = "knee_extension_with_neck") -> dict[str, Any]:
    """The arguments of :func:`compare_slider_tensioner` for a stored teaching example.

    Parameters
    ----------
    example_id : str, default "knee_extension_with_neck"
        A row of ``neurodynamics_technique_examples.csv``.

    Returns
    -------
    dict
        ``start``, ``lead_joint``, ``lead_change_deg``, ``second_joint``,
        ``second_change_deg``: pass it as ``compare_slider_tensioner(**example)``.

    Examples
    --------
    >>> technique_example()["second_joint"]
    'neck_flexion'
    """
    rows = {r.example_id: r for r in load_technique_examples()}
    row = rows[check_choice("example_id", example_id, rows, valid="examples")]
    return {
        "start": example_posture(row.start_posture),
        "lead_joint": row.lead_joint,
        "lead_change_deg": row.lead_change_deg,
        "second_joint": row.second_joint,
        "second_change_deg": row.second_change_deg,
    }


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
    TypeError, ValueError
        If ``n_steps`` is not a whole number from 2 to 91.

    References
    ----------
    seed_sciatic_glide_page, teaching_assumption.
    """
    if isinstance(n_steps, float):
        msg = "n_steps must be a whole number (int), got float"
        raise TypeError(msg)
    n = check_whole_number("n_steps", n_steps, 2, 91)
    p = glide_protocol()
    knees = np.linspace(p["knee_flexion_start_deg"].value, p["knee_flexion_end_deg"].value, n)
    return tuple(
        NervePosture(
            hip_flexion_deg=p["hip_flexion_deg"].value,
            ankle_dorsiflexion_deg=p["ankle_dorsiflexion_deg"].value,
            knee_flexion_deg=float(k),
        )
        for k in knees
    )
