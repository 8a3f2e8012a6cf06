"""The seed pages' claims checked against the evidence (``data/seed_claims.csv``).

Each row paraphrases one claim from a seed clinic page (its ``source_id`` is the seed
page's key), gives a verdict and the evidence behind the verdict
(``evidence_source_ids``). Verdicts:

``supported``
    the evidence agrees (the row says how strong that evidence is);
``partly``
    part is right, part overstated or untested;
``unsupported``
    no evidence was found for it;
``contradicted``
    evidence points the other way.

References
----------
The seed pages (``seed_nerve_tension_page``, ``seed_sciatic_glide_page``,
``seed_muscular_mimics_page``, ``seed_calf_sciatica_page``) and the evidence keys in each row.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from anatomy_helpers.calf_raise import load_seed_claims as load_calf_raise_claims
from anatomy_helpers.references import cite, get_source
from anatomy_helpers.tables import FieldError, Verification, table_loader

__all__ = [
    "VERDICTS",
    "SeedClaim",
    "claims_for_page",
    "get_claim",
    "load_seed_claims",
    "seed_claims_html",
    "seed_page_ids",
    "verdict_conflicts",
    "verdict_counts",
]

Verdict = Literal["supported", "partly", "unsupported", "contradicted"]

#: Verdicts in display order, with a short label.
VERDICTS = {
    "supported": "Supported",
    "partly": "Partly supported",
    "unsupported": "Unsupported (no evidence found)",
    "contradicted": "Contradicted by evidence",
}


@dataclass(frozen=True)
class SeedClaim:
    """One seed-page claim and its verdict.

    Attributes
    ----------
    claim_id : str
        Identifier.
    source_id : str
        The seed page making the claim (a ``seed web page`` source).
    claim : str
        The claim, paraphrased.
    verdict : {"supported", "partly", "unsupported", "contradicted"}
        Our verdict.
    evidence : str
        Why, in words.
    evidence_source_ids : tuple of str
        Sources of the evidence.
    verification : {"V", "S", "D", "A"}
        How the evidence was checked (``S``: secondary source only).
    same_claim_as : str or None
        The ``claim_id`` of the same claim in ``calf_raise_seed_claims.csv`` (notebook 05's
        table), whose verdict must agree (see :data:`CALF_RAISE_VERDICTS`).
    """

    claim_id: str
    source_id: str
    claim: str
    verdict: Verdict
    evidence: str
    evidence_source_ids: tuple[str, ...]
    verification: Verification
    same_claim_as: str | None = None

    def check(self) -> None:
        """The claim comes from a seed page; the evidence does not."""
        if get_source(self.source_id).kind != "seed web page":
            raise FieldError("source_id", f"{self.source_id!r} is not a seed web page")
        for key in self.evidence_source_ids:
            if get_source(key).kind == "seed web page":
                raise FieldError("evidence_source_ids", f"{key!r} is a seed page, not evidence")


#: The verdict of notebook 05's claim table that each of our verdicts corresponds to.
CALF_RAISE_VERDICTS = {
    "supported": "right",
    "unsupported": "unsupported",
    "contradicted": "wrong",
}


def _conflicts(claims: tuple[SeedClaim, ...]) -> list[tuple[int, str]]:
    """(index, description) of each claim whose verdict disagrees with its twin."""
    other = {c.claim_id: c for c in load_calf_raise_claims()}
    out = []
    for index, claim in enumerate(claims):
        twin = other.get(claim.same_claim_as or "")
        if twin is None:  # no twin (a wrong name is the declared reference's to reject)
            continue
        if twin.verdict != CALF_RAISE_VERDICTS.get(claim.verdict):
            out.append(
                (
                    index,
                    f"{claim.claim_id}: {claim.verdict} here but {twin.verdict} in "
                    "calf_raise_seed_claims.csv",
                )
            )
    return out


def _shared_claims_agree(claims: tuple[SeedClaim, ...]) -> None:
    """Table rule: a claim shared with notebook 05's table has the matching verdict."""
    for index, problem in _conflicts(claims)[:1]:
        raise FieldError("verdict", f"disagrees with the same claim: {problem}", record=index)


