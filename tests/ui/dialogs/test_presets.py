"""The subtitle presets dialog, driven as a user would: copy, edit, save, delete, export with it."""

from __future__ import annotations

import json
from pathlib import Path

import pysubs2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.subtitle_presets import text_width
from desktop.store.library import LibraryFile
from desktop.store.subtitle_profiles import custom_presets, profiles_path
from desktop.ui.dialogs.export import ExportDialog
from desktop.ui.dialogs.presets import PresetEditor
from desktop.ui.mainwindow.window import MainWindow
from tests.helpers.cli import tingxie
from tests.helpers.long_transcript import long_mixed_transcript
from tests.helpers.speech_media import add_to_library

# Qt's offscreen platform cannot pass a dialog's size hints to a window system and says so
# whenever a dialog is shown; that says nothing about the dialog.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def meeting() -> int:
    """A mixed Chinese/English meeting whose Netflix English cues have lines over 30 columns."""
    return add_to_library(long_mixed_transcript(1, speakers=1), None, title="meeting")


def open_editor(qtbot: QtBot, selected: str | None = None) -> PresetEditor:
    editor = PresetEditor(selected)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select what the field holds and type over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def click_row(qtbot: QtBot, editor: PresetEditor, preset_id: str) -> None:
    view = editor.list_view
    rect = view.visualRect(editor.list_model.index(editor.list_model.row_of(preset_id), 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def new_preset(qtbot: QtBot, editor: PresetEditor, preset_id: str, chars: str = "30") -> None:
    """A copy of the selected preset under ``preset_id`` with ``chars`` per line, saved."""
    click(qtbot, editor.new_button)
    type_into(qtbot, editor.name_edit, f"My {preset_id}")
    type_into(qtbot, editor.id_edit, preset_id)
    type_into(qtbot, editor.chars_spin, chars)
    click(qtbot, editor.save_button)


def preview_lines(dialog: ExportDialog) -> list[str]:
    subs = pysubs2.SSAFile.from_string(dialog.preview.toPlainText(), format_="srt")
    return [line for event in subs for line in event.plaintext.split("\n")]


def refreshed(qtbot: QtBot, dialog: ExportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.preview_pending())


def test_a_preset_made_from_the_export_dialog_is_chosen_there_and_cuts_the_preview(
    qtbot: QtBot, meeting: int
) -> None:
    dialog = ExportDialog(LibraryFile.default(), item_ids=[meeting])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("srt"))
    dialog.preset_combo.setCurrentIndex(dialog.preset_combo.findData("netflix-en"))
    refreshed(qtbot, dialog)
    assert max(text_width(line, "columns") for line in preview_lines(dialog)) > 30

    click(qtbot, dialog.manage_presets_button)
    editor = dialog.findChild(PresetEditor)
    assert editor is not None and editor.isVisible()
    assert editor.selected_preset().id == "netflix-en"
    assert not editor.chars_spin.isEnabled()  # built-in: read only until copied
    click(qtbot, editor.new_button)
    assert editor.id_edit.text() == "netflix-en-custom"
    assert editor.chars_spin.isEnabled() and editor.chars_spin.value() == 42
    type_into(qtbot, editor.name_edit, "Narrow English")
    type_into(qtbot, editor.id_edit, "narrow-en")
    type_into(qtbot, editor.chars_spin, "30")
    assert editor.summary.text().startswith("Rules: 30 columns/line, 2 lines, 20 cps")
    click(qtbot, editor.save_button)

    assert editor.status.text() == f"Saved narrow-en in {profiles_path()}"
    assert editor.selected_preset().id == "narrow-en"
    assert dialog.preset_combo.currentData() == "narrow-en"
    assert dialog.preset_combo.currentText() == "Narrow English"
    refreshed(qtbot, dialog)
    assert "30 columns/line" in dialog.preset_rules.text()
    lines = preview_lines(dialog)
    assert len(lines) > 10
    assert max(text_width(line, "columns") for line in lines) <= 30
    rules = {dialog.report_model.index(r, 3).data() for r in range(dialog.report_model.rowCount())}
    assert "line-too-long" not in rules

    click(qtbot, editor.delete_button)
    click(qtbot, editor.confirm.button(QMessageBox.StandardButton.Yes))
    assert dialog.preset_combo.findData("narrow-en") == -1
    assert dialog.preset_combo.currentData() == "netflix-en"
    editor.close()
    qtbot.waitUntil(lambda: dialog.findChild(PresetEditor) is None)  # closed and deleted


def test_a_built_in_preset_can_be_read_but_not_changed_or_deleted(qtbot: QtBot) -> None:
    editor = open_editor(qtbot, "bbc")
    click_row(qtbot, editor, "bbc")
    assert editor.selected_preset().id == "bbc"
    assert editor.summary.text() == "Rules: 37 columns/line, 2 lines, 180 wpm, gaps closed or ≥ 1 s"
    assert "BBC Subtitle Guidelines" in editor.source_label.text()
    assert "cannot be changed" in editor.note.text()
    for field in (editor.name_edit, editor.id_edit, editor.chars_spin, editor.split_box):
        assert not field.isEnabled()
    assert not editor.save_button.isEnabled() and not editor.delete_button.isEnabled()
    kinds = [editor.list_model.index(r, 2).data() for r in range(editor.list_model.rowCount())]
    assert kinds == ["built-in"] * 6

    click(qtbot, editor.new_button)  # a copy cannot take the built-in's id either
    type_into(qtbot, editor.id_edit, "bbc")
    click(qtbot, editor.save_button)
    assert editor.status.text() == (
        "Not saved: 'bbc' is a built-in preset; save your changes under another id"
    )
    assert not profiles_path().exists()


def test_an_invalid_rule_or_taken_id_is_explained_and_nothing_is_saved(qtbot: QtBot) -> None:
    editor = open_editor(qtbot, "netflix-en")
    click(qtbot, editor.new_button)
    type_into(qtbot, editor.min_duration_spin, "8")
    expected = "the minimum duration (8 s) is longer than the maximum (7 s)"
    assert editor.summary.text() == f"Not valid: {expected}"
    click(qtbot, editor.save_button)
    assert editor.status.text() == f"Not saved: {expected}"
    assert not profiles_path().exists()

    type_into(qtbot, editor.min_duration_spin, "1")
    type_into(qtbot, editor.id_edit, "my preset")
    click(qtbot, editor.save_button)
    assert "not a usable preset id; use letters, digits" in editor.status.text()
    assert not profiles_path().exists()

    type_into(qtbot, editor.id_edit, "mine")
    click(qtbot, editor.save_button)
    assert [(p.id, p.min_duration_ms) for p in custom_presets()] == [("mine", 1000)]
    saved = profiles_path().read_bytes()
    click_row(qtbot, editor, "netflix-en")
    new_preset(qtbot, editor, "mine")
    assert editor.status.text() == (
        "Not saved: a custom preset with the id 'mine' already exists; choose another id"
    )
    assert profiles_path().read_bytes() == saved


def test_a_custom_preset_is_edited_in_place_and_deleted(qtbot: QtBot, qtmodeltester) -> None:
    editor = open_editor(qtbot, "netflix-zh-hans")
    qtmodeltester.check(editor.list_model)  # and through every save and delete below
    new_preset(qtbot, editor, "wide-zh", chars="20")
    new_preset(qtbot, editor, "wider-zh", chars="24")
    assert [p.id for p in custom_presets()] == ["wide-zh", "wider-zh"]

    click_row(qtbot, editor, "wide-zh")
    assert editor.chars_spin.value() == 20 and editor.delete_button.isEnabled()
    assert "Custom preset" in editor.note.text()
    type_into(qtbot, editor.id_edit, "wide-zh-3")
    type_into(qtbot, editor.lines_spin, "3")
    click(qtbot, editor.save_button)
    assert [(p.id, p.max_lines, p.unit) for p in custom_presets()] == [
        ("wide-zh-3", 3, "characters"),
        ("wider-zh", 2, "characters"),
    ]

    click(qtbot, editor.delete_button)
    assert "wide-zh-3" in editor.confirm.text()
    click(qtbot, editor.confirm.button(QMessageBox.StandardButton.No))
    assert [p.id for p in custom_presets()] == ["wide-zh-3", "wider-zh"]
    click(qtbot, editor.delete_button)
    with qtbot.waitSignal(editor.deleted) as signal:
        click(qtbot, editor.confirm.button(QMessageBox.StandardButton.Yes))
    assert signal.args == ["wide-zh-3"]
    assert [p["id"] for p in json.loads(profiles_path().read_text())] == ["wider-zh"]
    assert editor.list_model.row_of("wide-zh-3") == -1
    assert editor.status.text() == "Deleted wide-zh-3"


def test_unsaved_changes_wait_for_save_discard_or_cancel(qtbot: QtBot) -> None:
    editor = open_editor(qtbot, "netflix-en")
    new_preset(qtbot, editor, "mine")
    type_into(qtbot, editor.chars_spin, "25")
    click_row(qtbot, editor, "bbc")
    box = editor.unsaved_box
    assert box.isVisible() and "My mine" in box.text()
    click(qtbot, box.button(QMessageBox.StandardButton.Cancel))
    assert editor.selected_preset().id == "mine" and editor.chars_spin.value() == 25

    click_row(qtbot, editor, "bbc")
    click(qtbot, editor.unsaved_box.button(QMessageBox.StandardButton.Discard))
    assert editor.selected_preset().id == "bbc" and editor.chars_spin.value() == 37
    assert [p.max_chars for p in custom_presets()] == [30]

    click_row(qtbot, editor, "mine")
    assert editor.chars_spin.value() == 30
    type_into(qtbot, editor.chars_spin, "25")
    qtbot.keyClick(editor.chars_spin, Qt.Key.Key_Escape)
    assert editor.isVisible()
    click(qtbot, editor.unsaved_box.button(QMessageBox.StandardButton.Save))
    assert [p.max_chars for p in custom_presets()] == [25]
    assert not editor.isVisible()


def test_the_command_line_lists_and_uses_a_preset_saved_in_the_window(
    qtbot: QtBot, tingxie_home: Path
) -> None:
    editor = open_editor(qtbot, "netflix-en")
    new_preset(qtbot, editor, "narrow-en")
    listed = tingxie("presets", home=tingxie_home)
    assert listed.returncode == 0, listed.stderr
    assert "narrow-en        My narrow-en — 30 columns/line, 2 lines, 20 cps" in listed.stdout
    as_json = json.loads(tingxie("presets", "--json", home=tingxie_home).stdout)
    assert {
        "id": "narrow-en",
        "max_chars": 30.0,
        "source": "custom, based on netflix-en",
    }.items() <= (as_json[-1].items())


def test_a_broken_presets_file_is_named_and_never_overwritten(qtbot: QtBot) -> None:
    broken = profiles_path()
    broken.write_text("[{oops")
    editor = open_editor(qtbot)
    assert f"{broken}: not a list of presets" in editor.status.text()
    assert editor.list_model.rowCount() == 6  # the built-ins are still there to read and copy
    new_preset(qtbot, editor, "mine")
    assert editor.status.text().startswith(f"Not saved: {broken}: not a list of presets")
    assert broken.read_text() == "[{oops"


def test_the_tools_menu_opens_the_presets(qtbot: QtBot) -> None:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    assert window.presets_action in window.tools_menu.actions()
    assert window.presets_action.text() == "Subtitle &presets…"
    window.presets_action.trigger()
    editor = window.findChild(PresetEditor)
    assert editor is not None and editor.isVisible()
    assert editor.windowTitle() == "Subtitle presets"
