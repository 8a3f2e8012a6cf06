"""The offline static HTML edition: every notebook as a page whose widgets render offline.

``python -m anatomy_helpers site [--out site]`` converts every notebook (executed, with
stored widget state) to HTML whose widgets render with no network: the widget embedder
(``@jupyter-widgets/html-manager``) and ``require.js`` come from the npm registry through
:mod:`anatomy_helpers.tools.vendor` and are copied next to the pages. MathJax is switched
off (no CDN at view time). An ``index.html`` lists the notebooks with titles and times.
Cells tagged ``notebook-only`` or ``app-only`` (:data:`~anatomy_helpers.tools.present.
STATIC_HIDDEN_TAGS`) are left out: the edition has no kernel, so neither "run this cell"
nor "press Download" applies to it. Self-check cells (``self_check(...)``) get forms that
check answers in the page instead of the saved quiz widget
(:mod:`anatomy_helpers.tools.static_selfcheck`).

JupyterLab does not save widget state when an instructor saves a notebook, so a notebook
with widget views but no saved state is re-executed into a temporary copy before export
(never silently rendered as text).

References
----------
nbconvert 7 ``HTMLExporter`` options ``widget_renderer_url`` and ``require_js_url``.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from anatomy_helpers.fileio import write_text_atomic
from anatomy_helpers.tools.execute import execute_copy
from anatomy_helpers.tools.present import STATIC_HIDDEN_TAGS, TEMPLATES_DIR
from anatomy_helpers.tools.project import (
    notebook_header,
    notebook_paths,
    project_root,
    read_notebook,
)
from anatomy_helpers.tools.static_selfcheck import replace_self_check_outputs, self_check_call
from anatomy_helpers.tools.vendor import ensure_vendor

__all__ = [
    "NotebookInfo",
    "build_site",
    "icon_font_css",
    "main_site",
    "notebook_info",
    "rewrite_notebook_links",
]

#: Name of the nbconvert template of the static edition.
STATIC_TEMPLATE = "anatomy_static"


@dataclass(frozen=True)
class NotebookInfo:
    """What the index page shows about one notebook.

    Attributes
    ----------
    path : pathlib.Path
        The notebook file.
    title : str
        The text of its single H1.
    summary : str
        The one-line summary under the title ('' if absent).
    minutes : int or None
        Estimated time in minutes, from the ``**Estimated time:** NN min`` line.
    audience : str
        The audience named on that line ('' if absent).
    widget_views : int
        Number of widget views stored in its outputs (what JupyterLab and Voila show).
    static_widget_views : int
        How many of them the static edition shows: not those of cells it leaves out
        (tags in :data:`~anatomy_helpers.tools.present.STATIC_HIDDEN_TAGS`) nor of
        self-check cells, whose quiz becomes a form that works without a kernel.
    has_widget_state : bool
        Whether the notebook metadata holds widget state (needed offline).
    """

    path: Path
    title: str
    summary: str
    minutes: int | None
    audience: str
    widget_views: int
    has_widget_state: bool
    static_widget_views: int = 0

    @property
    def stem(self) -> str:
        """File name without ``.ipynb``."""
        return self.path.stem


def notebook_info(path: str | os.PathLike[str]) -> NotebookInfo:
    """Read a notebook's title, summary, time and widget counts.

    Parameters
    ----------
    path : path-like
        An ``.ipynb`` file.

    Returns
    -------
    NotebookInfo
        The parsed information; what a notebook lacks is left empty (the convention
        tests report the problem itself).
    """
    path = Path(path)
    nb = json.loads(path.read_text(encoding="utf-8"))
    header = notebook_header(nb, path.stem, strict=False)
    title, summary = header.title, header.summary
    minutes, audience = header.time_min, header.audience
    views = static_views = 0
    for cell in nb.get("cells", []):
        quiz = cell.get("cell_type") == "code" and self_check_call(_cell_source(cell)) is not None
        shown = not quiz and not set(cell.get("metadata", {}).get("tags", [])) & set(
            STATIC_HIDDEN_TAGS
        )
        for output in cell.get("outputs", []):
            if "application/vnd.jupyter.widget-view+json" in output.get("data", {}):
                views += 1
                static_views += shown
    state = nb.get("metadata", {}).get("widgets", {})
    has_state = bool(state.get("application/vnd.jupyter.widget-state+json", {}).get("state"))
    return NotebookInfo(path, title, summary, minutes, audience, views, has_state, static_views)


def _cell_source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _exporter(hide_code: bool):
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    base = str(TEMPLATES_DIR / "nbconvert" / "templates")
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(STATIC_HIDDEN_TAGS)
    exporter = HTMLExporter(
        config=config,
        template_name=STATIC_TEMPLATE,
        extra_template_basedirs=[base],
        extra_template_paths=[base],
    )
    exporter.widget_renderer_url = "../vendor/html-manager/embed-amd.js"
    exporter.require_js_url = "../vendor/require.js"
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.exclude_input = hide_code
    exporter.theme = "light"
    return exporter


def _index_html(infos: Sequence[NotebookInfo], warnings_: Sequence[str]) -> str:
    rows = []
    for info in infos:
        minutes = f"{info.minutes} min" if info.minutes is not None else "time not stated"
        audience = f" · {html.escape(info.audience)}" if info.audience else ""
        summary = f"<p>{html.escape(info.summary)}</p>" if info.summary else ""
        rows.append(
            f'<li><h2><a href="notebooks/{html.escape(info.stem)}.html">'
            f"{html.escape(info.title)}</a></h2>"
            f'<p class="meta">{html.escape(info.stem)} · {minutes}{audience}</p>{summary}</li>'
        )
    notes = "".join(f"<li>{html.escape(w)}</li>" for w in warnings_)
    notes_html = f'<section aria-label="Build notes"><ul>{notes}</ul></section>' if notes else ""
    total = sum(i.minutes or 0 for i in infos)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sciatica notebooks: static edition</title>
<style>
  body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1a1a;
         background: #ffffff; max-width: 50em; margin: 2em auto; padding: 0 1em;
         line-height: 1.5; font-size: 17px; }}
  a {{ color: #0b5394; }}
  ol {{ padding-left: 1.2em; }}
  li {{ margin-bottom: 1.2em; }}
  h2 {{ font-size: 1.2em; margin: 0; }}
  .meta {{ color: #444444; margin: 0.2em 0; font-size: 0.95em; }}
  p {{ margin: 0.3em 0; }}
</style>
</head>
<body>
<main>
<h1>Sciatica notebooks: static edition</h1>
<p>Teaching notebooks on the sciatic nerve, nerve tension, the slump test, sciatica
mimics and the Kinoshita 2023 calf-raise study, for physical-therapy students and
clinicians. These pages need no kernel and no network: figures and readouts show their
saved starting state, and the controls do not recompute; the self-check questions check
your answers in the page. Open a notebook in JupyterLab, or present it with Voila, to
explore. Education, not medical advice.</p>
<p class="meta">{len(infos)} notebooks · about {total} min in all</p>
<ol>
{"".join(rows)}
</ol>
{notes_html}
</main>
</body>
</html>
"""


