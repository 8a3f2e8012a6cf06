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

import html
import logging
import math
from collections.abc import Mapping, Sequence

import ipywidgets as widgets
import traitlets
from ipywidgets.widgets.widget import _put_buffers
from traitlets import TraitError, validate

__all__ = [
    "DESCRIPTION_STYLE",
    "REGION_GROUPS",
    "CheckGrid",
    "CheckedFloatSlider",
    "CheckedFloatText",
    "LabelledSlider",
    "guard_channel",
    "page_number",
    "preset_buttons",
    "snap_to_step",
]

_log = logging.getLogger(__name__)


def snap_to_step(value: float, low: float, high: float, step: float | None) -> float:
    """A finite number clamped to ``[low, high]`` and put on the step grid from ``low``.

    The grid value is rounded to the step's decimals (plus six), so float noise such as
    19.999999999999996 or 3.000000000000007 becomes 20.0 or 3.0 before any model, text or
    number box sees it.

    Parameters
    ----------
    value : float
        A finite number.
    low, high : float
        Bounds.
    step : float or None
        Grid spacing (None or 0: clamp only).

    Returns
    -------
    float
        The value kept.

    Examples
    --------
    >>> snap_to_step(19.999999999999996, 1, 30, 1), snap_to_step(0.35000000000000003, 0, 0.9, 0.05)
    (20.0, 0.35)
    """
    value = float(min(max(float(value), low), high))
    if step and step > 0:
        snapped = low + round((value - low) / step) * step
        decimals = max(0, -math.floor(math.log10(step))) + 6
        value = float(round(min(max(snapped, low), high), decimals))
    return value


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
    return snap_to_step(value, low, high, step)


class _CheckedNumber:
    """Mixin: values are clamped and snapped to the step, from the kernel or the page.

    From the page, :func:`page_number` also refuses what is not a finite number; in the
    kernel, the value trait's validator snaps whatever is set (a preset, a test, a linked
    control), so no computation, text or number box ever sees float noise.
    """

    @validate("value")
    def _validate_value(self, proposal):
        value = proposal["value"]
        if not math.isfinite(value):
            msg = f"value must be a finite number, got {value}"
            raise TraitError(msg)
        return snap_to_step(value, self.min, self.max, self.step)

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
        )
        self._link = widgets.link((self.slider, "value"), (self.box, "value"))
        guard_channel(self.box)
        guard_channel(self.slider)
        # Laid out by the style sheet (widgets.layout): label column, box, track.
        super().__init__([self.box, self.slider])
        self.add_class("ah-slider")
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
    row = widgets.HBox(buttons, layout=widgets.Layout(flex_flow="row wrap"))
    row.add_class("ah-presets")
    return row


#: Body-part groups of the shared region ids (pickers show one group at a time).
REGION_GROUPS = {
    "Back, buttock and saddle": ("lower_back", "buttock", "saddle"),
    "Thigh and knee": ("posterior_thigh", "lateral_thigh", "anterior_thigh", "popliteal_fossa"),
    "Lower leg": ("posterior_calf", "lateral_leg", "anterior_leg", "medial_leg"),
    "Foot": ("dorsum_foot", "first_web_space", "lateral_foot", "sole", "heel"),
}


