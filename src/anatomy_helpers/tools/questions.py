"""Self-check questions for a learning management system: Moodle XML and an IMS QTI package.

``python -m anatomy_helpers questions export --format moodle|qti --out DIR`` writes every
question of every bank (read through :mod:`anatomy_helpers.selfcheck`, so the export follows
the banks) to one file in ``DIR``:

``moodle``
    ``sciatica-notebooks-moodle.xml``: Moodle XML with one ``category`` per notebook
    (``$course$/Sciatica notebooks/NN Title``). Single- and select-all questions become
    ``multichoice``; numeric ones ``numerical``.
``qti``
    ``sciatica-notebooks-qti.zip``: an IMS content package (``imsmanifest.xml``) holding
    one IMS QTI 1.2 assessment per notebook, in the dialect Canvas exports and imports
    (``question_type`` metadata, ``response1``, ``general_fb`` and ``<answer>_fb`` feedback).

What both keep: the prompt, every option with its own feedback, which options are correct,
the explanation with its citation (in-text label and full reference) as general feedback,
numeric answers with their tolerance, unit and too-low / too-high feedback.

Scoring
-------
Single answer: the correct option scores 100 %, every other option 0 %.
Select all that apply: in Moodle each correct option is worth ``100 / n_correct`` % and each
wrong option costs ``100 / n_wrong`` %, so the right set scores 100 %, ticking every box
scores 0 % and Moodle clamps the total to 0-100 %; both weights are in Moodle's list of
grade fractions (``1/q`` for ``q`` up to 10), checked on export. In QTI the item scores
100 only for exactly the correct set, which is how the notebooks mark it
(:func:`anatomy_helpers.selfcheck.check_answer`); Canvas then applies its own partial-credit
rule for multiple-answer questions.
Numeric: correct within ``answer ± tolerance``. Moodle gets the accepted answer first, then
the ranges ``[min_value, answer - tolerance]`` and ``[answer + tolerance, max_value]``
carrying the too-low and too-high feedback, then a ``*`` answer for numbers outside the
bounds. QTI gets the same tests as conditions (``vargte``/``varlte``, ``varlt``, ``vargt``).

Why no library: ``text2qti`` (BSD-3) writes one quiz per package from Markdown input, with no
too-low / too-high feedback for numerical questions, a date in the manifest and zip
timestamps from the clock; ``qti-package-maker`` (LGPL-3) has no per-option feedback. Both
outputs are therefore written with the standard library.

Output is deterministic: banks sorted by name, questions and options in bank order, ids
derived from question ids, no dates, and zip entries with a fixed timestamp, stored
uncompressed so the bytes do not depend on the zlib version. Files are written atomically
(:mod:`anatomy_helpers.fileio`) as UTF-8. Nothing is fetched.

References
----------
Moodle XML format, MoodleDocs (docs.moodle.org/en/Moodle_XML_format); Moodle source
``question/format/xml/format.php`` (import and export) and
``question_bank::fraction_options_full`` (the allowed grade fractions).
IMS Question & Test Interoperability ASI XML Binding 1.2.1 (2003); IMS Content Packaging 1.1.
"""

from __future__ import annotations

import argparse
import html
import io
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from anatomy_helpers.fileio import write_bytes_atomic
from anatomy_helpers.references import cite, format_reference, get_source
from anatomy_helpers.selfcheck import Question, check_answer, load_all_question_banks

__all__ = [
    "COURSE_CATEGORY",
    "FORMATS",
    "MOODLE_GRADE_FRACTIONS_PCT",
    "OUTPUT_NAMES",
    "QTI_NAMESPACE",
    "bank_titles",
    "choice_weights_pct",
    "export_questions",
    "general_feedback_html",
    "main_questions",
    "moodle_xml",
    "numeric_bands",
    "out_of_bounds_feedback",
    "qti_package",
    "source_text",
]

