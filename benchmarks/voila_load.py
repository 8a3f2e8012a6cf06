"""Load check: how many concurrent Voila sessions one machine holds.

Starts the Voila server on loopback (as ``python -m anatomy_helpers present`` does) and
opens N browser sessions of one notebook at the same time in headless Chromium (Debian's
binary), for N = 1 (a baseline), 10, then larger N, until the machine struggles (p95
time-to-interactive above ``--max-p95-s``, a session failing, or less than
``--min-free-mib`` of memory left),
or the count / time bounds are reached. Each round uses a fresh server.

Reported per round: time-to-interactive (navigation start until every cell has run and
every stored widget view is on the page) median and p95, and memory: RSS of the server
plus all its kernels (read from /proc), and that total minus the idle server, per session.

Usage::

    .venv/bin/python benchmarks/voila_load.py [--notebook 00] [--sizes 10 20 30]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from anatomy_helpers.documents.pdf import CHROMIUM_ARGS, find_chromium
from anatomy_helpers.tools.present import voila_command, voila_env
from anatomy_helpers.tools.project import project_root, resolve_notebook
from anatomy_helpers.tools.site import notebook_info

# Many pages at once: keep background tabs running at full speed as well.
LOAD_CHROMIUM_ARGS = [
    *CHROMIUM_ARGS,
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        for child in children.get(current, []):
            out.append(child)
            todo.append(child)
    return out


def tree_rss_mib(pid: int) -> tuple[float, float, int]:
    """(server RSS, kernels RSS, number of kernel processes) in MiB."""
    kids = descendants(pid)
    return rss_kib(pid) / 1024, sum(rss_kib(k) for k in kids) / 1024, len(kids)


def mem_available_mib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def voila_server(notebook: Path, log: Path):
    port = free_port()
    cmd = voila_command(notebook.parent, port=port, cull_interval_s=5, cull_idle_timeout_s=60)
    with log.open("w") as handle:
        proc = subprocess.Popen(
            cmd, cwd=notebook.parent, env=voila_env(), stdout=handle, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Voila did not start:\n{log.read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        yield proc, f"http://127.0.0.1:{port}/voila/render/{notebook.name}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


WIDGETS_JS = """(n) => { const c = document.getElementById('rendered_cells');
  if (!c || getComputedStyle(c).display === 'none') return false;
  return Array.from(document.querySelectorAll('.jupyter-widgets'))
    .filter(el => !el.parentElement.closest('.jupyter-widgets')).length >= n; }"""


STATE_JS = """() => ({ready: document.readyState,
  shown: !!document.getElementById('rendered_cells')
         && getComputedStyle(document.getElementById('rendered_cells')).display !== 'none',
  cells: document.querySelectorAll('[cell-index]').length,
  widgets: document.querySelectorAll('.jupyter-widgets').length,
  errors: (document.body.innerText.match(/Error[^\\n]{0,80}/) || [''])[0]})"""


async def one_session(browser, url: str, views: int, timeout_s: float) -> float:
    context = await browser.new_context(viewport={"width": 1000, "height": 800})
    page = await context.new_page()
    start = time.perf_counter()
    await page.goto(url, wait_until="domcontentloaded", timeout=timeout_s * 1000)
    try:
        await page.wait_for_function(WIDGETS_JS, arg=views, timeout=timeout_s * 1000, polling=100)
    except Exception as exc:
        state = await page.evaluate(STATE_JS)
        msg = f"session not interactive after {timeout_s:.0f} s: {state}"
        raise RuntimeError(msg) from exc
    return time.perf_counter() - start


async def round_(chromium: str, url: str, views: int, n: int, proc, timeout_s: float) -> dict:
    from playwright.async_api import async_playwright

    idle_server, _, _ = tree_rss_mib(proc.pid)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=LOAD_CHROMIUM_ARGS)
        try:
            wall = time.perf_counter()
            results = await asyncio.gather(
                *(one_session(browser, url, views, timeout_s) for _ in range(n)),
                return_exceptions=True,
            )
            wall = time.perf_counter() - wall
            server, kernels, nkids = tree_rss_mib(proc.pid)
            free = mem_available_mib()
        finally:
            await browser.close()
    times = sorted(r for r in results if isinstance(r, float))
    failures = [repr(r)[:200] for r in results if not isinstance(r, float)]
    p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))] if times else None
    return {
        "sessions": n,
        "ok": len(times),
        "failed": len(failures),
        "failures": failures[:3],
        "tti_median_s": round(statistics.median(times), 2) if times else None,
        "tti_p95_s": round(p95, 2) if p95 is not None else None,
        "tti_max_s": round(times[-1], 2) if times else None,
        "round_wall_s": round(wall, 1),
        "server_idle_mib": round(idle_server, 1),
        "server_mib": round(server, 1),
        "kernels_mib": round(kernels, 1),
        "kernel_processes": nkids,
        "per_session_mib": round((server - idle_server + kernels) / n, 1),
        "mem_available_mib": round(free),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", default="00", help="notebook (path, stem or prefix)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 20, 30])
    parser.add_argument("--max-p95-s", type=float, default=60.0)
    parser.add_argument("--min-free-mib", type=float, default=2048)
    parser.add_argument("--budget-s", type=float, default=420, help="stop starting rounds after")
    parser.add_argument("--session-timeout-s", type=float, default=120)
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("Chromium is not installed: apt-get install -y chromium", file=sys.stderr)
        return 2
    root = project_root()
    notebook = resolve_notebook(args.notebook, root)
    views = notebook_info(notebook).widget_views
    print(
        f"Voila load check: {notebook.name} ({views} widget views), {os.cpu_count()} CPUs, "
        f"{mem_available_mib():.0f} MiB available"
    )
    started, rows = time.monotonic(), []
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"voila_load_{os.getpid()}.log"
    for n in args.sizes:
        if time.monotonic() - started > args.budget_s:
            print(f"time budget of {args.budget_s:.0f} s reached; stopping")
            break
        with voila_server(notebook, log) as (proc, url):
            row = asyncio.run(round_(chromium, url, views, n, proc, args.session_timeout_s))
        rows.append(row)
        print(json.dumps(row))
        struggling = (
            row["failed"] > 0
            or (row["tti_p95_s"] or 1e9) > args.max_p95_s
            or row["mem_available_mib"] < args.min_free_mib
        )
        if struggling:
            print(f"machine struggles at {n} sessions; stopping")
            break
    print("\n sessions  ok  TTI median  TTI p95   server+kernels  per session")
    for r in rows:
        total = r["server_mib"] + r["kernels_mib"]
        print(
            f" {r['sessions']:8d} {r['ok']:3d}  {r['tti_median_s']!s:>8} s {r['tti_p95_s']!s:>6} s"
            f"   {total:8.0f} MiB   {r['per_session_mib']:6.1f} MiB"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    print(f"server log of the last round: {log}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
