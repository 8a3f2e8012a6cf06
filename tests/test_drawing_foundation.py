"""Style, display with alt text, the live renderer, the stick figure and the figure export."""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import numpy as np
import pytest

from anatomy_helpers.authoring import project_root
from anatomy_helpers.drawing.display import figure_png, figure_to_html, img_html, show_figure
from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.drawing.posture import build_seated_posture_figure
from anatomy_helpers.drawing.registry import register_figure, registered_figures
from anatomy_helpers.drawing.stick_figure import StickFigure
from anatomy_helpers.drawing.style import OKABE_ITO, new_figure, role_style, styled, use_style
from anatomy_helpers.figures import export_figures, render_figure_files
from anatomy_helpers.kinematics import JointAngles, pose_from_angles

ROOT = project_root(Path(__file__).parent)


def test_roles_use_okabe_ito_and_a_second_channel():
    assert role_style("tibial")["color"] in OKABE_ITO.values()
    assert role_style("standing")["linestyle"] != role_style("seated")["linestyle"]
    with pytest.raises(ValueError, match="unknown role 'nerve'; valid roles:"):
        role_style("nerve")


def test_styled_builders_ignore_global_rcparams():
    @styled
    def build():
        fig = new_figure(2, 2)
        fig.add_subplot().plot([0, 1])
        return fig

    with mpl.rc_context({"lines.linewidth": 9, "font.size": 30}):
        line = build().axes[0].lines[0]
    assert line.get_linewidth() == 2
    assert line.get_color().lower() == OKABE_ITO["blue"].lower()
    use_style()
    assert mpl.rcParams["axes.spines.top"] is False


def test_png_is_deterministic_and_html_has_alt():
    fig = build_seated_posture_figure(JointAngles(hip_flexion_deg=90, knee_flexion_deg=45))
    a, b = figure_png(fig), figure_png(fig)
    assert a == b and a[:8] == b"\x89PNG\r\n\x1a\n"
    html = figure_to_html(fig, 'Seated figure with the "knee" half straight', caption="Cap")
    assert 'alt="Seated figure with the &quot;knee&quot; half straight"' in html
    assert "<figcaption>Cap</figcaption>" in html
    with pytest.raises(ValueError, match="at least 10 characters"):
        img_html(a, "fig")
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        figure_png("not a figure")
    with pytest.raises(ValueError, match="dpi = 5 is outside"):
        figure_png(fig, dpi=5)


def test_show_figure_emits_html_img_with_alt(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw: shown.append(obj))
    fig = new_figure(2, 2)
    show_figure(fig, alt="An empty square figure for testing")
    assert shown[0]["text/plain"] == "[Figure: An empty square figure for testing]"
    assert 'alt="An empty square figure for testing"' in shown[0]["text/html"]
    with pytest.raises(TypeError, match="alt must be a str"):
        show_figure(fig, alt=None)


def test_live_figure_blits_the_same_pixels_as_a_full_draw():
    fig = new_figure(3, 3)
    ax = fig.add_subplot()
    ax.set_xlim(-0.5, 1)
    ax.set_ylim(-0.6, 1)
    ax.plot([-0.5, 1], [0, 0], color="0.5")
    stick = StickFigure(ax, pose_from_angles(JointAngles(hip_flexion_deg=90, knee_flexion_deg=90)))
    live = LiveFigure(fig, dynamic=stick.artists)
    live.render_rgba()
    stick.update(
        pose_from_angles(JointAngles(hip_flexion_deg=90, knee_flexion_deg=10)), highlight=["leg"]
    )
    blitted = live.render_rgba()
    assert live.full_draws == 1
    live.set_dynamic([])  # everything static again: one full draw
    full = live.render_rgba()
    assert np.array_equal(blitted, full)
    with pytest.raises(ValueError, match="unknown segment"):
        stick.update(pose_from_angles(JointAngles()), highlight=["arm"])


def test_registry_rejects_bad_entries():
    with pytest.raises(ValueError, match="must look like"):
        register_figure("body map", alt="x" * 30, caption="c")
    with pytest.raises(ValueError, match="alt text must describe"):
        register_figure("00_start_here/x", alt="short", caption="c")
    with pytest.raises(ValueError, match="unknown source key"):
        register_figure("00_start_here/x", alt="x" * 30, caption="c", source_ids=("nobody",))


def test_exports_are_byte_identical_between_runs():
    spec = registered_figures()["00_start_here/reference_postures"]
    first, second = render_figure_files(spec), render_figure_files(spec)
    assert first == second
    assert b"<svg" in first["svg"] and b"Date" not in first["svg"]


def test_figures_folder_is_current():
    stale = export_figures(ROOT / "figures", check=True)
    assert stale == [], f"figures/ is stale, run `python -m anatomy_helpers figures`: {stale}"
