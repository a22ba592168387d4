"""The one way to run work off the GUI thread and hand its typed result back.

Three entry points share one lifetime rule, **the owner's**: every piece of
work is started for an ``owner`` QObject (the widget, dialog or model that
wants the answer). While the owner lives, results arrive on the GUI thread,
in order; once it is destroyed, nothing is delivered and the work is
cancelled (a coroutine is cancelled at once; a thread is told through
``Work.cancelled`` and its answer dropped). A closed dialog therefore never
sees, nor pays for, an answer it no longer wants.

- ``run_in_thread``: a blocking function (a library read, a probe, a keyring
  lookup) on a daemon thread of its own. Its own thread rather than Qt's pool
  (two threads on a two-core machine): a key test never waits behind a slow
  disk read, and a request still running at quit does not hold the app open.
- ``run_coroutine``: a coroutine on the app's own asyncio loop (qasync), beside
  the job engine; where no loop runs (a test, ``tingxie open``), on a loop of
  its own in a worker thread.
- ``GuiDelivery``: a stream of calls from a long-lived worker (waveform peaks
  as they decode, autosave reports), each run on the GUI thread.

Why the carrier QObject belongs to the application and not to the closure the
worker holds: if the closure owned it, the worker thread would free a QObject
that lives on the GUI thread (a segfault waiting for a busy moment). Here it
is parented to the application and deleted with ``deleteLater`` on the GUI
thread. An error the caller did not ask to handle goes to ``sys.excepthook``
on the GUI thread, where the crash handler reports it.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Callable, Coroutine
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from shiboken6 import isValid

T = TypeVar("T")
Failed = Callable[[Exception], None]


class _Carrier(QObject):
    """Lives on the GUI thread; runs the closures emitted to it from any thread."""

    call = Signal(object)  # a closure taking no arguments

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self.call.connect(self._run)

    @Slot(object)
    def _run(self, closure: Callable[[], None]) -> None:
        closure()


class GuiDelivery:
    """Calls made from any thread, run on the GUI thread while ``owner`` lives.

    ``close`` (from any thread) ends the stream: later calls are dropped and the
    carrier is deleted on the GUI thread after the calls already posted.
    """

    def __init__(self, owner: QObject, on_owner_gone: Callable[[], None] | None = None) -> None:
        self._owner = owner
        self._open = True  # accepting calls
        self._owner_alive = True
        self._carrier = _Carrier()
        carrier = self._carrier

        def owner_gone() -> None:
            self._open = self._owner_alive = False
            if on_owner_gone is not None:
                on_owner_gone()
            if isValid(carrier):
                carrier.deleteLater()

        # Disconnected at close: a long-lived owner (the main window) starts many.
        self._watch = owner.destroyed.connect(owner_gone)

    def __call__(self, call: Callable[..., None], *args: Any) -> None:
        if self._open:
            _emit(self._carrier, lambda: self._run(call, args))

    def _run(self, call: Callable[..., None], args: tuple[Any, ...]) -> None:
        if self._owner_alive and isValid(self._owner):
            call(*args)

    def close(self) -> None:
        if not self._open:
            return
        self._open = False
        _emit(self._carrier, self._end)

    def _end(self) -> None:
        """On the GUI thread, after every call posted before ``close``."""
        if self._owner_alive and isValid(self._owner):
            QObject.disconnect(self._watch)
        if isValid(self._carrier):
            self._carrier.deleteLater()


def _emit(carrier: QObject, closure: Callable[[], None]) -> None:
    """Post ``closure`` to the carrier; nothing if the app (and the carrier) are gone.

    A worker may finish after the app has quit and taken its carriers with it
    (a start-up probe that quits at the first paint); then nobody waits.
    """
    if not isValid(carrier):
        return
    try:
        carrier.call.emit(closure)  # type: ignore[attr-defined]
    except RuntimeError:
        if isValid(carrier):
            raise  # not the carrier's deletion: a real error


class Work(Generic[T]):
    """A handle on one piece of work: cancel it, or ask whether it still runs.

    Thread work can poll ``cancelled`` (a ``threading.Event``) to stop early.
    """

    def __init__(self) -> None:
        self.cancelled = threading.Event()
        self._running = True
        self._task: asyncio.Task[T] | None = None

    def cancel(self) -> None:
        self.cancelled.set()
        self._running = False
        if self._task is not None:
            self._task.cancel()

    def is_running(self) -> bool:
        return self._running

    def _finish(self, call: Callable[..., None], value: object) -> None:
        if self.cancelled.is_set():
            return
        self._running = False
        call(value)


def run_in_thread(
    owner: QObject,
    work: Callable[[], T],
    done: Callable[[T], None],
    failed: Failed | None = None,
) -> Work[T]:
    """Run ``work`` on its own thread; ``done(result)`` or ``failed(error)`` on the GUI thread."""
    handle: Work[T] = Work()
    deliver = GuiDelivery(owner, on_owner_gone=handle.cancel)
    on_error = failed or report_unexpected

    def job() -> None:
        try:
            result = work()
        except Exception as error:  # handed to the GUI thread, which reports it
            deliver(handle._finish, on_error, error)
        else:
            deliver(handle._finish, done, result)
        deliver.close()

    threading.Thread(target=job, name="tingxie-background", daemon=True).start()
    return handle


def run_coroutine(
    owner: QObject,
    make: Callable[[], Coroutine[Any, Any, T]],
    done: Callable[[T], None],
    failed: Failed | None = None,
    *,
    shared: bool = False,
) -> Work[T] | None:
    """Run a coroutine for ``owner``: on the app's loop if one runs here, else on a thread.

    ``shared=True`` is for a request on a client others share (the job engine's),
    bound to the app's loop: it runs only there (``None``, and no answer, where no
    loop runs: a client must never be used from a second loop), and a closed owner
    drops its answer rather than cancelling it, because cancelling an httpx request
    in flight can strand a slot of the shared connection pool.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        if shared:
            return None
        return run_in_thread(owner, lambda: asyncio.run(make()), done, failed)
    handle: Work[T] = Work()
    on_error = failed or report_unexpected
    task = loop.create_task(make())
    if not shared:
        handle._task = task
    owner.destroyed.connect(lambda *_: handle.cancel())

    def finished(task: asyncio.Task[T]) -> None:
        if task.cancelled() or handle.cancelled.is_set() or not isValid(owner):
            return
        error = task.exception()
        if isinstance(error, Exception):
            handle._finish(on_error, error)
        elif error is None:
            handle._finish(done, task.result())

    task.add_done_callback(finished)
    return handle


def report_unexpected(error: Exception) -> None:
    """An error nobody handles: to ``sys.excepthook`` (the crash handler), on the GUI thread."""
    sys.excepthook(type(error), error, error.__traceback__)
