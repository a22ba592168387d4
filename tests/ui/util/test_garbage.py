"""Cycles holding QObjects are destroyed on the GUI thread, never on a worker thread."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from desktop.ui.util.garbage import GuiThreadCollector


class _Holder:
    """A closed dialog's shape: Python owns a QObject and the pair sits in a cycle."""

    def __init__(self) -> None:
        self.qobject = QObject()
        self.me = self


def _cycle_finalized_on(kept: list[object]) -> list[str]:
    """Make cyclic garbage, then allocate on a worker thread until a collection is due."""
    threads: list[str] = []
    holder = _Holder()
    weakref.finalize(holder, lambda: threads.append(threading.current_thread().name))
    del holder

    def allocate() -> None:
        kept.extend([] for _ in range(50_000))  # new containers: a collection falls due

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    return threads


def test_a_worker_thread_never_collects_a_cycle_while_the_collector_runs(qtbot, qapp) -> None:
    collector = GuiThreadCollector()
    collector.start()
    try:
        kept: list[object] = []
        finalized = _cycle_finalized_on(kept)
        assert finalized == []  # the worker allocated plenty, and collected nothing
        qtbot.waitUntil(lambda: finalized != [], timeout=20_000)  # the GUI thread's timer
        assert finalized == ["MainThread"]
    finally:
        collector.stop()


def test_without_it_the_worker_thread_would_destroy_the_qobject() -> None:
    """The hazard the collector exists for (a plain QObject here: no warning, same path)."""
    gc.collect()
    enabled = gc.isenabled()
    gc.enable()
    try:
        assert _cycle_finalized_on([]) == ["worker"]
    finally:
        if not enabled:
            gc.disable()
