"""Controls, the app base, the quiz and notebook 00's practice widget, driven without a browser."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from anatomy_helpers.selfcheck import load_question_bank
from anatomy_helpers.widgets.controls import LabelledSlider, preset_buttons
from anatomy_helpers.widgets.posture_demo import POSTURE_PRESETS, posture_demo
from anatomy_helpers.widgets.quiz import Quiz, self_check


def test_labelled_slider_links_box_and_slider_and_bounds_values():
    s = LabelledSlider("Knee flexion", "°", value=90, min=0, max=110)
    assert s.box.description == "Knee flexion (°)"
    s.slider.value = 30
    assert s.box.value == 30 == s.value
    s.box.value = 500  # a bounded box clamps: no invalid state
    assert s.value == 110 and s.slider.value == 110
    with pytest.raises(ValueError, match="outside its range"):
        LabelledSlider("Knee", "°", value=200, min=0, max=110)


def test_preset_buttons_call_back_with_their_name():
    pressed = []
    row = preset_buttons(["A", "B"], pressed.append)
    row.children[1].click()
    assert pressed == ["B"]
    assert all(isinstance(b, widgets.Button) and b.tooltip for b in row.children)


def test_posture_demo_redraws_on_every_control_and_preset():
    app = posture_demo()
    first_png, count = app.last_png, app.render_count
    app.controls["knee_flexion_deg"].value = 0
    assert app.render_count == count + 1 and app.last_png != first_png
    assert "knee flexion 0°" in app.readout.value and 'role="status"' in app.readout.value
    assert "knee flexion 0°" in app.figure_view.value  # alt text follows the state
    before = app.render_count
    app.apply_preset("Slumped sitting")
    assert app.render_count == before + 1, "a preset renders once"
    assert (
        app.state()["trunk_flexion_deg"] == POSTURE_PRESETS["Slumped sitting"]["trunk_flexion_deg"]
    )
    with pytest.raises(ValueError, match="unknown preset"):
        app.apply_preset("Handstand")
    with pytest.raises(ValueError, match="unknown control"):
        app.set_state({"elbow_deg": 3})


def test_quiz_gives_feedback_and_keeps_score():
    quiz = self_check("00_start_here")
    card = quiz.card("00-red-flag-accuracy")
    card.check_button.click()
    assert "Choose an answer first" in card.feedback.value
    card.input.value = 1
    card.check_button.click()
    assert "✓ Correct." in card.feedback.value and "Dionne et al. 2019" in card.feedback.value
    multi = quiz.card("00-red-flags")
    multi.option_boxes[2].value = True  # a wrong option (the bank's index 2)
    multi.check_button.click()
    assert "✗ Not quite." in multi.feedback.value
    numeric = quiz.card("00-natural-history")
    numeric.input.value = "abc"
    numeric.check_button.click()
    assert "Please type a number from 0 to 100" in numeric.feedback.value
    numeric.input.value = "86,5"
    numeric.check_button.click()
    assert "✓ Correct." in numeric.feedback.value
    assert "2 of 3 correct (3 of 3 answered)" in quiz.score.value


def test_quiz_rejects_unknown_questions():
    with pytest.raises(ValueError, match="unknown question id"):
        self_check("00_start_here", ["00-nope"])
    with pytest.raises(ValueError, match="at least one question"):
        Quiz([])
    quiz = Quiz(load_question_bank("00_start_here")[:1])
    with pytest.raises(ValueError, match="no question '00-controls'"):
        quiz.card("00-controls")
