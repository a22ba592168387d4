"""Quitting asks the editor first, then the queue, and only then stops anything."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.domain import editing
from desktop.store.library import Library, LibraryFile
from desktop.ui.mainwindow.quitter import Quitter
from desktop.ui.mainwindow.window import MainWindow


class Stages:
    """What the quit sequence asked and ran, in order."""

    def __init__(self, editor_answers: list[bool], queue_answer: bool = True) -> None:
        self.editor_answers = editor_answers
        self.queue_answer = queue_answer
        self.log: list[str] = []

    def editor(self) -> bool:
        self.log.append("editor asked")
        return self.editor_answers.pop(0)

    def queue(self) -> bool:
        self.log.append("queue asked")
        return self.queue_answer

    async def stop_engine(self) -> None:
        self.log.append("engine stopped")


def test_an_editor_that_refuses_stops_nothing_and_the_next_close_asks_again(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    stages = Stages(editor_answers=[False, True])
    quitter = Quitter(window, stages.editor)
    quitter.add_question(stages.queue)
    quitter.add_shutdown(stages.stop_engine)

    async def scenario() -> None:
        assert quitter.request() is False
        assert stages.log == ["editor asked"]  # the queue was not even asked
        assert quitter.request() is False  # stopping: the shutdown runs on the loop
        await asyncio.sleep(0.05)

    asyncio.run(scenario())
    assert stages.log == ["editor asked", "editor asked", "queue asked", "engine stopped"]
    assert quitter.may_close()


def test_keep_working_at_the_queue_question_leaves_the_engine_running(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    stages = Stages(editor_answers=[True], queue_answer=False)
    quitter = Quitter(window, stages.editor)
    quitter.add_question(stages.queue)
    quitter.add_shutdown(stages.stop_engine)
    assert quitter.request() is False
    assert stages.log == ["editor asked", "queue asked"] and not quitter.may_close()


def test_a_failed_save_kept_open_at_quit_leaves_the_window_and_its_queue_alive(
    qtbot, speech_item, monkeypatch
) -> None:
    """The edit cannot be saved (the item was deleted by another process); the person
    keeps the window: nothing has stopped, and the edit is still there."""
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    stopped: list[str] = []

    async def stop_engine() -> None:
        stopped.append("engine")

    window.quitter.add_shutdown(stop_engine)
    editor = window.open_item(speech_item)
    assert editor is not None
    ref = editor.model.ref(0)
    with Library.open() as library:
        library.delete_item(speech_item)
    editor.session.apply("fix", lambda t: editing.edit_text(t, ref, "hello there world"))
    warnings: list[str] = []

    def keep_it(_parent, title, _text, *_args) -> QMessageBox.StandardButton:
        warnings.append(title)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", keep_it)
    window.close()
    assert warnings == ["Edits not saved"]
    assert window.isVisible() and window.current_editor() is editor
    assert stopped == [] and not window.quitter.may_close()
    assert editor.model.sentence(0).text == "hello there world"
    window.close()  # asks again
    assert warnings == ["Edits not saved"] * 2
