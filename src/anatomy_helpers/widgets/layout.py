"""The collection's widget look: one style sheet, the two-column app, start-up placeholders.

ipywidgets draws every control in a fixed-height row (28 px) with labels that never wrap:
long labels are cut off with an ellipsis, wrapped radio options paint over the next option,
and a figure placed under a column of controls leaves the screen when a control changes.
The style sheet here fixes that for every widget of the collection, and only for them (each
rule is scoped to the ``ah-ui`` class that the collection's top-level widgets carry):

* an app is a row that wraps: the controls column (with the preset buttons) beside the
  figure column when there is room, and above it when there is not; the figure scales to
  its column;
* a slider row is *label, number box, track*; the label column has one width, so every
  track starts at the same x, and on a narrow column the label takes its own line above
  the box and the track (container query), so a label is never cut;
* labels, options, check boxes and buttons wrap instead of being cut, and every row is at
  least 32 px high (touch);
* quiz options wrap with the radio button or check box beside its own first line.

The style sheet travels inside each widget (an HTML widget holding a ``<style>`` element),
so it works the same in JupyterLab, in Voila and in the static edition, with no extension.

Before the kernel has run a cell, JupyterLab shows a widget output's ``text/plain``
fallback; :class:`StartHint` makes that one plain sentence saying how to start the
interactive instead of a Python repr.
"""

from __future__ import annotations

import ipywidgets as widgets

__all__ = [
    "APP_CLASS",
    "CONTROLS_CLASS",
    "FIGURE_CLASS",
    "ROOT_CLASS",
    "STYLE_SHEET",
    "StartHint",
    "check_grid",
    "start_hint_text",
    "style_sheet",
    "with_classes",
]

#: Class of every top-level widget of the collection (scopes the style sheet).
ROOT_CLASS = "ah-ui"
#: Class of a figure app (controls beside or above its figure).
APP_CLASS = "ah-app"
#: Class of the controls column of an app.
CONTROLS_CLASS = "ah-controls"
#: Class of the figure column (the figure's HTML widget also carries ``anatomy-figure``).
FIGURE_CLASS = "ah-figure"

