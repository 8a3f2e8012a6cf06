"""Render Figures to PNG and show them in notebooks with alt text.

JupyterLab, Voila and nbconvert all ignore alt text passed in display metadata, so
:func:`show_figure` emits the image as HTML ``<img alt="...">``, which every renderer keeps,
plus a ``text/plain`` fallback that is the alt text itself.
"""

from __future__ import annotations

import base64
import html
import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from anatomy_helpers.drawing.style import style_context

__all__ = ["figure_png", "figure_to_html", "img_html", "rgba_to_png", "show_figure"]

#: Resolution of figures shown in notebooks (dots per inch).
NOTEBOOK_DPI = 110


def _check_figure(fig: object) -> Figure:
    if not isinstance(fig, Figure):
        msg = f"fig must be a matplotlib Figure, got {type(fig).__name__}"
        raise TypeError(msg)
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    return fig


def _check_alt(alt: object) -> str:
    if not isinstance(alt, str):
        msg = f"alt must be a str describing the figure, got {type(alt).__name__}"
        raise TypeError(msg)
    if len(alt.strip()) < 10:
        msg = "alt must describe the figure in a sentence (at least 10 characters)"
        raise ValueError(msg)
    return alt.strip()


def rgba_to_png(rgba: np.ndarray, *, compress_level: int = 1) -> bytes:
    """Encode an RGBA pixel buffer as PNG (fast, for live widgets).

    The buffer is encoded as it is (RGBA): dropping the alpha channel first costs a copy
    that is slower than compressing the opaque alpha bytes.

    Parameters
    ----------
    rgba : numpy.ndarray
        Array of shape (height, width, 4), dtype uint8.
    compress_level : int, default 1
        zlib level 0-9; 1 is several times faster than 6 for a slightly larger file.

    Returns
    -------
    bytes
        PNG file contents.
    """
    buf = io.BytesIO()
    Image.fromarray(np.asarray(rgba)).save(buf, format="png", compress_level=compress_level)
    return buf.getvalue()


def figure_png(fig: Figure, *, dpi: float = NOTEBOOK_DPI) -> bytes:
    """Render a Figure to PNG bytes with the Agg backend (no pyplot).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    dpi : float, default 110
        Resolution in dots per inch (20 to 600).

    Returns
    -------
    bytes
        PNG file contents, without a timestamp (deterministic for the same figure).
    """
    fig = _check_figure(fig)
    if not 20 <= dpi <= 600:
        msg = f"dpi = {dpi} is outside its range 20 to 600"
        raise ValueError(msg)
    buf = io.BytesIO()
    with style_context():  # saving reads rcParams: keep it independent of them
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches=None, metadata={"Software": None})
    return buf.getvalue()


def img_html(png: bytes, alt: str, *, width_px: int | None = None) -> str:
    """An ``<img>`` element holding a PNG as a data URI, with alt text.

    Parameters
    ----------
    png : bytes
        PNG contents.
    alt : str
        Text alternative (a sentence saying what the image shows).
    width_px : int, optional
        Display width in CSS pixels; the image never exceeds its container.

    Returns
    -------
    str
        HTML.
    """
    alt = _check_alt(alt)
    data = base64.b64encode(png).decode("ascii")
    width = f' width="{int(width_px)}"' if width_px else ""
    return (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}"{width} '
        'style="max-width:100%;height:auto">'
    )


def figure_to_html(
    fig: Figure, alt: str, *, caption: str | None = None, dpi: float = NOTEBOOK_DPI
) -> str:
    """HTML ``<figure>`` for a Figure: image with alt text and an optional caption.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    alt : str
        What the figure shows, in a sentence or two.
    caption : str, optional
        Visible caption.
    dpi : float, default 110
        Resolution.

    Returns
    -------
    str
        HTML.
    """
    fig = _check_figure(fig)
    width_px = round(fig.get_figwidth() * 96)
    img = img_html(figure_png(fig, dpi=dpi), alt, width_px=width_px)
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return f'<figure style="margin:0">{img}{cap}</figure>'


def show_figure(fig: Figure, alt: str, *, caption: str | None = None) -> None:
    """Display a pyplot-free Figure in a notebook, with alt text.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (e.g. from a ``build_*_figure`` function).
    alt : str
        Text alternative: what the figure shows (required; at least a short sentence).
        Follow the figure with a Markdown sentence saying the same for all readers.
    caption : str, optional
        Visible caption under the image.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure or ``alt`` is not a string.
    ValueError
        If ``alt`` is too short to describe anything.
    """
    from IPython.display import display

    alt = _check_alt(alt)
    markup = figure_to_html(fig, alt, caption=caption)
    display({"text/html": markup, "text/plain": f"[Figure: {alt}]"}, raw=True)
