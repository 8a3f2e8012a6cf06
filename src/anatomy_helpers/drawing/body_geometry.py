"""The body map's geometry, read from ``data/body_map_geometry.json`` (no numbers in code).

The file holds two leg profiles, the silhouettes, each view's regions, schematic nerve
courses, landmarks, label places and decorations (all drawing choices: cited to
``teaching_assumption``, tag A). This module validates the file and turns its point
recipes into coordinates; :mod:`anatomy_helpers.drawing.body_map` draws them.

A point is ``[x, y]``, the name of a point in ``named_points``, or
``{"at": [profile, y, f]}`` -- the point at height ``y`` a fraction ``f`` of the way from
the profile's first edge to its second -- with an optional ``"y"`` that overrides the
height. A region is a ``polygon`` of points, a ``band`` between two fractions of a
profile from one height to another, or an ``ellipse``. Every x is multiplied by the sign
in effect (a view's ``sign``; ``+1`` then ``-1`` in a ``both_sides`` group).

References
----------
teaching_assumption; giuffre_statpearls, hanna2015 (the courses the schematic follows)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from matplotlib.path import Path

from anatomy_helpers.regions import body_region_ids
from anatomy_helpers.tables import ASSUMPTION_SOURCE, DataTableError, read_json_document

__all__ = [
    "FILE",
    "ViewGeometry",
    "check_geometry",
    "geometry",
    "poly",
    "resolve_point",
    "view_geometry",
]

#: The data file.
FILE = "body_map_geometry.json"
_VIEW_KEYS = (
    "title",
    "sign",
    "xlim",
    "ylim",
    "silhouette",
    "decoration",
    "regions",
    "nerves",
    "landmarks",
    "nerve_labels",
)


def _fail(place: str, problem: str) -> DataTableError:
    return DataTableError(FILE, None, place, problem)


def _number(place: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _fail(place, f"expected a finite number, got {value!r}")
    return value


def _pair(place: str, value: Any) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise _fail(place, f"expected [x, y], got {value!r}")
    return _number(place, value[0]), _number(place, value[1])


@dataclass(frozen=True)
class _Profile:
    """Heights (ascending) and the two edges' x at each height."""

    ys: np.ndarray
    first: np.ndarray
    second: np.ndarray

    def edges(self, y: float) -> tuple[float, float]:
        return float(np.interp(y, self.ys, self.first)), float(np.interp(y, self.ys, self.second))


def _profiles(doc: Mapping[str, Any]) -> dict[str, _Profile]:
    out = {}
    for name, spec in doc["profiles"].items():
        place = f"profiles.{name}"
        rows = spec.get("rows") if isinstance(spec, dict) else None
        if not isinstance(rows, list) or len(rows) < 2:
            raise _fail(place, "needs 'rows' of [y, first x, second x]")
        table = np.array([[_number(place, v) for v in row] for row in rows])
        if table.shape[1] != 3 or np.any(np.diff(table[:, 0]) >= 0):
            raise _fail(place, "rows are [y, x, x] with y strictly decreasing")
        rev = table[::-1]
        out[name] = _Profile(rev[:, 0], rev[:, 1], rev[:, 2])
    return out


def resolve_point(place: str, spec: Any, sign: float) -> tuple[float, float]:
    """Coordinates of one point recipe (see the module docstring), with ``sign`` applied.

    Raises
    ------
    DataTableError
        For a recipe that is not a point, an unknown profile or named point.
    """
    doc = geometry()
    if isinstance(spec, str):
        if spec not in doc["named_points"]:
            raise _fail(place, f"unknown named point {spec!r}")
        x, y = _pair(place, doc["named_points"][spec])
        return sign * x, y
    if isinstance(spec, dict) and "at" in spec and set(spec) <= {"at", "y"}:
        profile, y, f = spec["at"]
        if profile not in _profile_table():
            raise _fail(place, f"unknown profile {profile!r}")
        a, b = _profile_table()[profile].edges(_number(place, y))
        x = sign * (a + _number(place, f) * (b - a))
        return x, _number(place, spec.get("y", y))
    x, y = _pair(place, spec)
    return sign * x, y


