"""Tests for the lower-body map (anatomy_helpers.drawing.body_map)."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from matplotlib.figure import Figure

from anatomy_helpers.drawing.body_geometry import check_geometry, geometry, resolve_point
from anatomy_helpers.drawing.body_map import (
    NERVE_ROLES,
    REGION_VIEWS,
    VIEWS,
    BodyMapFigure,
    build_body_map_figure,
    region_at,
    region_path,
    regions_in_view,
)
from anatomy_helpers.drawing.display import figure_png
from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.drawing.registry import registered_figures
from anatomy_helpers.regions import body_region_ids, get_region
from anatomy_helpers.tables import DataTableError


def test_every_shared_region_is_drawn_in_its_own_view_or_both_main_views():
    drawn = {r for ids in REGION_VIEWS.values() for r in ids}
    assert drawn == set(body_region_ids())
    for region_id in body_region_ids():
        region = get_region(region_id)
        in_front_or_back = region_id in REGION_VIEWS["posterior"] + REGION_VIEWS["anterior"]
        assert region_id in REGION_VIEWS[region.view] or in_front_or_back


@pytest.mark.parametrize("view", VIEWS)
def test_region_at_finds_each_region_at_an_interior_point(view):
    for region_id in regions_in_view(view):
        path = region_path(view, region_id)
        verts = path.vertices[:-1]
        # search a small grid inside the bounding box for a point that maps back
        xs = np.linspace(verts[:, 0].min(), verts[:, 0].max(), 15)
        ys = np.linspace(verts[:, 1].min(), verts[:, 1].max(), 15)
        hits = {region_at(view, float(x), float(y)) for x in xs for y in ys}
        assert region_id in hits, (view, region_id)


def test_region_at_examples_and_outside():
    assert region_at("posterior", 9.0, 60.0) == "posterior_thigh"
    assert region_at("posterior", 9.0, 41.0) == "popliteal_fossa"
    assert region_at("anterior", -9.0, 20.0) == "anterior_leg"
    assert region_at("posterior", 40.0, 60.0) is None
    assert region_at("posterior", -9.0, 60.0) is None  # left leg carries no regions


def test_region_at_rejects_bad_input():
    with pytest.raises(ValueError, match="view must be one of"):
        region_at("top", 0.0, 0.0)
    with pytest.raises(TypeError, match="x must be a number"):
        region_at("posterior", "1", 0.0)
    with pytest.raises(ValueError, match="regions in this view"):
        region_path("anterior", "sole")


def test_shade_regions_updates_in_place_and_validates():
    bm = BodyMapFigure()
    assert set(bm.axes) == {"posterior", "anterior"}
    bm.shade_regions(["sole", "first_web_space"])
    assert bm.shaded == {"sole": "territory", "first_web_space": "territory"}
    assert all(p.get_visible() for p in bm.region_patches["sole"])
    bm.shade_regions(["heel"], role="highlight", clear=False)
    assert set(bm.shaded) == {"sole", "first_web_space", "heel"}
    bm.shade_regions(["heel"])
    assert set(bm.shaded) == {"heel"}
    assert not any(p.get_visible() for p in bm.region_patches["sole"])
    with pytest.raises(ValueError, match="valid region ids: lower_back"):
        bm.shade_regions(["shin"])
    with pytest.raises(ValueError, match="unknown role"):
        bm.shade_regions(["heel"], role="purple")
    bm.clear_shading()
    assert bm.shaded == {}


def test_shading_changes_pixels_through_live_figure():
    bm = BodyMapFigure(("posterior",))
    live = LiveFigure(bm.fig, dynamic=bm.dynamic_artists)
    before = live.render_rgba()
    bm.shade_regions(["posterior_calf"])
    after = live.render_rgba()
    assert (before != after).any()
    assert live.full_draws == 1


def test_highlight_nerves_and_bad_names():
    bm = BodyMapFigure(("posterior", "anterior", "lateral"))
    bm.highlight_nerves(["tibial"])
    tib = bm.nerve_lines["tibial"][0]
    cf = bm.nerve_lines["common_fibular"][0]
    assert tib.get_alpha() == 1.0 and cf.get_alpha() < 0.5
    assert tib.get_linewidth() > NERVE_ROLES["tibial"][1]
    with pytest.raises(ValueError, match="valid nerve ids"):
        bm.highlight_nerves(["peroneal"])


def test_hierarchy_is_encoded_by_width_and_style():
    widths = {n: w for n, (_, w) in NERVE_ROLES.items()}
    assert widths["sciatic"] > widths["tibial"] > widths["sural"]
    bm = BodyMapFigure()
    assert bm.nerve_lines["saphenous"][0].get_linestyle() == ":"
    assert bm.nerve_lines["common_fibular"][0].get_linestyle() == "--"


def test_bad_views_and_sizes():
    with pytest.raises(ValueError, match="view must be one of"):
        BodyMapFigure(("back",))
    with pytest.raises(ValueError, match="distinct"):
        BodyMapFigure(("posterior", "posterior"))
    with pytest.raises(ValueError, match="width_in"):
        BodyMapFigure(width_in=0.1)


def test_registered_body_map_is_deterministic():
    assert "01_sciatic_pathway/body_map" in registered_figures()
    fig = build_body_map_figure()
    assert isinstance(fig, Figure)
    assert figure_png(fig) == figure_png(build_body_map_figure())


def test_piriformis_figures_registered():
    slugs = registered_figures()
    for name in ("piriformis_variants", "variant_prevalence", "division_level"):
        spec = slugs[f"01_sciatic_pathway/{name}"]
        assert isinstance(spec.build(), Figure)


def _geometry_copy():
    return copy.deepcopy(dict(geometry()))


@pytest.mark.parametrize(
    ("mutate", "place", "problem"),
    [
        (lambda d: d.update(source_id="hanna2015"), "source_id", "cites teaching_assumption"),
        (lambda d: d.pop("profiles"), "profiles", "required object"),
        (lambda d: d["views"]["lateral"].pop("nerves"), "views.lateral", "missing nerves"),
        (
            lambda d: d["views"]["posterior"]["regions"].update(moon={"polygon": []}),
            "views.posterior",
            r"unknown region id\(s\) \['moon'\]",
        ),
        (
            lambda d: d["profiles"]["leg"]["rows"].reverse(),
            "profiles.leg",
            "strictly decreasing",
        ),
    ],
)
def test_a_broken_geometry_file_names_the_place(mutate, place, problem):
    doc = _geometry_copy()
    mutate(doc)
    with pytest.raises(DataTableError, match=problem) as err:
        check_geometry(doc)
    assert (err.value.file, err.value.column) == ("body_map_geometry.json", place)


def test_geometry_points_resolve_with_the_view_sign():
    # the front view mirrors the right leg: the same recipe lands at -x
    back = resolve_point("test", {"at": ["leg", 41, 0.5]}, 1.0)
    front = resolve_point("test", {"at": ["leg", 41, 0.5]}, -1.0)
    assert front == (-back[0], back[1])
    assert resolve_point("test", "plexus", 1.0) == (5.6, 88.0)
    with pytest.raises(DataTableError, match="unknown profile 'arm'"):
        resolve_point("test", {"at": ["arm", 41, 0.5]}, 1.0)
    with pytest.raises(DataTableError, match=r"expected \[x, y\]"):
        resolve_point("test", [1.0], 1.0)
