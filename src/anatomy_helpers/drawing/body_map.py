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

Drawing conventions (teaching assumptions, not measurements; the numbers live in
``data/body_map_geometry.json``, read by :mod:`anatomy_helpers.drawing.body_geometry`):
only the **right** leg carries regions and nerves; the left leg is outline only. The
posterior view shows the sole turned towards the viewer (as if the person lay face down
with the feet over the end of the plinth), so the heel and sole regions are visible; the
anterior view shows the top of the foot. Region boundaries follow ``body_regions.csv``
(:mod:`anatomy_helpers.regions`); nerve courses follow the descriptions in
``anatomy_nodes.csv`` (Giuffre et al., StatPearls; Hanna 2015) but are schematic.

Colour is never the only channel: territories are hatched, nerves differ in width and
line style (:func:`~anatomy_helpers.drawing.style.role_style`), and are labelled directly.

References
----------
giuffre_statpearls, hanna2015, teaching_assumption
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.text import Text

from anatomy_helpers.drawing.body_geometry import ViewGeometry, poly, view_geometry
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

#: View -> region ids it draws (read-only tuples), in hit-test priority order.
REGION_VIEWS: dict[str, tuple[str, ...]] = {
    view: tuple(view_geometry(view).regions) for view in VIEWS
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
    paths = view_geometry(_check_view(view)).regions
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
    for region_id, path in view_geometry(_check_view(view)).regions.items():
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


def nerve_ids() -> tuple[str, ...]:
    """Every nerve id the body map can draw (roots, sciatic, branches, saphenous)."""
    return tuple(NERVE_ROLES)


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
        geo = view_geometry(view)
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.add_patch(
            PathPatch(
                poly(geo.silhouette),
                facecolor=GREYS["body"],
                edgecolor=GREYS["outline"],
                linewidth=1.4,
                zorder=1,
            )
        )
        _draw_decoration(ax, geo)
        ax.set_title(geo.title, fontsize=11, loc="center")
        ax.set_xlim(*geo.xlim)
        ax.set_ylim(*geo.ylim)
        for region_id, path in geo.regions.items():
            patch = PathPatch(
                path, facecolor="none", edgecolor="none", linewidth=0.0, zorder=3, visible=False
            )
            patch.set_gid(f"region-{view}-{region_id}")
            ax.add_patch(patch)
            self.region_patches[region_id].append(patch)
        for nerve_id, points in geo.nerves.items():
            line = _draw_nerve(ax, nerve_id, points)
            line.set_gid(f"nerve-{view}-{nerve_id}")
            self.nerve_lines[nerve_id].append(line)
        self._add_landmarks(ax, geo)
        self._add_nerve_labels(ax, geo)

    def _add_landmarks(self, ax: Axes, geo: ViewGeometry) -> None:
        for label, xy, text_xy in geo.landmarks:
            ann = ax.annotate(
                _wrap(label),
                xy,
                xytext=text_xy,
                fontsize=9,
                color=GREYS["text"],
                ha="center",
                va="center",
                zorder=9,
                arrowprops=_LEADER,
                bbox=_LABEL_BOX,
                annotation_clip=False,
            )
            (star,) = ax.plot(
                *xy, marker="*", markersize=9, color=GREYS["text"], linestyle="none", zorder=7
            )
            self.landmark_artists.extend([ann, star])
        if geo.muscle_label is not None:
            text, xy, text_xy = geo.muscle_label
            ann = ax.annotate(
                _wrap(text),
                xy,
                xytext=text_xy,
                fontsize=9,
                ha="center",
                va="center",
                zorder=9,
                color=GREYS["text"],
                arrowprops=_LEADER,
                bbox=_LABEL_BOX,
                annotation_clip=False,
            )
            self.landmark_artists.append(ann)

    def _add_nerve_labels(self, ax: Axes, geo: ViewGeometry) -> None:
        for nerve_id, (x, y, text, target) in geo.nerve_labels.items():
            color = role_style(NERVE_ROLES[nerve_id][0])["color"]
            style = {
                "fontsize": 8.5,
                "color": color,
                "ha": "center",
                "va": "center",
                "zorder": 8,
                "fontweight": "bold",
                "bbox": _LABEL_BOX,
            }
            if target is None:
                label = ax.text(x, y, text, **style)
            else:
                leader = {**_LEADER, "color": color}
                label = ax.annotate(
                    text, target, xytext=(x, y), arrowprops=leader, annotation_clip=False, **style
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


#: Leader lines start at the label's centre, under its opaque box (``patchA=None`` skips
#: clipping the line to the box: the box hides that part anyway, and clipping is slow).
_LEADER = {
    "arrowstyle": "-",
    "color": GREYS["outline"],
    "linewidth": 0.8,
    "shrinkA": 0,
    "shrinkB": 0,
    "patchA": None,
}
#: Labels sit on an opaque white box: a nerve, outline or shaded region may pass behind a
#: label, never through its letters.
_LABEL_BOX = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"}


def _wrap(label: str) -> str:
    """Two short lines instead of one long one (labels sit in narrow margins)."""
    return textwrap.fill(label, 11, break_long_words=False)


_MUSCLE_COLOR = "#c9b8c4"


def _draw_decoration(ax: Axes, geo: ViewGeometry) -> None:
    """Folds, creases and the kneecaps (thin grey lines) and the muscle band."""
    line_kw = {"color": GREYS["mid"], "linewidth": 0.9, "zorder": 2}
    for kind, shape in geo.decoration:
        if kind == "line":
            ax.plot(*zip(*shape, strict=True), **line_kw)
        elif kind == "circle":
            centre, radius = shape
            ax.add_patch(
                PathPatch(
                    Path.circle(centre, radius),
                    fill=False,
                    edgecolor=GREYS["mid"],
                    linewidth=0.9,
                    zorder=2,
                )
            )
        else:
            ax.add_patch(
                PathPatch(
                    shape,
                    facecolor=_MUSCLE_COLOR,
                    edgecolor=GREYS["outline"],
                    linewidth=0.8,
                    zorder=2,
                )
            )


def _draw_nerve(ax: Axes, nerve_id: str, points) -> Line2D:
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
    return line


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