#: Export formats.
FORMATS = ("moodle", "qti")
#: File written for each format.
OUTPUT_NAMES = {"moodle": "sciatica-notebooks-moodle.xml", "qti": "sciatica-notebooks-qti.zip"}
#: Top Moodle category under the course; one sub-category per notebook.
COURSE_CATEGORY = "Sciatica notebooks"
#: Namespace of IMS QTI 1.2 assessment documents.
QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
_CP_NAMESPACE = "http://www.imsglobal.org/xsd/imscp_v1p1"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"

# Moodle's grade fractions (question_bank::fraction_options_full): p/q for q <= 6,
# p/10, 1/q for q <= 10 and 1/20, positive and negative, as percentages.
_FRACTIONS = (
    {0.0, 1.0}
    | {p / q for q in range(1, 7) for p in range(1, q + 1)}
    | {p / 10 for p in range(1, 11)}
    | {1 / q for q in range(1, 11)}
    | {1 / 20}
)
#: Grade fractions Moodle accepts on import (percent), sorted.
MOODLE_GRADE_FRACTIONS_PCT = tuple(
    sorted({round(100 * f, 5) for f in _FRACTIONS} | {round(-100 * f, 5) for f in _FRACTIONS})
)
# Moodle matches an imported fraction to its list within 1e-5 (as a fraction of 1).
_MOODLE_MATCH_TOLERANCE_PCT = 1e-3


# ----------------------------------------------------------------------------------------
# Shared, pure pieces
# ----------------------------------------------------------------------------------------


def _number(value: float) -> str:
    """A number as short text without float noise (``12.1``, not ``12.100000000000001``)."""
    text = format(round(float(value), 9), ".10g")
    return "0" if text == "-0" else text


def _html_paragraph(text: str) -> str:
    return f"<p>{html.escape(text, quote=False)}</p>"


def choice_weights_pct(question: Question) -> tuple[float, ...]:
    """Score of each option of a choice question, in percent of the question's mark.

    Parameters
    ----------
    question : Question
        A ``single`` or ``multiple`` question.

    Returns
    -------
    tuple of float
        One weight per option, in bank order. Single answer: 100 for the correct option,
        0 for the others. Select all: ``100 / n_correct`` per correct option and
        ``-100 / n_wrong`` per wrong one, so ticking every option scores 0.

    Raises
    ------
    TypeError
        If ``question`` is not a :class:`~anatomy_helpers.selfcheck.Question`.
    ValueError
        If it is numeric, or a weight is not one of Moodle's grade fractions (more than 10
        correct or wrong options).
    """
    if not isinstance(question, Question):
        msg = f"question must be a Question, got {type(question).__name__}"
        raise TypeError(msg)
    if question.kind not in ("single", "multiple"):
        msg = f"question {question.question_id} is {question.kind!r}; weights need a choice"
        raise ValueError(msg)
    n_correct = len(question.correct_indices)
    n_wrong = len(question.options) - n_correct
    if question.kind == "single":
        weights = tuple(100.0 if o.correct else 0.0 for o in question.options)
    else:
        weights = tuple(
            100.0 / n_correct if o.correct else -100.0 / n_wrong for o in question.options
        )
    for w in weights:
        if min(abs(w - f) for f in MOODLE_GRADE_FRACTIONS_PCT) > _MOODLE_MATCH_TOLERANCE_PCT:
            msg = (
                f"question {question.question_id}: option weight {w:.5f} % is not a Moodle "
                "grade fraction; use at most 10 correct and 10 wrong options"
            )
            raise ValueError(msg)
    return weights


def _moodle_fraction(weight_pct: float) -> str:
    """A weight as Moodle writes it (7 significant digits: ``33.33333``, ``-50``)."""
    text = format(weight_pct, ".7g")
    return "0" if text == "-0" else text


