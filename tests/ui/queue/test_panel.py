"""The queue in the main window, on qasync's loop, against the emulated service:
drops, the new-job dialog, rows going to done, the key pause, refusals, quitting."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from desktop.dashscope import credentials
from desktop.dashscope.options import TranscriptionOptions
from desktop.domain import catalog
from desktop.jobs.sources import expand
from desktop.settings import Settings, save_settings
from desktop.store.jobs import JobState
from desktop.store.library import Library, LibraryFile
from desktop.ui.mainwindow.window import MainWindow
from desktop.ui.queue.bridge import EngineBridge
from desktop.ui.queue.controller import QueueController
from desktop.ui.queue.model import QueueColumn
from desktop.ui.queue.new_job_dialog import NewJobDialog
from desktop.ui.queue.panel import UrlDialog
from desktop.ui.util.translations import clear_language, install_language
from tests.fake_dashscope.server import Emulator
from tests.helpers.clients import fast_emulator_config
from tests.helpers.media import speech
from tests.helpers.queue_media import spoken_folder
from tests.helpers.waiting import until


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    config = fast_emulator_config()
    with Emulator(config, storage_dir=tmp_path / "emulator") as running:
        yield running


@pytest.fixture
def app_window(
    qtbot, loop, emulator: Emulator, tingxie_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, QueueController]]:
    monkeypatch.setenv("DASHSCOPE_API_KEY", emulator.api_key)
    # A quit question nobody answers would block the teardown's close: it is left
    # unanswered (the window stays), unless a test answers it itself.
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: 0)
    save_settings(Settings(region="custom", custom_url=emulator.base_url))
    library = Library.open()
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    bridge = EngineBridge(library, window)
    controller = QueueController(window, bridge)
    window.show()
    loop.run_until_complete(_started(bridge))
    loop.run_until_complete(until(bridge.key_known, "the key from the keyring"))
    yield window, controller
    loop.run_until_complete(bridge.shutdown())
    library.close()
    credentials.clear_api_key()


async def _started(bridge: EngineBridge) -> None:
    bridge.start()


def drop(window: MainWindow, paths: list[Path]) -> None:
    """What a file manager's drag does: enter the window, then drop (Qt delivers a drop
    only to the widget that accepted the drag's entry)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(400, 300), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted(), "the window refused the drag"
    event = QDropEvent(QPointF(400, 300), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, event)


def the_dialog(window: MainWindow) -> NewJobDialog:
    (dialog,) = [d for d in window.findChildren(NewJobDialog) if d.isVisible()]
    return dialog


def states(controller: QueueController) -> list[str]:
    model = controller.panel.model
    return [model.index(r, QueueColumn.STATE).data() for r in range(model.rowCount())]


