"""Running a coroutine without blocking the window, whichever event loop is active.

Inside the app Qt's loop is also asyncio's (qasync), but dialogs are also
used in tests and in ``tingxie open`` with no asyncio loop running. A short
request (such as "Test key") therefore runs on its own loop in a worker
thread; the result comes back as a queued signal on the UI thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal


class CoroutineRunner(QObject):
    """Runs one coroutine at a time; ``finished`` carries its result (or the exception)."""

    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay: _Relay | None = None

    def running(self) -> bool:
        return self._relay is not None

    def start(self, make: Callable[[], Coroutine[Any, Any, object]]) -> None:
        relay = _Relay()
        relay.done.connect(self._done)  # a bound method: dropped if this object goes first
        self._relay = relay

        def job() -> None:
            try:
                result: object = asyncio.run(make())
            except Exception as error:  # handed to the UI thread, which reports it
                result = error
            relay.done.emit(result)

        QThreadPool.globalInstance().start(job)

    def _done(self, result: object) -> None:
        self._relay = None
        self.finished.emit(result)


class _Relay(QObject):
    done = Signal(object)
