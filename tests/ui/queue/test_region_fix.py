"""The app's side of "never silent" and "a fixed region applies at once": the queue's
trouble banner names the host it cannot reach, and saving the right address in
Settings moves the waiting job now, not at its next back-off."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.app import start_queue
from desktop.dashscope.options import TranscriptionOptions
from desktop.jobs.sources import expand
from desktop.settings import Settings, save_settings
from desktop.store.jobs import JobState
from desktop.store.library import Library, LibraryFile
from desktop.ui.mainwindow.window import MainWindow
from desktop.ui.queue.bridge import EngineBridge
from desktop.ui.queue.controller import QueueController
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


def open_window(qtbot, loop) -> tuple[MainWindow, QueueController]:
    """The main window with its queue, as ``run_gui`` builds it, the engine started."""
    window = MainWindow(LibraryFile.default())  # closed by close_window, not by qtbot
    window.show()
    controller = start_queue(window, run=False)
    assert controller is not None
    loop.run_until_complete(until(controller.bridge.key_known, "the key"))
    loop.run_until_complete(started(controller.bridge))
    return window, controller


def close_window(loop, window: MainWindow, controller: QueueController) -> None:
    """The engine stopped, the window gone, without the quit question (jobs are left)."""
    loop.run_until_complete(controller.bridge.shutdown())
    window.hide()
    window.deleteLater()


def banner(controller: QueueController) -> str:
    """The queue's trouble banner as a person sees it: its text while it is shown."""
    label = controller.panel.trouble
    return label.text() if label.isVisible() else ""


def wait_for_banner(loop, controller: QueueController, said: str, seen: list[str]) -> None:
    """Until the banner shows ``said``; a failure quotes what it showed instead."""
    try:
        loop.run_until_complete(until(lambda: said in banner(controller), said, 20))
    except AssertionError as error:
        raise AssertionError(f"{error}; the banner said {seen}") from None


def test_in_the_window_the_banner_says_it_and_saving_settings_moves_the_job_now(
    qtbot, loop, emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHSCOPE_API_KEY", emulator.api_key)
    monkeypatch.delenv("TINGXIE_ENDPOINT", raising=False)  # Settings decide
    wrong = closed_port_url()
    save_settings(Settings(region="custom", custom_url=wrong))
    window, controller = open_window(qtbot, loop)
    try:
        seen: list[str] = []
        controller.bridge.trouble.connect(seen.append)
        clip = spoken_folder(tmp_path / "media", 1)[0]
        engine = controller.bridge.engine
        (job,) = engine.add(expand([str(clip)]), "paraformer-v2", TranscriptionOptions())
        said = f"cannot reach {wrong.split('/')[2]}: connection refused; next try in 3 s"
        wait_for_banner(loop, controller, said, seen)
        # The user opens Settings from the window, types the right address and saves.
        dialog = window.open_settings()
        qtbot.waitUntil(dialog.key_state_known, timeout=10_000)
        dialog.custom_url.clear()
        qtbot.keyClicks(dialog.custom_url, emulator.base_url)
        saved_at = loop.time()
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)  # fmt: skip
        jobs = controller.bridge.library.jobs
        loop.run_until_complete(
            until(lambda: jobs.get(job.id).state is JobState.DONE, "the job done", 20)
        )
        assert loop.time() - saved_at < 2.5  # the 3 s wait it was in did not run out
        assert jobs.get(job.id).endpoint == emulator.base_url
        loop.run_until_complete(until(lambda: banner(controller) == "", "the banner gone", 5))
    finally:
        close_window(loop, window, controller)


def test_the_banner_names_an_unresolvable_endpoint_from_the_environment(
    qtbot, loop, emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHSCOPE_API_KEY", emulator.api_key)
    monkeypatch.setenv("TINGXIE_ENDPOINT", "https://nonexistent.invalid/api/v1")
    save_settings(Settings(region="custom", custom_url=emulator.base_url))  # overruled
    window, controller = open_window(qtbot, loop)
    seen: list[str] = []
    controller.bridge.trouble.connect(seen.append)
    try:
        clip = spoken_folder(tmp_path / "media", 1)[0]
        (job,) = controller.bridge.engine.add(
            expand([str(clip)]), "paraformer-v2", TranscriptionOptions()
        )
        said = "cannot reach nonexistent.invalid: name not resolved; next try in"
        wait_for_banner(loop, controller, said, seen)
        # It keeps saying it: the next wait is longer, and the job is kept, not failed.
        wait_for_banner(loop, controller, f"{said} 3 s", seen)
        assert not controller.bridge.library.jobs.get(job.id).state.final
        assert emulator.requests() == []  # nothing went to the Settings address
    finally:
        close_window(loop, window, controller)


def test_a_plain_http_endpoint_to_another_machine_pauses_the_queue_saying_why(
    qtbot, loop, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHSCOPE_API_KEY", emulator.api_key)
    monkeypatch.setenv("TINGXIE_ENDPOINT", "http://nonexistent.invalid/api/v1")
    window, controller = open_window(qtbot, loop)
    try:
        shown = controller.panel.banner
        loop.run_until_complete(until(shown.isVisible, "the pause banner", 10))
        assert "TINGXIE_ENDPOINT" in shown.text() and "plain http://" in shown.text()
        assert "use https://" in shown.text()  # the fix, not only the fault
    finally:
        close_window(loop, window, controller)
