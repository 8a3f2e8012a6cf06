"""Notebook 05's interactives: the muscle-length explorer and the paired-study simulator.

Both only wire controls to :mod:`anatomy_helpers.muscle_length` /
:mod:`anatomy_helpers.calf_raise` and the drawing classes in
:mod:`anatomy_helpers.drawing.calf_raise`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from anatomy_helpers import calf_raise as cr
from anatomy_helpers import muscle_length as ml
from anatomy_helpers.drawing.calf_raise import (
    MuscleLengthFigure,
    PairedSimulationFigure,
)
from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.widgets.base import InteractiveApp
from anatomy_helpers.widgets.controls import DESCRIPTION_STYLE, LabelledSlider, preset_buttons

__all__ = [
    "MUSCLE_LENGTH_DEFAULTS",
    "SIMULATION_DEFAULTS",
    "MuscleLengthExplorer",
    "PairedStudySimulator",
    "describe_muscle_lengths",
    "describe_simulation",
    "muscle_length_explorer",
    "paired_study_simulator",
    "simulation_kwargs",
]

#: Start position of the muscle-length explorer (degrees).
MUSCLE_LENGTH_DEFAULTS = {"knee_flexion_deg": 0.0, "ankle_dorsiflexion_deg": 0.0}

#: Start settings of the simulator.
SIMULATION_DEFAULTS = {
    "muscle_id": "lateral_gastrocnemius",
    "between_person_sd_pct": cr.DEFAULT_BETWEEN_PERSON_SD_PCT,
    "n_participants": 14.0,
    "leg_correlation": cr.DEFAULT_LEG_CORRELATION,
    "study_number": 1.0,
}

_SEED_BASE = 2022  # study number 1 -> seed 2023 (the default of the core functions)


# -- muscle length ---------------------------------------------------------------------
def describe_muscle_lengths(knee_flexion_deg: float, ankle_dorsiflexion_deg: float) -> str:
    """One sentence on the model lengths at a position (readout and alt text)."""
    m = ml.muscle_lengths(knee_flexion_deg, ankle_dorsiflexion_deg)
    return (
        f"Knee flexion {m.knee_flexion_deg:.0f}°, ankle dorsiflexion "
        f"{m.ankle_dorsiflexion_deg:+.0f}°. Teaching model (assumed moment arms): "
        f"gastrocnemius {m.gastrocnemius_relative_pct:.1f} % of its straight-knee, "
        f"foot-at-90° length ({m.gastrocnemius_change_mm:+.0f} mm); soleus "
        f"{m.soleus_relative_pct:.1f} % ({m.soleus_change_mm:+.0f} mm)."
    )


class MuscleLengthExplorer(InteractiveApp):
    """Knee and ankle sliders move a leg; bars show gastrocnemius and soleus model lengths.

    Presets set the bottom and top positions of standing and seated calf raises
    (illustrative angles, a teaching assumption).
    """

    start_hint = "the muscle-length explorer"

    def __init__(self) -> None:
        controls = {
            "knee_flexion_deg": LabelledSlider(
                "Knee flexion",
                "°",
                value=MUSCLE_LENGTH_DEFAULTS["knee_flexion_deg"],
                min=ml.KNEE_RANGE_DEG[0],
                max=120.0,
                step=1.0,
                tooltip="0° = knee straight (standing); 90° = knee bent as when seated",
            ),
            "ankle_dorsiflexion_deg": LabelledSlider(
                "Ankle dorsiflexion (+) / plantarflexion (−)",
                "°",
                value=MUSCLE_LENGTH_DEFAULTS["ankle_dorsiflexion_deg"],
                min=-40.0,
                max=ml.ANKLE_RANGE_DEG[1],
                step=1.0,
                tooltip="Positive = heel down (stretch); negative = up on the toes",
            ),
        }
        self.view = MuscleLengthFigure(**MUSCLE_LENGTH_DEFAULTS)
        live = LiveFigure(self.view.fig, dynamic=self.view.dynamic_artists)
        self.presets = {p.label: p for p in ml.load_presets()}
        buttons = preset_buttons(
            list(self.presets), self.apply_preset, tooltip_prefix="Set the knee and ankle to"
        )
        note = widgets.HTML(
            "<p><em>Teaching model: moment arms are assumptions, and the preset angles are "
            "illustrative (the study's exact ankle range was not available).</em></p>"
        )
        super().__init__(controls, live, header=[buttons, note])

    def apply_preset(self, label: str) -> None:
        """Set the knee and ankle to a named preset (a label of ``muscle_length_presets.csv``)."""
        if label not in self.presets:
            msg = f"unknown preset {label!r}; presets: {', '.join(self.presets)}"
            raise ValueError(msg)
        p = self.presets[label]
        self.set_state(
            {
                "knee_flexion_deg": p.knee_flexion_deg,
                "ankle_dorsiflexion_deg": p.ankle_dorsiflexion_deg,
            }
        )

    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Move the leg and bars; return alt text and readout."""
        knee, ankle = float(state["knee_flexion_deg"]), float(state["ankle_dorsiflexion_deg"])
        self.view.update(knee, ankle)
        text = describe_muscle_lengths(knee, ankle)
        alt = (
            "Side view of a leg on a step with the gastrocnemius and soleus drawn on it, "
            "and bars of their model lengths. " + text
        )
        return alt, f"<p>{html.escape(text)}</p>"


