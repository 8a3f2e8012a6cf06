"""Helper package for the sciatica-notebooks teaching collection.

The package has three layers whose imports only point downwards:

* the **core** (this package's top-level modules): pure computation and typed, cited data;
  it never imports matplotlib or ipywidgets;
* :mod:`anatomy_helpers.drawing`: matplotlib Figures built without pyplot state;
* :mod:`anatomy_helpers.widgets`: thin ipywidgets wiring of controls to the two layers above.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
