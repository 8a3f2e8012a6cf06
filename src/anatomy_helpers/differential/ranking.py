"""Ranking: findings -> candidate sources, with every point for or against explained.

The scoring rule, the penalty for a key finding recorded normal and the red-flag ordering
are described in :mod:`anatomy_helpers.differential`.

References
----------
See :mod:`anatomy_helpers.differential`; every reason carries its own ``source_id``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from anatomy_helpers.differential.data import (
    KEY_WEIGHT,
    Condition,
    ConditionFinding,
    Finding,
    _knowledge,
)
from anatomy_helpers.differential.lookup import get_finding, validate_findings
from anatomy_helpers.references import cite, get_source
from anatomy_helpers.safety import URGENCY_LABELS, RedFlag, get_red_flag
from anatomy_helpers.tables import Verification

__all__ = ["TEACHING_NOTICE", "Candidate", "DifferentialResult", "Reason", "rank_candidates"]

#: Shown with every result.
TEACHING_NOTICE = (
    "Teaching aid only: this ranking orders textbook patterns for discussion. The weights "
    "are teaching assumptions, not probabilities, and it cannot diagnose or rule out "
    "anything in a real patient."
)

#: Urgency order of red-flag actions (most urgent first).
_URGENCY_RANK = {u: i for i, u in enumerate(URGENCY_LABELS)}


@dataclass(frozen=True)
class Reason:
    """Why one finding counts for or against one candidate.

    Attributes
    ----------
    finding_id, finding_label : str
        The finding.
    relation : {"supports", "opposes"}
        Direction.
    weight : int
        1-3 (teaching assumption).
    text : str
        The reason.
    source_id : str
        Bibliography key (always resolvable).
    verification : str
        V, S, D or A.
    """

    finding_id: str
    finding_label: str
    relation: Literal["supports", "opposes"]
    weight: int
    text: str
    source_id: str
    verification: Verification

    @property
    def citation(self) -> str:
        """In-text citation, with "(secondary source)" or "(teaching assumption)" if so."""
        note = {"S": " (secondary source)", "A": " (teaching assumption)"}.get(
            self.verification, ""
        )
        if self.source_id == "teaching_assumption":
            note = ""
        return cite(self.source_id) + note


@dataclass(frozen=True)
class Candidate:
    """One ranked candidate source.

    Attributes
    ----------
    condition : Condition
        The candidate.
    score : int
        Supporting weights minus opposing weights (penalties for key findings recorded
        normal are opposing reasons too).
    supporting, opposing : tuple of Reason
        The findings for and against, heaviest first.
    urgent : bool
        True when a red-flag finding supports the candidate (always ranked first).
    action : str
        What to do: the most urgent red flag's action for an urgent candidate, else the
        condition's management note.
    urgency : str or None
        The red flag's urgency (a key of :data:`anatomy_helpers.safety.URGENCY_LABELS`), or
        None when not urgent.
    """

    condition: Condition
    score: int
    supporting: tuple[Reason, ...]
    opposing: tuple[Reason, ...]
    urgent: bool
    action: str
    urgency: str | None = None

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Every source behind this candidate and its reasons (sorted, unique)."""
        keys = {self.condition.source_id}
        keys.update(r.source_id for r in (*self.supporting, *self.opposing))
        return tuple(sorted(keys))