def muscle_length_explorer() -> MuscleLengthExplorer:
    """Build notebook 05's muscle-length explorer."""
    return MuscleLengthExplorer()


# -- simulation ------------------------------------------------------------------------
def simulation_kwargs(state: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments of the simulation for a state of the simulator's controls."""
    return {
        "n_participants": round(state["n_participants"]),
        "between_person_sd_pct": float(state["between_person_sd_pct"]),
        "leg_correlation": float(state["leg_correlation"]),
        "seed": _SEED_BASE + round(state["study_number"]),
    }


def describe_simulation(sim: cr.PairedSimulation, power: Mapping[str, cr.PowerEstimate]) -> str:
    """Plain-language summary of one simulated study and the power at its n."""
    mean, low, high, sig = sim.paired_t()
    name = cr.MUSCLE_NAMES[sim.muscle_id].lower()
    verdict = (
        "the 95 % confidence interval excludes 0, so this simulated study detects the difference"
        if sig
        else "the 95 % confidence interval includes 0, so this simulated study does not "
        "detect a difference"
    )
    parts = []
    for m in ("lateral_gastrocnemius", "soleus"):
        est = power[m]
        if sim.n <= int(est.n_values.max()):
            parts.append(f"{cr.MUSCLE_NAMES[m].lower()} {est.power_at(sim.n):.0%}")
    power_text = f" Simulated power at n = {sim.n}: " + ", ".join(parts) + "." if parts else ""
    return (
        f"SIMULATION, not study data. {sim.n} simulated people, {name}: mean standing − seated "
        f"difference {mean:+.1f} points (95 % CI {low:+.1f} to {high:+.1f}); {verdict}."
        f"{power_text} Assumed between-person SD {sim.between_person_sd_pct:g} %, leg "
        f"correlation {sim.leg_correlation:g}, {_draw_name(sim.seed)}."
    )


def _draw_name(seed: int) -> str:
    """The number the controls show for a draw (study number = seed - 2022)."""
    if seed > _SEED_BASE:
        return f"simulated study number {seed - _SEED_BASE}"
    return f"random seed {seed}"


class PairedStudySimulator(InteractiveApp):
    """Sliders for variability and sample size drive a SIMULATED paired study."""

    start_hint = "the study simulator"

    def __init__(self) -> None:
        muscle = widgets.Dropdown(
            options=[(cr.MUSCLE_NAMES[m], m) for m in cr.MUSCLE_IDS],
            value=SIMULATION_DEFAULTS["muscle_id"],
            description="Muscle shown on the left",
            style=DESCRIPTION_STYLE,
        )
        controls = {
            "muscle_id": muscle,
            "between_person_sd_pct": LabelledSlider(
                "Between-person SD of the change",
                "%",
                value=SIMULATION_DEFAULTS["between_person_sd_pct"],
                min=1.0,
                max=12.0,
                step=0.5,
                tooltip="How much people differ in their response (assumption)",
            ),
            "n_participants": LabelledSlider(
                "Participants",
                "",
                value=SIMULATION_DEFAULTS["n_participants"],
                min=4.0,
                max=60.0,
                step=1.0,
                tooltip="Number of people, each training both legs",
            ),
            "leg_correlation": LabelledSlider(
                "Correlation between a person's two legs",
                "",
                value=SIMULATION_DEFAULTS["leg_correlation"],
                min=0.0,
                max=0.9,
                step=0.05,
                tooltip="High = good responders grow in both legs (assumption)",
            ),
            "study_number": LabelledSlider(
                "Simulated study number (random seed)",
                "",
                value=SIMULATION_DEFAULTS["study_number"],
                min=1.0,
                max=50.0,
                step=1.0,
                tooltip="Draw a different simulated group of people",
            ),
        }
        self.view = PairedSimulationFigure(
            SIMULATION_DEFAULTS["muscle_id"], **simulation_kwargs(SIMULATION_DEFAULTS)
        )
        live = LiveFigure(self.view.fig, dynamic=self.view.dynamic_artists)
        note = widgets.HTML(
            "<p><strong>SIMULATION, not study data.</strong> The means are the published "
            "ones; the spread between people and the correlation between legs are teaching "
            "assumptions.</p>"
        )
        super().__init__(controls, live, header=[note])

    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Re-simulate and move the artists; return alt text and readout."""
        sim = self.view.update(str(state["muscle_id"]), **simulation_kwargs(state))
        if self.view.static_changed:
            self.live.invalidate()
        text = describe_simulation(sim, self.view.last_power)
        alt = (
            "Simulated (not study) data: paired per-person changes for one muscle, and "
            "simulated power curves against sample size. " + text
        )
        return alt, f"<p>{html.escape(text)}</p>"


def paired_study_simulator() -> PairedStudySimulator:
    """Build notebook 05's paired-study simulator."""
    return PairedStudySimulator()
