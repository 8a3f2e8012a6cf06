"""Notebook 07's case stepper: reveal a clinical case one step at a time.

A drop-down chooses the case; Previous and Next buttons (native buttons: Tab, Enter and
Space work) move through history, examination, test results, reasoning and outcome.
Steps already revealed stay visible, and after each of the first three steps the ranked
candidates for the findings revealed so far are shown, so learners see the reasoning
change as information arrives. The step indicator is a polite live region.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from anatomy_helpers.cases import STAGE_LABELS, STAGES, get_case, load_cases, step_html
from anatomy_helpers.widgets.base import status_html

__all__ = ["CaseStepper", "case_stepper"]


class CaseStepper(widgets.VBox):
    """Step through one case at a time.

    Parameters
    ----------
    case_id : str, optional
        The case shown first (default: the first case).

    Attributes
    ----------
    case_select : ipywidgets.Dropdown
    previous_button, next_button : ipywidgets.Button
    indicator : ipywidgets.HTML
        "Step n of 5: ..." (live region).
    content : ipywidgets.HTML
        The revealed steps.
    step_index : int
        0-based index of the last revealed step.
    """

    def __init__(self, case_id: str | None = None):
        cases = load_cases()
        first = cases[0].case_id if case_id is None else get_case(case_id).case_id
        self.case_select = widgets.Dropdown(
            options=[(c.title, c.case_id) for c in cases],
            value=first,
            description="Case:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.previous_button = widgets.Button(
            description="Previous step",
            icon="arrow-left",
            tooltip="Hide the last step",
        )
        self.next_button = widgets.Button(
            description="Next step",
            icon="arrow-right",
            tooltip="Reveal the next step",
            button_style="primary",
        )
        self.indicator = widgets.HTML()
        self.content = widgets.HTML()
        self.step_index = 0
        self.previous_button.on_click(lambda _b: self.previous())
        self.next_button.on_click(lambda _b: self.next())
        self.case_select.observe(lambda _c: self.show(0), names="value")
        super().__init__(
            [
                self.case_select,
                widgets.HBox([self.previous_button, self.next_button]),
                self.indicator,
                self.content,
            ]
        )
        self.show(0)

    @property
    def case(self):
        """The case on show."""
        return get_case(self.case_select.value)

    def show(self, step_index: int) -> None:
        """Reveal steps 0..step_index.

        Raises
        ------
        ValueError
            If ``step_index`` is outside 0..4.
        """
        if not isinstance(step_index, int) or not 0 <= step_index < len(STAGES):
            msg = f"step_index must be an int in 0..{len(STAGES) - 1}, got {step_index!r}"
            raise ValueError(msg)
        self.step_index = step_index
        case = self.case
        parts = [
            f"<h3>{html.escape(case.title)}</h3>",
            "<p><em>A fictional teaching case.</em></p>",
        ]
        for i in range(step_index + 1):
            parts.append(step_html(case, i))
            if case.steps[i].findings and i == step_index:
                result = case.differential(i)
                if result.red_flags:
                    parts.append(
                        '<p style="border:3px solid #D55E00;padding:4px">'
                        "<strong>Red flag recorded:</strong> "
                        f"{html.escape(result.top.action)}</p>"
                    )
                ranked = "".join(
                    f"<li>{html.escape(c.condition.name)} (score {c.score})</li>"
                    for c in result.candidates[:3]
                )
                parts.append(
                    "<p><small>Ranked candidates for the findings so far (teaching aid; "
                    f"weights are teaching assumptions):</small></p><ol>{ranked}</ol>"
                )
        self.content.value = "".join(parts)
        stage = STAGES[step_index]
        self.indicator.value = status_html(
            f"<p>Step {step_index + 1} of {len(STAGES)}: {STAGE_LABELS[stage]}</p>"
        )
        self.previous_button.disabled = step_index == 0
        self.next_button.disabled = step_index == len(STAGES) - 1

    def next(self) -> None:
        """Reveal the next step (no effect at the last step)."""
        if self.step_index < len(STAGES) - 1:
            self.show(self.step_index + 1)

    def previous(self) -> None:
        """Hide the last revealed step (no effect at the first step)."""
        if self.step_index > 0:
            self.show(self.step_index - 1)


def case_stepper(case_id: str | None = None) -> CaseStepper:
    """Build notebook 07's case stepper."""
    return CaseStepper(case_id)