@dataclass(frozen=True)
class DifferentialResult:
    """The ranked candidates for a set of findings.

    Attributes
    ----------
    findings : tuple of str
        The findings used (validated, table order).
    candidates : tuple of Candidate
        Ranked; urgent (red-flag) candidates always come first.
    red_flags : tuple of str
        Red-flag findings present.
    unexplained : tuple of str
        Findings that support none of the listed candidates (normal findings excluded).
    notice : str
        :data:`TEACHING_NOTICE`.
    """

    findings: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    red_flags: tuple[str, ...]
    unexplained: tuple[str, ...]
    notice: str = TEACHING_NOTICE

    @property
    def top(self) -> Candidate | None:
        """The first candidate, or None when nothing is recorded."""
        return self.candidates[0] if self.candidates else None

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every reason in the result."""
        return tuple(r for c in self.candidates for r in (*c.supporting, *c.opposing))

    def ranking(self) -> tuple[str, ...]:
        """Condition ids in rank order."""
        return tuple(c.condition.condition_id for c in self.candidates)

    def red_flag_items(self) -> tuple[RedFlag, ...]:
        """The screen entries of the red flags present, most urgent first."""
        items = [get_red_flag(get_finding(f).red_flag_id) for f in self.red_flags]
        return tuple(sorted(items, key=lambda r: _URGENCY_RANK[r.urgency]))

    def to_text(self, max_candidates: int = 5) -> str:
        """Plain-text summary (for printing and alt text)."""
        lines = [self.notice]
        if not self.findings:
            lines.append("No findings recorded yet.")
            return "\n".join(lines)
        for item in self.red_flag_items():
            lines.append(f"RED FLAG: {item.sign}. {item.urgency_label}: {item.action}")
        for rank, c in enumerate(self.candidates[:max_candidates], start=1):
            lines.append(f"{rank}. {c.condition.name} (score {c.score})")
            for r in c.supporting:
                lines.append(f"   + {r.weight} {r.finding_label}: {r.text} [{r.citation}]")
            for r in c.opposing:
                lines.append(f"   - {r.weight} {r.finding_label}: {r.text} [{r.citation}]")
        if not self.candidates:
            lines.append("No candidate in the table is supported by these findings.")
        return "\n".join(lines)

    def to_html(self, max_candidates: int = 4) -> str:
        """HTML summary for a widget readout (escaped; red flags first)."""
        e = html.escape
        parts = [f"<p><em>{e(self.notice)}</em></p>"]
        if not self.findings:
            parts.append("<p>No findings recorded yet: tick regions and findings above.</p>")
            return "".join(parts)
        for item in self.red_flag_items():
            parts.append(
                '<div style="border:3px solid #D55E00;padding:6px;margin:4px 0">'
                f"<strong>RED FLAG: {e(item.sign)}.</strong> "
                f"<strong>{e(item.urgency_label)}:</strong> {e(item.action)}</div>"
            )
        if not self.candidates:
            parts.append("<p>No candidate in the table is supported by these findings.</p>")
        parts.append("<ol>")
        for c in self.candidates[:max_candidates]:
            parts.append(
                f"<li><strong>{e(c.condition.name)}</strong> (score {c.score}; "
                f"{len(c.supporting)} for, {len(c.opposing)} against)"
            )
            items = [
                f"<li>For (+{r.weight}): {e(r.finding_label)}. {e(r.text)} ({e(r.citation)})</li>"
                for r in c.supporting
            ] + [
                f"<li>Against (-{r.weight}): {e(r.finding_label)}. {e(r.text)} "
                f"({e(r.citation)})</li>"
                for r in c.opposing
            ]
            parts.append("<ul>" + "".join(items) + "</ul>")
            parts.append(
                f"<p>Evidence: {e(c.condition.evidence_level)} Next step: {e(c.action)}</p></li>"
            )
        parts.append("</ol>")
        if len(self.candidates) > max_candidates:
            rest = ", ".join(e(c.condition.name) for c in self.candidates[max_candidates:])
            parts.append(f"<p>Also weakly supported: {rest}.</p>")
        if self.unexplained:
            labels = ", ".join(e(get_finding(f).label) for f in self.unexplained)
            parts.append(f"<p>Not explained by the listed candidates: {labels}.</p>")
        return "".join(parts)


def _reason(link: ConditionFinding, finding: Finding) -> Reason:
    get_source(link.source_id)  # resolvable by construction; fail loudly otherwise
    return Reason(
        finding_id=finding.finding_id,
        finding_label=finding.label,
        relation=link.relation,
        weight=link.weight,
        text=link.reason,
        source_id=link.source_id,
        verification=link.verification,
    )


def _penalty(link: ConditionFinding, predicted: Finding, normal: Finding) -> Reason:
    """The reason for a key predicted finding that was recorded normal."""
    get_source(link.source_id)
    return Reason(
        finding_id=normal.finding_id,
        finding_label=normal.label,
        relation="opposes",
        weight=link.weight,
        text=(
            f"This candidate predicts '{predicted.label}' (a key finding, weight "
            f"{link.weight}), but it was recorded normal. Why it is predicted: {link.reason}"
        ),
        source_id=link.source_id,
        verification=link.verification,
    )


def rank_candidates(findings: Iterable[str]) -> DifferentialResult:
    """Rank candidate sources of leg symptoms for a set of findings.

    Parameters
    ----------
    findings : iterable of str
        Finding ids from :func:`finding_ids` (regions, strength, reflexes, sensation,
        pulses, history items, test results, red flags), abnormal or normal.

    Returns
    -------
    DifferentialResult
        Candidates with at least one supporting finding, ranked by score (see the module
        docstring); candidates supported by a red flag come first with the red flag's
        action.

    Raises
    ------
    TypeError, ValueError
        From :func:`validate_findings` (unknown ids are listed in the message).

    References
    ----------
    See the module docstring; every reason carries its own ``source_id``.

    Examples
    --------
    >>> r = rank_candidates(
    ...     ["pain_buttock", "pain_posterior_calf", "pain_sole", "ankle_reflex_reduced"]
    ... )
    >>> r.top.condition.condition_id
    'radicular_s1'
    """
    chosen = validate_findings(findings)
    k = _knowledge()
    order = {cid: i for i, cid in enumerate(k.conditions)}
    support: dict[str, list[Reason]] = {}
    oppose: dict[str, list[Reason]] = {}
    for fid in chosen:
        finding = k.findings[fid]
        for link in k.links.get(fid, ()):
            target = support if link.relation == "supports" else oppose
            target.setdefault(link.condition_id, []).append(_reason(link, finding))
        if finding.normal_of is not None:
            predicted = k.findings[finding.normal_of]
            for link in k.links.get(finding.normal_of, ()):
                if link.relation == "supports" and link.weight >= KEY_WEIGHT:
                    oppose.setdefault(link.condition_id, []).append(
                        _penalty(link, predicted, finding)
                    )
    red_flags = tuple(f for f in chosen if k.findings[f].category == "red_flag")
    candidates = []
    for cid, sup in support.items():
        opp = oppose.get(cid, [])
        score = sum(r.weight for r in sup) - sum(r.weight for r in opp)
        flags = [
            get_red_flag(k.findings[r.finding_id].red_flag_id)
            for r in sup
            if k.findings[r.finding_id].category == "red_flag"
        ]
        flags.sort(key=lambda f: _URGENCY_RANK[f.urgency])
        condition = k.conditions[cid]
        candidates.append(
            Candidate(
                condition=condition,
                score=score,
                supporting=tuple(sorted(sup, key=lambda r: -r.weight)),
                opposing=tuple(sorted(opp, key=lambda r: -r.weight)),
                urgent=bool(flags),
                action=flags[0].action if flags else condition.management_note,
                urgency=flags[0].urgency if flags else None,
            )
        )
    candidates.sort(
        key=lambda c: (
            not c.urgent,
            _URGENCY_RANK.get(c.urgency or "", len(_URGENCY_RANK)),
            -c.score,
            -len(c.supporting),
            order[c.condition.condition_id],
        )
    )
    explained = {r.finding_id for c in candidates for r in c.supporting}
    unexplained = tuple(f for f in chosen if f not in explained and not k.findings[f].is_normal)
    return DifferentialResult(
        findings=chosen,
        candidates=tuple(candidates),
        red_flags=red_flags,
        unexplained=unexplained,
    )
