"""Where the sciatic nerve divides, and how often it takes an unusual route past piriformis.

References
----------
tomaszewski2016, javia2019, smoll2010, poutoglidou2020, beaton_anson1937
"""

from __future__ import annotations

from anatomy_helpers.anatomy.data import (
    VariantPrevalence,
    load_division_levels,
    load_variant_prevalence,
)
from anatomy_helpers.validation import check_choice

__all__ = ["derived_any_variant_pct", "division_level_summary", "prevalence"]


def division_level_summary() -> dict[str, float]:
    """The division-level numbers, with the upper- plus middle-thigh share derived.

    Returns
    -------
    dict
        ``mean_distance_mm`` (Tomaszewski 2016) and Javia & Vikani 2019 percentages
        ``pelvis_pct``, ``gluteal_pct``, ``lower_thigh_pct``, ``popliteal_fossa_pct`` and
        ``upper_middle_thigh_pct`` (derived: 100 minus the four reported shares).

    References
    ----------
    tomaszewski2016, javia2019
    """
    v = {d.measure_id: d.value for d in load_division_levels()}
    javia = ("javia_pelvis", "javia_gluteal", "javia_lower_thigh", "javia_popliteal_fossa")
    return {
        "mean_distance_mm": v["tomaszewski_mean_distance"],
        "pelvis_pct": v["javia_pelvis"],
        "gluteal_pct": v["javia_gluteal"],
        "lower_thigh_pct": v["javia_lower_thigh"],
        "popliteal_fossa_pct": v["javia_popliteal_fossa"],
        "upper_middle_thigh_pct": round(100.0 - sum(v[k] for k in javia), 1),
    }


def prevalence(estimate_id: str) -> VariantPrevalence:
    """One piriformis-variant prevalence row.

    Parameters
    ----------
    estimate_id : str
        A row id of ``anatomy_variant_prevalence.csv`` (``"smoll_any_variant"``...).

    Returns
    -------
    VariantPrevalence
        The row.

    Raises
    ------
    TypeError
        If ``estimate_id`` is not a str.
    ValueError
        For an unknown id (the message lists the ids).
    """
    rows = {r.estimate_id: r for r in load_variant_prevalence()}
    return rows[check_choice("estimate_id", estimate_id, rows, valid="estimates")]


def derived_any_variant_pct() -> dict[str, float]:
    """Share of limbs that are *not* the usual type, derived from the pooled usual type.

    Returns
    -------
    dict
        ``tomaszewski2016`` (100 - 85.2) and ``poutoglidou2020`` (100 - 90), in percent
        (verification D: calculated from the verified pooled shares).

    References
    ----------
    tomaszewski2016, poutoglidou2020

    Examples
    --------
    >>> derived_any_variant_pct()["tomaszewski2016"]
    14.8
    """
    return {
        "tomaszewski2016": round(100.0 - prevalence("tomaszewski_type_a").value_pct, 1),
        "poutoglidou2020": round(100.0 - prevalence("poutoglidou_type_a").value_pct, 1),
    }
