"""When and how long to wait before trying a failed request again, and the one loop that does.

Network errors, 5xx and 429 are retried with exponential backoff and jitter
(so many jobs failing together do not retry in lockstep); a ``Retry-After``
from the service wins over the computed delay. Other 4xx are the caller's
mistake and are never retried.

Every retry inside the client goes through :func:`retrying`: an attempt
says "worth another try" by raising :class:`TryAgain`, and anything else it
raises ends the retries at once. Each caller thus states exactly which
failures it repeats (a submit that may have arrived is not repeated blindly;
an upload whose policy expired is repeated at once), while counting, back-off
and giving up live here only.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

import httpx

log = logging.getLogger(__name__)

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # total tries, the first one included
    base_delay: float = 0.5
    max_delay: float = 30.0
    jitter: float = 0.25  # up to this fraction added at random
    max_retry_after: float = 300.0

    def delay(self, retry_number: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry ``retry_number`` (1 = the first retry)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        base = min(self.base_delay * 2 ** (retry_number - 1), self.max_delay)
        return base * (1 + random.uniform(0, self.jitter))


def retry_after_seconds(response: httpx.Response) -> float | None:
    """``retry-after-ms``, or ``Retry-After`` in seconds or as an HTTP date."""
    millis = response.headers.get("retry-after-ms")
    if millis:
        try:
            return float(millis) / 1000
        except ValueError:
            pass
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


class TryAgain(Exception):
    """Raised by an attempt given to :func:`retrying`: ``error`` is worth another try.

    ``retry_after`` replaces the back-off when the failure itself says how long
    to wait (a ``Retry-After`` header; 0 for at once). When no try is left,
    ``error`` is what the caller sees.
    """

    def __init__(self, error: Exception, *, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


async def retrying(
    attempt: Callable[[], Awaitable[T]], policy: RetryPolicy, sleep: Sleep, *, what: str
) -> T:
    """The result of ``attempt()``, tried up to ``policy.attempts`` times.

    Only :class:`TryAgain` leads to another try (after the policy's back-off);
    any other exception passes through at once. ``what`` names the work in the
    log line of each retry, so it must not hold a secret or a signed URL.
    """
    for retry_number in range(1, policy.attempts + 1):
        try:
            return await attempt()
        except TryAgain as again:
            if retry_number == policy.attempts:
                raise again.error from None
            delay = policy.delay(retry_number, again.retry_after)
            log.info("%s failed (%s); retry %d in %.2f s", what, again.error, retry_number, delay)
            if delay > 0:
                await sleep(delay)
    raise AssertionError("a retry policy makes at least one attempt")
