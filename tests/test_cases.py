"""Tests of the clinical cases and natural-history data (anatomy_helpers.cases)."""

from __future__ import annotations

import json

import pytest

from anatomy_helpers.cases import (
    STAGES,
    case_ids,
    get_case,
    load_cases,
    load_natural_history,
    step_html,
)
from anatomy_helpers.differential import get_condition
from anatomy_helpers.references import get_source
from anatomy_helpers.tables import DataTableError, read_json_document

REQUIRED_COVERAGE = {
    "radicular_l5",
    "radicular_s1",
    "piriformis_syndrome",
    "gluteus_minimus_referral",
    "muscle_tightness_mimic",
    "cauda_equina_syndrome",
    "fibular_neuropathy",
    "lumbar_spinal_stenosis",
    "gluteal_tendinopathy",
    "deep_vein_thrombosis",
}


def test_the_cases_cover_the_required_conditions():
    cases = load_cases()
    assert 11 <= len(cases) <= 14
    assert {c.expected_condition_id for c in cases} >= REQUIRED_COVERAGE


#: Words that would give a case's answer away if they appeared in its title.
_GIVEAWAYS = (
    "radicul",
    "root",
    "piriformis",
    "gluteus",
    "minimus",
    "tightness",
    "red flag",
    "cauda",
    "sciatica",
    "fibular",
    "peroneal",
    "stenosis",
    "claudication",
    "tendin",
    "thrombosis",
    "dvt",
    "clot",
    "neural",
    "bladder",
    "drop",
    "l4",
    "l5",
    "s1",
)


@pytest.mark.parametrize("case_id", case_ids())
def test_case_titles_do_not_name_the_answer(case_id):
    case = get_case(case_id)
    title = case.title.lower()
    assert not [w for w in _GIVEAWAYS if w in title], case.title
    short = get_condition(case.expected_condition_id).short_name.lower()
    assert short not in title


@pytest.mark.parametrize("case_id", case_ids())
def test_each_case_reveals_in_order_and_cites_its_reasoning(case_id):
    case = get_case(case_id)
    assert tuple(s.stage for s in case.steps) == STAGES
    for step in case.steps:
        if step.stage in ("reasoning", "outcome"):
            for statement in step.statements:
                assert statement.source_id, statement.text
                assert get_source(statement.source_id)
    assert case.all_findings


@pytest.mark.parametrize("case_id", case_ids())
def test_the_differential_ranks_the_taught_source_first(case_id):
    case = get_case(case_id)
    assert case.differential().top.condition.condition_id == case.expected_condition_id


def test_red_flag_case_is_urgent_from_the_history_step():
    case = get_case("red_flag")
    assert case.differential(0).top.urgent


def test_findings_accumulate_step_by_step():
    case = get_case("l5_radiculopathy")
    sizes = [len(case.findings_up_to(i)) for i in range(len(STAGES))]
    assert sizes == sorted(sizes) and sizes[0] > 0
    assert sizes[3] == sizes[4]  # reasoning and outcome reveal no new findings
    with pytest.raises(ValueError, match=r"step_index must be an int in 0\.\.4"):
        case.findings_up_to(5)


def test_step_html_escapes_and_cites():
    out = step_html(get_case("piriformis"), 3)
    assert "<h4>Reasoning</h4>" in out
    assert "Hopayian et al. 2010" in out
    with pytest.raises(TypeError, match="Case"):
        step_html("piriformis", 0)


def test_unknown_case_lists_valid_ids():
    with pytest.raises(ValueError, match="valid cases: l5_radiculopathy"):
        get_case("nope")


def _write(tmp_path, doc):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _doc():
    return read_json_document("cases.json")


def test_uncited_reasoning_statement_is_rejected(tmp_path):
    doc = _doc()
    del doc["cases"][0]["steps"][3]["statements"][0]["source_id"]
    with pytest.raises(DataTableError, match="reasoning statement needs a source_id"):
        load_cases(_write(tmp_path, doc))


def test_wrong_step_order_unknown_finding_and_duplicates_are_rejected(tmp_path):
    doc = _doc()
    doc["cases"][0]["steps"].reverse()
    with pytest.raises(DataTableError, match="in order"):
        load_cases(_write(tmp_path, doc))
    doc = _doc()
    doc["cases"][0]["steps"][0]["findings"].append("tight_calf")
    with pytest.raises(DataTableError, match="unknown finding"):
        load_cases(_write(tmp_path, doc))
    doc = _doc()
    doc["cases"].append(doc["cases"][0])
    with pytest.raises(DataTableError, match="duplicate case_id"):
        load_cases(_write(tmp_path, doc))
    doc = _doc()
    doc["cases"][0]["steps"][4]["statements"][0]["source_id"] = "nobody2099"
    with pytest.raises(DataTableError, match="unknown source"):
        load_cases(_write(tmp_path, doc))


def test_natural_history_rows():
    rows = {r.row_id: r for r in load_natural_history()}
    assert rows["vroomen_waiting_12w"].value_pct_low == 87
    assert rows["haugen_52w"].value_pct_low < rows["haugen_52w"].value_pct_high
    assert all(r.time_weeks > 0 for r in rows.values())
