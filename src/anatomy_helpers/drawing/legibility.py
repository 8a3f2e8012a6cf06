"""Check that a figure's text is legible: no overlaps, nothing struck through, nothing clipped.

The check draws the figure with Agg and records the :class:`~matplotlib.text.Text` artists
whose glyphs reach the renderer's ``draw_text`` (its ``mtext`` argument is the artist; for a
text of several lines matplotlib passes none, so ``Text.draw`` is wrapped too), so hidden
or empty text is not judged and every drawn text is, wherever it sits. By default the draw
lays the figure out exactly as a real one but paints no pixels (every other ``draw_*`` call
is a no-op), which is several times faster; ``rasterize=True`` paints them. A widget's
animated artists are passed as ``extra_artists`` and its layout is kept as last rendered
(``layout=False``). For every drawn text the check then asks, in display pixels:

``overlap``
    Does the text's box overlap another drawn text's box? An annotation is judged by its
    text box, not by its arrow; a text with a background box (``bbox=``) is judged with
    the box.
``struck``
    Does a line run through the text: a data line (``Axes.lines``: its segments, with
    their stroke width, and its markers), a line collection, the outline of a patch (a
    body silhouette, a circle) or the hatching of a hatched patch? Does a bar (a patch of
    a ``BarContainer``) cover part of it? A text drawn on an opaque background above the
    line (its own ``bbox`` with face alpha 1, or a legend frame with face alpha 1) is
    exempt; so is a text that lies wholly inside a bar (a label written in the bar).
``clipped``
    Does the text reach outside the canvas, or outside its own clip box (an ``ax.text``
    outside its Axes is cut off)?

Text boxes are matplotlib's layout boxes (line height, not ink), shrunk by a small
tolerance so that boxes that merely touch do not count.

Examples
--------
>>> from anatomy_helpers.drawing.style import new_figure
>>> fig = new_figure(3, 2)
>>> ax = fig.add_subplot()
>>> _ = ax.plot([0, 1], [0.5, 0.5])
>>> _ = ax.text(0.5, 0.5, "struck", ha="center", va="center")
>>> [p.kind for p in check_figure(fig)]
['struck']
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex, to_rgba, to_rgba_array
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

__all__ = [
    "DrawnText",
    "LegibilityProblem",
    "check_figure",
    "drawn_texts",
    "format_problems",
    "recording_texts",
]

#: Pixels a box is shrunk by on each side before testing (boxes that touch do not count).
TOLERANCE_PX = 1.0


@dataclass(frozen=True)
class LegibilityProblem:
    """One legibility defect.

    Attributes
    ----------
    kind : {"overlap", "struck", "clipped"}
        What is wrong (see the module docstring).
    text : str
        The text concerned.
    other : str
        The other text, the line or bar, or what clips it.
    box : tuple of float
        The text's box in display pixels ``(x0, y0, x1, y1)``.
    """

    kind: str
    text: str
    other: str
    box: tuple[float, float, float, float]

    def __str__(self) -> str:
        what = {"overlap": "overlaps", "struck": "is struck by", "clipped": "is clipped by"}
        x0, y0, x1, y1 = self.box
        return (
            f"{self.text!r} {what[self.kind]} {self.other} "
            f"(text box x {x0:.0f}-{x1:.0f}, y {y0:.0f}-{y1:.0f} px)"
        )


@dataclass(frozen=True)
class DrawnText:
    """A text the renderer drew, with its box in display pixels."""

    artist: Text
    box: Bbox
    outer: Bbox  # box including the text's own background patch, if any
    opaque: bool  # drawn on an opaque background (own bbox or legend frame)
    zorder: float

    @property
    def label(self) -> str:
        """The text on one line."""
        return " ".join(self.artist.get_text().split())


class _Recorder:
    """Collects the Text artists whose glyphs reach ``draw_text``, each once, in order.

    ``draw_text`` names its artist (``mtext``) only for one-line text: for a text of
    several lines matplotlib passes ``mtext=None`` for every line. So ``Text.draw`` is
    wrapped too, and a line drawn without ``mtext`` belongs to the text being drawn.
    """

    def __init__(self) -> None:
        self.drawn: list[Text] = []
        self._seen: set[int] = set()
        self._drawing: list[Text] = []

    def note(self, s: str, mtext: Text | None) -> None:
        artist = mtext if mtext is not None else (self._drawing[-1] if self._drawing else None)
        if artist is not None and id(artist) not in self._seen and s.strip():
            self._seen.add(id(artist))
            self.drawn.append(artist)

    @contextlib.contextmanager
    def text_draws(self) -> Iterator[None]:
        original = Text.draw
        recorder = self

        def draw(self, renderer):
            recorder._drawing.append(self)
            try:
                return original(self, renderer)
            finally:
                recorder._drawing.pop()

        Text.draw = draw
        try:
            yield
        finally:
            Text.draw = original


@contextlib.contextmanager
def recording_texts() -> Iterator[list[Text]]:
    """Record, in order, every Text artist that Agg draws inside the block.

    Wraps ``RendererAgg.draw_text`` (and ``Text.draw``, to name the artist of a text of
    several lines, which ``draw_text`` is not told).

    Yields
    ------
    list of Text
        Filled as the renderer draws (each artist once).
    """
    recorder = _Recorder()
    original = RendererAgg.draw_text

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        recorder.note(s, mtext)
        return original(self, gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    RendererAgg.draw_text = draw_text
    try:
        with recorder.text_draws():
            yield recorder.drawn
    finally:
        RendererAgg.draw_text = original


def _text_box(text: Text, renderer) -> Bbox:
    if isinstance(text, Annotation):
        text.update_positions(renderer)
        return Text.get_window_extent(text, renderer)
    return text.get_window_extent(renderer)


def _legend_of(fig: Figure) -> dict[int, Legend]:
    legends = list(fig.legends)
    for ax in _all_axes(fig):
        if ax.get_legend() is not None:
            legends.append(ax.get_legend())
    owner = {}
    for legend in legends:
        for text in [*legend.get_texts(), legend.get_title()]:
            owner[id(text)] = legend
    return owner


def _opaque_face(patch) -> bool:
    return (
        patch is not None
        and patch.get_visible()
        and patch.get_fill()
        and to_rgba(patch.get_facecolor())[3] >= 0.999
        and (patch.get_alpha() is None or patch.get_alpha() >= 0.999)
    )


@contextlib.contextmanager
def _layout_frozen(fig: Figure, frozen: bool) -> Iterator[None]:
    """Inside the block a draw keeps the Axes where the last layout put them."""
    if not frozen or fig.get_layout_engine() is None:
        yield
        return
    fig.get_layout_engine = lambda: None  # instance attribute shadows the method
    try:
        yield
    finally:
        del fig.get_layout_engine


def _record_draw(
    fig: Figure, extra_artists: Sequence[Artist], rasterize: bool, layout: bool
) -> list[Text]:
    """Draw the figure (and ``extra_artists`` on top) and return the texts drawn."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    with _layout_frozen(fig, not layout):
        return _record_draw_now(fig, extra_artists, rasterize)


