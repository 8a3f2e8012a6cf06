"""A labelled SIMULATION of per-participant data, and the power of a paired design.

Nothing here is study data: the paper's individual values, cm³ volumes and Cohen's d
values were not available to us, so the simulation draws plausible data around the
published means with a between-person SD and a leg correlation that are teaching
assumptions.

References
----------
kinoshita2023 (means); teaching_assumption (SD, correlation).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from anatomy_helpers.calf_raise.data import get_result
from anatomy_helpers.calf_raise.statistics import check_count, t_critical_two_sided
from anatomy_helpers.validation import check_real

__all__ = [
    "DEFAULT_BETWEEN_PERSON_SD_PCT",
    "DEFAULT_LEG_CORRELATION",
    "MAX_POWER_N",
    "PairedSimulation",
    "PowerEstimate",
    "simulate_paired_changes",
    "simulated_power",
]

#: Between-person SD of the % change used by default in the simulation (teaching
#: assumption: the paper's SDs were not available to us).
DEFAULT_BETWEEN_PERSON_SD_PCT = 6.0

#: Default correlation between a person's two legs in the simulation (teaching assumption).
DEFAULT_LEG_CORRELATION = 0.5


def _seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        msg = f"seed must be a non-negative whole number, got {type(seed).__name__}"
        raise TypeError(msg)
    if int(seed) < 0:
        msg = f"seed = {seed} must be a non-negative whole number"
        raise ValueError(msg)
    if int(seed) >= 2**128:
        msg = f"seed must be below 2**128, got a number of {int(seed).bit_length()} bits"
        raise ValueError(msg)
    return int(seed)


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
    sd = check_real("between_person_sd_pct", sd, 0.1, 50.0)
    n = check_count("n_participants", n, 3, 500)
    rho = check_real("leg_correlation", rho, -0.9, 0.95)
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
    standing, seated = _draw_legs(n, sd, rho, seed)
    standing = result.standing_change_pct + standing
    seated = result.seated_change_pct + seated
    if match_published_means:
        standing = standing - standing.mean() + result.standing_change_pct
        seated = seated - seated.mean() + result.seated_change_pct
    return PairedSimulation(muscle_id, standing, seated, sd, rho, seed, match_published_means)


def _draw_legs(n: int, sd: float, rho: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Zero-mean changes of both legs for ``n`` people, SD ``sd``, correlation ``rho``."""
    z = np.random.default_rng(seed).standard_normal((2, n))
    return sd * z[0], sd * (rho * z[0] + math.sqrt(1.0 - rho**2) * z[1])


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
    n_sims = check_count("n_simulations", n_simulations, 100, 20_000)
    seed = _seed(seed)
    ns = _check_n_values(n_values)
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


def _check_n_values(n_values: object) -> np.ndarray:
    if isinstance(n_values, (str, bytes)) or not isinstance(n_values, (Sequence, np.ndarray)):
        msg = f"n_values must be a sequence of whole numbers, got {type(n_values).__name__}"
        raise TypeError(msg)
    values = list(np.asarray(n_values).ravel()) if isinstance(n_values, np.ndarray) else n_values
    if np.ndim(n_values) != 1 or len(values) == 0:
        msg = "n_values must be a non-empty sequence of whole numbers"
        raise ValueError(msg)
    return np.array([check_count("n_values item", n, 3, MAX_POWER_N) for n in values])


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
