"""The one-page CPD record of a notebook: self-contained HTML, and PDF via Chromium.

:func:`cpd_record_html` lays out a :class:`~anatomy_helpers.cpd.CpdRecord` as one A4 page:
the activity (notebook title, date, type, declared time), what it set out to teach (the
learning objectives), the self-check results of the session with a score, the person's
reflection under the headings the CPD schemes ask for, and the schemes' references. Every
piece of text is HTML-escaped, the typed reflection included, so nothing a person types can
change the page. It loads nothing from the network. :func:`cpd_record_pdf` prints it to PDF
bytes with the system Chromium (:func:`anatomy_helpers.documents.pdf.html_to_pdf`).

References
----------
HCPC CPD standards; HCPC CPD guidance; HCPC 2019; Physiotherapy Board of Australia 2015
(see :mod:`anatomy_helpers.cpd`).
"""

from __future__ import annotations

import html

from anatomy_helpers.cpd import CpdRecord, cpd_source_ids, load_cpd_fields
from anatomy_helpers.documents.pdf import html_to_pdf
from anatomy_helpers.references import cite, references_html

__all__ = ["cpd_record_file_stem", "cpd_record_html", "cpd_record_pdf"]

_CSS = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
       color: #1a1a1a; max-width: 48em; margin: 1.2em auto; padding: 0 1em; }
h1 { font-size: 1.35em; margin: 0 0 0.4em; }
h2 { font-size: 1.1em; border-bottom: 2px solid #0072B2; padding-bottom: 0.1em;
     margin: 1em 0 0.35em; }
h3 { font-size: 1em; margin: 0.6em 0 0.2em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #7f7f7f; padding: 0.2em 0.4em; text-align: left;
         vertical-align: top; }
