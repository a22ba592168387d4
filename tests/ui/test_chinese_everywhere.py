"""Every window and dialog in Chinese shows no English but names, formats and numbers.

The test opens the main window (with the sample in the editor), Settings, the
new-job dialog, the export dialog, the presets, the vocabularies, the import
dialog, the keyboard shortcuts sheet, the editor's Subtitles tab, compare and
sync dialogs and the crash dialog in zh_CN and
reads every text a person can see: labels, buttons, menus, actions, tooltips,
placeholders, combo items, group titles, table headers and the visible cells.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from desktop.crash import CrashReport
from desktop.dashscope import credentials
from desktop.jobs.sources import expand
from desktop.store.library import LibraryFile
from desktop.store.subtitle_profiles import find_preset
from desktop.ui.mainwindow.window import MainWindow
from desktop.ui.queue.new_job_dialog import NewJobDialog
from desktop.ui.util.crash_dialog import CrashDialog
from desktop.ui.util.translations import clear_language, install_language
from tests.helpers.media import speech

# Names, formats and units that stay as they are in Chinese.
NAMES = re.compile(
    r"(?i)tingxie|dashscope|model studio|paraformer[\w.-]*|fun-asr[\w.-]*|sensevoice[\w.-]*"
    r"|qwen[\w.-]*|netflix|ttsg|subtitle edit|bbc|whisperx|subrip|webvtt|substation alpha"
    r"|word|opencc|ffmpeg"
    r"|dashscope_api_key|tingxie_endpoint|api key|api|key|url|https?://\S+|sk-\S*|\S+\.(wav|mp3|"
    r"mp4|srt|vtt|ass|txt|json|csv|docx|m4a|flac|ogg)\b|\.(srt|vtt|ass|txt|json|csv|docx)\b"
    r"|srt|vtt|ass|txt|json|csv|docx|utf-8|khz|hz|cps|wpm|fps|ms|gb|mb|ctrl|shift|alt|space"
    r"|return|enter|del|delete|esc|f\d+|left|right|up|down|tab|home|end|pgup|pgdown|cny"
    r"|\w+error: .*"  # an exception's own summary, quoted in the crash dialog
    r"|aliyun\S*|oss|http|gnome-keyring|kwallet|d-bus|ai|cue|id|ok|min|sample|hello|world|smpte"
)
WORD = re.compile(r"[A-Za-z]{3,}")
# Widgets whose items are meant as they are: each language's own name, language codes.
OWN_TERMS = {"QComboBox:uiLanguage", "QLineEdit:languageHints"}


def _texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every visible text under ``root``."""
    found: list[tuple[str, str]] = []

    def add(where: QWidget | QAction, text: str | None) -> None:
        if text:
            found.append((f"{type(where).__name__}:{where.objectName()}", text))

    for widget in [root, *root.findChildren(QWidget)]:
        # Menus are hidden until opened, yet their texts are what a person reads first.
        if not widget.isVisibleTo(root) and widget is not root and not isinstance(widget, QMenu):
            continue
        add(widget, widget.toolTip())
        if widget.isWindow():
            add(widget, widget.windowTitle())
        if isinstance(widget, QLabel | QAbstractButton):
            add(widget, widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            add(widget, widget.placeholderText())
        if isinstance(widget, QGroupBox):
            add(widget, widget.title())
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, widget.tabText(i))
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, widget.itemText(i))
        if isinstance(widget, QMenu):
            add(widget, widget.title())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found.extend(_model_texts(widget, widget.model()))
        for action in widget.actions():
            if action.isVisible() and not action.isSeparator():
                add(action, action.text())
    return found


def _model_texts(view: QWidget, model: QAbstractItemModel) -> list[tuple[str, str]]:
    where = f"{type(view).__name__}:{view.objectName()}"
    found = []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model (columnCount private in PySide): no header shown
        columns = 0
    for orientation in (Qt.Orientation.Horizontal,):
        for section in range(columns):
            text = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str):
                found.append((where + " header", text))
    return found


def _english(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    bad = []
    for where, text in texts:
        if where in OWN_TERMS:
            continue
        rest = NAMES.sub(" ", re.sub(r"<[^>]+>|(?<!\S)/\S+|--[\w-]+", " ", text))
        if WORD.search(rest):
            bad.append((where, text))
    return sorted(set(bad))


@pytest.fixture
def chinese(qapp, monkeypatch, tingxie_home: Path):
    monkeypatch.setenv("TINGXIE_KEYRING_SERVICE", f"Tingxie zh walk {uuid.uuid4()}")
    monkeypatch.delenv(credentials.ENV_VAR, raising=False)
    install_language("zh_CN")
    yield
    clear_language()


def test_every_window_and_dialog_in_chinese_shows_no_english_words(
    qtbot, chinese, tmp_path: Path
) -> None:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: not window.library_panel.is_loading(), timeout=20_000)
    editor = window.open_sample()
    assert editor is not None
    qtbot.addWidget(editor)
    seen = {"main window": _texts(window), "editor": _texts(editor)}
    settings = window.open_settings()
    qtbot.waitUntil(lambda: settings.key_status.text() != "", timeout=20_000)
    seen["settings"] = _texts(settings)
    settings.close()
    export = window.open_export_dialog()
    seen["export"] = _texts(export)
    export.close()
    presets = window.open_presets()
    seen["presets"] = _texts(presets)
    presets.close()
    talk = speech(tmp_path / "talk.wav", "Hello there.")
    new_job = NewJobDialog(expand([str(talk)]), parent=window)
    qtbot.addWidget(new_job)
    new_job.show()
    qtbot.waitUntil(lambda: bool(new_job.media), timeout=20_000)
    seen["new job"] = _texts(new_job)
    seen.update(_more_windows(qtbot, window, editor))
    english = {name: _english(texts) for name, texts in seen.items()}
    english = {name: found for name, found in english.items() if found}
    assert not english, "\n".join(
        f"{name}: {where}: {text!r}" for name, found in english.items() for where, text in found
    )


def _more_windows(qtbot, window: MainWindow, editor) -> dict[str, list[tuple[str, str]]]:
    """The secondary windows: vocabularies, import, shortcuts, Subtitles, compare, sync, crash."""
    seen: dict[str, list[tuple[str, str]]] = {}
    for name, opener in (
        ("vocabularies", window.open_vocabularies),
        ("import", window.open_import_dialog),
        ("keyboard shortcuts", window.show_shortcuts),
    ):
        dialog = opener()
        seen[name] = _texts(dialog)
        dialog.close()
    editor.tabs.setCurrentIndex(1)
    editor.subtitles.create_track(find_preset("netflix-zh-hans"))  # a track with its cues shown
    seen["subtitles tab"] = _texts(editor.tabs.currentWidget())
    editor.tabs.setCurrentIndex(0)
    editor.compare_versions()
    compare = editor.compare_dialog
    assert compare is not None
    seen["compare"] = _texts(compare)
    compare.close()
    editor.view.selectRow(0)
    for name, asker in (("shift", editor.sync.ask_shift), ("timing", editor.sync.ask_timing_rules)):
        asker()
        dialog = editor.sync.dialog
        assert dialog is not None
        seen[f"sync {name}"] = _texts(dialog)
        dialog.close()
    report = CrashReport("RuntimeError: boom", "Traceback …", Path("/tmp/crash.txt"))
    crash = CrashDialog(report, window)
    qtbot.addWidget(crash)
    crash.show()
    seen["crash"] = _texts(crash)
    crash.close()
    return seen
