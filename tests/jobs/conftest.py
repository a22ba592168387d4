"""An emulated service and an engine wired to it, for the queue tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from desktop.dashscope.client import DashScopeClient, PollPolicy
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.retry import RetryPolicy
from desktop.jobs.engine import EngineSettings, JobEngine
from desktop.store.library import Library
from tests.fake_dashscope.config import EmulatorConfig
from tests.fake_dashscope.server import Emulator
from tests.helpers.media import speech
from tests.helpers.queue_media import spoken_folder

# Quick polls and retries: the emulator answers in milliseconds.
FAST_POLL = PollPolicy(first=0.05, factor=1.5, longest=0.3)
FAST_RETRY = RetryPolicy(attempts=5, base_delay=0.02, max_delay=0.2)
FAST_ENGINE = EngineSettings(retry_delays_s=(0.05, 0.1, 0.2), batch_linger_s=0.5)


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    config = EmulatorConfig(processing_speed=2000.0, pending_s=0.05)
    with Emulator(config, storage_dir=tmp_path / "emulator") as running:
        yield running


@pytest.fixture(scope="session")
def spoken_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One espeak-ng sentence at 16 kHz, shared by every folder the tests make."""
    return speech(tmp_path_factory.mktemp("speech") / "base.wav", "Queue test, one two three.")


@pytest.fixture
def make_folder(tmp_path: Path, spoken_base: Path):
    def make(count: int, name: str = "media") -> list[Path]:
        return spoken_folder(tmp_path / name, count, base=spoken_base)

    return make


def client_for(emulator: Emulator, key: str | None = None) -> DashScopeClient:
    return DashScopeClient(
        Endpoint.named(emulator.base_url),
        key or emulator.api_key,
        retry=FAST_RETRY,
        poll=FAST_POLL,
    )


@pytest.fixture
def library(tingxie_home: Path) -> Iterator[Library]:
    with Library.open() as opened:
        yield opened


@pytest_asyncio.fixture
async def engine(library: Library, emulator: Emulator) -> AsyncIterator[JobEngine]:
    client = client_for(emulator)
    running = JobEngine(library, client, FAST_ENGINE)
    yield running
    await running.stop()
    await client.aclose()
