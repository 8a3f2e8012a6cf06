"""The condition table: findings for and against each candidate, evidence and next step.

References
----------
See :mod:`anatomy_helpers.differential`; each cell cites its link's ``source_id``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from anatomy_helpers.differential.data import KEY_WEIGHT, ConditionFinding, _knowledge
from anatomy_helpers.differential.lookup import get_condition
from anatomy_helpers.references import cite

__all__ = ["condition_table_html"]


def condition_table_html(condition_ids: Iterable[str] | None = None) -> str:
    """A table of conditions: findings for and against, evidence level and next step.

    Built from the same links the ranking uses, so the notebook table and the engine can
    never disagree.

    Parameters
    ----------
    condition_ids : iterable of str, optional
        Which conditions, in this order (default: all, in table order).

    Raises
    ------
    ValueError
        For an unknown condition id.
    """
    k = _knowledge()
    ids = list(k.conditions) if condition_ids is None else [str(c) for c in condition_ids]
    for cid in ids:
        get_condition(cid)
    e = html.escape
    rows = []
    for cid in ids:
        c = k.conditions[cid]
        links = [lk for v in k.links.values() for lk in v if lk.condition_id == cid]
        sup = sorted((lk for lk in links if lk.relation == "supports"), key=lambda lk: -lk.weight)
        opp = sorted((lk for lk in links if lk.relation == "opposes"), key=lambda lk: -lk.weight)
        for lk in sup:
            partner = next((f for f in k.findings.values() if f.normal_of == lk.finding_id), None)
            if partner is not None and lk.weight >= KEY_WEIGHT:
                opp.append(lk)  # shown once more below as "recorded normal"

        def _items(group: list[ConditionFinding], against: bool) -> str:
            out = []
            for lk in group:
                label = k.findings[lk.finding_id].label
                if against and lk.relation == "supports":
                    label = f"{k.findings[lk.finding_id].group_label}: recorded normal"
                note = " (secondary source)" if lk.verification == "S" else ""
                if lk.verification == "A" and lk.source_id != "teaching_assumption":
                    note = " (teaching assumption)"
                out.append(f"<li>{e(label)} ({lk.weight}; {e(cite(lk.source_id) + note)})</li>")
            return "<ul>" + "".join(out) + "</ul>" if out else "<p>None listed.</p>"

        note = " (secondary source)" if c.verification == "S" else ""
        rows.append(
            f'<tr><th scope="row">{e(c.name)}</th><td>{_items(sup, False)}</td>'
            f"<td>{_items(opp, True)}</td><td>{e(c.evidence_level)} "
            f"({e(cite(c.source_id) + note)})</td><td>{e(c.management_note)}</td></tr>"
        )
    return (
        "<table><caption>Candidate sources: findings for and against (weight; source), "
        'evidence and next step</caption><thead><tr><th scope="col">Condition</th>'
        '<th scope="col">For</th><th scope="col">Against</th><th scope="col">Evidence</th>'
        '<th scope="col">Next step</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
    )
