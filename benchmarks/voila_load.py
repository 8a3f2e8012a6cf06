"""Load check: a room of viewers on one Voila server, with and without preheated kernels.

Starts the app server as ``python -m anatomy_helpers present`` does
(:func:`anatomy_helpers.tools.present.voila_command`), on loopback, once per round, and
lets N viewers arrive spread evenly over ``--arrival-s`` seconds (default 5). Two server
modes run side by side in one invocation:

* ``plain``: no preheated kernels (each page starts a kernel and runs the notebook; the
  server's start-up queue and kernel cap still apply);
* ``preheat``: ``--viewers N`` preheated kernels (the round starts once the pool is full).

Viewers are **lightweight clients** (:func:`light_viewer`): they do what a browser does to
become interactive, in Python with tornado: fetch the page and the scripts and style sheets
it names, open the kernel channel, ask for the kernel's info, open the widget control
channel and receive the widget state, checking that every widget view on the page has a
model in it. In a real room each browser runs on its own device; thirty headless browsers
on the server's own two cores would measure the browsers. Real Chromium measures 1 and 5
viewers beside them (``--chromium-sizes``): time until every cell is shown and every widget
view is on the page.

Reported per round: time to interactive (from the viewer's arrival) median, p95 and max,
and memory: resident memory (RSS, from /proc) of the server plus all its kernels after the
round, and per viewer. ``--tti`` also measures one Chromium viewer per notebook for each
mode (the single-viewer figure).

Usage::

    .venv/bin/python benchmarks/voila_load.py                      # 00, sizes 1 10 30
    .venv/bin/python benchmarks/voila_load.py --notebook 03 --sizes 1 10 --chromium-sizes 1
    .venv/bin/python benchmarks/voila_load.py --tti 00 03 06 --sizes --chromium-sizes

Never run by the tests (timings belong here); ``tests/browser/test_app_room.py`` runs the
light client against two viewers for correctness only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import re
import socket
import statistics
import struct
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from anatomy_helpers.documents.pdf import CHROMIUM_ARGS, find_chromium
from anatomy_helpers.tools.present import (
    FILL_DELAY_S,
    default_max_kernels,
    voila_command,
    voila_env,
)
from anatomy_helpers.tools.project import project_root, resolve_notebook

# Many pages at once: keep background tabs running at full speed as well.
LOAD_CHROMIUM_ARGS = [
    *CHROMIUM_ARGS,
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# -- the lightweight viewer -------------------------------------------------------------
@dataclass
class ViewerResult:
    """What one lightweight viewer saw.

    Attributes
    ----------
    ok : bool
        Interactive: page, assets, kernel channel and the state of every widget view.
    status : int
        HTTP status of the page (503: the room was full).
    page_s, interactive_s : float
        Seconds from arrival to the whole page, and to interactive.
    views, models : int
        Widget views on the page; widget models in the state received.
    error : str
        Why it is not interactive ('' when ok).
    kernel_id : str
        The page's kernel.
    """

    ok: bool = False
    status: int = 0
    page_s: float = float("nan")
    interactive_s: float = float("nan")
    views: int = 0
    models: int = 0
    error: str = ""
    kernel_id: str = ""
    states: dict = field(default_factory=dict, repr=False)


class _PageParts(HTMLParser):
    """Scripts and style sheets a page names, and its Jupyter config."""

    def __init__(self):
        super().__init__()
        self.assets: list[str] = []
        self._in_config = False
        self.config_text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.assets.append(a["src"])
        elif tag == "link" and a.get("href") and "stylesheet" in (a.get("rel") or ""):
            self.assets.append(a["href"])
        elif tag == "script" and a.get("id") == "jupyter-config-data":
            self._in_config = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_config = False

    def handle_data(self, data):
        if self._in_config:
            self.config_text += data


def _views_on_page(page: str) -> set[str]:
    """Model ids of the widget views in the page's cell outputs."""
    found = set()
    for block in re.findall(
        r'<script type="application/vnd\.voila\.cell-output\+json">(.*?)</script>', page, re.S
    ):
        try:
            output = json.loads(block)
        except json.JSONDecodeError:
            continue
        view = output.get("data", {}).get(WIDGET_VIEW)
        if view:
            found.add(view["model_id"])
    return found


