"""Shared test set-up: an isolated library per test, offscreen Qt, fixture paths."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.ui.util.garbage import GuiThreadCollector
from tests.fake_dashscope.fixtures import dashscope_emulator, emulator_config  # noqa: F401

# Widgets render offscreen unless a test starts its own process on the Xvfb screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def tingxie_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory, so no test sees another's library."""
    home = tmp_path / "tingxie-home"
    monkeypatch.setenv("TINGXIE_HOME", str(home))
    return home


class _Collector:
    """The session's one GUI-thread collector, started by the first test that uses Qt."""

    current: GuiThreadCollector | None = None


@pytest.fixture(autouse=True)
def gui_thread_garbage(request: pytest.FixtureRequest) -> Iterator[None]:
    """Cycles are collected on the GUI thread from the first Qt test on, as in the app.

    Otherwise a worker thread of a later test (an HTTP request, the autosaver) may
    collect a closed widget of an earlier one and destroy its QObjects there.
    """
    if _Collector.current is None and {"qtbot", "qapp"} & set(request.fixturenames):
        _Collector.current = GuiThreadCollector(request.getfixturevalue("qapp"))
        _Collector.current.start()
    yield
    if _Collector.current is not None:
        _Collector.current.collect_due()  # also between tests that never run Qt's loop
