"""Side-view (sagittal) forward kinematics of a stick figure from joint angles.

The slump test, the nerve-tension lab, the calf-raise leg and the exercise poses all draw
the same stick figure: hip joint, lumbar and thoracic spine, neck and head, thigh, leg
(shank) and foot, computed here from clinical joint angles so that every pose is
reproducible and testable. The figure faces +x (to the right); angles are in degrees.

Angle conventions (0 = anatomical standing position):

* ``body_tilt_deg``: rotation of the pelvis in space; 0 upright (sitting or standing),
  90 lying on the back (supine, head to the left).
* ``trunk_flexion_deg``: thoracolumbar flexion (slump), shared equally between the lumbar
  and thoracic segments so the back curves; negative = extension.
* ``neck_flexion_deg``: chin towards chest relative to the thorax; negative = extension.
* ``hip_flexion_deg``: thigh forwards relative to the pelvis (sitting = 90).
* ``knee_flexion_deg``: 0 = straight knee; sitting with the foot down = 90.
* ``ankle_dorsiflexion_deg``: 0 = foot at 90° to the leg; positive = toes up,
  negative = plantarflexion (pointing the foot).

Segment lengths are drawing proportions of standing height (a teaching assumption for
legible figures, not anthropometric data; see :data:`SEGMENT_FRACTIONS`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from types import MappingProxyType
from typing import Self

import numpy as np

from anatomy_helpers.tables import FieldError
from anatomy_helpers.validation import check_real

__all__ = [
    "ANGLE_LIMITS_DEG",
    "SEGMENT_FRACTIONS",
    "AngleRecord",
    "JointAngles",
    "JointAnglesRow",
    "Pose",
    "pose_from_angles",
    "validate_angle",
]

#: Drawable range of each angle (degrees). They bound the controls and catch typing
#: errors; they are generous limits for drawing, not normative ranges of motion.
ANGLE_LIMITS_DEG = MappingProxyType(
    {
        "body_tilt_deg": (-90.0, 90.0),
        "trunk_flexion_deg": (-30.0, 90.0),
        "neck_flexion_deg": (-60.0, 70.0),
        "hip_flexion_deg": (-30.0, 140.0),
        "knee_flexion_deg": (0.0, 150.0),
        "ankle_dorsiflexion_deg": (-60.0, 40.0),
    }
)

#: Segment lengths as fractions of standing height (drawing proportions; teaching
#: assumption, chosen to look like an adult in side view).
SEGMENT_FRACTIONS = MappingProxyType(
    {
        "lumbar": 0.12,  # hip joint -> thoracolumbar junction
        "thoracic": 0.17,  # thoracolumbar junction -> base of the neck (C7)
        "neck": 0.06,  # C7 -> base of the skull
        "head_radius": 0.065,
        "thigh": 0.245,  # hip -> knee
        "leg": 0.246,  # knee -> ankle
        "heel": 0.04,  # ankle -> back of the heel
        "foot": 0.11,  # ankle -> toes
    }
)


def validate_angle(name: str, value: object) -> float:
    """Check one joint angle and return it as a float.

    Parameters
    ----------
    name : str
        One of :data:`ANGLE_LIMITS_DEG`.
    value : float
        Angle in degrees.

    Returns
    -------
    float
        The value.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If ``name`` is unknown or ``value`` is not finite or outside the joint's range;
        the message names the joint and its range.

    Examples
    --------
    >>> validate_angle("knee_flexion_deg", 90)
    90.0
    """
    if not isinstance(name, str) or name not in ANGLE_LIMITS_DEG:
        msg = f"unknown joint angle name {name!r}; valid names: {', '.join(ANGLE_LIMITS_DEG)}"
        raise (ValueError if isinstance(name, str) else TypeError)(msg)
    low, high = ANGLE_LIMITS_DEG[name]
    return check_real(name, value, low, high, unit="degrees")


@dataclass(frozen=True)
class AngleRecord:
    """Base of the validated joint-angle records (:class:`JointAngles`, ``NervePosture``).

    A subclass is a frozen dataclass whose fields are angles in degrees, all with
    defaults, and whose :meth:`angle_ranges` gives each field's allowed range. Every value
    is checked on creation with :func:`~anatomy_helpers.validation.check_real`, so the
    messages name the angle, its range and the unit.
    """

    @classmethod
    def angle_ranges(cls) -> Mapping[str, tuple[float, float, str]]:
        """Field name -> (lowest, highest, plain-language label) in degrees."""
        raise NotImplementedError

    def __post_init__(self) -> None:
        ranges = self.angle_ranges()
        for f in fields(self):
            low, high, label = ranges[f.name]
            value = check_real(f.name, getattr(self, f.name), low, high, unit="degrees", what=label)
            object.__setattr__(self, f.name, value)

    def with_changes(self, **changes: float) -> Self:
        """Return a copy with some angles changed (validated).

        Raises
        ------
        ValueError
            For an unknown angle name (the message lists the valid names).
        """
        names = [f.name for f in fields(self)]
        unknown = set(changes) - set(names)
        if unknown:
            msg = f"unknown joint angle(s) {sorted(unknown)}; valid names: {', '.join(names)}"
            raise ValueError(msg)
        return replace(self, **changes)

    def as_dict(self) -> dict[str, float]:
        """Angles as a plain dict keyed by field name (degrees)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> Self:
        """Build from a mapping that may hold other keys too (a table row, a widget state).

        Raises
        ------
        TypeError
            If ``values`` is not a mapping.
        """
        if not isinstance(values, Mapping):
            msg = f"values must be a mapping of angle name to degrees, got {type(values).__name__}"
            raise TypeError(msg)
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in names})


