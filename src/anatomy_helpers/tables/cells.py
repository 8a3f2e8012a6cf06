"""Converting one CSV cell to the type its record field declares."""

from __future__ import annotations

import math
import types
import typing
from typing import Any, Literal, get_args, get_origin

from anatomy_helpers.tables.errors import VERIFICATION_TAGS

__all__ = ["convert", "strip_optional"]

_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


def strip_optional(annotation: Any) -> tuple[Any, bool]:
    """``(X, True)`` for an ``X | None`` annotation, else ``(annotation, False)``."""
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(get_args(annotation)) == 2:
            return args[0], True
    return annotation, False


def _convert_literal(text: str, allowed: tuple[Any, ...]) -> str:
    if text in allowed:
        return text
    if text == "M" and set(allowed) <= set(VERIFICATION_TAGS):
        msg = (
            "'M' (a fact only remembered, not checked) never loads: check it in a source "
            f"and tag it {', '.join(allowed)}"
        )
        raise ValueError(msg)
    msg = f"{text!r} is not one of the allowed values: {', '.join(map(str, allowed))}"
    raise ValueError(msg)


def _convert_number(text: str, kind: type) -> int | float:
    if kind is int:
        try:
            return int(text)
        except ValueError:
            msg = f"{text!r} is not a whole number"
            raise ValueError(msg) from None
    try:
        value = float(text)
    except ValueError:
        msg = f"{text!r} is not a number"
        raise ValueError(msg) from None
    if not math.isfinite(value):
        msg = f"{text!r} is not a finite number"
        raise ValueError(msg)
    return value


def convert(text: str, annotation: Any, *, has_default: bool) -> Any:
    """Convert one cell to the annotated type; raise ValueError with a readable reason."""
    inner, optional = strip_optional(annotation)
    text = text.strip()
    if text == "" and optional:
        return None
    origin = get_origin(inner)
    if origin is tuple:
        if text == "":
            if has_default or optional:
                return ()
            msg = "is empty; expected a ';'-separated list"
            raise ValueError(msg)
        item_type = get_args(inner)[0]
        return tuple(convert(part, item_type, has_default=False) for part in text.split(";"))
    if origin is Literal:
        return _convert_literal(text, get_args(inner))
    if inner is str:
        if text == "":
            msg = "is empty"
            raise ValueError(msg)
        return text
    if inner is bool:
        low = text.lower()
        if low in _TRUE | _FALSE:
            return low in _TRUE
        msg = f"{text!r} is not a yes/no value (use true or false)"
        raise ValueError(msg)
    if inner in (int, float):
        return _convert_number(text, inner)
    msg = f"unsupported column type {inner!r}"  # a programming error in the record class
    raise TypeError(msg)
