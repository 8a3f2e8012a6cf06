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
from anatomy_helpers.widgets.layout import (
    APP_CLASS,
    CONTROLS_CLASS,
    FIGURE_CLASS,
    ROOT_CLASS,
    StartHint,
    style_sheet,
    with_classes,
)

__all__ = ["InteractiveApp", "StaticStates", "close_widget_tree", "status_html"]


class StaticStates(LiveFigure):
    """A LiveFigure that keeps one cached background per state of its static artists.

    A figure whose static part has a few states (the tension lab's plinth or floor) would
    otherwise redraw everything, layout included, each time the state changes (about half a
    second). Here each state's background is drawn once (:meth:`prepare`) and then reused,
    so a change of state costs what a slider step costs. The figure's layout is computed at
    the first full draw and then kept (``layout="none"``): the states share one layout.

    Parameters
    ----------
    fig, dynamic, dpi
        As for :class:`~anatomy_helpers.drawing.live.LiveFigure`.
    state : hashable
        The static state the figure shows now.
    """

    def __init__(self, fig, *, dynamic=(), dpi: float = 100, state=None):
        self._backgrounds: dict = {}
        self.state = state
        super().__init__(fig, dynamic=dynamic, dpi=dpi)

    def invalidate(self) -> None:
        """Forget every cached background (something static changed in every state)."""
        super().invalidate()
        self._backgrounds.clear()

    def show_state(self, state) -> None:
        """The static artists now show ``state``: use its background (drawn if new)."""
        if state == self.state:
            return
        if self._background is not None:
            self._backgrounds[self.state] = self._background
        self.state = state
        self._background = self._backgrounds.get(state)

    def render_rgba(self):
        """Render (see LiveFigure); the first full draw fixes the layout for every state."""
        rgba = super().render_rgba()
        if self.fig.get_layout_engine() is not None and self.full_draws:
            self.fig.set_layout_engine("none")
        return rgba


def status_html(text_html: str) -> str:
    """Wrap readout HTML in a polite live region so screen readers announce changes."""
    return f'<div role="status" aria-live="polite">{text_html}</div>'


def _widgets_held_by(widget: widgets.Widget) -> list[widgets.Widget]:
    """Widgets ``widget`` holds: in its synced traits, and outside its tree.

    Synced traits are children, layout, style and the like; outside the tree are the
    widgets its ``extra_widgets()`` lists (e.g. a ``jslink``).
    """
    held = []
    for name in widget.keys:
        value = getattr(widget, name, None)
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, widgets.Widget):
                held.append(item)
    owned = getattr(widget, "extra_widgets", None)
    if callable(owned):
        held.extend(w for w in owned() if isinstance(w, widgets.Widget))
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


class InteractiveApp(StartHint, widgets.VBox):
    """An interactive figure with a text readout, re-rendered when any control changes.

    The layout (see :mod:`anatomy_helpers.widgets.layout`) is a row that wraps: the
    controls column (header widgets such as preset buttons, then the controls) beside the
    figure column (the figure, then the readout) when there is room, and above it when
    there is not, so what a control changes stays on screen with it; footer widgets (such
    as download buttons) go below both.

    Parameters
    ----------
    controls : mapping of str to widget
        Named controls (``LabelledSlider``, ``Dropdown``, ``Checkbox``...); their names are
        the keys of :meth:`state`.
    live : LiveFigure
        The figure renderer.
    header : list of widgets, optional
        Widgets placed above the controls, in the controls column (e.g. preset buttons).
    footer : list of widgets, optional
        Widgets placed below the controls and the figure (e.g. download buttons).
    panel : list of widgets, optional
        What the controls column shows under the header, when the controls sit inside
        other widgets (sections, grids); by default the controls themselves.
    caption : list of widgets, optional
        Widgets placed right under the figure, above the readout (e.g. a note on what
        the numbers are).
    figure_width_px : int, optional
        Display width of the figure (it never exceeds its column).

    Attributes
    ----------
    figure_view : ipywidgets.HTML
        The current figure as ``<img alt=...>``.
    readout : ipywidgets.HTML
        The current text readout (a live region).
    control_panel, figure_panel : ipywidgets.VBox
        The controls column and the figure column.
    last_png : bytes
        PNG of the last render.
    render_count : int
        Number of renders so far.
    """

    start_hint = "this interactive figure"

    def __init__(
        self,
        controls: Mapping[str, widgets.Widget],
        live: LiveFigure,
        *,
        header: list[widgets.Widget] | None = None,
        footer: list[widgets.Widget] | None = None,
        panel: list[widgets.Widget] | None = None,
        caption: list[widgets.Widget] | None = None,
        figure_width_px: int | None = None,
    ):
        self.controls = dict(controls)
        self.live = live
        self.figure_width_px = figure_width_px or round(live.fig.get_figwidth() * 96)
        self.figure_view = with_classes(
            widgets.HTML(layout=widgets.Layout(min_height="120px")), "anatomy-figure"
        )
        self.readout = widgets.HTML()
        self.last_png = b""
        self.last_alt = ""
        self.render_count = 0
        self._held = 0
        for control in self.controls.values():
            target = control.box if isinstance(control, LabelledSlider) else control
            target.observe(self._on_change, names="value")
            guard_channel(target)  # a bad value from the page is refused, not raised
        self.control_panel = with_classes(
            widgets.VBox([*(header or []), *(panel or self.controls.values())]), CONTROLS_CLASS
        )
        self.figure_panel = with_classes(
            widgets.VBox([self.figure_view, *(caption or []), self.readout]), FIGURE_CLASS
        )
        row = with_classes(widgets.HBox([self.control_panel, self.figure_panel]), "ah-row")
        # Kept so close() reaches them even if a subclass re-arranges the children.
        self._base_widgets = [row, self.control_panel, self.figure_panel]
        super().__init__([style_sheet(), row, *(footer or [])])
        with_classes(self, ROOT_CLASS, APP_CLASS)
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
        """Set several controls at once and render once (the page gets the figure first).

        Raises
        ------
        ValueError
            For an unknown control name (the message lists the controls).
        """
        unknown = set(values) - set(self.controls)
        if unknown:
            msg = f"unknown control(s) {sorted(unknown)}; controls: {', '.join(self.controls)}"
            raise ValueError(msg)
        with contextlib.ExitStack() as held_syncs:
            # The controls' new values reach the page after the new figure (one message
            # each, when these holds end), so the picture changes first.
            for name in values:
                control = self.controls[name]
                parts = (
                    (control.box, control.slider)
                    if isinstance(control, LabelledSlider)
                    else (control,)
                )
                for part in parts:
                    held_syncs.enter_context(part.hold_sync())
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
