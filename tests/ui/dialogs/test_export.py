"""The export dialog, driven as a user would: pick, look at the preview and check, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from desktop.store.imports import import_result_file
from desktop.store.library import Library, LibraryFile
from desktop.ui.dialogs.export import ExportDialog
from desktop.ui.mainwindow.window import MainWindow
from tests.helpers.results import fixture_path
from tests.helpers.subtitle_readers import visible_text

# Qt's offscreen platform cannot pass a dialog's size hints to a window system and says so
# whenever a dialog is shown; that says nothing about the dialog.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def items() -> list[int]:
    with Library.open() as library:
        return [
            import_result_file(library, fixture_path(name), title=name)
            for name in ("diarization", "hostile", "two_channels")
        ]


def open_dialog(qtbot: QtBot, item_ids: list[int]) -> ExportDialog:
    dialog = ExportDialog(LibraryFile.default(), item_ids=item_ids)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(combo, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def refreshed(qtbot: QtBot, dialog: ExportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.preview_pending())


def test_the_preview_shows_the_first_cues_in_the_chosen_format_and_preset(
    qtbot: QtBot, items: list[int]
) -> None:
    dialog = open_dialog(qtbot, [items[0]])
    choose(dialog.format_combo, "srt")
    choose(dialog.preset_combo, "netflix-en")
    refreshed(qtbot, dialog)
    text = dialog.preview.toPlainText()
    assert text.startswith("1\n00:00:00,300 --> 00:00:01,710\nHow did you start?")
    assert "42 columns/line" in dialog.preset_rules.text()
    assert dialog.report_summary.text() == "diarization: 4 cues, 0 errors, 0 warnings"

    choose(dialog.format_combo, "vtt")
    refreshed(qtbot, dialog)
    assert "<v Speaker 1>How did you start?" in dialog.preview.toPlainText()

    choose(dialog.chinese_combo, "s2t")
    refreshed(qtbot, dialog)
    assert "後來我們搬到了杭州" in dialog.preview.toPlainText()


def test_the_check_report_lists_each_broken_rule_with_cue_time_and_reason(
    qtbot: QtBot, items: list[int]
) -> None:
    dialog = open_dialog(qtbot, [items[1]])
    choose(dialog.format_combo, "srt")
    choose(dialog.preset_combo, "netflix-zh-hans")
    refreshed(qtbot, dialog)
    model = dialog.report_view.model()
    assert model.rowCount() > 0
    rules = {model.index(row, 3).data() for row in range(model.rowCount())}
    assert {"line too long", "too fast"} <= rules  # readable names, translated
    first = [model.index(0, column).data() for column in range(5)]
    assert first[0] == 1 and first[1] == "00:00:00.000"
    assert "errors" in dialog.report_summary.text()
    problems = [model.index(row, 4).data() for row in range(model.rowCount())]
    assert any("why: " in p for p in problems)


def test_text_options_only_apply_to_text(qtbot: QtBot, items: list[int]) -> None:
    dialog = open_dialog(qtbot, [items[0]])
    choose(dialog.format_combo, "txt")
    assert dialog.timestamps_box.isEnabled() and not dialog.preset_combo.isEnabled()
    qtbot.mouseClick(dialog.timestamps_box, Qt.MouseButton.LeftButton)
    refreshed(qtbot, dialog)
    assert dialog.preview.toPlainText().startswith("[00:00:00.300] How did you start?")
    choose(dialog.format_combo, "ass")
    assert not dialog.timestamps_box.isEnabled() and dialog.preset_combo.isEnabled()


def test_export_writes_the_file_typed_in(qtbot: QtBot, items: list[int], tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, [items[0]])
    choose(dialog.format_combo, "srt")
    choose(dialog.preset_combo, "bbc")
    target = tmp_path / "interview.srt"
    qtbot.keyClicks(dialog.destination_edit, str(target))
    with qtbot.waitSignal(dialog.exported) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert signal.args == [[target]]
    assert "How did you start?" in target.read_text(encoding="utf-8")
    assert "Exported 1 file" in dialog.status.text()


def test_the_destination_follows_the_format(qtbot: QtBot, items: list[int], tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, [items[0]])
    choose(dialog.format_combo, "srt")
    dialog.destination_edit.setText(str(tmp_path / "talk.srt"))
    choose(dialog.format_combo, "docx")
    assert dialog.destination_edit.text() == str(tmp_path / "talk.docx")


def test_batch_export_of_checked_items_into_a_folder(
    qtbot: QtBot, items: list[int], tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, [items[0]])
    model = dialog.items_model
    model.setData(model.index(2), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    choose(dialog.format_combo, "docx")
    dialog.destination_edit.setText(str(tmp_path))
    with qtbot.waitSignal(dialog.exported) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in signal.args[0]] == ["diarization.docx", "two_channels.docx"]
    diarization, two_channels = (visible_text("docx", p.read_bytes(), p) for p in signal.args[0])
    assert "How did you start?" in diarization and "您好，请问有什么可以帮您？" in two_channels


def test_export_without_a_destination_says_what_to_do(qtbot: QtBot, items: list[int]) -> None:
    dialog = open_dialog(qtbot, [items[0]])
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Choose where to save the export first."


def test_an_empty_library_says_so(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, [])
    assert "library is empty" in dialog.preview.toPlainText()
    assert not dialog.export_button.isEnabled()


def test_file_export_action_opens_the_dialog(qtbot: QtBot, items: list[int]) -> None:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    window.export_action.trigger()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.items_model.rowCount() == 3
    dialog.close()


def test_the_items_and_the_check_report_pass_qts_model_checks(
    qtbot: QtBot, qtmodeltester, items: list[int]
) -> None:
    dialog = open_dialog(qtbot, [items[1]])
    qtmodeltester.check(dialog.items_model)
    choose(dialog.format_combo, "srt")
    choose(dialog.preset_combo, "netflix-zh-hans")
    refreshed(qtbot, dialog)
    assert dialog.report_model.rowCount() > 0
    qtmodeltester.check(dialog.report_model)
    model = dialog.items_model
    model.setData(model.index(0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert [item.title for item in model.checked()] == ["diarization", "hostile"]
    # No answer for no item: a view asking about the space below the rows gets nothing.
    assert model.data(QModelIndex()) is None
    assert dialog.report_model.data(QModelIndex()) is None


def test_the_frame_rate_starts_at_the_videos_own(qtbot: QtBot, tmp_path: Path) -> None:
    from tests.helpers.media import video

    clip = video(tmp_path / "clip.mp4")  # 25 fps
    with Library.open() as library:
        item = import_result_file(library, fixture_path("diarization"), media=clip, title="clip")
    dialog = open_dialog(qtbot, [item])
    qtbot.waitUntil(lambda: dialog.fps_spin.value() == 25.0, timeout=10_000)


def test_the_save_dialog_suggests_talk_srt_in_the_documents_folder_filtered_by_format(
    qtbot: QtBot, items: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    asked: list[tuple[str, str]] = []

    def answer(_parent, _title, start, file_filter, *_rest, **_kw):
        asked.append((start, file_filter))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    dialog = open_dialog(qtbot, items[:1])
    choose(dialog.format_combo, "srt")
    dialog._browse()
    [(start, file_filter)] = asked
    assert Path(start).name == "diarization.srt"
    assert Path(start).parent != Path.cwd() or Path.cwd() == Path.home()
    assert "*.srt" in file_filter
