"""Kinoshita et al. 2023: standing versus seated calf-raise training, data and reading aids.

Fourteen untrained adults trained one leg with standing calf raises (knee straight) and the
other with seated calf raises (knee bent 90°) for 12 weeks; MRI measured muscle volume.
This module holds the published numbers (with their verification level), the quantities we
derive from them, and a clearly labelled *simulation* of plausible per-participant data
that shows how a paired (within-subject) design with n = 14 can detect the gastrocnemius
difference but not a soleus one.

The package is split by job: :mod:`.data` (the tables, published numbers and ratios),
:mod:`.statistics` (the exact t quantile, the SD implied by a p-value) and
:mod:`.simulation` (the labelled simulation and power).

Nothing here is per-participant study data: the paper's individual values, cm³ volumes and
Cohen's d values were not available to us, so none are stored.

References
----------
kinoshita2023 (design, results); ritsumeikan2023 (press "2.7-fold" claim); maeo2021 and
kassiano2023 (related long-length studies); seed_calf_sciatica_page (claims checked).
"""

from anatomy_helpers.calf_raise.data import (
    CONDITIONS,
    MUSCLE_IDS,
    MUSCLE_NAMES,
    ChangeRatio,
    DesignItem,
    PValue,
    RelatedResult,
    SecondaryClaim,
    SeedClaim,
    StudyResult,
    WithinLegTest,
    change_ratio,
    change_ratios,
    get_result,
    load_design,
    load_p_values,
    load_related,
    load_results,
    load_secondary_claims,
    load_seed_claims,
    load_within_leg,
    p_values_for,
    validate_muscle_id,
)
from anatomy_helpers.calf_raise.simulation import (
    DEFAULT_BETWEEN_PERSON_SD_PCT,
    DEFAULT_LEG_CORRELATION,
    MAX_POWER_N,
    PairedSimulation,
    PowerEstimate,
    simulate_paired_changes,
    simulated_power,
)
from anatomy_helpers.calf_raise.statistics import implied_sd_difference_pct, t_critical_two_sided

__all__ = [
    "CONDITIONS",
    "DEFAULT_BETWEEN_PERSON_SD_PCT",
    "DEFAULT_LEG_CORRELATION",
    "MAX_POWER_N",
    "MUSCLE_IDS",
    "MUSCLE_NAMES",
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
