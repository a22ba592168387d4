"""Backoff delays, the service's Retry-After, and the one retry loop every client call uses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from desktop.dashscope.errors import AuthError, ServerError
from desktop.dashscope.retry import RetryPolicy, TryAgain, retry_after_seconds, retrying


def test_backoff_doubles_with_bounded_jitter_and_a_cap():
    policy = RetryPolicy(base_delay=0.5, max_delay=4.0, jitter=0.25)
    for retry, base in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (9, 4.0)]:
        delays = {policy.delay(retry) for _ in range(50)}
        assert all(base <= d <= base * 1.25 for d in delays)
        assert len(delays) > 1  # jitter: jobs failing together do not retry in lockstep


def test_retry_after_wins_and_is_capped():
    policy = RetryPolicy(max_retry_after=60)
    assert policy.delay(1, retry_after=7) == 7
    assert policy.delay(1, retry_after=3600) == 60


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry-After": "3"}, 3.0),
        ({"retry-after-ms": "250"}, 0.25),
        ({}, None),
        ({"Retry-After": "soon"}, None),
    ],
)
def test_retry_after_header_forms(headers, seconds):
    assert retry_after_seconds(httpx.Response(429, headers=headers)) == seconds


def test_retry_after_as_http_date():
    when = datetime.now(UTC) + timedelta(seconds=30)
    seconds = retry_after_seconds(
        httpx.Response(503, headers={"Retry-After": format_datetime(when, usegmt=True)})
    )
    assert seconds is not None and 25 <= seconds <= 30


class Attempts:
    """An attempt that fails with the given exceptions in turn, then answers "done"."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return "done"


class Pauses(list):
    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.mark.asyncio
async def test_only_a_failure_marked_try_again_is_tried_again():
    policy, pauses = RetryPolicy(attempts=3, base_delay=1.0, jitter=0.0), Pauses()
    attempt = Attempts(TryAgain(ServerError("busy")), TryAgain(ServerError("busy")))
    assert await retrying(attempt, policy, pauses, what="GET /x") == "done"
    assert (attempt.calls, pauses) == (3, [1.0, 2.0])
    refused = Attempts(AuthError("bad key"))
    with pytest.raises(AuthError):
        await retrying(refused, policy, pauses, what="GET /x")
    assert refused.calls == 1


@pytest.mark.asyncio
async def test_when_no_try_is_left_the_caller_sees_the_failure_itself():
    policy, pauses = RetryPolicy(attempts=2, jitter=0.0), Pauses()
    last = ServerError("still busy")
    attempt = Attempts(TryAgain(ServerError("busy")), TryAgain(last))
    with pytest.raises(ServerError) as caught:
        await retrying(attempt, policy, pauses, what="GET /x")
    assert caught.value is last
    assert len(pauses) == 1  # no pause after the last try


@pytest.mark.asyncio
async def test_a_failure_that_says_try_now_is_tried_again_without_a_pause():
    policy, pauses = RetryPolicy(attempts=3), Pauses()
    attempt = Attempts(TryAgain(ServerError("expired"), retry_after=0.0))
    assert await retrying(attempt, policy, pauses, what="upload") == "done"
    assert (attempt.calls, pauses) == (2, [])
