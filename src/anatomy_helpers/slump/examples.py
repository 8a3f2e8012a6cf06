"""Worked example recordings of the slump test (used by notebook 03, the tests and widgets).

References
----------
maitland1985, kuilart2005
"""

from __future__ import annotations

from anatomy_helpers.slump.recording import SlumpRecording, StageFinding
from anatomy_helpers.validation import check_choice

__all__ = ["EXAMPLE_NAMES", "example_recording"]


def _full_side(
    rec: SlumpRecording, side: str, leg: StageFinding, neck: str, spine: StageFinding | None = None
) -> SlumpRecording:
    spine = spine or StageFinding()
    for stage in ("upright_sitting", "thoracolumbar_slump", "neck_flexion"):
        rec = rec.with_finding(stage, side, StageFinding() if stage == "upright_sitting" else spine)
    for stage in ("knee_extension", "ankle_dorsiflexion"):
        rec = rec.with_finding(stage, side, leg)
    return rec.with_neck_release(side, neck)


#: Names of the example recordings.
EXAMPLE_NAMES = ("positive", "negative", "normal", "inconclusive")


def example_recording(name: str) -> SlumpRecording:
    """A complete example recording used in the notebook, the tests and the widget.

    Parameters
    ----------
    name : {"positive", "negative", "normal", "inconclusive"}
        ``positive``: familiar left calf and buttock pain reproduced by the leg components,
        eased on neck release, right side only a mild stretch behind the knee.
        ``negative``: no symptoms on either side. ``normal``: the same mild stretch behind
        the knee on both sides, unchanged by neck release. ``inconclusive``: familiar
        symptoms reproduced on the left but unchanged by neck release.

    Raises
    ------
    ValueError
        For an unknown name.
    """
    check_choice("name", name, EXAMPLE_NAMES, valid="examples")
    stretch = StageFinding(True, ("popliteal_fossa",), 3, False)
    familiar = StageFinding(True, ("buttock", "posterior_calf"), 6, True)
    rec = SlumpRecording(label=f"Example: {name}")
    if name == "positive":
        rec = _full_side(rec, "left", familiar, "eased")
        return _full_side(rec, "right", stretch, "eased")
    if name == "negative":
        rec = _full_side(rec, "left", StageFinding(), "unchanged")
        return _full_side(rec, "right", StageFinding(), "unchanged")
    if name == "normal":
        rec = _full_side(rec, "left", stretch, "unchanged")
        return _full_side(rec, "right", stretch, "unchanged")
    if name == "inconclusive":
        rec = _full_side(rec, "left", familiar, "unchanged")
        return _full_side(rec, "right", stretch, "unchanged")
    msg = f"unknown example {name!r}; examples: {', '.join(EXAMPLE_NAMES)}"
    raise ValueError(msg)
