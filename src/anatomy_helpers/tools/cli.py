"""The collection's tools on the command line: ``python -m anatomy_helpers <command>``.

Commands
--------
figures [--check]                 export (or check) figures/ from the figure registry
notebooks new NN_stem "Title"     create a notebook from the template
notebooks sync [paths...]         refresh generated cells and the README table
notebooks execute [paths...]      sync, then re-execute notebooks in place
present NOTEBOOK                  show a notebook as a Voila app (code hidden)
site [--out site]                 build the offline static HTML edition
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _notebooks(args, root: Path) -> int:
    import nbformat

    from anatomy_helpers.tools import authoring, execute
    from anatomy_helpers.tools.project import notebook_paths

    if args.action == "new":
        path = authoring.new_notebook(root, args.stem, args.title)
        print(f"created {path.relative_to(root)}; fill in every 'TEMPLATE:' placeholder")
        return 0
    paths = [Path(p).resolve() for p in args.paths] or notebook_paths(root)
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if authoring.sync_notebook(nb, path.stem):
            authoring.write_notebook(nb, path)
            print(f"updated generated cells in {path.name}")
    if args.action == "execute":
        failed = execute.execute_notebooks(
            paths,
            cell_timeout_s=args.cell_timeout,
            retries=args.retries,
            log=lambda line: print(line, flush=True),
        )
        if failed:
            print("FAILED: " + ", ".join(p.name for p in failed), file=sys.stderr)
            return 1
    if authoring.sync_readme(root):
        print("updated the notebook table in README.md")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command (``argv`` defaults to the process arguments); return its exit status."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("present", "site"):
        if argv[0] == "present":
            from anatomy_helpers.tools.present import main_present as handler
        else:
            from anatomy_helpers.tools.site import main_site as handler
        return handler(argv[1:])
    parser = argparse.ArgumentParser(
        prog="python -m anatomy_helpers",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    fig = sub.add_parser("figures", help="export figures/ from the registry")
    fig.add_argument("--check", action="store_true", help="only report stale files")
    fig.add_argument("--out", default=None, help="output folder (default: <repo>/figures)")
    nbs = sub.add_parser("notebooks", help="create, sync or execute notebooks")
    nb_sub = nbs.add_subparsers(dest="action", required=True)
    new = nb_sub.add_parser("new", help="create a notebook from the template")
    new.add_argument("stem", help="NN_snake_case file stem")
    new.add_argument("title", help="notebook title")
    for name in ("sync", "execute"):
        p = nb_sub.add_parser(name)
        p.add_argument("paths", nargs="*", help="notebooks (default: all)")
        if name == "execute":
            p.add_argument("--cell-timeout", type=int, default=60, help="seconds per cell")
            p.add_argument("--retries", type=int, default=1, help="extra attempts on failure")
    sub.add_parser("present", help="present a notebook with Voila (see: present --help)")
    sub.add_parser("site", help="build the static HTML edition (see: site --help)")
    args = parser.parse_args(argv)

    from anatomy_helpers.tools.project import project_root

    root = project_root()
    if args.command == "figures":
        from anatomy_helpers.tools.figures import export_figures

        out = Path(args.out) if args.out else root / "figures"
        changed = export_figures(out, check=args.check)
        for item in changed:
            print(("stale: " if args.check else "wrote: ") + item)
        if args.check and changed:
            print(
                "figures/ is out of date: run `python -m anatomy_helpers figures`", file=sys.stderr
            )
            return 1
        if not changed:
            print("figures/ is up to date")
        return 0
    return _notebooks(args, root)
