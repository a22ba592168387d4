"""The emulator's clock: wall time that tests can speed up, stop or jump forward.

Task progress, upload-policy expiry, result-URL expiry and vocabulary
deployment are all read from this clock, so a test can make a task finish or a
signed URL expire by calling ``advance`` instead of sleeping. Rate limits use
the real monotonic clock: they model the service's throttling of real traffic.
"""

from __future__ import annotations

import threading
import time


class Clock:
    """Virtual epoch seconds: ``start + rate × real elapsed + offset``."""

    def __init__(self, *, rate: float = 1.0, start: float | None = None) -> None:
        self._lock = threading.Lock()
        self._start = time.time() if start is None else start
        self._base_real = time.monotonic()
        self._base_virtual = self._start
        self._rate = rate

    def now(self) -> float:
        with self._lock:
            return self._now_locked()

    def _now_locked(self) -> float:
        return self._base_virtual + (time.monotonic() - self._base_real) * self._rate

    def advance(self, seconds: float) -> None:
        """Jump forward: every deadline within ``seconds`` passes at once."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._base_virtual += seconds

    def set_rate(self, rate: float) -> None:
        """Virtual seconds per real second; 0 stops the clock (only ``advance`` moves it)."""
        if rate < 0:
            raise ValueError("rate must be >= 0")
        with self._lock:
            self._base_virtual = self._now_locked()
            self._base_real = time.monotonic()
            self._rate = rate

    def freeze(self) -> None:
        self.set_rate(0.0)

    @property
    def rate(self) -> float:
        return self._rate
