"""Which recorded examination findings are red flags (pure Python; no plotting).

``anatomy_red_flag_findings.csv`` links an item of :class:`~anatomy_helpers.anatomy.Findings`
(a numb region, a weak movement, a reduced reflex, a positive test) to a red flag of the
serious-pathology screen (``red_flags.csv`` / ``serious_pathology_screen.csv``), so any
view that records findings can lead with the flag's own wording and action.

References
----------
long2020, dionne2019
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from anatomy_helpers.anatomy.data import ABNORMAL_KINDS
from anatomy_helpers.anatomy.patterns import Findings, _as_findings, _vocabularies
from anatomy_helpers.safety import RedFlag, get_red_flag, serious_pathology_screen
from anatomy_helpers.tables import FieldError, Verification, table_loader

__all__ = [
    "FlaggedFinding",
    "RedFlagFinding",
    "load_red_flag_findings",
    "red_flags_in",
]


@dataclass(frozen=True)
class RedFlagFinding:
    """One abnormal examination item that is a red flag.

    Attributes
    ----------
    kind : {"numb_regions", "weak_movements", "reduced_reflexes", "positive_tests"}
        The kind of abnormal finding (a field of :class:`Findings`).
    item : str
        The item of that kind (a region id for ``numb_regions``).
    red_flag_id : str
        A ``flag_id`` of the serious-pathology screen.
    source_id : str
        Source that lists the finding as this red flag.
    verification : {"V", "S", "D", "A"}
    locator : str
        Where in the source.
    """

    kind: Literal["numb_regions", "weak_movements", "reduced_reflexes", "positive_tests"]
    item: str
    red_flag_id: str
    source_id: str
    verification: Verification
    locator: str

    def check(self) -> None:
        """The item belongs to the vocabulary of its kind."""
        valid = _vocabularies()[self.kind]
        if self.item not in valid:
            raise FieldError("item", f"{self.item!r} is not a {self.kind} item; valid: {valid}")


def _flags_exist(rows: tuple[RedFlagFinding, ...]) -> None:
    """Table rule: every ``red_flag_id`` is a flag of the serious-pathology screen."""
    known = {f.flag_id for f in serious_pathology_screen()}
    for index, row in enumerate(rows):
        if row.red_flag_id not in known:
            problem = f"unknown red flag {row.red_flag_id!r}; valid: {', '.join(sorted(known))}"
            raise FieldError("red_flag_id", problem, record=index)


#: Load the findings that are red flags (``data/anatomy_red_flag_findings.csv``).
load_red_flag_findings = table_loader(
    "anatomy_red_flag_findings.csv",
    RedFlagFinding,
    unique=[("kind", "item", "red_flag_id")],
    references={"kind": ABNORMAL_KINDS},
    check=_flags_exist,
)


@dataclass(frozen=True)
class FlaggedFinding:
    """A red flag raised by recorded findings.

    Attributes
    ----------
    flag : RedFlag
        The red flag (its ``sign``, ``action``, ``urgency_label`` and sources).
    items : tuple of (str, str)
        The recorded ``(kind, item)`` pairs that raise it.
    source_ids : tuple of str
        Sources linking those findings to the flag.
    """

    flag: RedFlag
    items: tuple[tuple[str, str], ...]
    source_ids: tuple[str, ...]


def red_flags_in(findings: Findings | Mapping[str, Any]) -> tuple[FlaggedFinding, ...]:
    """The red flags among recorded abnormal findings, in the order the screen lists them.

    Only abnormal findings count: an item examined and found normal raises nothing (and
    an absent red flag does not rule the condition out).

    Parameters
    ----------
    findings : Findings or mapping
        As :func:`~anatomy_helpers.anatomy.match_pattern` takes them.

    Returns
    -------
    tuple of FlaggedFinding
        One per red flag raised; empty if none.

    Raises
    ------
    TypeError, ValueError
        For findings :class:`Findings` rejects.

    References
    ----------
    long2020, dionne2019

    Examples
    --------
    >>> [f.flag.flag_id for f in red_flags_in({"numb_regions": ["saddle", "sole"]})]
    ['saddle_anaesthesia']
    >>> red_flags_in({"normal_sensation": ["saddle"]})
    ()
    """
    f = _as_findings(findings)
    raised: dict[str, list[RedFlagFinding]] = {}
    for row in load_red_flag_findings():
        if row.item in getattr(f, row.kind):
            raised.setdefault(row.red_flag_id, []).append(row)
    order = [flag.flag_id for flag in serious_pathology_screen()]
    return tuple(
        FlaggedFinding(
            flag=get_red_flag(flag_id),
            items=tuple((r.kind, r.item) for r in rows),
            source_ids=tuple(dict.fromkeys(r.source_id for r in rows)),
        )
        for flag_id, rows in sorted(raised.items(), key=lambda kv: order.index(kv[0]))
    )
