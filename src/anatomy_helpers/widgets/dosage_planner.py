"""Notebook 06's dosage planner: choose exercises and doses, see the weekly plan chart.

All checking lives in :mod:`anatomy_helpers.exercises`; this module only wires controls.
The controls are bounded so that no invalid plan can be entered: the repetition slider's
maximum follows the planner's daily totals (:func:`~anatomy_helpers.exercises.item_limits`),
the hold slider is disabled for repetition exercises, and the last exercise in a plan
cannot be removed.

Below the chart, download buttons build the patient handout (HTML, and PDF when Chromium
is installed) and the week-by-week plan (CSV) from the plan shown at the moment of the
press, and hand the file to the viewer's browser (:mod:`anatomy_helpers.widgets.download`);
nothing is built at page load and nothing is written on the server.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from anatomy_helpers.documents.handout import handout_html, handout_pdf
from anatomy_helpers.documents.pdf import pdf_renderer
from anatomy_helpers.documents.weekly_plan import weekly_plan_csv
from anatomy_helpers.drawing.exercises import (
    WeeklyPlanChart,
    weekly_plan_alt,
)
from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.exercises import (
    PLAN_LIMITS,
    ExercisePlan,
    PlanItem,
    build_plan,
    default_plan_item,
    exercise_card,
    exercise_ids,
    get_exercise,
    item_limits,
    plan_item,
    weekly_plan_table,
)
from anatomy_helpers.references import cite
from anatomy_helpers.widgets.base import InteractiveApp
from anatomy_helpers.widgets.controls import DESCRIPTION_STYLE, LabelledSlider
from anatomy_helpers.widgets.download import (
    DownloadButton,
    DownloadFile,
    dated_file_name,
    download_row,
)

__all__ = ["DosagePlanner", "dosage_planner"]

_FIELDS = ("sets", "reps", "hold_s", "sessions_per_day", "days_per_week", "progression_per_week")


def _set_bounds(control: LabelledSlider, low: float, high: float) -> None:
    """Change a LabelledSlider's bounds, clamping its value (order avoids trait errors)."""
    for w in (control.slider, control.box):
        if high < w.min:
            w.min = low
            w.max = high
        else:
            w.max = high
            w.min = low


def _planner_controls(item: PlanItem, first: str, weeks: int) -> dict:
    """The planner's controls, set to ``item``'s dose (the exercise ``first``)."""
    choose = widgets.Dropdown(
        options=[(get_exercise(k).name, k) for k in exercise_ids("exercise")],
        value=first,
        description="Exercise to set",
        style=DESCRIPTION_STYLE,
    )
    include = widgets.Checkbox(
        value=True,
        description="Include this exercise in the plan",
        indent=False,
        style=DESCRIPTION_STYLE,
    )
    lim = PLAN_LIMITS
    return {
        "exercise": choose,
        "included": include,
        "sets": LabelledSlider(
            "Sets per session", "", value=item.sets, min=lim["sets"][0], max=lim["sets"][1]
        ),
        "reps": LabelledSlider(
            "Repetitions (or holds) per set",
            "",
            value=item.reps,
            min=lim["reps"][0],
            max=lim["reps"][1],
        ),
        "hold_s": LabelledSlider(
            "Hold time",
            "s",
            value=item.hold_s or 30,
            min=lim["hold_s"][0],
            max=lim["hold_s"][1],
            step=5,
        ),
        "sessions_per_day": LabelledSlider(
            "Sessions per day",
            "",
            value=item.sessions_per_day,
            min=lim["sessions_per_day"][0],
            max=lim["sessions_per_day"][1],
        ),
        "days_per_week": LabelledSlider(
            "Days per week",
            "",
            value=item.days_per_week,
            min=lim["days_per_week"][0],
            max=lim["days_per_week"][1],
        ),
        "progression_per_week": LabelledSlider(
            "Weekly increase (reps, or s of hold)", "", value=0, min=0, max=10
        ),
        "weeks": LabelledSlider(
            "Programme length", "weeks", value=weeks, min=lim["weeks"][0], max=lim["weeks"][1]
        ),
    }


