"""Headless tests for notebook 01's pathway explorer."""

from __future__ import annotations

import html

import pytest

from anatomy_helpers.anatomy import finding_presets
from anatomy_helpers.safety import get_red_flag
from anatomy_helpers.widgets.pathway_explorer import (
    EXPLORER_DEFAULTS,
    FINDING_CONTROLS,
    NOT_TESTED,
    build_explorer_figure,
    explorer_alt,
    explorer_readout,
    findings_from_state,
    highlight_for,
    pathway_explorer,
    state_from_findings,
    structure_options,
)


@pytest.fixture(scope="module")
def app():
    return pathway_explorer()


def test_default_state_renders(app):
    assert app.last_png.startswith(b"\x89PNG")
    assert "Sciatic nerve" in app.readout.value
    assert "Sciatic nerve" in app.last_alt


def test_choosing_a_branch_updates_course_territory_and_text(app):
    app.set_state({**EXPLORER_DEFAULTS, "structure": "deep_fibular"})
    png = app.last_png
    assert "first web space" in app.last_alt.lower()
    assert "extensor hallucis longus" in app.readout.value
    assert 'href="#ref-dartmouth_humananatomy"' in app.readout.value
    assert app.view.shaded == {"first_web_space": "territory"}
    assert app.view.highlighted == highlight_for("deep_fibular")
    app.controls["structure"].value = "sural"
    assert app.last_png != png
    assert set(app.view.shaded) == {"lateral_foot"}


def test_roots_show_harrison_signs(app):
    app.set_state({**EXPLORER_DEFAULTS, "structure": "S1"})
    text = app.readout.value
    assert "Ankle (Achilles) reflex reduced" in text
    assert "Engstrom &amp; Deyo 2015" in text
    assert set(app.view.shaded) == {"sole", "lateral_foot"}
    app.controls["structure"].value = "S3"
    assert "L4, L5 and S1 only" in app.readout.value
    app.controls["structure"].value = "L5"
    # the inversion row comes from another source than Harrison's table, and says so
    assert 'Tibialis posterior (ankle inversion) (<a href="#ref-heffernan1979">' in (
        app.readout.value
    )


def test_toggles(app):
    app.set_state(
        {
            **EXPLORER_DEFAULTS,
            "structure": "common_fibular",
            "show_territory": False,
            "show_muscles": False,
            "show_landmarks": True,
        }
    )
    assert app.view.shaded == {}
    assert "Muscles supplied" not in app.readout.value
    assert "Fibular neck" in app.readout.value
    assert all(a.get_visible() for a in app.view.landmark_artists)


def test_saphenous_is_flagged_not_sciatic(app):
    app.set_state({**EXPLORER_DEFAULTS, "structure": "saphenous"})
    assert "Not part of the sciatic system" in app.readout.value
    assert app.view.shaded == {"medial_leg": "not_sciatic"}


@pytest.mark.parametrize(
    ("preset", "best"),
    [
        ("Typical L4", "L4 root"),
        ("Typical L5", "L5 root"),
        ("Typical S1", "S1 root"),
        ("Foot drop, inversion weak", "L5 root"),
        ("Foot drop, inversion strong", "Common fibular (peroneal) nerve"),
    ],
)
def test_match_mode_presets_rank_the_candidate_first(app, preset, best):
    app.apply_preset(preset)
    assert app.controls["mode"].value == "match"
    assert app.controls["sensation_sole"].disabled is False
    assert app.controls["structure"].disabled is True
    numb = finding_presets()[preset]["numb_regions"]
    assert set(app.view.shaded) == set(numb)
    first = app.readout.value.split("<li><strong>")[1]
    assert first.startswith(best)
    assert f"highlighted: {best}" in app.last_alt


def test_a_preset_sets_every_item_so_nothing_is_left_from_before(app):
    app.apply_preset("Typical S1")
    app.apply_preset("Foot drop, inversion strong")
    assert app.controls["reflex_ankle_jerk"].value == NOT_TESTED
    assert app.controls["sensation_sole"].value == NOT_TESTED
    assert app.controls["strength_ankle_inversion"].value == "normal"
    assert app.controls["strength_foot_eversion"].value == "abnormal"


def test_a_normal_result_recorded_in_the_widget_lowers_the_candidate_with_a_reason(app):
    app.apply_preset("Clear findings")
    app.set_state(
        {
            "mode": "match",
            "strength_ankle_dorsiflexion": "abnormal",
            "strength_foot_eversion": "abnormal",
        }
    )
    app.controls["strength_ankle_inversion"].value = "abnormal"
    assert app.readout.value.split("<li><strong>")[1].startswith("L5 root")
    app.controls["strength_ankle_inversion"].value = "normal"
    text = app.readout.value
    assert "Recorded normal:</strong> ankle inversion strength" in text
    assert text.split("<li><strong>")[1].startswith("Common fibular (peroneal) nerve")
    assert "-2: Strong ankle inversion, but L5 predicts it weak" in text
    assert "-2: Strong ankle inversion, though it supplies tibialis posterior" in text
    assert 'href="#ref-heffernan1979"' in text
    assert 'href="#ref-lumen_tibialis_posterior"' in text
    assert "highlighted: Common fibular" in app.last_alt
    app.set_state({"strength_ankle_dorsiflexion": NOT_TESTED, "strength_foot_eversion": NOT_TESTED})
    assert "Only normal results are recorded" in app.readout.value
    assert "no abnormal finding recorded" in app.last_alt


