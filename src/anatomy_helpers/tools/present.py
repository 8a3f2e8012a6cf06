"""Present a notebook as a Voila app: code and tracebacks hidden, ready for a room.

``python -m anatomy_helpers present NB`` starts the collection's Voila server
(:mod:`anatomy_helpers.tools.app_server`) on one notebook (a path, its stem or its
two-digit prefix such as ``01``) with the ``anatomy`` Voila template (slider names for
screen readers, contrast fixes). What it adds for a class:

* **App text**: cells tagged ``notebook-only`` (:data:`NOTEBOOK_ONLY_TAG`: "run this cell",
  Python calls, install commands) are left out of the app; cells tagged ``app-only``
  (:data:`APP_ONLY_TAG`) are shown in the app and JupyterLab but not in the static edition.
* **A room**: ``--viewers N`` keeps N kernels preheated (the notebook already run), so N
  people arriving at once get a page in seconds; the server allows at most ``--max-kernels``
  kernels (default :func:`default_max_kernels`) and shows a "room is full" page beyond.
* **Safety**: bound to 127.0.0.1 by default, with a Host-header check against DNS
  rebinding; ``--host 0.0.0.0`` prints the address to give to the room and a warning.
  SIGTERM or SIGINT (Ctrl+C) stops the server and every kernel.

References
----------
Voila 0.5 configuration (``voila --help-all``); classroom set-ups in ``docs/classroom.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import math
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from anatomy_helpers.tools.project import resolve_notebook

__all__ = [
    "APP_HIDDEN_TAGS",
    "APP_ONLY_TAG",
    "APP_TEXT_RULES",
    "NOTEBOOK_ONLY_TAG",
    "STATIC_HIDDEN_TAGS",
    "TEMPLATES_DIR",
    "VOILA_TEMPLATE",
    "app_text_problems",
    "default_max_kernels",
    "is_loopback",
    "main_present",
    "room_addresses",
    "voila_command",
    "voila_env",
]

#: Cell tag: for people running the code in JupyterLab only ("run this cell", Python
#: calls, install commands, server paths). Left out of the Voila app and the static edition.
NOTEBOOK_ONLY_TAG = "notebook-only"
#: Cell tag: for people using the live app ("Press Download to save..."). Left out of the
#: static edition (no kernel there); JupyterLab cannot hide cells, so it shows them too,
#: and their text must also be true there.
APP_ONLY_TAG = "app-only"
#: Tags of cells the Voila app leaves out.
APP_HIDDEN_TAGS = (NOTEBOOK_ONLY_TAG,)
#: Tags of cells the static edition leaves out.
STATIC_HIDDEN_TAGS = (NOTEBOOK_ONLY_TAG, APP_ONLY_TAG)

#: What must never show in the app (outside ``notebook-only`` cells): a name for each kind of
#: developer text and a pattern that finds it.
APP_TEXT_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "instructions for running cells",
        re.compile(
            r"\bcells? (?:below|above)\b|\brun (?:this|the|each|every|all) (?:code )?cells?\b"
            r"|Shift\s*\+\s*Enter|\bRun All\b|\brestart (?:the )?kernel\b",
            re.IGNORECASE,
        ),
    ),
    (
        "an install or build command",
        re.compile(
            r"\b(?:pip3?|conda|mamba|apt|apt-get|npm|brew)\s+install\b|\bpython3? -m\s"
            r"|\bmake (?:lab|test|install|present|site|notebooks|figures)\b"
        ),
    ),
    (
        "a path on the server",
        re.compile(
            r"(?<![\w.:/])/(?:tmp|home|root|srv|var|usr|opt|work|mnt|Users)/|\b[A-Z]:\\\w"
            r"|\bslump_records\b|\.venv\b|\bsite-packages\b"
        ),
    ),
    (
        "a Python call or import",
        re.compile(
            r"\b[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\((?!e?s\))[^()\n]{0,80}\)"
            r"|\banatomy_helpers\b|\bimport [a-z_]|Traceback \(most recent"
        ),
    ),
)


def app_text_problems(text: str) -> list[str]:
    """Developer text found in what the app would show: ``["a Python call: 'f(x)'", ...]``.

    Parameters
    ----------
    text : str
        Text a viewer of the app reads (Markdown source, an output, or page text).

    Returns
    -------
    list of str
        One entry per finding, naming its kind (:data:`APP_TEXT_RULES`) and the text;
        empty when the text is fine for the app.

    Examples
    --------
    >>> app_text_problems("The cell below writes write_handout(plan, path) to /tmp/x.")
    ["instructions for running cells: 'cell below'", "a path on the server: '/tmp/'", \
"a Python call or import: 'write_handout(plan, path)'"]
    >>> app_text_problems("Press Download to save the handout (HTML).")
    []
    """
    if not isinstance(text, str):
        msg = f"text must be a str, got {type(text).__name__}"
        raise TypeError(msg)
    found = []
    for name, pattern in APP_TEXT_RULES:
        found += [f"{name}: {m.group(0)!r}" for m in pattern.finditer(text)]
    return found


#: Folder holding the Voila and nbconvert templates (package data).
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: Name of the Voila template (``templates/voila/templates/anatomy``).
VOILA_TEMPLATE = "anatomy"
#: Default Voila port.
DEFAULT_PORT = 8866
#: Kernel culling: check every 30 s; a kernel whose page has gone is shut down after 3 min
#: idle (a phone that locked its screen reconnects within that); one whose page is still
#: open after 30 min idle (longer than a 20-minute session, so a reader who pauses keeps
#: their place, but a forgotten tab frees it).
CULL_INTERVAL_S = 30
CULL_IDLE_TIMEOUT_S = 180
CULL_CONNECTED_TIMEOUT_S = 1800
#: Seconds a preheated kernel that a viewer took waits before its replacement starts, so
#: refills do not compete with the pages of a class arriving together (see
#: ``benchmarks/voila_load.py`` and ``docs/classroom.md``).
FILL_DELAY_S = 30
#: Kernels kept preheated by ``present`` when ``--viewers`` is not given.
DEFAULT_VIEWERS = 1
#: Kernel cap of a server started without a room size (tests, folders of notebooks).
DEFAULT_MAX_KERNELS = 24
#: Largest room ``present`` accepts (each viewer needs about 130 MiB of memory).
MAX_VIEWERS = 200


def default_max_kernels(viewers: int) -> int:
    """Kernel cap for a room of ``viewers``: the room plus a margin for reloads.

    The margin is a fifth of the room, at least 4: a viewer who reloads the page starts a
    new kernel while the old one waits to be culled.

    Examples
    --------
    >>> default_max_kernels(1), default_max_kernels(30)
    (5, 36)
    """
    return viewers + max(4, math.ceil(viewers / 5))


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


def _check_int(name: str, value: object, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{name} must be an int from {low} to {high} ({what}), got {value!r}"
        raise TypeError(msg)
    if not low <= value <= high:
        msg = f"{name} = {value} is outside its range {low} to {high} ({what})"
        raise ValueError(msg)
    return value


def voila_command(
    notebook: str | os.PathLike[str],
    *,
    port: int = DEFAULT_PORT,
    host: str = "127.0.0.1",
    viewers: int = 0,
    max_kernels: int | None = None,
    start_slots: int = 0,
    fill_delay_s: float = FILL_DELAY_S,
    cull_interval_s: int = CULL_INTERVAL_S,
    cull_idle_timeout_s: int = CULL_IDLE_TIMEOUT_S,
    cull_connected_timeout_s: int = CULL_CONNECTED_TIMEOUT_S,
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
        Address to bind; a non-loopback address exposes the app to the network. On a
        loopback address the server also refuses requests for any other Host name.
    viewers : int, default 0
        Kernels kept preheated for a single notebook (0 to 200; 0: none, each page
        starts its own kernel).
    max_kernels : int, optional
        Most kernels alive at once (1 to 1000); default :func:`default_max_kernels` of
        ``viewers``, or :data:`DEFAULT_MAX_KERNELS` with no viewers.
    start_slots : int, default 0
        Most kernel start-ups at once (0: the number of CPUs).
    fill_delay_s : float, default FILL_DELAY_S
        Seconds before a taken preheated kernel is replaced (0 to 3600).
    cull_interval_s, cull_idle_timeout_s, cull_connected_timeout_s : int
        How often (s) idle kernels are checked; after how many seconds idle a kernel whose
        page has gone is shut down; and after how many a kernel whose page is still open
        is (0: never).
    python : str, optional
        Interpreter (default: the running one).

    Returns
    -------
    list of str
        The argument vector; run it with :func:`voila_env` as the environment.

    Raises
    ------
    TypeError, ValueError
        For an argument of the wrong type or out of range (the message names it).
    """
    port = _check_port(port)
    viewers = _check_int("viewers", viewers, 0, MAX_VIEWERS, "preheated kernels")
    if max_kernels is None:
        max_kernels = default_max_kernels(viewers) if viewers else DEFAULT_MAX_KERNELS
    max_kernels = _check_int("max_kernels", max_kernels, max(1, viewers), 1000, "kernels")
    start_slots = _check_int("start_slots", start_slots, 0, 64, "0 means the number of CPUs")
    for name, value in (
        ("cull_interval_s", cull_interval_s),
        ("cull_idle_timeout_s", cull_idle_timeout_s),
    ):
        _check_int(name, value, 1, 86_400, "seconds")
    _check_int("cull_connected_timeout_s", cull_connected_timeout_s, 0, 86_400, "seconds")
    if isinstance(fill_delay_s, bool) or not isinstance(fill_delay_s, int | float):
        msg = f"fill_delay_s must be a number of seconds, got {fill_delay_s!r}"
        raise TypeError(msg)
    if not 0 <= fill_delay_s <= 3600:
        msg = f"fill_delay_s = {fill_delay_s} is outside its range 0 to 3600 (seconds)"
        raise ValueError(msg)
    if not isinstance(host, str) or not host:
        msg = f"host must be a non-empty str such as '127.0.0.1', got {host!r}"
        raise ValueError(msg)
    target = Path(notebook)
    if not target.exists():
        msg = f"notebook {str(target)!r} does not exist"
        raise ValueError(msg)
    command = [
        python or sys.executable,
        "-m",
        "anatomy_helpers.tools.app_server",
        str(target),
        "--no-browser",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.ip={host}",
        f"--template={VOILA_TEMPLATE}",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--max_kernels={max_kernels}",
        f"--start_slots={start_slots}",
        f"--host_check={is_loopback(host)}",
        f"--MappingKernelManager.cull_interval={cull_interval_s}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle_timeout_s}",
        "--MappingKernelManager.cull_connected=False",
        f"--RoomKernelManager.cull_connected_timeout={cull_connected_timeout_s}",
    ]
    if viewers:
        command += [
            "--preheat_kernel=True",
            f"--pool_size={viewers}",
            f"--VoilaKernelManager.fill_delay={float(fill_delay_s):g}",
        ]
    return command