def _record_draw_now(fig: Figure, extra_artists: Sequence[Artist], rasterize: bool) -> list[Text]:
    if rasterize:
        with recording_texts() as drawn:
            fig.canvas.draw()
            renderer = fig.canvas.get_renderer()
            for artist in extra_artists:
                if artist.get_visible():
                    artist.draw(renderer)
        return drawn
    # Layout and text placement exactly as in a real draw, but no pixels are painted:
    # every draw_* call of the renderer is a no-op, and draw_text only records its artist.
    renderer = fig.canvas.get_renderer()
    recorder = _Recorder()

    def noop(*_args, **_kwargs) -> None:
        return None

    def draw_text(_gc, _x, _y, s, _prop, _angle, ismath=False, mtext=None) -> None:
        recorder.note(s, mtext)

    no_ops = {
        name: noop
        for name in dir(RendererBase)
        if name.startswith("draw_") or name in ("open_group", "close_group")
    }
    no_ops["draw_text"] = draw_text
    saved = {name: renderer.__dict__[name] for name in no_ops if name in renderer.__dict__}
    for name, fn in no_ops.items():
        setattr(renderer, name, fn)
    try:
        with recorder.text_draws():
            fig.draw(renderer)
            for artist in extra_artists:
                if artist.get_visible():
                    artist.draw(renderer)
    finally:
        for name in no_ops:
            if name in saved:
                setattr(renderer, name, saved[name])
            else:
                delattr(renderer, name)
    return recorder.drawn


