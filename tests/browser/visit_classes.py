"""One test class per notebook for the page-visit modules, so the visits spread over workers.

pytest-xdist's ``--dist loadfile`` keeps a file's tests on one worker, so a module making
one visit per notebook ran its eight visits one after another. The visit modules
(``test_voila.py``, ``test_lab.py``, ``test_static.py``) therefore put their tests into one
class per notebook, and ``make test`` runs ``--dist loadscope``: a class is a unit of work,
so the visits of one surface run on every worker (a session fixture starts that surface's
server once per worker), while a module without classes, and a notebook's nbval cells,
still stay together on one worker.

The module's tests are plain functions taking ``notebook`` (``conftest.pytest_generate_tests``
gives a class's tests its own notebook, and the gate items of that notebook only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path


def add_notebook_classes(
    namespace: dict,
    prefix: str,
    notebooks: Iterable[Path],
    every: Iterable[Callable],
    only: Mapping[str, Iterable[Callable]] | None = None,
) -> None:
    """Replace the module's test functions by a ``Test<prefix>_<stem>`` class per notebook.

    Parameters
    ----------
    namespace : dict
        The module's ``globals()``; the test functions are removed from it (so they are not
        collected twice) and the classes added.
    prefix : str
        Class name prefix, e.g. ``"Voila"``.
    notebooks : iterable of Path
        The notebooks, one class each (class attribute ``NOTEBOOK``).
    every : iterable of callables
        Tests every class gets.
    only : mapping of str to iterable of callables, optional
        Tests only the class of that notebook stem gets (e.g. downloads on 03 and 06).
    """
    every = list(every)
    only = {stem: list(tests) for stem, tests in (only or {}).items()}
    for fn in [*every, *(f for tests in only.values() for f in tests)]:
        namespace.pop(fn.__name__, None)
    for notebook in notebooks:
        tests = [*every, *only.get(notebook.stem, [])]
        body = {"NOTEBOOK": notebook, **{fn.__name__: staticmethod(fn) for fn in tests}}
        name = f"Test{prefix}_{notebook.stem}"
        namespace[name] = type(name, (), body)
