"""The CPD record: the session's results store, the cited fields, the page and the form."""

from __future__ import annotations

import datetime as dt
import re

import ipywidgets.widgets.widget as widget_module
import pytest
from bs4 import BeautifulSoup

from anatomy_helpers.cpd import (
    MAX_MINUTES,
    CpdRecord,
    cpd_source_ids,
    load_cpd_activity_types,
    load_cpd_fields,
    make_cpd_record,
    reflection_fields,
)
from anatomy_helpers.documents.cpd_record import (
    QUESTION_CHARS,
    cpd_record_file_stem,
    cpd_record_html,
    cpd_record_pdf,
)
from anatomy_helpers.documents.pdf import pdf_renderer
from anatomy_helpers.references import get_source
from anatomy_helpers.selfcheck import (
    QuizResults,
    check_answer,
    load_question_bank,
    session_results,
)
from anatomy_helpers.selfcheck import session as selfcheck_session
from anatomy_helpers.widgets.cpd_record import cpd_record
from anatomy_helpers.widgets.quiz import self_check

STEM = "03_slump_test"
BANK = load_question_bank(STEM)
DAY = dt.date(2026, 3, 14)


@pytest.fixture(autouse=True)
def fresh_session():
    """Each test starts with empty session results (they live in the kernel's memory)."""
    selfcheck_session._SESSION.clear()
    yield
    selfcheck_session._SESSION.clear()


def _right(q):
    if q.kind == "numeric":
        return q.answer
    right = sorted(q.correct_indices)
    return right[0] if q.kind == "single" else right


def _wrong(q):
    if q.kind == "numeric":
        return q.answer + 2 * q.tolerance + 1
    wrong = next(i for i in range(len(q.options)) if i not in q.correct_indices)
    return wrong if q.kind == "single" else [wrong]


def _record(**changes) -> CpdRecord:
    args = {
        "title": "The slump test",
        "objectives": ["Perform the slump test", "Interpret it"],
        "minutes_spent": 35,
        "activity_type": "self_directed",
        "reflections": {"learning": "Neck release separates neural from muscle pain."},
        "day": DAY,
    }
    args.update(changes)
    return make_cpd_record(STEM, **args)


# -- the results store -----------------------------------------------------------------------
def test_results_count_attempts_first_try_and_latest_answer():
    results = QuizResults(STEM)
    first, second = BANK[0], BANK[1]
    results.record(first, check_answer(first, _wrong(first)))
    results.record(first, check_answer(first, _right(first)))
    results.record(second, check_answer(second, _right(second)))
    rows = {r.question_id: r for r in results.question_results(BANK)}
    assert (rows[first.question_id].attempts, rows[first.question_id].correct) == (2, True)
    assert rows[first.question_id].first_try_correct is False
    assert rows[first.question_id].summary == "correct after 2 attempts"
    assert rows[second.question_id].summary == "correct at the first try"
    assert rows[BANK[2].question_id].summary == "not attempted"
    results.record(second, check_answer(second, _wrong(second)))
    assert rows[second.question_id].summary == "correct at the first try", "rows are snapshots"
    again = {r.question_id: r for r in results.question_results(BANK)}
    assert again[second.question_id].summary == "not yet correct (2 attempts)"
    score = results.score(BANK)
    assert (score.n_questions, score.n_answered, score.n_correct) == (len(BANK), 2, 1)
    results.clear()
    assert results.score(BANK).n_answered == 0


def test_results_refuse_answers_that_do_not_belong():
    results = QuizResults(STEM)
    q, other = BANK[0], load_question_bank("00_start_here")[0]
    with pytest.raises(ValueError, match="feedback is for"):
        results.record(q, check_answer(BANK[1], _right(BANK[1])))
    with pytest.raises(ValueError, match="belongs to '00_start_here'"):
        results.record(other, check_answer(other, _right(other)))
    with pytest.raises(TypeError, match="AnswerFeedback"):
        results.record(q, "right")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="notebook stem"):
        QuizResults("")
    with pytest.raises(TypeError, match="sequence of Question"):
        results.question_results("03-neck-release")  # type: ignore[arg-type]


def test_watchers_hear_of_each_answer_until_unwatched():
    results, heard = QuizResults(STEM), []

    def listen():
        heard.append(1)

    results.watch(listen)
    results.record(BANK[0], check_answer(BANK[0], _right(BANK[0])))
    results.unwatch(listen)
    results.record(BANK[0], check_answer(BANK[0], _right(BANK[0])))
    assert heard == [1]
    with pytest.raises(TypeError, match="callable"):
        results.watch("no")  # type: ignore[arg-type]


def test_the_live_quiz_reports_to_the_session_store():
    assert session_results(STEM) is session_results(STEM)
    quiz = self_check(STEM, [BANK[0].question_id, BANK[1].question_id])
    try:
        card = quiz.card(BANK[0].question_id)
        card.input.value = _right(BANK[0])
        card.check_button.click()
        card.check_button.click()
        empty = quiz.card(BANK[1].question_id)
        empty.check_button.click()  # nothing chosen: not an answer, not recorded
        rows = session_results(STEM).question_results(BANK)
        assert [r.attempts for r in rows[:2]] == [2, 0]
        assert rows[0].correct is True
    finally:
        quiz.close()


