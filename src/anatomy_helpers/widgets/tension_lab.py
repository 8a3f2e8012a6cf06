"""Notebook 02's nerve tension lab: joint sliders -> posture -> model strain along the nerve.

Thin wiring only: the model is :mod:`anatomy_helpers.neurodynamics`, the picture
:class:`anatomy_helpers.drawing.tension_lab.TensionLabFigure`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from anatomy_helpers.drawing.tension_lab import TensionLabFigure
from anatomy_helpers.neurodynamics import (
    SITES,
    NerveBedState,
    NervePosture,
    glide_postures,
    joint_parameters,
    load_strain_thresholds,
    nerve_state,
    site_parameters,
)
from anatomy_helpers.widgets.base import InteractiveApp, StaticStates
from anatomy_helpers.widgets.controls import DESCRIPTION_STYLE, LabelledSlider, preset_buttons

__all__ = [
    "LAB_DPI",
    "TENSION_LAB_DEFAULTS",
    "TENSION_LAB_PRESETS",
    "TensionLab",
    "describe_state",
    "posture_from_state",
    "tension_lab",
]

#: Render resolution of the lab (dots per inch): 90 keeps an update under 30 ms while the
#: text stays at least 12 px high.
LAB_DPI = 90

_SLIDERS = {
    "neck_flexion_deg": ("Neck flexion (chin to chest)", -40.0, 60.0),
    "trunk_flexion_deg": ("Trunk flexion (slump)", -20.0, 80.0),
    "hip_flexion_deg": ("Hip flexion", 0.0, 120.0),
    "hip_adduction_deg": ("Hip adduction (not drawn)", -30.0, 30.0),
    "hip_internal_rotation_deg": ("Hip internal rotation (not drawn)", -40.0, 40.0),
    "knee_flexion_deg": ("Knee flexion (0 = straight)", 0.0, 140.0),
    "ankle_dorsiflexion_deg": ("Ankle dorsiflexion (toes up)", -50.0, 30.0),
}

#: Control values at start: upright sitting (degrees).
TENSION_LAB_DEFAULTS: dict[str, Any] = {
    "position": "sitting",
    "neck_flexion_deg": 0.0,
    "trunk_flexion_deg": 0.0,
    "hip_flexion_deg": 90.0,
    "hip_adduction_deg": 0.0,
    "hip_internal_rotation_deg": 0.0,
    "knee_flexion_deg": 90.0,
    "ankle_dorsiflexion_deg": 0.0,
    "site": "mid_thigh",
}


def _glide(i: int) -> dict[str, Any]:
    p = glide_postures(2)[i]
    return {**TENSION_LAB_DEFAULTS, **p.as_dict(), "position": "lying"}


#: Named postures (the slump test stages and the supine sciatic nerve glide).
TENSION_LAB_PRESETS: dict[str, dict[str, Any]] = {
    "Upright sitting": dict(TENSION_LAB_DEFAULTS),
    "Slump": {**TENSION_LAB_DEFAULTS, "trunk_flexion_deg": 45.0},
    "Full slump test": {
        **TENSION_LAB_DEFAULTS,
        "trunk_flexion_deg": 45.0,
        "neck_flexion_deg": 50.0,
        "knee_flexion_deg": 0.0,
        "ankle_dorsiflexion_deg": 15.0,
    },
    "Full slump, neck released": {
        **TENSION_LAB_DEFAULTS,
        "trunk_flexion_deg": 45.0,
        "neck_flexion_deg": -20.0,
        "knee_flexion_deg": 0.0,
        "ankle_dorsiflexion_deg": 15.0,
    },
    "Nerve glide start": _glide(0),
    "Nerve glide end": _glide(1),
}


def posture_from_state(state: Mapping[str, Any]) -> NervePosture:
    """The model posture for a state of the lab's controls."""
    return NervePosture.from_mapping({k: float(state[k]) for k in _SLIDERS})


