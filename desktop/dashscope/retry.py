"""When and how long to wait before trying a failed request again.

Network errors, 5xx and 429 are retried with exponential backoff and jitter
(so many jobs failing together do not retry in lockstep); a ``Retry-After``
from the service wins over the computed delay. Other 4xx are the caller's
mistake and are never retried.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx


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
