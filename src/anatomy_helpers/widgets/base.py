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
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import ipywidgets as widgets

from anatomy_helpers.drawing.display import img_html
from anatomy_helpers.drawing.live import LiveFigure
from anatomy_helpers.widgets.controls import LabelledSlider, guard_channel

__all__ = ["InteractiveApp", "close_widget_tree", "status_html"]


def status_html(text_html: str) -> str:
    """Wrap readout HTML in a polite live region so screen readers announce changes."""
    return f'<div role="status" aria-live="polite">{text_html}</div>'


def _widgets_held_by(widget: widgets.Widget) -> list[widgets.Widget]:
    """Widgets in ``widget``'s synced traits: children, layout, style and the like."""
    held = []
    for name in widget.keys:
        value = getattr(widget, name, None)
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, widgets.Widget):
                held.append(item)
    return held


def close_widget_tree(root: widgets.Widget, *, extra: Iterable[widgets.Widget] = ()) -> int:
    """Close ``root`` and every widget it holds, recursively (children, layouts, styles).

    ``Widget.close()`` closes one widget only: its children, layout and style stay
    registered in the kernel, so re-running a cell that builds an app leaks them. This
    closes the whole tree.

    Parameters
    ----------
    root : ipywidgets.Widget
        The top widget.
    extra : iterable of Widget, optional
        Widgets the app owns outside its tree (closed with it).

    Returns
    -------
    int
        Number of widgets closed.
    """
    seen: set[int] = set()
    stack = [root, *extra]
    closed = 0
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        stack.extend(_widgets_held_by(widget))
        if widget.comm is not None:
            closed += 1
        widgets.Widget.close(widget)  # the base close: a subclass's close() calls this function
    return closed


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
        # Kept so close() reaches it even if a subclass re-arranges the children.
        self._base_widgets = [control_box, *(header or []), self.figure_view, self.readout]
        children = [*(header or []), control_box, self.figure_view, self.readout]
        super().__init__(children)
        self.refresh()

    def close(self) -> None:
        """Close the app: every widget in it (recursively) and its matplotlib figure.

        Re-running a notebook cell builds a new app; closing the old one releases its
        widgets in the kernel and the figure's memory.
        """
        if getattr(self, "_closed", False) or not hasattr(self, "live"):
            return
        self._closed = True
        close_widget_tree(self, extra=[*self._base_widgets, *self.extra_widgets()])
        self.last_png = b""
        self.live.invalidate()
        if not sys.is_finalizing():  # ipywidgets also calls close() from __del__
            # IPython's Out history may keep the app alive: free the figure's memory now.
            self.live.fig.clear()

    def extra_widgets(self) -> list[widgets.Widget]:
        """Widgets the app owns that are not shown in its tree (subclasses may add some)."""
        return []

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
