"""Export the registered figures to ``figures/`` as PNG, and check that they are current.

``python -m anatomy_helpers figures`` writes one PNG per figure, ``figures/README.md`` (every
figure with its caption, alt text and sources) and ``figures/figures.json``, which holds a
*fingerprint* of each figure's content. ``--check`` (run by the test suite) rebuilds every
figure without rasterising it and compares fingerprints, so it is fast and does not depend
on the platform's font rasteriser or PNG encoder.

The fingerprint is what a reader sees in the figure, read from its artists: titles, axis
labels and limits, every text with its position, every line, patch, collection and image
(data rounded to 4 significant digits, colours, line styles, markers), and legend entries;
axis spines are left out (their visibility follows the style, which is hashed separately).
Changing a number in a data table, a label or a colour changes it; a different freetype
build does not.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import numpy as np
from matplotlib.collections import Collection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.spines import Spine
from matplotlib.text import Text

from anatomy_helpers.drawing.registry import FigureSpec, registered_figures
from anatomy_helpers.drawing.style import style_context
from anatomy_helpers.fileio import write_bytes_atomic
from anatomy_helpers.references import cite

__all__ = [
    "EXPORT_DPI",
    "MANIFEST",
    "export_figures",
    "figure_fingerprint",
    "render_png",
]

#: Resolution of exported PNGs (dots per inch): sharp on a projector and in a handout.
EXPORT_DPI = 150
#: Name of the fingerprint manifest inside ``figures/``.
MANIFEST = "figures.json"


def _round(values) -> list:
    array = np.asarray(values, dtype=float)
    if array.size == 0:
        return []
    rounded = np.vectorize(lambda v: float(f"{v:.4g}") if np.isfinite(v) else str(v))(array)
    return np.asarray(rounded, dtype=object).tolist()


def _colour(value) -> str | list[str] | None:
    try:
        return to_hex(value, keep_alpha=True)
    except (ValueError, TypeError):
        try:
            return [to_hex(v, keep_alpha=True) for v in np.atleast_2d(value)]
        except (ValueError, TypeError):
            return None


def _artist(artist) -> dict | None:
    if not artist.get_visible() or isinstance(artist, Spine):
        return None
    if isinstance(artist, Text):
        if not artist.get_text().strip():
            return None
        return {
            "text": artist.get_text(),
            "xy": _round(artist.get_position()),
            "size": round(float(artist.get_fontsize()), 1),
            "color": _colour(artist.get_color()),
        }
    if isinstance(artist, Line2D):
        return {
            "line": _round(np.column_stack(artist.get_data(orig=False))),
            "color": _colour(artist.get_color()),
            "style": str(artist.get_linestyle()),
            "width": round(float(artist.get_linewidth()), 2),
            "marker": str(artist.get_marker()),
            "label": artist.get_label() if not artist.get_label().startswith("_") else "",
        }
    if isinstance(artist, Patch):
        path = artist.get_path()
        return {
            "patch": type(artist).__name__,
            "vertices": _round(artist.get_patch_transform().transform(path.vertices)),
            "face": _colour(artist.get_facecolor()),
            "edge": _colour(artist.get_edgecolor()),
            "hatch": artist.get_hatch() or "",
        }
    if isinstance(artist, Collection):
        return {
            "collection": type(artist).__name__,
            "offsets": _round(artist.get_offsets()),
            "paths": [_round(p.vertices) for p in artist.get_paths()],
            "face": _colour(artist.get_facecolor()),
            "edge": _colour(artist.get_edgecolor()),
        }
    if isinstance(artist, AxesImage):
        data = np.asarray(artist.get_array(), dtype=float)
        digest = hashlib.sha256(np.round(data, 4).tobytes()).hexdigest()[:16]
        return {"image": list(data.shape), "data": digest, "cmap": artist.get_cmap().name}
    return None


def _children(container) -> list[dict]:
    found = []
    for child in container.get_children():
        described = _artist(child)
        if described is not None:
            found.append(described)
        elif child.get_visible() and not isinstance(child, Figure) and child.get_children():
            found.extend(_children(child))
    return found


def figure_fingerprint(fig: Figure) -> dict:
    """What a reader sees in ``fig``, as plain data (no rasterising).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A built figure.

    Returns
    -------
    dict
        ``{"size_in": [w, h], "axes": [...], "figure": [...], "sha256": hex}``; the hash
        covers everything else in the dict.
    """
    axes = []
    for ax in fig.axes:
        axes.append(
            {
                "title": [ax.get_title(loc) for loc in ("left", "center", "right")],
                "xlabel": ax.get_xlabel(),
                "ylabel": ax.get_ylabel(),
                "xlim": _round(ax.get_xlim()),
                "ylim": _round(ax.get_ylim()),
                "xscale": ax.get_xscale(),
                "yscale": ax.get_yscale(),
                "axis_on": ax.axison,
                "artists": _children(ax),
            }
        )
    body = {
        "size_in": _round(fig.get_size_inches()),
        "figure": [_artist(t) for t in fig.texts if _artist(t)],
        "axes": axes,
    }
    body["sha256"] = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
    return body


def render_png(spec: FigureSpec) -> bytes:
    """Build one registered figure and render it to PNG bytes (no timestamp)."""
    with style_context():
        fig = spec.build()
        png = io.BytesIO()
        fig.savefig(png, format="png", dpi=EXPORT_DPI, metadata={"Software": None})
    return png.getvalue()


def _index_markdown(specs: dict[str, FigureSpec]) -> bytes:
    lines = [
        "# Figures",
        "",
        "Generated by `python -m anatomy_helpers figures` from the figure registry in",
        "`src/anatomy_helpers/drawing/`; do not edit by hand. Each figure's folder is the",
        "notebook that shows it. `figures.json` holds a fingerprint of each figure's content",
        "that the tests compare with the code.",
        "",
    ]
    for slug, spec in specs.items():
        sources = "; ".join(cite(k) for k in spec.source_ids) or "none (a drawing)"
        lines += [
            f"## `{slug}`",
            "",
            f"![{spec.alt}]({slug}.png)",
            "",
            f"*{spec.caption}*",
            "",
            f"- Alt text: {spec.alt}",
            f"- Sources: {sources}",
            "",
        ]
    return "\n".join(lines).encode("utf-8")


def _render_settings() -> str:
    """Hash of what changes every PNG without changing any figure: the style file and dpi."""
    style = Path(__file__).resolve().parents[1] / "drawing" / "anatomy.mplstyle"
    return hashlib.sha256(style.read_bytes() + f"dpi={EXPORT_DPI}".encode()).hexdigest()


def _manifest(specs: dict[str, FigureSpec]) -> dict[str, str]:
    settings = _render_settings()[:16]
    manifest = {}
    for slug, spec in specs.items():
        with style_context():
            fingerprint = figure_fingerprint(spec.build())["sha256"][:48]
        manifest[slug] = f"{fingerprint}-{settings}"
    return manifest


def _manifest_bytes(manifest: dict[str, str]) -> bytes:
    return (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8")


def export_figures(out_dir: Path, *, check: bool = False) -> list[str]:
    """Write (or check) every registered figure, the index and the fingerprint manifest.

    Parameters
    ----------
    out_dir : pathlib.Path
        The ``figures/`` folder.
    check : bool, default False
        Only compare fingerprints, the index and the file list; write nothing.

    Returns
    -------
    list of str
        Relative paths that were (or, with ``check``, would be) written because their
        figure changed or they were missing, plus files no figure produces any more.
    """
    out_dir = Path(out_dir)
    specs = registered_figures()
    manifest = _manifest(specs)
    path = out_dir / MANIFEST
    old = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    changed = []
    for slug in specs:
        png = out_dir / f"{slug}.png"
        if old.get(slug) != manifest[slug] or not png.is_file():
            changed.append(f"{slug}.png")
            if not check:
                write_bytes_atomic(png, render_png(specs[slug]))
    wanted = {out_dir / f"{slug}.png" for slug in specs}
    for name, data in (("README.md", _index_markdown(specs)), (MANIFEST, None)):
        data = data if data is not None else _manifest_bytes(manifest)
        target = out_dir / name
        if not target.is_file() or target.read_bytes() != data:
            changed.append(name)
            if not check:
                write_bytes_atomic(target, data)
    if out_dir.exists():
        for stale in sorted(out_dir.rglob("*")):
            if stale.is_file() and stale.suffix in (".svg", ".png") and stale not in wanted:
                changed.append(f"{stale.relative_to(out_dir)} (no longer produced)")
                if not check:
                    stale.unlink()
    return changed
