"""Fagan-style nomogram: pre-test probability, likelihood ratio, post-test probability.

Three parallel vertical scales are placed so that a straight line through a pre-test
probability and a likelihood ratio meets the post-test probability: the left scale is
at height -logit(pre), the middle at log(LR)/2 and the right at logit(post), so
logit(post) = logit(pre) + log(LR) holds for any straight line (the Fagan construction).
Values come from :func:`anatomy_helpers.diagnostics.post_test_probability`.
"""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from anatomy_helpers.diagnostics import (
    get_accuracy_row,
    likelihood_ratio,
    post_test_probability,
)
from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.style import GREYS, new_figure, role_style, styled

__all__ = [
    "FaganNomogram",
    "build_fagan_figure",
    "build_slr_fagan_example",
    "probability_pct_text",
    "result_label",
]

_PROB_TICKS = (
    0.001,
    0.002,
    0.005,
    0.01,
    0.02,
    0.05,
    0.1,
    0.2,
    0.3,
    0.5,
    0.7,
    0.8,
    0.9,
    0.95,
    0.99,
)
_LR_TICKS = (0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 500, 1000)
_P_MIN, _P_MAX = 0.001, 0.999
_LABEL_BOX = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"}
_LR_MIN, _LR_MAX = 0.001, 1000.0


def _logit(p: float) -> float:
    p = min(max(p, _P_MIN), _P_MAX)
    return math.log(p / (1 - p))


def _lr_y(lr: float) -> float:
    return math.log(min(max(lr, _LR_MIN), _LR_MAX)) / 2


def _pct(p: float) -> str:
    value = 100 * p
    return f"{value:.1f}" if value < 1 or value > 99 else f"{value:.0f}"


def probability_pct_text(probability: float) -> str:
    """A probability as a percentage with enough decimals to be neither 0 nor 100.

    One decimal when that suffices (``0.3``, ``50.9``), more near the ends (``0.01``,
    ``99.96``), so a small post-test probability never reads as 0 %.

    Parameters
    ----------
    probability : float
        From 0 to 1.

    Returns
    -------
    str
        The number, without the ``%`` sign.

    Examples
    --------
    >>> probability_pct_text(0.003), probability_pct_text(0.000102), probability_pct_text(0.509)
    ('0.3', '0.01', '50.9')
    """
    value = 100 * float(probability)
    for decimals in range(1, 5):
        text = f"{value:.{decimals}f}"
        if 0 < float(text) < 100:
            return text
    return f"{value:.4f}"


def result_label(text: str, post: float) -> str:
    """The end label of a line: its name and the post-test probability.

    Examples
    --------
    >>> result_label("LR- 0.10", 0.003)
    'LR- 0.10: 0.3 %'
    """
    return f"{text}: {probability_pct_text(post)} %"


def _draw_scales(ax: Axes, ymax: float) -> None:
    """The three scales (pre-test, likelihood ratio, post-test), their ticks and headings."""
    for x in (0, 1, 2):
        ax.plot([x, x], [-_logit(_P_MAX), _logit(_P_MAX)], color=GREYS["outline"], lw=1.2)
    for p in _PROB_TICKS:
        ax.plot([-0.05, 0], [-_logit(p)] * 2, color=GREYS["outline"], lw=1)
        ax.text(-0.08, -_logit(p), _pct(p), ha="right", va="center", fontsize=9)
        ax.plot([2, 2.05], [_logit(p)] * 2, color=GREYS["outline"], lw=1)
        ax.text(2.08, _logit(p), _pct(p), ha="left", va="center", fontsize=9)
    # Likelihood-ratio labels alternate sides, so neighbours are two steps apart, and
    # sit on opaque boxes above the result lines, which pass behind them.
    for i, lr in enumerate(_LR_TICKS):
        ax.plot([0.95, 1.05], [_lr_y(lr)] * 2, color=GREYS["outline"], lw=1)
        right = i % 2 == 0
        ax.text(
            1.08 if right else 0.92,
            _lr_y(lr),
            f"{lr:g}",
            ha="left" if right else "right",
            va="center",
            fontsize=9,
            zorder=6,
            bbox=_LABEL_BOX,
        )
    top = ymax + 0.3
    ax.text(0, top, "Pre-test\nprobability (%)", ha="center", va="bottom", fontsize=10)
    ax.text(1, top, "Likelihood\nratio", ha="center", va="bottom", fontsize=10)
    ax.text(2, top, "Post-test\nprobability (%)", ha="center", va="bottom", fontsize=10)


