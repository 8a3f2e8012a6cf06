"""The education-not-medical-advice note and the serious-pathology red-flag screen.

Every notebook carries the same short generated note (see :func:`safety_note_markdown`): it
names the cauda equina red flags and points to the full serious-pathology screen taught in
notebook 04, so red flags are never left out where symptoms are discussed. The screen itself
(:func:`serious_pathology_screen`) groups every red flag of the collection:

* ``red_flags.csv`` - cauda equina syndrome (the short note lists these);
* ``serious_pathology_screen.csv`` - malignancy, infection, fracture and vascular causes
  (arterial and venous, including calf-specific signs).

Each red flag says what to ask or check, what action it demands (and how urgently), and what
the evidence says about it: most single red flags have poor diagnostic accuracy.

References
----------
long2020, gardner2011 and dionne2019 (cauda equina); finucane2020 (framework); verhagen2016,
downie2013, henschke2009, henschke2013 (malignancy and fracture); yusuf2019 (infection);
devon_ali_guidance (acute limb ischaemia); nice_ng158 (deep vein thrombosis).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Literal

from anatomy_helpers.references import cite, cite_link
from anatomy_helpers.tables import FieldError, Verification, table_loader

__all__ = [
    "CATEGORY_LABELS",
    "EDUCATION_NOTE",
    "RED_FLAG_ACTION",
    "URGENCY_LABELS",
    "RedFlag",
    "get_red_flag",
    "load_red_flags",
    "load_screen_flags",
    "safety_note_html",
    "safety_note_markdown",
    "screen_html",
    "serious_pathology_screen",
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

Category = Literal["cauda_equina", "malignancy", "infection", "fracture", "arterial", "venous"]
Urgency = Literal["emergency", "same_day", "prompt"]

#: Screen categories in teaching order, with headings.
CATEGORY_LABELS: dict[str, str] = {
    "cauda_equina": "Cauda equina syndrome",
    "malignancy": "Malignancy",
    "infection": "Infection",
    "fracture": "Fracture",
    "arterial": "Vascular: arterial",
    "venous": "Vascular: venous (deep vein thrombosis)",
}

#: Urgency levels, most urgent first.
URGENCY_LABELS: dict[str, str] = {
    "emergency": "Emergency, same day",
    "same_day": "Same-day medical assessment",
    "prompt": "Prompt medical assessment before treatment continues",
}


@dataclass(frozen=True)
class RedFlag:
    """One red flag of the serious-pathology screen.

    Attributes
    ----------
    flag_id : str
        Stable identifier (``saddle_anaesthesia``).
    category : str
        One of :data:`CATEGORY_LABELS`.
    sign : str
        The sign in plain language.
    what_to_ask_or_check : str
        How a clinician looks for it.
    action : str
        What it demands.
    urgency : {"emergency", "same_day", "prompt"}
        How soon (see :data:`URGENCY_LABELS`).
    evidence : str
        What is known about its diagnostic value.
    evidence_source_ids : tuple of str
        Sources of ``evidence``.
    source_id : str
        Source of the sign and its action.
    verification : str
        ``V`` read in the primary source, ``S`` secondary source only, ``D`` derived,
        ``A`` teaching assumption.
    """

    flag_id: str
    category: Category
    sign: str
    what_to_ask_or_check: str
    action: str
    urgency: Urgency
    evidence: str
    evidence_source_ids: tuple[str, ...]
    source_id: str
    verification: Verification

    def check(self) -> None:
        """The evidence cites at least one source (the loader resolves every key)."""
        if not self.evidence_source_ids:
            raise FieldError("evidence_source_ids", "cite at least one source for the evidence")

    @property
    def urgency_label(self) -> str:
        """Plain-language urgency."""
        return URGENCY_LABELS[self.urgency]


_RED_FLAGS = "red_flags.csv"


def _ids_not_in_red_flags(flags: tuple[RedFlag, ...]) -> None:
    """Table rule: a flag id of the screen is not also a cauda equina flag id."""
    cauda_equina = {f.flag_id for f in load_red_flags()}
    for index, flag in enumerate(flags):
        if flag.flag_id in cauda_equina:
            problem = f"{flag.flag_id!r} is already a flag of {_RED_FLAGS}"
            raise FieldError("flag_id", problem, record=index)


#: Load the red flags of cauda equina syndrome (``data/red_flags.csv``), in teaching order.
#: References: long2020, gardner2011; accuracy: dionne2019.
load_red_flags = table_loader(
    _RED_FLAGS,
    RedFlag,
    key="flag_id",
    references={"category": ("cauda_equina",)},
)

#: Load the other red flags of the screen (``data/serious_pathology_screen.csv``):
#: every category but cauda equina, and ids of their own.
load_screen_flags = table_loader(
    "serious_pathology_screen.csv",
    RedFlag,
    key="flag_id",
    references={"category": tuple(c for c in CATEGORY_LABELS if c != "cauda_equina")},
    check=_ids_not_in_red_flags,
)


def serious_pathology_screen() -> tuple[RedFlag, ...]:
    """Every red flag of the collection, grouped by category in :data:`CATEGORY_LABELS` order.

    Returns
    -------
    tuple of RedFlag
        The cauda equina flags (``red_flags.csv``) and the rest of the screen
        (``serious_pathology_screen.csv``), whose declarations keep the categories apart
        and every ``flag_id`` unique across both files.
    """
    flags = (*load_red_flags(), *load_screen_flags())
    order = {c: i for i, c in enumerate(CATEGORY_LABELS)}
    return tuple(sorted(flags, key=lambda f: order[f.category]))


def get_red_flag(flag_id: str) -> RedFlag:
    """Return one red flag of the screen.

    Raises
    ------
    ValueError
        For an unknown id (the message lists the valid ids).
    """
    flags = {f.flag_id: f for f in serious_pathology_screen()}
    if flag_id not in flags:
        msg = f"unknown flag_id {flag_id!r}; valid red flags: {', '.join(flags)}"
        raise ValueError(msg)
    return flags[flag_id]


_SCREEN_POINTER = (
    "Other serious causes of back or leg pain (cancer, infection, fracture, a blocked artery "
    "or a deep vein thrombosis) have their own red flags"
)


def safety_note_markdown() -> str:
    """The short Markdown note at the top of every notebook (generated; do not edit by hand).

    Returns
    -------
    str
        A block quote: education-not-advice, the cauda equina red flags in one sentence, a
        pointer to the full screen in notebook 04, the sources and the caution that red
        flags are more specific than sensitive.
    """
    flags = load_red_flags()
    keys = sorted({f.source_id for f in flags})
    signs = "; ".join(f.sign for f in flags)
    return "\n".join(
        [
            f"> **Education, not medical advice.** {EDUCATION_NOTE}",
            ">",
            f"> **Red flags: cauda equina syndrome.** {RED_FLAG_ACTION} Flags: {signs}.",
            ">",
            f"> {_SCREEN_POINTER}: see the full screen in "
            "[Sciatica and its mimics, section 3](04_sciatica_and_mimics.ipynb). Sources: "
            + "; ".join(cite_link(k) for k in keys)
            + ". Red flags are more specific than sensitive, so their absence does not rule "
            f"the syndrome out ({cite_link('dionne2019')}).",
        ]
    )


def safety_note_html() -> str:
    """The same note as an HTML ``<aside>``, for handouts and app pages.

    Returns
    -------
    str
        Escaped HTML listing the cauda equina red flags.
    """
    flags = load_red_flags()
    items = "".join(f"<li>{html.escape(f.sign)}</li>" for f in flags)
    keys = sorted({f.source_id for f in flags})
    sources = "; ".join(html.escape(cite(k)) for k in keys)
    return (
        '<aside class="safety-note" role="note">'
        f"<p><strong>Education, not medical advice.</strong> {html.escape(EDUCATION_NOTE)}</p>"
        "<p><strong>Red flags: cauda equina syndrome.</strong> "
        f"{html.escape(RED_FLAG_ACTION)}</p><ul>{items}</ul>"
        f"<p>{html.escape(_SCREEN_POINTER)}: ask your clinician.</p>"
        f"<p>Sources: {sources}. Red flags are more specific than sensitive, so their absence "
        f"does not rule the syndrome out ({html.escape(cite('dionne2019'))}).</p></aside>"
    )


def screen_html(categories: tuple[str, ...] | None = None) -> str:
    """The serious-pathology screen as an accessible HTML table (notebook 04).

    Parameters
    ----------
    categories : tuple of str, optional
        Only these categories (keys of :data:`CATEGORY_LABELS`); default all.

    Raises
    ------
    ValueError
        For an unknown category.
    """
    if categories is not None:
        bad = [c for c in categories if c not in CATEGORY_LABELS]
        if bad:
            msg = f"unknown categories {bad}; valid: {', '.join(CATEGORY_LABELS)}"
            raise ValueError(msg)
    e = html.escape
    rows = []
    for flag in serious_pathology_screen():
        if categories is not None and flag.category not in categories:
            continue
        note = " (secondary source)" if flag.verification == "S" else ""
        evidence = "; ".join(cite(k) for k in flag.evidence_source_ids)
        rows.append(
            f"<tr><td>{e(CATEGORY_LABELS[flag.category])}</td><td>{e(flag.sign)}</td>"
            f"<td>{e(flag.what_to_ask_or_check)}</td>"
            f"<td><strong>{e(flag.urgency_label)}.</strong> {e(flag.action)} "
            f"({e(cite(flag.source_id) + note)})</td>"
            f"<td>{e(flag.evidence)} ({e(evidence)})</td></tr>"
        )
    return (
        "<table><caption>The serious-pathology screen: red flags, what to do and how good "
        'they are</caption><thead><tr><th scope="col">Cause</th><th scope="col">Red flag</th>'
        '<th scope="col">Ask or check</th><th scope="col">Action</th>'
        '<th scope="col">Evidence</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
    )