def poly(points: Sequence[tuple[float, float]] | np.ndarray) -> Path:
    """A closed matplotlib Path through ``points``."""
    pts = np.asarray(points, dtype=float)
    return Path(np.vstack([pts, pts[:1]]), closed=True)


def _band(place: str, spec: Mapping[str, Any], sign: float) -> np.ndarray:
    profile, y_top, y_bottom, f0, f1 = spec["band"]
    ys = np.linspace(_number(place, y_top), _number(place, y_bottom), spec.get("n", 12))
    left = [resolve_point(place, {"at": [profile, y, f0]}, sign) for y in ys]
    right = [resolve_point(place, {"at": [profile, y, f1]}, sign) for y in ys[::-1]]
    return np.array(left + right)


def _ellipse(place: str, spec: Mapping[str, Any], sign: float) -> np.ndarray:
    cx, cy = _pair(place, spec["centre"])
    rx, ry = _pair(place, spec["radii"])
    t = np.linspace(0.0, 2.0 * np.pi, spec["points"], endpoint=False)
    return np.column_stack([sign * (cx + rx * np.cos(t)), cy + ry * np.sin(t)])


def _region_path(place: str, spec: Any, sign: float) -> Path:
    if not isinstance(spec, dict) or len(spec) - ("n" in spec) != 1:
        raise _fail(place, "a region is one of polygon, band or ellipse")
    if "polygon" in spec:
        return poly([resolve_point(place, p, sign) for p in spec["polygon"]])
    if "band" in spec:
        return poly(_band(place, spec, sign))
    if "ellipse" in spec:
        return poly(_ellipse(place, spec["ellipse"], sign))
    raise _fail(place, f"unknown region shape {sorted(spec)}")


@dataclass(frozen=True)
class ViewGeometry:
    """Everything one view draws, resolved to coordinates (drawing units)."""

    view: str
    title: str
    sign: float
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    silhouette: np.ndarray
    decoration: tuple[tuple[str, Any], ...]
    regions: Mapping[str, Path]
    nerves: Mapping[str, tuple[tuple[float, float], ...]]
    landmarks: tuple[tuple[str, tuple[float, float], tuple[float, float]], ...]
    muscle_label: tuple[str, tuple[float, float], tuple[float, float]] | None
    nerve_labels: Mapping[str, tuple[float, float, str, tuple[float, float] | None]]


def _silhouette(kind: str) -> np.ndarray:
    doc = geometry()["silhouettes"]
    leg, side = doc_rows("leg"), doc_rows("side")
    if kind == "front_back":
        right_lat = [(lat, y) for y, _med, lat in leg]
        right_med = [(med, y) for y, med, _lat in leg][::-1]
        trunk = [tuple(p) for p in doc["front_back"]["trunk_right"]]
        right = [*trunk, *right_lat, *right_med, tuple(doc["front_back"]["crotch"])]
        left = [(-x, y) for x, y in reversed(right[:-1])]
        return np.array(right + left)
    back = [(b, y) for y, b, _f in side]
    front = [(f, y) for y, _b, f in side][::-1]
    return np.array([*back, *(tuple(p) for p in doc["side"]["foot"]), *front])


def doc_rows(profile: str) -> list[list[float]]:
    """The rows of a profile as written in the file: [y, first x, second x]."""
    return geometry()["profiles"][profile]["rows"]


def _decoration(view: str, items: list, sign: float) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for i, item in enumerate(items):
        place = f"views.{view}.decoration[{i}]"
        if "both_sides" in item:
            for side in (1.0, -1.0):
                out += _decoration(view, item["both_sides"], side)
        elif "line" in item:
            out.append(("line", [resolve_point(place, p, sign) for p in item["line"]]))
        elif "circle" in item:
            centre = resolve_point(place, item["circle"]["centre"], sign)
            out.append(("circle", (centre, _number(place, item["circle"]["radius"]))))
        elif "muscle" in item:
            out.append(("muscle", poly([resolve_point(place, p, sign) for p in item["muscle"]])))
        else:
            raise _fail(place, f"unknown decoration {sorted(item)}")
    return out


