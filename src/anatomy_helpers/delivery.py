"""Delivery: present a notebook as a Voila app, and build the offline static HTML edition.

Two command-line entry points, wired into ``python -m anatomy_helpers``:

``present NB``
    Start Voila on one notebook (a path or its two-digit prefix, e.g. ``01``) with code
    and tracebacks hidden, bound to ``127.0.0.1`` unless ``--host`` says otherwise, using
    the ``anatomy`` Voila template (slider names for screen readers, contrast fixes) and
    culling the kernels of closed pages.
``site [--out site]``
    Convert every ``notebooks/*.ipynb`` (executed, with stored widget state) to HTML whose
    widgets render with no network: the widget embedder
    (``@jupyter-widgets/html-manager``) and ``require.js`` are installed from the npm
    registry into the cache folder ``.vendor/`` at build time (``npm ci`` against the
    committed ``package-lock.json``) and copied next to the pages. MathJax is switched off
    (no CDN at view time). An ``index.html`` lists the notebooks with titles and times.

Nothing here is a core module: it imports nbconvert/nbformat lazily and runs subprocesses.

References
----------
Voila 0.5 configuration (``voila --help-all``); nbconvert 7 ``HTMLExporter`` options
``widget_renderer_url`` and ``require_js_url``; nbgitpuller and JupyterHub notes in
``docs/classroom.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import html
import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "TEMPLATES_DIR",
    "VOILA_TEMPLATE",
    "NotebookInfo",
    "VendorFiles",
    "build_site",
    "ensure_vendor",
    "find_project_root",
    "list_notebooks",
    "main_present",
    "main_site",
    "notebook_info",
    "resolve_notebook",
    "voila_command",
    "voila_env",
]

#: Folder holding the Voila and nbconvert templates (package data).
TEMPLATES_DIR = Path(__file__).resolve().parent / "delivery_templates"
#: Name of the Voila template (``delivery_templates/voila/templates/anatomy``).
VOILA_TEMPLATE = "anatomy"
#: Name of the nbconvert template of the static edition.
STATIC_TEMPLATE = "anatomy_static"
#: Default Voila port.
DEFAULT_PORT = 8866
#: Kernel culling: check every 10 s; shut down a kernel with no open page after 120 s idle
#: (a shorter limit culls kernels under load before their page has connected).
CULL_INTERVAL_S = 10
CULL_IDLE_TIMEOUT_S = 120

_TIME = re.compile(r"\*\*Estimated time:\*\*\s*(\d+)\s*min", re.IGNORECASE)
_AUDIENCE = re.compile(r"\*\*Audience:\*\*\s*([^·\n]+)", re.IGNORECASE)


# -- locating notebooks ------------------------------------------------------------------
def find_project_root(start: str | os.PathLike[str] | None = None) -> Path:
    """The project folder: the nearest folder at or above ``start`` with ``notebooks/``.

    Parameters
    ----------
    start : path-like, optional
        Where to start looking (default: the current directory).

    Returns
    -------
    pathlib.Path
        The folder holding ``notebooks/`` (and ``pyproject.toml`` in a checkout).

    Raises
    ------
    FileNotFoundError
        If no such folder exists above ``start``.
    """
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "notebooks").is_dir() and (folder / "pyproject.toml").is_file():
            return folder
    for folder in (here, *here.parents):
        if (folder / "notebooks").is_dir():
            return folder
    msg = f"no folder with a notebooks/ sub-folder at or above {here}; run from the project"
    raise FileNotFoundError(msg)


def list_notebooks(root: str | os.PathLike[str]) -> list[Path]:
    """Every ``notebooks/*.ipynb`` of the project, sorted by name.

    Parameters
    ----------
    root : path-like
        Project folder.

    Returns
    -------
    list of pathlib.Path
        Notebook paths (checkpoint copies excluded).
    """
    folder = Path(root) / "notebooks"
    return sorted(p for p in folder.glob("*.ipynb") if p.is_file())


def resolve_notebook(spec: str, root: str | os.PathLike[str] | None = None) -> Path:
    """Turn a notebook argument into a path.

    Parameters
    ----------
    spec : str
        A path to an ``.ipynb`` file, a notebook stem (``01_sciatic_nerve``), or a number
        prefix (``1`` or ``01``).
    root : path-like, optional
        Project folder (found from the current directory when omitted).

    Returns
    -------
    pathlib.Path
        The notebook.

    Raises
    ------
    ValueError
        If nothing or more than one notebook matches (the message lists the notebooks).
    """
    if not isinstance(spec, str) or not spec.strip():
        msg = "notebook must be a path, a stem or a number prefix such as 01"
        raise ValueError(msg)
    direct = Path(spec)
    if direct.suffix == ".ipynb" and direct.is_file():
        return direct.resolve()
    root = find_project_root(root)
    notebooks = list_notebooks(root)
    text = spec.strip()
    if text.isdigit():
        prefix = f"{int(text):02d}_"
        matches = [p for p in notebooks if p.name.startswith(prefix)]
    else:
        stem = Path(text).stem
        matches = [p for p in notebooks if p.stem == stem or p.name == Path(text).name]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(p.stem for p in notebooks) or "(none yet)"
    problem = "matches several notebooks" if matches else "matches no notebook"
    msg = f"notebook {spec!r} {problem}; notebooks: {names}"
    raise ValueError(msg)


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
        Number of widget views stored in its outputs.
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
        The parsed information.
    """
    path = Path(path)
    nb = json.loads(path.read_text(encoding="utf-8"))
    title, summary, minutes, audience = path.stem, "", None, ""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        text = "".join(cell.get("source", []))
        lines = [ln.strip() for ln in text.splitlines()]
        h1 = next((i for i, ln in enumerate(lines) if ln.startswith("# ")), None)
        if h1 is None:
            continue
        title = lines[h1][2:].strip()
        rest = [ln for ln in lines[h1 + 1 :] if ln]
        summary = next((ln for ln in rest if not ln.startswith(("**", "#", "<"))), "")
        if match := _TIME.search(text):
            minutes = int(match.group(1))
        if match := _AUDIENCE.search(text):
            audience = match.group(1).strip()
        break
    views = 0
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            if "application/vnd.jupyter.widget-view+json" in output.get("data", {}):
                views += 1
    state = nb.get("metadata", {}).get("widgets", {})
    has_state = bool(state.get("application/vnd.jupyter.widget-state+json", {}).get("state"))
    return NotebookInfo(path, title, summary, minutes, audience, views, has_state)


# -- Voila app mode ----------------------------------------------------------------------
def voila_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a Voila process that finds the ``anatomy`` template.

    Parameters
    ----------
    base : dict, optional
        Environment to extend (default: ``os.environ``).

    Returns
    -------
    dict
        A copy with :data:`TEMPLATES_DIR` first on ``JUPYTER_PATH``.
    """
    env = dict(os.environ if base is None else base)
    old = env.get("JUPYTER_PATH", "")
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(TEMPLATES_DIR), old) if p)
    return env


def _check_port(port: object) -> int:
    if isinstance(port, bool) or not isinstance(port, int):
        msg = f"port must be an int from 1 to 65535, got {port!r}"
        raise TypeError(msg)
    if not 1 <= port <= 65535:
        msg = f"port = {port} is outside its range 1 to 65535"
        raise ValueError(msg)
    return port


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (``localhost``, ``127.x.x.x``, ``::1``)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def voila_command(
    notebook: str | os.PathLike[str],
    *,
    port: int = DEFAULT_PORT,
    host: str = "127.0.0.1",
    cull_interval_s: int = CULL_INTERVAL_S,
    cull_idle_timeout_s: int = CULL_IDLE_TIMEOUT_S,
    python: str | None = None,
) -> list[str]:
    """Command line that serves one notebook (or a folder of them) as a Voila app.

    Parameters
    ----------
    notebook : path-like
        An ``.ipynb`` file or a folder (Voila then shows a file list).
    port : int, default 8866
        TCP port (1 to 65535).
    host : str, default "127.0.0.1"
        Address to bind; a non-loopback address exposes the app to the network.
    cull_interval_s, cull_idle_timeout_s : int
        How often (s) idle kernels are checked, and after how many seconds idle a kernel
        whose page has gone is shut down (open pages are never culled).
    python : str, optional
        Interpreter (default: the running one).

    Returns
    -------
    list of str
        The argument vector; run it with :func:`voila_env` as the environment.
    """
    port = _check_port(port)
    for name, value in (
        ("cull_interval_s", cull_interval_s),
        ("cull_idle_timeout_s", cull_idle_timeout_s),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            msg = f"{name} must be a positive int (seconds), got {value!r}"
            raise ValueError(msg)
    if not isinstance(host, str) or not host:
        msg = f"host must be a non-empty str such as '127.0.0.1', got {host!r}"
        raise ValueError(msg)
    target = Path(notebook)
    if not target.exists():
        msg = f"notebook {str(target)!r} does not exist"
        raise ValueError(msg)
    return [
        python or sys.executable,
        "-m",
        "voila",
        str(target),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        f"--template={VOILA_TEMPLATE}",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--MappingKernelManager.cull_interval={cull_interval_s}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle_timeout_s}",
        "--MappingKernelManager.cull_connected=False",
    ]


def main_present(argv: Sequence[str]) -> int:
    """``python -m anatomy_helpers present NB``: show a notebook as a Voila app.

    Parameters
    ----------
    argv : sequence of str
        Arguments after ``present``.

    Returns
    -------
    int
        Exit status (Voila's, or 2 for a bad argument).
    """
    parser = argparse.ArgumentParser(
        prog="python -m anatomy_helpers present",
        description="Present a notebook as an app with Voila: code and tracebacks hidden, "
        "bound to this machine only unless --host says otherwise.",
    )
    parser.add_argument("notebook", help="path, stem, or number prefix such as 01")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="TCP port (default 8866)")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default 127.0.0.1). Another address lets other machines open "
        "the app with no password: use it only on a network you trust.",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the Voila command and exit")
    args = parser.parse_args(list(argv))
    try:
        notebook = resolve_notebook(args.notebook)
        command = voila_command(notebook, port=args.port, host=args.host)
    except (ValueError, TypeError, FileNotFoundError) as exc:
        print(f"present: {exc}", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print(
            f"WARNING: binding to {args.host}: anyone who can reach this machine on port "
            f"{args.port} can open the app and start kernels on it (Voila has no password). "
            "Use the default 127.0.0.1 unless you are on a network you trust.",
            file=sys.stderr,
        )
    shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    if ":" in shown_host:
        shown_host = f"[{shown_host}]"
    print(f"Presenting {notebook.name} at http://{shown_host}:{args.port}/ (Ctrl+C stops it)")
    if args.dry_run:
        print(" ".join(command))
        return 0
    sys.stdout.flush()
    try:
        return subprocess.run(command, env=voila_env(), check=False).returncode
    except KeyboardInterrupt:
        return 0


# -- vendored browser files --------------------------------------------------------------
@dataclass(frozen=True)
class VendorFiles:
    """Paths of the vendored browser files inside the cache folder.

    Attributes
    ----------
    node_modules : pathlib.Path
        The npm install folder.
    html_manager_dist : pathlib.Path
        ``@jupyter-widgets/html-manager/dist`` (``embed-amd.js`` and its fonts).
    require_js : pathlib.Path
        ``requirejs/require.js``.
    axe_js : pathlib.Path
        ``axe-core/axe.min.js``.
    """

    node_modules: Path
    html_manager_dist: Path
    require_js: Path
    axe_js: Path

    @classmethod
    def under(cls, node_modules: Path) -> VendorFiles:
        """The expected paths under a ``node_modules`` folder."""
        return cls(
            node_modules,
            node_modules / "@jupyter-widgets" / "html-manager" / "dist",
            node_modules / "requirejs" / "require.js",
            node_modules / "axe-core" / "axe.min.js",
        )

    def missing(self) -> list[Path]:
        """Expected files that are absent."""
        wanted = [self.html_manager_dist / "embed-amd.js", self.require_js, self.axe_js]
        return [p for p in wanted if not p.is_file()]


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_vendor(
    root: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None
) -> VendorFiles:
    """Install the pinned npm packages into the cache folder (once per lock file).

    Runs ``npm ci --ignore-scripts`` with the project's ``package.json`` and
    ``package-lock.json`` copied into ``cache_dir``; a stamp holding the lock file's hash
    skips the install next time. Safe to call from several processes at once (file lock).

    Parameters
    ----------
    root : path-like
        Project folder (holds ``package.json`` and ``package-lock.json``).
    cache_dir : path-like, optional
        Cache folder (default ``<root>/.vendor``, git-ignored).

    Returns
    -------
    VendorFiles
        Paths of the installed files.

    Raises
    ------
    FileNotFoundError
        If the package files or ``npm`` are missing.
    RuntimeError
        If ``npm ci`` fails (its output is included).
    """
    root = Path(root)
    cache = Path(cache_dir) if cache_dir else root / ".vendor"
    manifest, lock = root / "package.json", root / "package-lock.json"
    for needed in (manifest, lock):
        if not needed.is_file():
            msg = f"{needed} is missing: the vendored browser files are pinned there"
            raise FileNotFoundError(msg)
    digest = hashlib.sha256(manifest.read_bytes() + lock.read_bytes()).hexdigest()
    files = VendorFiles.under(cache / "node_modules")
    stamp = cache / ".installed"
    with _file_lock(cache / ".lock"):
        if stamp.is_file() and stamp.read_text().strip() == digest and not files.missing():
            return files
        npm = shutil.which("npm")
        if npm is None:
            msg = (
                "npm is not installed; the static edition and the accessibility tests "
                "need it once to fetch pinned files (Debian: apt-get install -y npm)"
            )
            raise FileNotFoundError(msg)
        shutil.copy2(manifest, cache / "package.json")
        shutil.copy2(lock, cache / "package-lock.json")
        result = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=cache,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if result.returncode != 0 or files.missing():
            msg = (
                f"npm ci in {cache} failed (exit {result.returncode}):\n"
                f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
            )
            raise RuntimeError(msg)
        stamp.write_text(digest + "\n")
    return files


# -- static HTML edition -----------------------------------------------------------------
def _exporter(hide_code: bool):
    from nbconvert import HTMLExporter

    base = str(TEMPLATES_DIR / "nbconvert" / "templates")
    exporter = HTMLExporter(
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
clinicians. These pages need no kernel and no network: figures, readouts and quizzes
show their saved starting state, and the controls do not recompute. Open a notebook
in JupyterLab, or present it with Voila, to explore. Education, not medical advice.</p>
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

    Returns
    -------
    list of pathlib.Path
        The pages written, index first.

    Raises
    ------
    FileNotFoundError
        If there are no notebooks.
    """
    from anatomy_helpers.fileio import write_text_atomic

    root, out = Path(root), Path(out)
    notebooks = list_notebooks(root)
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
        if info.widget_views and not info.has_widget_state:
            notes.append(
                f"{path.name}: widgets have no saved state, so they cannot show here; "
                "re-run `python -m anatomy_helpers notebooks execute`."
            )
        body, _resources = exporter.from_filename(
            str(path), resources={"metadata": {"name": info.title, "path": str(path.parent)}}
        )
        page = out / "notebooks" / f"{info.stem}.html"
        write_text_atomic(page, body)
        pages.append(page)
    for note in notes:
        warnings.warn(note, stacklevel=2)
    index = out / "index.html"
    write_text_atomic(index, _index_html(infos, notes))
    return [index, *pages]


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
        root = find_project_root(args.root)
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
