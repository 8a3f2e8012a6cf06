"""Atomic file writes: a reader sees the old file or the new one, never half of one.

Data is written to a temporary file in the same folder, flushed to disk, then renamed over
the target (``os.replace`` is atomic on POSIX and Windows). If anything fails or the process
is interrupted before the rename, the previous file is untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_bytes_atomic", "write_text_atomic"]


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, creating parent folders.

    Parameters
    ----------
    path : str or os.PathLike
        Target file.
    data : bytes
        Complete new contents.

    Returns
    -------
    pathlib.Path
        The target path.

    Raises
    ------
    TypeError
        If ``data`` is not bytes.
    """
    if not isinstance(data, (bytes, bytearray)):
        msg = f"data must be bytes, got {type(data).__name__}"
        raise TypeError(msg)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_text_atomic(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`write_bytes_atomic`).

    Raises
    ------
    TypeError
        If ``text`` is not a str.
    """
    if not isinstance(text, str):
        msg = f"text must be a str, got {type(text).__name__}"
        raise TypeError(msg)
    return write_bytes_atomic(path, text.encode(encoding))
