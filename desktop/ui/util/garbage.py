"""Python's cycle collector, run on the GUI thread only.

Python collects reference cycles on whichever thread happens to allocate when
a threshold is crossed. When that is a worker thread (the autosaver, the
waveform decoder, a "Test key" request) and the cycle holds a QObject that
Python owns (a closed dialog, its timers), the QObject is destroyed on the
wrong thread: Qt warns "Timers cannot be stopped from another thread", and
sometimes the process crashes. So automatic collection is switched off and
the GUI thread collects, from a timer, with the same thresholds Python would
use (the recipe long used by PyQt applications such as Eric and calibre).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """While started, cycles are collected only here, on the thread that owns this object."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Collect everything now, then give collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def collect_due(self) -> None:
        """Collect the generations whose allocation counts passed Python's thresholds."""
        first, second, third = self._thresholds
        young, middle, old = gc.get_count()
        if young < first:
            return
        if middle < second:
            gc.collect(0)
        elif old < third:
            gc.collect(1)
        else:
            gc.collect(2)
