"""The subtitle view's translation column: translated, fixed, undone, reopened, exported.

A real library, the in-process emulator as the service (its pseudo-translation
is reversible, so each line tells which cue it came from), the app's qasync
loop for the run, the keyboard for the fixes, and ffmpeg reading the bilingual
export that ``tingxie export --bilingual`` writes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain import cue_editing as edit
from desktop.domain.cue_track import CueTrack, TrackCue
from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from desktop.domain.translation import flat_text
from desktop.jobs.track_translation import cue_translations, set_translation
from desktop.store.library import Library, LibraryFile
from desktop.store.subtitle_profiles import find_preset
from desktop.ui.dialogs.translate import TranslateDialog
from desktop.ui.editor.subtitles.track_model import (
    ERROR,
    STALE_TRANSLATION,
    CueColumn,
    TrackModel,
)
from desktop.ui.editor.subtitles.track_session import TrackSession
from desktop.ui.editor.subtitles.translation_column import TranslationColumn
from desktop.ui.editor.subtitles.translation_editor import TranslationBox
from desktop.ui.editor.window import TranscriptEditor, open_library_item
from tests.fake_dashscope.config import EmulatorConfig
from tests.fake_dashscope.pseudo import source_of
from tests.fake_dashscope.server import Emulator
from tests.helpers.cli import tingxie
from tests.helpers.speech_media import add_to_library
from tests.helpers.subtitle_readers import read_with_ffmpeg
from tests.helpers.translated_track import TRACK, item_with_track
from tests.helpers.waiting import until

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
FIRST = "Welcome to today's show,"
SECOND = "part one."
LAST = "Thank you all for listening"


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    with Emulator(EmulatorConfig(), storage_dir=tmp_path / "emulator") as running:
        yield running


def _open(qtbot: QtBot, item: int) -> TranscriptEditor:
    window = open_library_item(LibraryFile.default(), item, debounce_ms=200)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_2, CTRL)
    assert window.tabs.currentWidget() is window.subtitles
    return window


def _type_translation(qtbot: QtBot, window: TranscriptEditor, row: int, lines: list[str]) -> None:
    """Go to the cue's translation cell, F2, replace its text, Shift+Enter between lines."""
    panel = window.subtitles
    view = panel.view
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view.setFocus()
    view.setCurrentIndex(panel.model.index(row, CueColumn.TRANSLATION))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    boxes = [b for b in view.findChildren(TranslationBox) if b.isVisible()]  # closed: hidden
    assert len(boxes) == 1 and boxes[0].hasFocus()
    box = boxes[0]
    qtbot.keyClick(box, Qt.Key.Key_A, CTRL)
    for number, line in enumerate(lines):
        if number:
            qtbot.keyClick(box, Qt.Key.Key_Return, SHIFT)
        qtbot.keyClicks(box, line)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def _stored(track_id: int, language: str = "en") -> tuple[list, CueTrack]:
    with Library.open() as library:
        track = library.tracks.load(track_id)
        return cue_translations(library, track_id, track, language), track


