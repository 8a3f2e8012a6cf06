"""LMS export of the self-check questions: Moodle XML and the IMS QTI 1.2 package.

Both outputs are parsed back here with the standard library, independently of the writer,
and compared with the banks question by question. Grading is checked by *behaviour*: a small
model of Moodle's rules (fractions summed and clamped to 0-100 %, the first numerical answer
whose range holds the number) and a small interpreter of QTI 1.2 response processing score
every possible response, and the result must agree with
:func:`anatomy_helpers.selfcheck.check_answer`, the notebooks' own marking.
"""

from __future__ import annotations

import dataclasses
import html
import io
import itertools
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from anatomy_helpers.references import cite, format_reference
from anatomy_helpers.selfcheck import Option, Question, check_answer, load_all_question_banks
from anatomy_helpers.tools import cli
from anatomy_helpers.tools import questions as qx

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"

# Moodle's grade fractions, copied from question_bank::ensure_fraction_options_initialised
# (lib/questionlib.php): an oracle independent of the exporter's own list.
_MOODLE_RAW = (
    0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25,
    0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05,
)  # fmt: skip
MOODLE_FRACTIONS = (0.0, 1.0, -1.0, *_MOODLE_RAW, *(-f for f in _MOODLE_RAW))


@pytest.fixture(scope="module")
def banks():
    return load_all_question_banks()


@pytest.fixture(scope="module")
def titles():
    return qx.bank_titles()


@pytest.fixture(scope="module")
def moodle_text(banks, titles):
    return qx.moodle_xml(banks, titles)


@pytest.fixture(scope="module")
def qti_bytes(banks, titles):
    return qx.qti_package(banks, titles)


# ---------------------------------------------------------------------------------------
# Reading HTML fields back as plain text
# ---------------------------------------------------------------------------------------


def _plain(fragment: str | None) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment or ""))


def _paragraphs(fragment: str | None) -> list[str]:
    return [_plain(p) for p in re.findall(r"<p>(.*?)</p>", fragment or "", flags=re.S)]


def _check_general_feedback(fragment: str, q: Question) -> None:
    paragraphs = _paragraphs(fragment)
    assert len(paragraphs) == 2, q.question_id
    assert paragraphs[0] == q.explanation, q.question_id
    assert paragraphs[1].startswith(f"Source: {cite(q.source_id)}. "), q.question_id
    assert format_reference(q.source_id) in paragraphs[1], q.question_id


def _sample_numbers(q: Question) -> list[float]:
    a, t, lo, hi = q.answer, q.tolerance, q.min_value, q.max_value
    points = [a, a - t, a + t, a - 1.05 * t, a + 1.05 * t, lo, hi, (lo + a) / 2, (a + hi) / 2]
    # As a learner types them: no float noise such as 15.399999999999999.
    return sorted({round(p, 9) for p in points if lo <= p <= hi})


def _subsets(n: int):
    for k in range(n + 1):
        yield from itertools.combinations(range(n), k)


# ---------------------------------------------------------------------------------------
# Moodle: parse, model the grading, compare
# ---------------------------------------------------------------------------------------


def parse_moodle(text: str) -> list[dict]:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "quiz"
    records, category = [], None
    for el in root.findall("question"):
        if el.get("type") == "category":
            category = el.findtext("category/text")
            continue
        answers = [
            {
                "fraction": float(a.get("fraction")),
                "text": a.findtext("text"),
                "tolerance": a.findtext("tolerance"),
                "feedback": _plain(a.findtext("feedback/text")),
            }
            for a in el.findall("answer")
        ]
        records.append(
            {
                "category": category,
                "type": el.get("type"),
                "id": el.findtext("idnumber"),
                "name": el.findtext("name/text"),
                "prompt": _paragraphs(el.findtext("questiontext/text")),
                "general": el.findtext("generalfeedback/text"),
                "single": el.findtext("single"),
                "answers": answers,
                "unit": el.findtext("units/unit/unit_name"),
                "showunits": el.findtext("showunits"),
            }
        )
    return records


def moodle_numeric_match(answers: list[dict], value: float) -> dict:
    """Moodle's rule: the first answer whose centre ± tolerance holds the value ('*' any)."""
    for a in answers:
        if a["text"] == "*":
            return a
        if abs(value - float(a["text"])) <= float(a["tolerance"]) + 1e-9:
            return a
    raise AssertionError(f"no answer matches {value}")


