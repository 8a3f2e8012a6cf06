"""The legibility checker on tiny synthetic figures: each check fires, and only when it should.

The gate over every real figure and widget state is ``tests/test_legibility.py``; these
tests prove the checker it relies on can fail.
"""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle

from anatomy_helpers.drawing.legibility import (
    LegibilityProblem,
    check_figure,
    drawn_texts,
    format_problems,
)
from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.drawing.style import new_figure


def _axes(width_in: float = 4.0, height_in: float = 3.0):
    fig = new_figure(width_in, height_in)
    ax = fig.add_subplot()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    return fig, ax


def _kinds(fig, **kwargs) -> list[str]:
    return sorted(p.kind for p in check_figure(fig, **kwargs))


# -- text over text ------------------------------------------------------------------------
def test_overlapping_texts_are_reported_once_per_pair():
    fig, ax = _axes()
    ax.text(5, 5, "first label", ha="center")
    ax.text(5.3, 5.1, "second label", ha="center")
    problems = check_figure(fig)
    assert [p.kind for p in problems] == ["overlap"]
    assert problems[0].text == "first label"
    assert "second label" in problems[0].other


def test_separate_texts_and_touching_boxes_pass():
    fig, ax = _axes()
    ax.text(1, 8, "top left")
    ax.text(6, 1, "bottom right")
    assert check_figure(fig) == []


def test_texts_of_several_lines_are_judged_too():
    # matplotlib passes no artist to draw_text for a text of several lines
    fig, ax = _axes()
    ax.text(5, 5, "two\nlines", ha="center", va="center")
    ax.plot([0, 10], [5, 5])
    assert "two lines" in [t.label for t in drawn_texts(fig)]
    assert _kinds(fig) == ["struck"]
    assert _kinds(fig, rasterize=True) == ["struck"]


def test_tick_labels_count_as_text():
    fig, ax = _axes()
    ax.set_yticks([0, 0.1, 0.2])  # three labels squeezed into a few pixels
    ax.set_ylim(0, 10)
    assert "overlap" in _kinds(fig)


def test_hidden_and_empty_texts_are_not_judged():
    fig, ax = _axes()
    ax.text(5, 5, "shown", ha="center")
    ax.text(5, 5, "hidden", ha="center", visible=False)
    ax.text(5, 5, "", ha="center")
    ax.text(5, 5, "   ", ha="center")
    assert check_figure(fig) == []
    labels = [t.label for t in drawn_texts(fig)]
    assert "shown" in labels and "hidden" not in labels and "" not in labels


def test_an_annotation_is_judged_by_its_text_not_its_arrow():
    fig, ax = _axes()
    ax.text(5, 5, "target", ha="center", va="center")
    # the leader runs from far away right up to the other text: only the text box counts
    ax.annotate("note", (5, 5.6), xytext=(1, 9), arrowprops={"arrowstyle": "-"})
    assert check_figure(fig) == []
    ax.annotate("clash", (1, 1), xytext=(5, 5), ha="center", va="center")
    assert "overlap" in _kinds(fig)


def test_a_text_background_box_counts_as_part_of_the_text():
    fig, ax = _axes()
    ax.text(5, 5, "boxed", ha="center", va="center", bbox={"boxstyle": "square,pad=2"})
    ax.text(5, 6.2, "near", ha="center", va="center")
    assert "overlap" in _kinds(fig)


# -- lines, bars, hatching through text ------------------------------------------------------
def test_a_line_through_a_label_strikes_it():
    fig, ax = _axes()
    ax.plot([0, 10], [5, 5], label="data")
    ax.text(5, 5, "struck", ha="center", va="center")
    problems = check_figure(fig)
    assert [(p.kind, p.text) for p in problems] == [("struck", "struck")]
    assert "'data'" in problems[0].other


def test_a_line_beside_a_label_does_not_strike_it():
    fig, ax = _axes()
    ax.plot([0, 10], [2, 2])
    ax.text(5, 5, "clear", ha="center", va="center")
    assert check_figure(fig) == []


def test_a_thick_line_counts_with_its_width():
    fig, ax = _axes()
    ax.text(5, 5, "thick", ha="center", va="bottom")
    ax.plot([0, 10], [4.75, 4.75], lw=1)
    assert check_figure(fig) == []
    ax.plot([0, 10], [4.75, 4.75], lw=30)
    assert _kinds(fig) == ["struck"]


def test_an_opaque_background_above_the_line_exempts_the_label():
    fig, ax = _axes()
    ax.plot([0, 10], [5, 5], zorder=2)
    ax.text(5, 5, "on white", ha="center", va="center", zorder=3, bbox={"fc": "white"})
    assert check_figure(fig) == []


@pytest.mark.parametrize(
    "text_kwargs",
    [
        {"zorder": 3, "bbox": {"fc": "white", "alpha": 0.8}},  # see-through background
        {"zorder": 3, "bbox": {"fc": (1, 1, 1, 0.5)}},  # see-through face colour
        {"zorder": 1, "bbox": {"fc": "white"}},  # the line is drawn on top of the box
        {"zorder": 3, "bbox": {"fc": "white", "fill": False}},
    ],
)
def test_a_background_that_does_not_hide_the_line_does_not_exempt(text_kwargs):
    fig, ax = _axes()
    ax.plot([0, 10], [5, 5], zorder=2)
    ax.text(5, 5, "behind glass", ha="center", va="center", **text_kwargs)
    assert _kinds(fig) == ["struck"]