def drawn_texts(
    fig: Figure,
    *,
    extra_artists: Sequence[Artist] = (),
    rasterize: bool = False,
    layout: bool = True,
) -> list[DrawnText]:
    """Draw ``fig`` and return the texts drawn, with their boxes in display pixels.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    extra_artists : sequence of Artist, optional
        Animated artists drawn on top (a widget's ``LiveFigure.dynamic``): a normal draw
        skips animated artists.
    rasterize : bool, default False
        Paint pixels with Agg (slower); by default the figure is laid out and drawn with
        every painting call of the renderer turned off, which places text identically.
    layout : bool, default True
        Run the figure's layout engine; ``False`` keeps the Axes where the last draw put
        them, as a widget's blitted updates do (its layout runs on full redraws only).

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure.
    """
    if not isinstance(fig, Figure):
        msg = f"fig must be a matplotlib Figure, got {type(fig).__name__}"
        raise TypeError(msg)
    drawn = _record_draw(fig, tuple(extra_artists), rasterize, layout)
    renderer = fig.canvas.get_renderer()
    legends = _legend_of(fig)
    result = []
    for text in drawn:
        box = _text_box(text, renderer)
        outer = box
        patch = text.get_bbox_patch()
        opaque = False
        zorder = text.get_zorder()
        if patch is not None and patch.get_visible():
            outer = Bbox.union([box, patch.get_window_extent(renderer)])
            opaque = _opaque_face(patch)
        legend = legends.get(id(text))
        if legend is not None:
            zorder = legend.get_zorder()
            opaque = opaque or (legend.get_frame_on() and _opaque_face(legend.get_frame()))
        result.append(DrawnText(text, box, outer, opaque, zorder))
    return result


def _all_axes(fig: Figure) -> list[Axes]:
    out: list[Axes] = []
    stack = list(fig.axes)
    while stack:
        ax = stack.pop(0)
        if ax in out:
            continue
        out.append(ax)
        stack.extend(getattr(ax, "child_axes", []))
    return out


# Rectangles are plain tuples (x0, y0, x1, y1) in display pixels: Bbox objects are slow.
Rect = tuple[float, float, float, float]


def _rect(box: Bbox) -> Rect:
    (x0, y0), (x1, y1) = box.get_points()
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _grow(r: Rect, px: float) -> Rect:
    return (r[0] - px, r[1] - px, r[2] + px, r[3] + px)


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _meet(a: Rect, b: Rect) -> Rect:
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def _inside(inner: Rect, outer: Rect, tol: float) -> bool:
    return (
        inner[0] >= outer[0] - tol
        and inner[1] >= outer[1] - tol
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
    )


def _clip_rect(artist) -> Rect | None:
    """The rectangle an artist is clipped to (display pixels), or None if unclipped."""
    if not artist.get_clip_on():
        return None
    rect = None
    box = artist.get_clip_box()
    if box is not None:
        rect = _rect(box)
    path = artist.get_clip_path()
    if path is not None:
        extent = _rect(path.get_fully_transformed_path().get_extents())
        rect = extent if rect is None else _meet(rect, extent)
    return rect


def _visible_alpha(artist) -> bool:
    alpha = artist.get_alpha()
    return artist.get_visible() and (alpha is None or alpha > 0.02)


