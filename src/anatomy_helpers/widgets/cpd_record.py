"""The CPD record form at the end of each notebook: fill in, then download one page.

:func:`cpd_record` builds a small form: an optional name, the type of learning activity,
the time spent (a number box the person fills in), and the reflection fields the CPD
schemes ask for (:func:`anatomy_helpers.cpd.reflection_fields`). A line shows this
session's self-check score, kept current as questions are answered anywhere in the
notebook. Download buttons (:class:`~anatomy_helpers.widgets.download.DownloadButton`)
build the record (HTML, and PDF where Chromium is installed) and hand it to the person's
browser; nothing is written on the server. Any change withdraws a link already offered,
so a saved record always holds what the form showed.

The notebook passes its own title and learning objectives (the generated record cell
does this), so the widget needs no access to the notebook file.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets

from anatomy_helpers.cpd import (
    MAX_MINUTES,
    MAX_NAME_CHARS,
    CpdRecord,
    load_cpd_activity_types,
    load_cpd_fields,
    make_cpd_record,
    reflection_fields,
)
from anatomy_helpers.documents.cpd_record import (
    cpd_record_file_stem,
    cpd_record_html,
    cpd_record_pdf,
)
from anatomy_helpers.documents.pdf import pdf_renderer
from anatomy_helpers.references import cite
from anatomy_helpers.selfcheck import load_question_bank, question_bank_names, session_results
from anatomy_helpers.widgets.base import close_widget_tree, status_html
from anatomy_helpers.widgets.controls import DESCRIPTION_STYLE
from anatomy_helpers.widgets.download import (
    DownloadButton,
    DownloadFile,
    dated_file_name,
    download_row,
)
from anatomy_helpers.widgets.layout import StartHint

__all__ = ["CpdRecordForm", "cpd_record"]

#: Activity type selected at first: one person working through a notebook.
DEFAULT_ACTIVITY_TYPE = "self_directed"


class CpdRecordForm(StartHint, widgets.VBox):
    """The CPD record form of one notebook.

    Parameters
    ----------
    notebook : str
        Notebook stem (its question bank, if any, gives the self-check questions).
    title : str
        Notebook title.
    objectives : sequence of str
        Its learning objectives.

    Attributes
    ----------
    name, activity_type, minutes : ipywidgets.Widget
        Optional name (Text), type of learning (RadioButtons, with an example of the
        chosen type below it in ``activity_note``), time spent in minutes (BoundedIntText,
        0 until filled in).
    reflections : dict of str to ipywidgets.Textarea
        One box per reflection field, keyed by field id.
    score : ipywidgets.HTML
        This session's self-check score (a live region).
    downloads : dict of str to DownloadButton
        ``"html"`` and, where Chromium is installed, ``"pdf"``.
    """

    start_hint = "the CPD record form"

    def __init__(self, notebook: str, *, title: str, objectives: Sequence[str]):
        if not isinstance(notebook, str):
            msg = f"notebook must be a notebook stem such as '03_slump_test', got {notebook!r}"
            raise TypeError(msg)
        self.bank = load_question_bank(notebook) if notebook in question_bank_names() else ()
        self.notebook = notebook
        self.title = title
        self.objectives = tuple(objectives)
        self.results = session_results(notebook)
        self._build_fields()
        self.score = widgets.HTML()
        self._build_downloads()
        for control in (self.name, self.activity_type, self.minutes, *self.reflections.values()):
            control.observe(self._changed, names="value")
        self.activity_type.observe(self._show_activity_note, names="value")
        self.results.watch(self._results_changed)
        self._show_activity_note()
        self._show_score()
        super().__init__(
            [
                self.name,
                self.activity_type,
                self.activity_note,
                self.minutes,
                *self.reflections.values(),
                self.score,
                download_row(list(self.downloads.values()), heading="Take your record with you"),
            ],
            layout=widgets.Layout(border="1px solid #8c8c8c", padding="0.6em", margin="0.5em 0"),
        )

    def _build_fields(self) -> None:
        """The record's inputs: name, activity type (with its note), minutes, reflections."""
        labels = {f.field_id: f for f in load_cpd_fields()}
        self.name = widgets.Text(
            value="",
            description="Your name (optional)",
            placeholder=f"up to {MAX_NAME_CHARS} characters",
            style=DESCRIPTION_STYLE,
            layout=widgets.Layout(width="auto", max_width="36em"),
        )
        self.activity_type = widgets.RadioButtons(
            options=[(t.label, t.activity_type) for t in load_cpd_activity_types()],
            value=DEFAULT_ACTIVITY_TYPE,
            description=labels["activity_type"].prompt,
            style=DESCRIPTION_STYLE,
            layout=widgets.Layout(width="auto", max_width="36em"),
        )
        self.activity_note = widgets.HTML()
        self.minutes = widgets.BoundedIntText(
            value=0,
            min=0,
            max=MAX_MINUTES,
            step=1,
            description=labels["time_spent"].prompt,
            style=DESCRIPTION_STYLE,
            layout=widgets.Layout(width="auto", max_width="24em"),
        )
        self.reflections = {
            f.field_id: widgets.Textarea(
                value="",
                description=f.label,
                placeholder=f.prompt,
                rows=3,
                style=DESCRIPTION_STYLE,
                layout=widgets.Layout(
                    width="auto", max_width="48em", flex_flow="column", align_items="stretch"
                ),
            )
            for f in reflection_fields()
        }

    def _build_downloads(self) -> None:
        """The HTML download, and the PDF one where a Chromium can print it."""
        self.downloads = {
            "html": DownloadButton(
                "Download CPD record (HTML)",
                self.html_file,
                tooltip="Build your CPD record as a web page and save it",
            )
        }
        if pdf_renderer() is not None:
            self.downloads["pdf"] = DownloadButton(
                "Download CPD record (PDF)",
                self.pdf_file,
                tooltip="Build your CPD record as a PDF and save it",
            )

    # -- state -> record -------------------------------------------------------------
    def build_record(self) -> CpdRecord:
        """The record from what the form shows now.

        Raises
        ------
        ValueError
            With a sentence for the person when the time or a required reflection is
            missing (the download button shows it), or when text is too long.
        """
        if not self.minutes.value:
            msg = f"please enter the time you spent (1 to {MAX_MINUTES} minutes) first."
            raise ValueError(msg)
        for f in reflection_fields():
            if f.required and not self.reflections[f.field_id].value.strip():
                msg = f"please fill in '{f.label}' first ({f.prompt})"
                raise ValueError(msg)
        return make_cpd_record(
            self.notebook,
            title=self.title,
            objectives=self.objectives,
            minutes_spent=self.minutes.value,
            activity_type=self.activity_type.value,
            reflections={k: box.value for k, box in self.reflections.items()},
            name=self.name.value,
            results=self.results,
        )

    def html_file(self) -> DownloadFile:
        """The record as an HTML file (built now)."""
        record = self.build_record()
        name = dated_file_name(cpd_record_file_stem(record), "html", record.day)
        return DownloadFile(name, "text/html", cpd_record_html(record).encode("utf-8"))

    def pdf_file(self) -> DownloadFile:
        """The record as a PDF file (printed now with Chromium)."""
        record = self.build_record()
        name = dated_file_name(cpd_record_file_stem(record), "pdf", record.day)
        return DownloadFile(name, "application/pdf", cpd_record_pdf(record))

    # -- keeping the links honest ----------------------------------------------------
    def _changed(self, _change=None) -> None:
        for button in self.downloads.values():
            button.clear()

    def _results_changed(self) -> None:
        self._show_score()
        self._changed()

    def _show_activity_note(self, _change=None) -> None:
        kind = next(
            t for t in load_cpd_activity_types() if t.activity_type == self.activity_type.value
        )
        self.activity_note.value = (
            f"<p><small>{html.escape(kind.label)}: {html.escape(kind.examples)} "
            f"({html.escape(cite(kind.source_id))}).</small></p>"
        )

    def _show_score(self) -> None:
        score = self.results.score(self.bank)
        self.score.value = status_html(
            f"<p><strong>Self-checks this session:</strong> {html.escape(score.summary)}. "
            "The record lists each question and how it went.</p>"
        )

    def close(self) -> None:
        """Stop following the self-check results and close every widget of the form."""
        self.results.unwatch(self._results_changed)
        extra = [w for b in self.downloads.values() for w in (b.button, b.link)]
        close_widget_tree(self, extra=extra)


