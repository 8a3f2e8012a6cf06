"""Side-view forward kinematics of the stick figure."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from anatomy_helpers.kinematics import (
    ANGLE_LIMITS_DEG,
    SEGMENT_FRACTIONS,
    JointAngles,
    pose_from_angles,
)


def _dist(pose, a, b):
    return float(np.linalg.norm(pose[a] - pose[b]))


angles_strategy = st.builds(
    JointAngles,
    **{name: st.floats(lo, hi) for name, (lo, hi) in ANGLE_LIMITS_DEG.items()},
)


@given(angles_strategy, st.floats(1.0, 2.2))
def test_segment_lengths_never_change(angles, height):
    pose = pose_from_angles(angles, height_m=height)
    assert _dist(pose, "hip", "knee") == pytest.approx(SEGMENT_FRACTIONS["thigh"] * height)
    assert _dist(pose, "knee", "ankle") == pytest.approx(SEGMENT_FRACTIONS["leg"] * height)
    assert _dist(pose, "ankle", "toe") == pytest.approx(SEGMENT_FRACTIONS["foot"] * height)
    assert np.allclose(pose["hip"], 0.0)


def test_standing_sitting_and_supine_shapes():
    h = 1.0
    stand = pose_from_angles(JointAngles(), height_m=h)
    assert stand["knee"][0] == pytest.approx(0) and stand["knee"][1] < 0 < stand["c7"][1]
    assert stand["toe"][0] > stand["ankle"][0]  # the figure faces +x
    sit = pose_from_angles(JointAngles(hip_flexion_deg=90, knee_flexion_deg=90), height_m=h)
    assert sit["knee"][1] == pytest.approx(0) and sit["knee"][0] > 0
    assert sit["ankle"][0] == pytest.approx(sit["knee"][0])
    supine = pose_from_angles(JointAngles(body_tilt_deg=90, hip_flexion_deg=90), height_m=h)
    assert supine["c7"][0] < 0 and supine["c7"][1] == pytest.approx(0, abs=1e-12)
    assert supine["knee"][1] > 0 and supine["toe"][0] < supine["ankle"][0]


def test_flexions_move_segments_forward():
    base = pose_from_angles(JointAngles(hip_flexion_deg=90, knee_flexion_deg=90))
    slump = pose_from_angles(
        JointAngles(hip_flexion_deg=90, knee_flexion_deg=90, trunk_flexion_deg=40)
    )
    assert slump["c7"][0] > base["c7"][0]
    neck = pose_from_angles(
        JointAngles(hip_flexion_deg=90, knee_flexion_deg=90, neck_flexion_deg=40)
    )
    assert neck["head_center"][0] > base["head_center"][0]
    df = pose_from_angles(
        JointAngles(hip_flexion_deg=90, knee_flexion_deg=0, ankle_dorsiflexion_deg=20)
    )
    assert df["toe"][1] > df["ankle"][1] + 0.1  # toes up with the knee straight
    assert math.isclose(df["knee"][1], df["ankle"][1], abs_tol=1e-12)


def test_translate_and_lowest_point():
    pose = pose_from_angles(JointAngles()).translated("toe", (1.0, 0.0))
    assert np.allclose(pose["toe"], [1.0, 0.0])
    assert pose.lowest_y_m() == pytest.approx(min(p[1] for p in pose.points.values()))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"knee_flexion_deg": -5},
            ValueError,
            r"knee_flexion_deg = -5 is outside its range 0 to 150 degrees",
        ),
        ({"hip_flexion_deg": float("nan")}, ValueError, "hip_flexion_deg"),
        ({"neck_flexion_deg": "30"}, TypeError, "neck_flexion_deg must be a number"),
        ({"ankle_dorsiflexion_deg": True}, TypeError, "must be a number"),
    ],
)
def test_bad_angles_name_the_joint_and_range(kwargs, error, match):
    with pytest.raises(error, match=match):
        JointAngles(**kwargs)


def test_other_bad_inputs():
    with pytest.raises(ValueError, match="unknown joint angle"):
        JointAngles().with_changes(elbow_flexion_deg=10)
    with pytest.raises(ValueError, match=r"height_m = 3 is outside its range 1 to 2\.2 m"):
        pose_from_angles(JointAngles(), height_m=3)
    with pytest.raises(TypeError, match="angles must be a JointAngles"):
        pose_from_angles({"knee_flexion_deg": 10})
    with pytest.raises(ValueError, match="unknown point 'elbow'"):
        pose_from_angles(JointAngles())["elbow"]
