"""The service's throttling: requests per second per bucket, over a sliding second.

Buckets (protocol doc §2.3, §6): submit per model (the catalog's ``submit_rps``),
query + list + cancel shared by the account (20), getPolicy per model (100).
Real time, not the emulator's clock: throttling is about real traffic.
"""

from __future__ import annotations

import threading
import time
from collections import deque


class RateLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}

    def allow(self, bucket: str, per_second: float) -> bool:
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(bucket, deque())
            while hits and now - hits[0] >= 1.0:
                hits.popleft()
            if len(hits) >= per_second:
                return False
            hits.append(now)
            return True

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()
