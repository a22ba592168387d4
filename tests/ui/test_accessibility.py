"""A screen reader can drive the queue, the library, the editor and the dialogs: every
control has an accessible name and can be reached with Tab."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from desktop.jobs.sources import expand
from desktop.store.library import LibraryFile
from desktop.ui.mainwindow.window import MainWindow
from desktop.ui.queue.new_job_dialog import NewJobDialog
from desktop.ui.util.accessibility import controls, unnamed_controls
from tests.helpers.media import speech


def _focus_chain(root: QWidget) -> set[int]:
    seen: set[int] = set()
    widget = root.nextInFocusChain()
    while widget is not root and id(widget) not in seen:
        seen.add(id(widget))
        widget = widget.nextInFocusChain()
    return seen


def _owner(widget: QWidget) -> QWidget:
    """The dialog ``widget`` is in, else its top-level window."""
    while not isinstance(widget, QDialog) and widget.parentWidget() is not None:
        widget = widget.parentWidget()
    return widget


def _describe(widgets: list[QWidget]) -> list[str]:
    return [f"{type(w).__name__}:{w.objectName()}" for w in widgets]


def test_every_control_has_a_name_and_is_on_the_tab_chain(
    qtbot, tingxie_home: Path, tmp_path: Path
) -> None:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.library_panel.is_loading(), timeout=20_000)
    editor = window.open_sample()
    assert editor is not None
    talk = speech(tmp_path / "talk.wav", "Hello there.")
    new_job = NewJobDialog(expand([str(talk)]))
    qtbot.addWidget(new_job)
    new_job.show()
    dialogs = [window.open_export_dialog(), window.open_settings(), new_job]
    for root in [window, editor, *dialogs]:
        assert not unnamed_controls(root), (type(root).__name__, _describe(unnamed_controls(root)))
    for root in dialogs:
        chain = _focus_chain(root)
        unreachable = [
            w
            for w in controls(root)
            if w.isVisibleTo(root) and w.isEnabled() and id(w) not in chain
        ]
        assert not unreachable, (type(root).__name__, _describe(unreachable))
