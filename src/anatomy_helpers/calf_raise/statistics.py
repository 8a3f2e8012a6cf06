"""Statistics for reading the study: the t quantile and the SD implied by a reported p.

References
----------
kinoshita2023 (means, p-values); the calculations are ours (D).
"""

from __future__ import annotations

import math
import numbers

from anatomy_helpers.calf_raise.data import get_result, p_values_for
from anatomy_helpers.validation import check_real, check_whole_number

__all__ = ["check_count", "implied_sd_difference_pct", "t_critical_two_sided"]


def check_count(name: str, value: object, low: int, high: int) -> int:
    """A count (sample size, degrees of freedom): an int, not a float like ``14.0``."""
    if isinstance(value, float):
        msg = f"{name} must be a whole number (int), got float"
        raise TypeError(msg)
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = int(value)
    return check_whole_number(name, value, low, high)


def t_critical_two_sided(df: int, alpha: float = 0.05) -> float:
    """Two-sided critical value of Student's t for ``df`` degrees of freedom.

    The exact quantile, from SciPy's inverse Student t distribution
    (:func:`scipy.special.stdtrit`).

    Parameters
    ----------
    df : int
        Degrees of freedom, 1 to 10 000.
    alpha : float, default 0.05
        Two-sided significance level, 1e-10 to 0.5.

    Returns
    -------
    float
        ``t`` such that P(|T| > t) = alpha.

    Raises
    ------
    TypeError, ValueError
        For a ``df`` or ``alpha`` of the wrong type or outside its range.

    References
    ----------
    Standard statistics; no clinical source.

    Examples
    --------
    >>> round(t_critical_two_sided(13), 3)
    2.16
    >>> round(t_critical_two_sided(2, 0.0001), 2)
    99.99
    """
    from scipy.special import stdtrit  # imported here: SciPy takes ~0.5 s to import

    df = check_count("df", df, 1, 10_000)
    alpha = check_real("alpha", alpha, 1e-10, 0.5)
    return float(stdtrit(df, 1.0 - alpha / 2.0))


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
    n = check_count("n_participants", n_participants, 3, 500)
    separate = [p for p in p_values_for(muscle_id) if p.scope == "separate"]
    if not separate:  # pragma: no cover - every muscle has a separate value today
        msg = f"no separate p-value is stored for {muscle_id}"
        raise ValueError(msg)
    t = t_critical_two_sided(n - 1, separate[0].p_value)
    return abs(result.difference_pct) * math.sqrt(n) / t
