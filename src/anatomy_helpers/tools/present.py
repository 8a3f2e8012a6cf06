"""Present a notebook as a Voila app: code and tracebacks hidden, bound to this machine.

``python -m anatomy_helpers present NB`` starts Voila on one notebook (a path, its stem or
its two-digit prefix such as ``01``) with the ``anatomy`` Voila template (slider names for
screen readers, contrast fixes), culling the kernels of closed pages.

References
----------
Voila 0.5 configuration (``voila --help-all``); classroom set-ups in ``docs/classroom.md``.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from anatomy_helpers.tools.project import resolve_notebook

__all__ = [
    "TEMPLATES_DIR",
    "VOILA_TEMPLATE",
    "is_loopback",
    "main_present",
    "voila_command",
    "voila_env",
]

#: Folder holding the Voila and nbconvert templates (package data).
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: Name of the Voila template (``templates/voila/templates/anatomy``).
VOILA_TEMPLATE = "anatomy"
#: Default Voila port.
DEFAULT_PORT = 8866
#: Kernel culling: check every 10 s; shut down a kernel with no open page after 120 s idle
#: (a shorter limit culls kernels under load before their page has connected).
CULL_INTERVAL_S = 10
CULL_IDLE_TIMEOUT_S = 120


def voila_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a Voila process that finds the ``anatomy`` template.

    Parameters
    ----------
    base : dict, optional
        Environment to extend (default: ``os.environ``).

    Returns
    -------
    dict
        A copy with :data:`TEMPLATES_DIR` first on ``JUPYTER_PATH``.
    """
    env = dict(os.environ if base is None else base)
    old = env.get("JUPYTER_PATH", "")
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(TEMPLATES_DIR), old) if p)
    return env


def _check_port(port: object) -> int:
    if isinstance(port, bool) or not isinstance(port, int):
        msg = f"port must be an int from 1 to 65535, got {port!r}"
        raise TypeError(msg)
    if not 1 <= port <= 65535:
        msg = f"port = {port} is outside its range 1 to 65535"
        raise ValueError(msg)
    return port


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (``localhost``, ``127.x.x.x``, ``::1``)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def voila_command(
    notebook: str | os.PathLike[str],
    *,
    port: int = DEFAULT_PORT,
    host: str = "127.0.0.1",
    cull_interval_s: int = CULL_INTERVAL_S,
    cull_idle_timeout_s: int = CULL_IDLE_TIMEOUT_S,
    python: str | None = None,
) -> list[str]:
    """Command line that serves one notebook (or a folder of them) as a Voila app.

    Parameters
    ----------
    notebook : path-like
        An ``.ipynb`` file or a folder (Voila then shows a file list).
    port : int, default 8866
        TCP port (1 to 65535).
    host : str, default "127.0.0.1"
        Address to bind; a non-loopback address exposes the app to the network.
    cull_interval_s, cull_idle_timeout_s : int
        How often (s) idle kernels are checked, and after how many seconds idle a kernel
        whose page has gone is shut down (open pages are never culled).
    python : str, optional
        Interpreter (default: the running one).

    Returns
    -------
    list of str
        The argument vector; run it with :func:`voila_env` as the environment.
    """
    port = _check_port(port)
    for name, value in (
        ("cull_interval_s", cull_interval_s),
        ("cull_idle_timeout_s", cull_idle_timeout_s),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            msg = f"{name} must be a positive int (seconds), got {value!r}"
            raise ValueError(msg)
    if not isinstance(host, str) or not host:
        msg = f"host must be a non-empty str such as '127.0.0.1', got {host!r}"
        raise ValueError(msg)
    target = Path(notebook)
    if not target.exists():
        msg = f"notebook {str(target)!r} does not exist"
        raise ValueError(msg)
    return [
        python or sys.executable,
        "-m",
        "voila",
        str(target),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        f"--template={VOILA_TEMPLATE}",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--MappingKernelManager.cull_interval={cull_interval_s}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle_timeout_s}",
        "--MappingKernelManager.cull_connected=False",
    ]


def main_present(argv: Sequence[str]) -> int:
    """``python -m anatomy_helpers present NB``: show a notebook as a Voila app.

    Parameters
    ----------
    argv : sequence of str
        Arguments after ``present``.

    Returns
    -------
    int
        Exit status (Voila's, or 2 for a bad argument).
    """
    parser = argparse.ArgumentParser(
        prog="python -m anatomy_helpers present",
        description="Present a notebook as an app with Voila: code and tracebacks hidden, "
        "bound to this machine only unless --host says otherwise.",
    )
    parser.add_argument("notebook", help="path, stem, or number prefix such as 01")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="TCP port (default 8866)")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default 127.0.0.1). Another address lets other machines open "
        "the app with no password: use it only on a network you trust.",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the Voila command and exit")
    args = parser.parse_args(list(argv))
    try:
        notebook = resolve_notebook(args.notebook)
        command = voila_command(notebook, port=args.port, host=args.host)
    except (ValueError, TypeError, FileNotFoundError) as exc:
        print(f"present: {exc}", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print(
            f"WARNING: binding to {args.host}: anyone who can reach this machine on port "
            f"{args.port} can open the app and start kernels on it (Voila has no password). "
            "Use the default 127.0.0.1 unless you are on a network you trust.",
            file=sys.stderr,
        )
    shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    if ":" in shown_host:
        shown_host = f"[{shown_host}]"
    print(f"Presenting {notebook.name} at http://{shown_host}:{args.port}/ (Ctrl+C stops it)")
    if args.dry_run:
        print(" ".join(command))
        return 0
    sys.stdout.flush()
    try:
        return subprocess.run(command, env=voila_env(), check=False).returncode
    except KeyboardInterrupt:
        return 0