def room_addresses() -> list[str]:
    """IPv4 addresses of this machine that other devices on the network can use.

    Found without sending anything: the addresses of the host name, plus the address
    the system would use for an outgoing connection. Loopback addresses are left out.
    """
    found: list[str] = []
    with contextlib.suppress(OSError):
        found += [i[4][0] for i in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("10.255.255.255", 1))  # UDP connect sends no packet
            found.append(sock.getsockname()[0])
    except OSError:
        pass
    out = []
    for addr in found:
        if not ipaddress.ip_address(addr).is_loopback and addr not in out:
            out.append(addr)
    return out


def _descendants(pid: int) -> list[int]:
    """Process ids below ``pid`` (read from /proc; empty where /proc does not exist)."""
    children: dict[int, list[int]] = {}
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run_supervised(command: Sequence[str], env: dict[str, str], *, grace_s: float = 30.0) -> int:
    """Run the server as a child and stop it, with its kernels, on SIGTERM or SIGINT.

    The child runs in its own session, so Ctrl+C reaches only this process, which passes
    one SIGTERM on: the server then shuts every kernel down and exits. If it has not
    exited after ``grace_s`` seconds, it and every process it started are killed.

    Returns
    -------
    int
        The child's exit status (0 after a requested stop).
    """
    child = subprocess.Popen(list(command), env=env, start_new_session=True)
    stopping: list[int] = []

    def forward(signum, _frame):
        if not stopping and child.poll() is None:
            stopping.append(signum)
            with contextlib.suppress(ProcessLookupError):
                child.send_signal(signal.SIGTERM)

    handled = [signal.SIGTERM, signal.SIGINT]
    if hasattr(signal, "SIGHUP"):
        handled.append(signal.SIGHUP)
    previous = {sig: signal.signal(sig, forward) for sig in handled}
    try:
        while child.poll() is None and not stopping:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=0.5)
        if stopping:
            family = _descendants(child.pid)
            deadline = time.monotonic() + grace_s
            while child.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
            if child.poll() is None:
                print("present: the server did not stop in time; killing it", file=sys.stderr)
                family = sorted(set(family) | set(_descendants(child.pid)))
                child.kill()
                child.wait()
            for pid in family:  # kernels left behind by a server that was killed
                if _alive(pid):
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(pid, signal.SIGKILL)
            return 0
        return child.returncode
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def main_present(argv: Sequence[str]) -> int:
    """``python -m anatomy_helpers present NB``: show a notebook as a Voila app.

    Parameters
    ----------
    argv : sequence of str
        Arguments after ``present``.

    Returns
    -------
    int
        Exit status (the server's, 0 after Ctrl+C or SIGTERM, or 2 for a bad argument).
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
        help="address to bind (default 127.0.0.1). 0.0.0.0 lets other machines open "
        "the app with no password: use it only on a network you trust.",
    )
    parser.add_argument(
        "--viewers",
        type=int,
        default=DEFAULT_VIEWERS,
        help=f"people expected at once: that many kernels are kept preheated "
        f"(default {DEFAULT_VIEWERS}; about 130 MiB of memory each)",
    )
    parser.add_argument(
        "--max-kernels",
        type=int,
        default=None,
        help="most kernels alive at once; beyond it a visitor sees a 'room is full' page "
        "(default: viewers plus a fifth, at least 4 more)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the Voila command and exit")
    args = parser.parse_args(list(argv))
    try:
        notebook = resolve_notebook(args.notebook)
        command = voila_command(
            notebook,
            port=args.port,
            host=args.host,
            viewers=args.viewers,
            max_kernels=args.max_kernels,
        )
    except (ValueError, TypeError, FileNotFoundError) as exc:
        print(f"present: {exc}", file=sys.stderr)
        return 2
    places = next(a for a in command if a.startswith("--max_kernels=")).split("=", 1)[1]
    if is_loopback(args.host):
        shown = f"[{args.host}]" if ":" in args.host else args.host
        print(f"Presenting {notebook.name} at http://{shown}:{args.port}/ (Ctrl+C stops it)")
    else:
        print(
            f"WARNING: binding to {args.host}: anyone who can reach this machine on port "
            f"{args.port} can open the app and start kernels on it (Voila has no password). "
            "Use the default 127.0.0.1 unless you are on a network you trust.",
            file=sys.stderr,
        )
        if args.host in ("0.0.0.0", "::"):
            addresses = room_addresses() or [socket.gethostname()]
        else:
            addresses = [args.host]
        print(f"Presenting {notebook.name} to the room (Ctrl+C stops it). Give the room:")
        for addr in addresses:
            shown = f"[{addr}]" if ":" in addr else addr
            print(f"    http://{shown}:{args.port}/")
    print(
        f"Preheating {args.viewers} kernel(s) for the room; at most {places} people at once."
        if args.viewers
        else f"No preheated kernels; at most {places} people at once."
    )
    if args.dry_run:
        print(" ".join(command))
        return 0
    sys.stdout.flush()
    return run_supervised(command, voila_env())