def numeric_bands(question: Question) -> tuple[tuple[float, float, str, bool], ...]:
    """Ranges of a numeric question with the feedback each gets, in matching order.

    Parameters
    ----------
    question : Question
        A ``numeric`` question.

    Returns
    -------
    tuple of (low, high, feedback, correct)
        The accepted range ``[answer - tolerance, answer + tolerance]`` with the notebook's
        "Yes" message first, then ``[min_value, answer - tolerance]`` with ``feedback_low``
        and ``[answer + tolerance, max_value]`` with ``feedback_high`` (each left out when
        empty). A number on a shared edge takes the first band, as in the notebook.

    Raises
    ------
    ValueError
        If the question is not numeric.
    """
    if not isinstance(question, Question) or question.kind != "numeric":
        msg = "question must be a numeric Question"
        raise ValueError(msg)
    answer, tol = float(question.answer), float(question.tolerance)
    lo, hi = float(question.min_value), float(question.max_value)
    yes = check_answer(question, answer).messages[0]
    bands = [(answer - tol, answer + tol, yes, True)]
    if lo < answer - tol:
        bands.append((lo, answer - tol, question.feedback_low, False))
    if hi > answer + tol:
        bands.append((answer + tol, hi, question.feedback_high, False))
    return tuple(bands)


def out_of_bounds_feedback(question: Question) -> str:
    """Feedback for a number outside ``[min_value, max_value]`` (the notebook's number box)."""
    unit = f" {question.unit}" if question.unit else ""
    return (
        f"Enter a number from {_number(question.min_value)} to {_number(question.max_value)}{unit}."
    )


_NOTES = {
    "seed web page": "A seed page: a source of claims checked in the notebooks, not evidence.",
    "assumption": "Values cited to this key are labelled teaching assumptions, not measurements.",
}


def source_text(source_id: str) -> str:
    """The citation line shown under an explanation, as plain text.

    Returns
    -------
    str
        ``"Source: <in-text citation>. <full reference>"`` plus a caveat for seed pages and
        teaching assumptions.
    """
    src = get_source(source_id)
    text = f"Source: {cite(source_id)}. {format_reference(source_id)}"
    if not src.doi and src.url:
        text += f" {src.url}"
    if src.kind in _NOTES:
        text += f" {_NOTES[src.kind]}"
    return text


def general_feedback_html(question: Question) -> str:
    """The explanation and its citation as two HTML paragraphs (DOI as a link)."""
    src = get_source(question.source_id)
    source = html.escape(source_text(question.source_id), quote=False)
    if src.doi:
        doi = html.escape(src.doi, quote=False)
        link = f'<a href="https://doi.org/{html.escape(src.doi)}">doi:{doi}</a>'
        source = source.replace(f"doi:{doi}", link, 1)
    return _html_paragraph(question.explanation) + f"<p>{source}</p>"


def bank_titles(root: str | Path | None = None) -> dict[str, str]:
    """Title of each bank's notebook, keyed by notebook stem.

    Parameters
    ----------
    root : str or pathlib.Path, optional
        Project folder; default: found from the working directory. Without one (the
        package installed on its own), or for a bank whose notebook is missing, the title
        is made from the stem (``"calf raise study"``).

    Returns
    -------
    dict of str to str
    """
    from anatomy_helpers.selfcheck import question_bank_names
    from anatomy_helpers.tools.project import notebook_header, project_root, read_notebook

    titles = {name: name[3:].replace("_", " ") for name in question_bank_names()}
    try:
        folder = project_root(root) / "notebooks"
    except FileNotFoundError:
        return titles
    for name in titles:
        path = folder / f"{name}.ipynb"
        if path.is_file():
            titles[name] = notebook_header(read_notebook(path), name, strict=False).title
    return titles


def _category_name(stem: str, title: str) -> str:
    # Moodle reads "/" as a level separator; a literal slash in a name is written "//".
    return f"{stem[:2]} {title}".replace("/", "//")


def _question_name(question: Question) -> str:
    prompt = " ".join(question.prompt.split())
    if len(prompt) > 70:
        prompt = prompt[:70].rsplit(" ", 1)[0] + " …"
    return f"{question.question_id} {prompt}"


# ----------------------------------------------------------------------------------------
# Moodle XML
# ----------------------------------------------------------------------------------------


