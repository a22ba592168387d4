"""One client call for an account view: a client on the given endpoint with the given key.

The vocabularies window (and any later account view) asks for one action at
a time; each opens a client, runs it and closes the connection. Which
endpoint and key are in force is decided above this layer
(``desktop.connection.with_users_account``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.errors import AuthError
from desktop.dashscope.factory import ClientFactory

T = TypeVar("T")


async def with_account(
    endpoint: Endpoint, key: str | None, action: Callable[[DashScopeClient], Awaitable[T]]
) -> T:
    """Run ``action`` with a client for ``endpoint`` and ``key``; ``AuthError`` without a key."""
    if not key:
        raise AuthError(
            "no API key yet", code="NoKey", advice="Enter a key in Tools → Settings first."
        )
    async with ClientFactory(key, endpoint) as clients:
        client = clients.client_for()
        assert client is not None  # there is a key
        return await action(client)