def test_dropped_files_go_through_the_dialog_to_done_and_open_in_the_editor(
    qtbot, loop, app_window, tmp_path: Path, emulator: Emulator, tingxie_home: Path, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    window, controller = app_window
    files = spoken_folder(tmp_path / "media", 3)
    drop(window, files)
    dialog = the_dialog(window)
    assert dialog.spec().name == "paraformer-v2"

    async def scenario() -> None:
        await until(lambda: "Estimated cost: ¥0.0" in dialog.cost.text(), "the probe's estimate")
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
        await until(lambda: states(controller) == ["done"] * 3, "three rows done")

    loop.run_until_complete(scenario())
    model = controller.panel.model
    assert [model.index(r, QueueColumn.NAME).data() for r in range(3)] == [f.name for f in files]
    totals = controller.panel.totals
    loop.run_until_complete(until(lambda: "3 files, 3 done" in totals.text(), "the totals"))
    assert "3 files, 3 done" in totals.text()
    library_view = window.library_panel.items_view
    loop.run_until_complete(until(lambda: library_view.model().rowCount() == 3, "the library"))
    index = model.index(1, QueueColumn.NAME)
    table = controller.panel.table
    where = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    editor = window.current_editor()
    assert editor is not None and editor.session.item_id == model.job_at(1).item_id
    # The key went over the wire, and nowhere else: not the database, not the logs.
    key = emulator.api_key.encode()
    for stored in tingxie_home.rglob("*"):
        if stored.is_file():
            assert key not in stored.read_bytes(), stored
    assert caplog.records and emulator.api_key not in caplog.text


def test_a_rejected_key_shows_the_key_error_and_pauses_the_queue(
    qtbot, loop, app_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, emulator: Emulator
) -> None:
    window, controller = app_window
    monkeypatch.setenv("DASHSCOPE_API_KEY", "sk-rejected-by-the-service-0000")
    controller.bridge.reload_client()
    loop.run_until_complete(until(controller.bridge.key_known, "the new key"))
    files = spoken_folder(tmp_path / "media", 2)
    drop(window, files)
    dialog = the_dialog(window)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    banner = controller.panel.banner
    loop.run_until_complete(until(banner.isVisible, "the pause banner"))
    assert "paused" in banner.text() and "key" in banner.text().lower()
    assert not any(s in ("failed", "done") for s in states(controller))
    # A good key lifts the pause and the same jobs finish.
    monkeypatch.setenv("DASHSCOPE_API_KEY", emulator.api_key)
    window.key_changed.emit()
    loop.run_until_complete(until(lambda: states(controller) == ["done"] * 2, "rows done"))
    assert not banner.isVisible()


def test_an_8_khz_file_refused_by_a_16_khz_model_cannot_be_sent_and_the_fix_is_one_click(
    qtbot, loop, app_window, tmp_path: Path, emulator: Emulator
) -> None:
    window, controller = app_window
    phone = speech(tmp_path / "phone call.wav", "Hello, this is a phone call.", rate=8000)
    drop(window, [phone])
    dialog = the_dialog(window)
    dialog.model.setCurrentIndex(dialog.model.findData("paraformer-mtl-v1"))
    loop.run_until_complete(
        until(lambda: "8 kHz" in dialog.refusals.text(), "the dialog's warning")
    )
    assert "phone call.wav" in dialog.refusals.text()
    transcribe = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not transcribe.isEnabled(), "every file is refused, yet Transcribe is enabled"
    assert dialog.use_suggestion.isVisible()
    assert dialog.use_suggestion.text() == "Use paraformer-8k-v2"
    qtbot.mouseClick(dialog.use_suggestion, Qt.MouseButton.LeftButton)
    assert dialog.model.chosen() == "paraformer-8k-v2"
    assert dialog.refusals.text() == "" and transcribe.isEnabled()
    qtbot.mouseClick(transcribe, Qt.MouseButton.LeftButton)
    loop.run_until_complete(until(lambda: states(controller) == ["done"], "the 8k job"))
    assert controller.panel.model.jobs()[0].model == "paraformer-8k-v2"


def test_a_refused_job_is_shown_with_its_reason_and_retried_with_another_model(
    qtbot, loop, app_window, tmp_path: Path, emulator: Emulator
) -> None:
    _window, controller = app_window
    phone = speech(tmp_path / "phone call.wav", "Hello, this is a phone call.", rate=8000)
    controller.bridge.add(expand([str(phone)]), "paraformer-mtl-v1", TranscriptionOptions())
    panel = controller.panel
    loop.run_until_complete(
        until(lambda: str(states(controller)).startswith("['failed: "), "the refusal")
    )
    [state] = states(controller)
    assert state.startswith("failed: phone call.wav: the audio is 8 kHz")
    tooltip = panel.model.index(0, QueueColumn.STATE).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("<qt>"), "a plain tooltip does not wrap and runs off the screen"
    loop.run_until_complete(until(lambda: "1 failed" in panel.totals.text(), "the count"))
    assert panel.failed_button.isVisible() and panel.failed_button.text() == "Show only failed (1)"
    assert emulator.requests("upload") == []
    panel.table.selectRow(0)
    assert panel.retry_model_button.isEnabled()
    assert panel.retry_model_action in panel.table.actions()
    dialog = panel.choose_retry_model()
    assert dialog is not None
    dialog.models.setCurrentIndex(dialog.models.findData("paraformer-8k-v2"))
    dialog.accept()
    loop.run_until_complete(until(lambda: states(controller) == ["done"], "the retried job"))
    assert panel.model.jobs()[0].model == "paraformer-8k-v2"


def test_a_text_file_named_mp3_is_refused_in_the_dialog_saying_what_it_is(
    qtbot, loop, app_window, tmp_path: Path, emulator: Emulator
) -> None:
    window, _controller = app_window
    fake = tmp_path / "lecture.mp3"
    fake.write_text("These are my notes, not a recording.\n" * 20)
    drop(window, [fake])
    dialog = the_dialog(window)
    loop.run_until_complete(until(lambda: dialog.refusals.text() != "", "the dialog's refusal"))
    text = dialog.refusals.text()
    assert "lecture.mp3" in text and "it is a text file" in text
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_a_refused_file_is_left_out_and_the_others_are_transcribed(
    qtbot, loop, app_window, tmp_path: Path, emulator: Emulator
) -> None:
    window, controller = app_window
    fake = tmp_path / "notes.mp3"
    fake.write_text("not audio\n" * 50)
    good = speech(tmp_path / "talk.wav", "Hello there.")
    install_language("en")  # the English catalogue's plural forms: "1 file", not "1 files"
    try:
        drop(window, [fake, good])
        dialog = the_dialog(window)
        loop.run_until_complete(until(lambda: "left out" in dialog.refusals.text(), "the note"))
        assert "1 file cannot be transcribed and will be left out." in dialog.refusals.text()
    finally:
        clear_language()
    dialog.accept()
    loop.run_until_complete(until(lambda: states(controller) == ["done"], "the good file"))
    assert [j.title for j in controller.panel.model.jobs()] == ["talk.wav"]


def test_options_a_model_does_not_take_are_disabled_and_never_sent(
    qtbot, loop, app_window, tmp_path: Path, emulator: Emulator
) -> None:
    window, controller = app_window
    (clip,) = spoken_folder(tmp_path / "media", 1)
    drop(window, [clip])
    dialog = the_dialog(window)
    dialog.diarization.setChecked(True)
    dialog.model.setCurrentIndex(dialog.model.findData("sensevoice-v1"))
    assert not dialog.diarization.isEnabled() and not dialog.diarization.isChecked()
    assert not dialog.vocabulary.isEnabled() and not dialog.alignment.isEnabled()
    assert not dialog.mask_words.isEnabled() and dialog.disfluency.isEnabled()
    dialog.language.setCurrentIndex(dialog.language.findData("ja"))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    loop.run_until_complete(until(lambda: states(controller) == ["done"], "the job"))
    (body,) = emulator.submit_bodies()
    assert body["model"] == "sensevoice-v1"
    assert body["parameters"] == {"language_hints": ["ja"]}


def test_qwen3_asr_is_offered_with_one_language_and_retired_models_are_marked(
    qtbot, loop, app_window, tmp_path: Path, emulator: Emulator
) -> None:
    window, controller = app_window
    (clip,) = spoken_folder(tmp_path / "media", 1)
    drop(window, [clip])
    dialog = the_dialog(window)
    labels = [dialog.model.itemText(i) for i in range(dialog.model.count())]
    assert any(t.startswith("sensevoice-v1") and "may be retired" in t for t in labels)
    assert not any(t.startswith("paraformer-v2 ") and "retired" in t for t in labels)
    dialog.model.setCurrentIndex(dialog.model.findData("qwen3-asr-flash-filetrans-2025-11-17"))
    assert not dialog.diarization.isEnabled() and not dialog.vocabulary.isEnabled()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    loop.run_until_complete(until(lambda: states(controller) == ["done"], "the job"))
    (body,) = emulator.submit_bodies()
    assert body["parameters"] == {"language": "en"} and "file_url" in body["input"]


def test_qwen3_asr_listed_by_its_plain_name_sends_its_own_options(
    qtbot, loop, app_window, tmp_path: Path, emulator: Emulator
) -> None:
    window, controller = app_window
    (clip,) = spoken_folder(tmp_path / "media", 1)
    drop(window, [clip])
    dialog = the_dialog(window)
    # Options Qwen3-ASR does not take are disabled before it is chosen, and the reverse.
    dialog.model.setCurrentIndex(dialog.model.findData("paraformer-v2"))
    assert not dialog.itn.isEnabled() and not dialog.words.isEnabled()
    assert not dialog.context.isEnabled() and not dialog.noise.isEnabled()
    qwen = dialog.model.findData("qwen3-asr-flash-filetrans")
    assert qwen >= 0, "the plain name is not offered"
    assert "qwen3-asr-flash-filetrans-2025-11-17" in dialog.model.itemText(qwen)
    dialog.model.setCurrentIndex(qwen)
    assert dialog.itn.isEnabled() and dialog.words.isEnabled() and dialog.context.isEnabled()
    assert not dialog.diarization.isEnabled() and not dialog.mask_words.isEnabled()
    assert not dialog.noise.isEnabled() and not dialog.vocabulary.isEnabled()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.itn.setChecked(True)
    dialog.words.setChecked(True)
    dialog.context.setPlainText("Tingxie\nDashScope, Paraformer")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    loop.run_until_complete(until(lambda: states(controller) == ["done"], "the job"))
    (body,) = emulator.submit_bodies()
    assert body["model"] == "qwen3-asr-flash-filetrans"
    assert body["parameters"] == {
        "language": "en",
        "enable_itn": True,
        "enable_words": True,
        "corpus": {"text": "Tingxie\nDashScope, Paraformer"},
    }


def test_pasted_context_longer_than_is_sent_is_cut_to_the_catalog_cap(
    qtbot, tmp_path: Path, tingxie_home: Path
) -> None:
    (clip,) = spoken_folder(tmp_path / "media", 1)
    dialog = NewJobDialog(expand([str(clip)]), settings=Settings())
    qtbot.addWidget(dialog)
    dialog.model.setCurrentIndex(dialog.model.findData("qwen3-asr-flash-filetrans"))
    dialog.context.setPlainText("x" * (catalog.MAX_CONTEXT_CHARS + 50))
    assert len(dialog.context.toPlainText()) == catalog.MAX_CONTEXT_CHARS
    assert str(catalog.MAX_CONTEXT_CHARS) in dialog.refusals.text()
    assert dialog.options().context_text == "x" * catalog.MAX_CONTEXT_CHARS


def test_the_suggestion_of_qwen3_asr_selects_its_plain_name(
    qtbot, tmp_path: Path, tingxie_home: Path
) -> None:
    (clip,) = spoken_folder(tmp_path / "media", 1)
    dialog = NewJobDialog(expand([str(clip)]), settings=Settings())
    qtbot.addWidget(dialog)
    dialog.model.setCurrentIndex(dialog.model.findData("sensevoice-v1"))
    dialog.language.setCurrentIndex(dialog.language.findData("it"))
    assert dialog.use_suggestion.text() == "Use qwen3-asr-flash-filetrans"
    dialog.use_suggestion.click()
    assert dialog.model.chosen() == "qwen3-asr-flash-filetrans"
    assert dialog.language.currentData() == "it" and dialog.itn.isEnabled()


def test_fun_asr_speakers_noise_threshold_and_masks_reach_the_submit_body(
    qtbot, loop, app_window, tmp_path: Path, emulator: Emulator
) -> None:
    window, controller = app_window
    (clip,) = spoken_folder(tmp_path / "media", 1)
    drop(window, [clip])
    dialog = the_dialog(window)
    dialog.model.setCurrentIndex(dialog.model.findData("fun-asr"))
    assert not dialog.itn.isEnabled() and not dialog.context.isEnabled()
    dialog.diarization.setChecked(True)
    dialog.speakers.setValue(3)
    dialog.noise.setChecked(True)
    assert dialog.noise_threshold.isEnabled()
    dialog.noise_threshold.setValue(0.4)
    dialog.mask_words.setText("secret, plan")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    loop.run_until_complete(until(lambda: states(controller) == ["done"], "the job"))
    (body,) = emulator.submit_bodies()
    assert body["model"] == "fun-asr"
    parameters = body["parameters"]
    assert parameters["diarization_enabled"] is True and parameters["speaker_count"] == 3
    assert parameters["speech_noise_threshold"] == pytest.approx(0.4)
    assert json.loads(parameters["special_word_filter"])["filter_with_signed"] == {
        "word_list": ["secret", "plan"]
    }


def test_quitting_with_files_in_flight_asks_once_and_leaves_them_resumable(
    qtbot, loop, app_window, tmp_path: Path, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, controller = app_window
    install_language("en")  # the English catalogue's plural forms
    emulator.config.fixed_processing_s = 30  # the task outlives the window
    drop(window, spoken_folder(tmp_path / "media", 1))
    dialog = the_dialog(window)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    loop.run_until_complete(
        until(lambda: [s.split()[0] for s in states(controller)] == ["running"], "a running task")
    )
    asked: list[str] = []
    answer_with = "Keep working"

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        (button,) = [b for b in box.buttons() if b.text() == answer_with]
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    window.close()  # "Keep working": nothing stops
    qtbot.wait(200)
    assert window.isVisible() and [s.split()[0] for s in states(controller)] == ["running"]
    answer_with = "Quit"
    window.close()
    loop.run_until_complete(until(lambda: not window.isVisible(), "the window to close"))
    clear_language()
    assert asked == ["1 file is still being transcribed. Quit now?"] * 2
    with Library.open() as library:
        (job,) = library.jobs.all()
    assert job.state is JobState.RUNNING and job.task_id  # resumes at the next start


def test_urls_typed_in_the_add_urls_box_are_transcribed_without_upload(
    qtbot, loop, app_window, tmp_path: Path, emulator: Emulator
) -> None:
    window, controller = app_window
    panel = controller.panel
    assert panel.empty_hint.isVisible() and not panel.table.isVisible()
    (clip,) = spoken_folder(tmp_path / "media", 1)
    url = emulator.host_file(clip, "会议 录音.wav")
    controller.add_urls_action.trigger()  # File → Transcribe URLs… (Ctrl+Shift+U)
    (box,) = [d for d in window.findChildren(UrlDialog) if d.isVisible()]
    qtbot.keyClicks(box.text, "not a url")
    qtbot.mouseClick(
        box.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert "Not a URL: not a url" in box.problem.text() and box.isVisible()
    box.text.setPlainText(f"\n  {url}  \n")
    qtbot.mouseClick(
        box.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    dialog = the_dialog(window)
    assert "会议 录音.wav" in dialog.files_label.text()
    assert "unknown length" in dialog.cost.text()
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    loop.run_until_complete(until(lambda: states(controller) == ["done"], "the URL's job"))
    loop.run_until_complete(until(panel.table.isVisible, "the table instead of the hint"))
    assert panel.table.isVisible() and not panel.empty_hint.isVisible()
    assert emulator.requests("upload") == []


def test_a_stereo_call_offers_a_box_per_track_and_bills_each_ticked_track(
    qtbot, loop, app_window, tmp_path: Path, emulator: Emulator
) -> None:
    window, controller = app_window
    call = speech(tmp_path / "stereo call.wav", "Hello from both sides.", channels=2)
    drop(window, [call])
    dialog = the_dialog(window)
    loop.run_until_complete(until(lambda: len(dialog.track_boxes) == 2, "a box per track"))
    assert [b.isChecked() for b in dialog.track_boxes] == [True, False]
    one_track = dialog.cost.text()
    qtbot.mouseClick(dialog.track_boxes[1], Qt.MouseButton.LeftButton)
    assert dialog.cost.text() != one_track  # both tracks are billed
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    loop.run_until_complete(until(lambda: states(controller) == ["done"], "the job"))
    (body,) = emulator.submit_bodies()
    assert body["parameters"]["channel_id"] == [0, 1]
    job = controller.panel.model.job_at(0)
    with Library.open() as library:
        transcript = library.transcript(job.item_id)
    assert [c.channel_id for c in transcript.channels] == [0, 1]


def test_concurrency_saved_in_settings_applies_to_the_running_queue(
    qtbot, loop, app_window
) -> None:
    window, controller = app_window
    assert controller.bridge.engine.concurrency == (Settings().upload_concurrency,
                                                    Settings().poll_concurrency)  # fmt: skip
    dialog = window.open_settings()
    dialog.upload_concurrency.setValue(2)
    dialog.poll_concurrency.setValue(3)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert controller.bridge.engine.concurrency == (2, 3)


def test_jobs_left_from_last_time_resume_with_the_key_from_the_keyring_and_no_pause(
    qtbot, loop, emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The key in the real keyring: answering takes a D-Bus round trip.
    monkeypatch.delenv("DASHSCOPE_API_KEY", raising=False)
    monkeypatch.setenv("TINGXIE_KEYRING_SERVICE", f"Tingxie queue test {uuid.uuid4()}")
    credentials.store_api_key(emulator.api_key)
    save_settings(Settings(region="custom", custom_url=emulator.base_url))
    library = Library.open()
    bridge = EngineBridge(library)
    # A URL needs no probe or upload: its job asks for the client at once.
    clip = spoken_folder(tmp_path / "media", 1)[0]
    bridge.engine.add(expand([emulator.host_file(clip, "call.wav")]), "paraformer-v2",
                      TranscriptionOptions())  # fmt: skip
    pauses: list[object] = []
    bridge.paused.connect(pauses.append)
    loop.run_until_complete(_started(bridge))
    (job,) = library.jobs.unfinished()
    loop.run_until_complete(
        until(lambda: library.jobs.get(job.id).state is JobState.DONE, "the resumed job")
    )
    assert [reason for reason in pauses if reason] == []  # never "No API key is set"
    loop.run_until_complete(bridge.shutdown())
    library.close()
    credentials.clear_api_key()


def test_the_apps_queue_sends_jobs_to_tingxie_endpoint_as_the_command_line_does(
    qtbot, loop, emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings say Beijing (unreachable here); TINGXIE_ENDPOINT names the emulator and wins."""
    monkeypatch.setenv("DASHSCOPE_API_KEY", emulator.api_key)
    monkeypatch.setenv("TINGXIE_ENDPOINT", emulator.base_url)
    save_settings(Settings(region="beijing"))
    library = Library.open()
    bridge = EngineBridge(library)
    clip = spoken_folder(tmp_path / "media", 1)[0]
    bridge.engine.add(expand([emulator.host_file(clip, "call.wav")]), "paraformer-v2",
                      TranscriptionOptions())  # fmt: skip
    loop.run_until_complete(_started(bridge))
    (job,) = library.jobs.unfinished()
    loop.run_until_complete(
        until(lambda: library.jobs.get(job.id).state is JobState.DONE, "the job on the emulator")
    )
    assert bridge.client is not None
    assert bridge.client.endpoint.base_url == emulator.base_url
    loop.run_until_complete(bridge.shutdown())
    library.close()


def test_the_left_panel_keeps_its_width_when_a_job_finishes(
    qtbot, loop, app_window, tmp_path: Path
) -> None:
    window, controller = app_window
    window.resize(1000, 700)
    window.main_splitter.setSizes([200, 800])  # as narrow as the person may drag it
    qtbot.wait(50)
    before = window.main_splitter.sizes()
    talk = speech(tmp_path / "a talk with a rather long name for a file.wav", "Hello there.")
    phone = speech(tmp_path / "a phone call with a long name.wav", "Hello there.", rate=8000)
    controller.bridge.add(expand([str(talk)]), "paraformer-v2", TranscriptionOptions())
    controller.bridge.add(expand([str(phone)]), "paraformer-mtl-v1", TranscriptionOptions())
    panel = controller.panel
    loop.run_until_complete(until(lambda: "1 failed" in panel.totals.text(), "the failure"))
    loop.run_until_complete(until(lambda: "1 done" in panel.totals.text(), "the done job"))
    library_view = window.library_panel.items_view
    loop.run_until_complete(until(lambda: library_view.model().rowCount() == 1, "the library"))
    qtbot.wait(50)
    # The long reason in the row, the count and the "show failed" button do not push it.
    assert window.main_splitter.sizes() == before


def test_add_files_starts_in_the_videos_folder_then_in_the_last_folder_used(
    qtbot, app_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, controller = app_window
    home = tmp_path / "home"
    (home / "Videos").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.chdir(tmp_path)  # the working folder is not where a person keeps media
    dialog = controller.panel.choose_files()
    assert Path(dialog.directory().absolutePath()) == home / "Videos"
    media = spoken_folder(tmp_path / "talks", 1)
    dialog.selectFile(str(media[0]))
    dialog.accept()
    the_dialog(window).reject()  # the new-job dialog the chosen file opened
    again = controller.panel.choose_files()
    assert Path(again.directory().absolutePath()) == media[0].parent  # remembered
    again.reject()
    (home / "Videos").rmdir()
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    (tmp_path / "elsewhere").mkdir()
    media[0].unlink()
    media[0].parent.rmdir()  # the remembered folder is gone: back to a folder that exists
    third = controller.panel.choose_files()
    assert Path(third.directory().absolutePath()) == tmp_path / "elsewhere"
    third.reject()
