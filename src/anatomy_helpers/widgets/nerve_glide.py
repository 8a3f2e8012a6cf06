"""Notebook 02's nerve glide stepper: one repetition of the seed's supine sciatic glide.

A step slider (with a labelled number box) and a Play button step through the glide; the
picture is the tension lab figure lying down, so the same model drives both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.drawing.tension_lab import TensionLabFigure
from anatomy_helpers.neurodynamics import excursion_mm, glide_postures, glide_protocol, nerve_state
from anatomy_helpers.widgets.base import InteractiveApp
from anatomy_helpers.widgets.controls import LabelledSlider
from anatomy_helpers.widgets.tension_lab import LAB_DPI

__all__ = ["GLIDE_STEPS", "NerveGlide", "describe_glide_step", "nerve_glide"]

#: Number of steps in one repetition (knee flexion 90° -> 0° in 15° steps).
GLIDE_STEPS = 7


def describe_glide_step(step: int) -> str:
    """Plain-language description of one glide step (readout and alt text).

    Parameters
    ----------
    step : int
        1 to :data:`GLIDE_STEPS`.

    Returns
    -------
    str
        What the figure shows and the model's numbers.

    Raises
    ------
    ValueError
        If ``step`` is outside 1 to :data:`GLIDE_STEPS`.
    """
    if not 1 <= step <= GLIDE_STEPS or int(step) != step:
        msg = f"step = {step} is outside its range 1 to {GLIDE_STEPS}"
        raise ValueError(msg)
    postures = glide_postures(GLIDE_STEPS)
    p = postures[int(step) - 1]
    state = nerve_state(p)
    moved = excursion_mm(postures[0], p, "mid_thigh")
    protocol = glide_protocol()
    reps = protocol["repetitions"].value
    low, high = protocol["sessions_per_day_min"].value, protocol["sessions_per_day_max"].value
    return (
        f"Step {int(step)} of {GLIDE_STEPS}: lying on the back, hip held at "
        f"{p.hip_flexion_deg:.0f}°, ankle at {p.ankle_dorsiflexion_deg:.0f}° dorsiflexion "
        f"(assumed), knee flexion {p.knee_flexion_deg:.0f}°. Model (assumed parameters): bed "
        f"{state.elongation_mm - nerve_state(postures[0]).elongation_mm:.0f} mm longer than at "
        f"the start, peak local strain {state.peak_strain_pct:.1f} %, mid-thigh nerve moved "
        f"{moved:.1f} mm towards the knee. Stop straightening where leg symptoms start to "
        f"increase. The seed page's dose ({reps:.0f} slow repetitions, {low:.0f}–{high:.0f} "
        "times a day) has not been tested in a trial."
    )


class NerveGlide(InteractiveApp):
    """Step (or play) through one repetition of the supine sciatic nerve glide."""

    start_hint = "the nerve glide stepper"

    def __init__(self) -> None:
        step = LabelledSlider(
            "Glide step (1 = knee bent, 7 = knee straight)",
            "",
            value=1,
            min=1,
            max=GLIDE_STEPS,
            step=1,
        )
        self.play = widgets.Play(
            value=1,
            min=1,
            max=GLIDE_STEPS,
            step=1,
            interval=700,
            description="Play the glide",
            tooltip="Play the glide",
        )
        self._play_link = widgets.jslink((self.play, "value"), (step.slider, "value"))
        self._postures = glide_postures(GLIDE_STEPS)
        self.view = TensionLabFigure(self._postures[0], lying=True)
        live = LiveFigure(self.view.fig, dynamic=self.view.dynamic_artists, dpi=LAB_DPI)
        super().__init__({"step": step}, live, header=[self.play])

    def extra_widgets(self) -> list[widgets.Widget]:
        """The browser-side link between the Play button and the slider."""
        return [self._play_link]

    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Show the glide step; return alt text and readout."""
        step = round(state["step"])
        self.view.update(self._postures[step - 1])
        text = describe_glide_step(step)
        return text, f"<p>{text}</p>"


def nerve_glide() -> NerveGlide:
    """Build notebook 02's nerve glide stepper."""
    return NerveGlide()
