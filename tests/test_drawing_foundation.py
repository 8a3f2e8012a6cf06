"""Style, display with alt text, the live renderer, the stick figure and the figure export."""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import numpy as np
import pytest

from anatomy_helpers.drawing.display import figure_png, figure_to_html, img_html, show_figure
from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.drawing.posture import build_seated_posture_figure
from anatomy_helpers.drawing.registry import register_figure, registered_figures
from anatomy_helpers.drawing.stick_figure import StickFigure
from anatomy_helpers.drawing.style import OKABE_ITO, new_figure, role_style, styled, use_style
from anatomy_helpers.kinematics import JointAngles, pose_from_angles
from anatomy_helpers.tools.figures import export_figures, figure_fingerprint, render_png
from anatomy_helpers.tools.project import project_root

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


def test_exported_png_is_deterministic():
    spec = registered_figures()["00_start_here/reference_postures"]
    first = render_png(spec)
    assert first == render_png(spec)
    assert first.startswith(b"\x89PNG") and b"Software" not in first


def _line_figure(y_values, *, label="knee"):
    fig = new_figure(3, 2)
    ax = fig.add_subplot()
    ax.plot([0, 1, 2], y_values, label=label)
    ax.set_title("Nerve-bed length")
    ax.text(1, 1, "a label")
    return fig


def test_fingerprint_sees_a_changed_number_label_or_style_but_not_noise():
    base = figure_fingerprint(_line_figure([1.0, 2.0, 3.0]))["sha256"]
    assert figure_fingerprint(_line_figure([1.0, 2.0, 3.0]))["sha256"] == base
    assert figure_fingerprint(_line_figure([1.0, 2.0, 3.0 + 1e-12]))["sha256"] == base
    assert figure_fingerprint(_line_figure([1.0, 2.0, 3.1]))["sha256"] != base
    assert figure_fingerprint(_line_figure([1.0, 2.0, 3.0], label="hip"))["sha256"] != base
    fig = _line_figure([1.0, 2.0, 3.0])
    fig.axes[0].lines[0].set_linestyle("--")
    assert figure_fingerprint(fig)["sha256"] != base


def test_figures_folder_is_current():
    stale = export_figures(ROOT / "figures", check=True)
    assert stale == [], f"figures/ is stale, run `python -m anatomy_helpers figures`: {stale}"


def test_figure_check_reports_a_changed_and_a_stray_figure(tmp_path, monkeypatch):
    import json

    import anatomy_helpers.tools.figures as figures_tool

    specs = registered_figures()
    two = {
        k: specs[k]
        for k in ("00_start_here/reference_postures", "07_clinical_cases/natural_history")
    }
    monkeypatch.setattr(figures_tool, "registered_figures", lambda: two)
    out = tmp_path / "figures"
    assert len(export_figures(out)) == 4  # two PNGs, the index and the manifest
    assert export_figures(out, check=True) == []
    manifest = json.loads((out / "figures.json").read_text("utf-8"))
    manifest["07_clinical_cases/natural_history"] = "a figure that changed"
    (out / "figures.json").write_text(json.dumps(manifest), "utf-8")
    (out / "stray.png").write_bytes(b"x")
    stale = export_figures(out, check=True)
    assert stale == [
        "07_clinical_cases/natural_history.png",
        "figures.json",
        "stray.png (no longer produced)",
    ]
