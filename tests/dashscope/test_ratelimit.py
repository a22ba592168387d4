"""Token buckets on a virtual clock: never more than the limit in any second, nobody starves."""

from __future__ import annotations

import asyncio
from bisect import bisect_left

import pytest

from desktop.dashscope.ratelimit import RateLimits, TokenBucket


class VirtualTime:
    """A clock that moves only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


def most_in_any_second(stamps: list[float]) -> int:
    stamps = sorted(stamps)
    return max(i - bisect_left(stamps, t - 1.0 + 1e-9) + 1 for i, t in enumerate(stamps))


@pytest.mark.asyncio
@pytest.mark.parametrize("limit", [10, 20])
async def test_a_hundred_waiters_stay_under_the_limit_in_every_second(limit):
    time = VirtualTime()
    limits = RateLimits(clock=time.clock, sleep=time.sleep)
    bucket = limits.submit("paraformer-v2" if limit == 20 else "fun-asr")
    granted: list[tuple[int, float]] = []

    async def job(number: int) -> None:
        await bucket.acquire()
        granted.append((number, time.now))

    await asyncio.gather(*(job(n) for n in range(100)))
    assert len(granted) == 100
    assert most_in_any_second([t for _, t in granted]) < limit
    # First come, first served: nobody is overtaken.
    assert [n for n, _ in granted] == list(range(100))


@pytest.mark.asyncio
async def test_query_list_and_cancel_share_one_bucket():
    limits = RateLimits()
    assert limits.query() is limits.query()
    assert limits.submit("fun-asr") is not limits.submit("paraformer-v2")
    assert limits.submit("paraformer-v2").rate == pytest.approx(20 * limits.headroom)
    assert limits.submit("fun-asr").rate == pytest.approx(10 * limits.headroom)
    assert limits.query().rate == pytest.approx(20 * limits.headroom)


def test_a_bucket_needs_a_positive_rate():
    with pytest.raises(ValueError):
        TokenBucket(0)
