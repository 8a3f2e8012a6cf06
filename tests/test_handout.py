"""Tests for the printable handout (anatomy_helpers.documents.handout), without a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from anatomy_helpers import fileio
from anatomy_helpers.documents import handout, pdf
from anatomy_helpers.exercises import build_plan, default_plan, default_plan_item, exercise_card
from anatomy_helpers.references import cite
from anatomy_helpers.safety import load_red_flags


@pytest.fixture(scope="module")
def plan():
    items = [
        default_plan_item(k)[0]
        for k in ("sciatic_nerve_glide", "slump_stretch", "standing_calf_raise")
    ]
    return build_plan(
        items,
        weeks=4,
        title="Plan for <script>alert('x')</script> & co",
        notes="Do <b>not</b> push into pain.\nSecond line",
        advice_ids=["heat_and_cold", "low_impact_activity"],
    )


@pytest.fixture(scope="module")
def page(plan):
    return handout.handout_html(plan)


def test_page_is_self_contained(page):
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(
        r"""(src|href)\s*=\s*["']?(https?:|//)""", page.replace('href="https://doi.org', "")
    )  # DOI links are plain anchors, never loaded
    assert "<script" not in page.lower().replace("&lt;script&gt;", "")
    assert "<link" not in page
    imgs = re.findall(r"<img [^>]*>", page)
    assert len(imgs) == 4  # the plan chart and three exercise figures
    for img in imgs:
        assert 'src="data:image/png;base64,' in img
        alt = re.search(r'alt="([^"]+)"', img).group(1)
        assert len(alt) > 40


def test_page_has_each_exercise_dose_and_basis(page):
    for key in ("sciatic_nerve_glide", "slump_stretch", "standing_calf_raise"):
        card = exercise_card(key)
        assert f'id="ex-{key}"' in page
        assert card.exercise.name in page
        for step in card.steps:
            assert step.instruction in page
    assert "Common clinical prescription, not tested in a trial" in page
    assert "Dose used in a published trial" in page
    assert "1 set × 20 reps, twice a day, every day" in page
    assert "the planner assumes every day" in page  # glide: source silent on days per week
    assert "Only with your clinician" in page  # slump stretch is clinician-supervised
    assert "self-treatment" in page


def test_page_has_stop_rules_red_flags_advice_and_references(page):
    assert '<section id="stop-rules">' in page
    assert "clinical convention; a teaching assumption" in page
    for flag in load_red_flags():
        assert flag.sign in page
    assert '<section id="advice">' in page
    assert "Heat (and cold) for pain relief" in page
    refs = page.split('<section id="references">')[1]
    for key in (
        "kinoshita2023",
        "cleland2006",
        "seed_sciatic_glide_page",
        "french2006",
        "long2020",
        "dionne2019",
    ):
        assert f'id="ref-{key}"' in refs
    # every in-text citation link has a target in the reference list
    for key in set(re.findall(r'href="#ref-([a-z0-9_]+)"', page)):
        assert f'id="ref-{key}"' in refs, key
    assert cite("kinoshita2023") in page


def test_user_text_is_escaped(page):
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in page
    assert "Do &lt;b&gt;not&lt;/b&gt; push" in page
    assert "<b>not</b>" not in page


def test_print_css_present(page):
    assert "@media print" in page
    assert "@page" in page


def test_write_handout_writes_html_only_by_default(tmp_path, plan):
    result = handout.write_handout(plan, tmp_path / "sub" / "plan.html")
    assert result.html_path.read_text(encoding="utf-8") == handout.handout_html(plan)
    assert result.pdf_path is None
    assert "Handout written" in result.message
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["plan.html"]


def test_failed_write_leaves_old_file_intact(tmp_path, plan, monkeypatch):
    target = tmp_path / "plan.html"
    target.write_text("old handout", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(fileio.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        handout.write_handout(plan, target)
    assert target.read_text(encoding="utf-8") == "old handout"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.html"]  # no temp file left


def test_failed_render_writes_nothing(tmp_path):
    target = tmp_path / "plan.html"
    target.write_text("old handout", encoding="utf-8")
    with pytest.raises(TypeError, match="plan must be an ExercisePlan"):
        handout.write_handout({"items": []}, target)
    assert target.read_text(encoding="utf-8") == "old handout"


def test_bad_arguments(tmp_path, plan):
    with pytest.raises(ValueError, match=r"path must end in \.html or \.htm"):
        handout.write_handout(plan, tmp_path / "plan.pdf")
    with pytest.raises(TypeError, match="pdf must be True or False"):
        handout.write_handout(plan, tmp_path / "plan.html", pdf="yes")


def test_pdf_unavailable_is_reported_not_raised(tmp_path, monkeypatch):
    monkeypatch.setattr(handout, "pdf_renderer", lambda: None)
    monkeypatch.setattr(pdf, "pdf_renderer", lambda: None)
    result = handout.write_handout(default_plan(), tmp_path / "p.html", pdf=True)
    assert result.pdf_path is None
    assert "PDF not written: no PDF renderer was found" in result.message
    assert result.html_path.exists()
    with pytest.raises(RuntimeError, match="no PDF renderer"):
        pdf.render_pdf(result.html_path, tmp_path / "p.pdf")


def test_pdf_written_when_chromium_is_installed(tmp_path):
    if pdf.pdf_renderer() is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium); PDF not tested")
    result = handout.write_handout(default_plan(), tmp_path / "p.html", pdf=True)
    assert result.pdf_path == tmp_path / "p.pdf"
    data = Path(result.pdf_path).read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 10_000
