"""The nerve-bed model: elongation, local strain and excursion for a posture.

Each joint changes the bed's length by ``r_mm * delta_theta_rad * tensioning_direction``;
the extra length is taken up as strain that fades exponentially with distance from the
joint (see the package docstring for the distribution rule).

References
----------
teaching_assumption; checked against ridehalgh2014, ellis2008, coppieters2015, smith1993
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

import numpy as np

from anatomy_helpers.neurodynamics.data import (
    JOINTS,
    SITES,
    bed_dimensions_mm,
    joint_parameters,
    site_parameters,
)
from anatomy_helpers.neurodynamics.posture import NervePosture
from anatomy_helpers.validation import check_choice

__all__ = [
    "NerveBedState",
    "bed_grid_mm",
    "displacement_profile_mm",
    "excursion_mm",
    "nerve_state",
]

_GRID_POINTS = 227  # 5 mm spacing over the 1130 mm bed


@cache
def bed_grid_mm() -> np.ndarray:
    """Positions along the bed (mm from the foramen) at which strain is computed."""
    length, _ = bed_dimensions_mm()
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
    length, spread = bed_dimensions_mm()
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


def _check_posture(name: str, posture: object) -> NervePosture:
    if not isinstance(posture, NervePosture):
        msg = f"{name} must be a NervePosture, got {type(posture).__name__}"
        raise TypeError(msg)
    return posture


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


def _by_name(names: tuple[str, ...], values: np.ndarray) -> Mapping[str, float]:
    return MappingProxyType(dict(zip(names, map(float, values), strict=True)))


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
    _check_posture("posture", posture)
    length, _ = bed_dimensions_mm()
    dens, _disp, site_disp, site_dens = _matrices()
    delta = _contributions(posture)
    profile = 100.0 * (delta @ dens)
    peak_i = int(np.argmax(profile))
    total = float(delta.sum())
    return NerveBedState(
        posture=posture,
        contributions_mm=_by_name(JOINTS, delta),
        elongation_mm=total,
        mean_strain_pct=100.0 * total / length,
        strain_profile_pct=profile,
        peak_strain_pct=float(profile[peak_i]),
        peak_position_mm=float(bed_grid_mm()[peak_i]),
        site_displacement_mm=_by_name(SITES, delta @ site_disp),
        site_strain_pct=_by_name(SITES, 100.0 * (delta @ site_dens)),
    )


def displacement_profile_mm(posture: NervePosture) -> np.ndarray:
    """Displacement of every grid point from the reference posture (mm; + = distal).

    Raises
    ------
    TypeError
        If ``posture`` is not a :class:`NervePosture`.
    """
    _, disp, _, _ = _matrices()
    return _contributions(_check_posture("posture", posture)) @ disp


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
    check_choice("site", site, SITES, valid="sites")
    _check_posture("start", start)
    _check_posture("end", end)
    _, _, site_disp, _ = _matrices()
    j = SITES.index(site)
    return float((_contributions(end) - _contributions(start)) @ site_disp[:, j])
