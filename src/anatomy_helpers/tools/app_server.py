"""The Voila server behind ``present``: a room of viewers on one small machine, safely.

``python -m anatomy_helpers.tools.app_server NOTEBOOK [voila options]`` runs Voila 0.5 with
these additions (the command line comes from
:func:`anatomy_helpers.tools.present.voila_command`):

* **App text.** Cells tagged ``notebook-only`` are left out of the page (and not run):
  nbconvert's ``TagRemovePreprocessor`` is configured with
  :data:`~anatomy_helpers.tools.present.APP_HIDDEN_TAGS`.
* **A kernel cap** (``--max_kernels``): when every place is taken, a new visitor gets a
  short "the room is full, try again in a minute" page (HTTP 503 with ``Retry-After``)
  instead of another kernel. Pooled kernels count towards the cap.
* **A start-up queue** (``--start_slots``, default the number of CPUs): at most that many
  kernels start and run the notebook at once; further pages and pool refills wait their
  turn, so a burst queues instead of thrashing the processors.
* **Preheated kernels that respect the cap**: with ``--preheat_kernel=True`` Voila keeps a
  pool of kernels that have already run the notebook. Here the pool is refilled only while
  the cap allows, a viewer is never handed a refill that is still waiting out its
  ``fill_delay``, and a kernel taken from the pool counts as active from that moment (so
  it is not culled before its page connects).
* **Two culling limits** (:class:`RoomKernelManager`): a kernel whose page has gone is shut
  down after ``cull_idle_timeout`` seconds idle; one whose page is still open only after
  ``cull_connected_timeout`` seconds idle (default 30 min), so a reader who pauses during a
  20-minute session keeps their place, and a forgotten tab does not hold it for ever.
* **Host check** (``--host_check=True``, set by ``present`` when bound to loopback): a
  request whose ``Host`` header is not a loopback address or ``localhost`` is refused with
  403 before any handler runs, page and kernel channel alike (DNS rebinding).
* **Links between notebooks.** Serving one notebook, ``/NN_name.ipynb`` renders the
  notebook of that name in the same folder (a relative link ``[04 ...](04_....ipynb)``
  resolves there), under the same room cap; Voila alone would redirect it to a file
  download that its allow-list refuses.
* **A clean stop**: SIGTERM and SIGINT stop the server, cancel pool refills that have not
  started a kernel, and shut every kernel down.

References
----------
Voila 0.5 ``voila.app.Voila`` and ``voila.voila_kernel_manager``; jupyter_server 2
``MappingKernelManager`` culling; RFC 7231 section 7.1.3 (``Retry-After``); DNS rebinding
and the Host check in jupyter_server's ``JupyterHandler.check_host``.
"""

from __future__ import annotations

import asyncio
import contextvars
import datetime
import inspect
import ipaddress
import os
import re
import signal
import sys
from dataclasses import dataclass, field
from typing import ClassVar

import tornado.web
import voila.app as _voila_app
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from traitlets import Bool, Int
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from anatomy_helpers.tools.present import APP_HIDDEN_TAGS

__all__ = [
    "SIBLING_NOTEBOOK",
    "AnatomyVoila",
    "Room",
    "RoomKernelManager",
    "host_is_local",
    "main",
    "room_full_html",
]


#: A notebook of the collection by file name (``04_sciatica_and_mimics.ipynb``): in
#: single-notebook mode these paths render the notebook of that name beside the served one.
SIBLING_NOTEBOOK = re.compile(r"[0-9]{2}_[a-z0-9_]+\.ipynb")


