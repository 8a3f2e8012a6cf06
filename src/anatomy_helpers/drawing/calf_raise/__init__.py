"""Figures for notebook 05: the Kinoshita et al. 2023 calf-raise study.

* :func:`build_results_figure`: mean % change per muscle, standing vs seated, with the
  between-condition result written out in words next to the marks.
* :func:`build_design_figure`: the study design (two legs, two positions, the timeline).
* :class:`MuscleLengthFigure`: a stick-figure leg doing a calf raise with the gastrocnemius
  and soleus drawn on it, and bars of their model lengths (moves in place for widgets).
* :class:`PairedSimulationFigure`: SIMULATED per-participant changes and the simulated
  power of a paired t-test (moves in place for widgets).

One module per figure: :mod:`~anatomy_helpers.drawing.calf_raise.results`,
:mod:`~anatomy_helpers.drawing.calf_raise.design`,
:mod:`~anatomy_helpers.drawing.calf_raise.muscle_length` and
:mod:`~anatomy_helpers.drawing.calf_raise.simulation`; this package re-exports them.

Every number shown comes from :mod:`anatomy_helpers.calf_raise` or
:mod:`anatomy_helpers.muscle_length`; nothing is typed here.
"""

from anatomy_helpers.drawing.calf_raise.design import build_design_figure
from anatomy_helpers.drawing.calf_raise.muscle_length import (
    MuscleLengthFigure,
    build_muscle_length_figure,
    build_muscle_length_presets_figure,
)
from anatomy_helpers.drawing.calf_raise.muscle_length import (
    ml_pose as ml_pose,
)
from anatomy_helpers.drawing.calf_raise.results import (
    MUSCLE_LABELS,
    build_results_figure,
    significance_words,
)
from anatomy_helpers.drawing.calf_raise.simulation import (
    PairedSimulationFigure,
    build_simulation_figure,
)

__all__ = [
    "MUSCLE_LABELS",
    "MuscleLengthFigure",
    "PairedSimulationFigure",
    "build_design_figure",
    "build_muscle_length_figure",
    "build_muscle_length_presets_figure",
    "build_results_figure",
    "build_simulation_figure",
    "significance_words",
]