def check_moodle_question(rec: dict, q: Question, category: str) -> None:
    assert rec["id"] == q.question_id
    assert rec["category"] == category, q.question_id
    assert rec["name"].startswith(q.question_id)
    assert rec["prompt"] == [q.prompt], q.question_id
    _check_general_feedback(rec["general"], q)
    answers = rec["answers"]
    if q.kind == "numeric":
        assert rec["type"] == "numerical"
        correct = [a for a in answers if a["fraction"] == 100]
        assert len(correct) == 1 and answers[0] is correct[0], q.question_id
        assert float(correct[0]["text"]) == pytest.approx(q.answer)
        assert float(correct[0]["tolerance"]) == pytest.approx(q.tolerance)
        assert rec["unit"] == (q.unit or None), q.question_id
        assert rec["showunits"] == ("0" if q.unit else "3")
        for value in _sample_numbers(q):
            expected = check_answer(q, value)
            got = moodle_numeric_match(answers, value)
            assert (got["fraction"] == 100) == expected.correct, (q.question_id, value)
            assert got["feedback"] == expected.messages[0], (q.question_id, value)
        for outside in (q.min_value - 1, q.max_value + 1):
            got = moodle_numeric_match(answers, outside)
            assert got["fraction"] == 0 and got["text"] == "*", q.question_id
        return
    assert rec["type"] == "multichoice"
    assert rec["single"] == ("true" if q.kind == "single" else "false"), q.question_id
    assert [_plain(a["text"]) for a in answers] == [o.text for o in q.options], q.question_id
    assert [a["feedback"] for a in answers] == [o.feedback for o in q.options], q.question_id
    fractions = [a["fraction"] / 100 for a in answers]
    for f in fractions:
        assert min(abs(f - m) for m in MOODLE_FRACTIONS) < 1e-5, (q.question_id, f)
    assert [f > 0 for f in fractions] == [o.correct for o in q.options], q.question_id
    if q.kind == "single":
        assert sorted(fractions) == [0.0] * (len(fractions) - 1) + [1.0], q.question_id
        return
    assert sum(f for f in fractions if f > 0) == pytest.approx(1.0, abs=1e-5), q.question_id
    for chosen in _subsets(len(q.options)):
        grade = min(max(sum(fractions[i] for i in chosen), 0.0), 1.0)
        expected = check_answer(q, list(chosen)).correct
        assert (grade > 1 - 1e-4) == expected, (q.question_id, chosen)
    every = min(max(sum(fractions), 0.0), 1.0)
    assert every == pytest.approx(0.0, abs=1e-6), f"{q.question_id}: ticking every box scores"


def compare_moodle(text: str, banks, titles) -> None:
    records = parse_moodle(text)
    expected = [(stem, q) for stem in sorted(banks) for q in banks[stem]]
    assert len(records) == len(expected)
    for rec, (stem, q) in zip(records, expected, strict=True):
        category = f"$course$/Sciatica notebooks/{stem[:2]} {titles[stem]}"
        check_moodle_question(rec, q, category)


# ---------------------------------------------------------------------------------------
# QTI: parse the package, interpret response processing, compare
# ---------------------------------------------------------------------------------------


def _holds(el: ET.Element, response) -> bool:
    tag = el.tag.removeprefix(QTI)
    if tag == "other":
        return True
    if tag == "and":
        return all(_holds(c, response) for c in el)
    if tag == "or":
        return any(_holds(c, response) for c in el)
    if tag == "not":
        (child,) = list(el)
        return not _holds(child, response)
    assert el.get("respident") == "response1"
    if tag == "varequal":
        if isinstance(response, float):
            return response == float(el.text)
        return el.text in response
    bound = float(el.text)
    compare = {
        "vargte": response >= bound,
        "varlte": response <= bound,
        "vargt": response > bound,
        "varlt": response < bound,
    }
    assert tag in compare, tag
    return compare[tag]


def qti_evaluate(item: ET.Element, response) -> tuple[float, list[str]]:
    """QTI 1.2 response processing: conditions in order, stop after a match with continue=No."""
    score, shown = 0.0, []
    decvar = item.find(f"{QTI}resprocessing/{QTI}outcomes/{QTI}decvar")
    low, high = float(decvar.get("minvalue")), float(decvar.get("maxvalue"))
    for cond in item.findall(f"{QTI}resprocessing/{QTI}respcondition"):
        if not all(_holds(c, response) for c in cond.find(f"{QTI}conditionvar")):
            continue
        for setvar in cond.findall(f"{QTI}setvar"):
            assert setvar.get("varname") == "SCORE"
            value = float(setvar.text)
            score = value if setvar.get("action") == "Set" else score + value
        shown += [d.get("linkrefid") for d in cond.findall(f"{QTI}displayfeedback")]
        if cond.get("continue", "No") == "No":
            break
    return min(max(score, low), high), shown


