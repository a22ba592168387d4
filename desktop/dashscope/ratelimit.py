"""Async token buckets that keep the client under the service's request-rate limits.

The service throttles per model for submits (10 or 20 per second) and per
account for query/list/cancel (20 per second, shared). A bucket with room for
a single request refilled at 90 % of the limit never puts more than the limit
into any one-second window, however many jobs wait on it; waiters are served
in arrival order so none starves.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from desktop.domain import catalog

UPLOAD_POLICY_RPS = 100  # getPolicy: 100 QPS per account and model


class TokenBucket:
    """``rate`` requests per second with bursts of at most ``capacity``."""

    def __init__(
        self,
        rate: float,
        capacity: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate <= 0 or capacity < 1:
            raise ValueError("a bucket needs a positive rate and room for one request")
        self.rate = rate
        self.capacity = capacity
        self._clock = clock
        self._sleep = sleep
        self._tokens = capacity
        self._stamp = clock()
        self._lock = asyncio.Lock()  # FIFO: waiters are served in order

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                self._refill()
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                await self._sleep((1 - self._tokens) / self.rate)

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now


@dataclass
class RateLimits:
    """Buckets per limit; ``headroom`` < 1 keeps a margin below the published rates."""

    headroom: float = 0.9
    query_rps: float = catalog.QUERY_RPS
    submit_rps: dict[str, float] = field(default_factory=dict)  # overrides per model
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    _buckets: dict[str, TokenBucket] = field(default_factory=dict, init=False, repr=False)

    def submit(self, model: str) -> TokenBucket:
        rate = self.submit_rps.get(model) or _catalog_rps(model)
        return self._bucket(f"submit:{model}", rate)

    def query(self) -> TokenBucket:
        """Shared by query, list and cancel (one account-wide limit)."""
        return self._bucket("query", self.query_rps)

    def upload_policy(self, model: str) -> TokenBucket:
        return self._bucket(f"policy:{model}", UPLOAD_POLICY_RPS)

    def _bucket(self, name: str, rate: float) -> TokenBucket:
        bucket = self._buckets.get(name)
        if bucket is None:
            bucket = TokenBucket(rate * self.headroom, clock=self.clock, sleep=self.sleep)
            self._buckets[name] = bucket
        return bucket


def _catalog_rps(model: str) -> float:
    try:
        return catalog.get(model).submit_rps
    except catalog.UnknownModelError:
        return min(m.submit_rps for m in catalog.MODELS)
