"""Settings → "Test key": does this key work on this endpoint?

One cheap authenticated call: listing the account's tasks of the last minute.
It costs nothing, changes nothing on the account, and is refused with 401 for
a wrong key or a key of the other region. The answer is a sentence for the
person, built from the service's reply — never from the key itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial

import httpx

from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.errors import AuthError, DashScopeError
from desktop.dashscope.factory import ClientFactory
from desktop.dashscope.retry import RetryPolicy

_QUICK = RetryPolicy(attempts=2, base_delay=0.5, max_delay=2.0, max_retry_after=5.0)


@dataclass(frozen=True)
class KeyCheck:
    ok: bool
    message: str


async def check_api_key(
    endpoint_url: str, api_key: str, *, http: httpx.AsyncClient | None = None
) -> KeyCheck:
    """Try ``api_key`` against ``endpoint_url`` with one list request."""
    try:
        endpoint = Endpoint.named(endpoint_url)
    except ValueError as error:
        return KeyCheck(False, str(error))
    host = endpoint.base_url.split("/")[2]
    build = partial(DashScopeClient, http=http, retry=_QUICK)
    try:
        async with ClientFactory(api_key, endpoint, build=build) as clients:
            client = clients.client_for()
            if client is None:
                return KeyCheck(False, "There is no key to test; paste one first.")
            now = datetime.now(UTC)
            await client.list_tasks(start=now - timedelta(minutes=1), end=now)
    except AuthError as error:
        return KeyCheck(False, f"{host} refused the key ({error}). {error.advice}")
    except DashScopeError as error:
        return KeyCheck(False, f"{host}: {error}. {error.advice}")
    except ValueError as error:  # an empty key
        return KeyCheck(False, str(error))
    return KeyCheck(True, f"The key works on {host}.")
