"""Notebook 03's diagnostic calculator: pre-test probability + test result -> post-test.

Choose a study row (or your own sensitivity and specificity), a result and a pre-test
probability; the likelihood ratio and post-test probability are calculated and drawn on a
Fagan nomogram. Controls are bounded so no undefined ratio can be reached.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from anatomy_helpers.diagnostics import (
    TEST_RESULTS,
    get_accuracy_row,
    likelihood_ratio,
    load_diagnostic_accuracy,
    post_test_probability,
)
from anatomy_helpers.drawing.fagan import FaganNomogram, probability_pct_text
from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.references import cite
from anatomy_helpers.widgets.base import InteractiveApp
from anatomy_helpers.widgets.controls import DESCRIPTION_STYLE, LabelledSlider

__all__ = ["CUSTOM", "DiagnosticCalculator", "calculation", "diagnostic_calculator"]

#: Dropdown value for "enter my own sensitivity and specificity".
CUSTOM = "custom"


def study_options() -> list[tuple[str, str]]:
    """Rows with point sensitivity and specificity strictly inside (0, 1) for both ratios."""
    out = []
    for row in load_diagnostic_accuracy():
        if row.has_point_estimates and 0 < row.specificity < 1:
            label = (
                f"{row.test_label}: {cite(row.source_id)} "
                f"(sens {row.sensitivity:g}, spec {row.specificity:g})"
            )
            out.append((label, row.row_id))
    out.append(("Enter my own sensitivity and specificity", CUSTOM))
    return out


def calculation(state: Mapping[str, Any]) -> dict[str, Any]:
    """Sensitivity, specificity, LR and post-test probability for a control state.

    Parameters
    ----------
    state : mapping
        ``study`` (row id or ``"custom"``), ``result`` (``"positive"``/``"negative"``),
        ``pretest_pct``, ``sensitivity_pct`` and ``specificity_pct`` (percentages).
    """
    if state["study"] == CUSTOM:
        sens = state["sensitivity_pct"] / 100
        spec = state["specificity_pct"] / 100
        source = "your values"
        verification = ""
    else:
        row = get_accuracy_row(state["study"])
        sens, spec = row.sensitivity, row.specificity
        source = cite(row.source_id)
        verification = " (secondary source)" if row.verification == "S" else ""
    lr = likelihood_ratio(sens, spec, state["result"])
    pre = state["pretest_pct"] / 100
    return {
        "sensitivity": sens,
        "specificity": spec,
        "lr": lr,
        "pretest": pre,
        "post": post_test_probability(pre, lr),
        "source": source + verification,
    }


class DiagnosticCalculator(InteractiveApp):
    """Pre-test probability, study row and result -> likelihood ratio and post-test probability."""

    def __init__(
        self, study: str = "deville2000_slr", result: str = "negative", pretest_pct: float = 30.0
    ) -> None:
        options = study_options()
        if study not in [v for _, v in options]:
            msg = f"study must be a row id with point estimates or {CUSTOM!r}; got {study!r}"
            raise ValueError(msg)
        controls = {
            "study": widgets.Dropdown(
                options=options,
                value=study,
                description="Study and test",
                style=DESCRIPTION_STYLE,
                layout=widgets.Layout(width="auto"),
            ),
            "result": widgets.ToggleButtons(
                options=[("Positive", "positive"), ("Negative", "negative")],
                value=result,
                description="Test result",
                style=DESCRIPTION_STYLE,
            ),
            "pretest_pct": LabelledSlider(
                "Pre-test probability", "%", value=pretest_pct, min=1.0, max=99.0, step=1.0
            ),
            "sensitivity_pct": LabelledSlider(
                "Your sensitivity", "%", value=80.0, min=1.0, max=99.0, step=1.0
            ),
            "specificity_pct": LabelledSlider(
                "Your specificity", "%", value=80.0, min=1.0, max=99.0, step=1.0
            ),
        }
        if result not in TEST_RESULTS:
            msg = f"result must be one of {', '.join(TEST_RESULTS)}; got {result!r}"
            raise ValueError(msg)
        self.view = FaganNomogram(1)
        live = LiveFigure(self.view.fig, dynamic=self.view.dynamic_artists)
        super().__init__(controls, live)

    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Recalculate and move the nomogram line; return alt text and readout."""
        custom = state["study"] == CUSTOM
        for name in ("sensitivity_pct", "specificity_pct"):
            control = self.controls[name]
            control.box.disabled = not custom
            control.slider.disabled = not custom
        c = calculation(state)
        sign = "+" if state["result"] == "positive" else "-"
        self.view.update([(c["pretest"], c["lr"], f"LR{sign} {c['lr']:.2f}")])
        text = (
            f"Sensitivity {c['sensitivity']:.2f}, specificity {c['specificity']:.2f} "
            f"({c['source']}). A {state['result']} result has a likelihood ratio of "
            f"{c['lr']:.2f} (calculated), so a pre-test probability of "
            f"{100 * c['pretest']:.0f} % becomes {probability_pct_text(c['post'])} % after the "
            "test."
        )
        alt = (
            "Fagan nomogram: a line from the pre-test probability through the likelihood "
            "ratio to the post-test probability. " + text
        )
        return alt, f"<p>{html.escape(text)}</p>"


def diagnostic_calculator(**kwargs: Any) -> DiagnosticCalculator:
    """Build notebook 03's post-test probability calculator."""
    return DiagnosticCalculator(**kwargs)