def _cdata(text: str) -> str:
    """Wrap HTML in CDATA as Moodle's exporter does, splitting any ``]]>``."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, depth: int, text: str) -> None:
        self.lines.append("  " * depth + text)

    def text_element(self, depth: int, tag: str, text: str, *, fmt: str | None = None) -> None:
        """``<tag format="..."><text>...</text></tag>``; HTML goes in CDATA."""
        attr = f" format={quoteattr(fmt)}" if fmt else ""
        body = _cdata(text) if fmt == "html" and text else escape(text)
        self.add(depth, f"<{tag}{attr}><text>{body}</text></{tag}>")


def _moodle_question(out: _Lines, q: Question) -> None:
    qtype = "numerical" if q.kind == "numeric" else "multichoice"
    out.add(1, f'<question type="{qtype}">')
    out.text_element(2, "name", _question_name(q))
    out.text_element(2, "questiontext", _html_paragraph(q.prompt), fmt="html")
    out.text_element(2, "generalfeedback", general_feedback_html(q), fmt="html")
    out.add(2, "<defaultgrade>1</defaultgrade>")
    out.add(2, "<penalty>0.3333333</penalty>")
    out.add(2, "<hidden>0</hidden>")
    out.add(2, f"<idnumber>{escape(q.question_id)}</idnumber>")
    if q.kind == "numeric":
        for low, high, feedback, correct in numeric_bands(q):
            centre, half = (low + high) / 2, (high - low) / 2
            out.add(2, f'<answer fraction="{100 if correct else 0}" format="plain_text">')
            out.add(3, f"<text>{_number(centre)}</text>")
            out.add(3, f"<tolerance>{_number(half)}</tolerance>")
            out.text_element(3, "feedback", _html_paragraph(feedback), fmt="html")
            out.add(2, "</answer>")
        out.add(2, '<answer fraction="0" format="plain_text">')
        out.add(3, "<text>*</text>")
        out.add(3, "<tolerance>0</tolerance>")
        out.text_element(3, "feedback", _html_paragraph(out_of_bounds_feedback(q)), fmt="html")
        out.add(2, "</answer>")
        if q.unit:
            # Units optional (Moodle's "unitrole" UNITOPTIONAL): "12.4" and "12.4 %" both count.
            out.add(2, "<units>")
            out.add(3, "<unit>")
            out.add(4, "<multiplier>1</multiplier>")
            out.add(4, f"<unit_name>{escape(q.unit)}</unit_name>")
            out.add(3, "</unit>")
            out.add(2, "</units>")
            out.add(2, "<unitgradingtype>0</unitgradingtype>")
            out.add(2, "<unitpenalty>0.1000000</unitpenalty>")
            out.add(2, "<showunits>0</showunits>")
            out.add(2, "<unitsleft>0</unitsleft>")
        else:
            out.add(2, "<unitgradingtype>0</unitgradingtype>")
            out.add(2, "<showunits>3</showunits>")
    else:
        out.add(2, f"<single>{'true' if q.kind == 'single' else 'false'}</single>")
        out.add(2, "<shuffleanswers>true</shuffleanswers>")
        out.add(2, "<answernumbering>abc</answernumbering>")
        out.add(2, "<showstandardinstruction>1</showstandardinstruction>")
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            out.text_element(2, tag, "", fmt="html")
        if q.kind == "multiple":
            out.add(2, "<shownumcorrect/>")
        for option, weight in zip(q.options, choice_weights_pct(q), strict=True):
            out.add(2, f'<answer fraction="{_moodle_fraction(weight)}" format="html">')
            out.add(3, f"<text>{_cdata(html.escape(option.text, quote=False))}</text>")
            out.text_element(3, "feedback", _html_paragraph(option.feedback), fmt="html")
            out.add(2, "</answer>")
    out.add(1, "</question>")


def moodle_xml(
    banks: Mapping[str, Sequence[Question]], titles: Mapping[str, str] | None = None
) -> str:
    """Every question as one Moodle XML document, one category per notebook.

    Parameters
    ----------
    banks : mapping of str to sequence of Question
        Notebook stem to its questions, as
        :func:`~anatomy_helpers.selfcheck.load_all_question_banks` returns them.
    titles : mapping of str to str, optional
        Notebook stem to title (default: :func:`bank_titles`).

    Returns
    -------
    str
        The document; the XML declaration is its first line, as Moodle requires.
    """
    titles = bank_titles() if titles is None else titles
    out = _Lines()
    out.lines.append('<?xml version="1.0" encoding="UTF-8"?>')
    out.lines.append("<quiz>")
    for stem in sorted(banks):
        path = f"$course$/{COURSE_CATEGORY}/{_category_name(stem, titles.get(stem, stem))}"
        out.add(1, f"<!-- {stem}: {len(banks[stem])} questions -->")
        out.add(1, '<question type="category">')
        out.text_element(2, "category", path)
        out.text_element(2, "info", _html_paragraph(f"Self-check questions of {stem}."), fmt="html")
        out.add(1, "</question>")
        for q in banks[stem]:
            _moodle_question(out, q)
    out.lines.append("</quiz>")
    return "\n".join(out.lines) + "\n"


# ----------------------------------------------------------------------------------------
# IMS QTI 1.2 (Canvas dialect) in an IMS content package
# ----------------------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _material(parent: ET.Element, text: str, texttype: str) -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype=texttype)


def _feedback(item: ET.Element, ident: str, html_text: str) -> None:
    flow = _sub(_sub(item, "itemfeedback", ident=ident), "flow_mat")
    _material(flow, html_text, "text/html")


def _display(cond: ET.Element, ident: str) -> None:
    _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=ident)


def _option_ident(question: Question, index: int) -> str:
    return (
        f"{question.question_id}-{chr(ord('a') + index)}"
        if index < 26
        else (f"{question.question_id}-{index + 1}")
    )


def _qti_metadata(item: ET.Element, q: Question, idents: list[str]) -> None:
    """Canvas's item metadata: question type, points and the option idents."""
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    qtype = {
        "single": "multiple_choice_question",
        "multiple": "multiple_answers_question",
        "numeric": "numerical_question",
    }[q.kind]
    fields = [("question_type", qtype), ("points_possible", "1.0")]
    if idents:
        fields.append(("original_answer_ids", ",".join(idents)))
    for label, entry in fields:
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _qti_presentation(item: ET.Element, q: Question, idents: list[str]) -> None:
    """The prompt and the response: a decimal box, or the options to choose from."""
    presentation = _sub(item, "presentation")
    _material(presentation, _html_paragraph(q.prompt), "text/html")
    if q.kind == "numeric":
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
    else:
        cardinality = "Single" if q.kind == "single" else "Multiple"
        response = _sub(presentation, "response_lid", ident="response1", rcardinality=cardinality)
        choices = _sub(response, "render_choice", shuffle="Yes")
        for ident, option in zip(idents, q.options, strict=True):
            _material(_sub(choices, "response_label", ident=ident), option.text, "text/plain")


