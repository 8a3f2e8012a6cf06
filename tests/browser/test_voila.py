"""Every notebook as a Voila app: loads, every widget renders, a keyboard move updates it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

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


def check_links_to_notebooks(page, server_url: str, helpers) -> None:
    """Every link to another notebook resolves to that notebook's app page."""
    stems = {p.stem for p in helpers.ROOT.joinpath("notebooks").glob("*.ipynb")}
    for href, url in helpers.notebook_links(page):
        stem = href.removeprefix("./").split(".ipynb")[0]
        assert stem in stems, f"link {href!r} names no notebook of the collection"
        assert url.split("#")[0] == f"{server_url}/voila/render/{stem}.ipynb", (href, url)


def test_voila_app(notebook, voila_server, page, helpers):
    url = f"{voila_server.url}/voila/render/{notebook.name}"
    helpers.wait_voila_rendered(page, url)
    shot = helpers.artifact("voila", f"{notebook.stem}.png")
    try:
        text = page.locator("#rendered_cells").inner_text()
        stray = helpers.STRAY_REPR.search(text)
        assert stray is None, f"stray repr or widget error on the page: {stray.group(0)!r}"
        # Code is hidden: no input areas with source are shown.
        assert page.locator(".jp-InputArea-editor").count() == 0
        check_links_to_notebooks(page, voila_server.url, helpers)
        expected = helpers.expected_widget_views(notebook)
        page.wait_for_function(
            f"() => ({helpers.COUNT_TOP_WIDGETS_JS})() >= {expected}", timeout=30_000
        )
        assert page.evaluate(helpers.COUNT_TOP_WIDGETS_JS) == expected
        assert page.get_by_text("Error displaying widget").count() == 0
        before = page.evaluate(helpers.OUTPUT_SIGNATURE_JS)
        action = move_one_control(page)
        if expected:
            assert action, "the notebook shows widgets but none can be operated by keyboard"
            try:
                page.wait_for_function(
                    SIGNATURE_CHANGED_JS,
                    arg=[helpers.OUTPUT_SIGNATURE_JS, before],
                    timeout=30_000,
                )
            except Exception as exc:
                raise AssertionError(f"the output did not change after {action}") from exc
        assert page.get_by_text("Error displaying widget").count() == 0
        assert (
            not page.locator("#rendered_cells .jp-OutputArea-output pre")
            .filter(has_text="Traceback")
            .count()
        )
    finally:
        page.screenshot(path=str(shot), full_page=True)
    assert not voila_server.proc.poll(), voila_server.log_tail()
