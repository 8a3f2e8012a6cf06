"""The static HTML edition, ONE page load per notebook: widgets render offline, axe is clean.

Each page is opened once with all networking refused; on that page the visit checks that
every stored widget renders with no stray repr, that images have real alt text, sliders a
name and icon fonts load, that the page asked for nothing remote, and that axe-core finds no
serious or critical violation. The index page gets one visit the same way.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from sciatica_browser_visit_classes import add_notebook_classes

from anatomy_helpers.tools.present import APP_ONLY_TAG, NOTEBOOK_ONLY_TAG, app_text_problems
from anatomy_helpers.tools.project import notebook_paths, project_root

pytestmark = pytest.mark.browser

SURFACE = "static"
NOTEBOOKS = notebook_paths(project_root(Path(__file__).resolve().parent))
PLACEHOLDER_ALT = "No description has been provided for this image"


def open_offline(page, path):
    page.goto(path.resolve().as_uri(), wait_until="load")


def check_renders(page, notebook, html_path, helpers) -> None:
    """Widgets render from the stored state, offline, with alt text and named sliders."""
    source = html_path.read_text(encoding="utf-8")
    remote = re.search(
        r"""\bsrc=["']https?://[^"']*|<link\b[^>]*href=["']https?://[^"']*""", source
    )
    assert remote is None, f"the page loads a remote file: {remote.group(0)!r}"
    expected = helpers.expected_static_widget_views(notebook)
    if expected:
        page.wait_for_function(
            f"() => ({helpers.COUNT_TOP_WIDGETS_JS})() >= {expected}", timeout=30_000
        )
    shown = page.evaluate(helpers.COUNT_TOP_WIDGETS_JS)
    assert shown == expected, f"{shown} widget views shown, {expected} stored"
    assert page.get_by_text("Error displaying widget").count() == 0
    stray = helpers.STRAY_REPR.search(page.locator("main").inner_text())
    assert stray is None, f"stray repr on the page: {stray.group(0)!r}"
    # Every image has real alt text, and every slider a name.
    problems = page.evaluate(
        """(placeholder) => {
          const out = [];
          document.querySelectorAll('img').forEach((img, i) => {
            const alt = img.getAttribute('alt');
            if (!alt) out.push(`image ${i} has no alt text`);
            else if (alt === placeholder) out.push(`image ${i} has nbconvert's placeholder alt`);
          });
          document.querySelectorAll('[role=slider]').forEach((s, i) => {
            if (!s.getAttribute('aria-label')) out.push(`slider ${i} has no name`);
          });
          return out;
        }""",
        PLACEHOLDER_ALT,
    )
    assert problems == [], "\n".join(problems)
    icons = page.locator(".jupyter-widgets .fa")
    if icons.count():
        # Icon glyphs need the vendored Font Awesome file (else: empty boxes).
        icons.first.scroll_into_view_if_needed()
        page.wait_for_function(
            """() => Array.from(document.fonts).some(
                   f => f.family.includes('Font Awesome') && f.status === 'loaded')""",
            timeout=15_000,
        )


def check_tagged_cells(page, notebook, helpers) -> None:
    """The static edition leaves out notebook-only and app-only prose; no developer text."""
    prose = "\n".join(page.locator(".jp-MarkdownCell").all_inner_texts())
    for tag in (NOTEBOOK_ONLY_TAG, APP_ONLY_TAG):
        for line in helpers.tagged_markdown_lines(notebook, tag):
            assert line not in prose, f"{tag} text in the static edition: {line!r}"
    problems = app_text_problems(prose)
    assert not problems, f"{notebook.name} static prose shows developer text: {problems[:8]}"


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


def check_offline(page) -> None:
    """The page asked for nothing outside file:, data: and loopback."""
    assert page.context.refused == [], f"the page tried the network: {page.context.refused}"


@pytest.fixture(scope="session")
def static_visits(static_site, browser, axe, helpers):
    """One offline page load per static page (memoised), running every check of it."""

    def run(notebook, visit) -> None:
        html_path = static_site / "notebooks" / f"{notebook.stem}.html"
        assert html_path.is_file(), f"{html_path.name} was not built"
        context = helpers.new_offline_context(browser)
        page = context.new_page()
        try:
            open_offline(page, html_path)
            # The whole page is pictured only when it failed to render (a full-page PNG of a
            # long page took 2.4 s); otherwise the first screen.
            rendered = visit.check(
                "render", lambda: check_renders(page, notebook, html_path, helpers)
            )
            page.screenshot(
                path=str(helpers.artifact("static", f"{notebook.stem}.png")),
                full_page=not rendered,
            )
            visit.check(
                "axe",
                lambda: helpers.check_axe(
                    page, axe, f"static page {notebook.stem}", f"static_{notebook.stem}"
                ),
            )
            visit.check("tagged cells", lambda: check_tagged_cells(page, notebook, helpers))
            visit.check("links", lambda: check_links_to_pages(page, helpers))
            # Last: answering changes the page.
            visit.check(
                "self-check forms",
                lambda: helpers.selfcheck_forms.check_every_question(page, notebook.stem),
            )
            if notebook.stem.startswith("00_"):  # leaves the page: after every other check
                visit.check("follow a link", lambda: follow_first_notebook_link(page, helpers))
            visit.check("offline", lambda: check_offline(page))
        finally:
            context.close()

    return helpers.Visits(SURFACE, run)


def test_static_notebook_renders_widgets_offline(notebook, static_visits):
    static_visits.get(notebook).assert_passed("render", "offline")


def test_static_edition_leaves_out_tagged_cells(notebook, static_visits):
    static_visits.get(notebook).assert_passed("tagged cells")


def test_every_question_answers_right_and_wrong_in_the_page(notebook, static_visits):
    """Issue 16: each self-check form gives check_answer's verdict and feedback, offline."""
    static_visits.get(notebook).assert_passed("self-check forms")


def test_links_point_at_the_pages_of_the_edition(notebook, static_visits):
    static_visits.get(notebook).assert_passed("links")


def test_start_page_link_opens_another_page(notebook, static_visits):
    static_visits.get(notebook).assert_passed("follow a link")


def test_axe_static(notebook, static_visits):
    static_visits.get(notebook).assert_passed("axe")


add_notebook_classes(
    globals(),
    "Static",
    NOTEBOOKS,
    every=[
        test_static_notebook_renders_widgets_offline,
        test_static_edition_leaves_out_tagged_cells,
        test_every_question_answers_right_and_wrong_in_the_page,
        test_links_point_at_the_pages_of_the_edition,
        test_axe_static,
    ],
    only={"00_start_here": [test_start_page_link_opens_another_page]},
)


@pytest.fixture(scope="session")
def index_visit(static_site, browser, axe, helpers):
    """One offline visit of the static index page."""
    visit = helpers.Visit("index", SURFACE)
    context = helpers.new_offline_context(browser)
    page = context.new_page()
    try:
        index = static_site / "index.html"
        open_offline(page, index)
        visit.check("lists", lambda: check_index_lists(page, static_site, helpers))
        page.screenshot(path=str(helpers.artifact("static", "index.png")), full_page=True)
        visit.check(
            "axe", lambda: helpers.check_axe(page, axe, "static page index", "static_index")
        )
        visit.check("offline", lambda: check_offline(page))
    finally:
        context.close()
    return visit


def check_index_lists(page, static_site, helpers) -> None:
    """The index links every notebook's page, in order, under the notebook's own title."""
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


def test_static_index_lists_every_notebook(index_visit):
    index_visit.assert_passed("lists", "offline")


def test_axe_static_index(index_visit):
    index_visit.assert_passed("axe")
