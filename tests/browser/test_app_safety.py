"""The app is safe when shared: Host check, bad widget values, a clean stop.

* DNS rebinding: Chromium resolves a foreign name to 127.0.0.1 (as a rebinding attack
  does); the server refuses the page and the kernel channel for that Host.
* A page sends NaN, infinity and an impossible option over the widget channel: the
  kernel keeps valid values, sends them back, and no traceback or error output reaches
  any viewer.
* ``present`` stops its server and every kernel on SIGTERM and on SIGINT: the port is
  free and no process it started is left.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest

from anatomy_helpers.documents.pdf import CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_dns_rebinding_is_refused(
    start_app_server, browser, chromium_executable, helpers, run_coroutine
):
    server = start_app_server(helpers.ROOT / "notebooks" / "00_start_here.ipynb")
    port = server.url.rsplit(":", 1)[1]
    rebinding = browser.browser_type.launch(
        executable_path=chromium_executable,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP rebind.example 127.0.0.1"],
    )
    try:
        page = rebinding.new_page()
        response = page.goto(f"http://rebind.example:{port}/", wait_until="domcontentloaded")
        assert response.status == 403
        assert "answers only to http://127.0.0.1" in page.inner_text("body")
        static = page.goto(f"http://rebind.example:{port}/voila/static/voila-style.js")
        assert static.status == 403, "every path is refused, not only the page"
        ok = page.goto(f"http://localhost:{port}/voila/static/voila-style.js")
        assert ok.status == 200
    finally:
        rebinding.close()

    async def channel(host: str) -> int:
        from tornado.httpclient import HTTPClientError, HTTPRequest
        from tornado.websocket import websocket_connect

        url = f"ws://127.0.0.1:{port}/api/kernels/{uuid.uuid4()}/channels"
        try:
            ws = await websocket_connect(HTTPRequest(url, headers={"Host": host}))
        except HTTPClientError as exc:
            return exc.code
        ws.close()
        return 101

    assert run_coroutine(channel(f"rebind.example:{port}")) == 403
    assert run_coroutine(channel(f"127.0.0.1:{port}")) != 403  # 404: no such kernel
    assert "Refused a request for Host 'rebind.example" in server.log_tail(100_000)


async def _attack(light_client, port: int, kernel_id: str, label: str) -> dict:
    """Send bad values to the controls of a page's kernel; return what the kernel sent."""
    from tornado.websocket import websocket_connect

    session = uuid.uuid4().hex
    ws = await websocket_connect(
        f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?session_id={session}",
        max_message_size=256 << 20,
    )
    seen = {"errors": [], "values": []}

    async def send(msg_type, content, metadata=None):
        msg = light_client._message(msg_type, content, session, metadata=metadata)
        await ws.write_message(json.dumps(msg, allow_nan=True))

    async def read_until(predicate, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                frame = await asyncio.wait_for(ws.read_message(), deadline - time.monotonic())
            except TimeoutError:
                return None
            msg = light_client._decode_frame(frame)
            kind = msg["header"]["msg_type"]
            content = msg.get("content", {})
            stderr = kind == "stream" and content.get("name") == "stderr"
            if kind == "error" or (stderr and re.search(r"Traceback|Error", content["text"])):
                seen["errors"].append(str(content)[:300])
            if predicate(kind, content):
                return content
        return None

    control = uuid.uuid4().hex
    await send(
        "comm_open",
        {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
        metadata={"version": "1.0.0"},
    )
    await send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
    states = (await read_until(lambda k, c: c.get("data", {}).get("method") == "update_states"))[
        "data"
    ]["states"]
    box = next(
        mid
        for mid, s in states.items()
        if s["model_name"] == "BoundedFloatTextModel" and s["state"].get("description") == label
    )
    choice = next(mid for mid, s in states.items() if "index" in s["state"])  # a selection
    for bad in (float("nan"), float("inf"), -1e308, "forty"):
        await send(
            "comm_msg",
            {"comm_id": box, "data": {"method": "update", "state": {"value": bad}}},
        )
        echoed = await read_until(
            lambda k, c: (
                c.get("comm_id") == box
                and "value" in c.get("data", {}).get("state", {})
                and c["data"].get("method") == "update"
            )
        )
        seen["values"].append(echoed["data"]["state"]["value"] if echoed else None)
    await send(
        "comm_msg",
        {"comm_id": choice, "data": {"method": "update", "state": {"index": 9999}}},
    )
    await read_until(lambda k, c: False, timeout=3.0)  # let any late error arrive
    ws.close()
    return seen


def test_bad_widget_values_are_refused_without_a_traceback(
    voila_server, page, light_client, helpers, run_coroutine
):
    helpers.wait_voila_rendered(page, f"{voila_server.url}/voila/render/00_start_here.ipynb")
    label = "Knee flexion (°)"
    box = page.get_by_role("spinbutton", name=label)
    box.wait_for(timeout=60_000)
    config = json.loads(page.locator("#jupyter-config-data").text_content())
    port = int(voila_server.url.rsplit(":", 1)[1])
    seen = run_coroutine(_attack(light_client, port, config["kernelId"], label))
    assert seen["errors"] == [], f"error output sent to viewers: {seen['errors']}"
    assert all(v is not None and math.isfinite(v) and 0 <= v <= 180 for v in seen["values"]), seen[
        "values"
    ]
    page.wait_for_timeout(500)
    shown = box.input_value()
    assert re.fullmatch(r"-?\d+(\.\d+)?", shown), f"the page shows {shown!r}"
    text = page.inner_text("body")
    assert not helpers.STRAY_REPR.search(text) and "could not be updated" not in text
    page.screenshot(path=str(helpers.artifact("app", "bad-values.png")))


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _family(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().decode(errors="replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads the process tree from /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_present_stops_server_and_kernels(sig, browser, helpers, tmp_path):
    from anatomy_helpers.tools.present import voila_env

    port = None
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tmp_path / "present.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "anatomy_helpers", "present", "00", "--port", str(port)],
            cwd=helpers.ROOT,
            env=voila_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 240
        while "Ready:" not in log.read_text(errors="replace"):
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.25)
        family = _family(proc.pid)
        kernels = [p for p in family if "ipykernel" in _cmdline(p)]
        assert kernels, "the preheated kernel is running"
        proc.send_signal(sig)
        assert proc.wait(timeout=60) == 0
        deadline = time.monotonic() + 20
        while any(_alive(p) for p in family) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [p for p in family if _alive(p)] == [], log.read_text()[-3000:]
        assert _port_free(port)
        assert "every kernel is shut down" in log.read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
