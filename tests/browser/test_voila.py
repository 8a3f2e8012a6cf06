"""Every notebook as a Voila app, in ONE page load per notebook (issue 15).

The visit opens the app at 1366x768 and, on that page, checks in order: it renders (every
cell ran, every widget shows, no stray repr, code hidden); axe-core finds no serious or
critical violation; a keyboard move of the first control changes the output; then the layout
gate (``gate.py``) drives every widget at 1366x768, resizes the same page to 390x844 and
drives every widget again. Resizing the open page is equivalent to loading it at 390x844:
the app's layout is CSS and flex boxes that reflow on resize, and no widget reads the window
size when it is created (compared by screenshot when this suite was built).

The tests below only read the visit's outcome, one test per named check and one per gate
item, so a failure still names its notebook, viewport, widget and check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sciatica_browser_interactions import CPD_STEM, DOWNLOAD_STEMS  # loaded by conftest
from sciatica_browser_visit_classes import add_notebook_classes

from anatomy_helpers.tools.present import NOTEBOOK_ONLY_TAG, app_text_problems
from anatomy_helpers.tools.project import notebook_paths, project_root

pytestmark = pytest.mark.browser

SURFACE = "voila"
NOTEBOOKS = notebook_paths(project_root(Path(__file__).resolve().parent))
SIGNATURE_CHANGED_JS = "([sig, before]) => (eval(sig))() !== before"


def move_one_control(page) -> str:
    """Operate the first visible control with the keyboard only; return what was done.

    Preference: the first slider (ArrowRight, or ArrowLeft at its maximum); else the first
    dropdown (ArrowDown); else the first check box (Space); else the first radio button
    (Space) and then its card's "Check answer" button (Enter); else the first button
    (Enter). Returns '' when the page has no visible control at all.
    """
    sliders = page.locator("[role=slider]:visible")
    if sliders.count():
        handle = sliders.first
        handle.scroll_into_view_if_needed()
        handle.focus()
        now = float(handle.get_attribute("aria-valuenow"))
        top = float(handle.get_attribute("aria-valuemax"))
        key = "ArrowLeft" if now >= top else "ArrowRight"
        page.keyboard.press(key)
        return f"slider {handle.get_attribute('aria-label')!r}: {key}"
    selects = page.locator(".widget-dropdown select:visible")
    if selects.count():
        selects.first.focus()
        page.keyboard.press("ArrowDown")
        return "dropdown: ArrowDown"
    boxes = page.locator(".widget-checkbox input[type=checkbox]:visible")
    if boxes.count():
        boxes.first.focus()
        page.keyboard.press("Space")
        return "check box: Space"
    radios = page.locator(".widget-radio-box input[type=radio]:visible")
    if radios.count():
        radios.first.focus()
        page.keyboard.press("Space")
        card = radios.first.locator(
            "xpath=ancestor::div[contains(concat(' ', @class, ' '), ' widget-vbox ')][1]"
        )
        check = card.get_by_role("button", name="Check answer")
        if check.count():
            check.first.focus()
            page.keyboard.press("Enter")
        return "radio: Space, then Check answer: Enter"
    buttons = page.locator("button.jupyter-button:visible")
    if buttons.count():
        buttons.first.focus()
        page.keyboard.press("Enter")
        return f"button {buttons.first.inner_text()!r}: Enter"
    return ""


def check_renders(page, url, notebook, helpers) -> None:
    """The app loads, every cell runs, every stored widget shows, no repr or error text."""
    helpers.wait_voila_rendered(page, url)
    try:
        text = page.locator("#rendered_cells").inner_text()
        stray = helpers.STRAY_REPR.search(text)
        assert stray is None, f"stray repr or widget error on the page: {stray.group(0)!r}"
        # Code is hidden: no input areas with source are shown.
        assert page.locator(".jp-InputArea-editor").count() == 0, "code cells are shown"
        expected = helpers.expected_widget_views(notebook)
        page.wait_for_function(
            f"() => ({helpers.COUNT_TOP_WIDGETS_JS})() >= {expected}", timeout=30_000
        )
        shown = page.evaluate(helpers.COUNT_TOP_WIDGETS_JS)
        assert shown == expected, f"{shown} widget views shown, {expected} stored"
        assert page.get_by_text("Error displaying widget").count() == 0
    finally:
        page.screenshot(path=str(helpers.artifact("voila", f"{notebook.stem}.png")))


def check_keyboard(page, notebook, helpers) -> None:
    """A keyboard-only move of the first control changes what the widgets show."""
    before = page.evaluate(helpers.OUTPUT_SIGNATURE_JS)
    action = move_one_control(page)
    if helpers.expected_widget_views(notebook):
        assert action, "the notebook shows widgets but none can be operated by keyboard"
        try:
            page.wait_for_function(
                SIGNATURE_CHANGED_JS, arg=[helpers.OUTPUT_SIGNATURE_JS, before], timeout=30_000
            )
        except Exception as exc:
            raise AssertionError(f"the output did not change after {action}") from exc
    assert page.get_by_text("Error displaying widget").count() == 0
    assert (
        not page.locator("#rendered_cells .jp-OutputArea-output pre")
        .filter(has_text="Traceback")
        .count()
    ), "a traceback is shown"


def check_links_to_notebooks(page, server_url: str, helpers) -> None:
    """Every link to another notebook resolves to that notebook's app page."""
    stems = {p.stem for p in helpers.ROOT.joinpath("notebooks").glob("*.ipynb")}
    for href, url in helpers.notebook_links(page):
        stem = href.removeprefix("./").split(".ipynb")[0]
        assert stem in stems, f"link {href!r} names no notebook of the collection"
        assert url.split("#")[0] == f"{server_url}/voila/render/{stem}.ipynb", (href, url)


