"""Registry of the figures exported to ``figures/`` (see :mod:`anatomy_helpers.tools.figures`).

A drawing module registers a figure by decorating a zero-argument builder::

    @register_figure(
        "01_sciatic_pathway/body_map",
        alt="Posterior view of the lower body with the sciatic nerve ...",
        caption="The sciatic nerve and its branches, posterior view.",
        source_ids=("giuffre_statpearls",),
    )
    def fig_body_map() -> Figure: ...

The slug's folder is the notebook that shows the figure, so ``figures/`` mirrors
``notebooks/``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.figure import Figure

from anatomy_helpers.references import get_source

__all__ = ["FigureSpec", "register_figure", "registered_figures"]

_SLUG = re.compile(r"\d\d_[a-z0-9_]+/[a-z0-9_]+")


@dataclass(frozen=True)
class FigureSpec:
    """One exported figure.

    Attributes
    ----------
    slug : str
        ``<notebook stem>/<name>``; files are ``figures/<slug>.svg`` and ``.png``.
    build : callable
        Returns a fresh Figure.
    alt : str
        Text alternative.
    caption : str
        One-line caption.
    source_ids : tuple of str
        Sources of the facts the figure shows.
    """

    slug: str
    build: Callable[[], Figure]
    alt: str
    caption: str
    source_ids: tuple[str, ...]


_REGISTRY: dict[str, FigureSpec] = {}


def register_figure(
    slug: str, *, alt: str, caption: str, source_ids: tuple[str, ...] = ()
) -> Callable[[Callable[[], Figure]], Callable[[], Figure]]:
    """Decorator registering a figure builder for export.

    Raises
    ------
    ValueError
        For a malformed or duplicate slug, a short alt text or an unknown source.
    """
    if not _SLUG.fullmatch(slug):
        msg = f"figure slug {slug!r} must look like 'NN_notebook_stem/figure_name'"
        raise ValueError(msg)
    if len(alt.strip()) < 20:
        msg = f"figure {slug}: alt text must describe the figure (20+ characters)"
        raise ValueError(msg)
    for key in source_ids:
        get_source(key)

    def decorator(build: Callable[[], Figure]) -> Callable[[], Figure]:
        existing = _REGISTRY.get(slug)
        if existing is not None and existing.build.__qualname__ != build.__qualname__:
            msg = f"figure slug {slug!r} is registered twice"
            raise ValueError(msg)
        _REGISTRY[slug] = FigureSpec(slug, build, alt.strip(), caption.strip(), tuple(source_ids))
        return build

    return decorator


def registered_figures() -> dict[str, FigureSpec]:
    """Import every drawing module and return the registry, sorted by slug."""
    import anatomy_helpers.drawing as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"{pkg.__name__}.{info.name}")
    return dict(sorted(_REGISTRY.items()))