def host_is_local(host_header: str) -> bool:
    """Whether a ``Host`` header names this machine: a loopback address or ``localhost``.

    Parameters
    ----------
    host_header : str
        The header as sent (``"127.0.0.1:8866"``, ``"[::1]:8866"``, ``"localhost"``).

    Returns
    -------
    bool
        True for loopback IPv4/IPv6 addresses, ``localhost`` and names under
        ``.localhost`` (which resolve to loopback by RFC 6761); False otherwise,
        including for an empty header.

    Examples
    --------
    >>> host_is_local("127.0.0.1:8866"), host_is_local("[::1]:8866")
    (True, True)
    >>> host_is_local("attacker.example:8866"), host_is_local("192.168.1.5")
    (False, False)
    """
    match = re.fullmatch(r"\[?([^\[\]]*?)\]?(:\d+)?", (host_header or "").strip().lower())
    if match is None:
        return False
    host = match.group(1).rstrip(".")
    if not host:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def room_full_html(max_kernels: int, retry_s: int = 60) -> str:
    """The page a visitor sees when every place is taken.

    Parameters
    ----------
    max_kernels : int
        The number of places (kernels) the server allows.
    retry_s : int, default 60
        Seconds the page asks the visitor to wait (also sent as ``Retry-After``). The page
        does not refresh itself: a timed refresh fails WCAG 2.2.1 (axe ``meta-refresh``).

    Returns
    -------
    str
        A small, self-contained HTML page (no scripts, no network).
    """
    wait = "a minute" if retry_s == 60 else f"{int(retry_s)} seconds"
    n = int(max_kernels)
    places, verb = ("The only place", "is") if n == 1 else (f"All {n} places", "are")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The room is full</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 34em; margin: 3em auto;
         padding: 0 1em; line-height: 1.5; color: #1a1a1a; font-size: 18px; }}
  h1 {{ font-size: 1.6em; }}
  .note {{ border-left: 6px solid #0072B2; padding: 0.3em 0.8em; background: #eef4fb; }}
</style></head>
<body><main>
<h1>The room is full</h1>
<p>{places} in this session {verb} in use, so the app cannot open for you right now.</p>
<p class="note"><strong>Please try again in {wait}.</strong> A place frees up when
someone closes the app. <a href="">Try again</a></p>
<p>If you are running the session: start it with more places
(<code>--viewers</code>), or ask people who have finished to close the tab.</p>
</main></body></html>
"""


@dataclass
class Reservation:
    """A place held for one kernel that is about to start."""

    used: bool = False


#: The reservation of the page (or pool refill) running in the current task.
_RESERVATION: contextvars.ContextVar[Reservation | None] = contextvars.ContextVar(
    "anatomy_reservation", default=None
)


@dataclass
class Room:
    """Places (kernels) and start-up slots of one server.

    Attributes
    ----------
    max_kernels : int
        Most kernels alive at once, pooled ones included.
    start_slots : int
        Most kernel start-ups (start and run the notebook) at once.
    kernel_count : callable
        Returns the number of kernels alive now.
    reserved : int
        Places promised to start-ups whose kernel is not alive yet.
    """

    max_kernels: int
    start_slots: int
    kernel_count: object = None
    reserved: int = 0
    _slots: asyncio.Semaphore | None = field(default=None, repr=False)

    @property
    def slots(self) -> asyncio.Semaphore:
        """The start-up semaphore (created on first use, inside the server's loop)."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.start_slots)
        return self._slots

    def in_use(self) -> int:
        """Kernels alive plus places promised."""
        alive = self.kernel_count() if callable(self.kernel_count) else 0
        return alive + self.reserved

    def try_reserve(self) -> Reservation | None:
        """Hold a place for a kernel about to start, or None when the room is full."""
        if self.in_use() >= self.max_kernels:
            return None
        self.reserved += 1
        return Reservation()

    def release(self, reservation: Reservation) -> None:
        """Give a place back (once), when its kernel is alive or failed to start."""
        if not reservation.used:
            reservation.used = True
            self.reserved -= 1


class RoomKernelManager(AsyncMappingKernelManager):
    """jupyter_server's kernel manager with a second culling limit and the room's places.

    A kernel with no open page is culled after ``cull_idle_timeout`` seconds idle (as
    usual, with ``cull_connected=False``); a kernel whose page is still open is culled
    after ``cull_connected_timeout`` seconds idle (0 never).
    """

    cull_connected_timeout = Int(
        1800,
        config=True,
        help="Seconds idle after which a kernel whose page is still open is shut down "
        "(0: never). Default 30 min: longer than a 20-minute session.",
    )

    @property
    def room(self) -> Room | None:
        """The room of the server (None outside :class:`AnatomyVoila`)."""
        return getattr(self.parent, "room", None)

    async def start_kernel(self, *args, **kwargs):
        """Start a kernel; the place reserved for it becomes the kernel itself."""
        kernel_id = await super().start_kernel(*args, **kwargs)
        reservation = _RESERVATION.get()
        if reservation is not None and self.room is not None:
            self.room.release(reservation)
        return kernel_id

    async def cull_kernel_if_idle(self, kernel_id):
        """Cull as jupyter_server does, and also connected kernels idle for too long."""
        kernel = self._kernels.get(kernel_id)
        connections = self._kernel_connections.get(kernel_id, 0)
        limit = self.cull_connected_timeout
        if kernel is not None and connections and limit > 0 and hasattr(kernel, "last_activity"):
            idle = datetime.datetime.now(datetime.UTC) - kernel.last_activity
            busy = getattr(kernel, "execution_state", None) == "busy"
            if idle > datetime.timedelta(seconds=limit) and not busy:
                self.log.warning(
                    "Culling kernel %s: its page is open but it has been idle for %d s.",
                    kernel_id,
                    int(idle.total_seconds()),
                )
                await self.shutdown_kernel(kernel_id)
                return None
        return await super().cull_kernel_if_idle(kernel_id)


class _PoolRules:
    """Mixed into Voila's pooled kernel manager: the pool obeys the room."""

    def __init__(self, **kwargs):
        self._started_tasks: set[asyncio.Task] = set()
        self._announced_ready = False
        super().__init__(**kwargs)

    def _ready_items(self, notebook_name: str) -> list[asyncio.Task]:
        pool = self._pools.get(notebook_name, [])
        ok = [t for t in pool if t.done() and not t.cancelled() and t.exception() is None]
        started = [t for t in pool if not t.done() and t in self._started_tasks]
        return ok + started

    def get_pool_size(self, notebook_name: str) -> int:
        """Pool kernels a viewer may take now: ready, or already starting (not waiting)."""
        return len(self._ready_items(notebook_name))

    async def get_rendered_notebook(self, notebook_name: str, *args, **kwargs):
        """Hand out the best pool kernel (ready first) and mark it active from now."""
        pool = self._pools.get(notebook_name, [])
        best = self._ready_items(notebook_name)
        if best:
            pool.remove(best[0])
            pool.insert(0, best[0])
        task, rendered, kernel_id = await super().get_rendered_notebook(
            notebook_name, *args, **kwargs
        )
        kernel = self._kernels.get(kernel_id)
        if kernel is not None:
            kernel.last_activity = datetime.datetime.now(datetime.UTC)
        return task, rendered, kernel_id

    async def _initialize(self, notebook_path, kernel_id=None, **kwargs):
        if kernel_id is not None:  # a restart: the kernel already has its place
            return await super()._initialize(notebook_path, kernel_id, **kwargs)
        room: Room = self.parent.room
        reservation = room.try_reserve()
        while reservation is None:  # wait for a free place (a kernel culled or closed)
            await asyncio.sleep(2)
            reservation = room.try_reserve()
        token = _RESERVATION.set(reservation)
        try:
            async with room.slots:
                self._started_tasks.add(asyncio.current_task())
                content = await super()._initialize(notebook_path, None, **kwargs)
                # hold the start-up slot until the notebook has run in the new kernel
                await asyncio.wait([content["task"]])
        finally:
            room.release(reservation)
            _RESERVATION.reset(token)
        self._announce(notebook_path)
        return content

    def _announce(self, notebook_path: str) -> None:
        if self._announced_ready:
            return
        pool = self._pools.get(notebook_path, [])
        size = self.kernel_pools_config.get("default", {}).get("pool_size", 0)
        ready = [t for t in pool if t.done() or t is asyncio.current_task()]
        if size and len(ready) >= size:
            self._announced_ready = True
            self.log.info("Ready: %d preheated kernel(s) waiting for viewers.", size)

    async def shutdown_all(self, *args, **kwargs):
        """Cancel refills that have not started a kernel, then shut every kernel down."""
        for pool in self._pools.values():
            waiting = [t for t in pool if not t.done() and t not in self._started_tasks]
            for task in waiting:
                _cancel_refill(task)
                pool.remove(task)
            if waiting:
                await asyncio.gather(*waiting, return_exceptions=True)
        return await super().shutdown_all(*args, **kwargs)


def _cancel_refill(task: asyncio.Task) -> None:
    """Cancel a pool refill; close its kernel start-up if it never began (no warning)."""
    frame = getattr(task.get_coro(), "cr_frame", None)
    inner = frame.f_locals.get("aw") if frame is not None else None
    task.cancel()
    if inspect.iscoroutine(inner) and inspect.getcoroutinestate(inner) == "CORO_CREATED":
        inner.close()


_voila_factory = _voila_app.voila_kernel_manager_factory


def _room_kernel_manager_factory(base_class, preheat_kernel, default_pool_size, **kwargs):
    cls = _voila_factory(base_class, preheat_kernel, default_pool_size, **kwargs)
    if not preheat_kernel:
        return cls
    return type("RoomPoolKernelManager", (_PoolRules, cls), {})


class _HostRejected(tornado.web.RequestHandler):
    def prepare(self):
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(
            "403: this app answers only to http://127.0.0.1 or http://localhost on this computer.\n"
        )


class _HostCheckedApplication(tornado.web.Application):
    """A Tornado application that refuses requests for any other Host (DNS rebinding)."""

    def find_handler(self, request, **kwargs):
        if self.settings.get("anatomy_host_check") and not host_is_local(request.host):
            self.settings["anatomy_log"].warning(
                "Refused a request for Host %r (only loopback names are served).", request.host
            )
            return self.get_handler_delegate(request, _HostRejected)
        return super().find_handler(request, **kwargs)


class RoomVoilaHandler(TornadoVoilaHandler):
    """Voila's page handler, admitting a viewer only when a place is free."""

    @tornado.web.authenticated
    async def get(self, path=None):
        room: Room = self.settings["anatomy_room"]
        notebook = self.notebook_path or path or ""
        try:
            pooled = self.kernel_manager.get_pool_size(notebook) > 0
        except AttributeError:
            pooled = False
        if pooled or not notebook.endswith(".ipynb"):
            return await super().get(path)
        reservation = room.try_reserve()
        if reservation is None:
            self.set_status(503)
            self.set_header("Retry-After", "60")
            self.set_header("Cache-Control", "no-store")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            return self.finish(room_full_html(room.max_kernels))
        token = _RESERVATION.set(reservation)
        try:
            async with room.slots:
                return await super().get(path)
        finally:
            room.release(reservation)
            _RESERVATION.reset(token)


class AnatomyVoila(Voila):
    """Voila with the room's places, a start-up queue, a Host check and a clean stop."""

    name = "anatomy-voila"

    max_kernels = Int(
        24, config=True, help="Most kernels alive at once; more visitors see a room-full page."
    )
    start_slots = Int(0, config=True, help="Most kernel start-ups at once (0: the number of CPUs).")
    host_check = Bool(
        False,
        config=True,
        help="Refuse requests whose Host header is not a loopback address or localhost "
        "(use when bound to loopback).",
    )

    aliases: ClassVar[dict] = {
        **Voila.aliases,
        "max_kernels": "AnatomyVoila.max_kernels",
        "start_slots": "AnatomyVoila.start_slots",
        "host_check": "AnatomyVoila.host_check",
    }

    def initialize(self, argv=None):
        """Parse the command line, then configure app text and the room."""
        super().initialize(argv)
        tags = set(self.config.TagRemovePreprocessor.get("remove_cell_tags", set()))
        self.config.TagRemovePreprocessor.remove_cell_tags = tags | set(APP_HIDDEN_TAGS)
        self.config.TagRemovePreprocessor.enabled = True
        if self.max_kernels < 1:
            msg = f"max_kernels must be at least 1, got {self.max_kernels}"
            raise ValueError(msg)
        self.room = Room(
            max_kernels=self.max_kernels,
            start_slots=self.start_slots if self.start_slots > 0 else (os.cpu_count() or 1),
        )
        signal.signal(signal.SIGTERM, self._handle_signal_stop)
        signal.signal(signal.SIGINT, self._handle_signal_stop)

    def init_settings(self):
        """Voila's settings, with the pool rules and the room's kernel manager."""
        if self.voila_configuration.multi_kernel_manager_class is AsyncMappingKernelManager:
            self.voila_configuration.multi_kernel_manager_class = RoomKernelManager
        _voila_app.voila_kernel_manager_factory = _room_kernel_manager_factory
        try:
            settings = super().init_settings()
        finally:
            _voila_app.voila_kernel_manager_factory = _voila_factory
        self.room.kernel_count = lambda: len(self.kernel_manager.list_kernel_ids())
        settings["anatomy_room"] = self.room
        settings["anatomy_host_check"] = self.host_check
        settings["anatomy_log"] = self.log
        return settings

    def init_handlers(self):
        """Voila's handlers, with the page handler replaced by :class:`RoomVoilaHandler`.

        Serving one notebook, the notebooks beside it (``NN_name.ipynb``, the collection's
        names: :data:`SIBLING_NOTEBOOK`) are pages too, at ``/NN_name.ipynb``, so the
        relative links between notebooks work in the app as in JupyterLab; every other
        path still goes to the one notebook, and every page counts against the room.
        """
        handlers = []
        for spec in super().init_handlers():
            if len(spec) >= 2 and spec[1] is TornadoVoilaHandler:
                if self.notebook_path and len(spec) >= 3 and "notebook_path" in spec[2]:
                    siblings = {k: v for k, v in spec[2].items() if k != "notebook_path"}
                    route = url_path_join(self.server_url, f"/({SIBLING_NOTEBOOK.pattern})")
                    handlers.append((route, RoomVoilaHandler, siblings))
                spec = (spec[0], RoomVoilaHandler, *spec[2:])
            handlers.append(spec)
        return handlers

    def start(self):
        """Voila's start, on an application that checks the Host header."""
        import tempfile

        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        settings = self.init_settings()
        self.app = _HostCheckedApplication(**settings)
        self.app.settings.update(self.tornado_settings)
        self.app.add_handlers(".*$", self.init_handlers())
        self.log.info(
            "Places: %d kernels at most, %d start-up(s) at once; Host check %s.",
            self.room.max_kernels,
            self.room.start_slots,
            "on" if self.host_check else "off",
        )
        self.listen()

    def stop(self):
        """Shut every kernel down on the server's own loop (pool tasks live there)."""
        import shutil

        shutil.rmtree(self.connection_dir, ignore_errors=True)
        loop = self.ioloop.asyncio_loop
        try:
            loop.run_until_complete(
                asyncio.wait_for(self.kernel_manager.shutdown_all(), timeout=25)
            )
        except (TimeoutError, RuntimeError) as exc:
            self.log.error("Not every kernel shut down cleanly: %s", exc)
        else:
            self.log.info("Stopped; every kernel is shut down.")

    def _handle_signal_stop(self, sig, frame):
        # one stop only: a second signal during shutdown would stop the loop that is
        # shutting the kernels down
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        self.log.info("Signal %s: stopping and shutting down every kernel.", sig)
        ioloop = getattr(self, "ioloop", None)
        if ioloop is None:
            raise SystemExit(0)
        ioloop.add_callback_from_signal(ioloop.stop)


def main(argv: list[str] | None = None) -> int:
    """Run the server (``python -m anatomy_helpers.tools.app_server``)."""
    AnatomyVoila.launch_instance(argv=argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