def _message(
    msg_type: str, content: dict, session: str, channel: str = "shell", metadata=None
) -> dict:
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "msg_type": msg_type,
            "username": "viewer",
            "session": session,
            "date": "",
            "version": "5.3",
        },
        "parent_header": {},
        "metadata": metadata or {},
        "content": content,
        "channel": channel,
        "buffers": [],
    }


def _decode_frame(frame) -> dict:
    if isinstance(frame, bytes):  # a message with binary buffers
        nbufs = struct.unpack("!I", frame[:4])[0]
        offsets = list(struct.unpack("!" + "I" * nbufs, frame[4 : 4 * (nbufs + 1)]))
        end = offsets[1] if len(offsets) > 1 else len(frame)
        return json.loads(frame[offsets[0] : end].decode("utf-8"))
    return json.loads(frame)


async def _fetch(client, url: str, **kwargs):
    from tornado.httpclient import HTTPClientError

    try:
        return await client.fetch(url, raise_error=False, **kwargs)
    except HTTPClientError as exc:  # pragma: no cover - raise_error=False returns errors
        return exc.response


async def light_viewer(
    url: str, *, timeout_s: float = 120.0, fetch_assets: bool = True, keep: bool = False
) -> ViewerResult:
    """Become interactive on a Voila page as a browser does, without a browser.

    Parameters
    ----------
    url : str
        The page (``http://127.0.0.1:PORT/`` or ``.../voila/render/NB.ipynb``).
    timeout_s : float, default 120
        Give up after this many seconds.
    fetch_assets : bool, default True
        Also fetch the scripts and style sheets the page names (an empty browser cache).
    keep : bool, default False
        Keep the received widget states in the result (``states``).

    Returns
    -------
    ViewerResult
        Times from the call, counts and any error.
    """
    from tornado.httpclient import AsyncHTTPClient
    from tornado.websocket import websocket_connect

    start = time.perf_counter()
    result = ViewerResult()
    client = AsyncHTTPClient(force_instance=True, max_clients=16)
    try:
        response = await asyncio.wait_for(
            _fetch(client, url, request_timeout=timeout_s, follow_redirects=True), timeout_s
        )
        result.status = response.code
        if response.code != 200:
            result.error = f"HTTP {response.code}"
            return result
        page = response.body.decode("utf-8", "replace")
        result.page_s = time.perf_counter() - start
        parts = _PageParts()
        parts.feed(page)
        config = json.loads(parts.config_text or "{}")
        kernel_id = config.get("kernelId")
        if not kernel_id:
            result.error = "no kernel id on the page"
            return result
        result.kernel_id = kernel_id
        views = _views_on_page(page)
        result.views = len(views)
        if fetch_assets:
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
            wanted = [urljoin(url, a) for a in parts.assets]
            wanted = [a for a in wanted if a.startswith(origin)]
            await asyncio.gather(*(_fetch(client, a, request_timeout=timeout_s) for a in wanted))
        split = urlsplit(url)
        base = config.get("baseUrl", "/")
        session = uuid.uuid4().hex
        ws_url = f"ws://{split.netloc}{base}api/kernels/{kernel_id}/channels?session_id={session}"
        remaining = max(1.0, timeout_s - (time.perf_counter() - start))
        ws = await asyncio.wait_for(websocket_connect(ws_url, max_message_size=256 << 20), 30)
        try:
            info = _message("kernel_info_request", {}, session)
            await ws.write_message(json.dumps(info))
            comm_id = uuid.uuid4().hex
            opened = _message(
                "comm_open",
                {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
                session,
                metadata={"version": "1.0.0"},  # the widget control protocol ipywidgets 8 speaks
            )
            await ws.write_message(json.dumps(opened))
            ask = _message(
                "comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}}, session
            )
            await ws.write_message(json.dumps(ask))
            deadline = time.perf_counter() + remaining
            got_info = got_states = False
            while time.perf_counter() < deadline:
                frame = await asyncio.wait_for(ws.read_message(), deadline - time.perf_counter())
                if frame is None:
                    result.error = "kernel channel closed"
                    return result
                msg = _decode_frame(frame)
                kind = msg.get("header", {}).get("msg_type")
                data = msg.get("content", {}).get("data", {})
                if kind == "kernel_info_reply":
                    got_info = True
                elif kind == "comm_msg" and data.get("method") == "update_states":
                    states = data.get("states", {})
                    result.models = len(states)
                    if keep:
                        result.states = states
                    missing = views - set(states)
                    if missing:
                        result.error = f"{len(missing)} widget view(s) have no state"
                        return result
                    got_states = True
                if got_info and got_states:
                    result.interactive_s = time.perf_counter() - start
                    result.ok = True
                    return result
            result.error = "timed out waiting for the widget state"
        finally:
            ws.close()
    except (TimeoutError, OSError) as exc:
        result.error = f"{type(exc).__name__}: {exc}"
    finally:
        client.close()
    return result


async def light_room(url: str, n: int, arrival_s: float, timeout_s: float) -> list[ViewerResult]:
    """N lightweight viewers arriving evenly spread over ``arrival_s`` seconds."""

    async def one(i: int) -> ViewerResult:
        await asyncio.sleep(arrival_s * i / max(1, n))
        return await light_viewer(url, timeout_s=timeout_s)

    return list(await asyncio.gather(*(one(i) for i in range(n))))


# -- real Chromium ------------------------------------------------------------------------
WIDGETS_JS = """(n) => { const c = document.getElementById('rendered_cells');
  if (!c || getComputedStyle(c).display === 'none') return false;
  return Array.from(document.querySelectorAll('.jupyter-widgets'))
    .filter(el => !el.parentElement.closest('.jupyter-widgets')).length >= n; }"""


async def chromium_room(
    chromium: str, url: str, views: int, n: int, arrival_s: float, timeout_s: float
) -> list[ViewerResult]:
    """N real Chromium pages (one browser, one context each) arriving over ``arrival_s``."""
    from playwright.async_api import async_playwright

    async def one(browser, i: int) -> ViewerResult:
        await asyncio.sleep(arrival_s * i / max(1, n))
        result = ViewerResult(views=views)
        context = await browser.new_context(viewport={"width": 1000, "height": 800})
        page = await context.new_page()
        start = time.perf_counter()
        try:
            await page.goto(url, wait_until="domcontentloaded", timeout=timeout_s * 1000)
            await page.wait_for_function(
                WIDGETS_JS, arg=views, timeout=timeout_s * 1000, polling=100
            )
            result.interactive_s = time.perf_counter() - start
            result.ok = True
        except Exception as exc:  # a timeout or a page error ends this viewer only
            result.error = f"{type(exc).__name__}: {str(exc)[:120]}"
        finally:
            await context.close()
        return result

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=LOAD_CHROMIUM_ARGS)
        try:
            return list(await asyncio.gather(*(one(browser, i) for i in range(n))))
        finally:
            await browser.close()


