"""Voila and JupyterLab servers for the browser tests and ``benchmarks/browser_latency.py``.

Plain functions (no pytest): a server listens on a free loopback port chosen at start, logs
to a file in the caller's work folder, and is stopped with :func:`stop`. Waiting for the
server is a TCP connect loop: an HTTP request would start work (a Voila kernel).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from anatomy_helpers.tools.present import voila_command, voila_env

#: The token of the JupyterLab server started by :func:`start_lab`.
LAB_TOKEN = "browser-test"


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, log: Path, timeout_s: float = 90) -> None:
    """Wait until ``port`` accepts TCP connections (no HTTP request: that would start work)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(
        f"server did not open port {port} in {timeout_s} s:\n{log.read_text()[-3000:]}"
    )


@dataclass
class Server:
    """A server process started here."""

    url: str
    proc: subprocess.Popen
    log: Path
    workdir: Path
    token: str = ""

    def log_tail(self, n: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-n:]


def start(
    command: list[str], *, cwd: Path, env: dict[str, str], port: int, url: str, log: Path
) -> Server:
    """Start ``command`` and wait for its port."""
    handle = log.open("w")
    try:
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT)
    finally:
        handle.close()
    try:
        wait_for_port(port, proc, log)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    return Server(url, proc, log, cwd)


def stop(server: Server) -> None:
    """Terminate the server (kill it after 15 s)."""
    server.proc.terminate()
    try:
        server.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


def start_voila(root: Path, work: Path) -> Server:
    """Voila on ``root/notebooks``, started as ``present`` starts it.

    Anatomy template, code and tracebacks hidden, loopback, with short kernel culling so
    closed pages free their kernels (pitfall P10).
    """
    port = free_port()
    command = voila_command(
        root / "notebooks", port=port, cull_interval_s=5, cull_idle_timeout_s=60
    )
    return start(
        command,
        cwd=root / "notebooks",
        env=voila_env(),
        port=port,
        url=f"http://127.0.0.1:{port}",
        log=work / "voila.log",
    )


def strip_notebook(src: Path, dst: Path) -> None:
    """Copy a notebook without outputs, execution counts or widget state (pitfall P8)."""
    nb = json.loads(src.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    nb.get("metadata", {}).pop("widgets", None)
    dst.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def start_lab(root: Path, notebooks: list[Path], work: Path) -> Server:
    """JupyterLab on stripped copies of ``notebooks`` in ``work/root`` (recipe R5)."""
    lab_root = work / "root"
    lab_root.mkdir()
    for path in notebooks:
        strip_notebook(path, lab_root / path.name)
    if (root / "figures").is_dir():  # Markdown images use ../figures/...
        shutil.copytree(root / "figures", work / "figures")
    settings = work / "settings"
    for rel, body in {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
            "autoStartDefaultKernel": True,
            "windowingMode": "none",
        },
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
    }.items():
        target = settings / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(body))
    port = free_port()
    env = dict(os.environ)
    env["JUPYTER_CONFIG_DIR"] = str(work / "config")
    env["JUPYTER_RUNTIME_DIR"] = str(work / "runtime")
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--IdentityProvider.token={LAB_TOKEN}",
        f"--ServerApp.root_dir={lab_root}",
        f"--LabApp.workspaces_dir={work / 'workspaces'}",
        f"--LabApp.user_settings_dir={settings}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--LabApp.expose_app_in_browser=True",
    ]
    server = start(
        command,
        cwd=lab_root,
        env=env,
        port=port,
        url=f"http://127.0.0.1:{port}",
        log=work / "lab.log",
    )
    server.token = LAB_TOKEN
    return server


#: JupyterLab's application is ready to open documents.
LAB_READY_JS = """() => !!(window.jupyterapp && window.jupyterapp.shell
                           && document.querySelector('#jp-main-dock-panel'))"""


def open_lab(page, server: Server) -> None:
    """Load JupyterLab (reset workspace) in ``page`` and wait until it can open documents."""
    page.goto(
        f"{server.url}/lab?reset&token={server.token}",
        wait_until="domcontentloaded",
        timeout=90_000,
    )
    page.wait_for_function(LAB_READY_JS, timeout=90_000, polling=100)
