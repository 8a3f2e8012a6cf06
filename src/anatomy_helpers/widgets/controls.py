"""Accessible controls: sliders paired with labelled number boxes, and preset buttons.

ipywidgets sliders have no accessible name, so every slider here is paired with a labelled
``BoundedFloatText`` that screen-reader and keyboard users can type into; the two are
linked in the kernel, so moving one moves the other (and tests can check it without a
browser). Bounds come from the caller, so a control can never hold an out-of-range value.

A browser can send any value over the widget channel (a page's script, or a hand-made
message), not only what the controls let a person enter. Values arriving from the page are
therefore checked before they reach a model: the number boxes and sliders refuse anything
that is not a finite number, clamp to their bounds and snap to their step, and send the
value they kept back to the page; :func:`guard_channel` makes any other control refuse a
value it cannot take (an unknown option, a wrong type) the same way. Importing this module
guards every widget built afterwards in the kernel (through ipywidgets' construction
callback), so quiz answers, steppers and download buttons are covered too. Nothing raises,
so no traceback is logged or sent to the page.
"""

from __future__ import annotations

import logging
import math

import ipywidgets as widgets
from ipywidgets.widgets.widget import _put_buffers
from traitlets import TraitError

__all__ = [
    "DESCRIPTION_STYLE",
    "CheckedFloatSlider",
    "CheckedFloatText",
    "LabelledSlider",
    "guard_channel",
    "page_number",
    "preset_buttons",
]

_log = logging.getLogger(__name__)


