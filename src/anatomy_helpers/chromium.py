"""Debian's Chromium, as used by the handout PDF export, the browser tests and benchmarks.

The collection never downloads a browser: it uses the system ``chromium`` package
(``apt-get install chromium``) with flags that suit a machine whose only network is a
package registry.
"""

from __future__ import annotations

import shutil

__all__ = ["CHROMIUM_ARGS", "CHROMIUM_MISSING", "find_chromium"]

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
