"""The layout gate itself: each defect kind is caught on a tiny synthetic page, a clean page
passes, and the strict-xfail table names only real gate items.

No server and no kernel: the pages are ``set_content()`` HTML shaped like ipywidgets markup
(``.jupyter-widgets`` roots, ``.widget-box`` rows, ``.widget-label``), and a button's click
handler swaps the figure the way a kernel update would. These must pass on today's code.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SURFACE = "none"

STYLE = """
<style>
  body { margin: 0; font: 14px sans-serif; }
  .widget-box { display: flex; }
  .widget-hbox { flex-direction: row; }
  .widget-vbox { flex-direction: column; }
  .widget-label { white-space: nowrap; }
  .clip { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .radio label { display: block; height: 20px; line-height: 20px; }
</style>
"""

#: A 1x1 PNG; the "figure" is scaled by its width/height attributes.
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
PIXEL2 = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
    "z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SWAP = f"document.getElementById('fig').src = '{PIXEL2}'"


def widget(body: str, *, width: str = "100%") -> str:
    return f'<div class="jupyter-widgets widget-box widget-vbox" style="width:{width}">{body}</div>'


@pytest.fixture(scope="module")
def synthetic(browser, helpers):
    """``open(html, viewport) -> page`` on one page reused by the module's tests."""
    context = browser.new_context(viewport={"width": 800, "height": 600})
    page = context.new_page()

    def open_(html: str, viewport: dict[str, int] | None = None):
        page.set_viewport_size(viewport or {"width": 800, "height": 600})
        page.set_content(f"<!doctype html><html><head>{STYLE}</head><body>{html}</body></html>")
        helpers.gate.install(page)
        page.evaluate("() => window.__gate.roots()")
        return page

    yield open_
    context.close()


def problems(page, index: int = 0) -> list[dict]:
    return page.evaluate(f"() => window.__gate.layoutProblems(window.__gate.root({index}))")


def kinds(found: list[dict]) -> set[str]:
    return {p["kind"] for p in found}


def run(page, helpers, tmp_path, viewport: str = "laptop"):
    findings = helpers.gate.Findings()
    helpers.gate.run_gate(
        page,
        surface=SURFACE,
        stem="synthetic",
        viewport=viewport,
        shots=tmp_path,
        findings=findings,
    )
    return findings


# -- each defect kind is caught -------------------------------------------------------------
def test_overlapping_labels_are_caught(synthetic):
    page = synthetic(
        widget(
            '<div class="widget-box widget-hbox">'
            '<div class="widget-label" style="width:200px">Knee flexion (degrees)</div>'
            '<div class="widget-label" style="width:150px; margin-left:-90px">Hip flexion</div>'
            "</div>"
        )
    )
    found = problems(page)
    assert "overlap" in kinds(found), found
    assert any("Hip flexion" in p["detail"] or "Hip flexion" in p["where"] for p in found)


def test_wrapped_option_painting_over_the_next_is_caught(synthetic):
    long = "A long answer option that wraps onto a second and a third line on a phone"
    page = synthetic(
        widget(
            '<div class="widget-radio"><div class="widget-radio-box radio" style="width:200px">'
            f'<label><input type="radio" name="q" value="0">{long}</label>'
            '<label><input type="radio" name="q" value="1">Short option</label>'
            '<label><input type="radio" name="q" value="2">Third option</label>'
            "</div></div>"
        )
    )
    found = problems(page)
    assert "overflow" in kinds(found), found  # text runs below its fixed-height row
    assert any("paints over" in p["detail"] for p in found), found


def test_control_covered_by_another_is_caught(synthetic, helpers, tmp_path):
    page = synthetic(
        widget(
            '<div class="widget-radio"><div class="widget-radio-box radio" style="width:200px">'
            '<label style="position:relative; z-index:1"><input type="radio" name="q" value="0">'
            '<span style="background:#fff">A long option whose text wraps over the next one'
            "</span></label>"
            '<label><input type="radio" name="q" value="1">Short option</label>'
            "</div></div>"
            '<label><input type="checkbox">Familiar pain</label>'
        )
    )
    found = problems(page) + page.evaluate(
        "() => window.__gate.initial(0).problems.filter(p => p.kind === 'covered')"
    )
    covered = [p for p in found if p["kind"] == "covered"]
    assert [p["where"] for p in covered] == ['label "Short option"'], found
    findings = run(page, helpers, tmp_path)
    layout = findings.get("laptop", "w0", "layout")
    assert any("Short option" in m and "a click on it lands on" in m for m in layout), layout


def test_clipped_label_is_caught(synthetic):
    page = synthetic(
        widget(
            '<div class="widget-label clip" style="width:90px">'
            "Explore a root or nerve along its course</div>"
        )
    )
    found = problems(page)
    assert kinds(found) == {"clipped"}, found


def test_control_cut_off_at_the_edge_of_its_row_is_caught(synthetic):
    page = synthetic(
        widget(
            '<div class="widget-box widget-hbox" style="overflow:auto; width:300px">'
            '<input type="number" value="2" style="width:120px; flex:none">'
            '<div class="slider" style="width:14em; height:20px; flex:none"></div>'
            "</div>",
            width="300px",
        )
    )
    found = problems(page)
    assert [p["kind"] for p in found] == ["overflow"], found
    assert "cut off" in found[0]["detail"], found


def test_narrow_dropdown_and_float_noise_box_are_caught(synthetic):
    page = synthetic(
        widget(
            '<div class="widget-dropdown"><select style="width:90px">'
            "<option>Sciatic nerve at the posterior mid-thigh</option></select></div>"
            '<input type="number" style="width:50px" value="19.999999999999996">'
        )
    )
    found = problems(page)
    where = " ".join(p["where"] + p["detail"] for p in found)
    assert kinds(found) == {"clipped"}, found
    assert "Sciatic nerve" in where, found
    assert "19.999999999999996" in where, found


def test_figure_off_screen_after_a_change_is_caught(synthetic, helpers, tmp_path):
    page = synthetic(
        widget(
            f'<button onclick="{SWAP}">Slumped sitting</button>'
            '<div style="height:900px">many controls</div>'
            f'<img id="fig" alt="figure" src="{PIXEL}" width="400" height="300">'
        )
    )
    findings = run(page, helpers, tmp_path)
    in_view = findings.get("laptop", "w0", "in_view")
    assert any("Slumped sitting" in m and "not in view" in m for m in in_view), in_view
    assert any(m.startswith("at rest:") for m in in_view), in_view
    assert findings.states == 1
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "w0_00_at_rest.png",
        "w0_01_button_slumped-sitting.png",
    ]