#: The style sheet (CSS). Widths in em follow the text size; px only for touch targets.
STYLE_SHEET = """
.ah-ui { --ah-label-w: 12.5em; --ah-touch: 32px; max-width: 100%; }
.ah-ui .widget-html-content { line-height: 1.45; white-space: normal; }
.ah-ui .widget-html-content p, .ah-ui .widget-html-content ul { margin: 0.3em 0; }

/* An app: the controls column beside the figure column, or above it when narrow. */
.ah-ui .ah-row { flex-flow: row wrap; align-items: flex-start; gap: 4px 20px;
  overflow: visible; width: 100%; }
.ah-ui .ah-controls { flex: 1 1 400px; max-width: 540px; min-width: 0; overflow: visible;
  container: ah-controls / inline-size; }
.ah-ui .ah-figure { flex: 100 1 400px; min-width: 0; max-width: 100%; overflow: visible; }
.ah-ui .ah-figure img, .ah-ui .anatomy-figure img { display: block; max-width: 100%;
  height: auto; }
.ah-ui .ah-figure .widget-html-content { line-height: 1.45; }
.ah-ui .ah-controls > .widget-box, .ah-ui .ah-controls .widget-vbox,
.ah-ui .ah-controls .widget-hbox { overflow: visible; }

/* Other labelled controls in an app: the same label column; the control wraps below the
   label when the row is too narrow for both. Outside an app (ah-wrap-label), the label
   takes the width it needs. */
.ah-ui .ah-controls .widget-dropdown, .ah-ui .ah-controls .widget-toggle-buttons,
.ah-ui .ah-controls .widget-text, .ah-ui .ah-controls .widget-textarea,
.ah-ui .ah-wrap-label { flex-wrap: wrap; width: 100%; max-width: 100%; height: auto;
  min-height: var(--ah-touch); align-items: center; row-gap: 2px; }
.ah-ui .ah-controls .widget-dropdown > .widget-label,
.ah-ui .ah-controls .widget-toggle-buttons > .widget-label,
.ah-ui .ah-controls .widget-text > .widget-label,
.ah-ui .ah-controls .widget-textarea > .widget-label,
.ah-ui .ah-wrap-label > .widget-label { flex: 0 0 var(--ah-label-w); width: auto;
  white-space: normal; overflow: visible; text-overflow: clip; text-align: left;
  line-height: 1.25; margin: 2px 8px 2px 0; height: auto; align-self: center; }
.ah-ui .ah-wrap-label > .widget-label { flex: 0 1 auto; }
.ah-ui .widget-dropdown > select { flex: 1 0 auto; max-width: 100%; min-height: 28px; }
.ah-ui .widget-dropdown { height: auto; }
.ah-ui .ah-controls .widget-textarea > textarea { flex: 1 1 12em; }
.ah-ui .ah-controls .widget-text > input[type=text] { flex: 1 1 12em; min-width: 0; }

/* Slider rows: label | number box | track; one label column, so the tracks line up
   (after the rules above, which they refine). */
.ah-ui .ah-slider { display: flex; flex-flow: row wrap; align-items: center;
  column-gap: 8px; row-gap: 0; width: 100%; min-height: var(--ah-touch); overflow: visible;
  margin: 4px 0 2px 0; }
.ah-ui .ah-slider > .widget-text { display: contents; }
.ah-ui .ah-slider .widget-text > .widget-label { flex: 0 0 var(--ah-label-w);
  white-space: normal; overflow: visible; text-overflow: clip; text-align: left;
  line-height: 1.25; margin: 0; height: auto; align-self: center; }
.ah-ui .ah-slider input[type=number] { flex: 0 0 5.2em; width: 5.2em; box-sizing: border-box;
  height: 28px; }
.ah-ui .ah-slider > .widget-slider { flex: 1 1 7em; width: auto; min-width: 7em;
  margin: 0 4px; }
.ah-ui .ah-slider > .widget-slider > .widget-label { display: none; }

/* A narrow column: a slider's label takes its own line above the box and the track;
   another control's label takes the width it needs, and the control goes on the next
   line only when both do not fit. */
@container ah-controls (max-width: 380px) {
  .ah-ui .ah-controls .widget-dropdown > .widget-label,
  .ah-ui .ah-controls .widget-toggle-buttons > .widget-label,
  .ah-ui .ah-controls .widget-text > .widget-label,
  .ah-ui .ah-controls .widget-textarea > .widget-label { flex: 0 1 auto; }
  .ah-ui .ah-controls .ah-slider > .widget-text > .widget-label { flex: 0 0 100%; }
}

/* Buttons, check boxes, radio options: wrap, never cut; touch-sized rows. */
.ah-ui .jupyter-button { white-space: normal; overflow: visible; height: auto;
  min-height: var(--ah-touch); line-height: 1.25; padding: 4px 10px; max-width: 100%; }
.ah-ui .widget-toggle-buttons .jupyter-button { margin-top: 2px; margin-bottom: 2px;
  width: auto; min-width: 5em; }
.ah-ui .widget-checkbox { width: auto; max-width: 100%; height: auto;
  min-height: var(--ah-touch); }
.ah-ui .widget-checkbox .widget-label-basic { display: flex; align-items: flex-start;
  gap: 0.5em; white-space: normal; overflow: visible; text-overflow: clip;
  line-height: 1.35; padding: 5px 0; cursor: pointer; }
.ah-ui .widget-checkbox input[type=checkbox] { flex: none; margin: 0.15em 0 0 1px;
  align-self: flex-start; }
.ah-ui .widget-radio { width: auto; max-width: 100%; height: auto; }
.ah-ui .widget-radio-box { margin-bottom: 0 !important; }
.ah-ui .widget-radio-box label { display: flex; align-items: flex-start; gap: 0.5em;
  height: auto; line-height: 1.35; white-space: normal; overflow: visible;
  padding: 5px 0; margin: 0; min-height: var(--ah-touch); box-sizing: border-box;
  cursor: pointer; }
.ah-ui .widget-radio-box input[type=radio] { order: -1; float: none; flex: none;
  height: auto; margin: 0.2em 0 0 1px; }

/* A grid of check boxes (touch-friendly multiple choice). */
.ah-ui .ah-check-grid { display: grid; grid-template-columns:
  repeat(auto-fill, minmax(min(100%, 11em), 1fr)); column-gap: 12px; row-gap: 0;
  overflow: visible; width: 100%; }
.ah-ui .ah-check-grid > .widget-checkbox { width: auto; margin: 0; }

/* Pairs of check boxes (pain | numbness), two columns whatever the width. */
.ah-ui .ah-pairs { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr));
  column-gap: 12px; row-gap: 0; overflow: visible; width: 100%; }
.ah-ui .ah-pairs > .widget-checkbox { width: auto; margin: 0; }
/* Sections shown one at a time (a Stack): no inner scrolling, never wider than the column. */
.ah-ui .ah-stack { overflow: visible; width: 100%; min-width: 0; }
.ah-ui .ah-stack > .widget-box { overflow: visible; width: 100%; min-width: 0; }

/* Quiz cards. */
.ah-ui.ah-quiz, .ah-ui .ah-quiz-card { overflow: visible; }
.ah-ui .ah-quiz-card .widget-html-content { line-height: 1.45; }
"""


