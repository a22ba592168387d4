"""An emulated service and an engine wired to it, for the queue tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from desktop.dashscope.client import DashScopeClient
from desktop.jobs.engine import EngineSettings, JobEngine
from desktop.store.library import Library
from tests.fake_dashscope.server import Emulator
from tests.helpers.clients import FAST_ENGINE, fast_client, fast_emulator_config
from tests.helpers.media import speech
from tests.helpers.queue_media import SENTENCE, spoken_folder


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    config = fast_emulator_config()
    with Emulator(config, storage_dir=tmp_path / "emulator") as running:
        yield running


@pytest.fixture(scope="session")
def spoken_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One espeak-ng sentence at 16 kHz, shared by every folder the tests make."""
    return speech(tmp_path_factory.mktemp("speech") / "base.wav", SENTENCE)


@pytest.fixture
def make_folder(tmp_path: Path, spoken_base: Path):
    def make(count: int, name: str = "media") -> list[Path]:
        return spoken_folder(tmp_path / name, count, base=spoken_base)

    return make


@pytest.fixture
def library(tingxie_home: Path) -> Iterator[Library]:
    with Library.open() as opened:
        yield opened


@pytest_asyncio.fixture
async def client(emulator: Emulator) -> AsyncIterator[DashScopeClient]:
    """A fast client of the emulator, shared by the engines a test makes."""
    async with fast_client(emulator) as running:
        yield running


@pytest_asyncio.fixture
async def make_engine(
    library: Library, client: DashScopeClient
) -> AsyncIterator[Callable[[EngineSettings], JobEngine]]:
    """Engines on the test's library with the given settings; all stopped at the end."""
    made: list[JobEngine] = []

    def make(settings: EngineSettings = FAST_ENGINE) -> JobEngine:
        made.append(JobEngine(library, client, settings))
        return made[-1]

    yield make
    for engine in made:
        await engine.stop()


@pytest.fixture
def engine(make_engine: Callable[[EngineSettings], JobEngine]) -> JobEngine:
    """An engine with the fast settings, not yet started."""
    return make_engine(FAST_ENGINE)
