"""Notebook 00's practice widget: move a seated stick figure with sliders and presets."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.drawing.posture import SeatedPostureFigure
from anatomy_helpers.kinematics import JointAngles
from anatomy_helpers.widgets.base import InteractiveApp
from anatomy_helpers.widgets.controls import LabelledSlider, preset_buttons

__all__ = [
    "POSTURE_DEMO_DEFAULTS",
    "POSTURE_PRESETS",
    "PostureDemo",
    "angles_from_state",
    "changed_segments",
    "posture_demo",
]

#: Control values at start (degrees).
POSTURE_DEMO_DEFAULTS = {
    "trunk_flexion_deg": 0.0,
    "neck_flexion_deg": 0.0,
    "knee_flexion_deg": 90.0,
    "ankle_dorsiflexion_deg": 0.0,
}

POSTURE_PRESETS = {
    "Upright sitting": POSTURE_DEMO_DEFAULTS,
    "Slumped sitting": {
        **POSTURE_DEMO_DEFAULTS,
        "trunk_flexion_deg": 45.0,
        "neck_flexion_deg": 40.0,
    },
    "Knee straightened": {**POSTURE_DEMO_DEFAULTS, "knee_flexion_deg": 0.0},
}

_LABELS = {
    "trunk_flexion_deg": ("Trunk flexion (slump)", -10.0, 60.0),
    "neck_flexion_deg": ("Neck flexion", -30.0, 60.0),
    "knee_flexion_deg": ("Knee flexion", 0.0, 110.0),
    "ankle_dorsiflexion_deg": ("Ankle dorsiflexion", -30.0, 20.0),
}
_SEGMENT_OF = {
    "trunk_flexion_deg": ("lumbar", "thoracic"),
    "neck_flexion_deg": ("neck", "head"),
    "knee_flexion_deg": ("leg",),
    "ankle_dorsiflexion_deg": ("foot",),
}


def angles_from_state(state: Mapping[str, Any]) -> JointAngles:
    """The seated figure's joint angles for a state of the controls (hip at 90°)."""
    return JointAngles(hip_flexion_deg=90.0, **{k: float(state[k]) for k in _LABELS})


def changed_segments(state: Mapping[str, Any]) -> tuple[str, ...]:
    """Segments whose angle differs from the default posture (they are highlighted)."""
    return tuple(
        seg
        for k, segs in _SEGMENT_OF.items()
        if state[k] != POSTURE_DEMO_DEFAULTS[k]
        for seg in segs
    )


def describe_posture(state: Mapping[str, Any]) -> str:
    """One sentence describing the seated posture (used for the readout and alt text)."""
    a = angles_from_state(state)
    return (
        f"Seated figure: trunk flexion {a.trunk_flexion_deg:.0f}°, neck flexion "
        f"{a.neck_flexion_deg:.0f}°, knee flexion {a.knee_flexion_deg:.0f}°, ankle "
        f"dorsiflexion {a.ankle_dorsiflexion_deg:.0f}°; segments moved from upright "
        f"sitting are highlighted in orange and drawn thicker."
    )


class PostureDemo(InteractiveApp):
    """Sliders (each with a number box) and preset buttons moving a seated figure."""

    start_hint = "the practice figure"

    def __init__(self) -> None:
        controls = {
            name: LabelledSlider(label, "°", value=POSTURE_DEMO_DEFAULTS[name], min=lo, max=hi)
            for name, (label, lo, hi) in _LABELS.items()
        }
        self.view = SeatedPostureFigure(angles_from_state(POSTURE_DEMO_DEFAULTS))
        live = LiveFigure(self.view.fig, dynamic=self.view.dynamic_artists)
        presets = preset_buttons(list(POSTURE_PRESETS), self.apply_preset)
        super().__init__(controls, live, header=[presets])

    def apply_preset(self, name: str) -> None:
        """Set all controls to a named preset (see :data:`POSTURE_PRESETS`)."""
        if name not in POSTURE_PRESETS:
            msg = f"unknown preset {name!r}; presets: {', '.join(POSTURE_PRESETS)}"
            raise ValueError(msg)
        self.set_state(POSTURE_PRESETS[name])

    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Move the figure; return alt text and readout."""
        self.view.update(angles_from_state(state), highlight=changed_segments(state))
        text = describe_posture(state)
        return text, f"<p>{text}</p>"


def posture_demo() -> PostureDemo:
    """Build notebook 00's practice widget."""
    return PostureDemo()
