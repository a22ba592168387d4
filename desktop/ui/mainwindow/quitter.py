"""The quit sequence: ask everyone who may say no, and only then stop anything.

Closing the main window (the close button, File → Quit, the session ending)
runs these stages in order:

1. the open editor is asked: its last edits are saved now; if saving fails,
   the person chooses between losing them and keeping the window open;
2. each question registered with ``add_question`` is asked (the job queue:
   "files are still being transcribed");
3. only then does anything stop: each coroutine registered with
   ``add_shutdown`` runs (the engine keeps every job's state; the HTTP
   clients close), and then the window closes.

A no at stage 1 or 2 leaves everything running as it was, and the next close
asks again. Stopping the engine before the editor had agreed is what left a
window with a dead queue.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

Question = Callable[[], bool]
Shutdown = Callable[[], Awaitable[None]]


class Quitter(QObject):
    """Runs the quit stages for one window; the window closes once they all said yes."""

    def __init__(self, window: QWidget, may_close_editor: Question) -> None:
        super().__init__(window)
        self._window = window
        self._may_close_editor = may_close_editor
        self._questions: list[Question] = []
        self._shutdowns: list[Shutdown] = []
        self._state = "open"  # then "stopping", then "done"

    def add_question(self, ask: Question) -> None:
        """``ask`` returns False to keep the app open; nothing has stopped when it is asked."""
        self._questions.append(ask)

    def add_shutdown(self, stop: Shutdown) -> None:
        """``stop`` runs once every question said yes, before the window closes."""
        self._shutdowns.append(stop)

    def may_close(self) -> bool:
        """Every stage is done: the window's close event may go through."""
        return self._state == "done"

    def request(self) -> bool:
        """Begin quitting: True if every stage is done now and the window may close.

        False when someone said no, or while shutdowns run on the asyncio loop (then
        the quitter closes the window itself once they are done).
        """
        if self._state == "done":
            return True
        if self._state == "stopping":
            return False
        if not self._may_close_editor():
            return False
        if not all(ask() for ask in self._questions):
            return False
        self._state = "stopping"
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no asyncio loop (a test, ``tingxie open``): nothing runs on one
            loop = None
        if loop is None or not self._shutdowns:
            self._state = "done"
            return True
        task = loop.create_task(self._run_shutdowns())
        task.add_done_callback(lambda _task: self._finish())
        return False

    async def _run_shutdowns(self) -> None:
        for stop in self._shutdowns:
            try:
                await stop()
            except Exception:  # one stage failing must not keep the app from quitting
                log.exception("a shutdown stage failed")

    def _finish(self) -> None:
        self._state = "done"
        # Later, not now: Qt ignores a close() made while the window handles a close.
        QTimer.singleShot(0, self._window.close)
