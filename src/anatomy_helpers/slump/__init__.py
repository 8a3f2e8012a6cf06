"""The slump test: its ordered stages, recording findings, and interpreting them.

Data (all cited, in ``data/``):

* ``slump_stages.csv``: the ordered stages (instruction, examiner action, what is added and
  why, tissues loaded, what to ask); the sequence is as described by teaching sources that
  cite Maitland 1985 and Butler 1991 (verification ``S``); the optional hip medial rotation
  sensitiser is supported by Johnson & Chiarello 1997 (``V``).
* ``slump_stage_poses.csv``: illustrative joint angles to draw each stage (a labelled
  teaching assumption, ``A``).
* ``slump_normal_responses.csv``: normal responses in people without symptoms
  (Kuilart et al. 2005; Johnson & Chiarello 1997).
* ``slump_criteria.csv``: the criteria used by :func:`interpret`.

A :class:`SlumpRecording` holds findings per stage and side plus the effect of releasing the
neck on each side; :func:`interpret` turns it into positive / negative / inconclusive with
the reasons, written from the cited templates of ``slump_interpretation_text.csv``.
Saving and loading recordings is in :mod:`anatomy_helpers.records`.

The package is split by job: :mod:`.stages` (the tables and stage lookups),
:mod:`.recording` (:class:`StageFinding`, :class:`SlumpRecording`),
:mod:`.interpretation` (:func:`interpret`) and :mod:`.examples`.

References
----------
maitland1985, butler1991, kuilart2005, johnson_chiarello1997, coppieters2006.
"""

from anatomy_helpers.slump.examples import EXAMPLE_NAMES, example_recording
from anatomy_helpers.slump.interpretation import (
    SIDE_STATUS_WORDS,
    Interpretation,
    InterpretationText,
    interpret,
    load_interpretation_text,
)
from anatomy_helpers.slump.recording import SlumpRecording, StageFinding
from anatomy_helpers.slump.stages import (
    NECK_RELEASE_EFFECTS,
    RESULTS,
    SIDES,
    SlumpCriterion,
    SlumpNormalResponse,
    SlumpStage,
    SlumpStagePose,
    get_criterion,
    get_stage,
    leg_stage_ids,
    load_slump_criteria,
    load_slump_normal_responses,
    load_slump_stage_poses,
    load_slump_stages,
    normal_responses_for_stage,
    previous_stage_id,
    recorded_stage_ids,
    stage_angles,
    stage_ids,
    stage_pose,
)

__all__ = [
    "EXAMPLE_NAMES",
    "NECK_RELEASE_EFFECTS",
    "RESULTS",
    "SIDES",
    "SIDE_STATUS_WORDS",
    "Interpretation",
    "InterpretationText",
    "SlumpCriterion",
    "SlumpNormalResponse",
    "SlumpRecording",
    "SlumpStage",
    "SlumpStagePose",
    "StageFinding",
    "example_recording",
    "get_criterion",
    "get_stage",
    "interpret",
    "leg_stage_ids",
    "load_interpretation_text",
    "load_slump_criteria",
    "load_slump_normal_responses",
    "load_slump_stage_poses",
    "load_slump_stages",
    "normal_responses_for_stage",
    "previous_stage_id",
    "recorded_stage_ids",
    "stage_angles",
    "stage_ids",
    "stage_pose",
]
