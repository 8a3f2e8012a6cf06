"""Argument checks shared by the public functions: clear errors, never a wrong answer.

Every public function that takes a number runs it through :func:`check_real` or
:func:`check_whole_number`, and every function that takes one name out of a fixed set
runs it through :func:`check_choice`, so the messages read the same everywhere: they name
the parameter, the value and what is allowed (the range and unit, or the valid names).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

__all__ = ["check_choice", "check_real", "check_whole_number"]


def _describe(name: str, what: str) -> str:
    return f"{name} ({what})" if what else name


def check_real(
    name: str,
    value: object,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    unit: str = "",
    what: str = "",
) -> float:
    """Check that ``value`` is a finite real number in ``[low, high]`` and return it.

    Parameters
    ----------
    name : str
        Parameter name used in messages (``"knee_flexion_deg"``).
    value : object
        The value to check; ``bool`` is not accepted as a number.
    low, high : float
        Inclusive bounds (default: unbounded).
    unit : str
        Unit for messages (``"degrees"``, ``"mm"``).
    what : str
        Plain-language label added after the name (``"knee flexion"``).

    Returns
    -------
    float
        ``value`` as a float.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If ``value`` is NaN, infinite, too large for a float (``10**400``) or outside
        ``[low, high]``.

    Examples
    --------
    >>> check_real("knee_flexion_deg", 90, 0, 150, unit="degrees")
    90.0
    >>> check_real("knee_flexion_deg", 200, 0, 150, unit="degrees")
    Traceback (most recent call last):
    ...
    ValueError: knee_flexion_deg = 200 is outside its range 0 to 150 degrees
    """
    label = _describe(name, what)
    suffix = f" {unit}" if unit else ""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        kind = f"a number of {unit}" if unit else "a number"
        msg = f"{label} must be {kind}, got {type(value).__name__}"
        raise TypeError(msg)
    number = _as_float(label, value)
    if math.isinf(low) and math.isinf(high):
        allowed = ""
    elif math.isinf(high):
        allowed = f"at least {low:g}{suffix}"
    elif math.isinf(low):
        allowed = f"at most {high:g}{suffix}"
    else:
        allowed = f"{low:g} to {high:g}{suffix}"
    if not math.isfinite(number):
        msg = f"{label} = {number:g} is not a finite number"
        raise ValueError(msg + (f"; allowed range {allowed}" if allowed else ""))
    if not low <= number <= high:
        if math.isinf(low) or math.isinf(high):
            msg = f"{label} = {number:g} must be {allowed}"
        else:
            msg = f"{label} = {number:g} is outside its range {allowed}"
        raise ValueError(msg)
    return number


def _as_float(label: str, value: numbers.Real) -> float:
    try:
        return float(value)
    except OverflowError:  # an int beyond the float range, e.g. 10**400
        msg = f"{label} is too large to be a number here (it does not fit a float)"
        raise ValueError(msg) from None


def check_whole_number(name: str, value: object, low: int, high: int, *, what: str = "") -> int:
    """Check that ``value`` is a whole number in ``[low, high]`` and return it as an int.

    Floats with no fractional part (``3.0``) are accepted, as from a number box.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If it has a fractional part or lies outside ``[low, high]``.

    Examples
    --------
    >>> check_whole_number("sets", 3.0, 1, 5)
    3
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = (
            f"{_describe(name, what)} must be a whole number from {low} to {high}, "
            f"got {type(value).__name__}"
        )
        raise TypeError(msg)
    if isinstance(value, numbers.Integral):
        number = int(value)  # exact, however large: no float conversion
    else:
        real = check_real(name, value, what=what)
        if real != int(real):
            msg = f"{_describe(name, what)} = {real:g} must be a whole number from {low} to {high}"
            raise ValueError(msg)
        number = int(real)
    if not low <= number <= high:
        shown = (
            number
            if abs(number) < 10**15
            else f"a number of about {int(abs(number).bit_length() * 0.30103) + 1} digits"
        )
        msg = f"{_describe(name, what)} = {shown} is outside its range {low} to {high}"
        raise ValueError(msg)
    return number


def check_choice(
    name: str, value: object, choices: Iterable[str], *, valid: str | None = None
) -> str:
    """Check that ``value`` is one of ``choices`` (names) and return it.

    Parameters
    ----------
    name : str
        Parameter name used in messages (``"node_id"``).
    value : object
        The value to check.
    choices : iterable of str
        The valid names, in the order the message lists them.
    valid : str, optional
        Plural noun for the list in messages (``"nodes"``); default ``f"{name} values"``.

    Returns
    -------
    str
        ``value``.

    Raises
    ------
    TypeError
        If ``value`` is not a str.
    ValueError
        If it is not one of ``choices`` (the message lists them).

    Examples
    --------
    >>> check_choice("side", "left", ("left", "right"))
    'left'
    >>> check_choice("side", "up", ("left", "right"), valid="sides")
    Traceback (most recent call last):
    ...
    ValueError: unknown side 'up'; valid sides: left, right
    """
    options = tuple(choices)
    noun = valid or f"{name} values"
    if not isinstance(value, str):
        msg = f"{name} must be a str (one of the valid {noun}), got {type(value).__name__}"
        raise TypeError(msg)
    if value not in options:
        msg = f"unknown {name} {value!r}; valid {noun}: {', '.join(options)}"
        raise ValueError(msg)
    return value
