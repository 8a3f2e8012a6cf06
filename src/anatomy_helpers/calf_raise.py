"""Kinoshita et al. 2023: standing versus seated calf-raise training, data and reading aids.

Fourteen untrained adults trained one leg with standing calf raises (knee straight) and the
other with seated calf raises (knee bent 90°) for 12 weeks; MRI measured muscle volume.
This module holds the published numbers (with their verification level), the quantities we
derive from them, and a clearly labelled *simulation* of plausible per-participant data
that shows how a paired (within-subject) design with n = 14 can detect the gastrocnemius
difference but not a soleus one.

Nothing here is per-participant study data: the paper's individual values, cm³ volumes and
Cohen's d values were not available to us, so none are stored.

References
----------
kinoshita2023 (design, results); ritsumeikan2023 (press "2.7-fold" claim); maeo2021 and
kassiano2023 (related long-length studies); seed_calf_sciatica_page (claims checked).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal

import numpy as np

from anatomy_helpers.tables import FieldError, table_loader
from anatomy_helpers.validation import check_real, check_whole_number

__all__ = [
    "CONDITIONS",
    "DEFAULT_BETWEEN_PERSON_SD_PCT",
    "DEFAULT_LEG_CORRELATION",
    "MUSCLE_IDS",
    "ChangeRatio",
    "DesignItem",
    "PValue",
    "PairedSimulation",
    "PowerEstimate",
    "RelatedResult",
    "SecondaryClaim",
    "SeedClaim",
    "StudyResult",
    "WithinLegTest",
    "change_ratio",
    "change_ratios",
    "get_result",
    "implied_sd_difference_pct",
    "load_design",
    "load_p_values",
    "load_related",
    "load_results",
    "load_secondary_claims",
    "load_seed_claims",
    "load_within_leg",
    "p_values_for",
    "simulate_paired_changes",
    "simulated_power",
    "t_critical_two_sided",
    "validate_muscle_id",
]

Verification = Literal["V", "S", "D", "A"]
MuscleId = Literal["lateral_gastrocnemius", "medial_gastrocnemius", "soleus", "triceps_surae"]

#: Muscle ids in the order the paper reports them.
MUSCLE_IDS: tuple[str, ...] = (
    "lateral_gastrocnemius",
    "medial_gastrocnemius",
    "soleus",
    "triceps_surae",
)

#: The two training conditions.
CONDITIONS: tuple[str, ...] = ("standing", "seated")

#: Between-person SD of the % change used by default in the simulation (teaching
#: assumption: the paper's SDs were not available to us).
DEFAULT_BETWEEN_PERSON_SD_PCT = 6.0

#: Default correlation between a person's two legs in the simulation (teaching assumption).
DEFAULT_LEG_CORRELATION = 0.5


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


load_design = table_loader("calf_raise_design.csv", DesignItem)
load_results = table_loader("calf_raise_results.csv", StudyResult)
load_p_values = table_loader("calf_raise_p_values.csv", PValue)
load_within_leg = table_loader("calf_raise_within_leg.csv", WithinLegTest)
load_secondary_claims = table_loader("calf_raise_claims.csv", SecondaryClaim)
load_related = table_loader("calf_raise_related.csv", RelatedResult)
load_seed_claims = table_loader("calf_raise_seed_claims.csv", SeedClaim)


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
    if not isinstance(muscle_id, str):
        msg = f"muscle_id must be a str, got {type(muscle_id).__name__}"
        raise TypeError(msg)
    if muscle_id not in MUSCLE_IDS:
        msg = f"unknown muscle_id {muscle_id!r}; valid: {', '.join(MUSCLE_IDS)}"
        raise ValueError(msg)
    return muscle_id


def _check_condition(condition: object) -> str:
    if condition not in CONDITIONS:
        msg = f"condition must be one of {', '.join(CONDITIONS)}, got {condition!r}"
        raise ValueError(msg)
    return str(condition)


def _real(name: str, value: object, low: float, high: float) -> float:
    return check_real(name, value, low, high)


def _integer(name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, float):  # a seed or a sample size must be an int, not 14.0
        msg = f"{name} must be a whole number (int), got float"
        raise TypeError(msg)
    return check_whole_number(name, value, low, high)


def _seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        msg = f"seed must be a non-negative whole number, got {type(seed).__name__}"
        raise TypeError(msg)
    if int(seed) < 0:
        msg = f"seed = {seed} must be a non-negative whole number"
        raise ValueError(msg)
    return int(seed)


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


# -- simulation ---------------------------------------------------------------------------
def t_critical_two_sided(df: int, alpha: float = 0.05) -> float:
    """Two-sided critical value of Student's t for ``df`` degrees of freedom.

    Uses the Cornish-Fisher expansion of the t quantile in powers of 1/df (Abramowitz &
    Stegun 26.7.5) around the normal quantile; within about 0.005 of exact tables for
    df >= 3 at alpha = 0.05 (0.03 at df = 2) and exact in the limit.

    Parameters
    ----------
    df : int
        Degrees of freedom, 2 to 10 000.
    alpha : float, default 0.05
        Two-sided significance level, 0.0001 to 0.5.

    Returns
    -------
    float
        ``t`` such that P(|T| > t) = alpha.

    References
    ----------
    Standard statistics; no clinical source.

    Examples
    --------
    >>> round(t_critical_two_sided(13), 3)
    2.16
    """
    df = _integer("df", df, 2, 10_000)
    alpha = _real("alpha", alpha, 0.0001, 0.5)
    z = NormalDist().inv_cdf(1.0 - alpha / 2.0)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def implied_sd_difference_pct(muscle_id: str, *, n_participants: int = 14) -> float:
    """SD of the per-person standing-minus-seated difference implied by the reported p.

    A back-of-envelope reading aid (derived, tag D, and only approximate): it assumes the
    between-condition comparison were a paired t-test on % changes with n = 14. The paper
    used a two-way repeated-measures ANOVA on volumes, and the separate p-values are from
    secondary summaries, so treat the result as an order of magnitude.

    Parameters
    ----------
    muscle_id : str
        One of :data:`MUSCLE_IDS`.
    n_participants : int, default 14
        Sample size, 3 to 500.

    Returns
    -------
    float
        Implied SD of the differences (percentage points).

    References
    ----------
    kinoshita2023 (means, p-values); the calculation is ours (D).

    Examples
    --------
    >>> round(implied_sd_difference_pct("triceps_surae"), 1)
    4.4
    """
    result = get_result(muscle_id)
    n = _integer("n_participants", n_participants, 3, 500)
    separate = [p for p in p_values_for(muscle_id) if p.scope == "separate"]
    if not separate:  # pragma: no cover - every muscle has a separate value today
        msg = f"no separate p-value is stored for {muscle_id}"
        raise ValueError(msg)
    t = t_critical_two_sided(n - 1, separate[0].p_value)
    return abs(result.difference_pct) * math.sqrt(n) / t


@dataclass(frozen=True)
class PairedSimulation:
    """One simulated study: per-participant % changes in both legs (NOT study data).

    Attributes
    ----------
    muscle_id : str
        Muscle simulated.
    standing_change_pct, seated_change_pct : numpy.ndarray
        Simulated % change per participant, shape (n,).
    between_person_sd_pct : float
        SD of the % change between people, in each leg.
    leg_correlation : float
        Correlation between a person's two legs.
    seed : int
        Random seed used.
    matched_to_published : bool
        Whether each leg's sample was shifted so its mean equals the published mean.
    label : str
        Always starts with "SIMULATED".
    """

    muscle_id: str
    standing_change_pct: np.ndarray
    seated_change_pct: np.ndarray
    between_person_sd_pct: float
    leg_correlation: float
    seed: int
    matched_to_published: bool
    label: str = "SIMULATED data (not study data)"

    @property
    def n(self) -> int:
        """Number of simulated participants."""
        return int(self.standing_change_pct.size)

    @property
    def differences_pct(self) -> np.ndarray:
        """Standing minus seated change per participant (percentage points)."""
        return self.standing_change_pct - self.seated_change_pct

    def paired_t(self) -> tuple[float, float, float, bool]:
        """Paired t-test of the differences.

        Returns
        -------
        tuple
            ``(mean_difference, ci_low, ci_high, significant)``: mean difference
            (percentage points), its 95 % confidence interval and whether the interval
            excludes 0 (two-sided p < 0.05).
        """
        d = self.differences_pct
        mean = float(d.mean())
        se = float(d.std(ddof=1)) / math.sqrt(d.size)
        half = t_critical_two_sided(d.size - 1) * se
        return mean, mean - half, mean + half, bool(abs(mean) > half)


def _check_sim_inputs(sd: object, n: object, rho: object) -> tuple[float, int, float]:
    sd = _real("between_person_sd_pct", sd, 0.1, 50.0)
    n = _integer("n_participants", n, 3, 500)
    rho = _real("leg_correlation", rho, -0.9, 0.95)
    return sd, n, rho


def simulate_paired_changes(
    muscle_id: str,
    *,
    n_participants: int = 14,
    between_person_sd_pct: float = DEFAULT_BETWEEN_PERSON_SD_PCT,
    leg_correlation: float = DEFAULT_LEG_CORRELATION,
    seed: int = 2023,
    match_published_means: bool = True,
) -> PairedSimulation:
    """Draw plausible per-participant changes for both legs (a SIMULATION, not study data).

    Each participant's standing and seated % changes are drawn from a bivariate normal
    distribution centred on the published means, with the same SD in both legs and a
    correlation between a person's legs (people who respond well tend to do so in both
    legs). The SD and correlation are teaching assumptions: the paper's SDs and
    individual values were not available to us.

    Parameters
    ----------
    muscle_id : str
        One of :data:`MUSCLE_IDS`.
    n_participants : int, default 14
        Number of simulated people, 3 to 500.
    between_person_sd_pct : float, default 6.0
        SD of the % change between people in each leg, 0.1 to 50.
    leg_correlation : float, default 0.5
        Correlation of a person's two legs, -0.9 to 0.95.
    seed : int, default 2023
        Seed for :func:`numpy.random.default_rng` (same seed, same data).
    match_published_means : bool, default True
        Shift each leg's sample so its mean equals the published mean exactly (a
        "data set consistent with the published means"); ``False`` keeps the raw draw,
        whose mean varies from sample to sample.

    Returns
    -------
    PairedSimulation
        The simulated data.

    Raises
    ------
    TypeError, ValueError
        For a bad muscle, count, SD, correlation or seed (the message names it).

    References
    ----------
    kinoshita2023 (means); teaching_assumption (SD, correlation).

    Examples
    --------
    >>> sim = simulate_paired_changes("soleus", seed=1)
    >>> round(float(sim.standing_change_pct.mean()), 1), sim.n
    (2.1, 14)
    """
    result = get_result(muscle_id)
    sd, n, rho = _check_sim_inputs(between_person_sd_pct, n_participants, leg_correlation)
    seed = _seed(seed)
    if not isinstance(match_published_means, bool):
        msg = "match_published_means must be True or False"
        raise TypeError(msg)
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((2, n))
    standing_z = z[0]
    seated_z = rho * z[0] + math.sqrt(1.0 - rho**2) * z[1]
    standing = result.standing_change_pct + sd * standing_z
    seated = result.seated_change_pct + sd * seated_z
    if match_published_means:
        standing = standing - standing.mean() + result.standing_change_pct
        seated = seated - seated.mean() + result.seated_change_pct
    return PairedSimulation(muscle_id, standing, seated, sd, rho, seed, match_published_means)


@dataclass(frozen=True)
class PowerEstimate:
    """Simulated power of a paired t-test to detect the published standing-seated difference.

    Attributes
    ----------
    muscle_id : str
        Muscle.
    n_values : numpy.ndarray
        Sample sizes.
    power : numpy.ndarray
        Share of simulated studies with p < 0.05 (two-sided), per sample size.
    mean_difference_pct : float
        The true (published) standing minus seated difference used.
    sd_difference_pct : float
        SD of the per-person difference implied by the SD and leg correlation.
    n_simulations : int
        Simulated studies per sample size.
    """

    muscle_id: str
    n_values: np.ndarray
    power: np.ndarray
    mean_difference_pct: float
    sd_difference_pct: float
    n_simulations: int

    def power_at(self, n: int) -> float:
        """Power at one of :attr:`n_values`."""
        idx = np.flatnonzero(self.n_values == n)
        if idx.size == 0:
            msg = (
                f"n = {n} was not simulated; simulated n: {self.n_values.min()} to "
                f"{self.n_values.max()}"
            )
            raise ValueError(msg)
        return float(self.power[idx[0]])


#: Largest sample size the power simulation accepts.
MAX_POWER_N = 200


def _standard_normal_stats(n_max: int, n_sims: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Running mean and SD (ddof=1) of standard normal draws for n = 2..n_max."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((n_sims, n_max))
    counts = np.arange(1, n_max + 1)
    csum = np.cumsum(z, axis=1)
    csq = np.cumsum(z * z, axis=1)
    mean = csum / counts
    with np.errstate(invalid="ignore", divide="ignore"):
        var = (csq - counts * mean**2) / (counts - 1)
    return mean, np.sqrt(np.maximum(var, 0.0))


def simulated_power(
    muscle_id: str,
    n_values: tuple[int, ...] | list[int] | np.ndarray,
    *,
    between_person_sd_pct: float = DEFAULT_BETWEEN_PERSON_SD_PCT,
    leg_correlation: float = DEFAULT_LEG_CORRELATION,
    n_simulations: int = 2000,
    seed: int = 2023,
) -> PowerEstimate:
    """Power of a paired t-test (α = 0.05, two-sided) by simulation.

    Each simulated study draws ``n`` per-person differences (standing minus seated) from a
    normal distribution whose mean is the published difference and whose SD follows from
    the between-person SD and the leg correlation: ``sd * sqrt(2 * (1 - rho))``. The same
    random numbers are reused across sample sizes, so the curve is smooth and fast.

    Parameters
    ----------
    muscle_id : str
        One of :data:`MUSCLE_IDS`.
    n_values : sequence of int
        Sample sizes, each 3 to 200.
    between_person_sd_pct : float, default 6.0
        SD of the % change between people in each leg, 0.1 to 50.
    leg_correlation : float, default 0.5
        Correlation of a person's two legs, -0.9 to 0.95.
    n_simulations : int, default 2000
        Simulated studies per sample size, 100 to 20 000.
    seed : int, default 2023
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    PowerEstimate
        Power per sample size.

    References
    ----------
    kinoshita2023 (means); teaching_assumption (SD, correlation).

    Examples
    --------
    >>> est = simulated_power("lateral_gastrocnemius", [14])
    >>> est.power_at(14) > 0.9
    True
    """
    result = get_result(muscle_id)
    sd, _, rho = _check_sim_inputs(between_person_sd_pct, 14, leg_correlation)
    n_sims = _integer("n_simulations", n_simulations, 100, 20_000)
    seed = _seed(seed)
    ns = np.asarray(list(n_values) if not isinstance(n_values, np.ndarray) else n_values)
    if ns.ndim != 1 or ns.size == 0:
        msg = "n_values must be a non-empty sequence of whole numbers"
        raise ValueError(msg)
    for n in ns.tolist():
        _integer("n_values item", n, 3, MAX_POWER_N)
    ns = ns.astype(int)
    sd_diff = sd * math.sqrt(2.0 * (1.0 - rho))
    delta = result.difference_pct
    mean_z, sd_z = _cached_stats(int(ns.max()), n_sims, seed)
    cols = ns - 1
    m = delta + sd_diff * mean_z[:, cols]
    s = sd_diff * sd_z[:, cols]
    t = m / (s / np.sqrt(ns))
    crit = np.array([t_critical_two_sided(int(n) - 1) for n in ns])
    power = (np.abs(t) > crit).mean(axis=0)
    return PowerEstimate(muscle_id, ns, power, delta, sd_diff, n_sims)


_STATS_CACHE: dict[tuple[int, int, int], tuple[np.ndarray, np.ndarray]] = {}


def _cached_stats(n_max: int, n_sims: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Running statistics for ``MAX_POWER_N`` draws (so every n_max shares one draw)."""
    key = (MAX_POWER_N, n_sims, seed)
    if key not in _STATS_CACHE:
        if len(_STATS_CACHE) > 8:
            _STATS_CACHE.clear()
        _STATS_CACHE[key] = _standard_normal_stats(MAX_POWER_N, n_sims, seed)
    mean, sd = _STATS_CACHE[key]
    return mean[:, :n_max], sd[:, :n_max]
