"""Accessibility gate: axe-core finds 0 serious or critical violations on every page.

axe-core comes from the npm registry (pinned in package.json, installed into .vendor/
at test time) and is injected into the page, so the check runs offline.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_axe_voila(notebook, voila_server, page, axe, helpers):
    helpers.wait_voila_rendered(page, f"{voila_server.url}/voila/render/{notebook.name}")
    expected = helpers.expected_widget_views(notebook)
    page.wait_for_function(
        f"() => ({helpers.COUNT_TOP_WIDGETS_JS})() >= {expected}", timeout=30_000
    )
    page.wait_for_timeout(300)  # let the slider-naming observer run once more
    violations = axe(page)
    if violations:
        page.screenshot(
            path=str(helpers.artifact("axe", f"voila_{notebook.stem}.png")), full_page=True
        )
    assert violations == [], (
        f"axe-core, Voila page of {notebook.name}:\n{helpers.format_violations(violations)}"
    )


def test_axe_static(notebook, static_site, page, axe, helpers):
    page.goto((static_site / "notebooks" / f"{notebook.stem}.html").as_uri(), wait_until="load")
    expected = helpers.expected_static_widget_views(notebook)
    page.wait_for_function(
        f"() => ({helpers.COUNT_TOP_WIDGETS_JS})() >= {expected}", timeout=30_000
    )
    page.wait_for_timeout(300)
    violations = axe(page)
    if violations:
        page.screenshot(
            path=str(helpers.artifact("axe", f"static_{notebook.stem}.png")), full_page=True
        )
    assert violations == [], (
        f"axe-core, static page of {notebook.name}:\n{helpers.format_violations(violations)}"
    )


def test_axe_static_index(static_site, page, axe, helpers):
    page.goto((static_site / "index.html").as_uri(), wait_until="load")
    violations = axe(page)
    assert violations == [], f"axe-core, static index:\n{helpers.format_violations(violations)}"
