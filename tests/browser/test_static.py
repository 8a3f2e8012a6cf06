"""The static HTML edition: every page renders its widgets with all networking blocked."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

pytestmark = pytest.mark.browser

PLACEHOLDER_ALT = "No description has been provided for this image"


def open_offline(page, path):
    page.goto(path.resolve().as_uri(), wait_until="load")


def check_links_to_pages(page, helpers) -> None:
    """Links to other notebooks point at their pages in the edition, and the pages exist."""
    for href, url in helpers.notebook_links(page):
        assert ".ipynb" not in href, f"link {href!r} points at a notebook file, not its page"
        target = Path(unquote(urlparse(url).path))
        assert target.suffix == ".html" and target.is_file(), (href, url)


def follow_first_notebook_link(page, helpers) -> None:
    """Click the first link to another notebook; its page opens with that notebook's title."""
    href, url = helpers.notebook_links(page)[0]
    stem = Path(urlparse(url).path).stem
    title = helpers.notebook_info(helpers.ROOT / "notebooks" / f"{stem}.ipynb").title
    page.locator(f'a[href="{href}"]').first.click()
    page.wait_for_url(url, wait_until="load")
    assert page.locator("h1").first.inner_text().strip().rstrip("¶").strip() == title


def test_static_notebook_renders_widgets_offline(notebook, static_site, page, helpers):
    html_path = static_site / "notebooks" / f"{notebook.stem}.html"
    assert html_path.is_file(), f"{html_path.name} was not built"
    source = html_path.read_text(encoding="utf-8")
    remote = re.search(
        r"""\bsrc=["']https?://[^"']*|<link\b[^>]*href=["']https?://[^"']*""", source
    )
    assert remote is None, f"the page loads a remote file: {remote.group(0)!r}"
    open_offline(page, html_path)
    expected = helpers.expected_static_widget_views(notebook)
    shot = helpers.artifact("static", f"{notebook.stem}.png")
    try:
        if expected:
            page.wait_for_function(
                f"() => ({helpers.COUNT_TOP_WIDGETS_JS})() >= {expected}", timeout=30_000
            )
        assert page.evaluate(helpers.COUNT_TOP_WIDGETS_JS) == expected
        assert page.get_by_text("Error displaying widget").count() == 0
        stray = helpers.STRAY_REPR.search(page.locator("main").inner_text())
        assert stray is None, f"stray repr on the page: {stray.group(0)!r}"
        # Every image has real alt text, and every slider a name.
        images = page.locator("img")
        for i in range(images.count()):
            alt = images.nth(i).get_attribute("alt")
            assert alt, f"image {i} has no alt text"
            assert alt != PLACEHOLDER_ALT, f"image {i} has nbconvert's placeholder alt text"
        sliders = page.locator("[role=slider]")
        for i in range(sliders.count()):
            assert sliders.nth(i).get_attribute("aria-label"), f"slider {i} has no name"
        icons = page.locator(".jupyter-widgets .fa")
        if icons.count():
            # Icon glyphs need the vendored Font Awesome file (else: empty boxes).
            icons.first.scroll_into_view_if_needed()
            page.wait_for_function(
                """() => Array.from(document.fonts).some(
                       f => f.family.includes('Font Awesome') && f.status === 'loaded')""",
                timeout=15_000,
            )
        check_links_to_pages(page, helpers)
    finally:
        page.screenshot(path=str(shot), full_page=True)
    if notebook.stem.startswith("00_"):
        follow_first_notebook_link(page, helpers)
    assert page.context.refused == [], f"the page tried the network: {page.context.refused}"


def test_static_index_lists_every_notebook(static_site, page, helpers):
    index = static_site / "index.html"
    open_offline(page, index)
    links = page.locator("main ol a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    stems = [nb.stem for nb in helpers.ROOT.joinpath("notebooks").glob("*.ipynb")]
    assert hrefs == [f"notebooks/{s}.html" for s in sorted(stems)]
    for href in hrefs:
        assert (static_site / href).is_file(), href
    titles = [links.nth(i).inner_text() for i in range(links.count())]
    for stem, title in zip(sorted(stems), titles, strict=True):
        nb_title = helpers.notebook_info(helpers.ROOT / "notebooks" / f"{stem}.ipynb").title
        assert title == nb_title
    page.screenshot(path=str(helpers.artifact("static", "index.png")), full_page=True)
    assert page.context.refused == []
