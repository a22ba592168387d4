"""Shared test set-up: an isolated library per test, offscreen Qt, fixture paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fake_dashscope.fixtures import dashscope_emulator, emulator_config  # noqa: F401

# Widgets render offscreen unless a test starts its own process on the Xvfb screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def tingxie_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory, so no test sees another's library."""
    home = tmp_path / "tingxie-home"
    monkeypatch.setenv("TINGXIE_HOME", str(home))
    return home
