"""Accessible controls: sliders paired with labelled number boxes, and preset buttons.

ipywidgets sliders have no accessible name, so every slider here is paired with a labelled
``BoundedFloatText`` that screen-reader and keyboard users can type into; the two are
linked in the kernel, so moving one moves the other (and tests can check it without a
browser). Bounds come from the caller, so a control can never hold an out-of-range value.
"""

from __future__ import annotations

import ipywidgets as widgets

__all__ = ["DESCRIPTION_STYLE", "LabelledSlider", "preset_buttons"]

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
        self.box = widgets.BoundedFloatText(
            value=value,
            min=min,
            max=max,
            step=step,
            description=text,
            style=DESCRIPTION_STYLE,
            tooltip=tooltip or text,
            layout=widgets.Layout(width="auto"),
        )
        self.slider = widgets.FloatSlider(
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