class CheckGrid(widgets.Box):
    """A touch-friendly multiple choice: one check box per option, in a grid that wraps.

    Replaces a Ctrl-click ``SelectMultiple`` list: every option is a native check box
    (Tab, Space; a tap on its text ticks it), nothing scrolls inside the control, and
    ``value`` is the tuple of ticked option values in option order, like
    ``SelectMultiple.value``. With ``groups``, a drop-down shows one group of boxes at a
    time (short enough to stay on screen with a figure on a phone) and a line under the
    grid lists every ticked option, so nothing ticked is out of sight.

    Parameters
    ----------
    options : list of (label, value)
        The choices, in reading order (values are unique strings).
    value : tuple of str, optional
        Ticked at start.
    description : str, optional
        What the grid chooses (shown above it, bold; with groups, the drop-down's label).
    groups : mapping of str to sequence of str, optional
        Group title -> option values; every option in exactly one group.

    Attributes
    ----------
    boxes : dict of str to ipywidgets.Checkbox
        One check box per option value.
    value : tuple of str
        The ticked values (setting it ticks exactly those; an unknown value is refused
        with a ``TraitError`` naming the options).
    disabled : bool
        Disables every box.
    group : ipywidgets.Dropdown or None
        The group chooser (with ``groups``).
    """

    value = traitlets.Tuple()
    disabled = traitlets.Bool(False)

    def __init__(
        self,
        options: list[tuple[str, str]],
        *,
        value: tuple[str, ...] = (),
        description: str = "",
        groups: Mapping[str, Sequence[str]] | None = None,
    ):
        values = [v for _, v in options]
        if not options or len(set(values)) != len(values):
            msg = (
                "options must be a non-empty list of (label, value) with unique values, "
                f"got {options!r}"
            )
            raise ValueError(msg)
        self.options = list(options)
        self.labels = dict((v, label) for label, v in options)
        self.boxes = {
            v: widgets.Checkbox(value=False, description=label, indent=False)
            for label, v in options
        }
        self._syncing = False
        self._link: widgets.Widget | None = None
        self.group: widgets.Dropdown | None = None
        self.summary: widgets.HTML | None = None
        for box in self.boxes.values():
            box.observe(self._on_box, names="value")
        if groups:
            children = self._grouped(groups, description)
        else:
            children = []
            if description:
                children.append(widgets.HTML(f"<strong>{html.escape(description)}</strong>"))
            children.append(self._grid(list(self.boxes.values())))
        super().__init__(children)  # no tooltip: ipywidgets' BoxView fails on one
        self.add_class("ah-check-grid-box")
        self.layout.flex_flow = "column"
        self.description = description
        self.value = tuple(value)
        self._update_summary()

    @staticmethod
    def _grid(boxes: list[widgets.Widget]) -> widgets.Box:
        grid = widgets.Box(boxes)
        grid.add_class("ah-check-grid")
        return grid

    def _grouped(self, groups: Mapping[str, Sequence[str]], description: str) -> list:
        placed = [v for members in groups.values() for v in members]
        if sorted(placed) != sorted(self.boxes):
            msg = (
                "groups must place every option in exactly one group; options: "
                f"{', '.join(self.boxes)}; placed: {', '.join(placed)}"
            )
            raise ValueError(msg)
        titles = list(groups)
        self.group = widgets.Dropdown(
            options=[(t, i) for i, t in enumerate(titles)],
            value=0,
            description=description or "Show",
            style={"description_width": "initial"},
        )
        stack = widgets.Stack(
            [self._grid([self.boxes[v] for v in groups[t]]) for t in titles], selected_index=0
        )
        stack.add_class("ah-stack")
        self._link = widgets.jslink((self.group, "index"), (stack, "selected_index"))
        self.group.observe(
            lambda change: setattr(stack, "selected_index", change["new"]), names="index"
        )
        self.stack = stack
        self.summary = widgets.HTML()
        return [self.group, stack, self.summary]

    def extra_widgets(self) -> list[widgets.Widget]:
        """The browser-side link between the group drop-down and the groups (if any)."""
        return [self._link] if self._link is not None else []

    def close(self) -> None:
        """Close the grid, its boxes, its drop-down and its link (the whole tree)."""
        try:
            from anatomy_helpers.widgets.base import close_widget_tree  # base imports this
        except ImportError:  # the interpreter is shutting down (a __del__ at exit)
            return
        close_widget_tree(self)

    @traitlets.validate("value")
    def _validate_value(self, proposal):
        chosen = tuple(proposal["value"])
        unknown = [v for v in chosen if v not in self.boxes]
        if unknown:
            msg = f"unknown option(s) {unknown}; options: {', '.join(self.boxes)}"
            raise TraitError(msg)
        return tuple(v for v in self.boxes if v in chosen)  # option order, no repeats

    @traitlets.observe("value")
    def _on_value(self, change) -> None:
        self._syncing = True
        try:
            for v, box in self.boxes.items():
                box.value = v in change["new"]
        finally:
            self._syncing = False
        self._update_summary()

    def _update_summary(self) -> None:
        if getattr(self, "summary", None) is None:
            return
        ticked = ", ".join(self.labels[v] for v in self.value)
        self.summary.value = (
            f"<p><small><strong>Ticked:</strong> {html.escape(ticked)}</small></p>"
            if ticked
            else "<p><small>None ticked.</small></p>"
        )

    @traitlets.observe("disabled")
    def _on_disabled(self, change) -> None:
        for box in self.boxes.values():
            box.disabled = change["new"]
        if self.group is not None:
            self.group.disabled = change["new"]

    def _on_box(self, _change) -> None:
        if not self._syncing:
            self.value = tuple(v for v, box in self.boxes.items() if box.value)
