"""PDF printing with Debian's Chromium; the same browser settings serve the browser tests.

The collection never downloads a browser: it uses the system ``chromium`` package
(``apt-get install chromium``) with flags that suit a machine whose only network is a
package registry. :func:`html_to_pdf` prints a self-contained HTML page (a handout, a
record) to PDF bytes; :func:`render_pdf` prints an HTML file to a PDF file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from anatomy_helpers.fileio import write_bytes_atomic

__all__ = [
    "CHROMIUM_ARGS",
    "CHROMIUM_MISSING",
    "PDF_UNAVAILABLE",
    "find_chromium",
    "html_to_pdf",
    "pdf_renderer",
    "render_pdf",
]

#: Headless flags: no sandbox (CI runs as root), no GPU, and no background network traffic
#: (update checks and the like fail on a closed network and slow every start).
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)

CHROMIUM_MISSING = (
    "Chromium is not installed. Install Debian's package with "
    "`sudo apt-get install -y chromium` (`.ci/run` does this); no browser is ever downloaded."
)


def find_chromium() -> str | None:
    """Path of the system Chromium executable, or None when it is not installed."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


#: Message returned when no PDF renderer is installed.
PDF_UNAVAILABLE = (
    "PDF not written: no PDF renderer was found on this machine (Chromium is needed; on "
    "Debian install it with `apt-get install -y chromium`). The HTML handout was written "
    "and can be printed to PDF from any web browser."
)


def pdf_renderer() -> str | None:
    """Path of the Chromium executable used for PDFs, or None when none is installed."""
    return find_chromium()


def html_to_pdf(page_html: str, *, timeout_s: float = 90.0) -> bytes:
    """Print a self-contained HTML page to PDF bytes with headless Chromium.

    The page is written to a private temporary folder, printed there and the folder is
    removed: nothing is left on disk.

    Parameters
    ----------
    page_html : str
        A complete HTML document that loads nothing from the network.
    timeout_s : float, default 90
        Give up after this many seconds.

    Returns
    -------
    bytes
        The PDF.

    Raises
    ------
    TypeError
        If ``page_html`` is not a str.
    RuntimeError
        If Chromium is missing, fails, times out or writes no PDF (the message says which).
    """
    if not isinstance(page_html, str):
        msg = f"page_html must be a str, got {type(page_html).__name__}"
        raise TypeError(msg)
    exe = pdf_renderer()
    if exe is None:
        raise RuntimeError(PDF_UNAVAILABLE)
    with tempfile.TemporaryDirectory(prefix="anatomy-pdf-") as tmp:
        source = Path(tmp) / "page.html"
        source.write_text(page_html, encoding="utf-8")
        out = Path(tmp) / "page.pdf"
        args = [
            exe,
            *CHROMIUM_ARGS,
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp}/profile",
            f"--print-to-pdf={out}",
            source.as_uri(),
        ]
        try:
            proc = subprocess.run(
                args, capture_output=True, text=True, timeout=timeout_s, check=False
            )
        except subprocess.TimeoutExpired:
            msg = f"PDF not written: Chromium did not finish within {timeout_s:g} s"
            raise RuntimeError(msg) from None
        if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
            tail = (proc.stderr or "").strip().splitlines()[-3:]
            msg = f"PDF not written: Chromium exited with code {proc.returncode}. " + " | ".join(
                tail
            )
            raise RuntimeError(msg)
        return out.read_bytes()


def render_pdf(
    html_path: str | os.PathLike[str], pdf_path: str | os.PathLike[str], *, timeout_s: float = 90.0
) -> Path:
    """Print an HTML file to a PDF file with headless Chromium, writing it atomically.

    Parameters
    ----------
    html_path : str or os.PathLike
        An existing HTML file.
    pdf_path : str or os.PathLike
        Target PDF.
    timeout_s : float, default 90
        Give up after this many seconds.

    Returns
    -------
    pathlib.Path
        The PDF path.

    Raises
    ------
    ValueError
        If ``html_path`` does not exist.
    RuntimeError
        If Chromium is missing, fails, times out or writes no PDF (the message says which).
    """
    source = Path(html_path).resolve()
    if not source.is_file():
        msg = f"html_path {str(source)!r} does not exist"
        raise ValueError(msg)
    pdf = html_to_pdf(source.read_text(encoding="utf-8"), timeout_s=timeout_s)
    return write_bytes_atomic(Path(pdf_path), pdf)
