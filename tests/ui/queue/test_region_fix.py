"""The app's side of "never silent" and "a fixed region applies at once": the queue's
trouble banner names the host it cannot reach, and saving the right address in
Settings moves the waiting job now, not at its next back-off."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.dashscope.options import TranscriptionOptions
from desktop.jobs.sources import expand
from desktop.settings import Settings, save_settings
from desktop.store.jobs import JobState
from desktop.store.library import Library
from desktop.ui.queue.bridge import EngineBridge
from tests.fake_dashscope.config import EmulatorConfig
from tests.fake_dashscope.server import Emulator
from tests.helpers.queue_media import spoken_folder
from tests.helpers.waiting import until


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    config = EmulatorConfig(processing_speed=2000.0, pending_s=0.05)
    with Emulator(config, storage_dir=tmp_path / "emulator") as running:
        yield running


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/v1"


async def started(bridge: EngineBridge) -> None:
    bridge.start()


def test_the_banner_names_the_unreachable_host_and_a_fixed_address_applies_at_once(
    qtbot, loop, emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHSCOPE_API_KEY", emulator.api_key)
    wrong = closed_port_url()
    save_settings(Settings(region="custom", custom_url=wrong))
    library = Library.open()
    bridge = EngineBridge(library)
    banner: list[str] = []
    bridge.trouble.connect(banner.append)
    loop.run_until_complete(until(bridge.key_known, "the key"))
    loop.run_until_complete(started(bridge))
    clip = spoken_folder(tmp_path / "media", 1)[0]
    (job,) = bridge.engine.add(expand([str(clip)]), "paraformer-v2", TranscriptionOptions())
    host = wrong.split("/")[2]
    said = f"cannot reach {host}: connection refused; next try in"
    loop.run_until_complete(until(lambda: any(t and said in t for t in banner), "the banner", 15))
    # The engine now waits 1, 3, 10… s; the right address in Settings ends the wait.
    loop.run_until_complete(until(lambda: any(t and "next try in 3 s" in t for t in banner),
                                  "a longer wait", 15))  # fmt: skip
    save_settings(Settings(region="custom", custom_url=emulator.base_url))
    fixed_at = loop.time()
    bridge.reload_client()
    loop.run_until_complete(
        until(lambda: library.jobs.get(job.id).state is JobState.DONE, "the job done", 20)
    )
    assert loop.time() - fixed_at < 2.5  # sooner than the 3 s wait it was in
    assert library.jobs.get(job.id).endpoint == emulator.base_url
    assert banner[-1] == ""  # the trouble is over: no banner
    loop.run_until_complete(bridge.shutdown())
    library.close()
