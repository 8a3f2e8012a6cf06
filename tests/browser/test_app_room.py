"""A room on one server: preheated kernels serve viewers, a cap shows the room-full page.

Correctness only, no timing (timings live in ``benchmarks/voila_load.py``): two
lightweight viewers become interactive on a preheated server; when every place is taken a
browser gets the "room is full" page (HTTP 503, a heading, no kernel started for it).
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_two_light_viewers_become_interactive(
    start_app_server, light_client, helpers, run_coroutine
):
    notebook = helpers.ROOT / "notebooks" / "03_slump_test.ipynb"
    server = start_app_server(notebook, viewers=2, ready_text="Ready:")
    results = run_coroutine(light_client.light_room(server.url + "/", 2, 0.5, 120))
    for r in results:
        assert r.ok, r.error
        assert r.status == 200 and r.views == helpers.expected_widget_views(notebook)
        assert r.models >= r.views
    assert len({r.kernel_id for r in results}) == 2, "each viewer has a kernel of their own"
    log = server.log_tail(100_000)
    assert log.count("Using pre-heated kernel") == 2, log[-2000:]


def test_room_full_page(start_app_server, browser, helpers, axe):
    notebook = helpers.ROOT / "notebooks" / "00_start_here.ipynb"
    server = start_app_server(notebook, viewers=0, max_kernels=1)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        first = context.new_page()
        helpers.wait_voila_rendered(first, server.url + "/")
        second = context.new_page()
        response = second.goto(server.url + "/", wait_until="domcontentloaded")
        assert response.status == 503
        assert response.headers.get("retry-after") == "60"
        second.get_by_role("heading", name="The room is full").wait_for()
        assert "try again in a minute" in second.inner_text("body")
        second.screenshot(path=str(helpers.artifact("app", "room-full-390.png")))
        assert axe(second) == []
    finally:
        context.close()
    log = server.log_tail(100_000)
    assert log.count("Kernel started") == 1, "no kernel is started for a visitor turned away"
    # a plain HTTP client sees the same answer
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(server.url + "/", timeout=30)
    refused.value.close()  # the error holds the response and its socket
    assert refused.value.code == 503


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
