"""Which endpoint and key this process uses, and where each came from: one rule for all.

The app and the command line follow the same precedence: ``--endpoint``
(command line only) beats ``TINGXIE_ENDPOINT`` beats the region chosen in
Settings (Beijing on a new install); ``DASHSCOPE_API_KEY`` beats the keyring
(``desktop.dashscope.credentials.find_api_key``). The source is kept with the
answer so Settings can say "set by TINGXIE_ENDPOINT" and lock that field.

It sits above both ``desktop.settings`` and ``desktop.dashscope``, which do
not know each other. No Qt.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from desktop.dashscope import credentials
from desktop.dashscope.account import with_account
from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.errors import DashScopeError
from desktop.domain.catalog import Region
from desktop.settings import Settings, SettingsError, catalog_region, load_settings, settings_path

ENDPOINT_VAR = "TINGXIE_ENDPOINT"
EndpointSource = Literal["option", "environment", "settings"]
T = TypeVar("T")


class EndpointChoiceError(ValueError):
    """The endpoint in force cannot be used; the message names where it was set and the fix."""


@dataclass(frozen=True)
class ChosenEndpoint:
    endpoint: Endpoint
    source: EndpointSource  # "option": --endpoint; "environment": TINGXIE_ENDPOINT


def endpoint_override(option: str | None = None) -> tuple[str, EndpointSource] | None:
    """The endpoint named outside Settings (``--endpoint``, then the variable), or ``None``."""
    if option:
        return option, "option"
    from_env = os.environ.get(ENDPOINT_VAR, "").strip()
    if from_env:
        return from_env, "environment"
    return None


def choose_endpoint(option: str | None = None, settings: Settings | None = None) -> ChosenEndpoint:
    """The endpoint new work goes to, or ``EndpointChoiceError`` naming where it was set."""
    override = endpoint_override(option)
    if override is None:
        settings = settings or load_settings()
        try:
            url = settings.endpoint_url()
        except SettingsError as error:
            raise EndpointChoiceError(f"{settings_path()}: {error}; fix it in Settings") from None
        return ChosenEndpoint(Endpoint.named(url), "settings")
    text, source = override
    try:
        return ChosenEndpoint(Endpoint.named(text), source)
    except ValueError as error:
        where = "--endpoint" if source == "option" else ENDPOINT_VAR
        raise EndpointChoiceError(f"{where}: {error}") from None


def models_region(settings: Settings | None = None) -> Region | None:
    """The catalog region whose models new jobs may use: that of the endpoint in force.

    ``None``: a custom host (a proxy), whose models are not checked, or an
    endpoint that cannot be used (its own error is reported where it is used).
    """
    settings = settings or load_settings()
    if endpoint_override() is None:
        return catalog_region(settings)
    try:
        return choose_endpoint(settings=settings).endpoint.region
    except EndpointChoiceError:
        return None


async def with_users_account(action: Callable[[DashScopeClient], Awaitable[T]]) -> T:
    """Run ``action`` with a client for the endpoint and key in force (the GUI's account views).

    The key is read on a worker thread: a locked keyring must not freeze the window.
    """
    try:
        endpoint = choose_endpoint().endpoint
    except EndpointChoiceError as error:
        raise DashScopeError(
            str(error), code="BadEndpoint", advice="Fix the address in Settings."
        ) from None
    key = await asyncio.to_thread(credentials.load_api_key)
    return await with_account(endpoint, key, action)