class DosagePlanner(InteractiveApp):
    """Pick an exercise, include it, set its dose; the chart and plan table follow.

    Parameters
    ----------
    initial : sequence of str, default ("sciatic_nerve_glide",)
        Exercises in the plan at start, at their cited default doses.
    weeks : int, default 6
        Programme length at start (1 to 16).
    advice_ids : sequence of str, default ()
        Self-management advice printed on the handout (ids of
        ``exercise_ids("advice")``).

    Attributes
    ----------
    settings : dict of str to PlanItem
        The dose set for every exercise (included or not).
    included : list of str
        The exercises in the plan, in the order they were added.
    handout_title, handout_notes : ipywidgets.Text, ipywidgets.Textarea
        The handout's heading and the clinician's notes (user text, escaped on the page).
    downloads : dict of str to DownloadButton
        ``"html"`` (handout), ``"csv"`` (weekly plan) and, when Chromium is installed,
        ``"pdf"`` (handout).
    """

    start_hint = "the dosage planner"

    def __init__(self, initial=("sciatic_nerve_glide",), weeks: int = 6, advice_ids=()):
        self.settings = {k: default_plan_item(k)[0] for k in exercise_ids("exercise")}
        self.included = list(dict.fromkeys(initial))
        first = self.included[0]
        item = self.settings[first]
        self._current = first
        self._held = 0
        controls = _planner_controls(item, first, weeks)
        choose = controls["exercise"]
        self.controls = controls
        # Registered before InteractiveApp's own observers, so they run first.
        choose.observe(self._on_exercise_chosen, names="value")
        for name in ("sets", "sessions_per_day", "hold_s"):
            controls[name].box.observe(self._on_bound_change, names="value")
        self._load(first)
        self.chart = WeeklyPlanChart(self.current_plan())
        live = LiveFigure(self.chart.fig, dynamic=self.chart.dynamic_artists, dpi=85)
        self.advice_ids = tuple(advice_ids)
        self.current_plan(advice_ids=self.advice_ids)  # a bad advice id fails here, clearly
        self.downloads: dict[str, DownloadButton] = {}
        # The chosen exercise's library dose (and any caution) sits right under the choice.
        self.dose_note = widgets.HTML()
        panel = [controls["exercise"], self.dose_note, *list(controls.values())[1:]]
        super().__init__(controls, live, panel=panel)
        # The take-away files sit under the plan table, in the figure's column, so the
        # handout's text boxes are on screen with the chart they describe.
        self.figure_panel.children = (*self.figure_panel.children, self._take_away_box())

    # -- take-away files -----------------------------------------------------------------
    def _take_away_box(self) -> widgets.VBox:
        self.handout_title = widgets.Text(
            value="Your exercise plan",
            description="Handout title",
            style=DESCRIPTION_STYLE,
            layout=widgets.Layout(width="auto"),
        )
        self.handout_notes = widgets.Textarea(
            value="",
            description="Notes for the patient",
            placeholder="Optional; printed on the handout",
            rows=3,
            style=DESCRIPTION_STYLE,
            layout=widgets.Layout(width="auto"),
        )
        buttons = {
            "html": DownloadButton(
                "Download handout (HTML)",
                self.handout_html_file,
                tooltip="Build the handout for the plan shown and save it as a web page",
            ),
        }
        if pdf_renderer() is not None:
            buttons["pdf"] = DownloadButton(
                "Download handout (PDF)",
                self.handout_pdf_file,
                tooltip="Build the handout for the plan shown and save it as a PDF",
            )
        buttons["csv"] = DownloadButton(
            "Download weekly plan (CSV)",
            self.weekly_plan_file,
            tooltip="Save the plan week by week as a table for a spreadsheet",
        )
        self.downloads = buttons
        for text in (self.handout_title, self.handout_notes):
            text.observe(lambda _c: self._withdraw_links(), names="value")
        return widgets.VBox(
            [
                self.handout_title,
                self.handout_notes,
                download_row(list(buttons.values()), heading="Take the plan with you"),
            ]
        )

    def _withdraw_links(self) -> None:
        for button in self.downloads.values():
            button.clear()

    def handout_plan(self) -> ExercisePlan:
        """The plan shown, with the handout title, notes and advice (raises ValueError)."""
        return self.current_plan(
            title=self.handout_title.value.strip() or "Your exercise plan",
            notes=self.handout_notes.value,
            advice_ids=self.advice_ids,
        )

    def handout_html_file(self) -> DownloadFile:
        """The handout of the plan shown, as an HTML file to download."""
        page = handout_html(self.handout_plan())
        return DownloadFile(
            dated_file_name("exercise-plan", "html"), "text/html", page.encode("utf-8")
        )

    def handout_pdf_file(self) -> DownloadFile:
        """The handout of the plan shown, printed to PDF (needs Chromium; RuntimeError if not)."""
        return DownloadFile(
            dated_file_name("exercise-plan", "pdf"),
            "application/pdf",
            handout_pdf(self.handout_plan()),
        )

    def weekly_plan_file(self) -> DownloadFile:
        """The plan shown, week by week, as a CSV file to download."""
        text = weekly_plan_csv(self.handout_plan())
        return DownloadFile(dated_file_name("weekly-plan", "csv"), "text/csv", text.encode("utf-8"))

    # -- helpers ---------------------------------------------------------------------------
    def _quietly(self, fn) -> None:
        self._held += 1
        try:
            fn()
        finally:
            self._held -= 1

    def _apply_bounds(self) -> None:
        c = self.controls
        key = self._current
        mode = get_exercise(key).mode
        lim = item_limits(
            key,
            sets=round(c["sets"].value),
            sessions_per_day=round(c["sessions_per_day"].value),
            hold_s=round(c["hold_s"].value) if mode == "hold" else None,
        )
        _set_bounds(c["reps"], *lim["reps"])
        _set_bounds(c["progression_per_week"], *lim["progression_per_week"])
        for w in (c["hold_s"].box, c["hold_s"].slider):
            w.disabled = mode != "hold"
        c["included"].disabled = self.included == [key]

    def _load(self, key: str) -> None:
        item = self.settings[key]
        c = self.controls

        def load() -> None:
            self._current = key
            c["included"].value = key in self.included
            c["sets"].value = item.sets
            c["sessions_per_day"].value = item.sessions_per_day
            if item.hold_s is not None:
                c["hold_s"].value = item.hold_s
            self._apply_bounds()
            c["reps"].value = item.reps
            c["days_per_week"].value = item.days_per_week
            c["progression_per_week"].value = item.progression_per_week
            self._apply_bounds()

        self._quietly(load)

    def _on_exercise_chosen(self, change: Any) -> None:
        self._load(change["new"])

    def _on_bound_change(self, _change: Any) -> None:
        if self._current is not None:
            self._quietly(self._apply_bounds)

    # -- model -------------------------------------------------------------------------------
    def current_plan(
        self, *, title: str = "Your exercise plan", notes: str = "", advice_ids=()
    ) -> ExercisePlan:
        """The plan the controls describe (validated by :func:`build_plan`)."""
        return build_plan(
            [self.settings[k] for k in self.included],
            weeks=round(self.controls["weeks"].value),
            title=title,
            notes=notes,
            advice_ids=advice_ids,
        )

    def _store(self, state: Mapping[str, Any]) -> None:
        key = self._current
        mode = get_exercise(key).mode
        self.settings[key] = plan_item(
            key,
            sets=round(state["sets"]),
            reps=round(state["reps"]),
            hold_s=round(state["hold_s"]) if mode == "hold" else None,
            sessions_per_day=round(state["sessions_per_day"]),
            days_per_week=round(state["days_per_week"]),
            progression_per_week=round(state["progression_per_week"]),
        )
        if state["included"] and key not in self.included:
            self.included.append(key)
        elif not state["included"] and key in self.included and len(self.included) > 1:
            self.included.remove(key)
        self.controls["included"].disabled = self.included == [key]

    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Store the current exercise's dose, redraw the chart, and describe the plan."""
        self._store(state)
        self._withdraw_links()
        plan = self.current_plan()
        if self.chart.update(plan):
            self.live.invalidate()
        self.dose_note.value = self._dose_note_html()
        return weekly_plan_alt(plan), self._readout(plan)

    def _dose_note_html(self) -> str:
        """The chosen exercise's library dose, its basis and source, and any caution."""
        key = self._current
        card = exercise_card(key)
        _, dose = default_plan_item(key)
        basis = {
            "published": "dose used in a published trial",
            "common prescription": "common prescription, not tested in a trial",
            "teaching example": "a teaching assumption",
        }[dose.dosage_basis]
        if dose.source_id != "teaching_assumption":  # its citation would repeat the basis
            basis += f", {cite(dose.source_id)}"
        return (
            f"<p><strong>{html.escape(card.exercise.name)}</strong>: library dose "
            f"({html.escape(basis)}): {html.escape(dose.description)}</p>"
        )

    def _readout(self, plan: ExercisePlan) -> str:
        card = exercise_card(self._current)
        caution = (
            f"<p><strong>Clinician-supervised ({html.escape(card.exercise.name)}):</strong> "
            f"{html.escape(card.exercise.caution)}</p>"
            if card.exercise.supervision == "clinician-supervised"
            else ""
        )
        rows = weekly_plan_table(plan)
        body = []
        for item in plan.items:
            mine = [r for r in rows if r.exercise_id == item.exercise_id]
            last = mine[-1].dose_text + (" (limit reached)" if mine[-1].capped else "")
            body.append(
                f"<tr><th scope='row'>{html.escape(mine[0].name)}</th>"
                f"<td>{html.escape(mine[0].dose_text)}</td><td>{html.escape(last)}</td></tr>"
            )
        return (
            caution + "<table><caption>The plan, first and last week</caption><thead><tr>"
            "<th scope='col'>Exercise</th><th scope='col'>Week 1</th>"
            f"<th scope='col'>Week {plan.weeks}</th></tr></thead><tbody>"
            + "".join(body)
            + "</tbody></table>"
        )


def dosage_planner(
    initial: Sequence[str] = ("sciatic_nerve_glide",), weeks: int = 6, advice_ids=()
) -> DosagePlanner:
    """Build notebook 06's dosage planner (see :class:`DosagePlanner`)."""
    return DosagePlanner(initial, weeks, advice_ids)
