"""The bibliography: citations, formatting and errors."""

from __future__ import annotations

import pytest

from anatomy_helpers.references import (
    cite,
    cite_link,
    format_reference,
    get_source,
    references_html,
    references_markdown,
)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("smoll2010", "Smoll 2010"),
        ("coppieters_butler2008", "Coppieters & Butler 2008"),
        ("deville2000", "Devillé et al. 2000"),
        ("van_der_windt2010", "van der Windt et al. 2010"),
        ("gilbert2007", "Gilbert et al. 2007"),
        ("capra2011", "Capra et al. 2011"),
        ("seed_muscular_mimics_page", "Seed page: muscular mimics"),
        ("teaching_assumption", "Teaching assumption"),
    ],
)
def test_cite(key, expected):
    assert cite(key) == expected


def test_format_reference_has_all_parts():
    ref = format_reference("kinoshita2023")
    assert ref.startswith("Kinoshita M, Maeo S,")
    assert "Frontiers in Physiology. 2023;14:1272106." in ref
    assert ref.endswith("doi:10.3389/fphys.2023.1272106")
    assert ".." not in format_reference("capra2011")


def test_unknown_key_suggests_and_lists():
    with pytest.raises(ValueError, match=r"Did you mean 'kinoshita2023'\?.*Valid keys:"):
        get_source("kinoshita2024")
    with pytest.raises(TypeError, match="key must be a str"):
        cite(2023)


def test_reference_lists_are_sorted_anchored_and_escaped():
    md = references_markdown(["smoll2010", "deville2000", "smoll2010"])
    lines = md.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith('- <a id="ref-deville2000"></a>Devillé')
    assert "[doi:10.1002/ca.20893](https://doi.org/10.1002/ca.20893)" in lines[1]
    html = references_html(["coppieters_butler2008"])
    assert "&#x27;sliders&#x27;" in html and 'id="ref-coppieters_butler2008"' in html
    assert cite_link("smoll2010") == "[Smoll 2010](#ref-smoll2010)"
    with pytest.raises(ValueError, match="unknown source key"):
        references_markdown(["smoll2010", "nobody"])