#: Load ``data/seed_claims.csv``; ``same_claim_as`` names a claim of notebook 05's table
#: (``calf_raise_seed_claims.csv``), whose verdict must agree (:data:`CALF_RAISE_VERDICTS`).
load_seed_claims = table_loader(
    "seed_claims.csv",
    SeedClaim,
    key="claim_id",
    references={"same_claim_as": "calf_raise_seed_claims.csv"},
    check=_shared_claims_agree,
)


def verdict_conflicts() -> tuple[str, ...]:
    """Claims whose verdict disagrees with the same claim in ``calf_raise_seed_claims.csv``.

    The packaged tables cannot disagree (the table's declaration rejects it); this reports
    the conflicts of whatever :func:`load_seed_claims` returns.

    Returns
    -------
    tuple of str
        One line per conflict (empty when the two tables agree).
    """
    return tuple(problem for _index, problem in _conflicts(load_seed_claims()))


def seed_page_ids() -> tuple[str, ...]:
    """Seed pages with at least one checked claim, in table order."""
    return tuple(dict.fromkeys(c.source_id for c in load_seed_claims()))


def get_claim(claim_id: str) -> SeedClaim:
    """Return one claim.

    Raises
    ------
    ValueError
        For an unknown id (the message lists the valid ids).
    """
    claims = {c.claim_id: c for c in load_seed_claims()}
    if claim_id not in claims:
        msg = f"unknown claim_id {claim_id!r}; valid claims: {', '.join(claims)}"
        raise ValueError(msg)
    return claims[claim_id]


def claims_for_page(seed_source_id: str) -> tuple[SeedClaim, ...]:
    """The checked claims of one seed page.

    Parameters
    ----------
    seed_source_id : str
        A seed page key (see :func:`seed_page_ids`).

    Raises
    ------
    ValueError
        If the key is not a seed page with checked claims.
    """
    pages = seed_page_ids()
    if seed_source_id not in pages:
        msg = f"unknown seed page {seed_source_id!r}; valid pages: {', '.join(pages)}"
        raise ValueError(msg)
    return tuple(c for c in load_seed_claims() if c.source_id == seed_source_id)


def verdict_counts(seed_source_id: str | None = None) -> dict[str, int]:
    """Number of claims per verdict (all pages, or one page), in :data:`VERDICTS` order."""
    claims = load_seed_claims() if seed_source_id is None else claims_for_page(seed_source_id)
    counts = Counter(c.verdict for c in claims)
    return {v: counts.get(v, 0) for v in VERDICTS}


def seed_claims_html(seed_source_id: str | None = None) -> str:
    """An HTML table of claims, verdicts and evidence (for notebooks and handouts).

    Parameters
    ----------
    seed_source_id : str, optional
        Only this page's claims.
    """
    claims = load_seed_claims() if seed_source_id is None else claims_for_page(seed_source_id)
    e = html.escape
    rows = []
    for c in claims:
        sources = "; ".join(cite(k) for k in c.evidence_source_ids)
        if c.verification == "S":
            sources += " (secondary source)"
        rows.append(
            f"<tr><td>{e(cite(c.source_id))}</td><td>{e(c.claim)}</td>"
            f"<td><strong>{e(VERDICTS[c.verdict])}</strong></td><td>{e(c.evidence)}</td>"
            f"<td>{e(sources)}</td></tr>"
        )
    return (
        "<table><caption>Seed-page claims checked against the evidence</caption>"
        '<thead><tr><th scope="col">Seed page</th><th scope="col">Claim (paraphrased)</th>'
        '<th scope="col">Verdict</th><th scope="col">Why</th>'
        '<th scope="col">Evidence</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
    )
