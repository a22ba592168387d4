"""Help → Keyboard shortcuts lists every shortcut of the window and the open editor."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from desktop.store.library import LibraryFile
from desktop.ui.mainwindow.shortcuts import ShortcutsDialog
from desktop.ui.mainwindow.window import MainWindow


def test_the_shortcut_sheet_lists_every_shortcut_of_the_window_and_editor(
    qtbot, tingxie_home
) -> None:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    editor = window.open_sample()
    assert editor is not None
    assert window.shortcuts_action in window.help_menu.actions()
    dialog = window.show_shortcuts()
    assert isinstance(dialog, ShortcutsDialog)
    table = dialog.table
    listed = {table.item(r, 1).text() for r in range(table.rowCount())}
    commands = {table.item(r, 0).text() for r in range(table.rowCount())}
    every = [a for a in window.findChildren(QAction) if a.shortcuts() and a.text()]
    assert every, "no shortcuts found at all"
    for action in every:
        keys = action.shortcuts()[0].toString(QKeySequence.SequenceFormat.NativeText)
        assert any(keys in shown for shown in listed), (action.text(), keys)
    assert "Next unreviewed" in commands and "Play/pause" in commands  # the editor's
    assert "Export" in commands  # the window's, without the mnemonic's "&" and "…"
