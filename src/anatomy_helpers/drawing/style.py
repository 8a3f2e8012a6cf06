"""The collection's single style: Okabe-Ito palette, semantic roles, one ``.mplstyle``.

Colour is never the only channel: every role also has a line style and a marker, and
figures label lines directly. Builders run inside :func:`styled` so a figure looks the same
whether or not a notebook called :func:`use_style`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import ParamSpec, TypeVar

import matplotlib as mpl
from matplotlib.figure import Figure

__all__ = [
    "OKABE_ITO",
    "ROLE_STYLES",
    "STYLE_FILE",
    "new_figure",
    "role_style",
    "style_context",
    "styled",
    "use_style",
]

#: The Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design").
OKABE_ITO = MappingProxyType(
    {
        "blue": "#0072B2",
        "vermillion": "#D55E00",
        "bluish_green": "#009E73",
        "reddish_purple": "#CC79A7",
        "orange": "#E69F00",
        "sky_blue": "#56B4E9",
        "yellow": "#F0E442",
        "black": "#000000",
    }
)

#: Neutral greys for outlines, text and the body silhouette.
GREYS = MappingProxyType(
    {
        "text": "#1a1a1a",
        "outline": "#4d4d4d",
        "mid": "#7f7f7f",
        "light": "#d9d9d9",
        "body": "#ececec",
    }
)

#: Semantic roles -> colour, line style and marker, shared by every notebook.
ROLE_STYLES = MappingProxyType(
    {
        "sciatic": {"color": OKABE_ITO["blue"], "linestyle": "-", "marker": "o"},
        "tibial": {"color": OKABE_ITO["bluish_green"], "linestyle": "-", "marker": "^"},
        "common_fibular": {"color": OKABE_ITO["vermillion"], "linestyle": "--", "marker": "s"},
        "root": {"color": OKABE_ITO["reddish_purple"], "linestyle": "-", "marker": "D"},
        "not_sciatic": {"color": GREYS["mid"], "linestyle": ":", "marker": "x"},
        "muscle": {"color": OKABE_ITO["reddish_purple"], "linestyle": "-", "marker": "P"},
        "territory": {"color": OKABE_ITO["sky_blue"], "linestyle": "-", "marker": "o"},
        "landmark": {"color": GREYS["text"], "linestyle": "-", "marker": "*"},
        "highlight": {"color": OKABE_ITO["orange"], "linestyle": "-", "marker": "o"},
        "standing": {"color": OKABE_ITO["blue"], "linestyle": "-", "marker": "o"},
        "seated": {"color": OKABE_ITO["vermillion"], "linestyle": "--", "marker": "s"},
        "threshold": {"color": OKABE_ITO["black"], "linestyle": "--", "marker": ""},
        "positive": {"color": OKABE_ITO["vermillion"], "linestyle": "-", "marker": "^"},
        "negative": {"color": OKABE_ITO["blue"], "linestyle": "--", "marker": "v"},
        "simulation": {"color": OKABE_ITO["sky_blue"], "linestyle": "-", "marker": "o"},
        "body": {"color": GREYS["outline"], "linestyle": "-", "marker": ""},
    }
)

STYLE_FILE: Path = Path(str(resources.files("anatomy_helpers") / "drawing" / "anatomy.mplstyle"))

P = ParamSpec("P")
R = TypeVar("R")


def role_style(role: str) -> dict[str, str]:
    """Colour, line style and marker for a semantic role.

    Parameters
    ----------
    role : str
        A key of :data:`ROLE_STYLES` (``"tibial"``, ``"standing"``, ...).

    Returns
    -------
    dict
        A fresh dict with ``color``, ``linestyle`` and ``marker``.

    Raises
    ------
    ValueError
        If ``role`` is unknown (the message lists the roles).

    Examples
    --------
    >>> role_style("seated")["linestyle"]
    '--'
    """
    if role not in ROLE_STYLES:
        msg = f"unknown role {role!r}; valid roles: {', '.join(ROLE_STYLES)}"
        raise ValueError(msg)
    return dict(ROLE_STYLES[role])


@cache
def _style_rc() -> dict:
    return dict(mpl.rc_params_from_file(str(STYLE_FILE), use_default_template=False))


def style_context():
    """Context manager applying the collection's style (including save and SVG settings).

    Saving a figure reads rcParams too, so exports and notebook images are rendered inside
    this context to be independent of the caller's global settings.
    """
    return mpl.rc_context(_style_rc())


def use_style() -> None:
    """Apply the collection's style globally (the notebooks' Setup cell calls this)."""
    mpl.rcParams.update(_style_rc())


def styled(func: Callable[P, R]) -> Callable[P, R]:
    """Decorator: run a figure builder inside the collection's style.

    Artists read most style settings when they are created, so a builder decorated with
    this produces the same figure whatever the global rcParams are.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with mpl.rc_context(_style_rc()):
            return func(*args, **kwargs)

    return wrapper


def new_figure(width_in: float = 7.2, height_in: float = 4.5, **kwargs) -> Figure:
    """Create a pyplot-free Figure in the collection's style.

    Parameters
    ----------
    width_in, height_in : float
        Size in inches (the style's default is 7.2 x 4.5).
    **kwargs
        Passed to :class:`matplotlib.figure.Figure`.

    Returns
    -------
    matplotlib.figure.Figure
        A figure with an Agg canvas attached, not registered with pyplot.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with mpl.rc_context(_style_rc()):
        fig = Figure(figsize=(width_in, height_in), **kwargs)
    FigureCanvasAgg(fig)
    return fig
