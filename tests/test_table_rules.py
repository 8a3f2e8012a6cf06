"""Rules declared with the topic tables catch a broken copy of the packaged data.

Each case copies a packaged table, breaks one rule and loads the copy through the table's
declaration (:func:`anatomy_helpers.tables.load_table`); the error must name the file,
the row (when one is to blame) and the column.
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import pytest

import anatomy_helpers.anatomy
import anatomy_helpers.cases
import anatomy_helpers.differential
import anatomy_helpers.exercises
import anatomy_helpers.neurodynamics
import anatomy_helpers.seed_claims
import anatomy_helpers.slump  # noqa: F401  (registers the tables)
from anatomy_helpers.tables import DataTableError, load_table

DATA = Path(str(resources.files("anatomy_helpers") / "data"))


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((DATA / name).read_text("utf-8"))))


def _broken(tmp_path: Path, name: str, edit) -> Path:
    rows = edit(_rows(name))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(_rows(name)[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _set(rows, index, **changes):
    rows[index] = {**rows[index], **changes}
    return rows


def _set_where(rows, column, value, **changes):
    """Change the first row whose ``column`` equals ``value``."""
    return _set(rows, next(i for i, r in enumerate(rows) if r[column] == value), **changes)


def _index(name, column, value):
    """The row number (header = 1) of the first row of a packaged table with that value."""
    return next(i for i, r in enumerate(_rows(name)) if r[column] == value) + 2


def _add_link(rows):
    """L5 radiculopathy supported by strong inversion, while weak inversion supports it too."""
    extra = {
        **rows[0],
        "condition_id": "radicular_l5",
        "finding_id": "strength_ankle_inversion_normal",
    }
    return [*rows, {**extra, "relation": "supports", "weight": "1"}]


CASES = [
    (  # a preset may hold only findings its cited rows list
        "anatomy_finding_presets.csv",
        lambda r: _set(r, 0, numb_regions="medial_leg;sole"),
        2,
        "numb_regions",
        r"\['sole'\] are not findings of L4",
    ),
    (  # a root preset needs the root's own reflex
        "anatomy_finding_presets.csv",
        lambda r: _set(r, 2, reduced_reflexes="knee_jerk"),
        4,
        "reduced_reflexes",
        "not findings of S1",
    ),
    (  # a preset's normal findings are none its candidate predicts abnormal
        "anatomy_finding_presets.csv",
        lambda r: _set(r, 1, normal_strength="foot_eversion"),
        3,
        "normal_strength",
        r"\['foot_eversion'\] are findings L5 predicts abnormal",
    ),
    (  # an item is recorded abnormal or normal, not both
        "anatomy_finding_presets.csv",
        lambda r: _set(r, 1, normal_strength="hip_abduction"),
        3,
        "normal_strength",
        r"\['hip_abduction'\] recorded both in weak_movements and in normal_strength",
    ),
    (  # the not-sciatic flag is printed once, so a note does not repeat it
        "anatomy_nodes.csv",
        lambda r: [
            {**row, "clinical_note": "NOT sciatic: " + row["clinical_note"]}
            if row["node_id"] == "saphenous"
            else row
            for row in r
        ],
        17,
        "clinical_note",
        "must not open with 'not sciatic'",
    ),
    (  # the screen's ids are its own: none repeats a cauda equina flag
        "serious_pathology_screen.csv",
        lambda r: _set(r, 0, flag_id="saddle_anaesthesia"),
        2,
        "flag_id",
        "'saddle_anaesthesia' is already a flag of red_flags.csv",
    ),
    (  # red_flags.csv holds cauda equina flags only
        "red_flags.csv",
        lambda r: _set(r, 0, category="malignancy"),
        2,
        "category",
        "'malignancy' is not one of cauda_equina",
    ),
    (  # ... and the screen file holds none
        "serious_pathology_screen.csv",
        lambda r: _set(r, 1, category="cauda_equina"),
        3,
        "category",
        "'cauda_equina' is not one of arterial, fracture, infection, malignancy, venous",
    ),
    (  # a normal finding names an abnormal partner of its own group
        "findings.csv",
        lambda r: _set_where(
            r, "finding_id", "ankle_reflex_normal", normal_of="knee_reflex_reduced"
        ),
        _index("findings.csv", "finding_id", "ankle_reflex_normal"),
        "normal_of",
        "'knee_reflex_reduced' must be an abnormal finding of group 'ankle_reflex'",
    ),
    (  # a red-flag finding names a flag of the screen (either file)
        "findings.csv",
        lambda r: _set_where(r, "red_flag_id", "dvt_risk", red_flag_id="dvt"),
        _index("findings.csv", "red_flag_id", "dvt_risk"),
        "red_flag_id",
        "unknown red flag 'dvt'",
    ),
    (  # every red flag of the screen can be recorded
        "findings.csv",
        lambda r: [row for row in r if row["red_flag_id"] != "cancer_history"],
        None,
        "red_flag_id",
        "red flags without a finding: cancer_history",
    ),
    (  # a condition is not supported by a finding and by its normal counterpart
        "condition_findings.csv",
        _add_link,
        len(_rows("condition_findings.csv")) + 2,
        "finding_id",
        "'radicular_l5' cannot be supported by both 'strength_ankle_inversion_normal'",
    ),
    (  # a claim shared with notebook 05's table has the matching verdict
        "seed_claims.csv",
        lambda r: _set_where(r, "same_claim_as", "stretching", verdict="partly"),
        _index("seed_claims.csv", "same_claim_as", "stretching"),
        "verdict",
        "disagrees with the same claim: calf_stretch_relieves_nerve: partly here",
    ),
    (  # steps are numbered 1..n without gaps
        "exercise_steps.csv",
        lambda r: _set(r, 1, step="9"),
        2,  # the exercise's first row
        "step",
        "must be numbered 1 to",
    ),
    (  # every exercise has a start and an end pose
        "exercise_poses.csv",
        lambda r: [row for row in r if row["position"] != "end" or row is not r[1]],
        2,
        "position",
        "needs both a start and an end pose",
    ),
    (  # every entry has an expected sensation
        "exercise_sensations.csv",
        lambda r: r[1:],
        None,
        "exercise_id",
        "needs an expected sensation",
    ),
    (  # doses: exercises only, and one complete dose each
        "exercise_dosage.csv",
        lambda r: _set(r, 0, sets="", reps=""),
        2,
        "sets",
        "no complete dose",
    ),
    (  # the model's joints are listed in model order
        "neurodynamics_joint_parameters.csv",
        lambda r: [r[1], r[0], *r[2:]],
        2,
        "joint",
        "in this order",
    ),
    (  # an angle name is the joint in degrees
        "neurodynamics_joint_parameters.csv",
        lambda r: _set(r, 0, angle_name="neck_deg"),
        2,
        "angle_name",
        "must be neck_flexion_deg",
    ),
    (  # every stage has a pose to draw
        "slump_stage_poses.csv",
        lambda r: r[:-1],
        None,
        "stage_id",
        "no pose for stage",
    ),
    (  # interpretation templates use known placeholders only
        "slump_interpretation_text.csv",
        lambda r: _set(r, 0, template="{Side} side: {mood}."),
        2,
        "template",
        r"unknown placeholder\(s\) \['mood'\]",
    ),
    (  # interpret() needs every sentence it writes
        "slump_interpretation_text.csv",
        lambda r: [row for row in r if row["text_id"] != "negative"],
        None,
        "text_id",
        "needs the text",
    ),
]


@pytest.mark.parametrize(("name", "edit", "row", "column", "problem"), CASES)
def test_a_broken_copy_is_rejected_naming_file_row_and_column(
    tmp_path, name, edit, row, column, problem
):
    with pytest.raises(DataTableError, match=problem) as err:
        load_table(name, path=_broken(tmp_path, name, edit))
    assert (err.value.file, err.value.row, err.value.column) == (name, row, column)