def describe_state(state: Mapping[str, Any], model: NerveBedState | None = None) -> str:
    """Plain-language summary of the posture and the model's output (readout and alt text).

    Parameters
    ----------
    state : mapping
        Control values (angles in degrees, ``position``, ``site``).
    model : NerveBedState, optional
        Precomputed model output.

    Returns
    -------
    str
        One paragraph.
    """
    posture = posture_from_state(state)
    model = model if model is not None else nerve_state(posture)
    params = joint_parameters()
    knee_ext = 90.0 - posture.knee_flexion_deg
    site = state.get("site", "mid_thigh")
    site_label = site_parameters()[site].label
    moved = model.site_displacement_mm[site]
    direction = "towards the foot" if moved >= 0 else "towards the spine"
    threshold = min(t.strain_pct for t in load_strain_thresholds() if t.kind == "animal_threshold")
    biggest = max(params.values(), key=lambda p: abs(model.contributions_mm[p.joint]))
    position = "Lying on the back" if state.get("position") == "lying" else "Sitting"
    return (
        f"{position}; knee flexion {posture.knee_flexion_deg:.0f}° (knee extended "
        f"{knee_ext:.0f}° from a right angle), hip flexion {posture.hip_flexion_deg:.0f}°, "
        f"trunk flexion {posture.trunk_flexion_deg:.0f}°, neck flexion "
        f"{posture.neck_flexion_deg:.0f}°, ankle dorsiflexion "
        f"{posture.ankle_dorsiflexion_deg:.0f}°, hip adduction "
        f"{posture.hip_adduction_deg:.0f}°, hip internal rotation "
        f"{posture.hip_internal_rotation_deg:.0f}°. Model (assumed parameters): nerve bed "
        f"{'longer' if model.elongation_mm >= 0 else 'shorter'} than in standing by "
        f"{abs(model.elongation_mm):.0f} mm, bed-average strain {model.mean_strain_pct:.1f} %, "
        f"peak local strain {model.peak_strain_pct:.1f} % about "
        f"{model.peak_position_mm:.0f} mm from the spine (rabbit blood-flow arrest: "
        f"{threshold:g} %, animal data). Largest contribution: {biggest.label.lower()} "
        f"({model.contributions_mm[biggest.joint]:+.0f} mm). {site_label}: displaced "
        f"{abs(moved):.1f} mm {direction} compared with standing."
    )


class TensionLab(InteractiveApp):
    """Joint sliders, preset postures and a site chooser driving the nerve-bed model.

    The plinth (sitting) and the floor (lying) are static parts of the picture; each has
    its own cached background (:class:`~anatomy_helpers.widgets.base.StaticStates`), so a
    preset or the Position drop-down that switches between them redraws once, as fast as
    a slider step.
    """

    start_hint = "the nerve tension lab"

    def __init__(self) -> None:
        controls: dict[str, widgets.Widget] = {
            "position": widgets.Dropdown(
                options=[("Sitting on a plinth", "sitting"), ("Lying on the back", "lying")],
                value=TENSION_LAB_DEFAULTS["position"],
                description="Position",
                style=DESCRIPTION_STYLE,
            ),
        }
        for name, (label, lo, hi) in _SLIDERS.items():
            controls[name] = LabelledSlider(
                label, "°", value=TENSION_LAB_DEFAULTS[name], min=lo, max=hi
            )
        controls["site"] = widgets.Dropdown(
            options=[(site_parameters()[s].label, s) for s in SITES],
            value=TENSION_LAB_DEFAULTS["site"],
            description="Read excursion at",
            style=DESCRIPTION_STYLE,
        )
        lying = TENSION_LAB_DEFAULTS["position"] == "lying"
        self.view = TensionLabFigure(posture_from_state(TENSION_LAB_DEFAULTS), lying=lying)
        live = StaticStates(
            self.view.fig, dynamic=self.view.dynamic_artists, dpi=LAB_DPI, state=lying
        )
        presets = preset_buttons(list(TENSION_LAB_PRESETS), self.apply_preset)
        note = widgets.HTML(
            "<p><em>Every model number here comes from assumed parameters (no measured "
            "moment arms exist); thresholds are rabbit data, not clinical cut-offs.</em></p>"
        )
        super().__init__(controls, live, header=[presets], caption=[note])
        self._prepare_other_position()

    def _prepare_other_position(self) -> None:
        """Draw the other position's background now, so the first switch is fast too."""
        lying = self.view.lying
        self.view.set_lying(not lying)
        self.live.show_state(not lying)
        self.live.render_rgba()
        self.view.set_lying(lying)
        self.live.show_state(lying)

    def apply_preset(self, name: str) -> None:
        """Set all controls to a named preset (see :data:`TENSION_LAB_PRESETS`).

        Raises
        ------
        ValueError
            For an unknown preset (the message lists them).
        """
        if name not in TENSION_LAB_PRESETS:
            msg = f"unknown preset {name!r}; presets: {', '.join(TENSION_LAB_PRESETS)}"
            raise ValueError(msg)
        self.set_state(TENSION_LAB_PRESETS[name])

    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Move the figure; return alt text and readout."""
        lying = state["position"] == "lying"
        self.view.set_lying(lying)
        self.live.show_state(lying)
        model = self.view.update(posture_from_state(state))
        text = describe_state(state, model)
        return text, f"<p>{text}</p>"


def tension_lab() -> TensionLab:
    """Build notebook 02's nerve tension lab."""
    return TensionLab()
