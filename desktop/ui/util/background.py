"""Work off the UI thread, with the answer delivered back on the UI thread.

Inside the app Qt's loop is also asyncio's (qasync), but dialogs are also
used in tests and in ``tingxie open`` with no asyncio loop running. A short
request (such as "Test key") therefore runs on its own loop in a worker
thread; disk reads (the library panel, media probing) run there too.

The one rule that keeps this crash-free: the QObject that carries the answer
across threads belongs to the application, not to the Python closure that
the worker holds. If the closure owned it, the worker thread would free a
QObject that lives on the UI thread (a segfault waiting for a busy moment),
and a widget closed before its answer arrived would leave a dangling
receiver. Here the carrier is parented to the application, deleted with
``deleteLater`` on the UI thread, and the receiving slot is a bound method of
a QObject, so Qt drops the delivery if that object has gone first.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from shiboken6 import isValid


class _Carrier(QObject):
    done = Signal(object)


def run_in_background(work: Callable[[], object], deliver: Callable[[object], None]) -> None:
    """Run ``work`` on its own thread; ``deliver`` gets its result or exception on the UI thread.

    ``deliver`` should be a bound method of a QObject (a widget, a model) so that
    the delivery is dropped when that object is destroyed before the work ends.
    A thread of its own rather than Qt's pool (two threads on a two-core machine):
    a key test never waits behind a slow disk read, and a request still running
    at quit does not hold the app open (the thread is a daemon).
    """
    carrier = _Carrier(QCoreApplication.instance())
    carrier.done.connect(deliver)
    send = while_alive(carrier, carrier.done.emit)
    discard = while_alive(carrier, carrier.deleteLater)

    def job() -> None:
        try:
            result = work()
        except Exception as error:  # handed to the UI thread, which reports it
            result = error
        send(result)
        discard()  # posted to the UI thread, after the delivery

    threading.Thread(target=job, name="tingxie-background", daemon=True).start()


def while_alive(carrier: QObject, call: Callable[..., object]) -> Callable[..., None]:
    """``call`` (a carrier's emit or deleteLater), skipped once the carrier is gone.

    A worker may finish after the app has quit and taken its carriers with it
    (a start-up probe that quits at the first paint, a window closed mid-read);
    then nobody waits for the answer, and emitting would raise in the worker.
    """

    def guarded(*args: object) -> None:
        if not isValid(carrier):
            return
        try:
            call(*args)
        except RuntimeError:
            if isValid(carrier):
                raise  # not the carrier's deletion: a real error

    return guarded


class CoroutineRunner(QObject):
    """Runs one coroutine at a time; ``finished`` carries its result (or the exception).

    In the app the coroutine runs on the app's own loop (qasync), beside the
    job engine; where no loop runs (a test, ``tingxie open``) it gets a loop of
    its own on a worker thread.
    """

    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = False
        # The task in flight, held apart from self: a closed window's request is
        # cancelled (from ``destroyed``) rather than left to finish unseen.
        tasks: set[asyncio.Task[object]] = set()
        self._tasks = tasks
        self.destroyed.connect(lambda *_: [task.cancel() for task in tasks])

    def running(self) -> bool:
        return self._running

    def start(self, make: Callable[[], Coroutine[Any, Any, object]]) -> None:
        self._running = True
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            run_in_background(lambda: asyncio.run(make()), self._done)
            return
        task = loop.create_task(make())
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[object]) -> None:
        if task.cancelled() or not isValid(self):
            return  # the window closed before the answer
        self._tasks.discard(task)
        error = task.exception()
        self._done(error if error is not None else task.result())

    def _done(self, result: object) -> None:
        self._running = False
        self.finished.emit(result)
