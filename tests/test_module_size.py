"""Small modules with one job (issue 15): no function over 60 lines, no module over 900.

A function's size is counted as the lines from its first statement to its last, leaving out
the docstring (the signature and decorators do not count; blank lines and comments inside
the body do). A module's size is its number of lines. An entry in an allow-list below must
say why the function or module cannot be split.
"""

from __future__ import annotations

import ast
from pathlib import Path

import anatomy_helpers

PACKAGE = Path(anatomy_helpers.__file__).parent
SRC = PACKAGE.parent
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 900

#: ``"path/relative/to/src.py:Qualified.name"`` -> why it cannot be split.
FUNCTION_ALLOW = {
    # tools/present.py is being rewritten on another branch (issue 15 follow-up); its
    # command-line entry point is split there, not here.
    "anatomy_helpers/tools/present.py:main_present": "rewritten on the present branch",
}
#: ``"path/relative/to/src.py"`` -> why it cannot be split.
MODULE_ALLOW: dict[str, str] = {}


def _docstring_lines(node: ast.AST) -> set[int]:
    body = getattr(node, "body", [])
    first = body[0] if body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        return set(range(first.lineno, first.end_lineno + 1))
    return set()


def function_sizes(source: str) -> dict[str, int]:
    """Qualified name -> lines of code of every function and method in ``source``."""
    sizes: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                body = range(child.body[0].lineno, child.end_lineno + 1)
                sizes[name] = len(set(body) - _docstring_lines(child))
                visit(child, f"{name}.")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return sizes


def _sources() -> dict[str, str]:
    return {
        path.relative_to(SRC).as_posix(): path.read_text("utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
    }


SOURCES = _sources()


def test_every_function_has_at_most_60_lines_of_code():
    too_long = {
        f"{path}:{name}": size
        for path, source in SOURCES.items()
        for name, size in function_sizes(source).items()
        if size > MAX_FUNCTION_LINES and f"{path}:{name}" not in FUNCTION_ALLOW
    }
    assert not too_long, (
        f"functions over {MAX_FUNCTION_LINES} lines of code (extract named helpers): {too_long}"
    )


def test_every_module_has_at_most_900_lines():
    too_long = {
        path: source.count("\n")
        for path, source in SOURCES.items()
        if source.count("\n") > MAX_MODULE_LINES and path not in MODULE_ALLOW
    }
    assert not too_long, f"modules over {MAX_MODULE_LINES} lines (split by job): {too_long}"


def test_the_allow_lists_hold_only_what_is_still_needed():
    """An entry that is no longer needed is removed, not kept 'just in case'."""
    for entry in FUNCTION_ALLOW:
        path, name = entry.split(":")
        size = function_sizes(SOURCES[path]).get(name) if path in SOURCES else None
        assert size is not None, f"{entry} no longer exists: remove it from FUNCTION_ALLOW"
        assert size > MAX_FUNCTION_LINES, f"{entry} has {size} lines now: remove it"
    for path in MODULE_ALLOW:
        assert path in SOURCES, f"{path} no longer exists: remove it from MODULE_ALLOW"
        assert SOURCES[path].count("\n") > MAX_MODULE_LINES, f"remove {path} from MODULE_ALLOW"


def test_the_count_leaves_out_the_docstring_but_not_the_body():
    body = "\n".join(f"    x{i} = {i}" for i in range(60))
    source = f'class A:\n    def f(self):\n        """Doc.\n\n        More.\n        """\n{body}\n'
    source = source.replace("\n    x", "\n        x")
    assert function_sizes(source) == {"A.f": 60}
    longer = source + "        return x0\n"
    assert function_sizes(longer) == {"A.f": 61}
    nested = "def outer():\n    def inner():\n        return 1\n    return inner\n"
    assert function_sizes(nested) == {"outer": 3, "outer.inner": 1}
