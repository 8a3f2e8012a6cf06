"""Drawing layer: matplotlib Figures built without pyplot state.

Every builder returns a :class:`matplotlib.figure.Figure` (or draws onto a given Axes);
nothing here touches ``matplotlib.pyplot`` or ipywidgets. Display figures in notebooks with
:func:`anatomy_helpers.drawing.display.show_figure`, which adds alt text.
"""
