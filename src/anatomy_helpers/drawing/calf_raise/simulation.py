"""SIMULATED per-participant changes and the simulated power of a paired t-test.

References
----------
kinoshita2023 (every number comes from :mod:`anatomy_helpers.calf_raise` or
:mod:`anatomy_helpers.muscle_length`; nothing is typed here).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from anatomy_helpers import calf_raise as cr
from anatomy_helpers.drawing.registry import register_figure
from anatomy_helpers.drawing.style import GREYS, OKABE_ITO, new_figure, role_style, styled

__all__ = [
    "PairedSimulationFigure",
    "build_simulation_figure",
]

# -- simulation ------------------------------------------------------------------------
_SIM_Y_LIM = (-35.0, 70.0)
_VALUE_BOX = {"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"}
_POWER_N = np.arange(4, 61)
#: Line style, marker and Okabe-Ito colour of each muscle's power curve.
_POWER_STYLES = {
    "lateral_gastrocnemius": ("-", "o", "reddish_purple"),
    "medial_gastrocnemius": ("--", "^", "blue"),
    "soleus": (":", "s", "bluish_green"),
    "triceps_surae": ("-.", "D", "orange"),
}


class PairedSimulationFigure:
    """SIMULATED paired data for one muscle and simulated power curves (moves in place).

    Parameters
    ----------
    muscle_id : str
        Muscle shown on the left.
    n_participants, between_person_sd_pct, leg_correlation, seed
        Passed to :func:`anatomy_helpers.calf_raise.simulate_paired_changes`.
    """

    @styled
    def __init__(
        self,
        muscle_id: str = "lateral_gastrocnemius",
        *,
        n_participants: int = 14,
        between_person_sd_pct: float = cr.DEFAULT_BETWEEN_PERSON_SD_PCT,
        leg_correlation: float = cr.DEFAULT_LEG_CORRELATION,
        seed: int = 2023,
    ):
        self.fig = new_figure(7.6, 4.0)
        self.fig.suptitle(
            "SIMULATION, not study data (means set to the published values)",
            fontsize=11.5,
            color=OKABE_ITO["vermillion"],
        )
        grid = self.fig.add_gridspec(1, 2, width_ratios=[1.0, 1.25], wspace=0.3)
        self._build_pairs_panel(self.fig.add_subplot(grid[0, 0]))
        self._build_power_panel(self.fig.add_subplot(grid[0, 1]))
        self.last_simulation: cr.PairedSimulation | None = None
        self.last_power: dict[str, cr.PowerEstimate] = {}
        self._power_key: tuple | None = None
        #: True after an update that changed a static artist (the title): a live renderer
        #: must redraw everything once (see :meth:`LiveFigure.invalidate`).
        self.static_changed = True
        self.update(
            muscle_id,
            n_participants=n_participants,
            between_person_sd_pct=between_person_sd_pct,
            leg_correlation=leg_correlation,
            seed=seed,
        )

    def _build_pairs_panel(self, ax: Axes) -> None:
        """Left panel: one line per simulated person, the means and the CI text."""
        self.ax_pairs = ax
        ax.set_xlim(-0.5, 1.5)
        ax.set_ylim(*_SIM_Y_LIM)
        ax.set_xticks([0, 1], ["Standing leg", "Seated leg"])
        ax.set_ylabel("Change in muscle volume (%)")
        ax.axhline(0, color=GREYS["outline"], lw=1)
        self.pairs_title = ax.set_title("", fontsize=10, fontweight="normal")
        self.pair_lines = LineCollection([], colors=GREYS["mid"], linewidths=1.2, alpha=0.8)
        ax.add_collection(self.pair_lines)
        st, se = role_style("standing"), role_style("seated")
        self.standing_pts = ax.scatter([], [], s=28, color=st["color"], marker="o", zorder=3)
        self.seated_pts = ax.scatter(
            [], [], s=28, facecolor="white", edgecolor=se["color"], marker="s", zorder=3
        )
        (self.mean_line,) = ax.plot([], [], color=GREYS["text"], lw=3, marker="D", ms=8, zorder=4)
        # Inside the panel (right-aligned, three lines) so it never covers the y-axis ticks;
        # on an opaque box in case a simulated person reaches that high.
        self.ci_text = ax.text(
            0.98,
            0.98,
            "",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=8.5,
            zorder=5,
            bbox=_VALUE_BOX,
        )

    def _build_power_panel(self, px: Axes) -> None:
        """Right panel: a power curve per muscle, the 80 % line and the current n."""
        self.ax_power = px
        px.set_xlim(_POWER_N[0], _POWER_N[-1])
        px.set_ylim(0, 1.02)
        px.set_xlabel("Participants (each trains both legs)")
        px.set_ylabel("Share of studies with p < 0.05")
        px.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{100 * v:.0f} %"))
        px.set_title("SIMULATED power, paired t-test", fontsize=10, fontweight="normal")
        px.axhline(0.8, color=GREYS["outline"], lw=1, ls=":")  # the usual 80 % target
        self.power_lines = {}
        for m in cr.MUSCLE_IDS:
            ls, marker, colour = _POWER_STYLES[m]
            (line,) = px.plot(
                [],
                [],
                ls=ls,
                marker=marker,
                markevery=8,
                ms=6,
                lw=2,
                color=OKABE_ITO[colour],
                label=cr.MUSCLE_NAMES[m],
            )
            self.power_lines[m] = line
        # Below the panel: inside it the legend would hide part of a curve.
        px.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.22),
            ncols=2,
            fontsize=8.5,
            frameon=False,
            handlelength=2.4,
        )
        self.n_line = px.axvline(14, color=GREYS["text"], lw=1.5)
        self.n_text = px.text(14, 0.03, "", fontsize=9, ha="left", zorder=5, bbox=_VALUE_BOX)

    @property
    def dynamic_artists(self) -> tuple:
        """Artists that move between updates."""
        return (
            self.pair_lines,
            self.standing_pts,
            self.seated_pts,
            self.mean_line,
            self.ci_text,
            *self.power_lines.values(),
            self.n_line,
            self.n_text,
        )

    def update(
        self,
        muscle_id: str,
        *,
        n_participants: int = 14,
        between_person_sd_pct: float = cr.DEFAULT_BETWEEN_PERSON_SD_PCT,
        leg_correlation: float = cr.DEFAULT_LEG_CORRELATION,
        seed: int = 2023,
    ) -> cr.PairedSimulation:
        """Redraw for new settings; return the simulated data set.

        Raises
        ------
        TypeError, ValueError
            For invalid settings (see :func:`~anatomy_helpers.calf_raise.simulate_paired_changes`).
        """
        sim = cr.simulate_paired_changes(
            muscle_id,
            n_participants=n_participants,
            between_person_sd_pct=between_person_sd_pct,
            leg_correlation=leg_correlation,
            seed=seed,
        )
        s, t = sim.standing_change_pct, sim.seated_change_pct
        seg = np.stack(
            [np.column_stack([np.zeros(sim.n), s]), np.column_stack([np.ones(sim.n), t])], axis=1
        )
        self.pair_lines.set_segments(seg)
        self.standing_pts.set_offsets(np.column_stack([np.zeros(sim.n), s]))
        self.seated_pts.set_offsets(np.column_stack([np.ones(sim.n), t]))
        self.mean_line.set_data([0, 1], [s.mean(), t.mean()])
        name = cr.MUSCLE_NAMES[muscle_id]
        title = f"SIMULATED participants: {name}"
        self.static_changed = title != self.pairs_title.get_text()
        self.pairs_title.set_text(title)
        mean, low, high, sig = sim.paired_t()
        verdict = "detected" if sig else "not detected"
        self.ci_text.set_text(f"mean {mean:+.1f}\n95 % CI {low:+.1f} to {high:+.1f}\n{verdict}")
        n_max = int(_POWER_N[-1])
        key = (between_person_sd_pct, leg_correlation, seed)
        if key != self._power_key:
            self.last_power = {
                m: cr.simulated_power(
                    m,
                    _POWER_N,
                    between_person_sd_pct=between_person_sd_pct,
                    leg_correlation=leg_correlation,
                    n_simulations=1000,
                    seed=seed,
                )
                for m in cr.MUSCLE_IDS
            }
            self._power_key = key
        for m, est in self.last_power.items():
            line = self.power_lines[m]
            line.set_data(est.n_values, est.power)
            line.set_linewidth(3.5 if m == muscle_id else 2.0)
        n_clip = min(max(sim.n, int(_POWER_N[0])), n_max)
        self.n_line.set_xdata([n_clip, n_clip])
        here = self.last_power[muscle_id]
        p_here = here.power_at(n_clip) if sim.n <= n_max else float("nan")
        # right of the line, or left of it near the right edge of the panel
        left = n_clip > 0.75 * n_max
        self.n_text.set_position((n_clip - 0.8 if left else n_clip + 0.8, 0.03))
        self.n_text.set_horizontalalignment("right" if left else "left")
        self.n_text.set_text(f"power {p_here:.0%}" if sim.n <= n_max else "")
        self.last_simulation = sim
        return sim


@register_figure(
    "05_calf_raise_study/simulation",
    alt=(
        "A simulation, not study data. Left: 14 simulated participants' changes in the lateral "
        "gastrocnemius, standing leg versus seated leg, joined by lines, with the means at the "
        "published values; most lines slope down from standing to seated. Right: simulated "
        "power of a paired t-test against the number of participants: the two gastrocnemius "
        "heads reach high power with about 10 people, the whole triceps surae needs more, and "
        "the soleus stays near 5 to 10 percent at every sample size shown."
    ),
    caption=(
        "SIMULATION (not study data): between-person SD 6 % and leg correlation 0.5 are "
        "teaching assumptions; the means are the published ones."
    ),
    source_ids=("kinoshita2023", "teaching_assumption"),
)
def build_simulation_figure(
    muscle_id: str = "lateral_gastrocnemius",
    *,
    n_participants: int = 14,
    between_person_sd_pct: float = cr.DEFAULT_BETWEEN_PERSON_SD_PCT,
    leg_correlation: float = cr.DEFAULT_LEG_CORRELATION,
    seed: int = 2023,
) -> Figure:
    """The simulation view built from scratch (export, static use, naive benchmark)."""
    return PairedSimulationFigure(
        muscle_id,
        n_participants=n_participants,
        between_person_sd_pct=between_person_sd_pct,
        leg_correlation=leg_correlation,
        seed=seed,
    ).fig