def _qti_numeric_conditions(proc: ET.Element, q: Question) -> list[tuple[str, str]]:
    """Score the correct band; show the correct, too-low or too-high feedback."""
    feedbacks = []
    (low, high, yes, _), *others = numeric_bands(q)
    cond = _sub(proc, "respcondition", **{"continue": "No"})
    either = _sub(_sub(cond, "conditionvar"), "or")
    _sub(either, "varequal", _number(q.answer), respident="response1")
    both = _sub(either, "and")
    _sub(both, "vargte", _number(low), respident="response1")
    _sub(both, "varlte", _number(high), respident="response1")
    _sub(cond, "setvar", "100", action="Set", varname="SCORE")
    _display(cond, "correct_fb")
    feedbacks.append(("correct_fb", _html_paragraph(yes)))
    for _band_low, band_high, text, _ in others:
        name = "low_fb" if band_high <= low else "high_fb"
        cond = _sub(proc, "respcondition", **{"continue": "No"})
        var = _sub(cond, "conditionvar")
        if name == "low_fb":
            _sub(var, "varlt", _number(low), respident="response1")
        else:
            _sub(var, "vargt", _number(high), respident="response1")
        _display(cond, name)
        feedbacks.append((name, _html_paragraph(text)))
    return feedbacks


def _qti_choice_conditions(
    proc: ET.Element, q: Question, idents: list[str]
) -> list[tuple[str, str]]:
    """Show each chosen option's feedback; score the correct option (or exact set)."""
    feedbacks = []
    for ident, option in zip(idents, q.options, strict=True):
        cond = _sub(proc, "respcondition", **{"continue": "Yes"})
        _sub(_sub(cond, "conditionvar"), "varequal", ident, respident="response1")
        _display(cond, f"{ident}_fb")
        feedbacks.append((f"{ident}_fb", _html_paragraph(option.feedback)))
    cond = _sub(proc, "respcondition", **{"continue": "No"})
    var = _sub(cond, "conditionvar")
    if q.kind == "single":
        correct = idents[min(q.correct_indices)]
        _sub(var, "varequal", correct, respident="response1")
    else:
        every = _sub(var, "and")
        for ident, option in zip(idents, q.options, strict=True):
            target = every if option.correct else _sub(every, "not")
            _sub(target, "varequal", ident, respident="response1")
    _sub(cond, "setvar", "100", action="Set", varname="SCORE")
    return feedbacks


