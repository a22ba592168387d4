"""One client per endpoint with the current key; a new key or default is heard at once."""

from __future__ import annotations

import asyncio

import pytest

from desktop.dashscope.endpoints import BEIJING, SINGAPORE, Endpoint
from desktop.dashscope.factory import ClientFactory


def test_one_client_per_endpoint_and_a_new_key_builds_new_ones() -> None:
    factory = ClientFactory("sk-one", BEIJING)
    heard: list[str] = []
    factory.on_change(lambda: heard.append("changed"))
    default = factory.client_for()
    assert default is factory.client_for(BEIJING.base_url) is factory.client_for(BEIJING)
    assert factory.client_for(SINGAPORE.base_url).endpoint == SINGAPORE
    custom = factory.client_for("http://127.0.0.1:9/api/v1")
    assert custom.endpoint == Endpoint.named("http://127.0.0.1:9/api/v1")
    factory.set_key("sk-one")  # the same key: same clients, but listeners hear it
    assert factory.client_for() is default and heard == ["changed"]
    factory.set_key("sk-two")
    assert factory.client_for() is not default
    factory.set_default(SINGAPORE)
    assert factory.default == SINGAPORE and len(heard) == 3
    factory.set_key(None)
    assert factory.client_for(BEIJING) is None  # no key: nobody to ask the service
    asyncio.run(factory.aclose())


def test_a_stored_endpoint_that_is_not_valid_is_refused() -> None:
    factory = ClientFactory("sk-one", BEIJING)
    with pytest.raises(ValueError, match="unencrypted"):
        factory.client_for("http://10.0.0.9/api/v1")  # plain http to another machine
