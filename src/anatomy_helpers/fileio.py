"""Atomic file writes: a reader sees the old file or the new one, never half of one.

Data is written to a temporary file in the same folder (``.<name>.<random>.tmp``),
flushed to disk, then renamed over the target (``os.replace`` is atomic on POSIX and
Windows). If anything fails or the process is interrupted before the rename, the
previous file is untouched.

Around that core:

* the new file keeps the mode of the file it replaces (a new file gets the usual mode for
  the process's umask, not the private 0600 of a temporary file);
* writing to a symbolic link writes the file it points to, and the link stays a link;
* temporary files that a killed process left behind (our own ``.<name>.*.tmp`` pattern,
  older than :data:`STALE_TEMP_SECONDS`) are removed on the next write to that name;
* a folder that cannot be written gives an error naming the target, not the hidden
  temporary file.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import tempfile
import threading
import time
from pathlib import Path

__all__ = ["STALE_TEMP_SECONDS", "write_bytes_atomic", "write_text_atomic"]

#: Age (s) after which a leftover temporary file of ours is taken to be orphaned.
STALE_TEMP_SECONDS = 3600.0

_UMASK_LOCK = threading.Lock()


def _new_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0o666 minus the process umask."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def _real_target(path: Path) -> Path:
    """Follow symbolic links, so the link itself is left in place."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _remove_stale_temps(target: Path, now: float) -> None:
    """Delete our own orphaned temporary files for ``target`` (best effort)."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[A-Za-z0-9_]+\.tmp")
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and (
                now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS
            ):
                os.unlink(entry.path)
        except OSError:
            continue


def _open_temp(target: Path) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        # Name the file the caller asked for, not our hidden temporary file.
        raise OSError(
            exc.errno, f"{exc.strerror} (cannot create a file in {target.parent})", str(target)
        ) from None


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, creating parent folders.

    Parameters
    ----------
    path : str or os.PathLike
        Target file (a symbolic link is written through).
    data : bytes
        Complete new contents.

    Returns
    -------
    pathlib.Path
        The target path, as given.

    Raises
    ------
    TypeError
        If ``path`` is not a path or ``data`` is not bytes.
    OSError
        If the file cannot be written; the message names the target.
    """
    if not isinstance(path, (str, os.PathLike)):
        msg = f"path must be a file path (str or os.PathLike), got {type(path).__name__}"
        raise TypeError(msg)
    if not isinstance(data, (bytes, bytearray)):
        msg = f"data must be bytes, got {type(data).__name__}"
        raise TypeError(msg)
    given = Path(path)
    if not str(path) or given.is_dir():
        msg = f"path must name a file, got {str(path)!r} (a folder)"
        raise ValueError(msg)
    target = _real_target(given)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(target, time.time())
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    fd, tmp = _open_temp(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)
            else:  # Windows before Python 3.13
                os.chmod(tmp, mode)
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return given


def write_text_atomic(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`write_bytes_atomic`).

    Raises
    ------
    TypeError
        If ``text`` is not a str.
    ValueError
        If ``text`` cannot be encoded (e.g. it holds a lone surrogate).
    """
    if not isinstance(text, str):
        msg = f"text must be a str, got {type(text).__name__}"
        raise TypeError(msg)
    if not isinstance(encoding, str):
        msg = f"encoding must be the name of a text encoding (str), got {type(encoding).__name__}"
        raise TypeError(msg)
    try:
        codecs.lookup(encoding)
    except LookupError:
        msg = f"encoding {encoding!r} is not a known text encoding (use e.g. 'utf-8')"
        raise ValueError(msg) from None
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        msg = f"text cannot be written as {encoding}: {exc.reason} at position {exc.start}"
        raise ValueError(msg) from None
    return write_bytes_atomic(path, data)
