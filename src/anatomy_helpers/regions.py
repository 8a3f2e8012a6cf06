"""Named body regions shared by the body map, the pattern queries and the symptom map.

The region ids (``posterior_thigh``, ``first_web_space``...) are the vocabulary for skin
territories, pain maps and findings everywhere in the package. Boundaries are drawing
conventions for teaching (a labelled assumption), not anatomical measurements.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from anatomy_helpers.tables import Verification, table_loader

__all__ = ["BodyRegion", "body_region_ids", "get_region", "load_body_regions"]


@dataclass(frozen=True)
class BodyRegion:
    """One named skin/pain region.

    Attributes
    ----------
    region_id : str
        Identifier used throughout the package.
    label : str
        Plain-language name for learners.
    view : {"posterior", "anterior", "lateral"}
        The body-map view that shows it best.
    description : str
        What the region covers.
    source_id : str
        ``teaching_assumption``: the boundaries are drawing conventions.
    verification : {"V", "S", "D", "A"}
        How the row was verified (``A`` = labelled assumption).
    """

    region_id: str
    label: str
    view: Literal["posterior", "anterior", "lateral"]
    description: str
    source_id: str
    verification: Verification


#: The shared regions (``data/body_regions.csv``), keyed by ``region_id``; every boundary is
#: a labelled teaching assumption (tag ``A``).
load_body_regions = table_loader("body_regions.csv", BodyRegion, key="region_id", tags="A")


def body_region_ids() -> tuple[str, ...]:
    """All region ids, in table order.

    Examples
    --------
    >>> "first_web_space" in body_region_ids()
    True
    """
    return tuple(r.region_id for r in load_body_regions())


def get_region(region_id: str) -> BodyRegion:
    """Return one region.

    Raises
    ------
    ValueError
        For an unknown id; the message lists the valid ids.
    """
    for region in load_body_regions():
        if region.region_id == region_id:
            return region
    msg = f"unknown body region {region_id!r}; valid regions: {', '.join(body_region_ids())}"
    raise ValueError(msg)
