"""Every notebook in app mode (Voila, as ``present`` serves it) shows no developer text.

The page is rendered in Chromium and its visible text is checked with
:func:`anatomy_helpers.tools.present.app_text_problems`: no "run the cell below", no
install command, no server path, no Python call. Cells tagged ``notebook-only`` must be
absent (and not run); the static edition leaves out ``notebook-only`` and ``app-only``
cells. Screenshots at 1366x768 and 390x844 go to ``test-artifacts/app/``.
"""

from __future__ import annotations

import nbformat
import pytest

from anatomy_helpers.tools.present import APP_ONLY_TAG, NOTEBOOK_ONLY_TAG, app_text_problems

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _first_words(notebook, tag: str) -> list[str]:
    """A distinctive line from each Markdown cell carrying ``tag``."""
    nb = nbformat.read(notebook, as_version=4)
    lines = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and tag in cell.metadata.get("tags", []):
            text = next(
                (ln for ln in cell.source.splitlines() if len(ln) > 20 and "`" not in ln), ""
            )
            if text:
                lines.append(text.strip().lstrip("#").strip()[:60])
    return lines


def test_app_page_has_no_developer_text(notebook, voila_server, page, helpers):
    url = f"{voila_server.url}/voila/render/{notebook.name}"
    helpers.wait_voila_rendered(page, url)
    page.wait_for_function(
        "(n) => (" + helpers.COUNT_TOP_WIDGETS_JS + ")() >= n",
        arg=helpers.expected_widget_views(notebook),
        timeout=60_000,
    )
    text = page.inner_text("#rendered_cells")
    problems = app_text_problems(text)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.screenshot(path=str(helpers.artifact("app", f"{notebook.stem}-1366.png")))
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(helpers.artifact("app", f"{notebook.stem}-390.png")))
    assert not problems, f"{notebook.name} in app mode shows developer text: {problems[:8]}"
    for line in _first_words(notebook, NOTEBOOK_ONLY_TAG):
        assert line not in text, f"notebook-only text shown in the app: {line!r}"
    assert "Setup" not in [h.strip() for h in page.locator("h2").all_inner_texts()]
    assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor").count() == 0


def test_static_edition_leaves_out_tagged_cells(notebook, static_site, page):
    page.goto((static_site / "notebooks" / f"{notebook.stem}.html").as_uri())
    prose = "\n".join(page.locator(".jp-MarkdownCell").all_inner_texts())
    for tag in (NOTEBOOK_ONLY_TAG, APP_ONLY_TAG):
        for line in _first_words(notebook, tag):
            assert line not in prose, f"{tag} text in the static edition: {line!r}"
    problems = app_text_problems(prose)
    assert not problems, f"{notebook.name} static prose shows developer text: {problems[:8]}"


def test_icons_render_from_local_fonts(voila_server, page, helpers):
    """The case stepper's arrows and the download icons use a real icon font (no CDN)."""
    helpers.wait_voila_rendered(page, f"{voila_server.url}/voila/render/07_clinical_cases.ipynb")
    icon = page.locator(".jupyter-widgets button i.fa-arrow-right").first
    icon.wait_for(timeout=60_000)
    family = icon.evaluate("el => getComputedStyle(el).fontFamily")
    assert "Font Awesome" in family, family
    loaded = page.evaluate(
        "async () => { await document.fonts.ready;"
        " return document.fonts.check('900 16px \"Font Awesome 5 Free\"'); }"
    )
    assert loaded, "the icon font did not load"
    width = icon.evaluate("el => el.getBoundingClientRect().width")
    assert width > 4, "the icon has no glyph"
    icon.locator("xpath=..").screenshot(path=str(helpers.artifact("app", "stepper-arrow.png")))


def test_single_notebook_app_follows_a_link_to_another_notebook(start_app_server, page, helpers):
    """``present 00`` serves one notebook; its links to the others open them in the app."""
    server = start_app_server(helpers.ROOT / "notebooks" / "00_start_here.ipynb")
    helpers.wait_voila_rendered(page, server.url + "/")
    links = dict(helpers.notebook_links(page))
    assert links, "the start page links to the other notebooks"
    target = "01_sciatic_pathway.ipynb"
    assert links[target] == f"{server.url}/{target}"
    page.locator(f'a[href="{target}"]').first.click()
    page.wait_for_url(f"{server.url}/{target}", wait_until="domcontentloaded")
    page.wait_for_function(
        """() => { const c = document.getElementById('rendered_cells');
                   return c && getComputedStyle(c).display !== 'none'; }""",
        timeout=90_000,
    )
    title = helpers.notebook_info(helpers.ROOT / "notebooks" / target).title
    assert page.locator("#rendered_cells h1").first.inner_text().strip().startswith(title)
    # ...and the way back resolves in the same app.
    back = dict(helpers.notebook_links(page))
    assert back["00_start_here.ipynb"] == f"{server.url}/00_start_here.ipynb"
    page.screenshot(path=str(helpers.artifact("app", "followed-link-01.png")))