def _qti_item(section: ET.Element, q: Question) -> None:
    item = _sub(section, "item", ident=f"q-{q.question_id}", title=q.question_id)
    idents = [_option_ident(q, i) for i in range(len(q.options))]
    _qti_metadata(item, q, idents)
    _qti_presentation(item, q, idents)
    proc = _sub(item, "resprocessing")
    _sub(
        _sub(proc, "outcomes"),
        "decvar",
        maxvalue="100",
        minvalue="0",
        varname="SCORE",
        vartype="Decimal",
    )
    always = _sub(proc, "respcondition", **{"continue": "Yes"})
    _sub(_sub(always, "conditionvar"), "other")
    _display(always, "general_fb")
    feedbacks = [("general_fb", general_feedback_html(q))]
    if q.kind == "numeric":
        feedbacks += _qti_numeric_conditions(proc, q)
    else:
        feedbacks += _qti_choice_conditions(proc, q, idents)
    for ident, text in feedbacks:
        _feedback(item, ident, text)


def _assessment_ident(stem: str) -> str:
    return f"sciatica_{stem}"


def _xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _qti_assessment(stem: str, title: str, questions: Sequence[Question]) -> bytes:
    root = ET.Element(
        "questestinterop",
        {
            "xmlns": QTI_NAMESPACE,
            "xmlns:xsi": _XSI,
            "xsi:schemaLocation": f"{QTI_NAMESPACE} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd",
        },
    )
    assessment = _sub(
        root, "assessment", ident=_assessment_ident(stem), title=f"{stem[:2]} {title}"
    )
    field = _sub(_sub(assessment, "qtimetadata"), "qtimetadatafield")
    _sub(field, "fieldlabel", "cc_maxattempts")
    _sub(field, "fieldentry", "unlimited")
    section = _sub(assessment, "section", ident="root_section")
    for q in questions:
        _qti_item(section, q)
    return _xml_bytes(root)