def build_site(
    root: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    hide_code: bool = False,
    cache_dir: str | os.PathLike[str] | None = None,
    log: Callable[[str], object] = print,
) -> list[Path]:
    """Build the static HTML edition of every notebook.

    Layout: ``out/index.html``, ``out/notebooks/<stem>.html``, ``out/vendor/`` (widget
    embedder and require.js) and ``out/figures/`` (a copy of the project's figures, so
    Markdown images with ``../figures/...`` paths work).

    Parameters
    ----------
    root : path-like
        Project folder.
    out : path-like
        Output folder (created; its old pages are replaced).
    hide_code : bool, default False
        Leave out code cells' source (outputs stay).
    cache_dir : path-like, optional
        npm cache folder (default ``<root>/.vendor``).
    log : callable
        Receives progress lines (a notebook being re-executed).

    Returns
    -------
    list of pathlib.Path
        The pages written, index first.

    Raises
    ------
    FileNotFoundError
        If there are no notebooks.
    RuntimeError
        If a notebook without saved widget state fails to re-execute.
    """
    root, out = Path(root), Path(out)
    notebooks = notebook_paths(root)
    if not notebooks:
        msg = f"no notebooks in {root / 'notebooks'}"
        raise FileNotFoundError(msg)
    vendor = ensure_vendor(root, cache_dir)
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    target_vendor = out / "vendor"
    if target_vendor.exists():
        shutil.rmtree(target_vendor)
    shutil.copytree(
        vendor.html_manager_dist,
        target_vendor / "html-manager",
        ignore=shutil.ignore_patterns("*.map"),
    )
    shutil.copy2(vendor.require_js, target_vendor / "require.js")
    _publish(target_vendor / "icon-fonts.css", icon_font_css(target_vendor / "html-manager"))
    figures = root / "figures"
    if figures.is_dir():
        if (out / "figures").exists():
            shutil.rmtree(out / "figures")
        shutil.copytree(figures, out / "figures")
    exporter = _exporter(hide_code)
    infos, notes, pages = [], [], []
    for path in notebooks:
        info = notebook_info(path)
        infos.append(info)
        nb = read_notebook(path)
        if info.static_widget_views and not info.has_widget_state:
            log(f"{path.name}: no saved widget state (saved from JupyterLab?); re-executing a copy")
            nb = execute_copy(path)
            notes.append(
                f"{path.name} had no saved widget state and was re-executed for this edition."
            )
        replace_self_check_outputs(nb)
        _prune_widget_state(nb)
        body, _resources = exporter.from_notebook_node(
            nb, resources={"metadata": {"name": info.title, "path": str(path.parent)}}
        )
        body = rewrite_notebook_links(body, [p.stem for p in notebooks])
        page = out / "notebooks" / f"{info.stem}.html"
        _publish(page, body)
        pages.append(page)
    index = out / "index.html"
    _publish(index, _index_html(infos, notes))
    return [index, *pages]


