"""Open a generated handout in headless Chromium (Playwright) and check what a reader gets."""

from __future__ import annotations

import pytest

from anatomy_helpers.documents.handout import write_handout
from anatomy_helpers.exercises import build_plan, default_plan_item, exercise_card
from anatomy_helpers.safety import load_red_flags

EXERCISES = ("sciatic_nerve_glide", "towel_calf_stretch", "seated_calf_raise")


@pytest.fixture(scope="module")
def handout_file(tmp_path_factory):
    plan = build_plan(
        [default_plan_item(k)[0] for k in EXERCISES],
        weeks=3,
        title="Home plan <test>",
        advice_ids=["movement_breaks"],
    )
    return write_handout(plan, tmp_path_factory.mktemp("handout") / "plan.html").html_path


@pytest.fixture
def page(browser, handout_file):
    requests = []
    context = browser.new_context()
    pg = context.new_page()
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(handout_file.as_uri(), wait_until="load")
    pg.requests = requests
    yield pg
    context.close()


def test_headings_and_exercises_render(page):
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text() == "Home plan <test>"
    assert page.title() == "Home plan <test>"
    h2 = page.locator("h2").all_inner_texts()
    assert "Your weekly plan" in h2
    assert "When to stop" in h2
    assert "References" in h2
    for key in EXERCISES:
        name = exercise_card(key).exercise.name
        assert name in h2
        section = page.locator(f"#ex-{key}")
        assert section.is_visible()
        assert section.locator("ol li").count() == len(exercise_card(key).steps)


def test_red_flags_and_references_visible(page):
    flags = page.locator("#red-flags li").all_inner_texts()
    assert flags == [f.sign for f in load_red_flags()]
    refs = page.locator("ol.references li")
    assert refs.count() >= 5
    assert "Kinoshita" in page.locator("#references").inner_text()


def test_images_load_and_have_alt_text(page):
    imgs = page.locator("img")
    assert imgs.count() == 1 + len(EXERCISES)
    for i in range(imgs.count()):
        img = imgs.nth(i)
        assert len(img.get_attribute("alt") or "") > 40
        assert img.evaluate("el => el.complete && el.naturalWidth > 100")


def test_no_network_requests(page):
    assert page.requests, "the page itself should be requested"
    outside = [u for u in page.requests if not u.startswith(("file://", "data:"))]
    assert outside == []


def test_citation_links_jump_to_references(page):
    links = page.locator('a[href^="#ref-"]')
    assert links.count() > 5
    for href in set(links.evaluate_all("els => els.map(e => e.getAttribute('href'))")):
        assert page.locator(href).count() == 1, href


def test_print_layout_fits_a4_width(page):
    page.emulate_media(media="print")
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    assert width <= viewport
