"""Downloads to the viewer's own browser: build a file on demand, hand it over as a link.

A :class:`DownloadButton` is a button and a link area. Pressing the button calls a
``build()`` function in the kernel that returns a :class:`DownloadFile` (name, media type,
bytes); the bytes become a ``data:`` URI inside an ``<a download="name">`` link, and the
person presses that link to save the file. Nothing is written on the server and nothing
runs in the page: the link is plain HTML set on an ``ipywidgets.HTML`` widget, so the same
code works in JupyterLab and in the Voila app with the pinned versions and no network.

Two presses (build, then save) keep the file current: the link is built from the state at
the moment of the press, and an owner calls :meth:`DownloadButton.clear` when its state
changes, so a stale link is never offered. Building nothing at page load also keeps the
app fast (notebook 06 used to print a PDF on every load).

File names carry the date of the press (``exercise-plan-2026-12-01.html``), taken when the
button is pressed, so re-executing a notebook stores no date.

References
----------
HTML Living Standard, the ``download`` attribute of ``<a>``; RFC 2397, the ``data:`` URL
scheme.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import ipywidgets as widgets

from anatomy_helpers.widgets.base import status_html

__all__ = [
    "MAX_DOWNLOAD_BYTES",
    "DownloadButton",
    "DownloadFile",
    "dated_file_name",
    "download_link_html",
    "download_row",
]

#: Largest file offered as a ``data:`` link (bytes). Chromium refuses URLs above 2 MiB;
#: base64 adds a third, so 1.5 MB of content stays below that with room to spare.
MAX_DOWNLOAD_BYTES = 1_500_000

_STEM = re.compile(r"[a-z0-9][a-z0-9-]{0,47}")
_EXT = re.compile(r"[a-z0-9]{1,5}")
_MEDIA_TYPE = re.compile(r"[a-z]+/[a-z0-9.+-]+")


@dataclass(frozen=True)
class DownloadFile:
    """A file to hand to the browser.

    Attributes
    ----------
    name : str
        File name offered to the browser (no folders), e.g. ``slump-record-2026-12-01.json``.
    media_type : str
        MIME type, e.g. ``"application/json"``; text types get ``charset=utf-8``.
    data : bytes
        The content.
    """

    name: str
    media_type: str
    data: bytes

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not re.fullmatch(r"[\w.-]{1,80}", self.name):
            msg = (
                f"name must be a file name of 1-80 letters, digits, '.', '_' or '-', "
                f"got {self.name!r}"
            )
            raise ValueError(msg)
        if not isinstance(self.media_type, str) or not _MEDIA_TYPE.fullmatch(self.media_type):
            msg = f"media_type must be a MIME type such as 'text/csv', got {self.media_type!r}"
            raise ValueError(msg)
        if not isinstance(self.data, bytes):
            msg = f"data must be bytes, got {type(self.data).__name__}"
            raise TypeError(msg)

    @property
    def size_text(self) -> str:
        """The size in words: ``"850 bytes"``, ``"12 kB"``, ``"1.2 MB"``."""
        n = len(self.data)
        if n < 1000:
            return f"{n} bytes"
        if n < 1_000_000:
            return f"{n / 1000:.0f} kB"
        return f"{n / 1_000_000:.1f} MB"


def dated_file_name(stem: str, extension: str, day: _dt.date | None = None) -> str:
    """A file name with the date: ``dated_file_name("exercise-plan", "html")``.

    Parameters
    ----------
    stem : str
        Lower-case letters, digits and hyphens (1-48 characters), e.g. ``"slump-record"``.
    extension : str
        Without the dot: ``"json"``, ``"csv"``, ``"html"``, ``"pdf"``.
    day : datetime.date, optional
        The date to use (default: today, on the machine running the kernel).

    Returns
    -------
    str
        ``f"{stem}-{day:%Y-%m-%d}.{extension}"``.

    Raises
    ------
    ValueError
        For a stem or extension with other characters.
    TypeError
        If ``day`` is not a date.

    Examples
    --------
    >>> import datetime
    >>> dated_file_name("exercise-plan", "html", datetime.date(2026, 12, 1))
    'exercise-plan-2026-12-01.html'
    """
    if not isinstance(stem, str) or not _STEM.fullmatch(stem):
        msg = f"stem must be 1-48 lower-case letters, digits or '-', got {stem!r}"
        raise ValueError(msg)
    if not isinstance(extension, str) or not _EXT.fullmatch(extension):
        msg = f"extension must be 1-5 lower-case letters or digits (no dot), got {extension!r}"
        raise ValueError(msg)
    day = _dt.date.today() if day is None else day
    if not isinstance(day, _dt.date):
        msg = f"day must be a datetime.date, got {type(day).__name__}"
        raise TypeError(msg)
    return f"{stem}-{day.isoformat()}.{extension}"


def download_link_html(file: DownloadFile, *, label: str | None = None) -> str:
    """An ``<a download>`` link whose ``data:`` URI holds the whole file.

    Parameters
    ----------
    file : DownloadFile
        What to offer.
    label : str, optional
        Link text (default ``"Save <name> (<size>)"``); it is HTML-escaped.

    Returns
    -------
    str
        HTML of one link, styled as a button (it is keyboard-focusable like any link).

    Raises
    ------
    TypeError
        If ``file`` is not a DownloadFile.
    ValueError
        If the file is larger than :data:`MAX_DOWNLOAD_BYTES`.
    """
    if not isinstance(file, DownloadFile):
        msg = f"file must be a DownloadFile, got {type(file).__name__}"
        raise TypeError(msg)
    if len(file.data) > MAX_DOWNLOAD_BYTES:
        msg = (
            f"{file.name} is {file.size_text}, more than a browser link can carry "
            f"({MAX_DOWNLOAD_BYTES / 1_000_000:.1f} MB)"
        )
        raise ValueError(msg)
    media = file.media_type
    if media.startswith("text/") or media in ("application/json", "image/svg+xml"):
        media += ";charset=utf-8"
    uri = f"data:{media};base64,{base64.b64encode(file.data).decode('ascii')}"
    text = label if label is not None else f"Save {file.name} ({file.size_text})"
    return (
        f'<a class="anatomy-download" download="{html.escape(file.name)}" '
        f'href="{uri}" style="display:inline-block;padding:0.35em 0.8em;'
        "border:2px solid #0072B2;border-radius:4px;color:#0b3d66;background:#eef4fb;"
        f'font-weight:600;text-decoration:underline">{html.escape(text)}</a>'
    )


class DownloadButton:
    """A button that builds a file in the kernel and offers it as a link to save.

    It holds two widgets, the button and its link area; place them with
    :func:`download_row` (several buttons in a row, links below) or :meth:`widget`
    (one button above its link). It is not a widget itself, so no unused container is
    created (the notebooks' saved widget state stays minimal and deterministic).

    Parameters
    ----------
    description : str
        Button text, e.g. ``"Download handout (HTML)"`` (also its accessible name).
    build : callable
        Called with no arguments when the button is pressed; returns a
        :class:`DownloadFile`. A ``ValueError``, ``RuntimeError`` or ``OSError`` it raises
        is shown to the person as a sentence (no traceback).
    tooltip : str, optional
        Longer explanation shown on hover.

    Attributes
    ----------
    button : ipywidgets.Button
        The button.
    link : ipywidgets.HTML
        Where the link (or a message) appears; a polite live region.
    last_file : DownloadFile or None
        The file behind the current link (None when there is no link).
    """

    def __init__(self, description: str, build: Callable[[], DownloadFile], *, tooltip=""):
        if not callable(build):
            msg = f"build must be a function returning a DownloadFile, got {build!r}"
            raise TypeError(msg)
        self.build = build
        self.last_file: DownloadFile | None = None
        self.button = widgets.Button(
            description=description,
            icon="download",
            tooltip=tooltip or description,
            layout=widgets.Layout(width="auto"),
        )
        self.link = widgets.HTML(status_html(""))
        self.button.on_click(lambda _b: self.prepare())

    def widget(self) -> widgets.VBox:
        """The button above its link area, as one widget."""
        return widgets.VBox(
            [self.button, self.link], layout=widgets.Layout(align_items="flex-start")
        )

    def prepare(self) -> DownloadFile | None:
        """Build the file now and show its link; return it (None if building failed)."""
        self.button.disabled = True
        self.link.value = status_html("<p>Preparing the file…</p>")
        try:
            file = self.build()
            link = download_link_html(file)
        except (ValueError, RuntimeError, OSError, TypeError) as exc:
            self.last_file = None
            self.link.value = status_html(
                f'<p role="alert">The file could not be prepared: {html.escape(str(exc))}</p>'
            )
            return None
        finally:
            self.button.disabled = False
        self.last_file = file
        self.link.value = status_html(
            f"<p>Ready. {link} <small>(your browser saves it in its downloads folder)</small></p>"
        )
        return file

    def clear(self) -> None:
        """Withdraw the link (call when the content it was built from changes)."""
        if self.last_file is not None or self.link.value != status_html(""):
            self.last_file = None
            self.link.value = status_html("")


def download_row(buttons: Sequence[DownloadButton], *, heading: str) -> widgets.VBox:
    """Several download buttons in a row under a small heading, their links below.

    Parameters
    ----------
    buttons : sequence of DownloadButton
        The buttons, in order.
    heading : str
        A few words above them (``"Take it with you"``); HTML-escaped.

    Returns
    -------
    ipywidgets.VBox
        The heading, the buttons (wrapping onto lines when narrow) and, under them, each
        button's link area.
    """
    title = widgets.HTML(f"<p><strong>{html.escape(heading)}</strong></p>")
    row = widgets.HBox(
        [b.button for b in buttons],
        layout=widgets.Layout(flex_flow="row wrap", grid_gap="0.5em 1em"),
    )
    links = widgets.VBox([b.link for b in buttons])
    return widgets.VBox([title, row, links])