# -- fields and sources ----------------------------------------------------------------------
def test_record_fields_follow_cited_cpd_schemes():
    fields = {f.field_id: f for f in load_cpd_fields()}
    assert {"date", "activity", "activity_type", "time_spent", "objectives", "self_check"} <= set(
        fields
    )
    assert [f.field_id for f in reflection_fields()] == ["learning", "practice", "service_users"]
    assert fields["learning"].required and not fields["practice"].required
    assert fields["practice"].source_id == "hcpc_cpd_standards"
    assert "standard 4" in fields["service_users"].locator
    assert [t.label for t in load_cpd_activity_types()] == [
        "Work-based learning",
        "Professional activity",
        "Formal education",
        "Self-directed learning",
    ]
    assert set(cpd_source_ids()) == {
        "hcpc_cpd_audit2019",
        "hcpc_cpd_guidance",
        "hcpc_cpd_standards",
        "pba_cpd2015",
    }
    for key in cpd_source_ids():
        assert get_source(key).url.startswith("http")


# -- making a record -------------------------------------------------------------------------
def test_a_record_holds_what_was_entered_and_every_bank_question():
    session_results(STEM).record(BANK[0], check_answer(BANK[0], _right(BANK[0])))
    record = _record(name="  A.   Clinician ", reflections={"learning": "Line 1\r\nLine 2\x07"})
    assert record.day == DAY and record.minutes_spent == 35 and record.name == "A. Clinician"
    assert record.reflection("learning") == "Line 1\nLine 2"
    assert record.reflection("practice") == ""
    assert [r.question_id for r in record.results] == [q.question_id for q in BANK]
    assert record.score.n_correct == 1
    assert record.activity_label == "Self-directed learning"
    with pytest.raises(ValueError, match="not a reflection field"):
        record.reflection("mood")


def test_minutes_given_as_a_whole_float_become_an_int():
    assert _record(minutes_spent=20.0).minutes_spent == 20


@pytest.mark.parametrize(
    ("changes", "error", "match"),
    [
        ({"minutes_spent": 0}, ValueError, "minutes_spent = 0 is outside its range 1 to 600"),
        ({"minutes_spent": MAX_MINUTES + 1}, ValueError, "outside its range"),
        ({"minutes_spent": 12.5}, ValueError, "whole number"),
        ({"minutes_spent": True}, TypeError, "whole number"),
        ({"activity_type": "webinar"}, ValueError, "activity_type must be one of"),
        ({"reflections": {}}, ValueError, r"reflections\['learning'\] is required"),
        ({"reflections": {"learning": "   "}}, ValueError, "is required"),
        ({"reflections": {"learning": "x" * 1501}}, ValueError, "1501 characters; at most 1500"),
        ({"reflections": {"learning": "ok", "mood": "x"}}, ValueError, "unknown field"),
        ({"reflections": {"learning": 5}}, TypeError, "must be a str"),
        ({"reflections": "text"}, TypeError, "mapping"),
        ({"name": "n" * 121}, ValueError, "name has 121 characters"),
        ({"objectives": "one"}, TypeError, "objectives must be a sequence"),
        ({"title": ""}, ValueError, "title must be"),
        ({"day": dt.datetime(2026, 1, 1, 9, 0)}, TypeError, "day must be a datetime.date"),
        ({"results": QuizResults("00_start_here")}, ValueError, "belong to '00_start_here'"),
        ({"results": {}}, TypeError, "results must be a QuizResults"),
    ],
)
def test_bad_entries_are_refused_with_a_clear_message(changes, error, match):
    with pytest.raises(error, match=match):
        _record(**changes)


def test_a_notebook_without_a_bank_gets_a_record_without_results():
    record = make_cpd_record(
        "09_new_topic",
        title="New",
        objectives=[],
        minutes_spent=5,
        activity_type="work_based",
        reflections={"learning": "x"},
        results=QuizResults("09_new_topic"),
        day=DAY,
    )
    assert record.results == () and "no self-check questions" in cpd_record_html(record)
    with pytest.raises(ValueError, match="notebook must be a notebook stem"):
        make_cpd_record(
            "slump",
            title="x",
            objectives=[],
            minutes_spent=5,
            activity_type="work_based",
            reflections={"learning": "x"},
            results=QuizResults("slump"),
        )