class FaganNomogram:
    """A Fagan nomogram with movable lines (one per result to show).

    Parameters
    ----------
    n_lines : int, default 1
        How many pre-test/LR lines can be shown at once (1 or 2).
    """

    @styled
    def __init__(self, n_lines: int = 1):
        if n_lines not in (1, 2):
            msg = f"n_lines must be 1 or 2, got {n_lines!r}"
            raise ValueError(msg)
        self.fig = new_figure(6.4, 5.2)
        ax = self.ax = self.fig.add_subplot()
        ax.set_axis_off()
        ymax = _logit(_P_MAX) + 0.3
        ax.set_xlim(-0.75, 3.9)
        ax.set_ylim(-ymax, ymax + 0.9)
        _draw_scales(ax, ymax)
        self.lines = []
        self.labels = []
        for role in ("positive", "negative")[:n_lines]:
            style = role_style(role)
            (line,) = ax.plot(
                [],
                [],
                color=style["color"],
                linestyle=style["linestyle"],
                marker=style["marker"],
                lw=2.2,
                ms=7,
                zorder=5,
            )
            label = ax.text(
                2.4,
                0,
                "",
                color=style["color"],
                fontsize=10,
                ha="left",
                va="center",
                fontweight="bold",
                zorder=6,
            )
            self.lines.append(line)
            self.labels.append(label)

    @property
    def dynamic_artists(self) -> tuple:
        """The movable lines and their labels."""
        return (*self.lines, *self.labels)

    def update(self, items: list[tuple[float, float, str]]) -> list[float]:
        """Draw one line per ``(pretest, lr, label)``; return the post-test probabilities.

        Lines beyond ``len(items)`` are hidden. Values outside the printed scales are drawn
        at the scale ends.
        """
        if len(items) > len(self.lines):
            msg = f"this nomogram shows at most {len(self.lines)} line(s), got {len(items)}"
            raise ValueError(msg)
        posts = []
        for i, line in enumerate(self.lines):
            label = self.labels[i]
            if i >= len(items):
                line.set_visible(False)
                label.set_visible(False)
                continue
            pre, lr, text = items[i]
            post = post_test_probability(pre, lr)
            posts.append(post)
            y_post = _logit(post)
            line.set_data([0, 1, 2], [-_logit(pre), _lr_y(lr), y_post])
            line.set_visible(True)
            label.set_position((2.4, y_post))
            label.set_text(result_label(text, post))
            label.set_visible(True)
        return posts


def build_fagan_figure(pretest: float, lr: float, label: str = "Result") -> Figure:
    """A nomogram with one line (static use and the naive benchmark)."""
    view = FaganNomogram(1)
    view.update([(pretest, lr, label)])
    return view.fig


@register_figure(
    "03_slump_test/fagan_slr_example",
    alt=(
        "Fagan nomogram with three vertical scales: pre-test probability on the left, "
        "likelihood ratio in the middle and post-test probability on the right. Two lines "
        "start at a pre-test probability of 30 percent: a solid line through the positive "
        "likelihood ratio of the crossed straight-leg raise (about 2.4) ends near 51 percent; "
        "a dashed line through the negative likelihood ratio of the straight-leg raise "
        "(about 0.35) ends near 13 percent."
    ),
    caption=(
        "From a 30 % pre-test probability: a positive crossed SLR and a negative SLR, with "
        "likelihood ratios calculated from Devillé et al. 2000."
    ),
    source_ids=("deville2000",),
)
@styled
def build_slr_fagan_example() -> Figure:
    """Worked example: positive crossed SLR and negative SLR from 30 % (exported)."""
    crossed = get_accuracy_row("deville2000_crossed_slr")
    slr = get_accuracy_row("deville2000_slr")
    view = FaganNomogram(2)
    view.update(
        [
            (
                0.3,
                likelihood_ratio(crossed.sensitivity, crossed.specificity, "positive"),
                "Crossed SLR +",
            ),
            (0.3, likelihood_ratio(slr.sensitivity, slr.specificity, "negative"), "SLR -"),
        ]
    )
    return view.fig