def page_number(value: object, low: float, high: float, step: float | None) -> float | None:
    """A number sent by the page, made safe: finite, within bounds, on the step grid.

    Parameters
    ----------
    value : object
        What arrived (any JSON value).
    low, high : float
        The control's bounds.
    step : float or None
        The control's step (None or 0: no snapping).

    Returns
    -------
    float or None
        The value to keep, or None to refuse it (not a finite number).

    Examples
    --------
    >>> page_number(12.3, 0, 90, 5), page_number(1e9, 0, 90, 1), page_number(float("nan"), 0, 1, 1)
    (10.0, 90.0, None)
    >>> page_number("7", 0, 10, 1) is None, page_number(True, 0, 10, 1) is None
    (True, True)
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    value = float(value)
    if not math.isfinite(value):
        return None
    value = float(min(max(value, low), high))
    if step and step > 0:
        snapped = low + round((value - low) / step) * step
        decimals = max(0, -math.floor(math.log10(step))) + 6
        value = float(round(min(max(snapped, low), high), decimals))
    return value


class _CheckedNumber:
    """Mixin: values from the page are checked by :func:`page_number` before use."""

    def set_state(self, sync_data):
        if "value" in sync_data:
            kept = page_number(sync_data["value"], self.min, self.max, self.step)
            sync_data = dict(sync_data)
            if kept is None:
                del sync_data["value"]
            else:
                sync_data["value"] = kept
            try:
                super().set_state(sync_data)
            finally:
                self.send_state("value")  # the page shows the value the kernel kept
            return
        super().set_state(sync_data)


class CheckedFloatText(_CheckedNumber, widgets.BoundedFloatText):
    """A bounded number box that refuses non-finite values from the page and snaps to step."""


class CheckedFloatSlider(_CheckedNumber, widgets.FloatSlider):
    """A float slider that refuses non-finite values from the page and snaps to step."""


def guard_channel(widget: widgets.Widget) -> widgets.Widget:
    """Make a control refuse a value from the page it cannot take, without raising.

    An unknown option index, a wrong type or a value a model rejects would otherwise raise
    inside the kernel's message handler, which logs a traceback and sends it to the page
    as error output. Here the error is caught, logged at debug level only, and the
    control's current state is sent back so the page shows a valid value again.

    Works before or after the widget's channel opens: the guarded handler replaces the
    widget's own ``_handle_msg``, which ipywidgets hands to the channel when it opens.

    Parameters
    ----------
    widget : ipywidgets.Widget
        A control.

    Returns
    -------
    ipywidgets.Widget
        The same control.
    """
    if getattr(widget, "_anatomy_guarded", False):
        return widget
    handle = widget._handle_msg

    def guarded(msg):
        data = msg.get("content", {}).get("data", {})
        if data.get("method") != "update" or "state" not in data:
            return handle(msg)
        # ipywidgets' own handler shows any error as a traceback in the page
        # (``_show_traceback``); an update is applied here instead, and refused quietly.
        state = data["state"]
        try:
            if "buffer_paths" in data:
                _put_buffers(state, data["buffer_paths"], msg.get("buffers") or [])
            widget.set_state(state)
        except (TraitError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            _log.debug("refused a value from the page for %s: %s", type(widget).__name__, exc)
            if getattr(widget, "comm", None) is not None:
                widget.send_state()
        return None

    widget._handle_msg = guarded
    widget._anatomy_guarded = True
    comm = getattr(widget, "comm", None)
    if comm is not None:
        comm.on_msg(guarded)
    return widget


def _guard_every_new_widget() -> None:
    """Guard every widget built from now on in this kernel (the collection's controls).

    ipywidgets calls one construction callback for each new widget, before its channel
    opens; an earlier callback, if any, still runs.
    """
    previous = widgets.Widget._widget_construction_callback
    if getattr(previous, "_anatomy_guard", False):
        return

    def on_constructed(widget):
        guard_channel(widget)
        if callable(previous):
            previous(widget)

    on_constructed._anatomy_guard = True
    widgets.Widget.on_widget_constructed(on_constructed)


_guard_every_new_widget()

#: Full-width descriptions (ipywidgets otherwise truncates long labels).
DESCRIPTION_STYLE = {"description_width": "initial"}


class LabelledSlider(widgets.HBox):
    """A number box with a visible label, linked to a slider.

    Parameters
    ----------
    label : str
        What the control sets, in plain words (``"Knee flexion"``).
    unit : str
        Unit shown after the label (``"°"``, ``"%"``, ``"mm"``); may be empty.
    value, min, max, step : float
        Initial value, bounds and step.
    tooltip : str, optional
        Longer explanation shown on hover.

    Attributes
    ----------
    slider : ipywidgets.FloatSlider
        The slider (``continuous_update`` on; its own label hidden).
    box : ipywidgets.BoundedFloatText
        The labelled number box (accessible name = ``label (unit)``).
    """

    def __init__(
        self,
        label: str,
        unit: str,
        *,
        value: float,
        min: float,
        max: float,
        step: float = 1.0,
        tooltip: str = "",
    ):
        if not min <= value <= max:
            msg = f"{label}: value {value} is outside its range {min} to {max}"
            raise ValueError(msg)
        text = f"{label} ({unit})" if unit else label
        decimals = 0 if float(step).is_integer() else len(str(step).split(".")[1])
        self.box = CheckedFloatText(
            value=value,
            min=min,
            max=max,
            step=step,
            description=text,
            style=DESCRIPTION_STYLE,
            tooltip=tooltip or text,
            layout=widgets.Layout(width="auto"),
        )
        self.slider = CheckedFloatSlider(
            value=value,
            min=min,
            max=max,
            step=step,
            readout=False,
            continuous_update=True,
            tooltip=tooltip or text,
            readout_format=f".{decimals}f",
            layout=widgets.Layout(width="14em"),
        )
        self._link = widgets.link((self.slider, "value"), (self.box, "value"))
        guard_channel(self.box)
        guard_channel(self.slider)
        super().__init__([self.box, self.slider], layout=widgets.Layout(align_items="center"))
        self.label = label
        self.unit = unit

    @property
    def value(self) -> float:
        """Current value."""
        return self.box.value

    @value.setter
    def value(self, new: float) -> None:
        self.box.value = new

    def observe_value(self, handler) -> None:
        """Call ``handler(change)`` when the value changes (from either control)."""
        self.box.observe(handler, names="value")


def preset_buttons(
    names: list[str], on_click, *, tooltip_prefix: str = "Set the controls to"
) -> widgets.HBox:
    """A row of buttons, one per preset name; ``on_click(name)`` is called when pressed.

    Parameters
    ----------
    names : list of str
        Button labels (also their accessible names).
    on_click : callable
        Receives the preset name.
    tooltip_prefix : str
        Start of each button's tooltip.

    Returns
    -------
    ipywidgets.HBox
        The buttons, wrapped onto several lines when narrow.
    """
    buttons = []
    for name in names:
        button = widgets.Button(
            description=name,
            tooltip=f"{tooltip_prefix}: {name}",
            layout=widgets.Layout(width="auto"),
        )
        button.on_click(lambda _b, n=name: on_click(n))
        buttons.append(button)
    return widgets.HBox(buttons, layout=widgets.Layout(flex_flow="row wrap"))
