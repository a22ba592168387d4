"""Fixtures of the client tests: recorded back-off sleeps and a spoken file.

The client itself comes from ``tests.helpers.clients.fast_client``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.helpers.media import speech


class Sleeps:
    """Records every back-off the client asks for, and waits only a token moment."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)
        await asyncio.sleep(min(seconds, 0.01))


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture(scope="session")
def spoken_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 3 s of English speech the emulator can analyse."""
    folder = tmp_path_factory.mktemp("client-media")
    return speech(folder / "spoken.wav", "the client sends this speech to the service")
