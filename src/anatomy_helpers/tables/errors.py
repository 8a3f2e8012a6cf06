"""Errors of the table loader and the verification vocabulary shared by every table."""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "ASSUMPTION_SOURCE",
    "VERIFICATION_TAGS",
    "DataTableError",
    "FieldError",
    "Verification",
]

#: How a fact was checked: ``V`` read in the primary source, ``S`` secondary source only,
#: ``D`` derived by us in code from verified numbers, ``A`` a labelled teaching assumption.
Verification = Literal["V", "S", "D", "A"]
#: The tags of :data:`Verification`, in order.
VERIFICATION_TAGS: tuple[str, ...] = get_args(Verification)
#: The bibliography key of this collection's own labelled assumptions (tag ``A``).
ASSUMPTION_SOURCE = "teaching_assumption"


class DataTableError(ValueError):
    """A data table could not be loaded; the message names file, row and column.

    Parameters
    ----------
    file : str
        File name of the table (e.g. ``"sources.csv"``).
    row : int or None
        1-based row number in a CSV file (the header is row 1), or the 1-based record
        number in a JSON list; ``None`` for problems with the whole file.
    column : str or None
        Column (CSV) or field (JSON) name, when one is to blame.
    problem : str
        What is wrong, in words.
    """

    def __init__(self, file: str, row: int | None, column: str | None, problem: str):
        self.file = file
        self.row = row
        self.column = column
        self.problem = problem
        where = file
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}")


class FieldError(ValueError):
    """Raised by a record's ``check`` method (or a table check) to blame one column.

    Parameters
    ----------
    column : str
        The column at fault.
    problem : str
        What is wrong with it.
    record : int, optional
        For a table-level check: the 0-based index of the record at fault.
    """

    def __init__(self, column: str, problem: str, *, record: int | None = None):
        self.column = column
        self.problem = problem
        self.record = record
        super().__init__(f"{column}: {problem}")
