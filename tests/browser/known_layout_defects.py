"""Known layout defects: the layout gate's items that fail on today's widgets (issue 12).

Empty: the 61 items this table held when the gate was built (float noise in number boxes,
quiz options painting over each other, figures off-screen after a preset, clipped labels
and drop-downs, ...) all pass since the layout and widget fixes of issue 12 landed; each
turned into an XPASS(strict) failure until its entry was deleted here. Add an entry only
for a defect you cannot fix in the same change, and say what a user sees.

Each key is ``(notebook stem, surface, viewport, widget, check)``; the value says the defect
in words. ``conftest.gate_params`` turns each entry into a strict xfail, so ``main`` stays
green while the fixes land, and a fixed item fails (XPASS strict) until its entry is removed
here. ``test_gate_selfcheck.py`` checks that every key still names a real gate item.

A reason that starts with ``FLAKY:`` makes a non-strict xfail: the item fails in most runs
but not all, because the widget itself behaves differently with message timing (the reason
says how). Fix the widget, then delete the entry.

Surfaces: ``voila`` (app mode), ``lab`` (JupyterLab after Run All). Viewports: ``laptop``
1366x768, ``phone`` 390x844. Widgets: ``w0``, ``w1``... are the top-level widget views in
page order (as stored in the executed notebook); ``page`` is the whole page. Checks:
``layout`` (overlap, spill, clipping), ``in_view`` (the change is visible with the
control), ``page_width`` (no sideways page scroll). Screenshots of every state are in
``test-artifacts/gate/<surface>/<viewport>/<notebook>/`` after a run.
"""

from __future__ import annotations

KNOWN_LAYOUT_DEFECTS: dict[tuple[str, str, str, str, str], str] = {}