def test_translated_fixed_undone_reopened_and_exported_bilingual(
    qtbot: QtBot, loop, emulator: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TINGXIE_ENDPOINT", emulator.base_url)
    monkeypatch.setenv("DASHSCOPE_API_KEY", emulator.api_key)
    item, track_id = item_with_track(8)
    window = _open(qtbot, item)
    panel = window.subtitles
    assert panel.view.isColumnHidden(CueColumn.TRANSLATION)  # no translation yet
    # The languages are read off the GUI thread: the chooser fills in when they come.
    qtbot.waitUntil(lambda: panel.language_chooser.count() > 0, timeout=10_000)
    assert panel.language_chooser.currentText() == "None"

    # Every cue translated through the same dialog as Tools → Translate, for this track.
    panel.view.selectAll()
    dialog = panel.translate_selected()
    assert isinstance(dialog, TranslateDialog)
    assert dialog.wanted is not None and len(dialog.wanted) == 8

    async def translate() -> None:
        await until(dialog.translate_button.isEnabled, "the cost estimate")
        assert dialog.track.currentText() == TRACK
        dialog.translate_button.click()
        await until(lambda: panel.language_chooser.currentData() == "en", "the run to end", 60)
        await until(lambda: panel.translation.counts()[0] == 8, "the column read again")

    loop.run_until_complete(translate())
    model = panel.model
    assert not panel.view.isColumnHidden(CueColumn.TRANSLATION)
    for row, cue in enumerate(model.track.cues):
        shown = model.index(row, CueColumn.TRANSLATION).data()
        assert source_of(shown.replace("\n", " ")) == flat_text(cue.text)

    # Two translations fixed from the keyboard, one with a typed line break.
    _type_translation(qtbot, window, 0, [FIRST, SECOND])
    _type_translation(qtbot, window, 7, [LAST])
    assert model.index(0, CueColumn.TRANSLATION).data() == f"{FIRST}\n{SECOND}"
    assert model.index(7, CueColumn.TRANSLATION).data() == LAST
    # The machine's line is too long for the English preset: coloured as the source would be.
    for fixed in (0, 7):
        assert (
            model.index(fixed, CueColumn.TRANSLATION).data(Qt.ItemDataRole.BackgroundRole) is None
        )
    cell = model.index(3, CueColumn.TRANSLATION)
    machine = cell.data()
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR
    assert "the limit is 42" in cell.data(Qt.ItemDataRole.ToolTipRole)
    _type_translation(qtbot, window, 3, ["Wrong fix"])
    assert cell.data() == "Wrong fix"
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, CTRL)  # undo: the machine's text is back
    assert cell.data() == machine
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR
    assert model.index(7, CueColumn.TRANSLATION).data() == LAST  # only the last edit undone

    # A source cue edited after it was translated: its translation is marked stale.
    panel.session.apply("edit", lambda t: edit.set_text(t, 5, "这个功能真的非常好用"))
    stale = model.index(5, CueColumn.TRANSLATION)
    assert stale.data(Qt.ItemDataRole.ForegroundRole).color() == STALE_TRANSLATION
    assert stale.data(Qt.ItemDataRole.FontRole).italic()
    assert stale.data(Qt.ItemDataRole.ToolTipRole).startswith("Source changed since translated")
    assert panel.translation.stale_keys() == [model.track.cues[5].key]
    window.close()

    # Reopened: the fixes as typed, stored as a person's edits.
    again = _open(qtbot, item)
    panel = again.subtitles
    qtbot.waitUntil(lambda: panel.translation.counts()[0] == 8, timeout=10_000)
    assert panel.language_chooser.currentData() == "en"
    model = panel.model
    assert model.index(0, CueColumn.TRANSLATION).data() == f"{FIRST}\n{SECOND}"
    assert model.index(7, CueColumn.TRANSLATION).data() == LAST
    rows, track = _stored(track_id)
    assert (rows[0].status, rows[7].status) == ("edited", "edited")
    assert source_of(rows[3].text) == flat_text(track.cues[3].text)
    assert rows[5].stale
    again.close()

    # Exported bilingual from the command line; ffmpeg reads the fixed text at the cue's times.
    out = tmp_path / "both.srt"
    env = {k: v for k, v in os.environ.items() if k != "DASHSCOPE_API_KEY"}
    home = Path(os.environ["TINGXIE_HOME"])
    done = tingxie(
        "export", item, "--track", TRACK, "-f", "srt", "--bilingual", "-o", out,
        home=home, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    read = read_with_ffmpeg(out)
    assert [(s, e) for s, e, _ in read] == [(c.start_ms, c.end_ms) for c in track.cues]
    # The export re-breaks the target for its preset: both typed lines fit on one.
    assert read[0][2] == f"{track.cues[0].text}\n{FIRST} {SECOND}"
    assert read[7][2] == f"{track.cues[7].text}\n{LAST}"


@pytest.fixture
def session(qtbot) -> Iterator[TrackSession]:
    words = (Word(0, 400, "Hello "), Word(500, 900, "there."))
    transcript = Transcript(
        "file:///x.wav", (Channel(0, (Sentence(0, 900, "Hello there.", words),)),)
    )
    item = add_to_library(transcript, None)
    track = CueTrack(
        "EN",
        "netflix-en",
        (TrackCue(0, 2000, ("Hello there.",), words=words), TrackCue(3000, 5000, ("Bye.",))),
    )
    with Library.open() as library:
        track_id = library.tracks.create(item, track)
        track = library.tracks.load(track_id)  # with the keys the store gave its cues
        set_translation(library, track_id, track, 0, "de", "Hallo da.")
    made = TrackSession(track_id, track, library=LibraryFile.default(), debounce_ms=50)
    yield made
    made.close()


def test_the_model_keeps_qts_contract_with_the_translation_column(qtbot, qtmodeltester, session):
    model = TrackModel(session, find_preset("netflix-en"))
    column = TranslationColumn(LibraryFile.default(), session)
    model.set_translation(column)
    qtmodeltester.check(model, force_py=True)
    with qtbot.waitSignal(column.loaded, timeout=5000):
        column.set_language("de")
    assert model.index(0, CueColumn.TRANSLATION).data() == "Hallo da."
    assert model.flags(model.index(1, CueColumn.TRANSLATION)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(1, CueColumn.TRANSLATION), "Tschüss.")
    session.apply("split", lambda t: edit.split_cue(t, 0, 6))
    assert model.headerData(CueColumn.TRANSLATION, Qt.Orientation.Horizontal) == "Translation"
    assert model.index(2, CueColumn.TRANSLATION).data() == "Tschüss."  # follows the cue's key
    session.undo_stack.undo()  # the split
    session.undo_stack.undo()  # the translation
    assert model.index(1, CueColumn.TRANSLATION).data() == ""
    qtmodeltester.check(model, force_py=True)  # (a second check listens twice to changes)
    assert column.flush()
    rows, _track = _stored(session.track_id, "de")
    assert rows[1].text is None and rows[0].text == "Hallo da."


def test_stale_cues_are_translated_again_with_the_glossary_tables_terms(
    qtbot: QtBot, loop, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TINGXIE_ENDPOINT", emulator.base_url)
    monkeypatch.setenv("DASHSCOPE_API_KEY", emulator.api_key)
    item, track_id = item_with_track(4)
    with Library.open() as library:
        track = library.tracks.load(track_id)
        for row in range(4):
            set_translation(library, track_id, track, row, "en", f"Line {row + 1}")
    window = _open(qtbot, item)
    panel = window.subtitles
    qtbot.waitUntil(lambda: panel.translation.counts()[0] == 4, timeout=10_000)
    assert panel.translate_stale() is None  # nothing stale yet
    panel.session.apply("edit", lambda t: edit.set_text(t, 2, "这个功能真的非常好用"))
    dialog = panel.translate_stale()
    assert dialog is not None and dialog.language.currentData() == "en"
    assert dialog.wanted == (panel.model.track.cues[2].key,)
    dialog.terms.add_row("功能", "feature")

    async def translate() -> None:
        await until(dialog.translate_button.isEnabled, "the cost estimate")
        assert dialog.estimate.text().startswith("1 cue")
        dialog.translate_button.click()
        await until(lambda: not panel.translation.is_stale(2), "the column read again", 60)

    loop.run_until_complete(translate())
    sent = [r.body for r in emulator.requests("chat") if r.status == 200]
    assert len(sent) == 1 and sent[0]["messages"][0]["content"] == "这个功能真的非常好用"
    terms = sent[0]["translation_options"]["terms"]
    assert terms == [{"source": "功能", "target": "feature"}]
    shown = panel.model.index(2, CueColumn.TRANSLATION).data()
    # The emulator puts the glossary's translation in the term's place.
    assert source_of(shown.replace("\n", " ")) == "这个FEATURE真的非常好用"
    assert panel.model.index(0, CueColumn.TRANSLATION).data() == "Line 1"  # the rest kept
    window.close()
    # The table's rows are kept for the next translation.
    again = TranslateDialog(LibraryFile.default(), item)
    qtbot.addWidget(again)
    assert again.terms.rows() == [("功能", "feature")]


def test_in_the_main_window_the_views_runs_show_in_the_queue_panel(qtbot: QtBot) -> None:
    from desktop.ui.mainwindow.window import MainWindow
    from desktop.ui.queue.panel import QueuePanel

    item, _track_id = item_with_track(2)
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.set_queue_panel(QueuePanel(window))
    editor = window.open_item(item)
    assert editor is not None
    assert editor.subtitles.translations() is window.translations()
    assert window.translation_rows.parent() is window.queue_panel
