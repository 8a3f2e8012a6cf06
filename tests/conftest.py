"""Shared test fixtures: a headless matplotlib, and Debian's Chromium for browser tests."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("MPLBACKEND", "Agg")

# Property tests check behaviour, not speed: on a loaded 2-core machine one slow example must
# not fail a run (timing targets live in benchmarks/, never in tests).
settings.register_profile(
    "sciatica", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("sciatica")

#: Flags for Debian's Chromium on a machine with no network but the package registries.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

CHROMIUM_MISSING = (
    "Chromium is not installed, so the browser tests are skipped. Install Debian's package "
    "with `sudo apt-get install -y chromium` (`.ci/run` does this) and run the tests again; "
    "no browser is ever downloaded by the tests."
)


def chromium_path() -> str | None:
    """Path of the system Chromium, or None."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """The system Chromium; skips the test with install instructions when it is missing."""
    path = chromium_path()
    if path is None:
        pytest.skip(CHROMIUM_MISSING)
    return path


@pytest.fixture(scope="session")
def browser(chromium_executable):
    """A Playwright Chromium browser (Debian's binary via executable_path), per session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
        yield b
        b.close()