def style_sheet() -> widgets.HTML:
    """An HTML widget holding the collection's style sheet (takes no space on the page).

    Returns
    -------
    ipywidgets.HTML
        A new widget (one per app, closed with it).
    """
    return widgets.HTML(
        f"<style>{STYLE_SHEET}</style>",
        layout=widgets.Layout(display="none"),
    )


def with_classes(widget: widgets.Widget, *classes: str) -> widgets.Widget:
    """Add CSS classes to a widget's view and return the widget."""
    for name in classes:
        widget.add_class(name)
    return widget


def check_grid(boxes: list[widgets.Widget]) -> widgets.Box:
    """Check boxes in a grid that wraps to the width (fewer columns on a phone).

    Parameters
    ----------
    boxes : list of ipywidgets.Checkbox
        The check boxes, in reading order.

    Returns
    -------
    ipywidgets.Box
        The grid (no tooltip: ipywidgets' BoxView fails to draw a Box that has one).
    """
    return with_classes(widgets.Box(boxes), "ah-check-grid")


def start_hint_text(what: str) -> str:
    """The sentence shown before a widget's cell has run.

    Parameters
    ----------
    what : str
        The interactive, in words (``"the tension lab"``).

    Returns
    -------
    str
        E.g. ``"Interactive: run this cell (or Run All) to start the tension lab."``

    Examples
    --------
    >>> start_hint_text("the quiz")
    'Interactive: run this cell (or Run All) to start the quiz.'
    """
    if not isinstance(what, str) or not what.strip():
        msg = f"what must be a non-empty str naming the interactive, got {what!r}"
        raise ValueError(msg)
    return f"Interactive: run this cell (or Run All) to start {what.strip()}."


class StartHint:
    """Mixin: the widget's plain-text fallback is a sentence saying how to start it.

    JupyterLab shows a widget output's ``text/plain`` until the kernel runs the cell (and
    wherever the widget view cannot be drawn); ipywidgets puts the widget's repr there
    (``TensionLab(children=(HBox(...``). A subclass names itself in ``start_hint``.
    """

    #: The interactive, in words, for :func:`start_hint_text`.
    start_hint = "this interactive"

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        if data is not None:
            data["text/plain"] = start_hint_text(self.start_hint)
        return data
