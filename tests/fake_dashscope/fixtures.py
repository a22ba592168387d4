"""pytest fixtures: an emulator per test, on loopback, in this process.

``dashscope_emulator`` gives the running ``Emulator``: ``base_url``,
``api_key``, ``clock`` (advance/freeze), ``faults``, ``config`` (switches, may
be changed mid-test), ``register_transcript``/``script``/``host_file``, and
``requests()``/``submit_bodies()`` for assertions on traffic. Override the
``emulator_config`` fixture in a test module to start it differently.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fake_dashscope.config import EmulatorConfig
from tests.fake_dashscope.server import Emulator


@pytest.fixture
def emulator_config() -> EmulatorConfig:
    return EmulatorConfig()


@pytest.fixture
def dashscope_emulator(emulator_config: EmulatorConfig, tmp_path: Path) -> Iterator[Emulator]:
    storage = tmp_path / "emulator-storage"
    storage.mkdir()
    with Emulator(emulator_config, storage_dir=storage) as emulator:
        yield emulator