@dataclass(frozen=True)
class _Stroke:
    """Something drawn that must not run through text: a line, an outline or hatching."""

    name: str
    segments: np.ndarray  # (n, 2, 2) display pixels
    points: np.ndarray  # (m, 2) marker centres
    half_width_px: float
    marker_half_px: float
    clip: Rect | None
    zorder: float
    area: object = None  # a display-space Path whose inside is hatched
    extent: Rect = (0.0, 0.0, 0.0, 0.0)


def _name(artist, kind: str) -> str:
    label = artist.get_label()
    if label and not label.startswith("_"):
        return f"{kind} {label!r}"
    gid = getattr(artist, "get_gid", lambda: None)()
    if gid:
        return f"{kind} {gid!r}"
    what = type(artist).__name__
    colour = _colour(artist)
    return f"{kind} (unlabelled {what}{colour})"


def _colour(artist) -> str:
    """Return ``", #rrggbb"`` for an artist's (first) line colour, or "" if it has none."""
    for getter in ("get_color", "get_edgecolor"):
        get = getattr(artist, getter, None)
        if get is None:
            continue
        try:
            colours = to_rgba_array(get())
        except (TypeError, ValueError):
            continue
        if len(colours):
            return ", " + to_hex(colours[0])
    return ""


_NO_LINE = ("None", "", " ", "none")


def _segments_of(vertices: np.ndarray) -> np.ndarray:
    if len(vertices) < 2:
        return np.empty((0, 2, 2))
    seg = np.stack([vertices[:-1], vertices[1:]], axis=1)
    return seg[np.isfinite(seg).all(axis=(1, 2))]


def _extent(segments: np.ndarray, points: np.ndarray, grow: float) -> Rect:
    xy = np.concatenate([segments.reshape(-1, 2), points])
    if len(xy) == 0:
        return (np.inf, np.inf, -np.inf, -np.inf)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    return (lo[0] - grow, lo[1] - grow, hi[0] + grow, hi[1] + grow)


def _stroke(name, segments, points, half_w, half_m, artist, area=None) -> _Stroke:
    grow = max(half_w, half_m)
    extent = _extent(segments, points, grow)
    if area is not None:
        extent = _rect(area.get_extents())
    return _Stroke(
        name,
        segments,
        points,
        half_w,
        half_m,
        _clip_rect(artist),
        artist.get_zorder(),
        area,
        extent,
    )


def _line_stroke(line, px_per_pt: float) -> _Stroke | None:
    """A data line's segments and marker points (None when it draws neither)."""
    xy = line.get_transform().transform_path(line.get_path()).vertices
    segments = np.empty((0, 2, 2))
    if line.get_linestyle() not in _NO_LINE and line.get_linewidth() > 0:
        segments = _segments_of(xy)
    points = np.empty((0, 2))
    if line.get_marker() not in (None, *_NO_LINE) and line.get_markersize() > 0:
        points = xy[np.isfinite(xy).all(axis=1)]  # every vertex (markevery ignored)
    if not (len(segments) or len(points)):
        return None
    return _stroke(
        _name(line, "line"),
        segments,
        points,
        0.5 * line.get_linewidth() * px_per_pt,
        0.5 * line.get_markersize() * px_per_pt,
        line,
    )


def _collection_stroke(coll: LineCollection, px_per_pt: float) -> _Stroke | None:
    """A line collection's segments at its widest line width (None when empty)."""
    widths = coll.get_linewidths()
    half = 0.5 * float(np.max(widths)) * px_per_pt if len(widths) else 0.0
    transform = coll.get_transform()
    segs = [_segments_of(transform.transform(np.asarray(s))) for s in coll.get_segments()]
    segments = np.concatenate(segs) if segs else np.empty((0, 2, 2))
    if not len(segments):
        return None
    return _stroke(_name(coll, "line"), segments, np.empty((0, 2)), half, 0.0, coll)


