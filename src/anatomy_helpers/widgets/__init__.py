"""Widget layer: thin ipywidgets wiring of controls to pure functions and drawings.

Each builder returns a ready widget and holds no clinical logic. Every state a widget can
show can also be produced by calling the core and drawing functions directly, and every
widget can be driven in tests by setting its controls' ``value``.
"""