def test_markers_under_a_label_strike_it():
    fig, ax = _axes()
    ax.plot([5], [5], linestyle="none", marker="o", markersize=12)
    ax.text(5, 5, "dot", ha="center", va="center")
    assert _kinds(fig) == ["struck"]


def test_a_line_outside_its_clip_box_does_not_strike():
    fig, ax = _axes()
    ax.plot([0, 30], [12, 12])  # above the axes: clipped away
    ax.text(5, 10.4, "above the axes", ha="center", va="bottom")
    assert check_figure(fig) == []


def test_legend_text_struck_by_a_data_line_unless_the_frame_is_opaque():
    fig, ax = _axes()
    ax.plot([0, 10], [9.3, 9.3], label="a long legend label")
    ax.legend(loc="upper left", frameon=False)
    assert _kinds(fig) == ["struck"]
    ax.legend(loc="upper left", frameon=True, framealpha=1.0)
    assert check_figure(fig) == []


def test_line_collections_strike_labels():
    fig, ax = _axes()
    ax.add_collection(LineCollection([[(0, 5), (10, 5)]], linewidths=2))
    ax.text(5, 5, "struck", ha="center", va="center")
    assert _kinds(fig) == ["struck"]


def test_patch_outlines_and_hatching_strike_labels():
    fig, ax = _axes()
    ax.add_patch(Rectangle((2, 2), 6, 6, fill=False, edgecolor="black"))
    ax.text(2, 5, "on the edge", ha="center", va="center")
    assert _kinds(fig) == ["struck"]
    fig, ax = _axes()
    ax.add_patch(Rectangle((2, 2), 6, 6, facecolor="none", edgecolor="none", hatch="//"))
    ax.text(5, 5, "in the hatching", ha="center", va="center")
    assert _kinds(fig) == ["struck"]


def test_a_bar_covering_part_of_a_label_is_reported_but_a_label_inside_is_not():
    fig, ax = _axes()
    ax.bar([5], [6], width=2, label="bars")
    ax.text(5, 6, "half covered", ha="center", va="center")
    problems = check_figure(fig)
    assert [p.kind for p in problems] == ["struck"] and "bar" in problems[0].other
    fig, ax = _axes()
    ax.bar([5], [8], width=8)
    ax.text(5, 4, "in the bar", ha="center", va="center", color="white")
    assert check_figure(fig) == []


# -- clipping --------------------------------------------------------------------------------
def test_text_running_off_the_canvas_is_clipped():
    fig, _ax = _axes()
    fig.text(0.8, 0.5, "this label runs off the right edge")  # figure text: no layout
    assert _kinds(fig) == ["clipped"]


def test_text_clipped_by_its_axes_is_reported():
    fig, ax = _axes()
    ax.text(9.5, 5, "cut by the axes", clip_on=True)
    problems = check_figure(fig)
    assert "its axes (clip box)" in {p.other for p in problems}


def test_a_background_box_off_the_canvas_is_clipped_too():
    fig, ax = _axes()
    ax.set_axis_off()
    fig.text(0.0, 0.5, "edge", ha="left", bbox={"boxstyle": "square,pad=1"})
    assert _kinds(fig) == ["clipped"]


# -- widgets: animated artists and frozen layout ---------------------------------------------
def test_animated_artists_are_judged_only_when_passed():
    fig, ax = _axes()
    ax.plot([0, 10], [5, 5])
    moving = ax.text(5, 5, "moving", ha="center", va="center")
    live = LiveFigure(fig, dynamic=[moving])
    live.render_png()
    assert check_figure(fig, layout=False) == []  # a plain draw skips animated artists
    assert _kinds(fig, extra_artists=live.dynamic, layout=False) == ["struck"]


def test_painting_pixels_finds_the_same_problems():
    fig, ax = _axes()
    ax.plot([0, 10], [5, 5])
    ax.text(5, 5, "struck", ha="center", va="center")
    ax.text(5, 8, "one")
    ax.text(5.2, 8, "two")
    assert check_figure(fig) == check_figure(fig, rasterize=True)


def test_layout_false_keeps_the_axes_where_they_were_drawn():
    fig, ax = _axes()
    fig.canvas.draw()
    before = ax.get_position().bounds
    ax.set_ylabel("a label\nthat needs\nmore room", fontsize=20)
    check_figure(fig, layout=False)
    assert ax.get_position().bounds == before
    check_figure(fig)
    assert ax.get_position().bounds != before


def test_the_renderer_is_left_as_it_was():
    fig, ax = _axes()
    ax.plot([0, 10], [0, 10])
    check_figure(fig)
    fig.canvas.draw()  # a real draw afterwards still paints
    pixels = np.asarray(fig.canvas.buffer_rgba())
    assert (pixels[..., :3] < 250).any()


# -- reporting and bad input -----------------------------------------------------------------
def test_problems_read_as_sentences():
    problem = LegibilityProblem("struck", "Sciatic", "line 'nerve'", (1.0, 2.0, 30.0, 12.0))
    text = format_problems([problem], where="body map")
    assert text == "body map: 'Sciatic' is struck by line 'nerve' (text box x 1-30, y 2-12 px)"


def test_check_figure_rejects_what_is_not_a_figure():
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        check_figure("figure.png")