th { background: #ececec; }
.activity { table-layout: fixed; }
.activity col.k { width: 11.5em; }
ul { margin: 0.2em 0; padding-left: 1.3em; }
.written { white-space: pre-wrap; border: 1px solid #7f7f7f; padding: 0.35em 0.5em;
           margin: 0.2em 0 0.4em; min-height: 1.4em; }
.empty { color: #4d4d4d; font-style: italic; }
.meta, .basis { font-size: 0.9em; color: #404040; }
.results { font-size: 0.88em; }
.results td:first-child { width: 2em; }
.results td:last-child { width: 11em; }
.references { font-size: 0.78em; margin: 0.2em 0; columns: 2; column-gap: 2em; }
.references li { margin-bottom: 0.1em; }
@page { size: A4; margin: 11mm 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; line-height: 1.3; }
  h2 { margin-top: 0.7em; }
  table, .written { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def cpd_record_file_stem(record: CpdRecord) -> str:
    """File-name stem of a record: ``"cpd-record-03-slump-test"`` (lower case, hyphens).

    Raises
    ------
    TypeError
        If ``record`` is not a CpdRecord.
    """
    if not isinstance(record, CpdRecord):
        msg = f"record must be a CpdRecord, got {type(record).__name__}"
        raise TypeError(msg)
    return f"cpd-record-{record.notebook.replace('_', '-')}"[:48].rstrip("-")


def _labels() -> dict[str, str]:
    return {f.field_id: f.label for f in load_cpd_fields()}


def _activity_table(record: CpdRecord, labels: dict[str, str]) -> str:
    hours = record.minutes_spent / 60
    cells = [
        (
            labels["activity"],
            f"Worked through the interactive notebook \u201c{record.title}\u201d "
            f"(sciatica-notebooks, {record.notebook})",
        ),
        (labels["date"], record.day.strftime("%d %B %Y").lstrip("0")),
        (labels["time_spent"], f"{record.minutes_spent} min ({hours:.1f} h)"),
        (labels["activity_type"], record.activity_label),
        ("Name", record.name or "(not given)"),
    ]
    first, *rest = cells
    rows = [f'<tr><th scope="row">{_e(first[0])}</th><td colspan="3">{_e(first[1])}</td></tr>']
    for (k1, v1), (k2, v2) in zip(rest[0::2], rest[1::2], strict=True):
        rows.append(
            f'<tr><th scope="row">{_e(k1)}</th><td>{_e(v1)}</td>'
            f'<th scope="row">{_e(k2)}</th><td>{_e(v2)}</td></tr>'
        )
    cols = '<colgroup><col class="k"><col><col class="k"><col></colgroup>'
    return f'<table class="activity">{cols}{"".join(rows)}</table>'


#: Longest question text in the results table (characters; longer ones end in an ellipsis,
#: so the table keeps one line per question and the record fits one page).
QUESTION_CHARS = 80


def _shortened(text: str, limit: int = QUESTION_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "\u2026"


def _results_table(record: CpdRecord) -> str:
    if not record.results:
        return '<p class="empty">This notebook has no self-check questions.</p>'
    rows = "".join(
        f'<tr><td>{i}</td><td title="{_e(r.prompt)}">{_e(_shortened(r.prompt))}</td>'
        f"<td>{_e(r.summary)}</td></tr>"
        for i, r in enumerate(record.results, 1)
    )
    return (
        f"<p><strong>Score:</strong> {_e(record.score.summary)}.</p>"
        '<table class="results"><thead><tr><th scope="col">No.</th><th scope="col">Question</th>'
        f'<th scope="col">Result</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _reflections(record: CpdRecord, labels: dict[str, str]) -> str:
    parts = []
    for field_id, text in record.reflections:
        shown = (
            f'<div class="written">{_e(text)}</div>'
            if text
            else '<div class="written empty">(left blank)</div>'
        )
        parts.append(f"<h3>{_e(labels[field_id])}</h3>{shown}")
    return "".join(parts)


def cpd_record_html(record: CpdRecord) -> str:
    """The record as one self-contained HTML page (A4 when printed).

    Parameters
    ----------
    record : CpdRecord
        A validated record (:func:`anatomy_helpers.cpd.make_cpd_record`).

    Returns
    -------
    str
        A complete HTML document; every text is escaped; nothing is loaded from the network.

    Raises
    ------
    TypeError
        If ``record`` is not a CpdRecord.

    References
    ----------
    HCPC CPD standards; HCPC CPD guidance; HCPC 2019; Physiotherapy Board of Australia 2015.
    """
    if not isinstance(record, CpdRecord):
        msg = f"record must be a CpdRecord, got {type(record).__name__}"
        raise TypeError(msg)
    labels = _labels()
    objectives = "".join(f"<li>{_e(o)}</li>" for o in record.objectives)
    schemes = ", ".join(_e(cite(k)) for k in cpd_source_ids())
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CPD record: {_e(record.title)}</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<h1>CPD record: {_e(record.title)}</h1>
{_activity_table(record, labels)}
<h2>{_e(labels["objectives"])}</h2>
<ul>{objectives}</ul>
<h2>{_e(labels["self_check"])}</h2>
{_results_table(record)}
<h2>Reflection</h2>
{_reflections(record, labels)}
<p class="basis">The fields follow what CPD schemes ask a physiotherapist to keep: a dated
record of each activity, what was done and learnt, the time spent, and how it benefits
practice and the people treated ({schemes}). Made with the sciatica-notebooks collection
from what was entered in the form; nothing was kept on the server.</p>
<section aria-label="References">
<h2>References</h2>
{references_html(cpd_source_ids())}
</section>
</main>
</body>
</html>
"""


def cpd_record_pdf(record: CpdRecord, *, timeout_s: float = 90.0) -> bytes:
    """The record printed to PDF bytes with the system Chromium (nothing left on disk).

    Parameters
    ----------
    record : CpdRecord
        The record.
    timeout_s : float, default 90
        Give up after this many seconds.

    Returns
    -------
    bytes
        The PDF.

    Raises
    ------
    TypeError
        If ``record`` is not a CpdRecord.
    RuntimeError
        If Chromium is missing, fails or times out (the message says which).
    """
    return html_to_pdf(cpd_record_html(record), timeout_s=timeout_s)