def _patch_strokes(patch, px_per_pt: float) -> list[_Stroke]:
    """A patch's visible outline and, when hatched, its hatched area."""
    out = []
    path = patch.get_transform().transform_path(patch.get_path())
    edge = to_rgba(patch.get_edgecolor())
    if patch.get_linewidth() > 0 and edge[3] > 0.02 and patch.get_linestyle() != "None":
        polys = path.to_polygons(closed_only=False)
        segs = [_segments_of(np.asarray(v)) for v in polys]
        segments = np.concatenate(segs) if segs else np.empty((0, 2, 2))
        if len(segments):
            out.append(
                _stroke(
                    _name(patch, "outline"),
                    segments,
                    np.empty((0, 2)),
                    0.5 * patch.get_linewidth() * px_per_pt,
                    0.0,
                    patch,
                )
            )
    if patch.get_hatch():
        out.append(
            _stroke(
                _name(patch, "hatched area"),
                np.empty((0, 2, 2)),
                np.empty((0, 2)),
                0.0,
                0.0,
                patch,
                area=path,
            )
        )
    return out


def _strokes(fig: Figure) -> list[_Stroke]:
    """Data lines, line collections, patch outlines and hatched patches, in display pixels."""
    px_per_pt = fig.dpi / 72.0
    out = []
    for ax in _all_axes(fig):
        if not ax.get_visible():
            continue
        bar_patches = {
            id(p) for c in ax.containers if isinstance(c, BarContainer) for p in c.patches
        }
        for line in ax.lines:
            stroke = _line_stroke(line, px_per_pt) if _visible_alpha(line) else None
            if stroke is not None:
                out.append(stroke)
        for coll in ax.collections:
            if not isinstance(coll, LineCollection) or not _visible_alpha(coll):
                continue
            stroke = _collection_stroke(coll, px_per_pt)
            if stroke is not None:
                out.append(stroke)
        for patch in ax.patches:
            if id(patch) in bar_patches or not _visible_alpha(patch):
                continue
            out.extend(_patch_strokes(patch, px_per_pt))
    return out


def _segments_hit(segments: np.ndarray, r: Rect) -> bool:
    """Whether any segment passes through rectangle ``r`` (Liang-Barsky, vectorised)."""
    if len(segments) == 0:
        return False
    x0, y0, x1, y1 = r
    a = segments[:, 0, :]
    b = segments[:, 1, :]
    # cheap rejection: segment bounding boxes
    keep = (
        (np.minimum(a[:, 0], b[:, 0]) <= x1)
        & (np.maximum(a[:, 0], b[:, 0]) >= x0)
        & (np.minimum(a[:, 1], b[:, 1]) <= y1)
        & (np.maximum(a[:, 1], b[:, 1]) >= y0)
    )
    if not keep.any():
        return False
    a, b = a[keep], b[keep]
    d = b - a
    t0 = np.zeros(len(a))
    t1 = np.ones(len(a))
    ok = np.ones(len(a), dtype=bool)
    for axis, lo, hi in ((0, x0, x1), (1, y0, y1)):
        for p, q in ((-d[:, axis], a[:, axis] - lo), (d[:, axis], hi - a[:, axis])):
            parallel = p == 0
            ok &= ~(parallel & (q < 0))
            r_ = q / np.where(parallel, 1.0, p)
            t0 = np.where((p < 0) & ~parallel, np.maximum(t0, r_), t0)
            t1 = np.where((p > 0) & ~parallel, np.minimum(t1, r_), t1)
    return bool(np.any(ok & (t0 <= t1)))


def _points_hit(points: np.ndarray, r: Rect, half: float) -> bool:
    if len(points) == 0:
        return False
    x, y = points[:, 0], points[:, 1]
    return bool(
        np.any((x + half > r[0]) & (x - half < r[2]) & (y + half > r[1]) & (y - half < r[3]))
    )


def _stroke_hits(stroke: _Stroke, r: Rect) -> bool:
    if stroke.area is not None:
        return bool(stroke.area.intersects_bbox(Bbox.from_extents(*r), filled=True))
    grown = _grow(r, stroke.half_width_px)
    return _segments_hit(stroke.segments, grown) or _points_hit(
        stroke.points, r, stroke.marker_half_px
    )