@dataclass(frozen=True)
class JointAngles(AngleRecord):
    """Joint angles of the side-view figure, in degrees (see module docstring).

    All values are validated on creation against :data:`ANGLE_LIMITS_DEG`.

    Examples
    --------
    >>> JointAngles(hip_flexion_deg=90, knee_flexion_deg=90).knee_flexion_deg
    90.0
    """

    body_tilt_deg: float = 0.0
    trunk_flexion_deg: float = 0.0
    neck_flexion_deg: float = 0.0
    hip_flexion_deg: float = 0.0
    knee_flexion_deg: float = 0.0
    ankle_dorsiflexion_deg: float = 0.0

    @classmethod
    def angle_ranges(cls) -> Mapping[str, tuple[float, float, str]]:
        """The drawable ranges of :data:`ANGLE_LIMITS_DEG` (degrees)."""
        return {name: (low, high, "") for name, (low, high) in ANGLE_LIMITS_DEG.items()}


#: Names of the points of a :class:`Pose`, from the head down to the toes.
POINT_NAMES = (
    "head_center",
    "skull_base",
    "c7",
    "t12",
    "hip",
    "knee",
    "ankle",
    "heel",
    "toe",
)


class JointAnglesRow:
    """Mixin for a data-table row whose fields include the :class:`JointAngles` angles.

    The table loader calls :meth:`check`, so a row whose pose cannot be drawn is rejected
    with a :class:`~anatomy_helpers.tables.FieldError` on ``angles``; :meth:`angles` gives
    the validated angles. Used by the slump stage poses and the exercise poses.
    """

    def check(self) -> None:
        """The angles are drawable (see :class:`JointAngles`)."""
        try:
            self.angles()
        except ValueError as exc:
            raise FieldError("angles", str(exc)) from None

    def angles(self) -> JointAngles:
        """The pose as validated :class:`JointAngles`."""
        return JointAngles.from_mapping(asdict(self))