def cpd_record(notebook: str, *, title: str, objectives: Sequence[str]) -> CpdRecordForm:
    """The CPD record form for the end of a notebook.

    Parameters
    ----------
    notebook : str
        Notebook stem, e.g. ``"03_slump_test"``.
    title : str
        The notebook's title.
    objectives : sequence of str
        Its learning objectives, as the title cell lists them.

    Returns
    -------
    CpdRecordForm
        The widget.

    Raises
    ------
    ValueError
        For an empty title (a notebook without a question bank gets a record without
        self-check results).
    TypeError
        If ``objectives`` is not a sequence of str.

    References
    ----------
    HCPC CPD standards; HCPC CPD guidance; HCPC 2019; Physiotherapy Board of Australia 2015
    (the record's fields, see :mod:`anatomy_helpers.cpd`).
    """
    if not isinstance(title, str) or not title.strip():
        msg = f"title must be the notebook's title (a non-empty str), got {title!r}"
        raise ValueError(msg)
    if isinstance(objectives, (str, bytes)) or not isinstance(objectives, Sequence):
        msg = f"objectives must be a sequence of str, got {type(objectives).__name__}"
        raise TypeError(msg)
    if not all(isinstance(o, str) for o in objectives):
        msg = "objectives must be a sequence of str"
        raise TypeError(msg)
    return CpdRecordForm(notebook, title=title, objectives=objectives)
