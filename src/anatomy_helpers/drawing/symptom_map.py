"""The symptom map: the shared body map with pain and numbness regions shaded.

Uses :class:`anatomy_helpers.drawing.body_map.BodyMapFigure` (no second outline). Pain
regions are shaded in vermillion with ``///`` hatching, numbness or pins-and-needles
regions in orange with ``xx`` hatching, so the two never differ by colour alone; a region
with both shows the numbness hatching and is listed in the text readout.

References
----------
teaching_assumption (region boundaries are drawing conventions)
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from anatomy_helpers.drawing.body_map import BodyMapFigure
from anatomy_helpers.drawing.style import role_style, styled

__all__ = ["PAIN_ROLE", "PARAESTHESIA_ROLE", "SymptomMapFigure", "build_symptom_map_figure"]

#: Style roles for the two kinds of shading.
PAIN_ROLE = "positive"
PARAESTHESIA_ROLE = "highlight"


class SymptomMapFigure:
    """Posterior and anterior body maps whose regions are shaded by symptom.

    Parameters
    ----------
    pain_regions, paraesthesia_regions : iterable of str
        Shared region ids (:func:`anatomy_helpers.regions.body_region_ids`).
    title : str, optional
        Figure title.

    Attributes
    ----------
    body_map : BodyMapFigure
    fig : matplotlib.figure.Figure
    dynamic_artists : tuple
        The artists :meth:`update` changes.
    """

    @styled
    def __init__(
        self,
        pain_regions: Iterable[str] = (),
        paraesthesia_regions: Iterable[str] = (),
        *,
        title: str | None = "Symptom map (right leg)",
    ):
        self.body_map = BodyMapFigure(
            ("posterior", "anterior"), width_in=5.4, height_in=5.6, show_nerves=False
        )
        self.fig: Figure = self.body_map.fig
        if title:
            self.fig.suptitle("\n".join(textwrap.wrap(title, 46)), fontsize=12)
        pain, numb = role_style(PAIN_ROLE)["color"], role_style(PARAESTHESIA_ROLE)["color"]
        # A figure legend (not free text) so the layout engine keeps it clear of the legs.
        handles = [
            Patch(facecolor=pain, edgecolor="white", hatch="///", label="Pain"),
            Patch(
                facecolor=numb,
                edgecolor="white",
                hatch="xx",
                alpha=0.55,
                label="Numbness or pins and needles",
            ),
        ]
        self.fig.legend(
            handles=handles, loc="outside lower center", ncols=2, frameon=False, fontsize=10
        )
        self.update(pain_regions, paraesthesia_regions)

    @property
    def dynamic_artists(self) -> tuple:
        """Artists that change between updates (the region patches)."""
        return tuple(p for ps in self.body_map.region_patches.values() for p in ps)

    def update(self, pain_regions: Iterable[str], paraesthesia_regions: Iterable[str]) -> None:
        """Shade the given regions (replacing earlier shading).

        Raises
        ------
        ValueError
            For an unknown region id (the message lists the valid ids).
        """
        pain = tuple(pain_regions)
        numb = tuple(paraesthesia_regions)
        self.body_map.clear_shading()
        if pain:
            self.body_map.shade_regions(pain, role=PAIN_ROLE, clear=False)
        if numb:
            self.body_map.shade_regions(numb, role=PARAESTHESIA_ROLE, clear=False, alpha=0.55)


def build_symptom_map_figure(
    pain_regions: Iterable[str] = (), paraesthesia_regions: Iterable[str] = ()
) -> Figure:
    """The symptom map as a new Figure (static use and the naive benchmark)."""
    return SymptomMapFigure(pain_regions, paraesthesia_regions).fig
