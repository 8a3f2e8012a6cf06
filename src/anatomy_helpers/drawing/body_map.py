"""Lower-body map: outline, skin regions, the sciatic nerve and its branches.

Public API (stable; used by notebook 01 and by the symptom map of notebook 07)
-----------------------------------------------------------------------------
``BodyMapFigure(views=("posterior", "anterior"), *, width_in=None, height_in=None,
show_nerves=True, title=None)``
    Draws one panel per view (``"posterior"``, ``"anterior"``, ``"lateral"``) in a new
    pyplot-free Figure. Attributes:

    * ``fig`` - the :class:`~matplotlib.figure.Figure`;
    * ``axes`` - dict view -> :class:`~matplotlib.axes.Axes` (data units are drawing units,
      roughly centimetres of a small adult; ``y`` up, waist near ``y = 108``, sole near
      ``y = -16``);
    * ``region_patches`` - dict region id -> list of patches (one per view that shows it);
    * ``nerve_lines`` - dict nerve id -> list of lines (one per view that shows it);
    * ``dynamic_artists`` - every artist that :meth:`~BodyMapFigure.shade_regions`,
      :meth:`~BodyMapFigure.highlight_nerves` or :meth:`~BodyMapFigure.show_landmarks`
      may change, for :class:`~anatomy_helpers.drawing.live.LiveFigure`.

    Methods: ``shade_regions(region_ids, *, role="territory", clear=True)`` (shade in
    place; unknown ids raise ``ValueError`` listing the valid ids), ``clear_shading()``,
    ``highlight_nerves(nerve_ids)``, ``show_nerves(visible)``, ``show_landmarks(visible)``.

``region_at(view, x, y) -> str | None``
    Hit-testing in a view's data coordinates: the region id under the point, or ``None``.

``REGION_VIEWS`` / ``regions_in_view(view)``
    Which regions each view draws.

Drawing conventions (teaching assumptions, not measurements): only the **right** leg
carries regions and nerves; the left leg is outline only. The posterior view shows the
sole turned towards the viewer (as if the person lay face down with the feet over the
end of the plinth), so the heel and sole regions are visible; the anterior view shows the
top of the foot. Region boundaries follow ``body_regions.csv``
(:mod:`anatomy_helpers.regions`); nerve courses follow the descriptions in
``anatomy_nodes.csv`` (Giuffre et al., StatPearls; Hanna 2015) but are schematic.

Colour is never the only channel: territories are hatched, nerves differ in width and
line style (:func:`~anatomy_helpers.drawing.style.role_style`), and are labelled directly.

References
----------
giuffre_statpearls, hanna2015, teaching_assumption
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.text import Text

from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.style import GREYS, new_figure, role_style, styled
from anatomy_helpers.regions import body_region_ids

__all__ = [
    "NERVE_ROLES",
    "REGION_VIEWS",
    "VIEWS",
    "BodyMapFigure",
    "build_body_map_figure",
    "nerve_ids",
    "region_at",
    "region_path",
    "regions_in_view",
]

#: Views a body map can show, in display order.
VIEWS = ("posterior", "anterior", "lateral")

# -- geometry --------------------------------------------------------------------------
# Right-leg profile, posterior view: (y, medial edge x, lateral edge x). The anterior view
# mirrors it (x -> -x). Feet: posterior view = sole, anterior view = dorsum.
_LEG = (
    (74.0, 0.8, 17.0),
    (66.0, 1.6, 16.2),
    (56.0, 2.6, 15.0),
    (47.0, 3.4, 13.8),
    (40.0, 3.8, 13.2),
    (33.0, 3.6, 13.6),
    (26.0, 4.4, 12.6),
    (18.0, 5.6, 11.4),
    (10.0, 6.4, 10.8),
    (7.0, 6.4, 10.9),
    (1.0, 6.3, 11.3),
    (-4.0, 6.6, 11.9),
    (-9.0, 5.6, 12.4),
    (-12.0, 5.5, 12.2),
    (-14.5, 6.0, 11.5),
    (-16.2, 7.5, 10.2),
)
# Lateral view, person facing right: (y, back edge x, front edge x) down to the ankle.
_SIDE = (
    (100.0, -8.0, 6.0),
    (92.0, -9.5, 6.5),
    (84.0, -10.5, 7.0),
    (78.0, -10.2, 7.2),
    (72.0, -7.8, 7.2),
    (60.0, -6.8, 7.0),
    (48.0, -5.8, 6.0),
    (42.0, -5.5, 5.6),
    (36.0, -6.2, 4.6),
    (30.0, -6.6, 3.8),
    (22.0, -5.4, 3.2),
    (14.0, -3.6, 2.6),
    (8.0, -3.0, 2.4),
)
_SIDE_FOOT = (
    (-3.0, 8.0),
    (-4.6, 3.0),
    (-4.0, -0.8),
    (14.0, -1.0),
    (16.2, 0.4),
    (15.6, 2.0),
    (8.0, 3.6),
    (2.4, 8.0),
)


def _edges(profile, y: float) -> tuple[float, float]:
    ys = np.array([p[0] for p in profile])[::-1]
    a = np.interp(y, ys, np.array([p[1] for p in profile])[::-1])
    b = np.interp(y, ys, np.array([p[2] for p in profile])[::-1])
    return float(a), float(b)


def _at(profile, y: float, f: float, sign: float = 1.0) -> tuple[float, float]:
    """Point at height ``y``, fraction ``f`` from the first edge (0) to the second (1)."""
    a, b = _edges(profile, y)
    return sign * (a + f * (b - a)), y


def _band(
    profile, y_top: float, y_bottom: float, f0: float, f1: float, sign: float = 1.0, n: int = 12
) -> np.ndarray:
    ys = np.linspace(y_top, y_bottom, n)
    left = [_at(profile, y, f0, sign) for y in ys]
    right = [_at(profile, y, f1, sign) for y in ys[::-1]]
    return np.array(left + right)


def _poly(points) -> Path:
    pts = np.asarray(points, dtype=float)
    return Path(np.vstack([pts, pts[:1]]), closed=True)


def _silhouette_front_back() -> np.ndarray:
    right_lat = [(lat, y) for y, _med, lat in _LEG]
    right_med = [(med, y) for y, med, _lat in _LEG][::-1]
    trunk_right = [(14.0, 108.0), (15.8, 99.0), (17.4, 88.0), (17.4, 80.0)]
    right = [*trunk_right, *right_lat, *right_med, (0.0, 75.5)]
    left = [(-x, y) for x, y in reversed(right[:-1])]
    return np.array(right + left)


def _silhouette_side() -> np.ndarray:
    back = [(b, y) for y, b, _f in _SIDE]
    front = [(f, y) for y, _b, f in _SIDE][::-1]
    return np.array([*back, *_SIDE_FOOT, *front])


def _buttock_points(sign: float) -> np.ndarray:
    t = np.linspace(0.0, 2.0 * np.pi, 28, endpoint=False)
    return np.column_stack([sign * (8.8 + 8.0 * np.cos(t)), 83.2 + 9.8 * np.sin(t)])


@cache
def _region_geometry() -> dict[str, dict[str, Path]]:
    """View -> {region id -> Path}, in hit-test priority order (small regions first)."""
    post: dict[str, Path] = {}
    post["saddle"] = _poly([(0.0, 82.0), (2.2, 77.5), (0.0, 73.2), (-2.2, 77.5)])
    post["popliteal_fossa"] = _poly(
        [_at(_LEG, 50, 0.47), _at(_LEG, 41, 0.82), _at(_LEG, 34, 0.47), _at(_LEG, 41, 0.14)]
    )
    post["heel"] = _poly(_band(_LEG, 7.0, 0.5, 0.0, 1.0, n=4))
    post["lateral_foot"] = _poly(_band(_LEG, 0.5, -16.2, 0.72, 1.0))
    post["sole"] = _poly(_band(_LEG, 0.5, -16.2, 0.0, 0.72))
    post["lower_back"] = _poly(
        [
            (-14.0, 107.0),
            (14.0, 107.0),
            (15.4, 98.0),
            (9.0, 93.5),
            (0.0, 92.0),
            (-9.0, 93.5),
            (-15.4, 98.0),
        ]
    )
    post["buttock"] = _poly(_buttock_points(1.0))
    post["lateral_thigh"] = _poly(_band(_LEG, 78.0, 44.0, 0.8, 1.0))
    post["posterior_thigh"] = _poly(_band(_LEG, 73.0, 44.0, 0.0, 0.8))
    post["medial_leg"] = _poly(_band(_LEG, 38.0, 8.0, 0.0, 0.22))
    post["lateral_leg"] = _poly(_band(_LEG, 38.0, 8.0, 0.78, 1.0))
    post["posterior_calf"] = _poly(_band(_LEG, 44.0, 8.0, 0.22, 0.78))

    ant: dict[str, Path] = {}
    s = -1.0
    web = [
        _at(_LEG, -8.5, 0.12, s),
        _at(_LEG, -8.5, 0.34, s),
        _at(_LEG, -13.6, 0.30, s),
        _at(_LEG, -13.0, 0.2, s),
    ]
    ant["first_web_space"] = _poly(web)
    ant["lateral_foot"] = _poly(_band(_LEG, 3.0, -16.2, 0.75, 1.0, s))
    ant["dorsum_foot"] = _poly(_band(_LEG, 6.0, -16.2, 0.0, 0.75, s))
    ant["medial_leg"] = _poly(_band(_LEG, 39.0, 6.0, 0.0, 0.28, s))
    ant["lateral_leg"] = _poly(_band(_LEG, 39.0, 6.0, 0.72, 1.0, s))
    ant["anterior_leg"] = _poly(_band(_LEG, 39.0, 6.0, 0.28, 0.72, s))
    ant["lateral_thigh"] = _poly(_band(_LEG, 80.0, 43.0, 0.78, 1.0, s))
    ant["anterior_thigh"] = _poly(_band(_LEG, 76.0, 43.0, 0.0, 0.78, s))

    lat: dict[str, Path] = {}
    lat["popliteal_fossa"] = _poly(_band(_SIDE, 47.0, 37.0, 0.0, 0.18, n=5))
    lat["heel"] = _poly([(-3.0, 8.0), (-4.6, 3.0), (-4.0, -0.8), (-0.5, -0.9), (-0.4, 7.0)])
    lat["lateral_foot"] = _poly(
        [(-0.5, -0.9), (14.0, -1.0), (16.2, 0.4), (15.8, 1.4), (-0.45, 2.2)]
    )
    lat["dorsum_foot"] = _poly(
        [(-0.45, 2.2), (15.8, 1.4), (15.6, 2.0), (8.0, 3.6), (2.4, 8.0), (-0.4, 7.0)]
    )
    lat["buttock"] = _poly(_band(_SIDE, 94.0, 72.0, 0.0, 0.32))
    lat["posterior_thigh"] = _poly(_band(_SIDE, 72.0, 44.0, 0.0, 0.3))
    lat["anterior_thigh"] = _poly(_band(_SIDE, 84.0, 44.0, 0.82, 1.0))
    lat["lateral_thigh"] = _poly(np.vstack([_band(_SIDE, 86.0, 44.0, 0.3, 0.82)]))
    lat["posterior_calf"] = _poly(_band(_SIDE, 40.0, 8.0, 0.0, 0.3))
    lat["anterior_leg"] = _poly(_band(_SIDE, 40.0, 8.0, 0.78, 1.0))
    lat["lateral_leg"] = _poly(_band(_SIDE, 40.0, 8.0, 0.3, 0.78))
    return {"posterior": post, "anterior": ant, "lateral": lat}


#: View -> region ids it draws (read-only tuples).
REGION_VIEWS: dict[str, tuple[str, ...]] = {
    view: tuple(paths) for view, paths in _region_geometry().items()
}


def _check_view(view: str) -> str:
    if view not in VIEWS:
        msg = f"view must be one of {', '.join(VIEWS)}; got {view!r}"
        raise ValueError(msg)
    return view


def regions_in_view(view: str) -> tuple[str, ...]:
    """Region ids drawn in ``view`` (``"posterior"``, ``"anterior"`` or ``"lateral"``).

    Raises
    ------
    ValueError
        For an unknown view.
    """
    return REGION_VIEWS[_check_view(view)]


def region_path(view: str, region_id: str) -> Path:
    """The outline of ``region_id`` in ``view`` (data coordinates).

    Raises
    ------
    ValueError
        For an unknown view, or a region the view does not draw.
    """
    paths = _region_geometry()[_check_view(view)]
    if region_id not in paths:
        msg = (
            f"region {region_id!r} is not drawn in the {view} view; "
            f"regions in this view: {', '.join(paths)}"
        )
        raise ValueError(msg)
    return paths[region_id]


def region_at(view: str, x: float, y: float) -> str | None:
    """The region under a point of a view (hit-testing for clickable maps).

    Parameters
    ----------
    view : {"posterior", "anterior", "lateral"}
        Which panel.
    x, y : float
        Data coordinates of that panel's Axes (drawing units).

    Returns
    -------
    str or None
        A region id from :func:`anatomy_helpers.regions.body_region_ids`, or ``None``
        outside every region.

    Examples
    --------
    >>> region_at("posterior", 9.0, 60.0)
    'posterior_thigh'
    >>> region_at("posterior", 40.0, 60.0) is None
    True
    """
    for name, value in (("x", x), ("y", y)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)):
            msg = f"{name} must be a number, got {type(value).__name__}"
            raise TypeError(msg)
    for region_id, path in _region_geometry()[_check_view(view)].items():
        if path.contains_point((float(x), float(y))):
            return region_id
    return None


# -- nerves ----------------------------------------------------------------------------
#: Nerve id -> drawing role (:func:`role_style`) and line width (points); width encodes
#: the hierarchy: sciatic > tibial / common fibular > branches and roots.
NERVE_ROLES: dict[str, tuple[str, float]] = {
    "L4": ("root", 1.8),
    "L5": ("root", 1.8),
    "S1": ("root", 1.8),
    "S2": ("root", 1.8),
    "S3": ("root", 1.8),
    "sciatic": ("sciatic", 5.0),
    "tibial": ("tibial", 3.4),
    "common_fibular": ("common_fibular", 3.4),
    "sural": ("tibial", 1.8),
    "medial_plantar": ("tibial", 1.8),
    "lateral_plantar": ("tibial", 1.8),
    "superficial_fibular": ("common_fibular", 1.8),
    "deep_fibular": ("common_fibular", 1.8),
    "saphenous": ("not_sciatic", 1.8),
}

_ROOT_START = {
    "L4": (3.0, 103.5),
    "L5": (2.4, 100.5),
    "S1": (1.8, 97.5),
    "S2": (1.4, 94.8),
    "S3": (1.1, 92.4),
}
_PLEXUS = (5.6, 88.0)


def _nerve_courses() -> dict[str, dict[str, list[tuple[float, float]]]]:
    """View -> nerve id -> polyline (schematic courses, right leg)."""
    post: dict[str, list[tuple[float, float]]] = {}
    for root, start in _ROOT_START.items():
        post[root] = [start, (start[0] + 1.2, start[1] - 3.5), _PLEXUS]
    post["sciatic"] = [
        _PLEXUS,
        (7.3, 84.0),
        (8.4, 79.0),
        _at(_LEG, 72, 0.47),
        _at(_LEG, 60, 0.48),
        _at(_LEG, 50, 0.47),
    ]
    post["tibial"] = [
        _at(_LEG, 50, 0.47),
        _at(_LEG, 42, 0.46),
        _at(_LEG, 32, 0.45),
        _at(_LEG, 22, 0.38),
        _at(_LEG, 12, 0.24),
        _at(_LEG, 6.5, 0.12),
        _at(_LEG, 2.0, 0.16),
    ]
    post["medial_plantar"] = [_at(_LEG, 2.0, 0.16), _at(_LEG, -5.0, 0.2), _at(_LEG, -12.5, 0.18)]
    post["lateral_plantar"] = [_at(_LEG, 2.0, 0.16), _at(_LEG, -4.0, 0.5), _at(_LEG, -11.5, 0.7)]
    post["common_fibular"] = [
        _at(_LEG, 50, 0.47),
        _at(_LEG, 45, 0.66),
        _at(_LEG, 40, 0.84),
        _at(_LEG, 36, 0.96),
        _at(_LEG, 33.5, 1.0),
    ]
    post["sural"] = [
        _at(_LEG, 43, 0.46),
        _at(_LEG, 34, 0.56),
        _at(_LEG, 24, 0.64),
        _at(_LEG, 14, 0.74),
        _at(_LEG, 7.5, 0.93),
        _at(_LEG, 0.0, 0.9),
        _at(_LEG, -10.0, 0.9),
    ]

    ant: dict[str, list[tuple[float, float]]] = {}
    s = -1.0
    ant["common_fibular"] = [_at(_LEG, 36.5, 1.0, s), _at(_LEG, 33.5, 0.88, s)]
    ant["deep_fibular"] = [
        _at(_LEG, 33.5, 0.88, s),
        _at(_LEG, 28, 0.66, s),
        _at(_LEG, 16, 0.55, s),
        _at(_LEG, 6, 0.5, s),
        _at(_LEG, -3, 0.36, s),
        _at(_LEG, -10, 0.24, s),
    ]
    ant["superficial_fibular"] = [
        _at(_LEG, 33.5, 0.88, s),
        _at(_LEG, 24, 0.84, s),
        _at(_LEG, 12, 0.74, s),
        _at(_LEG, 4, 0.62, s),
        _at(_LEG, -5, 0.55, s),
        _at(_LEG, -13, 0.5, s),
    ]
    ant["saphenous"] = [
        _at(_LEG, 46, 0.1, s),
        _at(_LEG, 34, 0.06, s),
        _at(_LEG, 18, 0.08, s),
        _at(_LEG, 6, 0.06, s),
        _at(_LEG, -2, 0.04, s),
    ]

    lat: dict[str, list[tuple[float, float]]] = {}
    lat["sciatic"] = [_at(_SIDE, 86, 0.3), _at(_SIDE, 72, 0.24), _at(_SIDE, 50, 0.22)]
    lat["tibial"] = [
        _at(_SIDE, 50, 0.22),
        _at(_SIDE, 40, 0.14),
        _at(_SIDE, 22, 0.14),
        _at(_SIDE, 10, 0.12),
    ]
    lat["common_fibular"] = [_at(_SIDE, 50, 0.22), _at(_SIDE, 42, 0.4), _at(_SIDE, 36, 0.58)]
    lat["superficial_fibular"] = [
        _at(_SIDE, 36, 0.58),
        _at(_SIDE, 24, 0.62),
        _at(_SIDE, 10, 0.66),
        (4.0, 5.5),
        (11.0, 2.6),
    ]
    lat["deep_fibular"] = [_at(_SIDE, 36, 0.58), _at(_SIDE, 30, 0.8), _at(_SIDE, 12, 0.86)]
    lat["sural"] = [
        _at(_SIDE, 42, 0.12),
        _at(_SIDE, 24, 0.2),
        _at(_SIDE, 10, 0.3),
        (-1.6, 3.5),
        (4.0, 0.5),
        (13.5, 0.0),
    ]
    return {"posterior": post, "anterior": ant, "lateral": lat}


def nerve_ids() -> tuple[str, ...]:
    """Every nerve id the body map can draw (roots, sciatic, branches, saphenous)."""
    return tuple(NERVE_ROLES)


# -- landmarks (schematic positions) --------------------------------------------------
@dataclass(frozen=True)
class _Landmark:
    landmark_id: str
    label: str
    view: str
    xy: tuple[float, float]
    text_xy: tuple[float, float]


_LANDMARKS = (
    _Landmark("ischial_tuberosity", "Ischial tuberosity", "posterior", (4.2, 75.5), (-16.0, 66.0)),
    _Landmark("greater_trochanter", "Greater trochanter", "posterior", (16.4, 81.0), (19.5, 90.0)),
    _Landmark("popliteal_fossa", "Popliteal fossa", "posterior", _at(_LEG, 41, 0.3), (-17.0, 42.0)),
    _Landmark("fibular_neck", "Fibular neck", "posterior", _at(_LEG, 34.5, 0.98), (19.5, 26.0)),
    _Landmark("fibular_neck", "Fibular neck", "lateral", _at(_SIDE, 36, 0.58), (9.5, 30.0)),
)
# Piriformis: a muscle band from the sacrum to the greater trochanter (posterior view).
_PIRIFORMIS = ((1.6, 91.5), (7.0, 88.8), (16.2, 82.8), (16.0, 81.0), (7.2, 85.6), (1.8, 88.5))


class BodyMapFigure:
    """A lower-body map with shadable regions and highlightable nerves.

    Parameters
    ----------
    views : sequence of {"posterior", "anterior", "lateral"}, default ("posterior", "anterior")
        Panels, left to right (no repeats).
    width_in, height_in : float, optional
        Figure size in inches (default 3.3 in per panel x 6.4 in).
    show_nerves : bool, default True
        Draw the nerves at start (:meth:`show_nerves` toggles them later).
    title : str, optional
        Figure title.

    Attributes
    ----------
    fig : matplotlib.figure.Figure
    axes : dict of str to Axes
    region_patches : dict of str to list of PathPatch
    nerve_lines : dict of str to list of Line2D
    landmark_artists : list of Artist
    shaded : dict of str to str
        Region id -> role of the current shading.

    Examples
    --------
    >>> bm = BodyMapFigure()
    >>> bm.shade_regions(["first_web_space", "lateral_leg"])
    >>> sorted(bm.shaded)
    ['first_web_space', 'lateral_leg']

    References
    ----------
    giuffre_statpearls, hanna2015, teaching_assumption (drawing proportions)
    """

    @styled
    def __init__(
        self,
        views: Sequence[str] = ("posterior", "anterior"),
        *,
        width_in: float | None = None,
        height_in: float | None = None,
        show_nerves: bool = True,
        title: str | None = None,
    ):
        if isinstance(views, str):
            views = (views,)
        views = tuple(views)
        if not views or len(set(views)) != len(views):
            msg = f"views must be 1-3 distinct names from {', '.join(VIEWS)}; got {views!r}"
            raise ValueError(msg)
        for view in views:
            _check_view(view)
        for name, value in (("width_in", width_in), ("height_in", height_in)):
            if value is not None and not (isinstance(value, (int, float)) and 1 <= value <= 30):
                msg = f"{name} must be a number of inches from 1 to 30, got {value!r}"
                raise ValueError(msg)
        self.views = views
        self.fig: Figure = new_figure(width_in or 3.3 * len(views), height_in or 6.4)
        axs = self.fig.subplots(1, len(views), squeeze=False)[0]
        self.axes: dict[str, Axes] = dict(zip(views, axs, strict=True))
        self.region_patches: dict[str, list[PathPatch]] = {r: [] for r in body_region_ids()}
        self.nerve_lines: dict[str, list[Line2D]] = {n: [] for n in NERVE_ROLES}
        self.nerve_labels: dict[str, list[Text]] = {n: [] for n in NERVE_ROLES}
        self.landmark_artists: list = []
        self.shaded: dict[str, str] = {}
        self._highlighted: tuple[str, ...] = ()
        self._nerves_visible = show_nerves
        for view, ax in self.axes.items():
            self._draw_view(view, ax)
        if title:
            self.fig.suptitle(title)
        self.show_landmarks(False)
        self.highlight_nerves(())

    # -- construction --------------------------------------------------------------------
    def _draw_view(self, view: str, ax: Axes) -> None:
        ax.set_aspect("equal")
        ax.set_axis_off()
        body = _silhouette_side() if view == "lateral" else _silhouette_front_back()
        ax.add_patch(
            PathPatch(
                _poly(body),
                facecolor=GREYS["body"],
                edgecolor=GREYS["outline"],
                linewidth=1.4,
                zorder=1,
            )
        )
        line_kw = {"color": GREYS["mid"], "linewidth": 0.9, "zorder": 2}
        if view == "posterior":
            ax.plot([0, 0], [93.0, 76.5], **line_kw)
            for sign in (1.0, -1.0):
                xs = np.array([1.2, 6.0, 12.0, 16.4])
                ax.plot(sign * xs, [73.6, 72.6, 73.4, 76.5], **line_kw)
                knee = [_at(_LEG, 40.5, f, sign) for f in (0.2, 0.5, 0.8)]
                ax.plot(*zip(*knee, strict=True), **line_kw)
            ax.add_patch(
                PathPatch(
                    _poly(_PIRIFORMIS),
                    facecolor="#c9b8c4",
                    edgecolor=GREYS["outline"],
                    linewidth=0.8,
                    zorder=2,
                )
            )
            subtitle = "Back (soles shown)"
        elif view == "anterior":
            for sign in (1.0, -1.0):
                ax.plot(sign * np.array([3.0, 9.0, 16.5]), [80.0, 84.0, 90.0], **line_kw)
                cx, _ = _at(_LEG, 41.0, 0.5, sign)
                ax.add_patch(
                    PathPatch(
                        Path.circle((cx, 41.0), 2.6),
                        fill=False,
                        edgecolor=GREYS["mid"],
                        linewidth=0.9,
                        zorder=2,
                    )
                )
            subtitle = "Front"
        else:
            ax.plot([_at(_SIDE, 72, 0.0)[0], _at(_SIDE, 72, 0.35)[0]], [72.0, 71.0], **line_kw)
            subtitle = "Right side"
        ax.set_title(subtitle, fontsize=11, loc="center")
        xlim = (-14.0, 22.0) if view == "lateral" else (-21.0, 21.0)
        ax.set_xlim(*xlim)
        ax.set_ylim(-18.0, 110.0)

        for region_id, path in _region_geometry()[view].items():
            patch = PathPatch(
                path, facecolor="none", edgecolor="none", linewidth=0.0, zorder=3, visible=False
            )
            patch.set_gid(f"region-{view}-{region_id}")
            ax.add_patch(patch)
            self.region_patches[region_id].append(patch)

        for nerve_id, points in _nerve_courses()[view].items():
            role, width = NERVE_ROLES[nerve_id]
            style = role_style(role)
            xs, ys = zip(*points, strict=True)
            (line,) = ax.plot(
                xs,
                ys,
                color=style["color"],
                linestyle=style["linestyle"],
                linewidth=width,
                solid_capstyle="round",
                zorder=5,
            )
            line.set_gid(f"nerve-{view}-{nerve_id}")
            self.nerve_lines[nerve_id].append(line)

        for mark in _LANDMARKS:
            if mark.view != view:
                continue
            ann = ax.annotate(
                mark.label,
                mark.xy,
                xytext=mark.text_xy,
                fontsize=9,
                color=GREYS["text"],
                ha="center",
                va="center",
                zorder=7,
                arrowprops={"arrowstyle": "-", "color": GREYS["outline"], "linewidth": 0.8},
            )
            (star,) = ax.plot(
                *mark.xy, marker="*", markersize=9, color=GREYS["text"], linestyle="none", zorder=7
            )
            self.landmark_artists.extend([ann, star])
        if view == "posterior":
            ann = ax.annotate(
                "Piriformis",
                (9.0, 86.5),
                xytext=(-13.5, 86.0),
                fontsize=9,
                ha="center",
                va="center",
                zorder=7,
                color=GREYS["text"],
                arrowprops={"arrowstyle": "-", "color": GREYS["outline"], "linewidth": 0.8},
                annotation_clip=False,
            )
            self.landmark_artists.append(ann)
        self._add_nerve_labels(view, ax)

    def _add_nerve_labels(self, view: str, ax: Axes) -> None:
        spots = {
            "posterior": {
                "sciatic": (9.9, 63.0, "Sciatic"),
                "tibial": (1.2, 22.0, "Tibial"),
                "common_fibular": (17.0, 47.0, "Common\nfibular"),
                "sural": (16.0, 12.0, "Sural"),
                "medial_plantar": (0.3, -8.0, "Medial\nplantar"),
                "lateral_plantar": (17.0, -7.0, "Lateral\nplantar"),
                "L4": (-8.0, 103.5, "Roots L4–S3"),
            },
            "anterior": {
                "deep_fibular": (0.0, 14.0, "Deep\nfibular"),
                "superficial_fibular": (-17.5, 18.0, "Superficial\nfibular"),
                "saphenous": (5.0, 46.0, "Saphenous\n(femoral,\nnot sciatic)"),
                "common_fibular": (-17.0, 40.0, "Common\nfibular"),
            },
            "lateral": {
                "sciatic": (-12.0, 62.0, "Sciatic"),
                "common_fibular": (12.0, 45.0, "Common\nfibular"),
                "superficial_fibular": (12.0, 18.0, "Superficial\nfibular"),
                "sural": (-11.0, 12.0, "Sural"),
            },
        }[view]
        for nerve_id, (x, y, text) in spots.items():
            color = role_style(NERVE_ROLES[nerve_id][0])["color"]
            label = ax.text(
                x,
                y,
                text,
                fontsize=8.5,
                color=color,
                ha="center",
                va="center",
                zorder=8,
                fontweight="bold",
            )
            self.nerve_labels[nerve_id].append(label)

    # -- public updates ------------------------------------------------------------------
    @property
    def dynamic_artists(self) -> tuple:
        """Artists the update methods change, for ``LiveFigure(dynamic=...)``.

        Region patches, nerve lines and landmark artists. Nerve *labels* are static (text
        is slow to redraw), so after :meth:`show_nerves` call ``LiveFigure.invalidate()``.
        """
        patches = [p for ps in self.region_patches.values() for p in ps]
        lines = [ln for ls in self.nerve_lines.values() for ln in ls]
        return (*patches, *lines, *self.landmark_artists)

    def clear_shading(self) -> None:
        """Remove all region shading."""
        for patches in self.region_patches.values():
            for patch in patches:
                patch.set_visible(False)
        self.shaded = {}

    def shade_regions(
        self,
        region_ids: Iterable[str],
        *,
        role: str = "territory",
        clear: bool = True,
        alpha: float = 0.45,
    ) -> None:
        """Shade skin regions (in place).

        Parameters
        ----------
        region_ids : iterable of str
            Ids from :func:`anatomy_helpers.regions.body_region_ids`.
        role : str, default "territory"
            A :func:`role_style` role giving the colour (``"territory"``, ``"highlight"``,
            ``"tibial"``...). Every role is also hatched, so shading never relies on colour.
        clear : bool, default True
            Remove earlier shading first; ``False`` adds to it.
        alpha : float, default 0.45
            Fill opacity, 0.05-1.

        Raises
        ------
        ValueError
            For an unknown region id (the message lists the valid ids), role or alpha.
        """
        if isinstance(region_ids, str):
            region_ids = (region_ids,)
        ids = tuple(region_ids)
        valid = body_region_ids()
        unknown = [r for r in ids if r not in valid]
        if unknown:
            msg = f"unknown region id(s) {unknown}; valid region ids: {', '.join(valid)}"
            raise ValueError(msg)
        style = role_style(role)
        if not isinstance(alpha, (int, float)) or not 0.05 <= alpha <= 1.0:
            msg = f"alpha must be a number from 0.05 to 1, got {alpha!r}"
            raise ValueError(msg)
        if clear:
            self.clear_shading()
        hatch = "xx" if role == "highlight" else "///"
        for region_id in ids:
            for patch in self.region_patches[region_id]:
                patch.set_facecolor((*_rgb(style["color"]), alpha))
                patch.set_edgecolor(style["color"])
                patch.set_hatch(hatch)
                patch.set_linewidth(1.0)
                patch.set_visible(True)
            self.shaded[region_id] = role

    def highlight_nerves(self, nerve_ids: Iterable[str]) -> None:
        """Draw the given nerves at full strength and fade the rest.

        Parameters
        ----------
        nerve_ids : iterable of str
            Ids from :func:`nerve_ids`; empty = all nerves drawn normally.

        Raises
        ------
        ValueError
            For an unknown nerve id (the message lists the valid ids).
        """
        if isinstance(nerve_ids, str):
            nerve_ids = (nerve_ids,)
        ids = tuple(nerve_ids)
        unknown = [n for n in ids if n not in NERVE_ROLES]
        if unknown:
            msg = f"unknown nerve id(s) {unknown}; valid nerve ids: {', '.join(NERVE_ROLES)}"
            raise ValueError(msg)
        self._highlighted = ids
        for nerve_id, lines in self.nerve_lines.items():
            on = not ids or nerve_id in ids
            width = NERVE_ROLES[nerve_id][1]
            for line in lines:
                line.set_alpha(1.0 if on else 0.22)
                line.set_linewidth(width * (1.35 if ids and on else 1.0))
                line.set_visible(self._nerves_visible)
            for label in self.nerve_labels[nerve_id]:
                label.set_visible(self._nerves_visible)

    @property
    def highlighted(self) -> tuple[str, ...]:
        """Nerve ids currently highlighted (empty = none singled out)."""
        return self._highlighted

    def show_nerves(self, visible: bool) -> None:
        """Show or hide every nerve line and label (labels are static: invalidate a LiveFigure)."""
        self._nerves_visible = bool(visible)
        self.highlight_nerves(self._highlighted)

    def show_landmarks(self, visible: bool) -> None:
        """Show or hide the landmark markers and labels."""
        for artist in self.landmark_artists:
            artist.set_visible(bool(visible))


def _rgb(color: str) -> tuple[float, float, float]:
    color = color.lstrip("#")
    return tuple(int(color[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


@register_figure(
    "01_sciatic_pathway/body_map",
    alt=(
        "Back, front and side views of the lower body. On the right leg the sciatic nerve "
        "(thick solid blue line) runs from the roots L4 to S3 below the piriformis muscle and "
        "down the back of the thigh, dividing above the knee into the tibial nerve (green, "
        "down the calf into the sole) and the common fibular nerve (dashed vermillion, round "
        "the fibular neck to the superficial and deep fibular nerves on the front and side "
        "of the leg). The saphenous nerve on the inner leg is dotted grey and labelled not "
        "sciatic. Landmarks are starred."
    ),
    caption="The sciatic nerve and its branches on a schematic lower-body map.",
    source_ids=("giuffre_statpearls", "hanna2015", "teaching_assumption"),
)
def build_body_map_figure() -> Figure:
    """The body map with all three views, nerves and landmarks (exported figure)."""
    bm = BodyMapFigure(("posterior", "anterior", "lateral"), width_in=9.6, height_in=6.6)
    bm.show_landmarks(True)
    return bm.fig
