"""A concurrency limit that can change while work is under way.

``asyncio.Semaphore`` fixes its size at creation, so a new upload or download
limit chosen in Settings could only apply after a restart. ``Slots`` takes a
new limit at any time: raising it starts waiting work at once; lowering it
lets the work in progress finish and starts nothing new until the count is
under the new limit. Waiters are served first come, first served.
"""

from __future__ import annotations

import asyncio
from collections import deque
from types import TracebackType


class Slots:
    """At most ``limit`` holders at once; ``async with slots:`` holds one."""

    def __init__(self, limit: int) -> None:
        self._limit = _checked(limit)
        self._held = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    @property
    def limit(self) -> int:
        return self._limit

    @property
    def held(self) -> int:
        return self._held

    def resize(self, limit: int) -> None:
        self._limit = _checked(limit)
        self._grant()

    async def acquire(self) -> None:
        if self._held < self._limit and not self._waiters:
            self._held += 1
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # granted just as it was cancelled: hand the slot on
            elif waiter in self._waiters:  # (a grant may have skipped it already)
                self._waiters.remove(waiter)
            raise

    def release(self) -> None:
        if self._held <= 0:
            raise RuntimeError("Slots released more often than acquired")
        self._held -= 1
        self._grant()

    def _grant(self) -> None:
        while self._waiters and self._held < self._limit:
            waiter = self._waiters.popleft()
            if not waiter.done():
                self._held += 1
                waiter.set_result(None)

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _checked(limit: int) -> int:
    if limit < 1:
        raise ValueError(f"a concurrency limit must be at least 1, not {limit}")
    return limit
