"""Kinoshita et al. 2023: the study's tables, the published numbers and what we derive.

References
----------
kinoshita2023 (design, results); ritsumeikan2023 (press "2.7-fold" claim); maeo2021 and
kassiano2023 (related long-length studies); seed_calf_sciatica_page (claims checked).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from anatomy_helpers.tables import FieldError, Verification, table_loader
from anatomy_helpers.validation import check_choice

__all__ = [
    "CONDITIONS",
    "MUSCLE_IDS",
    "MUSCLE_NAMES",
    "ChangeRatio",
    "DesignItem",
    "PValue",
    "RelatedResult",
    "SecondaryClaim",
    "SeedClaim",
    "StudyResult",
    "WithinLegTest",
    "change_ratio",
    "change_ratios",
    "get_result",
    "load_design",
    "load_p_values",
    "load_related",
    "load_results",
    "load_secondary_claims",
    "load_seed_claims",
    "load_within_leg",
    "p_values_for",
    "validate_muscle_id",
]

MuscleId = Literal["lateral_gastrocnemius", "medial_gastrocnemius", "soleus", "triceps_surae"]

#: Muscle ids in the order the paper reports them.
MUSCLE_IDS: tuple[str, ...] = (
    "lateral_gastrocnemius",
    "medial_gastrocnemius",
    "soleus",
    "triceps_surae",
)

#: Muscle names for text (the study's muscles in words, in :data:`MUSCLE_IDS` order).
MUSCLE_NAMES: dict[str, str] = {
    "lateral_gastrocnemius": "Lateral gastrocnemius",
    "medial_gastrocnemius": "Medial gastrocnemius",
    "soleus": "Soleus",
    "triceps_surae": "Whole triceps surae",
}

#: The two training conditions.
CONDITIONS: tuple[str, ...] = ("standing", "seated")


# -- data records -------------------------------------------------------------------------
@dataclass(frozen=True)
class DesignItem:
    """One item of the study design (``calf_raise_design.csv``).

    Attributes
    ----------
    item_id, item, value : str
        Identifier, label and value in words.
    locator : str
        Where it was read ("abstract", "secondary summaries of the full text").
    source_id : str
        Bibliography key.
    verification : {"V", "S"}
        ``S`` = read only in secondary summaries (shown as such).
    note : str
        Caveat shown next to the value.
    """

    item_id: str
    item: str
    value: str
    locator: str
    source_id: str
    verification: Verification
    note: str = ""


@dataclass(frozen=True)
class StudyResult:
    """Mean % change in MRI muscle volume, pre to post, per condition (``calf_raise_results.csv``).

    Attributes
    ----------
    muscle_id : str
        One of :data:`MUSCLE_IDS`.
    muscle : str
        Label.
    standing_change_pct, seated_change_pct : float
        Mean change in muscle volume (%) in the standing- and seated-trained legs.
    locator, source_id, verification
        Provenance.
    """

    muscle_id: MuscleId
    muscle: str
    standing_change_pct: float
    seated_change_pct: float
    locator: str
    source_id: str
    verification: Verification

    def change_pct(self, condition: str) -> float:
        """Mean % change for ``condition`` ("standing" or "seated")."""
        _check_condition(condition)
        return self.standing_change_pct if condition == "standing" else self.seated_change_pct

    @property
    def difference_pct(self) -> float:
        """Standing minus seated mean change (percentage points)."""
        return self.standing_change_pct - self.seated_change_pct


@dataclass(frozen=True)
class PValue:
    """A between-condition p-value (``calf_raise_p_values.csv``).

    Attributes
    ----------
    p_id : str
        Row id.
    muscle_ids : tuple of str
        Muscles the value covers (several for the abstract's pooled statement).
    relation : {"=", "<=", "<"}
        ``"<="`` for the pooled "p ≤ 0.011".
    p_value : float
        The number.
    scope : {"separate", "pooled"}
        A per-muscle value or the abstract's pooled statement.
    locator, source_id, verification, note
        Provenance; ``verification`` ``S`` = secondary summaries only.
    """

    p_id: str
    muscle_ids: tuple[MuscleId, ...]
    relation: Literal["=", "<=", "<"]
    p_value: float
    scope: Literal["separate", "pooled"]
    locator: str
    source_id: str
    verification: Verification
    note: str = ""

    def check(self) -> None:
        """Reject a p-value outside 0 to 1."""
        if not 0.0 <= self.p_value <= 1.0:
            raise FieldError("p_value", f"{self.p_value} is not a probability (0 to 1)")

    @property
    def text(self) -> str:
        """The value as written, e.g. ``"p = 0.001"`` or ``"p ≤ 0.011"``."""
        rel = {"=": "=", "<=": "≤", "<": "<"}[self.relation]
        return f"p {rel} {self.p_value:.3f}"


@dataclass(frozen=True)
class WithinLegTest:
    """Whether volume changed significantly within one leg (``calf_raise_within_leg.csv``).

    Attributes
    ----------
    condition : {"standing", "seated"}
        Which leg.
    muscle_id : str
        Which muscle.
    significant : bool
        Significant pre-to-post change.
    p_min, p_max : float or None
        The reported bound or range: significant rows give ``p ≤ p_max``; the
        non-significant gastrocnemius heads share the range ``p_min`` to ``p_max``.
    """

    condition: Literal["standing", "seated"]
    muscle_id: MuscleId
    significant: bool
    p_min: float | None
    p_max: float
    locator: str
    source_id: str
    verification: Verification

    @property
    def text(self) -> str:
        """The reported p-value in words."""
        if self.p_min is None:
            return f"p ≤ {self.p_max:.3f}"
        return f"p = {self.p_min:.3f} to {self.p_max:.3f} (range over both gastrocnemius heads)"


@dataclass(frozen=True)
class SecondaryClaim:
    """A number quoted by a secondary source, to compare with our calculation."""

    claim_id: str
    claim: str
    value: float
    compare_muscle_id: MuscleId
    locator: str
    source_id: str
    verification: Verification


@dataclass(frozen=True)
class RelatedResult:
    """One long-versus-short comparison from a related study (``calf_raise_related.csv``)."""

    row_id: str
    study: str
    muscle: str
    long_condition: str
    long_change_pct: float
    short_condition: str
    short_change_pct: float
    n_participants: int
    weeks: int
    outcome: str
    locator: str
    source_id: str
    verification: Verification


@dataclass(frozen=True)
class SeedClaim:
    """A claim of the seed page about the study, with our verdict (``calf_raise_seed_claims.csv``).

    Attributes
    ----------
    verdict : {"right", "not tested", "wrong", "unsupported"}
        How the claim holds up against ``evidence_source_ids``.
    """

    claim_id: str
    seed_claim: str
    verdict: Literal["right", "not tested", "wrong", "unsupported"]
    evidence: str
    evidence_source_ids: tuple[str, ...]
    source_id: str
    verification: Verification


def _every_muscle_in_order(rows: tuple[StudyResult, ...]) -> None:
    found = tuple(r.muscle_id for r in rows)
    if found != MUSCLE_IDS:
        raise FieldError("muscle_id", f"the table must list {', '.join(MUSCLE_IDS)} in this order")


load_design = table_loader("calf_raise_design.csv", DesignItem, key="item_id")
load_results = table_loader(
    "calf_raise_results.csv", StudyResult, key="muscle_id", check=_every_muscle_in_order
)
load_p_values = table_loader("calf_raise_p_values.csv", PValue, key="p_id")
load_within_leg = table_loader(
    "calf_raise_within_leg.csv", WithinLegTest, unique=[("condition", "muscle_id")]
)
load_secondary_claims = table_loader("calf_raise_claims.csv", SecondaryClaim, key="claim_id")
load_related = table_loader("calf_raise_related.csv", RelatedResult, key="row_id")
load_seed_claims = table_loader("calf_raise_seed_claims.csv", SeedClaim, key="claim_id")


# -- validation helpers -------------------------------------------------------------------
def validate_muscle_id(muscle_id: object) -> str:
    """Return ``muscle_id`` if it is one of :data:`MUSCLE_IDS`.

    Raises
    ------
    TypeError
        If it is not a string.
    ValueError
        If it is unknown (the message lists the valid ids).
    """
    return check_choice("muscle_id", muscle_id, MUSCLE_IDS, valid="muscle ids")


def _check_condition(condition: object) -> str:
    if not isinstance(condition, str) or condition not in CONDITIONS:
        msg = f"condition must be one of {', '.join(CONDITIONS)}, got {condition!r}"
        raise ValueError(msg)
    return condition


# -- published numbers and derived quantities ---------------------------------------------
def get_result(muscle_id: str) -> StudyResult:
    """The published mean % changes for one muscle.

    Parameters
    ----------
    muscle_id : str
        One of :data:`MUSCLE_IDS`.

    Returns
    -------
    StudyResult
        Standing and seated mean % change.

    Raises
    ------
    ValueError
        For an unknown muscle (the message lists the valid ids).

    References
    ----------
    kinoshita2023 (abstract).

    Examples
    --------
    >>> get_result("soleus").standing_change_pct
    2.1
    """
    validate_muscle_id(muscle_id)
    return next(r for r in load_results() if r.muscle_id == muscle_id)


def p_values_for(muscle_id: str) -> tuple[PValue, ...]:
    """Every between-condition p-value row that covers ``muscle_id``.

    Returns the separate value (if stored) first, then the abstract's pooled statement (if
    it covers the muscle), so a notebook can show both with their verification levels.

    References
    ----------
    kinoshita2023.

    Examples
    --------
    >>> [p.text for p in p_values_for("triceps_surae")]
    ['p = 0.011', 'p ≤ 0.011']
    """
    validate_muscle_id(muscle_id)
    rows = [p for p in load_p_values() if muscle_id in p.muscle_ids]
    return tuple(sorted(rows, key=lambda p: p.scope != "separate"))


@dataclass(frozen=True)
class ChangeRatio:
    """Standing % change divided by seated % change for one muscle (derived, tag D).

    Attributes
    ----------
    muscle_id : str
        Muscle.
    ratio : float
        ``standing_change_pct / seated_change_pct``.
    standing_change_pct, seated_change_pct : float
        The published numbers it is calculated from.
    verification : str
        Always ``"D"`` (derived by us).
    caution : str
        A warning when the denominator is small (ratio of small numbers).
    """

    muscle_id: str
    ratio: float
    standing_change_pct: float
    seated_change_pct: float
    verification: str = "D"
    caution: str = ""


#: Seated changes below this (percentage points) make the ratio unstable.
_SMALL_DENOMINATOR_PCT = 2.0


def change_ratio(muscle_id: str) -> ChangeRatio:
    """How many times larger the standing-leg change was than the seated-leg change.

    Calculated from the published means; a ratio of small numbers (seated change below
    2 %) is flagged because a 0.1-point rounding change in the denominator moves it a lot.

    Parameters
    ----------
    muscle_id : str
        One of :data:`MUSCLE_IDS`.

    Returns
    -------
    ChangeRatio
        The ratio and the numbers behind it.

    References
    ----------
    kinoshita2023 (numbers); the ratio is derived (D).

    Examples
    --------
    >>> round(change_ratio("triceps_surae").ratio, 2)
    2.67
    """
    r = get_result(muscle_id)
    ratio = r.standing_change_pct / r.seated_change_pct
    caution = ""
    if abs(r.seated_change_pct) < _SMALL_DENOMINATOR_PCT:
        low = r.standing_change_pct / (r.seated_change_pct + 0.05)
        high = r.standing_change_pct / max(r.seated_change_pct - 0.05, 1e-9)
        caution = (
            f"ratio of small numbers: rounding the seated change by ±0.05 points alone "
            f"moves it from {low:.1f} to {high:.1f}"
        )
    return ChangeRatio(
        muscle_id, ratio, r.standing_change_pct, r.seated_change_pct, caution=caution
    )


def change_ratios() -> tuple[ChangeRatio, ...]:
    """:func:`change_ratio` for every muscle, in :data:`MUSCLE_IDS` order."""
    return tuple(change_ratio(m) for m in MUSCLE_IDS)
