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


def _usable_rows() -> list:
    """Rows with point estimates and a specificity strictly inside (0, 1) (both ratios finite)."""
    return [
        row
        for row in load_diagnostic_accuracy()
        if row.has_point_estimates and 0 < row.specificity < 1
    ]


def test_options() -> list[tuple[str, str]]:
    """Drop-down options ``(label, test_id)``: every test with a usable row, then your own.

    The label is the test's name without its parenthesis (the readout gives it in full),
    so the chosen test fits a phone-width drop-down.
    """
    out: dict[str, str] = {}
    for row in _usable_rows():
        out.setdefault(row.test_id, row.test_label.split(" (")[0])
    return [(label, test_id) for test_id, label in out.items()] + [
        ("My own sensitivity and specificity", CUSTOM)
    ]


def study_options(test_id: str) -> list[tuple[str, str]]:
    """Drop-down options ``(label, row_id)`` of the studies of one test (or your own values).

    Parameters
    ----------
    test_id : str
        A test id of :func:`test_options`, or ``"custom"``.

    Raises
    ------
    ValueError
        For an unknown test id (the message lists them).
    """
    if test_id == CUSTOM:
        return [("Your own values (below)", CUSTOM)]
    rows = [r for r in _usable_rows() if r.test_id == test_id]
    if not rows:
        valid = ", ".join(t for _, t in test_options())
        msg = f"test_id must be one of {valid}; got {test_id!r}"
        raise ValueError(msg)
    return [
        (f"{cite(r.source_id)} (sens {r.sensitivity:g}, spec {r.specificity:g})", r.row_id)
        for r in rows
    ]


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
        test = "Your own test values"
    else:
        row = get_accuracy_row(state["study"])
        sens, spec = row.sensitivity, row.specificity
        source = cite(row.source_id)
        verification = " (secondary source)" if row.verification == "S" else ""
        test = row.test_label
    lr = likelihood_ratio(sens, spec, state["result"])
    pre = state["pretest_pct"] / 100
    return {
        "sensitivity": sens,
        "specificity": spec,
        "lr": lr,
        "pretest": pre,
        "post": post_test_probability(pre, lr),
        "source": source + verification,
        "test": test,
    }


class DiagnosticCalculator(InteractiveApp):
    """Pre-test probability, study row and result -> likelihood ratio and post-test probability.

    Choose the test, then the study (each study's sensitivity and specificity are in its
    label), or *My own sensitivity and specificity* to enter values.
    """

    start_hint = "the post-test probability calculator"

    def __init__(
        self, study: str = "deville2000_slr", result: str = "negative", pretest_pct: float = 30.0
    ) -> None:
        rows = {r.row_id: r for r in _usable_rows()}
        if study not in rows and study != CUSTOM:
            msg = f"study must be a row id with point estimates or {CUSTOM!r}; got {study!r}"
            raise ValueError(msg)
        if result not in TEST_RESULTS:
            msg = f"result must be one of {', '.join(TEST_RESULTS)}; got {result!r}"
            raise ValueError(msg)
        test_id = CUSTOM if study == CUSTOM else rows[study].test_id
        controls = {
            "test": widgets.Dropdown(
                options=test_options(),
                value=test_id,
                description="Test",
                style=DESCRIPTION_STYLE,
            ),
            "study": widgets.Dropdown(
                options=study_options(test_id),
                value=study,
                description="Study",
                style=DESCRIPTION_STYLE,
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
        self._held = 0
        # Registered before InteractiveApp's observers, so the study list follows the test
        # before the one render.
        controls["test"].observe(self._on_test_chosen, names="value")
        self._show_own_values(test_id == CUSTOM, controls)
        self.view = FaganNomogram(1)
        live = LiveFigure(self.view.fig, dynamic=self.view.dynamic_artists)
        super().__init__(controls, live)

    def choose_study(self, study: str) -> None:
        """Select a study row (its test first) or ``"custom"``, rendering once.

        Raises
        ------
        ValueError
            For a row without usable point estimates.
        """
        rows = {r.row_id: r for r in _usable_rows()}
        if study not in rows and study != CUSTOM:
            msg = f"study must be a row id with point estimates or {CUSTOM!r}; got {study!r}"
            raise ValueError(msg)
        with self.hold_render():
            self.controls["test"].value = CUSTOM if study == CUSTOM else rows[study].test_id
            self.controls["study"].value = study

    def set_state(self, values: Mapping[str, Any]) -> None:
        """Set several controls at once; a study brings its own test (set first).

        Raises
        ------
        ValueError
            For an unknown control, a row without usable point estimates, or a ``test``
            that is not the chosen study's test.
        """
        values = dict(values)
        if "study" in values:
            study = values["study"]
            rows = {r.row_id: r for r in _usable_rows()}
            if study not in rows and study != CUSTOM:
                msg = f"study must be a row id with point estimates or {CUSTOM!r}; got {study!r}"
                raise ValueError(msg)
            test_id = CUSTOM if study == CUSTOM else rows[study].test_id
            if values.get("test", test_id) != test_id:
                msg = (
                    f"study {study!r} belongs to test {test_id!r}, not to test "
                    f"{values['test']!r}; choose the test first or leave it out"
                )
                raise ValueError(msg)
            values = {"test": test_id, **{k: v for k, v in values.items() if k != "test"}}
        super().set_state(values)

    @staticmethod
    def _show_own_values(custom: bool, controls: Mapping[str, Any]) -> None:
        for name in ("sensitivity_pct", "specificity_pct"):
            controls[name].layout.display = None if custom else "none"

    def _on_test_chosen(self, change: Any) -> None:
        self._held += 1
        try:
            study = self.controls["study"]
            options = study_options(change["new"])
            study.options = options
            study.value = options[0][1]
            self._show_own_values(change["new"] == CUSTOM, self.controls)
        finally:
            self._held -= 1

    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Recalculate and move the nomogram line; return alt text and readout."""
        c = calculation(state)
        sign = "+" if state["result"] == "positive" else "-"
        self.view.update([(c["pretest"], c["lr"], f"LR{sign} {c['lr']:.2f}")])
        text = (
            f"{c['test']} ({c['source']}): sensitivity {c['sensitivity']:.2f}, specificity "
            f"{c['specificity']:.2f}. A {state['result']} result has a likelihood ratio of "
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
