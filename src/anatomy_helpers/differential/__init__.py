"""From a symptom pattern to ranked candidate sources of leg pain (a teaching aid).

The reasoning is a transparent, weighted match against three cited tables:

* ``findings.csv`` - the vocabulary of findings a learner can record: pain and
  numbness/pins-and-needles regions (the shared ids of :mod:`anatomy_helpers.regions`),
  strength per movement, reflexes, sensation, pulses and other examination findings, history
  items, test results and the red flags of the serious-pathology screen
  (:mod:`anatomy_helpers.safety`). Examination items can be recorded as abnormal *or normal*:
  the two share an ``exclusive_group`` and the normal one names its abnormal partner in
  ``normal_of``.
* ``conditions.csv`` - the candidate sources: serious pathology (cauda equina syndrome,
  malignancy, infection, fracture), radicular pain and L4, L5 and S1 radiculopathy (kept
  apart: radicular pain can come with a normal neurological examination), lumbar spinal
  stenosis, common fibular neuropathy, piriformis syndrome, gluteal tendinopathy, hip
  osteoarthritis, proximal hamstring tendinopathy, peripheral arterial disease, deep vein
  thrombosis, coccydynia and the muscular mimics, each with its evidence level and next step.
* ``condition_findings.csv`` - one row per (condition, finding) link: whether the finding
  ``supports`` or ``opposes`` the condition, a weight of 1 (compatible), 2 (typical) or
  3 (hallmark), the reason in words and the source behind it.

Scoring
-------
For each condition, ``score = sum(weights of supporting findings present) -
sum(weights of opposing findings present) - sum(penalties)``. A *penalty* applies when a
condition predicts a key finding (a supporting link of weight 2 or 3) and that finding was
recorded *normal*: the penalty equals the link's weight and carries the link's reason and
source. Every point, for or against, is a :class:`Reason` with its text and source.
Conditions with at least one supporting finding are listed, highest score first (ties: more
supporting findings first, then table order). The weights are a labelled teaching
assumption (``teaching_assumption``): they order the candidates for discussion and are
**not** probabilities or likelihood ratios.

Red flags always come first: a candidate supported by any red-flag finding is *urgent*, is
placed above every other candidate (most urgent action first) and carries the red flag's
action, whatever else is recorded and whatever the scores.

The package is split by job:

* :mod:`~anatomy_helpers.differential.data` -- the record classes and the declared tables;
* :mod:`~anatomy_helpers.differential.lookup` -- ids, lookups, :func:`validate_findings`
  and the accuracy studies behind test findings;
* :mod:`~anatomy_helpers.differential.ranking` -- :func:`rank_candidates` and its result;
* :mod:`~anatomy_helpers.differential.table` -- :func:`condition_table_html`.

References
----------
engstrom_deyo2015 (root patterns), bogduk2009 (radicular pain versus radiculopathy),
hopayian2010, hopayian2018, fishman2002, martin2014 (piriformis), heffernan1979 (inversion
and foot drop), suri2010 (stenosis), khan2006 (arterial disease), nice_ng158 (DVT),
grimaldi2017 and lequesne2008 (gluteal tendinopathy), metcalfe2019 (hip osteoarthritis),
cacchio2012 (hamstring tendinopathy), lirette2014 (coccydynia), travell_simons1992
(trigger-point referral), kuilart2005 (normal slump responses), deville2000 and
urban_macneil2015 (SLR and slump); red flags: see :mod:`anatomy_helpers.safety`.
"""

from anatomy_helpers.differential.data import (
    CATEGORY_LABELS as CATEGORY_LABELS,
)
from anatomy_helpers.differential.data import (
    KEY_WEIGHT as KEY_WEIGHT,
)
from anatomy_helpers.differential.data import (
    Condition,
    ConditionFinding,
    ConditionPattern,
    Finding,
    load_condition_findings,
    load_condition_patterns,
    load_conditions,
    load_findings,
)
from anatomy_helpers.differential.data import (
    ConditionGroup as ConditionGroup,
)
from anatomy_helpers.differential.data import (
    FindingCategory as FindingCategory,
)
from anatomy_helpers.differential.lookup import (
    accuracy_for_finding,
    accuracy_summary,
    condition_ids,
    finding_ids,
    findings_by_category,
    get_condition,
    get_finding,
    normal_counterpart,
    validate_findings,
)
from anatomy_helpers.differential.ranking import (
    TEACHING_NOTICE,
    Candidate,
    DifferentialResult,
    Reason,
    rank_candidates,
)
from anatomy_helpers.differential.table import condition_table_html

__all__ = [
    "TEACHING_NOTICE",
    "Candidate",
    "Condition",
    "ConditionFinding",
    "ConditionPattern",
    "DifferentialResult",
    "Finding",
    "Reason",
    "accuracy_for_finding",
    "accuracy_summary",
    "condition_ids",
    "condition_table_html",
    "finding_ids",
    "findings_by_category",
    "get_condition",
    "get_finding",
    "load_condition_findings",
    "load_condition_patterns",
    "load_conditions",
    "load_findings",
    "normal_counterpart",
    "rank_candidates",
    "validate_findings",
]