def _bars(fig: Figure) -> list[tuple[str, Rect, float, Rect | None]]:
    out = []
    for ax in _all_axes(fig):
        for container in ax.containers:
            if not isinstance(container, BarContainer):
                continue
            name = _name(container, "bar")
            for patch in container.patches:
                if not _visible_alpha(patch):
                    continue
                r = _rect(patch.get_window_extent())
                if r[2] - r[0] < 0.5 or r[3] - r[1] < 0.5:
                    continue
                out.append((name, r, patch.get_zorder(), _clip_rect(patch)))
    return out


def check_figure(
    fig: Figure,
    *,
    extra_artists: Sequence[Artist] = (),
    rasterize: bool = False,
    layout: bool = True,
    tolerance_px: float = TOLERANCE_PX,
) -> list[LegibilityProblem]:
    """Every legibility problem of a figure as drawn (empty list = legible).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (drawn with Agg; a pyplot-free figure gets an Agg canvas).
    extra_artists : sequence of Artist, optional
        Animated artists to draw on top: pass a widget's ``LiveFigure.dynamic``.
    rasterize : bool, default False
        Paint pixels too (see :func:`drawn_texts`).
    layout : bool, default True
        Run the layout engine first; pass ``False`` for a widget that has rendered
        already (see :func:`drawn_texts`).
    tolerance_px : float, default 1.0
        Boxes are shrunk by this many pixels per side before testing.

    Returns
    -------
    list of LegibilityProblem
        Overlapping texts; texts struck by a data line, an outline or hatching, or
        covered by a bar; texts clipped by the canvas or their clip box.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure.
    """
    texts = drawn_texts(fig, extra_artists=extra_artists, rasterize=rasterize, layout=layout)
    problems: list[LegibilityProblem] = []
    canvas = _rect(fig.bbox)
    tol = tolerance_px
    boxes = [_rect(t.box) for t in texts]
    outers = [_grow(_rect(t.outer), -tol) for t in texts]
    for i, t in enumerate(texts):
        box = boxes[i]
        if not _inside(_rect(t.outer), canvas, tol - 0.5):
            problems.append(LegibilityProblem("clipped", t.label, "the edge of the canvas", box))
        clip = _clip_rect(t.artist)
        if clip is not None and not _inside(box, clip, tol):
            problems.append(LegibilityProblem("clipped", t.label, "its axes (clip box)", box))
        for j in range(i + 1, len(texts)):
            if _overlaps(outers[i], outers[j]):
                problems.append(
                    LegibilityProblem("overlap", t.label, f"text {texts[j].label!r}", box)
                )
    strokes = _strokes(fig)
    bars = _bars(fig)
    for t, box in zip(texts, boxes, strict=True):
        inner = _grow(box, -tol)
        for stroke in strokes:
            if t.opaque and t.zorder >= stroke.zorder:
                continue
            if not _overlaps(inner, stroke.extent):
                continue
            target = inner if stroke.clip is None else _meet(inner, stroke.clip)
            if target[0] >= target[2] or target[1] >= target[3]:
                continue
            if _stroke_hits(stroke, target):
                problems.append(LegibilityProblem("struck", t.label, stroke.name, box))
        for name, bar, zorder, clip in bars:
            if t.opaque and t.zorder >= zorder:
                continue
            target = inner if clip is None else _meet(inner, clip)
            if not _overlaps(target, bar) or _inside(box, bar, 0.0):
                continue  # apart, or a label written inside its bar
            problems.append(LegibilityProblem("struck", t.label, f"{name} (covers it)", box))
    return _unique(problems)


def _unique(problems: Sequence[LegibilityProblem]) -> list[LegibilityProblem]:
    seen = set()
    out = []
    for p in problems:
        key = (p.kind, p.text, p.other, tuple(round(v) for v in p.box))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def format_problems(problems: Sequence[LegibilityProblem], *, where: str = "") -> str:
    """One line per problem, prefixed with ``where`` (a figure or widget state name)."""
    prefix = f"{where}: " if where else ""
    return "\n".join(f"{prefix}{p}" for p in problems)
