"""The sciatic system as a cited graph, with queries (pure Python; no plotting).

Nodes are the L4-S3 roots, the sacral (lumbosacral) plexus, the sciatic nerve, its tibial
and common fibular divisions and their branches (superficial and deep fibular, sural,
medial and lateral plantar), plus neighbours learners confuse with it (the saphenous
branch of the femoral nerve), which are flagged ``sciatic_system = False``. Edges say how
the nodes join and which division's fibres they carry (S3 reaches only the tibial part).

The package is split by job:

* :mod:`~anatomy_helpers.anatomy.data` -- the tables (every row cited, see ``data/``):
  ``anatomy_nodes.csv``, ``anatomy_edges.csv``, ``anatomy_territories.csv`` (skin regions
  use the shared ids of :mod:`anatomy_helpers.regions`), ``anatomy_muscles.csv``,
  ``anatomy_root_signs.csv`` (Harrison's L4/L5/S1 table), ``anatomy_landmarks.csv``,
  ``anatomy_division_levels.csv``, ``piriformis_variants.csv`` and
  ``anatomy_variant_prevalence.csv``, with the keys and cross-table references declared
  next to each;
* :mod:`~anatomy_helpers.anatomy.graph` -- queries: :func:`path_from_root`,
  :func:`roots_of`, :func:`branches_supplying_region`, :func:`branches_supplying_muscle`,
  :func:`territory_of`, :func:`muscles_of`, :func:`landmarks_for`;
* :mod:`~anatomy_helpers.anatomy.red_flags` -- :func:`red_flags_in` (recorded findings
  that are red flags of the serious-pathology screen, ``anatomy_red_flag_findings.csv``);
* :mod:`~anatomy_helpers.anatomy.variants` -- division level and piriformis variants;
* :mod:`~anatomy_helpers.anatomy.patterns` -- :func:`match_pattern` (findings, abnormal or
  examined and normal -> ranked root/nerve candidates with cited reasons),
  :func:`score_candidate`, :func:`predicted_findings` and the typical presentations
  (``anatomy_finding_presets.csv``).

Unknown names raise ``ValueError`` listing the valid names.

References
----------
giuffre_statpearls, hanna2015, dartmouth_humananatomy, statpearls_foot_nerves,
wvu_tibial_page, engstrom_deyo2015, tomaszewski2016, javia2019, smoll2010,
poutoglidou2020, beaton_anson1937
"""

from anatomy_helpers.anatomy.data import (
    ABNORMAL_KINDS,
    FINDING_KINDS,
    MOVEMENTS,
    NORMAL_KINDS,
    REFLEXES,
    TENSION_SIGNS,
    AnatomyEdge,
    AnatomyNode,
    DivisionLevel,
    Landmark,
    MuscleSupply,
    PiriformisVariant,
    RootSign,
    Territory,
    VariantPrevalence,
    load_division_levels,
    load_edges,
    load_landmarks,
    load_muscles,
    load_nodes,
    load_piriformis_variants,
    load_root_signs,
    load_territories,
    load_variant_prevalence,
)
from anatomy_helpers.anatomy.graph import (
    branches_supplying_muscle,
    branches_supplying_region,
    children_of,
    descendants_of,
    get_node,
    landmarks_for,
    muscle_names,
    muscles_of,
    node_ids,
    path_from_root,
    root_ids,
    root_signs,
    roots_of,
    territory_of,
)
from anatomy_helpers.anatomy.patterns import (
    Candidate,
    FindingPreset,
    Findings,
    Reason,
    candidate_ids,
    finding_presets,
    load_finding_presets,
    match_pattern,
    predicted_findings,
    score_candidate,
)
from anatomy_helpers.anatomy.red_flags import (
    FlaggedFinding,
    RedFlagFinding,
    load_red_flag_findings,
    red_flags_in,
)
from anatomy_helpers.anatomy.variants import (
    derived_any_variant_pct,
    division_level_summary,
    prevalence,
)

__all__ = [
    "ABNORMAL_KINDS",
    "FINDING_KINDS",
    "MOVEMENTS",
    "NORMAL_KINDS",
    "REFLEXES",
    "TENSION_SIGNS",
    "AnatomyEdge",
    "AnatomyNode",
    "Candidate",
    "DivisionLevel",
    "FindingPreset",
    "Findings",
    "FlaggedFinding",
    "Landmark",
    "MuscleSupply",
    "PiriformisVariant",
    "Reason",
    "RedFlagFinding",
    "RootSign",
    "Territory",
    "VariantPrevalence",
    "branches_supplying_muscle",
    "branches_supplying_region",
    "candidate_ids",
    "children_of",
    "derived_any_variant_pct",
    "descendants_of",
    "division_level_summary",
    "finding_presets",
    "get_node",
    "landmarks_for",
    "load_division_levels",
    "load_edges",
    "load_finding_presets",
    "load_landmarks",
    "load_muscles",
    "load_nodes",
    "load_piriformis_variants",
    "load_red_flag_findings",
    "load_root_signs",
    "load_territories",
    "load_variant_prevalence",
    "match_pattern",
    "muscle_names",
    "muscles_of",
    "node_ids",
    "path_from_root",
    "predicted_findings",
    "prevalence",
    "red_flags_in",
    "root_ids",
    "root_signs",
    "roots_of",
    "score_candidate",
    "territory_of",
]
