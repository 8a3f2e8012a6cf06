"""Base class of the figure-driven interactives: controls -> model -> LiveFigure -> view.

A subclass supplies the controls, a :class:`~anatomy_helpers.drawing.live.LiveFigure` and
an ``update(state)`` method that moves artists and returns the alt text and the text
readout. The base class wires every control, renders on change, and keeps the last PNG,
so tests and the benchmark can drive an app by setting ``app.controls[name].value``.

``InteractiveApp.__init__`` renders once, so a subclass creates everything its ``update``
needs (drawing objects, data) *before* calling ``super().__init__``.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Iterator, Mapping
from typing import Any

import ipywidgets as widgets

from anatomy_helpers.drawing.display import img_html
from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.widgets.controls import LabelledSlider, guard_channel

__all__ = ["InteractiveApp", "status_html"]


def status_html(text_html: str) -> str:
    """Wrap readout HTML in a polite live region so screen readers announce changes."""
    return f'<div role="status" aria-live="polite">{text_html}</div>'


class InteractiveApp(widgets.VBox):
    """An interactive figure with a text readout, re-rendered when any control changes.

    Parameters
    ----------
    controls : mapping of str to widget
        Named controls (``LabelledSlider``, ``Dropdown``, ``Checkbox``...); their names are
        the keys of :meth:`state`.
    live : LiveFigure
        The figure renderer.
    header : list of widgets, optional
        Widgets placed above the controls (e.g. preset buttons).
    figure_width_px : int, optional
        Display width of the figure.

    Attributes
    ----------
    figure_view : ipywidgets.HTML
        The current figure as ``<img alt=...>``.
    readout : ipywidgets.HTML
        The current text readout (a live region).
    last_png : bytes
        PNG of the last render.
    render_count : int
        Number of renders so far.
    """

    def __init__(
        self,
        controls: Mapping[str, widgets.Widget],
        live: LiveFigure,
        *,
        header: list[widgets.Widget] | None = None,
        figure_width_px: int | None = None,
    ):
        self.controls = dict(controls)
        self.live = live
        self.figure_width_px = figure_width_px or round(live.fig.get_figwidth() * 96)
        self.figure_view = widgets.HTML(layout=widgets.Layout(min_height="120px"))
        self.readout = widgets.HTML()
        self.last_png = b""
        self.last_alt = ""
        self.render_count = 0
        self._held = 0
        for control in self.controls.values():
            target = control.box if isinstance(control, LabelledSlider) else control
            target.observe(self._on_change, names="value")
            guard_channel(target)  # a bad value from the page is refused, not raised
        control_box = widgets.VBox(list(self.controls.values()))
        children = [*(header or []), control_box, self.figure_view, self.readout]
        super().__init__(children)
        self.refresh()

    # -- state ---------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """Current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def set_state(self, values: Mapping[str, Any]) -> None:
        """Set several controls at once and render once.

        Raises
        ------
        ValueError
            For an unknown control name (the message lists the controls).
        """
        unknown = set(values) - set(self.controls)
        if unknown:
            msg = f"unknown control(s) {sorted(unknown)}; controls: {', '.join(self.controls)}"
            raise ValueError(msg)
        with self.hold_render():
            for name, value in values.items():
                self.controls[name].value = value

    @contextlib.contextmanager
    def hold_render(self) -> Iterator[None]:
        """Suppress renders inside the block; render once at the end."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
        if self._held == 0:
            self.refresh()

    # -- rendering -----------------------------------------------------------------------
    def update(self, state: Mapping[str, Any]) -> tuple[str, str]:
        """Move the artists for ``state``; return (alt text, readout HTML). Subclasses implement."""
        raise NotImplementedError

    def _on_change(self, _change: Any) -> None:
        if self._held == 0:
            self.refresh()

    def refresh(self) -> None:
        """Recompute, re-render and show the figure and the readout."""
        try:
            alt, readout_html = self.update(self.state())
            png = self.live.render_png()
        except Exception as exc:
            self.readout.value = status_html(
                f"<p><strong>This view could not be updated:</strong> {html.escape(str(exc))}</p>"
            )
            raise
        self.last_png = png
        self.last_alt = alt
        self.render_count += 1
        self.figure_view.value = img_html(png, alt, width_px=self.figure_width_px)
        self.readout.value = status_html(readout_html)
