"""The client against the emulator: fast retries and polls, recorded back-off sleeps."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.polling import PollPolicy
from desktop.dashscope.retry import RetryPolicy
from tests.fake_dashscope import Emulator
from tests.helpers.media import speech

FAST_RETRY = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05, jitter=0.25)
FAST_POLL = PollPolicy(first=0.02, factor=1.5, longest=0.1)


class Sleeps:
    """Records every back-off the client asks for, and waits only a token moment."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)
        await asyncio.sleep(min(seconds, 0.01))


def make_client(emulator: Emulator, **kw: Any) -> DashScopeClient:
    options: dict[str, Any] = {"retry": FAST_RETRY, "poll": FAST_POLL}
    options.update(kw)
    key = options.pop("api_key", emulator.api_key)
    return DashScopeClient(Endpoint.named(emulator.base_url), key, **options)


def short_timeout_http(seconds: float = 0.5) -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=httpx.Timeout(seconds))


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture(scope="session")
def spoken_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 3 s of English speech the emulator can analyse."""
    folder = tmp_path_factory.mktemp("client-media")
    return speech(folder / "spoken.wav", "the client sends this speech to the service")
