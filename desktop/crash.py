"""What happens to an error nobody expected: a report on disk, the log, and whoever shows it.

A double-clicked app has no terminal, so an exception that escapes a Qt slot,
a worker thread or an asyncio task would vanish. ``install_crash_handler``
catches all three (``sys.excepthook``, ``threading.excepthook``, and the
exception handler of every asyncio loop set from then on), writes
``crash-YYYYmmdd-HHMMSS.txt`` to the data folder with the version, the
platform, the traceback, the innermost frame's variables and the log's last
lines (every API key redacted, as in the log), and hands the report to a
``notify`` callback: the app's dialog, or the command line's ``error:`` line.
``notify`` may be called on any thread; the dialog moves it to the GUI thread.

No Qt here.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import reprlib
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from desktop import __version__, paths
from desktop.logs import FILE_ONLY, log_path, redact

log = logging.getLogger(__name__)

MAX_REPORTS = 20  # a fault that repeats (a paint handler) must not fill the disk
LOG_TAIL_LINES = 40
LOCAL_WIDTH = 240  # characters of one variable's repr in a report
# Strings are cut only after redaction: a key cut in half would escape the filter.
_reprs = reprlib.Repr()
_reprs.maxstring = _reprs.maxother = 4000


@dataclass(frozen=True)
class CrashReport:
    """One unexpected error, written down (``path`` ``None``: the data folder refused it)."""

    summary: str  # "RuntimeError: boom", redacted: one line for a dialog or a terminal
    text: str  # the whole report, redacted
    path: Path | None


Notify = Callable[[CrashReport], None]


def format_report(error: BaseException, where: str) -> str:
    """The report's text, redacted: where it happened, versions, traceback, locals, log tail."""
    lines = [
        f"Tingxie {__version__} hit an unexpected error {where}.",
        f"time: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"platform: {platform.platform()}; Python {platform.python_version()}",
        "",
        "".join(traceback.format_exception(error)).rstrip(),
        "",
        "variables of the innermost frame:",
        *_innermost_locals(error.__traceback__),
        "",
        f"last lines of {log_path().name}:",
        *_log_tail(),
    ]
    return redact("\n".join(lines)) + "\n"


def summary_of(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return redact(f"{type(error).__name__}: {text[0]}" if text else type(error).__name__)


def write_report(text: str) -> Path:
    """``crash-YYYYmmdd-HHMMSS.txt`` in the data folder (``-2``, ``-3`` … within one second)."""
    folder = paths.data_dir()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in range(1, 100):
        path = folder / (f"crash-{stamp}.txt" if number == 1 else f"crash-{stamp}-{number}.txt")
        try:
            with path.open("x", encoding="utf-8") as file:
                file.write(text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder}: too many crash reports in one second")


class CrashHandler:
    """Turns an escaped exception into a logged, written report handed to ``notify``."""

    def __init__(self, notify: Notify | None = None) -> None:
        self.notify = notify
        self.reports = 0
        self._lock = threading.Lock()

    def report(self, error: BaseException, where: str) -> CrashReport | None:
        """Log ``error`` with its traceback, write its report, and notify; ``None`` past the cap."""
        with self._lock:
            self.reports += 1
            written = self.reports <= MAX_REPORTS
        text = format_report(error, where) if written else ""  # its log tail: before this error
        log.error(
            "unexpected error %s: %s", where, summary_of(error), exc_info=error, extra=FILE_ONLY
        )
        if not written:
            return None
        try:
            path: Path | None = write_report(text)
        except OSError as problem:
            log.error("the crash report could not be written: %s", problem, extra=FILE_ONLY)
            path = None
        crash = CrashReport(summary_of(error), text, path)
        if self.notify is not None:
            try:
                self.notify(crash)
            except Exception:  # the reporter must never raise into the code it reports on
                log.exception("showing the crash report failed", extra=FILE_ONLY)
        return crash

    # -- the hooks ---------------------------------------------------------------

    def excepthook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        self.report(error.with_traceback(tb), "on the main thread")

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        self.report(args.exc_value, f"in the thread {name!r}")

    def asyncio_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if not isinstance(error, Exception) or "transport" in context or "protocol" in context:
            # A warning (a slow callback) or a connection's trouble (a reset socket): not a
            # bug in Tingxie, and the request that met it says so. The log has it.
            loop.default_exception_handler(context)
            return
        task = context.get("task") or context.get("future")
        name = task.get_name() if isinstance(task, asyncio.Task) else context.get("message", "")
        self.report(error, f"in the asyncio task {name!r}")


_current: CrashHandler | None = None


def install_crash_handler(notify: Notify | None = None) -> Callable[[], None]:
    """Report every escaped exception from now on; returns the function that undoes it.

    Covers the main thread (including Qt slots, which PySide hands to
    ``sys.excepthook``), every other thread, and every asyncio loop made
    current afterwards (the app's qasync loop, ``asyncio.run`` on the command line).
    """
    global _current
    handler = CrashHandler(notify)
    previous = (sys.excepthook, threading.excepthook, _current)
    sys.excepthook = handler.excepthook
    threading.excepthook = handler.threading_excepthook
    _current = handler
    _watch_event_loops()

    def uninstall() -> None:
        global _current
        sys.excepthook, threading.excepthook, _current = previous

    return uninstall


def report_crash(error: BaseException, where: str) -> CrashReport | None:
    """Report an error caught by hand (a worker's answer that is a bug) like an escaped one."""
    handler = _current or CrashHandler()
    return handler.report(error, where)


def watch_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Send ``loop``'s unhandled task exceptions to the installed crash handler."""
    loop.set_exception_handler(_asyncio_handler)


def _asyncio_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    if _current is None:
        loop.default_exception_handler(context)
    else:
        _current.asyncio_handler(loop, context)


def _watch_event_loops() -> None:
    """Give every loop set as current from now on the crash handler (once per process)."""
    policy = asyncio.get_event_loop_policy()
    if getattr(policy, "_tingxie_watched", False):
        return
    original = policy.set_event_loop

    def set_event_loop(loop: asyncio.AbstractEventLoop | None) -> None:
        original(loop)
        if loop is not None:
            watch_loop(loop)

    policy.set_event_loop = set_event_loop  # type: ignore[method-assign]
    policy._tingxie_watched = True  # type: ignore[attr-defined]


def _innermost_locals(tb: TracebackType | None) -> list[str]:
    if tb is None:
        return ["  (no traceback)"]
    while tb.tb_next is not None:
        tb = tb.tb_next
    lines = []
    for name, value in tb.tb_frame.f_locals.items():
        try:
            shown = redact(_reprs.repr(value))
        except Exception as error:  # a repr that raises must not hide the crash
            shown = f"<repr failed: {type(error).__name__}>"
        if len(shown) > LOCAL_WIDTH:
            shown = shown[: LOCAL_WIDTH - 1] + "…"
        lines.append(f"  {name} = {shown}")
    return lines or ["  (none)"]


def _log_tail() -> list[str]:
    try:
        with log_path().open(encoding="utf-8", errors="replace") as file:
            return ["  " + line.rstrip("\n") for line in file.readlines()[-LOG_TAIL_LINES:]]
    except OSError:
        return ["  (no log)"]