@dataclass(frozen=True)
class Pose:
    """Positions of the figure's points, in metres, for one set of angles.

    Attributes
    ----------
    angles : JointAngles
        The angles the pose was computed from.
    height_m : float
        Standing height used to scale the segments.
    points : mapping of str to numpy.ndarray
        ``POINT_NAMES`` -> (x, y) position; +x is the way the figure faces.
    """

    angles: JointAngles
    height_m: float
    points: MappingProxyType

    def __getitem__(self, name: str) -> np.ndarray:
        try:
            return self.points[name]
        except KeyError:
            msg = f"unknown point {name!r}; valid points: {', '.join(POINT_NAMES)}"
            raise ValueError(msg) from None

    @property
    def head_radius_m(self) -> float:
        """Radius of the drawn head (m)."""
        return SEGMENT_FRACTIONS["head_radius"] * self.height_m

    def chain(self, names: tuple[str, ...]) -> np.ndarray:
        """Stack points into an array of shape (len(names), 2) for drawing a polyline."""
        return np.array([self[n] for n in names])

    def translated(self, point: str, to_xy: tuple[float, float]) -> Pose:
        """Return the pose moved so that ``point`` sits at ``to_xy`` (m)."""
        shift = np.asarray(to_xy, dtype=float) - self[point]
        moved = {k: v + shift for k, v in self.points.items()}
        return Pose(self.angles, self.height_m, MappingProxyType(moved))

    def lowest_y_m(self) -> float:
        """Lowest y of any point, counting the head's outline (m)."""
        ys = [p[1] for p in self.points.values()]
        ys.append(self["head_center"][1] - self.head_radius_m)
        return float(min(ys))


def _unit(angle_deg: float) -> np.ndarray:
    a = math.radians(angle_deg)
    return np.array([math.cos(a), math.sin(a)])


def pose_from_angles(angles: JointAngles, *, height_m: float = 1.75) -> Pose:
    """Forward kinematics: joint angles -> point positions, hip joint at the origin.

    Parameters
    ----------
    angles : JointAngles
        Validated joint angles (degrees).
    height_m : float, default 1.75
        Standing height that scales every segment (m), 1.0 to 2.2.

    Returns
    -------
    Pose
        Point positions in metres.

    Raises
    ------
    TypeError
        If ``angles`` is not a :class:`JointAngles`.
    ValueError
        If ``height_m`` is outside 1.0 to 2.2 m.

    Examples
    --------
    Standing upright, the knee is straight below the hip:

    >>> p = pose_from_angles(JointAngles(), height_m=1.0)
    >>> [round(float(v), 3) + 0.0 for v in p["knee"]]
    [0.0, -0.245]

    Sitting (hip and knee at 90°), the thigh is horizontal and the leg vertical:

    >>> p = pose_from_angles(JointAngles(hip_flexion_deg=90, knee_flexion_deg=90), height_m=1.0)
    >>> [round(float(v), 3) for v in p["ankle"]]
    [0.245, -0.246]
    """
    if not isinstance(angles, JointAngles):
        msg = f"angles must be a JointAngles, got {type(angles).__name__}"
        raise TypeError(msg)
    h = check_real("height_m", height_m, 1.0, 2.2, unit="m")
    s = {k: v * h for k, v in SEGMENT_FRACTIONS.items()}
    a = angles
    # Directions in world degrees (0 = +x, counter-clockwise positive).
    lumbar_dir = 90.0 + a.body_tilt_deg - a.trunk_flexion_deg / 2.0
    thoracic_dir = lumbar_dir - a.trunk_flexion_deg / 2.0
    neck_dir = thoracic_dir - a.neck_flexion_deg
    thigh_dir = 270.0 + a.body_tilt_deg + a.hip_flexion_deg
    leg_dir = thigh_dir - a.knee_flexion_deg
    foot_dir = leg_dir + 90.0 + a.ankle_dorsiflexion_deg

    hip = np.zeros(2)
    t12 = hip + s["lumbar"] * _unit(lumbar_dir)
    c7 = t12 + s["thoracic"] * _unit(thoracic_dir)
    skull_base = c7 + s["neck"] * _unit(neck_dir)
    head_center = skull_base + s["head_radius"] * _unit(neck_dir)
    knee = hip + s["thigh"] * _unit(thigh_dir)
    ankle = knee + s["leg"] * _unit(leg_dir)
    toe = ankle + s["foot"] * _unit(foot_dir)
    heel = ankle - s["heel"] * _unit(foot_dir)
    points = {
        "head_center": head_center,
        "skull_base": skull_base,
        "c7": c7,
        "t12": t12,
        "hip": hip,
        "knee": knee,
        "ankle": ankle,
        "heel": heel,
        "toe": toe,
    }
    return Pose(angles, h, MappingProxyType(points))
