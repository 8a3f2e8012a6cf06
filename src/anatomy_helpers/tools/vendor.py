"""Pinned browser files from the npm registry: the widget embedder, require.js and axe-core.

The static edition needs ``@jupyter-widgets/html-manager`` and ``require.js`` next to its
pages, and the accessibility tests need ``axe-core``. :func:`ensure_vendor` installs them
once per lock file into a git-ignored cache folder with ``npm ci`` against the committed
``package-lock.json``. Several processes may call it at once (pytest-xdist workers): a file
lock, which works on POSIX and on Windows, makes the others wait.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["VendorFiles", "ensure_vendor", "file_lock"]


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if needed) for the block.

    Uses ``fcntl.flock`` on POSIX and ``msvcrt.locking`` on Windows; both modules are
    imported here, not at module level, so this module imports everywhere.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as handle:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


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
    with file_lock(cache / ".lock"):
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
