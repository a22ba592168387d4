"""The engine's one way of waiting before trying again, and of ending every wait at once.

Every step of the queue (upload, submit, poll, fetch, reconcile) retries
passing trouble forever with growing delays, because the user may have gone
home. But a wait is only worth its length while nothing changed: when the
user enters a new key or picks another region, every waiting step must try
again *now*, not after its 60 s. :meth:`Backoff.wake` ends every current
wait at once (one event per generation, so waits started later are not
affected) and the woken steps start their delays from the first again.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import Iterator, Sequence


class Backoff:
    """The delays of one engine and the wake-up shared by all its waits."""

    def __init__(self, delays_s: Sequence[float]) -> None:
        if not delays_s:
            raise ValueError("at least one retry delay is needed")
        self._delays = tuple(delays_s)
        self._woken = asyncio.Event()
        self.generation = 0  # counts wakes: a try that failed before one is stale

    def wake(self) -> None:
        """End every wait under way now; a try that was in flight meanwhile does not wait
        at all (it failed against what was just replaced)."""
        self.generation += 1
        self._woken.set()
        self._woken = asyncio.Event()

    def attempts(self) -> Attempts:
        """The waits of one step's retries, from the first delay."""
        return Attempts(self)

    def _series(self) -> Iterator[float]:
        return itertools.chain(self._delays, itertools.repeat(self._delays[-1]))


class Attempts:
    """One retrying step: ``trying`` before each try, ``next_delay`` says how long the
    next wait is, ``wait`` waits it."""

    def __init__(self, backoff: Backoff) -> None:
        self._backoff = backoff
        self._series = backoff._series()
        self._next: float | None = None
        self._tried_at = backoff.generation

    def trying(self) -> None:
        """A try starts now: a wake from here on makes its failure not worth a wait."""
        self._tried_at = self._backoff.generation

    def next_delay(self) -> float:
        """The coming wait's length (the same until it has been waited)."""
        if self._next is None:
            self._next = next(self._series)
        return self._next

    async def wait(self) -> bool:
        """Wait the next delay; ``True`` if a wake ended it early or came during the try
        (the delays start over)."""
        delay = self.next_delay()
        self._next = None
        if self._backoff.generation != self._tried_at:
            self._series = self._backoff._series()
            return True
        woken = self._backoff._woken
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(woken.wait(), delay)
        if woken.is_set():
            self._series = self._backoff._series()
            return True
        return False
