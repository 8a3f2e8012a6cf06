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
import anatomy_helpers.exercises
import anatomy_helpers.neurodynamics
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