# -- the page --------------------------------------------------------------------------------
def test_the_page_shows_the_record_and_escapes_everything_typed():
    results = session_results(STEM)
    results.record(BANK[0], check_answer(BANK[0], _right(BANK[0])))
    results.record(BANK[1], check_answer(BANK[1], _wrong(BANK[1])))
    hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    record = _record(
        name='<b onclick="x()">Me</b>',
        reflections={"learning": hostile, "service_users": "Fewer <i>flare-ups</i>."},
    )
    page = cpd_record_html(record)
    assert "<script" not in page and "<img" not in page and "<b onclick" not in page
    assert not re.search(r"""(src|href)=["']?https?:""", page.split("<h2>References")[0])
    soup = BeautifulSoup(page, "html.parser")
    text = " ".join(soup.get_text(" ").split())
    assert soup.select_one("h1").get_text() == "CPD record: The slump test"
    for expected in (
        hostile,
        "Fewer <i>flare-ups</i>.",
        '<b onclick="x()">Me</b>',
        "14 March 2026",
        "35 min (0.6 h)",
        "Self-directed learning",
        "Perform the slump test",
        "Interpret it",
        "Score: 1 of 5 correct (2 of 5 answered).",
        "correct at the first try",
        "not yet correct (1 attempt)",
        "not attempted",
        "(left blank)",
        "Standards of continuing professional development",
    ):
        assert expected in text, expected
    rows = soup.select("table.results tbody tr")
    assert len(rows) == len(BANK)
    for row, q in zip(rows, BANK, strict=True):
        shown = row.select("td")[1]
        assert shown["title"] == q.prompt
        assert len(shown.get_text()) <= QUESTION_CHARS
        assert q.prompt.startswith(shown.get_text().rstrip("…"))
    headings = [h.get_text() for h in soup.select("h2, h3")]
    assert "What I learnt" in headings and "How it benefits the people I treat" in headings


def test_file_stem_and_type_checks():
    assert cpd_record_file_stem(_record()) == "cpd-record-03-slump-test"
    with pytest.raises(TypeError, match="CpdRecord"):
        cpd_record_html("record")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="CpdRecord"):
        cpd_record_file_stem(None)  # type: ignore[arg-type]


@pytest.mark.skipif(pdf_renderer() is None, reason="Chromium is not installed")
def test_the_record_prints_to_pdf():
    assert cpd_record_pdf(_record()).startswith(b"%PDF")


# -- the form --------------------------------------------------------------------------------
def _form():
    return cpd_record(STEM, title="The slump test", objectives=["Perform the slump test"])


def test_the_form_builds_the_record_shown_and_withdraws_stale_links():
    form = _form()
    try:
        html_button = form.downloads["html"]
        assert html_button.prepare() is None, "no time entered yet"
        assert "time you spent (1 to 600 minutes)" in html_button.link.value
        form.minutes.value = 40
        assert html_button.prepare() is None, "no reflection yet"
        assert "What I learnt" in html_button.link.value
        form.reflections["learning"].value = "Releasing the neck <matters>."
        form.activity_type.value = "work_based"
        file = html_button.prepare()
        assert file is not None and re.fullmatch(
            r"cpd-record-03-slump-test-\d{4}-\d{2}-\d{2}\.html", file.name
        )
        page = file.data.decode("utf-8")
        assert "Releasing the neck &lt;matters&gt;." in page and "Work-based learning" in page
        assert "anatomy-download" in html_button.link.value
        form.reflections["practice"].value = "More neck release."
        assert html_button.last_file is None, "a change withdraws the link"
        html_button.prepare()
        quiz = self_check(STEM, [BANK[0].question_id])
        try:
            card = quiz.card(BANK[0].question_id)
            card.input.value = _right(BANK[0])
            card.check_button.click()
        finally:
            quiz.close()
        assert html_button.last_file is None, "a new self-check answer withdraws the link"
        assert "1 of 5 correct (1 of 5 answered)" in form.score.value
        page = html_button.prepare().data.decode("utf-8")
        assert "correct at the first try" in page and "More neck release." in page
    finally:
        form.close()


def test_the_form_has_labelled_controls():
    form = _form()
    try:
        assert form.minutes.description == "Time you spent (minutes)"
        assert (form.minutes.min, form.minutes.max, form.minutes.value) == (0, MAX_MINUTES, 0)
        assert form.activity_type.value == "self_directed"
        assert "reading articles or books (HCPC CPD guidance)" in form.activity_note.value
        form.activity_type.value = "formal"
        assert "going on formal courses" in form.activity_note.value
        assert form.reflections["learning"].description == "What I learnt"
        assert form.reflections["practice"].placeholder.startswith("Optional:")
        assert set(form.downloads) == ({"html", "pdf"} if pdf_renderer() else {"html"})
    finally:
        form.close()


def test_closing_the_form_releases_its_widgets_and_stops_listening():
    before = len(widget_module._instances)
    form = _form()
    assert len(widget_module._instances) > before
    form.close()
    assert len(widget_module._instances) == before
    session_results(STEM).record(BANK[0], check_answer(BANK[0], _right(BANK[0])))  # no error


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"title": ""}, ValueError, "title must be"),
        ({"title": "T", "objectives": "one"}, TypeError, "objectives must be a sequence"),
        ({"title": "T", "objectives": [1]}, TypeError, "sequence of str"),
    ],
)
def test_bad_form_arguments_are_refused(kwargs, error, match):
    kwargs.setdefault("objectives", [])
    with pytest.raises(error, match=match):
        cpd_record(STEM, **kwargs)
