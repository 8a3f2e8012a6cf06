"""Notebook 07's case stepper: reveal a clinical case one step at a time, committing first.

A drop-down chooses the case; Previous and Next buttons (native buttons: Tab, Enter and
Space work) move through history, examination, test results, reasoning and outcome. The
newest step appears directly under the buttons, so what Next reveals is next to it; earlier
steps follow below in a collapsible list.

After each step that reveals findings (history, examination, tests) the learner must commit
to a ranked hypothesis first: tap up to three candidates in order of likelihood (one large
button per candidate, touch-friendly; tap again to remove) and press *Commit my ranking*.
Only then does the stepper show the ranking of :func:`anatomy_helpers.differential.
rank_candidates` beside the learner's, with feedback, and only then does Next unlock. A red
flag found by the engine is always shown first in the feedback. The step indicator is a
polite live region.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from anatomy_helpers.cases import STAGE_LABELS, STAGES, Case, get_case, load_cases, step_html
from anatomy_helpers.differential import DifferentialResult, condition_ids, get_condition
from anatomy_helpers.widgets.base import status_html
from anatomy_helpers.widgets.layout import ROOT_CLASS, StartHint, style_sheet, with_classes

__all__ = ["MAX_PICKS", "CaseStepper", "case_stepper", "ranking_feedback_html"]

#: How many candidates a learner ranks at each step.
MAX_PICKS = 3
_BUTTON_LAYOUT = {"width": "auto", "min_height": "40px", "margin": "2px"}


def ranking_feedback_html(picks: tuple[str, ...], result: DifferentialResult) -> str:
    """The learner's ranking beside the engine's, with feedback (escaped HTML).

    Parameters
    ----------
    picks : tuple of str
        Condition ids in the learner's order (1 to :data:`MAX_PICKS`).
    result : DifferentialResult
        The engine's ranking for the findings revealed so far.

    Raises
    ------
    ValueError
        For no picks, too many, duplicates or an unknown condition id.
    """
    picks = tuple(picks)
    if not 1 <= len(picks) <= MAX_PICKS or len(set(picks)) != len(picks):
        msg = f"picks must be 1 to {MAX_PICKS} different condition ids, got {picks!r}"
        raise ValueError(msg)
    for cid in picks:
        get_condition(cid)
    e = html.escape
    engine = result.candidates[:MAX_PICKS]
    ranking = result.ranking()
    parts = []
    for item in result.red_flag_items():
        parts.append(
            '<div style="border:3px solid #D55E00;padding:6px;margin:4px 0">'
            f"<strong>RED FLAG: {e(item.sign)}.</strong> "
            f"<strong>{e(item.urgency_label)}:</strong> {e(item.action)}</div>"
        )
    yours = "".join(f"<li>{e(get_condition(c).name)}</li>" for c in picks)
    theirs = (
        "".join(f"<li>{e(c.condition.name)} (score {c.score})</li>" for c in engine)
        or "<li>No candidate is supported yet.</li>"
    )
    parts.append(
        '<div style="display:flex;flex-wrap:wrap;gap:12px">'
        f'<div style="flex:1 1 220px"><strong>Your ranking</strong><ol>{yours}</ol></div>'
        f'<div style="flex:1 1 220px"><strong>The teaching tool\'s ranking</strong>'
        f"<ol>{theirs}</ol></div></div>"
    )
    notes = []
    top = result.top
    if top is not None:
        if picks[0] == top.condition.condition_id:
            notes.append("Your first choice matches the tool's first candidate.")
        elif picks[0] in ranking:
            pos = ranking.index(picks[0]) + 1
            notes.append(
                f"The tool ranks your first choice number {pos}; its first candidate is "
                f"{top.condition.name}."
            )
        else:
            notes.append(
                f"No finding so far supports your first choice; the tool's first candidate "
                f"is {top.condition.name}."
            )
        if top.urgent and top.condition.condition_id not in picks:
            notes.append(
                "A red flag is present, so the urgent candidate comes first whatever else "
                "fits: act on it before weighing the mimics."
            )
        missed = [c.condition.name for c in engine if c.condition.condition_id not in picks]
        if missed:
            notes.append("Worth keeping in mind: " + ", ".join(missed) + ".")
        reasons = [f"{r.finding_label} (+{r.weight}; {r.citation})" for r in top.supporting[:3]] + [
            f"{r.finding_label} (-{r.weight}; {r.citation})" for r in top.opposing[:2]
        ]
        notes.append(f"Why the tool ranks {top.condition.name} first: " + "; ".join(reasons) + ".")
    parts.append("<ul>" + "".join(f"<li>{e(n)}</li>" for n in notes) + "</ul>")
    parts.append(f"<p><small><em>{e(result.notice)}</em></small></p>")
    return "".join(parts)


class CaseStepper(StartHint, widgets.VBox):
    """Step through one case at a time, committing to a ranked hypothesis at each step.

    Parameters
    ----------
    case_id : str, optional
        The case shown first (default: the first case).

    Attributes
    ----------
    case_select : ipywidgets.Dropdown
        The case on show (options "Case 1", "Case 2"...; the title heads the step).
    previous_button, next_button : ipywidgets.Button
    indicator : ipywidgets.HTML
        "Step n of 5: ..." (live region).
    current : ipywidgets.HTML
        The newest revealed step, directly under the buttons.
    option_buttons : dict of str to ipywidgets.Button
        One button per candidate (condition id -> button).
    your_ranking : ipywidgets.HTML
        The learner's ranking so far.
    clear_button, commit_button : ipywidgets.Button
    feedback : ipywidgets.HTML
        The engine's ranking beside the learner's (only after committing).
    earlier : ipywidgets.HTML
        The steps revealed before the newest one.
    content : ipywidgets.HTML
        Alias of ``current`` kept for callers that read the revealed text.
    step_index : int
        0-based index of the newest revealed step.
    picks : list of str
        The learner's ranking at this step (condition ids).
    committed : dict of int to tuple of str
        Committed rankings by step index.
    """

    start_hint = "the case stepper"

    def __init__(self, case_id: str | None = None):
        cases = load_cases()
        first = cases[0].case_id if case_id is None else get_case(case_id).case_id
        self._build_navigation(cases, first)
        self._build_picker()
        self.feedback = widgets.HTML()
        self.earlier = widgets.HTML()
        self.step_index = 0
        self.picks: list[str] = []
        self.committed: dict[int, tuple[str, ...]] = {}
        self.previous_button.on_click(lambda _b: self.previous())
        self.next_button.on_click(lambda _b: self.next())
        self.case_select.observe(lambda _c: self._restart(), names="value")
        super().__init__(
            [
                style_sheet(),
                self.case_select,
                widgets.HBox(
                    [self.previous_button, self.next_button, self.indicator],
                    layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
                ),
                self.current,
                self.picker,
                self.feedback,
                self.earlier,
            ]
        )
        with_classes(self, ROOT_CLASS, "ah-case-stepper")
        self.show(0)

    def _build_navigation(self, cases: tuple[Case, ...], first: str) -> None:
        """The case drop-down, the step buttons, the step indicator and the newest step."""
        # The drop-down names the case by number ("Case 3"), so it fits a phone; the full
        # title heads the step shown below it.
        self.case_select = widgets.Dropdown(
            options=[(c.title.split(":")[0], c.case_id) for c in cases],
            value=first,
            description="Case",
            style={"description_width": "initial"},
        )
        self.case_select.add_class("ah-wrap-label")
        self.previous_button = widgets.Button(
            description="Previous step", icon="arrow-left", tooltip="Hide the newest step"
        )
        self.next_button = widgets.Button(
            description="Next step",
            icon="arrow-right",
            tooltip="Reveal the next step",
            button_style="primary",
        )
        self.indicator = widgets.HTML()
        self.current = widgets.HTML()
        self.content = self.current

    def _build_picker(self) -> None:
        """One button per candidate, the learner's ranking, Clear and Commit."""
        self.option_buttons: dict[str, widgets.Button] = {}
        for cid in condition_ids():
            cond = get_condition(cid)
            button = widgets.Button(
                description=cond.short_name,
                tooltip=f"Add or remove: {cond.name}",
                layout=widgets.Layout(**_BUTTON_LAYOUT),
            )
            button.on_click(lambda _b, cid=cid: self.pick(cid))
            self.option_buttons[cid] = button
        self.your_ranking = widgets.HTML()
        self.clear_button = widgets.Button(
            description="Clear my ranking",
            tooltip="Start the ranking again",
            layout=widgets.Layout(**_BUTTON_LAYOUT),
        )
        self.commit_button = widgets.Button(
            description="Commit my ranking",
            tooltip="Lock in your ranking and see the teaching tool's",
            button_style="success",
            icon="check",
            layout=widgets.Layout(**_BUTTON_LAYOUT),
        )
        self.clear_button.on_click(lambda _b: self.clear())
        self.commit_button.on_click(lambda _b: self.commit())
        self.prompt = widgets.HTML(
            f"<p><strong>Your turn.</strong> Tap up to {MAX_PICKS} candidates in order of "
            "likelihood (tap again to remove one), then commit. The tool's ranking appears "
            "only after you commit.</p>"
        )
        self.picker = widgets.VBox(
            [
                self.prompt,
                widgets.Box(
                    list(self.option_buttons.values()),
                    layout=widgets.Layout(display="flex", flex_flow="row wrap"),
                ),
                self.your_ranking,
                widgets.HBox([self.clear_button, self.commit_button]),
            ]
        )

    @property
    def case(self) -> Case:
        """The case on show."""
        return get_case(self.case_select.value)

    @property
    def needs_commitment(self) -> bool:
        """True while the newest step reveals findings and no ranking is committed yet."""
        has_findings = bool(self.case.steps[self.step_index].findings)
        return has_findings and self.step_index not in self.committed

    def _restart(self) -> None:
        self.committed = {}
        self.show(0)

    def show(self, step_index: int) -> None:
        """Reveal steps 0..step_index (the newest under the buttons).

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
        self.current.value = (
            f"<h3>{html.escape(case.title)}</h3><p><em>A fictional teaching case.</em></p>"
            + step_html(case, step_index)
        )
        earlier = "".join(step_html(case, i) for i in range(step_index - 1, -1, -1))
        self.earlier.value = (
            f"<details open><summary>Earlier steps (newest first)</summary>{earlier}</details>"
            if earlier
            else ""
        )
        has_findings = bool(case.steps[step_index].findings)
        self.picker.layout.display = None if has_findings else "none"
        self.picks = list(self.committed.get(step_index, ()))
        self._refresh_picker()
        stage = STAGES[step_index]
        self.indicator.value = status_html(
            f"<p>Step {step_index + 1} of {len(STAGES)}: {STAGE_LABELS[stage]}</p>"
        )
        self.previous_button.disabled = step_index == 0
        self.next_button.disabled = step_index == len(STAGES) - 1 or self.needs_commitment

    def _refresh_picker(self) -> None:
        locked = self.step_index in self.committed
        for cid, button in self.option_buttons.items():
            name = get_condition(cid).short_name
            if cid in self.picks:
                button.description = f"{self.picks.index(cid) + 1}. {name}"
                button.button_style = "info"
            else:
                button.description = name
                button.button_style = ""
            button.disabled = locked
        self.clear_button.disabled = locked or not self.picks
        self.commit_button.disabled = locked or not self.picks
        if self.picks:
            names = ", ".join(
                f"{i}. {get_condition(c).name}" for i, c in enumerate(self.picks, start=1)
            )
            self.your_ranking.value = f"<p>Your ranking: {html.escape(names)}</p>"
        else:
            self.your_ranking.value = "<p>Your ranking: none yet.</p>"
        if locked:
            result = self.case.differential(self.step_index)
            self.feedback.value = ranking_feedback_html(self.committed[self.step_index], result)
        elif self.case.steps[self.step_index].findings:
            self.feedback.value = ""
        else:
            self.feedback.value = self._summary_html()

    def _summary_html(self) -> str:
        """After the findings steps: the learner's committed rankings, step by step."""
        rows = []
        for i, picks in sorted(self.committed.items()):
            names = ", ".join(get_condition(c).short_name for c in picks)
            rows.append(f"<li>{html.escape(STAGE_LABELS[STAGES[i]])}: {html.escape(names)}</li>")
        if not rows:
            return ""
        return (
            "<p><strong>Your rankings as the case unfolded</strong></p><ul>"
            + "".join(rows)
            + "</ul>"
        )

    def pick(self, condition_id: str) -> None:
        """Add a candidate to the learner's ranking, or remove it if already there.

        Raises
        ------
        ValueError
            For an unknown condition id.
        """
        get_condition(condition_id)
        if self.step_index in self.committed:
            return
        if condition_id in self.picks:
            self.picks.remove(condition_id)
        elif len(self.picks) < MAX_PICKS:
            self.picks.append(condition_id)
        self._refresh_picker()

    def clear(self) -> None:
        """Empty the learner's (uncommitted) ranking."""
        if self.step_index not in self.committed:
            self.picks = []
            self._refresh_picker()

    def commit(self) -> None:
        """Lock in the ranking and show the tool's ranking beside it.

        Raises
        ------
        ValueError
            If nothing is picked yet.
        """
        if self.step_index in self.committed:
            return
        if not self.picks:
            msg = "pick at least one candidate before committing"
            raise ValueError(msg)
        self.committed[self.step_index] = tuple(self.picks)
        self._refresh_picker()
        self.next_button.disabled = self.step_index == len(STAGES) - 1

    def next(self) -> None:
        """Reveal the next step (no effect at the last step or before committing)."""
        if self.step_index < len(STAGES) - 1 and not self.needs_commitment:
            self.show(self.step_index + 1)

    def previous(self) -> None:
        """Hide the newest step (no effect at the first step)."""
        if self.step_index > 0:
            self.show(self.step_index - 1)


def case_stepper(case_id: str | None = None) -> CaseStepper:
    """Build notebook 07's case stepper."""
    return CaseStepper(case_id)