def rewrite_notebook_links(page_html: str, stems: Sequence[str]) -> str:
    """Point links to the collection's notebooks at their pages in the static edition.

    A Markdown link ``[04 ...](04_sciatica_and_mimics.ipynb)`` (optionally with ``./``
    and a ``#fragment``) works in JupyterLab; in the edition the page beside it is
    ``04_sciatica_and_mimics.html``. Links to other files are left alone.

    Parameters
    ----------
    page_html : str
        A page as nbconvert wrote it.
    stems : sequence of str
        File names (without ``.ipynb``) of the notebooks that have a page.

    Returns
    -------
    str
        The page with ``href="<stem>.ipynb..."`` changed to ``href="<stem>.html..."``.

    Examples
    --------
    >>> rewrite_notebook_links('<a href="04_x.ipynb#s3">3</a> <a href="a.ipynb">', ["04_x"])
    '<a href="04_x.html#s3">3</a> <a href="a.ipynb">'
    """
    if not stems:
        return page_html
    names = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    pattern = re.compile(rf"""(\bhref=["'])(?:\./)?({names})\.ipynb(?=["'#?])""")
    return pattern.sub(r"\1\2.html", page_html)


_WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")
#: Front-end-only models that point at widgets but that no widget points at (a ``jslink``
#: keeps a slider and its number box together in the page, kernel or not).
_LINK_MODELS = {"LinkModel", "DirectionalLinkModel"}


