"""The model's posture: the joint angles of one leg and the spine, validated against its ranges.

References
----------
teaching_assumption (the ranges of ``neurodynamics_joint_parameters.csv``)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from anatomy_helpers.kinematics import AngleRecord, JointAngles
from anatomy_helpers.neurodynamics.data import load_example_postures, load_joint_parameters
from anatomy_helpers.validation import check_choice

__all__ = ["NervePosture", "example_posture"]


@dataclass(frozen=True)
class NervePosture(AngleRecord):
    """Joint angles of one leg and the spine, in degrees, validated against the model's ranges.

    Conventions as in :mod:`anatomy_helpers.kinematics`; the defaults are the reference
    posture (anatomical standing: everything 0, knee straight). It shares its validation,
    :meth:`with_changes`, :meth:`as_dict` and :meth:`from_mapping` with
    :class:`~anatomy_helpers.kinematics.JointAngles` (both are
    :class:`~anatomy_helpers.kinematics.AngleRecord`).

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

    @classmethod
    def angle_ranges(cls) -> Mapping[str, tuple[float, float, str]]:
        """The model's range of each angle (``neurodynamics_joint_parameters.csv``)."""
        return {
            p.angle_name: (p.min_deg, p.max_deg, p.label.lower()) for p in load_joint_parameters()
        }

    def joint_angles(self, *, lying: bool = False) -> JointAngles:
        """Stick-figure angles of this posture (adduction and rotation are not drawn).

        Parameters
        ----------
        lying : bool, default False
            Lying on the back (body tilted 90°) instead of sitting or standing.

        Returns
        -------
        JointAngles
            Angles for :func:`anatomy_helpers.kinematics.pose_from_angles`.
        """
        if not isinstance(lying, bool):
            msg = f"lying must be True or False, got {type(lying).__name__}"
            raise TypeError(msg)
        return JointAngles.from_mapping({**self.as_dict(), "body_tilt_deg": 90.0 * lying})


def example_posture(posture_id: str) -> NervePosture:
    """A named example posture of the model (``neurodynamics_example_postures.csv``).

    Parameters
    ----------
    posture_id : str
        E.g. ``"full_slump"``.

    Returns
    -------
    NervePosture
        The posture (illustrative angles, a teaching choice).

    Examples
    --------
    >>> example_posture("full_slump").neck_flexion_deg
    50.0
    """
    rows = {r.posture_id: r for r in load_example_postures()}
    row = rows[check_choice("posture_id", posture_id, rows, valid="example postures")]
    return NervePosture.from_mapping(asdict(row))