def _qti_manifest(files: Mapping[str, str]) -> bytes:
    root = ET.Element(
        "manifest",
        {
            "identifier": "sciatica_notebooks_questions",
            "xmlns": _CP_NAMESPACE,
            "xmlns:xsi": _XSI,
            "xsi:schemaLocation": f"{_CP_NAMESPACE} http://www.imsglobal.org/xsd/imscp_v1p1.xsd",
        },
    )
    meta = _sub(root, "metadata")
    _sub(meta, "schema", "IMS Content")
    _sub(meta, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for ident, href in files.items():
        resource = _sub(resources, "resource", identifier=ident, type="imsqti_xmlv1p2", href=href)
        _sub(resource, "file", href=href)
    return _xml_bytes(root)


def qti_package(
    banks: Mapping[str, Sequence[Question]], titles: Mapping[str, str] | None = None
) -> bytes:
    """Every question as an IMS content package with one QTI 1.2 assessment per notebook.

    Parameters
    ----------
    banks : mapping of str to sequence of Question
        Notebook stem to its questions.
    titles : mapping of str to str, optional
        Notebook stem to title (default: :func:`bank_titles`).

    Returns
    -------
    bytes
        A zip: ``imsmanifest.xml`` first, then ``<ident>/<ident>.xml`` per notebook.
    """
    titles = bank_titles() if titles is None else titles
    entries: dict[str, bytes] = {}
    files: dict[str, str] = {}
    for stem in sorted(banks):
        ident = _assessment_ident(stem)
        href = f"{ident}/{ident}.xml"
        files[ident] = href
        entries[href] = _qti_assessment(stem, titles.get(stem, stem), banks[stem])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in {"imsmanifest.xml": _qti_manifest(files), **entries}.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


# ----------------------------------------------------------------------------------------
# Writing and the command line
# ----------------------------------------------------------------------------------------


def export_questions(
    fmt: str,
    out_dir: str | Path,
    *,
    banks: Mapping[str, Sequence[Question]] | None = None,
    titles: Mapping[str, str] | None = None,
) -> Path:
    """Write every question in one LMS format into ``out_dir``.

    Parameters
    ----------
    fmt : {"moodle", "qti"}
        Output format.
    out_dir : str or pathlib.Path
        Folder (created if missing).
    banks : mapping, optional
        Notebook stem to questions (default: every packaged bank).
    titles : mapping, optional
        Notebook stem to title (default: :func:`bank_titles`).

    Returns
    -------
    pathlib.Path
        The file written: ``OUTPUT_NAMES[fmt]`` in ``out_dir``.

    Raises
    ------
    ValueError
        If ``fmt`` is not one of :data:`FORMATS`, or a bank cannot be expressed (see
        :func:`choice_weights_pct`).
    """
    if fmt not in FORMATS:
        msg = f"fmt must be one of {', '.join(FORMATS)}; got {fmt!r}"
        raise ValueError(msg)
    banks = load_all_question_banks() if banks is None else banks
    titles = bank_titles() if titles is None else titles
    if fmt == "moodle":
        data = moodle_xml(banks, titles).encode("utf-8")
    else:
        data = qti_package(banks, titles)
    return write_bytes_atomic(Path(out_dir) / OUTPUT_NAMES[fmt], data)


def main_questions(argv: Sequence[str]) -> int:
    """``python -m anatomy_helpers questions export --format moodle|qti --out DIR``.

    Parameters
    ----------
    argv : sequence of str
        Arguments after ``questions``.

    Returns
    -------
    int
        0 on success, 1 if a bank cannot be exported; bad arguments exit with status 2
        and a usage message (argparse).
    """
    parser = argparse.ArgumentParser(
        prog="python -m anatomy_helpers questions",
        description="Export every self-check question for a learning management system: "
        "Moodle XML (one category per notebook) or an IMS QTI 1.2 package (Canvas, "
        "Blackboard). Per-option feedback, explanations with citations, numeric "
        "tolerances and select-all scoring are kept.",
    )
    sub = parser.add_subparsers(dest="action", required=True)
    export = sub.add_parser("export", help="write the questions in one format")
    export.add_argument("--format", required=True, choices=FORMATS, help="moodle or qti")
    export.add_argument("--out", required=True, help="output folder (created if missing)")
    export.add_argument("--root", default=None, help="project folder (default: found from cwd)")
    args = parser.parse_args(list(argv))
    try:
        banks = load_all_question_banks()
        path = export_questions(args.format, args.out, banks=banks, titles=bank_titles(args.root))
    except ValueError as exc:
        print(f"questions export: {exc}", file=sys.stderr)
        return 1
    n_questions = sum(len(qs) for qs in banks.values())
    print(f"wrote {path} ({n_questions} questions from {len(banks)} notebooks)")
    return 0