def test_every_finding_control_is_a_labelled_three_way_choice(app):
    assert set(FINDING_CONTROLS) <= set(app.controls)
    for name in FINDING_CONTROLS:
        control = app.controls[name]
        assert control.description
        assert [v for _label, v in control.options] == [NOT_TESTED, "abnormal", "normal"]
    titles = app.findings_panel.titles
    assert titles[0].startswith("Sensation: ") and titles[-1] == "Reflexes"
    assert {t.split(":")[0] for t in titles} == {"Sensation", "Strength", "Reflexes"}
    in_sections = [w for section in app.findings_panel.sections.children for w in section.children]
    assert set(map(id, in_sections)) >= {id(app.controls[n]) for n in FINDING_CONTROLS}
    for section in app.findings_panel.sections.children:
        assert sum(1 for w in section.children if w in app.controls.values()) <= 7
    shown = app.control_panel.children  # the controls column
    assert app.findings_panel in shown
    assert all(app.controls[name] in shown for name in ("mode", "structure", "show_landmarks"))


def test_state_and_findings_round_trip():
    for findings in finding_presets().values():
        state = {**EXPLORER_DEFAULTS, **state_from_findings(findings)}
        back = findings_from_state(state)
        for kind, values in findings.items():
            assert set(getattr(back, kind)) == set(values), kind
    with pytest.raises(ValueError, match="positive_tests cannot be recorded"):
        state_from_findings({"positive_tests": ["slr"]})


def test_match_mode_empty_and_bad_preset(app):
    app.apply_preset("Clear findings")
    assert "Record findings" in app.readout.value
    with pytest.raises(ValueError, match="presets: Typical L4"):
        app.apply_preset("Typical L3")


def test_pure_functions_cover_every_structure():
    for _label, node_id in structure_options():
        state = {**EXPLORER_DEFAULTS, "structure": node_id}
        assert explorer_readout(state)
        assert node_id in explorer_alt(state) or "Body map" in explorer_alt(state)


def test_pure_functions_validate_state():
    with pytest.raises(ValueError, match="mode must be one of"):
        explorer_readout({**EXPLORER_DEFAULTS, "mode": "quiz"})
    with pytest.raises(ValueError, match="structure must be one of"):
        explorer_alt({**EXPLORER_DEFAULTS, "structure": "femoral"})
    with pytest.raises(ValueError, match="missing"):
        explorer_readout({"mode": "explore"})
    with pytest.raises(ValueError, match="sensation_sole must be one of not tested, abnormal"):
        explorer_readout({**EXPLORER_DEFAULTS, "mode": "match", "sensation_sole": "numb"})
    with pytest.raises(ValueError, match="missing"):
        explorer_alt({k: v for k, v in EXPLORER_DEFAULTS.items() if k != "reflex_ankle_jerk"})


def test_static_figure_shows_the_three_views():
    fig = build_explorer_figure({**EXPLORER_DEFAULTS, "structure": "tibial"})
    assert len(fig.axes) == 3


def _match(**values):
    return {**EXPLORER_DEFAULTS, "mode": "match", **values}


def test_saddle_numbness_leads_the_readout_and_alt_with_the_cited_red_flag(app):
    flag = get_red_flag("saddle_anaesthesia")
    app.set_state(_match(sensation_saddle="abnormal"))
    text = app.readout.value
    assert 'class="ah-red-flag"' in text
    # The warning comes first, in the table's words, with its action and citations...
    assert text.index("Red flag") < text.index("No root or nerve")
    assert html.escape(flag.sign) in text and html.escape(flag.action) in text
    assert 'href="#ref-long2020"' in text and 'href="#ref-dionne2019"' in text
    # ...and the alt text opens with it too.
    assert app.last_alt.startswith("Red flag (cauda equina syndrome)")
    assert flag.action in app.last_alt


def test_the_red_flag_stays_whatever_else_the_findings_match(app):
    app.set_state(_match(sensation_saddle="abnormal", reflex_ankle_jerk="abnormal"))
    text = app.readout.value
    assert "Best fits" in text
    assert text.index("Red flag") < text.index("Best fits")
    assert app.last_alt.startswith("Red flag")


def test_saddle_recorded_normal_or_not_tested_raises_no_flag(app):
    for value in ("normal", NOT_TESTED):
        app.set_state(_match(sensation_saddle=value, sensation_sole="abnormal"))
        assert "Red flag" not in app.readout.value
        assert "Red flag" not in app.last_alt


def test_the_warning_is_driven_by_the_data_table(monkeypatch):
    # A red-flag row added to the table is shown with that flag's own wording.
    from anatomy_helpers.anatomy import red_flags as module

    row = module.RedFlagFinding(
        "reduced_reflexes", "ankle_jerk", "progressive_deficit", "gardner2011", "V", ""
    )
    monkeypatch.setattr(module, "load_red_flag_findings", lambda: (row,))
    text = explorer_readout(_match(reflex_ankle_jerk="abnormal"))
    assert html.escape(get_red_flag("progressive_deficit").sign) in text
    assert "saddle" not in text.split("Best fits")[0].lower()