def _prune_widget_state(nb) -> int:
    """Keep only the widget models the static page shows; return how many were dropped.

    The page shows the views of cells the edition keeps (not those tagged
    :data:`~anatomy_helpers.tools.present.STATIC_HIDDEN_TAGS`; self-check cells no longer
    hold a view once replaced). A model is kept if a shown view reaches it through its
    ``IPY_MODEL_`` references, or if it is a link between kept models. The quizzes' and the
    app-only cells' models would otherwise be shipped in every page unused.
    """
    state = nb.get("metadata", {}).get("widgets", {}).get(_WIDGET_STATE, {}).get("state")
    if not state:
        return 0
    stack = [
        output["data"][_WIDGET_VIEW]["model_id"]
        for cell in nb.cells
        if not set(cell.get("metadata", {}).get("tags", [])) & set(STATIC_HIDDEN_TAGS)
        for output in cell.get("outputs", [])
        if _WIDGET_VIEW in output.get("data", {})
    ]
    keep: set[str] = set()
    while True:
        while stack:
            model_id = stack.pop()
            if model_id in keep or model_id not in state:
                continue
            keep.add(model_id)
            stack += _MODEL_REF.findall(json.dumps(state[model_id]))
        links = [
            model_id
            for model_id, model in state.items()
            if model_id not in keep
            and model.get("model_name") in _LINK_MODELS
            and set(_MODEL_REF.findall(json.dumps(model))) & keep
        ]
        if not links:
            break
        stack = links
    dropped = [model_id for model_id in state if model_id not in keep]
    for model_id in dropped:
        del state[model_id]
    return len(dropped)


def icon_font_css(font_dir: Path) -> str:
    """``@font-face`` rules that point the embedder's icon fonts at the vendored files.

    Parameters
    ----------
    font_dir : pathlib.Path
        The copied ``html-manager/dist`` folder (its TrueType files are read for their
        family and style names, so a new embedder version needs no change here).

    Returns
    -------
    str
        CSS with URLs relative to the ``vendor/`` folder.
    """
    from PIL import ImageFont

    weights = {"Regular": 400, "Solid": 900}
    rules = []
    for font in sorted(font_dir.glob("*.ttf")):
        family, style = ImageFont.truetype(str(font), 12).getname()
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-style: normal; '
            f"font-weight: {weights.get(style, 400)}; font-display: block; "
            f'src: url("html-manager/{font.name}") format("truetype"); }}'
        )
    return "\n".join(rules) + "\n"


def _publish(path: Path, text: str) -> None:
    """Write a page atomically, readable by everyone the umask allows (like a plain write)."""
    write_text_atomic(path, text)
    umask = os.umask(0)
    os.umask(umask)
    path.chmod(0o666 & ~umask)


def main_site(argv: Sequence[str]) -> int:
    """``python -m anatomy_helpers site [--out site]``: build the static HTML edition.

    Parameters
    ----------
    argv : sequence of str
        Arguments after ``site``.

    Returns
    -------
    int
        0 on success, 1 on failure.
    """
    parser = argparse.ArgumentParser(
        prog="python -m anatomy_helpers site",
        description="Build the offline static HTML edition of every notebook into a folder "
        "(widgets render from saved state with no network; nothing is loaded from a CDN).",
    )
    parser.add_argument("--out", default="site", help="output folder (default: site)")
    parser.add_argument("--root", default=None, help="project folder (default: found from cwd)")
    parser.add_argument("--hide-code", action="store_true", help="leave out code cell sources")
    args = parser.parse_args(list(argv))
    try:
        root = project_root(args.root)
        pages = build_site(root, Path(args.out), hide_code=args.hide_code)
    except (FileNotFoundError, RuntimeError, ValueError) as exc:
        print(f"site: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {len(pages) - 1} notebook pages and {pages[0]}")
    print(
        f"Open {pages[0].resolve().as_uri()} (works offline), or serve the folder with "
        f"`python -m http.server --bind 127.0.0.1 --directory {args.out}`."
    )
    return 0
