"""Fast re-rendering of a Figure whose artists are updated in place (for widgets).

A naive widget builds a new Figure on every slider move. :class:`LiveFigure` keeps one
Figure, lets the caller change artists' data, and renders PNG bytes. Artists registered as
*dynamic* are drawn over a cached bitmap of everything else (blitting), so an update only
redraws what moves. Call :meth:`LiveFigure.invalidate` after changing anything static.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from anatomy_helpers.drawing.display import rgba_to_png

__all__ = ["LiveFigure"]


class LiveFigure:
    """Render one Figure repeatedly, redrawing only its dynamic artists.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure; it gets its own Agg canvas.
    dynamic : iterable of Artist, optional
        Artists that change between renders. They are drawn last, on top of the cached
        static background, in the order given.
    dpi : float, default 100
        Render resolution (dots per inch).

    Examples
    --------
    >>> from anatomy_helpers.drawing.style import new_figure
    >>> fig = new_figure(3, 2)
    >>> ax = fig.add_subplot()
    >>> (line,) = ax.plot([0, 1], [0, 1])
    >>> live = LiveFigure(fig, dynamic=[line])
    >>> first = live.render_png()
    >>> line.set_ydata([1, 0])
    >>> live.render_png() != first
    True
    """

    def __init__(self, fig: Figure, *, dynamic: Iterable[Artist] = (), dpi: float = 100):
        if not isinstance(fig, Figure):
            msg = f"fig must be a matplotlib Figure, got {type(fig).__name__}"
            raise TypeError(msg)
        self.fig = fig
        fig.set_dpi(dpi)
        self.canvas = FigureCanvasAgg(fig)
        self._dynamic: list[Artist] = []
        self._background = None
        self.full_draws = 0
        self.set_dynamic(dynamic)

    @property
    def dynamic(self) -> tuple[Artist, ...]:
        """The artists redrawn on every render."""
        return tuple(self._dynamic)

    def set_dynamic(self, artists: Iterable[Artist]) -> None:
        """Replace the set of dynamic artists (forces a full redraw next time)."""
        for artist in self._dynamic:
            artist.set_animated(False)
        self._dynamic = list(artists)
        for artist in self._dynamic:
            if not isinstance(artist, Artist):
                msg = f"dynamic artists must be matplotlib Artists, got {type(artist).__name__}"
                raise TypeError(msg)
            artist.set_animated(True)
        self.invalidate()

    def invalidate(self) -> None:
        """Forget the cached background; the next render draws everything."""
        self._background = None

    def render_rgba(self) -> np.ndarray:
        """Render and return the pixels, shape (height, width, 4), uint8 (a copy)."""
        if self._background is None:
            self.canvas.draw()
            self.full_draws += 1
            if self._dynamic:
                self._background = self.canvas.copy_from_bbox(self.fig.bbox)
        else:
            self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        for artist in self._dynamic:
            if artist.get_visible():
                artist.draw(renderer)
        return np.array(self.canvas.buffer_rgba())

    def render_png(self) -> bytes:
        """Render to PNG bytes (fast zlib level)."""
        return rgba_to_png(self.render_rgba())