def test_page_wider_than_the_phone_is_caught(synthetic, helpers, tmp_path):
    page = synthetic(
        widget('<img alt="wide figure" src="' + PIXEL + '" width="640" height="200">')
        + "<p>text</p>",
        viewport=helpers.gate.VIEWPORTS["phone"],
    )
    findings = run(page, helpers, tmp_path, viewport="phone")
    page_width = findings.get("phone", "page", "page_width")
    assert any("horizontal scroll" in m for m in page_width), page_width
    assert any("img" in m for m in page_width), page_width


# -- and a clean page passes -----------------------------------------------------------------
def test_clean_widget_passes_every_check(synthetic, helpers, tmp_path):
    page = synthetic(
        widget(
            '<div class="widget-box widget-vbox">'
            f'<button onclick="{SWAP}">Slumped sitting</button>'
            '<div class="widget-label clip" style="width:200px">Knee flexion</div>'
            '<div class="widget-radio"><div class="widget-radio-box radio" style="width:300px">'
            '<label><input type="radio" name="q" value="0">Yes</label>'
            '<label><input type="radio" name="q" value="1">No</label></div></div>'
            "</div>"
            f'<img id="fig" alt="figure" src="{PIXEL}" width="300" height="200">'
            '<div style="overflow-x:auto"><table style="width:900px"><tr><td>a wide table'
            "</td></tr></table></div>",
            width="340px",
        ),
        viewport=helpers.gate.VIEWPORTS["phone"],
    )
    findings = run(page, helpers, tmp_path, viewport="phone")
    assert dict(findings.failures) == {}, findings.failures
    assert findings.states == 2  # the button and the radio group were operated


# -- the strict-xfail table ----------------------------------------------------------------------
def test_known_defects_table_names_real_gate_items(helpers):
    gate = helpers.gate
    stems = {nb.stem: nb for nb in helpers.NOTEBOOKS}
    for key, reason in helpers.known_layout_defects.KNOWN_LAYOUT_DEFECTS.items():
        stem, surface, viewport, widget_id, check = key
        assert stem in stems, key
        assert surface in ("voila", "lab"), key
        assert viewport in gate.GATE_VIEWPORTS[surface], key
        assert isinstance(reason, str) and len(reason) > 10, key
        if widget_id == "page":
            assert check == gate.PAGE_CHECK, key
        else:
            n = helpers.expected_widget_views(stems[stem])
            assert widget_id in gate.widget_ids(n), f"{key}: the page has {n} widget views"
            assert check in gate.WIDGET_CHECKS, key
