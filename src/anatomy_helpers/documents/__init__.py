"""Take-away documents: printable pages built from the core and the drawings.

A layer between :mod:`anatomy_helpers.drawing` and :mod:`anatomy_helpers.widgets`: it turns
plans and records into self-contained HTML (figures inlined, nothing loaded from the
network) and prints them to PDF with the system's Chromium. It imports the core and the
drawing layer, never ipywidgets.
"""
