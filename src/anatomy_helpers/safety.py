"""The education-not-medical-advice note and the cauda equina red flags.

Every notebook carries the same generated note (see :func:`safety_note_markdown`), so the
red flags are never left out where symptoms are discussed; handouts and the differential
reasoning tools use :func:`load_red_flags` too.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Literal

from anatomy_helpers.references import cite_link
from anatomy_helpers.tables import table_loader

__all__ = [
    "EDUCATION_NOTE",
    "RED_FLAG_ACTION",
    "RedFlag",
    "load_red_flags",
    "safety_note_html",
    "safety_note_markdown",
]

EDUCATION_NOTE = (
    "This material teaches anatomy and clinical reasoning to physical-therapy students and "
    "clinicians. Its models are simplified teaching tools: they cannot diagnose, treat or "
    "rule out anything in a real person. Anyone with back or leg symptoms should be "
    "assessed by a qualified clinician."
)

RED_FLAG_ACTION = (
    "Any of these with back or leg pain needs same-day emergency medical assessment "
    "(urgent referral for MRI), not exercise or manual therapy."
)

Verification = Literal["V", "S", "D", "A"]


@dataclass(frozen=True)
class RedFlag:
    """One red flag for cauda equina syndrome.

    Attributes
    ----------
    flag_id : str
        Stable identifier (``saddle_anaesthesia``).
    sign : str
        The sign in plain language.
    what_to_ask_or_check : str
        How a clinician looks for it.
    source_id : str
        Bibliography key.
    verification : str
        ``V`` read in the primary source, ``S`` secondary source only, ``D`` derived.
    """

    flag_id: str
    sign: str
    what_to_ask_or_check: str
    source_id: str
    verification: Verification


#: Load the red flags of cauda equina syndrome (``data/red_flags.csv``), in teaching order.
#: References: long2020, gardner2011; accuracy: dionne2019.
load_red_flags = table_loader("red_flags.csv", RedFlag)


def safety_note_markdown() -> str:
    """The Markdown note every notebook ends with (generated; do not edit by hand).

    Returns
    -------
    str
        A block quote: education-not-advice, then the red flags with citations and the
        caution that red flags are more specific than sensitive.
    """
    flags = load_red_flags()
    keys = sorted({f.source_id for f in flags})
    lines = [
        f"> **Education, not medical advice.** {EDUCATION_NOTE}",
        ">",
        "> **Red flags for cauda equina syndrome.** " + RED_FLAG_ACTION,
        ">",
    ]
    lines += [f"> - {f.sign}" for f in flags]
    lines += [
        ">",
        "> Sources: "
        + "; ".join(cite_link(k) for k in keys)
        + ". Red flags are more specific than sensitive, so their absence does not rule the "
        "syndrome out " + f"({cite_link('dionne2019')}).",
    ]
    return "\n".join(lines)


def safety_note_html() -> str:
    """The same note as an HTML ``<aside>``, for handouts and app pages.

    Returns
    -------
    str
        Escaped HTML.
    """
    from anatomy_helpers.references import cite

    flags = load_red_flags()
    items = "".join(f"<li>{html.escape(f.sign)}</li>" for f in flags)
    keys = sorted({f.source_id for f in flags})
    sources = "; ".join(html.escape(cite(k)) for k in keys)
    return (
        '<aside class="safety-note" role="note">'
        f"<p><strong>Education, not medical advice.</strong> {html.escape(EDUCATION_NOTE)}</p>"
        "<p><strong>Red flags for cauda equina syndrome.</strong> "
        f"{html.escape(RED_FLAG_ACTION)}</p><ul>{items}</ul>"
        f"<p>Sources: {sources}. Red flags are more specific than sensitive, so their absence "
        f"does not rule the syndrome out ({html.escape(cite('dionne2019'))}).</p></aside>"
    )