def check_app_text(page, notebook, helpers) -> None:
    """App mode shows no developer text, no notebook-only cell, no Setup, no code editor."""
    text = page.inner_text("#rendered_cells")
    problems = app_text_problems(text)
    assert not problems, f"{notebook.name} in app mode shows developer text: {problems[:8]}"
    for line in helpers.tagged_markdown_lines(notebook, NOTEBOOK_ONLY_TAG):
        assert line not in text, f"notebook-only text shown in the app: {line!r}"
    assert "Setup" not in [h.strip() for h in page.locator("h2").all_inner_texts()]
    assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor").count() == 0


def check_icons(page, notebook, helpers) -> None:
    """Icons on buttons (stepper arrows, downloads) draw from the local icon font (no CDN)."""
    icons = page.locator(".jupyter-widgets button i.fa")
    if not icons.count():
        return
    icon = icons.first
    icon.scroll_into_view_if_needed()
    family = icon.evaluate("el => getComputedStyle(el).fontFamily")
    assert "Font Awesome" in family, family
    loaded = page.evaluate(
        "async () => { await document.fonts.ready;"
        " return document.fonts.check('900 16px \"Font Awesome 5 Free\"'); }"
    )
    assert loaded, "the icon font did not load"
    width = icon.evaluate("el => el.getBoundingClientRect().width")
    assert width > 4, "the icon has no glyph"
    icon.locator("xpath=..").screenshot(
        path=str(helpers.artifact("app", f"{notebook.stem}-icon.png"))
    )


def check_voila_downloads(page, notebook, helpers) -> None:
    """Issue 13: the downloads of 03 and 06 round-trip; nothing is written on the server."""
    act = helpers.interactions
    folder = helpers.ROOT / "notebooks"
    before = act.files(folder)
    pdf = page.get_by_role("button", name="Download handout (PDF)").count() > 0
    act.check_downloads(
        page,
        notebook.stem,
        pdf=pdf,
        shot=helpers.artifact("app", f"{notebook.stem}-downloads.png"),
    )
    assert act.files(folder) == before, "a download wrote a file on the server"


def check_voila_cpd_record(page, notebook, helpers) -> None:
    """Issue 16: the CPD record downloads with the reflection; nothing written on the server."""
    act = helpers.interactions
    folder = helpers.ROOT / "notebooks"
    before = act.files(folder)
    act.check_cpd_record(
        page,
        notebook.stem,
        helpers.notebook_info(notebook).title,
        (
            helpers.artifact("app", "cpd-record-1366.png"),
            helpers.artifact("app", "cpd-record-390.png"),
        ),
    )
    assert act.files(folder) == before, "the record was written on the server"


