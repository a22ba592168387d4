"""The editor follows a language switch at once: menus, counts and the save state."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.util.translations import clear_language, install_language


def _menu_titles(editor) -> list[str]:
    return [action.text() for action in editor.menuBar().actions()]


def test_switching_to_chinese_changes_the_open_editors_menus_count_and_save_state(
    qtbot, editor
) -> None:
    assert "&Edit" in _menu_titles(editor) and "&Playback" in _menu_titles(editor)
    assert editor.save_label.text() == "All changes saved"
    try:
        install_language("zh_CN")
        qtbot.waitUntil(lambda: "&Edit" not in _menu_titles(editor))
        titles = _menu_titles(editor)
        assert all(title.isascii() is False for title in titles), titles
        assert editor.save_label.text() == "所有更改已保存"
        assert editor.filters.count.text() == "3 个句子"
        header = editor.model.headerData(1, Qt.Orientation.Horizontal)
        assert header == "开始"
    finally:
        clear_language()
    qtbot.waitUntil(lambda: "&Edit" in _menu_titles(editor))
    assert editor.filters.count.text() == "3 sentences"
