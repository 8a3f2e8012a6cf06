"""Tests of the seed-claims table (anatomy_helpers.seed_claims)."""

from __future__ import annotations

import dataclasses

import pytest

from anatomy_helpers.references import get_source
from anatomy_helpers.seed_claims import (
    VERDICTS,
    SeedClaim,
    claims_for_page,
    get_claim,
    load_seed_claims,
    seed_claims_html,
    seed_page_ids,
    verdict_conflicts,
    verdict_counts,
)
from anatomy_helpers.tables import DataTableError, read_csv_records


def test_every_seed_page_has_checked_claims():
    seeds = {
        k
        for k, s in __import__("anatomy_helpers.references").references.load_sources().items()
        if s.kind == "seed web page"
    }
    assert set(seed_page_ids()) == seeds


def test_claims_named_in_the_issue_have_the_expected_verdicts():
    assert get_claim("piriformis_variant_15_30").verdict == "partly"
    assert "smoll2010" in get_claim("piriformis_variant_15_30").evidence_source_ids
    assert get_claim("variant_more_piriformis").verdict == "contradicted"
    assert get_claim("coccyx_headache").verdict == "unsupported"
    assert get_claim("calf_raise_study").verdict == "contradicted"  # factually wrong
    assert get_claim("calf_stretch_relieves_nerve").verdict == "unsupported"
    assert "not checked" not in get_claim("causes_disc_stenosis_piriformis").evidence.lower()
    assert "suri2010" in get_claim("causes_disc_stenosis_piriformis").evidence_source_ids
    assert get_claim("tight_calves_cause_sciatica").verdict == "unsupported"
    assert get_claim("nerves_adhered").verdict == "unsupported"
    assert get_claim("ice_then_heat").verdict == "partly"
    assert get_claim("standing_calf_growth").verdict == "supported"


def test_evidence_is_never_a_seed_page_and_always_resolves():
    for claim in load_seed_claims():
        assert claim.evidence_source_ids
        for key in claim.evidence_source_ids:
            assert get_source(key).kind != "seed web page"


def test_counts_add_up():
    counts = verdict_counts()
    assert list(counts) == list(VERDICTS)
    assert sum(counts.values()) == len(load_seed_claims())
    page = "seed_calf_sciatica_page"
    assert sum(verdict_counts(page).values()) == len(claims_for_page(page))


def test_html_table_is_accessible():
    out = seed_claims_html("seed_muscular_mimics_page")
    assert "<caption>" in out and 'scope="col"' in out
    assert "15-30 %" in out


def test_bad_page_and_claim_ids():
    with pytest.raises(ValueError, match="valid pages"):
        claims_for_page("kinoshita2023")
    with pytest.raises(ValueError, match="valid claims"):
        get_claim("nope")


def test_a_claim_citing_a_seed_page_as_evidence_is_rejected(tmp_path):
    bad = tmp_path / "seed_claims.csv"
    bad.write_text(
        "claim_id,source_id,claim,verdict,evidence,evidence_source_ids,verification\n"
        "x,seed_calf_sciatica_page,c,supported,e,seed_nerve_tension_page,V\n",
        encoding="utf-8",
    )
    with pytest.raises(DataTableError, match="evidence_source_ids"):
        read_csv_records("seed_claims.csv", SeedClaim, path=bad)
    bad.write_text(
        "claim_id,source_id,claim,verdict,evidence,evidence_source_ids,verification\n"
        "x,kinoshita2023,c,maybe,e,smoll2010,V\n",
        encoding="utf-8",
    )
    with pytest.raises(DataTableError, match="verdict"):
        read_csv_records("seed_claims.csv", SeedClaim, path=bad)


def test_shared_claims_agree_with_notebook_05s_table():
    assert verdict_conflicts() == ()
    linked = [c for c in load_seed_claims() if c.same_claim_as]
    assert {c.same_claim_as for c in linked} >= {"stretching", "sciatica"}


def test_a_verdict_conflict_is_reported(monkeypatch):
    import anatomy_helpers.seed_claims as sc

    claims = list(sc.load_seed_claims())
    i = next(i for i, c in enumerate(claims) if c.same_claim_as == "stretching")
    claims[i] = dataclasses.replace(claims[i], verdict="partly")
    monkeypatch.setattr(sc, "load_seed_claims", lambda: tuple(claims))
    assert sc.verdict_conflicts() and "stretching" not in sc.verdict_conflicts()[0][:5]
