"""Shared test fixtures: a headless matplotlib, and Debian's Chromium for browser tests."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from anatomy_helpers.documents.pdf import CHROMIUM_ARGS, find_chromium
from anatomy_helpers.documents.pdf import CHROMIUM_MISSING as _CHROMIUM_MISSING

os.environ.setdefault("MPLBACKEND", "Agg")

# Property tests check behaviour, not speed: on a loaded 2-core machine one slow example must
# not fail a run (timing targets live in benchmarks/, never in tests).
settings.register_profile(
    "sciatica", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("sciatica")


CHROMIUM_MISSING = (
    "the browser tests are skipped: " + _CHROMIUM_MISSING + " Then run the tests again."
)


def chromium_path() -> str | None:
    """Path of the system Chromium, or None."""
    return find_chromium()


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
        b = p.chromium.launch(executable_path=chromium_executable, args=list(CHROMIUM_ARGS))
        yield b
        b.close()
