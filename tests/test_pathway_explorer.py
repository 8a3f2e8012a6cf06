"""Headless tests for notebook 01's pathway explorer."""

from __future__ import annotations

import pytest

from anatomy_helpers.widgets.pathway_explorer import (
    EXPLORER_DEFAULTS,
    FINDING_PRESETS,
    build_explorer_figure,
    explorer_alt,
    explorer_readout,
    highlight_for,
    pathway_explorer,
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
    ("preset", "best"), [("Typical L4", "L4"), ("Typical L5", "L5"), ("Typical S1", "S1")]
)
def test_match_mode_presets_rank_the_root_first(app, preset, best):
    app.apply_preset(preset)
    assert app.controls["mode"].value == "match"
    assert app.controls["numb_regions"].disabled is False
    assert app.controls["structure"].disabled is True
    assert set(app.view.shaded) == set(FINDING_PRESETS[preset]["numb_regions"])
    first = app.readout.value.split("<li><strong>")[1]
    assert first.startswith(f"{best} root")
    assert f"highlighted: {best} root" in app.last_alt


def test_match_mode_empty_and_bad_preset(app):
    app.apply_preset("Clear findings")
    assert "Tick findings" in app.readout.value
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
    with pytest.raises(ValueError, match="valid numb_regions"):
        explorer_readout({**EXPLORER_DEFAULTS, "mode": "match", "numb_regions": ("shin",)})


def test_static_figure_shows_the_three_views():
    fig = build_explorer_figure({**EXPLORER_DEFAULTS, "structure": "tibial"})
    assert len(fig.axes) == 3