def _root_courses() -> dict[str, list[tuple[float, float]]]:
    roots = geometry()["roots"]
    bend_x, bend_y = _pair("roots.bend", roots["bend"])
    plexus = resolve_point("roots", "plexus", 1.0)
    return {
        root: [(x, y), (x + bend_x, y + bend_y), plexus]
        for root, (x, y) in ((r, _pair(f"roots.starts.{r}", p)) for r, p in roots["starts"].items())
    }


@cache
def view_geometry(view: str) -> ViewGeometry:
    """The resolved geometry of one view (``"posterior"``, ``"anterior"``, ``"lateral"``)."""
    spec = geometry()["views"][view]
    sign = float(spec["sign"])
    nerves = _root_courses() if view == "posterior" else {}
    for nerve, points in spec["nerves"].items():
        place = f"views.{view}.nerves.{nerve}"
        nerves[nerve] = [resolve_point(place, p, sign) for p in points]
    marks = tuple(
        (m["label"], resolve_point(f"views.{view}.landmarks", m["xy"], sign), tuple(m["text_xy"]))
        for m in spec["landmarks"]
    )
    label = spec.get("muscle_label")
    return ViewGeometry(
        view=view,
        title=spec["title"],
        sign=sign,
        xlim=_pair(f"views.{view}.xlim", spec["xlim"]),
        ylim=_pair(f"views.{view}.ylim", spec["ylim"]),
        silhouette=_silhouette(spec["silhouette"]),
        decoration=tuple(_decoration(view, spec["decoration"], sign)),
        regions={
            r: _region_path(f"views.{view}.regions.{r}", s, sign)
            for r, s in spec["regions"].items()
        },
        nerves={n: tuple(p) for n, p in nerves.items()},
        landmarks=marks,
        muscle_label=(
            (label["text"], tuple(label["xy"]), tuple(label["text_xy"])) if label else None
        ),
        nerve_labels={
            n: _nerve_label(f"views.{view}.nerve_labels.{n}", v)
            for n, v in spec["nerve_labels"].items()
        },
    )


def _nerve_label(place: str, value: Any) -> tuple[float, float, str, tuple[float, float] | None]:
    """Parse a nerve label: ``[x, y, text]`` or ``[x, y, text, [x, y]]``.

    The pair is the label's centre; the optional second pair is the point on the nerve
    its leader line points at (drawn coordinates: no sign is applied).
    """
    if not isinstance(value, list) or len(value) not in (3, 4) or not isinstance(value[2], str):
        raise _fail(place, f"expected [x, y, text] or [x, y, text, [x, y]], got {value!r}")
    x, y = _pair(place, value[:2])
    target = _pair(place, value[3]) if len(value) == 4 else None
    return x, y, value[2], target


def check_geometry(doc: Any) -> None:
    """Check a parsed geometry document: citation, required keys, region ids, profiles.

    Points are checked as they are resolved (each message names its place).

    Raises
    ------
    DataTableError
        Naming the file and the place (``views.posterior.regions``...).
    """
    if not isinstance(doc, dict):
        raise _fail("(top)", "the file must hold one JSON object")
    if doc.get("source_id") != ASSUMPTION_SOURCE or doc.get("verification") != "A":
        raise _fail("source_id", f"drawing geometry cites {ASSUMPTION_SOURCE} with tag A")
    for key in ("profiles", "silhouettes", "named_points", "roots", "views"):
        if not isinstance(doc.get(key), dict):
            raise _fail(key, "required object is missing")
    valid = set(body_region_ids())
    for view, spec in doc["views"].items():
        place = f"views.{view}"
        missing = [k for k in _VIEW_KEYS if k not in spec]
        if missing:
            raise _fail(place, f"missing {', '.join(missing)}")
        unknown = [r for r in spec["regions"] if r not in valid]
        if unknown:
            raise _fail(place, f"unknown region id(s) {unknown}")
    _profiles(doc)


@cache
def geometry() -> Mapping[str, Any]:
    """The parsed and checked geometry file.

    Raises
    ------
    DataTableError
        If the file is not valid JSON or breaks a rule (the message names the place).
    """
    doc = read_json_document(FILE)
    check_geometry(doc)
    return doc


@cache
def _profile_table() -> Mapping[str, _Profile]:
    return _profiles(geometry())
