"""Headless tests of notebook 05's widgets and figures (set controls, check what is drawn)."""

from __future__ import annotations

import pytest

from anatomy_helpers import calf_raise as cr
from anatomy_helpers.drawing import calf_raise as drawing
from anatomy_helpers.drawing.registry import registered_figures
from anatomy_helpers.widgets.calf_raise import (
    muscle_length_explorer,
    paired_study_simulator,
)


def _titles(fig) -> list[str]:
    titles = [fig.get_suptitle()]
    for ax in fig.axes:
        titles.extend(ax.get_title(loc=loc) for loc in ("left", "center", "right"))
    return [t for t in titles if t]


def test_figures_are_registered_for_export():
    slugs = {s for s in registered_figures() if s.startswith("05_calf_raise_study/")}
    assert slugs == {
        "05_calf_raise_study/results",
        "05_calf_raise_study/design",
        "05_calf_raise_study/muscle_length_presets",
        "05_calf_raise_study/simulation",
    }


def test_results_figure_shows_published_values_and_words():
    fig = drawing.build_results_figure()
    texts = " ".join(t.get_text().replace("\n", " ") for ax in fig.axes for t in ax.texts)
    for r in cr.load_results():
        assert f"+{r.standing_change_pct:.1f} %" in texts
        assert f"+{r.seated_change_pct:.1f} %" in texts
    assert "no difference (p = 0.410)" in texts
    assert "(p = 0.001 [secondary] abstract: p ≤ 0.011)" in texts
    assert "n.s." in texts
    assert "no sig." in texts


def test_significance_words():
    assert drawing.significance_words("triceps_surae") == (
        "standing > seated (p = 0.011 [secondary]; abstract: p ≤ 0.011)"
    )
    assert drawing.significance_words("soleus").startswith("no difference")


def test_every_simulation_title_says_simulated():
    fig = drawing.build_simulation_figure("soleus", n_participants=20)
    titles = _titles(fig)
    assert len(titles) == 3
    assert all("SIMULAT" in t for t in titles), titles


def test_design_figure_titles_name_both_positions():
    titles = " ".join(_titles(drawing.build_design_figure()))
    assert "standing" in titles
    assert "seated" in titles
    assert "12 weeks" in titles


def test_muscle_length_explorer_moves_and_reports():
    app = muscle_length_explorer()
    first_png = app.last_png
    assert first_png.startswith(b"\x89PNG")
    assert "gastrocnemius 100.0 %" in app.readout.value
    app.controls["knee_flexion_deg"].value = 90.0
    assert app.last_png != first_png
    assert "Knee flexion 90°" in app.last_alt
    assert "soleus 100.0 %" in app.readout.value
    assert "gastrocnemius 94.4 %" in app.readout.value


def test_muscle_length_presets_set_both_angles():
    app = muscle_length_explorer()
    count = app.render_count
    app.apply_preset("Seated calf raise: top (on the toes)")
    assert app.render_count == count + 1
    assert app.state() == {"knee_flexion_deg": 90.0, "ankle_dorsiflexion_deg": -30.0}
    with pytest.raises(ValueError, match="unknown preset 'kneeling'; presets: Standing"):
        app.apply_preset("kneeling")


def test_muscle_length_controls_cannot_leave_the_model_range():
    app = muscle_length_explorer()
    app.controls["ankle_dorsiflexion_deg"].value = 99.0  # clipped by the bounded box
    assert app.state()["ankle_dorsiflexion_deg"] == 30.0
    assert "ankle dorsiflexion +30°" in app.readout.value


def test_simulator_is_labelled_and_reacts_to_sliders():
    app = paired_study_simulator()
    assert "SIMULATION, not study data" in app.readout.value
    assert "lateral gastrocnemius 100%" in app.readout.value
    app.controls["muscle_id"].value = "soleus"
    assert "soleus" in app.readout.value
    assert "does not detect" in app.readout.value
    png = app.last_png
    app.controls["between_person_sd_pct"].value = 2.0
    assert app.last_png != png
    app.controls["n_participants"].value = 60.0
    assert "60 simulated people" in app.readout.value
    assert app.last_alt.startswith("Simulated (not study) data")


def test_simulator_study_number_changes_the_draw_reproducibly():
    a, b = paired_study_simulator(), paired_study_simulator()
    a.controls["study_number"].value = 7.0
    b.controls["study_number"].value = 7.0
    assert a.readout.value == b.readout.value
    a.controls["study_number"].value = 8.0
    assert a.readout.value != b.readout.value