def parse_qti(data: bytes) -> dict[str, ET.Element]:
    """Assessments by notebook stem, after checking the package structure."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert names[0] == "imsmanifest.xml"
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.tag == f"{CP}manifest"
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    hrefs = [r.find(f"{CP}file").get("href") for r in resources]
    assert sorted(hrefs) == sorted(names[1:]), "manifest and zip list different files"
    assert all(r.get("type") == "imsqti_xmlv1p2" and r.get("href") in hrefs for r in resources)
    assert len({r.get("identifier") for r in resources}) == len(resources)
    out = {}
    for href in hrefs:
        root = ET.fromstring(archive.read(href))
        assert root.tag == f"{QTI}questestinterop"
        (assessment,) = root.findall(f"{QTI}assessment")
        out[assessment.get("ident").removeprefix("sciatica_")] = assessment
    return out


def check_qti_item(item: ET.Element, q: Question) -> None:
    assert item.get("title") == q.question_id
    meta = {
        f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
        for f in item.iter(f"{QTI}qtimetadatafield")
    }
    assert (
        meta["question_type"]
        == {
            "single": "multiple_choice_question",
            "multiple": "multiple_answers_question",
            "numeric": "numerical_question",
        }[q.kind]
    )
    prompt = item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext")
    assert _paragraphs(prompt) == [q.prompt], q.question_id
    feedback = {
        fb.get("ident"): fb.findtext(f"{QTI}flow_mat/{QTI}material/{QTI}mattext")
        for fb in item.findall(f"{QTI}itemfeedback")
    }
    _check_general_feedback(feedback["general_fb"], q)
    assert item.find(f".//{QTI}setvar") is not None, f"{q.question_id} never scores"

    def shown_text(ids):
        assert ids[0] == "general_fb", "general feedback must show for every response"
        return [_plain(feedback[i]) for i in ids[1:]]

    if q.kind == "numeric":
        assert item.find(f".//{QTI}render_fib").get("fibtype") == "Decimal"
        for value in _sample_numbers(q):
            expected = check_answer(q, value)
            score, ids = qti_evaluate(item, float(value))
            assert (score == 100) == expected.correct, (q.question_id, value)
            assert shown_text(ids) == [expected.messages[0]], (q.question_id, value)
        return
    lid = item.find(f".//{QTI}response_lid")
    assert lid.get("rcardinality") == ("Single" if q.kind == "single" else "Multiple")
    labels = lid.findall(f".//{QTI}response_label")
    idents = [lab.get("ident") for lab in labels]
    assert [lab.findtext(f".//{QTI}mattext") for lab in labels] == [o.text for o in q.options]
    responses = (
        [(i,) for i in range(len(q.options))]
        if q.kind == "single"
        else list(_subsets(len(q.options)))
    )
    for chosen in responses:
        expected = check_answer(q, chosen[0] if q.kind == "single" else list(chosen))
        score, ids = qti_evaluate(item, {idents[i] for i in chosen})
        assert (score == 100) == expected.correct, (q.question_id, chosen)
        assert score in (0, 100), "QTI scores the notebook's rule: exactly the right set"
        assert shown_text(ids) == [q.options[i].feedback for i in chosen], q.question_id


def compare_qti(data: bytes, banks, titles) -> None:
    assessments = parse_qti(data)
    assert sorted(assessments) == sorted(banks)
    for stem, assessment in assessments.items():
        assert assessment.get("title") == f"{stem[:2]} {titles[stem]}"
        items = assessment.findall(f"{QTI}section/{QTI}item")
        assert [i.get("title") for i in items] == [q.question_id for q in banks[stem]]
        for item, q in zip(items, banks[stem], strict=True):
            check_qti_item(item, q)


# ---------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------


def test_moodle_export_round_trips_every_question(banks, titles, moodle_text):
    compare_moodle(moodle_text, banks, titles)
    assert moodle_text.count('<question type="category">') == len(banks)
    assert sum(len(qs) for qs in banks.values()) == len(parse_moodle(moodle_text))


def test_moodle_html_fields_are_cdata(moodle_text):
    # Moodle's docs: embedded HTML goes in CDATA sections.
    for body in re.findall(r'format="html"><text>(.*?)</text>', moodle_text):
        assert body == "" or (body.startswith("<![CDATA[") and body.endswith("]]>"))


def test_qti_package_round_trips_every_question(banks, titles, qti_bytes):
    compare_qti(qti_bytes, banks, titles)


def _mutations(banks):
    """A changed copy of the banks per field the comparison must notice."""

    def replace_first(kind, change):
        for stem in sorted(banks):
            for i, q in enumerate(banks[stem]):
                if q.kind == kind:
                    changed = dict(banks)
                    changed[stem] = (*banks[stem][:i], change(q), *banks[stem][i + 1 :])
                    return changed
        raise AssertionError(kind)

    def reword_feedback(q):
        first = dataclasses.replace(q.options[0], feedback=q.options[0].feedback + " (edited)")
        return dataclasses.replace(q, options=(first, *q.options[1:]))

    def move_correct(q):
        flags = [o.correct for o in q.options]
        flags = flags[1:] + flags[:1]
        return dataclasses.replace(
            q,
            options=tuple(
                dataclasses.replace(o, correct=c) for o, c in zip(q.options, flags, strict=True)
            ),
        )

    return {
        "option feedback": replace_first("single", reword_feedback),
        "which options are correct": replace_first("multiple", move_correct),
        "tolerance": replace_first(
            "numeric", lambda q: dataclasses.replace(q, tolerance=q.tolerance * 2)
        ),
        "explanation": replace_first(
            "single", lambda q: dataclasses.replace(q, explanation="Other.")
        ),
        "source": replace_first(
            "numeric",
            lambda q: dataclasses.replace(
                q, source_id="smoll2010" if q.source_id != "smoll2010" else "kinoshita2023"
            ),
        ),
    }


@pytest.mark.parametrize(
    "field", ["option feedback", "which options are correct", "tolerance", "explanation", "source"]
)
def test_comparison_fails_when_a_bank_differs_from_the_export(
    banks, titles, moodle_text, qti_bytes, field
):
    mutated = _mutations(banks)[field]
    with pytest.raises(AssertionError):
        compare_moodle(moodle_text, mutated, titles)
    with pytest.raises(AssertionError):
        compare_qti(qti_bytes, mutated, titles)
    # ... and the export of the changed banks matches the changed banks.
    compare_moodle(qx.moodle_xml(mutated, titles), mutated, titles)
    compare_qti(qx.qti_package(mutated, titles), mutated, titles)


def test_select_all_weights_reward_the_right_set_and_not_guessing():
    q = Question(
        question_id="t-multi",
        notebook="t",
        kind="multiple",
        prompt="Pick",
        explanation="Because.",
        source_id="smoll2010",
        options=(
            Option("a", True, "fa"),
            Option("b", True, "fb"),
            Option("c", True, "fc"),
            Option("d", False, "fd"),
        ),
    )
    weights = qx.choice_weights_pct(q)
    assert weights == pytest.approx((100 / 3, 100 / 3, 100 / 3, -100))
    assert "33.33333" in qx.moodle_xml({"99_test": (q,)}, {"99_test": "Test"})
    too_many = dataclasses.replace(q, options=tuple(Option(str(i), i < 11, "f") for i in range(12)))
    with pytest.raises(ValueError, match="Moodle grade fraction"):
        qx.choice_weights_pct(too_many)
    with pytest.raises(TypeError, match="question must be a Question"):
        qx.choice_weights_pct("t-multi")


def test_export_is_deterministic_and_atomic(tmp_path, banks, titles):
    for fmt in qx.FORMATS:
        first = qx.export_questions(fmt, tmp_path / "a", banks=banks, titles=titles)
        second = qx.export_questions(fmt, tmp_path / "b", banks=banks, titles=titles)
        assert first.name == second.name == qx.OUTPUT_NAMES[fmt]
        assert first.read_bytes() == second.read_bytes()
        assert [p.name for p in (tmp_path / "a").iterdir() if p.name.startswith(".")] == []
    archive = zipfile.ZipFile(tmp_path / "a" / qx.OUTPUT_NAMES["qti"])
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    text = (tmp_path / "a" / qx.OUTPUT_NAMES["moodle"]).read_text("utf-8")
    assert "°" in text or "×" in text  # UTF-8, not escaped to ASCII


def test_bank_titles_come_from_the_notebooks_or_the_stem(tmp_path, titles):
    assert titles["05_calf_raise_study"].startswith("Standing or seated calf raises?")
    assert qx.bank_titles(tmp_path)["05_calf_raise_study"] == "calf raise study"


def test_cli_writes_both_files_and_returns_0(tmp_path, capsys):
    for fmt in ("moodle", "qti"):
        assert cli.main(["questions", "export", "--format", fmt, "--out", str(tmp_path)]) == 0
        assert f"wrote {tmp_path / qx.OUTPUT_NAMES[fmt]}" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(qx.OUTPUT_NAMES.values())


def test_bad_format_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["questions", "export", "--format", "gift", "--out", str(tmp_path)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "--format" in err and "'moodle', 'qti'" in err
    with pytest.raises(ValueError, match="fmt must be one of moodle, qti"):
        qx.export_questions("gift", tmp_path)
    assert list(tmp_path.iterdir()) == []
