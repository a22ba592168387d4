"""One client call for the GUI's account windows: the endpoint from Settings, the stored key.

The vocabularies window (and any later account view) asks for one action at
a time; each opens a client on the chosen endpoint with the key from the
keyring (or ``DASHSCOPE_API_KEY``), runs it and closes the connection.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from desktop.dashscope import credentials
from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.errors import AuthError, DashScopeError
from desktop.dashscope.factory import ClientFactory
from desktop.settings import SettingsError, load_settings

T = TypeVar("T")


async def with_account(action: Callable[[DashScopeClient], Awaitable[T]]) -> T:
    """Run ``action`` with a client for the user's endpoint and key."""
    key = credentials.load_api_key()
    if not key:
        raise AuthError(
            "no API key yet", code="NoKey", advice="Enter a key in Tools → Settings first."
        )
    try:
        endpoint = Endpoint.named(load_settings().endpoint_url())
    except (SettingsError, ValueError) as error:
        raise DashScopeError(
            str(error), code="BadEndpoint", advice="Fix the address in Settings."
        ) from None
    async with ClientFactory(key, endpoint) as clients:
        client = clients.client_for()
        assert client is not None  # there is a key
        return await action(client)
