"""Printable patient handouts of an exercise plan: self-contained HTML, and PDF via Chromium.

:func:`handout_html` turns an :class:`~anatomy_helpers.exercises.ExercisePlan` into one HTML
page with everything inside it: the plan table and chart, each exercise's start and end
figure (PNG data URIs with alt text), steps, dose and where the dose comes from, what to
feel, stop rules, the evidence in brief, self-management advice, the red flags and the
references. It loads nothing from the network, and has print CSS (A4, no page breaks inside
an exercise). :func:`handout_pdf` prints it to PDF bytes with the system's Chromium
(``chromium --headless --print-to-pdf``) and leaves nothing on disk, so a widget can hand
either to the viewer's browser; :func:`write_handout` writes it to a file atomically and,
on request, a PDF beside it.

It belongs to the documents layer (above drawing, below widgets): it imports
:mod:`anatomy_helpers.drawing` but never ipywidgets; PDF printing is
:mod:`anatomy_helpers.documents.pdf`.

References: the plan's exercise cards (see :mod:`anatomy_helpers.exercises`), the red flags
(:mod:`anatomy_helpers.safety`).
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path

from anatomy_helpers.documents.pdf import PDF_UNAVAILABLE, html_to_pdf, pdf_renderer, render_pdf
from anatomy_helpers.drawing.display import figure_png, img_html
from anatomy_helpers.drawing.exercises import (
    build_exercise_pose_figure,
    build_weekly_plan_figure,
    exercise_pose_alt,
    weekly_plan_alt,
)
from anatomy_helpers.exercises import (
    ExerciseCard,
    ExercisePlan,
    default_plan_item,
    exercise_card,
    load_stop_rules,
    plan_source_ids,
    weekly_plan_table,
)
from anatomy_helpers.fileio import write_text_atomic
from anatomy_helpers.references import cite, references_html
from anatomy_helpers.safety import safety_note_html

__all__ = ["HandoutResult", "handout_html", "handout_pdf", "write_handout"]


_FIGURE_DPI = 72

_CSS = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 12pt; line-height: 1.45;
       color: #1a1a1a; max-width: 50em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.35em; border-bottom: 2px solid #0072B2; padding-bottom: 0.15em;
     margin-top: 1.6em; }
h3 { font-size: 1.08em; margin: 1em 0 0.3em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #7f7f7f; padding: 0.3em 0.45em; text-align: left;
         vertical-align: top; }
th { background: #ececec; }
figure { margin: 0.6em 0; }
img { max-width: 100%; height: auto; }
.caution { border-left: 6px solid #D55E00; background: #fff3eb; padding: 0.4em 0.7em; }
.basis { font-size: 0.92em; color: #4d4d4d; }
.safety-note { border: 2px solid #D55E00; padding: 0.5em 0.9em; background: #fff8f3; }
.notes { white-space: pre-wrap; border: 1px dashed #7f7f7f; padding: 0.5em; }
.references li { margin-bottom: 0.3em; }
@page { size: A4; margin: 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section.exercise, figure, table, .safety-note { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _cite_html(key: str) -> str:
    return f'<a href="#ref-{_esc(key)}">{_esc(cite(key))}</a>'


_BASIS_LABEL = {
    "published": "Dose used in a published trial",
    "common prescription": "Common clinical prescription, not tested in a trial",
    "teaching example": "Example dose only (teaching assumption, no source gives a dose)",
}


def _plan_table(plan: ExercisePlan) -> str:
    rows = weekly_plan_table(plan)
    last_week = plan.weeks
    body = []
    for item in plan.items:
        mine = [r for r in rows if r.exercise_id == item.exercise_id]
        first, last = mine[0], mine[-1]
        change = "same as week 1" if last.dose_text == first.dose_text else last.dose_text
        if last.capped:
            change += " (progression stopped at the planner's limit)"
        body.append(
            f'<tr><th scope="row"><a href="#ex-{_esc(item.exercise_id)}">{_esc(first.name)}</a>'
            f"</th><td>{_esc(first.dose_text)}</td><td>{_esc(change)}</td></tr>"
        )
    return (
        "<table><caption class='basis'>Dose per session in week 1 and in the last week "
        f"(week {last_week}).</caption><thead><tr><th scope='col'>Exercise</th>"
        "<th scope='col'>Week 1</th>"
        f"<th scope='col'>Week {last_week}</th></tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table>"
    )


def _pose_figure_html(exercise_id: str) -> str:
    """The start and end positions as an embedded PNG with alt text and a caption."""
    fig = build_exercise_pose_figure(exercise_id)
    png = figure_png(fig, dpi=_FIGURE_DPI)
    return (
        "<figure>"
        + img_html(png, exercise_pose_alt(exercise_id), width_px=round(fig.get_figwidth() * 72))
        + "<figcaption class='basis'>Start and end positions (drawn from illustrative joint "
        "angles, not measurements).</figcaption></figure>"
    )


def _dose_html(plan: ExercisePlan, exercise_id: str) -> str:
    """The plan's dose of one exercise, its weekly progression and the plan's length."""
    item = next(i for i in plan.items if i.exercise_id == exercise_id)
    rows = [r for r in weekly_plan_table(plan) if r.exercise_id == exercise_id]
    dose = f"<h3>Your dose</h3><p>{_esc(rows[0].dose_text)}"
    if item.progression_per_week:
        unit = "s per hold" if item.hold_s is not None else "repetitions"
        dose += f"; add {item.progression_per_week} {unit} each week"
    dose += f", for {plan.weeks} week{'s' if plan.weeks != 1 else ''}.</p>"
    return dose


def _dose_sources_html(card: ExerciseCard, exercise_id: str) -> str:
    """Where the dose comes from: each cited dosage, its load and studied population."""
    _, default_dose = default_plan_item(exercise_id)
    dose_items = []
    for d in card.dosages:
        note = f" Load: {_esc(d.load)}." if d.load else ""
        who = (
            f" Studied in: {_esc(d.population)}."
            if d.population not in ("none", "not stated")
            else ""
        )
        days = (
            " The source does not say how many days a week; the planner assumes every day."
            if d is default_dose and d.days_per_week is None
            else ""
        )
        dose_items.append(
            f"<li><strong>{_esc(_BASIS_LABEL[d.dosage_basis])}:</strong> "
            f"{_esc(d.description)}{note}{who}{days} ({_cite_html(d.source_id)})</li>"
        )
    return "<h3>Where the dose comes from</h3><ul>" + "".join(dose_items) + "</ul>"


def _exercise_section(plan: ExercisePlan, exercise_id: str) -> str:
    card = exercise_card(exercise_id)
    ex = card.exercise
    parts = [f'<section class="exercise" id="ex-{_esc(exercise_id)}">', f"<h2>{_esc(ex.name)}</h2>"]
    parts.append(f"<p>{_esc(ex.summary)}</p>")
    if ex.supervision == "clinician-supervised":
        parts.append(
            '<p class="caution"><strong>Only with your clinician\'s instruction.</strong> '
            f"{_esc(ex.caution)} ({_cite_html(ex.source_id)})</p>"
        )
    parts.append(_pose_figure_html(exercise_id))
    steps = "".join(f"<li>{_esc(s.instruction)}</li>" for s in card.steps)
    step_sources = sorted({s.source_id for s in card.steps})
    parts.append(
        f"<h3>How to do it</h3><ol>{steps}</ol><p class='basis'>Steps from "
        + "; ".join(_cite_html(k) for k in step_sources)
        + ".</p>"
    )
    parts.append(_dose_html(plan, exercise_id))
    parts.append(_dose_sources_html(card, exercise_id))
    parts.append(
        f"<h3>What you should feel</h3><p>{_esc(ex.what_to_feel)} "
        "<em>(general guidance, not from a trial)</em></p>"
    )
    parts.append(
        f"<h3>Take care</h3><p>{_esc(ex.caution)} Follow the stop rules below "
        '(<a href="#stop-rules">When to stop</a>).</p>'
    )
    findings = "".join(
        f"<li>{_esc(e.finding)} ({_cite_html(e.source_id)})</li>" for e in card.evidence
    )
    parts.append(f"<h3>What the evidence says</h3><ul>{findings}</ul></section>")
    return "".join(parts)


def _advice_section(advice_ids: tuple[str, ...]) -> str:
    if not advice_ids:
        return ""
    parts = ['<section id="advice"><h2>Self-management advice</h2>']
    for key in advice_ids:
        card = exercise_card(key)
        findings = "".join(
            f"<li>{_esc(e.finding)} ({_cite_html(e.source_id)})</li>" for e in card.evidence
        )
        parts.append(
            f'<h3 id="ex-{_esc(key)}">{_esc(card.exercise.name)}</h3>'
            f"<p>{_esc(card.exercise.summary)} {_esc(card.exercise.caution)}</p>"
            f"<ul>{findings}</ul>"
        )
    parts.append("</section>")
    return "".join(parts)


def _stop_rules_section() -> str:
    items = []
    for rule in load_stop_rules():
        label = " (clinical convention; a teaching assumption)" if rule.verification == "A" else ""
        items.append(f"<li>{_esc(rule.rule)}{label} ({_cite_html(rule.source_id)})</li>")
    return '<section id="stop-rules"><h2>When to stop</h2><ul>' + "".join(items) + "</ul></section>"


def handout_html(plan: ExercisePlan) -> str:
    """The complete, self-contained handout page for a plan.

    Parameters
    ----------
    plan : ExercisePlan
        A plan from :func:`anatomy_helpers.exercises.build_plan`. Its title and notes are
        user text and are HTML-escaped.

    Returns
    -------
    str
        An HTML5 document with inline CSS and images as ``data:`` URIs; it references no
        external file, font or script.

    Raises
    ------
    TypeError
        If ``plan`` is not an ExercisePlan.

    References
    ----------
    The sources cited by the plan's exercises, the stop rules and the red flags.
    """
    if not isinstance(plan, ExercisePlan):
        msg = f"plan must be an ExercisePlan from build_plan(), got {type(plan).__name__}"
        raise TypeError(msg)
    chart = build_weekly_plan_figure(plan)
    chart_img = img_html(
        figure_png(chart, dpi=_FIGURE_DPI),
        weekly_plan_alt(plan),
        width_px=round(chart.get_figwidth() * 72),
    )
    notes = (
        f'<section id="notes"><h2>Notes from your clinician</h2><p class="notes">'
        f"{_esc(plan.notes)}</p></section>"
        if plan.notes
        else ""
    )
    from anatomy_helpers.safety import load_red_flags

    keys = set(plan_source_ids(plan)) | {f.source_id for f in load_red_flags()} | {"dionne2019"}
    body = [
        f"<header><h1>{_esc(plan.title)}</h1><p>A {plan.weeks}-week home programme of "
        f"{len(plan.items)} exercise{'s' if len(plan.items) != 1 else ''}. Keep this sheet and "
        "bring it to your next appointment.</p></header>",
        "<main>",
        notes,
        '<section id="plan"><h2>Your weekly plan</h2>',
        _plan_table(plan),
        f"<figure>{chart_img}<figcaption class='basis'>Left: the days of the week for each "
        "exercise and how many sessions on each day. Right: weekly amount compared with week 1."
        "</figcaption></figure></section>",
        *(_exercise_section(plan, key) for key in plan.exercise_ids),
        _advice_section(plan.advice_ids),
        _stop_rules_section(),
        '<section id="red-flags"><h2>Red flags: get medical help the same day</h2>',
        safety_note_html(),
        "</section>",
        '<section id="references"><h2>References</h2>',
        references_html(keys),
        "</section></main>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(plan.title)}</title><style>{_CSS}</style></head><body>"
        + "".join(body)
        + "</body></html>\n"
    )


def handout_pdf(plan: ExercisePlan, *, timeout_s: float = 90.0) -> bytes:
    """The handout of :func:`handout_html` printed to PDF, as bytes (nothing kept on disk).

    Parameters
    ----------
    plan : ExercisePlan
        A plan from :func:`anatomy_helpers.exercises.build_plan`.
    timeout_s : float, default 90
        Give up printing after this many seconds.

    Returns
    -------
    bytes
        A PDF document (A4).

    Raises
    ------
    TypeError
        If ``plan`` is not an ExercisePlan.
    RuntimeError
        If Chromium is missing, fails or times out (the message says which and what to do).

    References
    ----------
    As :func:`handout_html`.
    """
    return html_to_pdf(handout_html(plan), timeout_s=timeout_s)


@dataclass(frozen=True)
class HandoutResult:
    """What :func:`write_handout` produced.

    Attributes
    ----------
    html_path : pathlib.Path
        The HTML handout.
    pdf_path : pathlib.Path or None
        The PDF, when one was requested and written.
    message : str
        A sentence for the user: what was written, or why no PDF was written.
    """

    html_path: Path
    pdf_path: Path | None
    message: str


def write_handout(
    plan: ExercisePlan, path: str | os.PathLike[str], *, pdf: bool = False
) -> HandoutResult:
    """Write a plan's printable handout (HTML, and optionally PDF) atomically.

    The page is built completely before anything is written, and written with
    :func:`anatomy_helpers.fileio.write_text_atomic`, so an error leaves any earlier
    handout at ``path`` untouched. With ``pdf=True`` a PDF is written next to it (same name,
    ``.pdf``) when Chromium is installed; otherwise the result's ``message`` says that no
    PDF renderer is available (no exception).

    Parameters
    ----------
    plan : ExercisePlan
        The plan.
    path : str or os.PathLike
        Target ``.html`` file (parent folders are created).
    pdf : bool, default False
        Also print to PDF.

    Returns
    -------
    HandoutResult
        Paths written and a message.

    Raises
    ------
    TypeError
        If ``plan`` is not an ExercisePlan or ``pdf`` is not a bool.
    ValueError
        If ``path`` does not end in ``.html`` or ``.htm``.

    Examples
    --------
    >>> from anatomy_helpers.exercises import default_plan
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "plan.html"
    >>> write_handout(default_plan(["sciatic_nerve_glide"]), out).html_path.exists()
    True
    """
    if not isinstance(pdf, bool):
        msg = f"pdf must be True or False, got {type(pdf).__name__}"
        raise TypeError(msg)
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        msg = f"path must end in .html or .htm, got {str(target)!r}"
        raise ValueError(msg)
    page = handout_html(plan)
    write_text_atomic(target, page)
    if not pdf:
        return HandoutResult(target, None, f"Handout written to {target}.")
    pdf_path = target.with_suffix(".pdf")
    if pdf_renderer() is None:
        return HandoutResult(target, None, f"Handout written to {target}. {PDF_UNAVAILABLE}")
    try:
        render_pdf(target, pdf_path)
    except RuntimeError as exc:
        return HandoutResult(target, None, f"Handout written to {target}. {exc}")
    return HandoutResult(target, pdf_path, f"Handout written to {target} and {pdf_path}.")