def check_server_alive(server) -> None:
    """The Voila server is still running after the visit."""
    assert server.proc.poll() is None, f"Voila exited:\n{server.log_tail()}"


@pytest.fixture(scope="session")
def voila_visits(voila_server, browser, axe, helpers):
    """One Voila page load per notebook (memoised), running every check of this surface."""
    gate = helpers.gate

    def run(notebook, visit) -> None:
        context = helpers.new_offline_context(browser, gate.VIEWPORTS["laptop"])
        page = context.new_page()
        try:
            url = f"{voila_server.url}/voila/render/{notebook.name}"
            if not visit.check("render", lambda: check_renders(page, url, notebook, helpers)):
                return
            visit.check("app text", lambda: check_app_text(page, notebook, helpers))
            visit.check("links", lambda: check_links_to_notebooks(page, voila_server.url, helpers))
            visit.check("icons", lambda: check_icons(page, notebook, helpers))
            visit.check(
                "axe",
                lambda: helpers.check_axe(
                    page, axe, f"Voila page of {notebook.name}", f"voila_{notebook.stem}"
                ),
            )
            # What a clinician does, before the keyboard check and the gate change the page.
            if notebook.stem in helpers.interactions.DOWNLOAD_STEMS:
                visit.check("downloads", lambda: check_voila_downloads(page, notebook, helpers))
            if notebook.stem == helpers.interactions.CPD_STEM:
                visit.check("cpd record", lambda: check_voila_cpd_record(page, notebook, helpers))
            visit.check("keyboard", lambda: check_keyboard(page, notebook, helpers))
            helpers.gate_visit(page, SURFACE, notebook, visit)
            visit.check("server", lambda: check_server_alive(voila_server))
        finally:
            context.close()

    return helpers.Visits(SURFACE, run)


def test_voila_app(notebook, voila_visits):
    """Loads, every widget renders, no stray repr, and a keyboard move updates the output."""
    voila_visits.get(notebook).assert_passed("render", "keyboard", "server")


def test_links_to_other_notebooks_open_them_in_the_app(notebook, voila_visits):
    """A link to another notebook resolves to that notebook's app page."""
    voila_visits.get(notebook).assert_passed("links")


def test_app_page_has_no_developer_text(notebook, voila_visits):
    """No install command, server path or Python call; notebook-only cells left out (issue 13)."""
    voila_visits.get(notebook).assert_passed("app text")


def test_icons_render_from_local_fonts(notebook, voila_visits):
    """Button icons (the stepper's arrows, downloads) have a glyph from the vendored font."""
    voila_visits.get(notebook).assert_passed("icons")


def test_voila_downloads(notebook, voila_visits):
    """The recording (03) and the handout and weekly plan (06) download and round-trip."""
    voila_visits.get(notebook).assert_passed("downloads")


def test_cpd_record_downloads_in_voila_with_the_reflection(notebook, voila_visits):
    """The CPD record holds the title, the escaped reflection and the self-check result."""
    voila_visits.get(notebook).assert_passed("cpd record")


def test_axe_voila(notebook, voila_visits):
    """axe-core finds 0 serious or critical violations on the Voila page."""
    voila_visits.get(notebook).assert_passed("axe")


def test_voila_gate(notebook, gate_case, voila_visits):
    """One item of the layout gate: (viewport, widget, check) on the notebook's Voila page."""
    voila_visits.get(notebook).assert_gate(*gate_case)


add_notebook_classes(
    globals(),
    "Voila",
    NOTEBOOKS,
    every=[
        test_voila_app,
        test_links_to_other_notebooks_open_them_in_the_app,
        test_app_page_has_no_developer_text,
        test_icons_render_from_local_fonts,
        test_axe_voila,
        test_voila_gate,
    ],
    only={
        **{stem: [test_voila_downloads] for stem in DOWNLOAD_STEMS},
        CPD_STEM: [test_cpd_record_downloads_in_voila_with_the_reflection],
    },
)