# -- the server and its memory ------------------------------------------------------------
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
        for child in children.get(todo.pop(), []):
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
def app_server(
    notebook: Path,
    log: Path,
    *,
    viewers: int,
    fill_delay_s: float,
    ready_s: float,
    max_kernels: int | None = None,
):
    """The app server on loopback (``present``'s settings); with viewers, a full pool first."""
    port = free_port()
    cmd = voila_command(
        notebook,
        port=port,
        viewers=viewers,
        max_kernels=max_kernels,
        fill_delay_s=fill_delay_s,
    )
    handle = log.open("w")
    proc = subprocess.Popen(
        cmd, cwd=notebook.parent, env=voila_env(), stdout=handle, stderr=subprocess.STDOUT
    )
    started = time.monotonic()
    try:
        deadline = started + ready_s
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server not ready:\n{log.read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                if not viewers or "Ready:" in log.read_text(errors="replace"):
                    break
            except OSError:
                pass
            time.sleep(0.25)
        yield proc, f"http://127.0.0.1:{port}/", time.monotonic() - started
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        handle.close()


def summarize(results: list[ViewerResult], proc, n: int, idle_server_mib: float) -> dict:
    server, kernels, nkids = tree_rss_mib(proc.pid)
    times = sorted(r.interactive_s for r in results if r.ok)
    p95 = times[min(len(times) - 1, max(0, math.ceil(0.95 * len(times)) - 1))] if times else None
    return {
        "viewers": n,
        "interactive": len(times),
        "failed": n - len(times),
        "failures": sorted({r.error for r in results if not r.ok})[:3],
        "median_s": round(statistics.median(times), 2) if times else None,
        "p95_s": round(p95, 2) if p95 is not None else None,
        "max_s": round(times[-1], 2) if times else None,
        "server_mib": round(server),
        "kernels_mib": round(kernels),
        "kernel_processes": nkids,
        "total_mib": round(server + kernels),
        "per_viewer_mib": round((server - idle_server_mib + kernels) / max(1, n), 1),
        "mem_available_mib": round(mem_available_mib()),
    }


def run_round(
    notebook: Path, mode: str, client: str, n: int, args, chromium: str | None, views: int
) -> dict:
    viewers = n if mode == "preheat" else 0
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"voila_load_{os.getpid()}_{mode}_{n}.log"
    with app_server(
        notebook,
        log,
        viewers=viewers,
        fill_delay_s=args.fill_delay_s,
        ready_s=args.ready_s,
        max_kernels=default_max_kernels(n),  # as present sizes the room for n viewers
    ) as (proc, url, ready_after_s):
        idle_server, _, _ = tree_rss_mib(proc.pid)
        if client == "light":
            results = asyncio.run(light_room(url, n, args.arrival_s, args.timeout_s))
        else:
            results = asyncio.run(
                chromium_room(chromium, url, views, n, args.arrival_s, args.timeout_s)
            )
        row = summarize(results, proc, n, idle_server)
    row.update(
        {
            "notebook": notebook.stem[:2],
            "mode": mode,
            "client": client,
            "ready_after_s": round(ready_after_s, 1),
        }
    )
    return row


def print_table(rows: list[dict]) -> None:
    print()
    header = (
        f"{'nb':>3} {'mode':>8} {'client':>8} {'viewers':>7} {'ok':>4} {'median s':>9} "
        f"{'p95 s':>7} {'max s':>7} {'server+kernels MiB':>19} {'per viewer MiB':>15} "
        f"{'pool ready s':>12}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        ready = r["ready_after_s"] if r["mode"] == "preheat" else ""
        print(
            f"{r['notebook']:>3} {r['mode']:>8} {r['client']:>8} {r['viewers']:>7} "
            f"{r['interactive']:>4} {r['median_s']!s:>9} {r['p95_s']!s:>7} {r['max_s']!s:>7} "
            f"{r['total_mib']:>19} {r['per_viewer_mib']:>15} {ready!s:>12}"
        )
        if r["failures"]:
            print(f"{'':>12}failures: {r['failures']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", default="00", help="notebook for the room (default 00)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1, 10, 30])
    parser.add_argument("--chromium-sizes", type=int, nargs="*", default=[1, 5])
    parser.add_argument("--modes", nargs="+", default=["plain", "preheat"])
    parser.add_argument("--tti", nargs="*", default=[], help="single-viewer TTI per notebook")
    parser.add_argument("--arrival-s", type=float, default=5.0)
    parser.add_argument("--fill-delay-s", type=float, default=FILL_DELAY_S)
    parser.add_argument("--timeout-s", type=float, default=180.0)
    parser.add_argument("--ready-s", type=float, default=600.0)
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    root = project_root()
    notebook = resolve_notebook(args.notebook, root)
    from anatomy_helpers.tools.site import notebook_info

    print(
        f"Voila load check: {notebook.name}, {os.cpu_count()} CPUs, "
        f"{mem_available_mib():.0f} MiB available, load average "
        f"{os.getloadavg()[0]:.1f}; arrivals over {args.arrival_s:g} s; "
        f"fill_delay {args.fill_delay_s:g} s",
        flush=True,
    )
    rows = []
    plan = [("light", n) for n in args.sizes]
    if chromium is None and args.chromium_sizes:
        print("Chromium is not installed: skipping the real-browser rounds", file=sys.stderr)
    elif chromium:
        plan += [("chromium", n) for n in args.chromium_sizes]
    for client, n in plan:
        for mode in args.modes:
            views = notebook_info(notebook).widget_views
            row = run_round(notebook, mode, client, n, args, chromium, views)
            rows.append(row)
            print(json.dumps(row), flush=True)
    for stem in args.tti:
        if chromium is None:
            break
        nb = resolve_notebook(stem, root)
        views = notebook_info(nb).widget_views
        for mode in args.modes:
            row = run_round(nb, mode, "chromium", 1, args, chromium, views)
            rows.append(row)
            print(json.dumps(row), flush=True)
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


__all__ = ["ViewerResult", "light_room", "light_viewer"]

if __name__ == "__main__":
    sys.exit(main())
