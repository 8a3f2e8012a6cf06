"""The static edition's self-checks: cells found, forms built from the banks, order as live.

The forms' behaviour in a browser (right and wrong answers, feedback text) is tested in
``tests/browser/test_instructor_static_selfcheck.py``; here the HTML itself is checked
against the question banks, question by question.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from anatomy_helpers.selfcheck import (
    Option,
    display_order,
    load_all_question_banks,
    load_question_bank,
)
from anatomy_helpers.tools.present import TEMPLATES_DIR
from anatomy_helpers.tools.project import notebook_paths, project_root
from anatomy_helpers.tools.site import notebook_info
from anatomy_helpers.tools.static_selfcheck import (
    SelfCheckCall,
    replace_self_check_outputs,
    self_check_call,
    static_quiz_html,
)
from anatomy_helpers.widgets.quiz import QuestionCard

ROOT = project_root(Path(__file__).parent)
NOTEBOOKS = notebook_paths(ROOT)
QUESTIONS = [q for bank in load_all_question_banks().values() for q in bank]
CHOICE = [q for q in QUESTIONS if q.kind != "numeric"]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
SCRIPT = (
    TEMPLATES_DIR / "nbconvert" / "templates" / "anatomy_static" / "selfcheck.html.j2"
).read_text("utf-8")


# -- finding the cells --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('self_check("00_start_here")', ("00_start_here", None)),
        ('self_check("01_x", ["01-a", "01-b"])', ("01_x", ("01-a", "01-b"))),
        ('self_check(\n    "04_x",\n    [\n        "04-a",  # why\n    ],\n)', ("04_x", ("04-a",))),
        ('self_check(notebook="02_x", question_ids=("02-a",))', ("02_x", ("02-a",))),
        ('quiz.self_check("03_x", None)', ("03_x", None)),
        ("# a comment\nself_check('05_x', ['05-a'])", ("05_x", ("05-a",))),
    ],
)
def test_self_check_cells_are_recognised_whatever_their_layout(source, expected):
    assert self_check_call(source) == SelfCheckCall(*expected)


@pytest.mark.parametrize(
    "source",
    [
        "print(1)",
        'x = self_check("00_start_here")',
        'self_check("00_start_here")\nprint(2)',
        'self_check(stem, ["00-a"])',
        'self_check("00_x", ids)',
        'self_check("00_x", ["00-a", name])',
        'self_check("00_x", ["00-a"], title="Other")',
        'other_check("00_x")',
        "self_check(",
        "",
    ],
)
def test_other_cells_are_left_alone(source):
    assert self_check_call(source) is None


def test_a_non_text_source_is_refused():
    with pytest.raises(TypeError, match="source must be a str"):
        self_check_call(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_self_check_cell_of_every_notebook_is_found(path):
    nb = nbformat.read(path, as_version=4)
    calling = [c for c in nb.cells if c.cell_type == "code" and "self_check(" in c.source]
    assert calling, f"{path.stem} asks no questions"
    for cell in calling:
        assert self_check_call(cell.source) is not None, f"not recognised:\n{cell.source}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_replacing_outputs_turns_every_quiz_into_a_form(path):
    nb = nbformat.read(path, as_version=4)
    original = copy.deepcopy(nb)
    replaced = replace_self_check_outputs(nb)
    asked = []
    for before, after in zip(original.cells, nb.cells, strict=True):
        call = self_check_call(before.source) if before.cell_type == "code" else None
        if call is None:
            assert after == before, "a cell that is not a self-check changed"
            continue
        assert len(after.outputs) == 1 and set(after.outputs[0].data) == {"text/html"}
        form_ids = re.findall(r'data-question-id="([^"]+)"', after.outputs[0].data["text/html"])
        expected = call.question_ids or tuple(q.question_id for q in load_question_bank(call[0]))
        assert tuple(form_ids) == tuple(expected)
        asked += form_ids
    assert replaced == sum(
        1 for c in original.cells if c.cell_type == "code" and self_check_call(c.source)
    )
    assert set(asked) == {q.question_id for q in load_question_bank(path.stem)}


def test_an_unknown_question_in_a_cell_is_an_error():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('self_check("00_start_here", ["00-nope"])')]
    with pytest.raises(ValueError, match="00-nope"):
        replace_self_check_outputs(nb)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_static_widget_count_leaves_out_quizzes_and_app_only_cells(path):
    nb = nbformat.read(path, as_version=4)
    static = 0
    for cell in nb.cells:
        views = sum(WIDGET_MIME in o.get("data", {}) for o in cell.get("outputs", []))
        tags = set(cell.metadata.get("tags", []))
        if tags & {"app-only", "notebook-only"} or self_check_call(cell.source or ""):
            continue
        static += views
    info = notebook_info(path)
    assert info.static_widget_views == static
    assert info.widget_views >= static


# -- the forms ------------------------------------------------------------------------------
def _form(question, number=1):
    soup = BeautifulSoup(static_quiz_html([question], prefix="t"), "html.parser")
    return soup, soup.select_one("form.anatomy-sc")


@pytest.mark.parametrize("q", QUESTIONS, ids=[q.question_id for q in QUESTIONS])
def test_each_form_carries_its_question_from_the_bank(q):
    soup, form = _form(q)
    assert form["data-kind"] == q.kind and form["data-question-id"] == q.question_id
    legend = form.select_one("fieldset > legend")
    assert legend is not None and q.prompt in legend.get_text()
    assert ("Select all that apply." in legend.get_text()) == (q.kind == "multiple")
    explanation = form.select_one(".anatomy-sc-explanation")
    assert explanation.has_attr("hidden")
    assert q.explanation in explanation.get_text()
    link = explanation.select_one("a")
    assert link["href"] == f"#ref-{q.source_id}" and link.get_text() == f"({q.citation})"
    live = form.select_one('[role="status"]')
    assert live is not None and live.select_one(".anatomy-sc-result") is not None
    assert form.select_one('button[type="submit"]').get_text() == "Check answer"
    for control in form.select("input"):
        label = soup.select_one(f'label[for="{control["id"]}"]')
        assert label is not None and label.get_text().strip(), "every input has a label"
    if q.kind == "numeric":
        box = form.select_one("input[data-answer]")
        assert float(box["data-answer"]) == q.answer
        assert float(box["data-tolerance"]) == q.tolerance
        assert (float(box["data-min"]), float(box["data-max"])) == (q.min_value, q.max_value)
        assert box["data-feedback-low"] == q.feedback_low
        assert box["data-feedback-high"] == q.feedback_high
        assert box["data-correct-message"] == f"Yes: {q.answer:g} {q.unit}".rstrip() + "."
        label = soup.select_one(f'label[for="{box["id"]}"]').get_text()
        assert label == (f"Your answer ({q.unit})" if q.unit else "Your answer")
        return
    inputs = form.select("input")
    assert {i["type"] for i in inputs} == {"radio" if q.kind == "single" else "checkbox"}
    assert len({i["name"] for i in inputs}) == 1, "one group per question"
    assert [int(i["value"]) for i in inputs] == list(display_order(q))
    for box in inputs:
        option = q.options[int(box["value"])]
        assert box["data-feedback"] == option.feedback
        assert box["data-correct"] == ("true" if option.correct else "false")
        assert soup.select_one(f'label[for="{box["id"]}"]').get_text() == option.text


def test_a_quiz_has_a_score_line_and_unique_ids():
    bank = load_question_bank("01_sciatic_pathway")
    soup = BeautifulSoup(
        static_quiz_html(bank, prefix="a") + static_quiz_html(bank, prefix="b"), "html.parser"
    )
    ids = [el["id"] for el in soup.select("[id]")]
    assert len(ids) == len(set(ids)), "two quizzes on one page share no id"
    score = soup.select_one(".anatomy-sc-score")
    assert score["role"] == "status"
    assert score.get_text() == f"Score: 0 of {len(bank)} correct (0 of {len(bank)} answered)."
    assert [f.select_one("legend strong").get_text() for f in soup.select("form")][:2] == [
        "Question 1.",
        "Question 2.",
    ]


def test_text_from_a_bank_is_escaped():
    q = load_question_bank("00_start_here")[1]
    hostile = replace(
        q,
        prompt='<img src=x onerror="alert(1)"> & "quotes"',
        explanation="<script>alert(2)</script>",
        options=(
            Option('<b onclick="x()">bold</b>', True, '"><script>alert(3)</script>'),
            *q.options[1:],
        ),
    )
    markup = static_quiz_html([hostile], prefix="h")
    assert "<script>" not in markup and "<img" not in markup and "<b " not in markup
    soup = BeautifulSoup(markup, "html.parser")
    assert (
        soup.select_one("legend").get_text().endswith('<img src=x onerror="alert(1)"> & "quotes"')
    )
    feedback = [i["data-feedback"] for i in soup.select("input")]
    assert '"><script>alert(3)</script>' in feedback


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (([],), ValueError, "at least one question"),
        (("01-roots",), TypeError, "sequence of Question"),
        ((["01-roots"],), TypeError, r"questions\[0\] must be a Question"),
    ],
)
def test_bad_quiz_input_is_refused(args, error, match):
    with pytest.raises(error, match=match):
        static_quiz_html(*args)


def test_bad_prefix_is_refused():
    with pytest.raises(ValueError, match="prefix"):
        static_quiz_html(load_question_bank("00_start_here"), prefix='x" onclick="y')


# -- display order: the same in the live quiz and the page ---------------------------------
@pytest.mark.parametrize("q", CHOICE, ids=[q.question_id for q in CHOICE])
def test_live_quiz_shows_options_in_the_static_order(q):
    card = QuestionCard(q, 1)
    try:
        if q.kind == "single":
            shown = [index for _text, index in card.input.options]
            texts = [text for text, _index in card.input.options]
        else:
            texts = [box.description for box in card.input.children]
            shown = [[o.text for o in q.options].index(t) for t in texts]
        assert shown == list(display_order(q))
        soup = BeautifulSoup(static_quiz_html([q], prefix="p"), "html.parser")
        assert [lab.get_text() for lab in soup.select(".anatomy-sc-option label")] == texts
    finally:
        card.close()


def test_live_select_all_answers_map_back_to_bank_options():
    q = next(q for q in CHOICE if q.kind == "multiple")
    card = QuestionCard(q, 1)
    try:
        for index, box in zip(display_order(q), card.input.children, strict=True):
            box.value = q.options[index].correct
        result = card.check()
        assert result is not None and result.correct
    finally:
        card.close()


def test_display_order_is_a_fixed_permutation():
    for q in QUESTIONS:
        order = display_order(q)
        assert sorted(order) == list(range(len(q.options)))
        assert display_order(q) == order
    # Pinned: a change of the shuffle (and so of every saved notebook) must be deliberate.
    assert display_order(load_question_bank("00_start_here")[0]) == (1, 0, 3, 2)
    assert display_order(load_question_bank("01_sciatic_pathway")[0]) == (1, 0, 3, 2)
    singles = [q for q in CHOICE if q.kind == "single"]
    correct_first = sum(q.options[display_order(q)[0]].correct for q in singles)
    assert correct_first < len(singles) / 2, "the correct option is not usually shown first"
    with pytest.raises(TypeError, match="must be a Question"):
        display_order("01-roots")  # type: ignore[arg-type]


# -- the page script -------------------------------------------------------------------------
def test_the_page_script_fetches_nothing_and_leaks_no_name():
    script = SCRIPT.split("<script>", 1)[1].split("</script>", 1)[0]
    for word in ("fetch(", "XMLHttpRequest", "import(", "WebSocket", "src=", "href=", "eval("):
        assert word not in script, word
    assert script.strip().startswith("(function () {") and script.strip().endswith("})();")
    assert "innerHTML" not in script, "typed text is set with textContent, never parsed"


# -- the page ships only the widget models it shows ------------------------------------------
def _model_id(n: int) -> str:
    return f"{n:032x}"


def test_pruning_keeps_shown_views_their_children_and_links_only():
    from anatomy_helpers.tools.site import _prune_widget_state

    box, slider, number, layout, link, quiz, quiz_child, app_only = map(_model_id, range(1, 9))
    ref = "IPY_MODEL_"
    state = {
        box: {"model_name": "HBoxModel", "state": {"children": [ref + slider, ref + number]}},
        slider: {"model_name": "FloatSliderModel", "state": {"layout": ref + layout}},
        number: {"model_name": "FloatTextModel", "state": {}},
        layout: {"model_name": "LayoutModel", "state": {}},
        link: {"model_name": "LinkModel", "state": {"source": [ref + slider, "value"]}},
        quiz: {"model_name": "VBoxModel", "state": {"children": [ref + quiz_child]}},
        quiz_child: {"model_name": "RadioButtonsModel", "state": {}},
        app_only: {"model_name": "ButtonModel", "state": {}},
    }
    nb = nbformat.v4.new_notebook()

    def view_cell(source, model, tags=()):
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = list(tags)
        cell.outputs = [
            nbformat.v4.new_output(
                "display_data", data={WIDGET_MIME: {"model_id": model, "version_major": 2}}
            )
        ]
        return cell

    nb.cells = [
        view_cell("app()", box),
        view_cell('self_check("00_start_here")', quiz),
        view_cell("cpd_record(...)", app_only, ("app-only",)),
    ]
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {"state": copy.deepcopy(state)}
    }
    replace_self_check_outputs(nb)
    assert _prune_widget_state(nb) == 3
    kept = set(nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"])
    assert kept == {box, slider, number, layout, link}
    assert _prune_widget_state(nb) == 0, "pruning twice changes nothing"
