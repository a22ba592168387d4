"""The library panel: items from the local library, sorted, filtered and searched."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop import paths
from desktop.domain import editing
from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from desktop.formats.result_file import encode_result
from desktop.store.imports import import_result_file
from desktop.store.library import Library, LibraryFile
from desktop.ui.library.model import ItemColumn
from desktop.ui.library.panel import LibraryPanel
from desktop.ui.mainwindow.window import MainWindow
from desktop.ui.util.translations import clear_language, install_language
from tests.helpers.results import fixture_path


@pytest.fixture(autouse=True)
def english(qapp):
    """The app's English: the source texts with their plural forms."""
    install_language("en")
    yield
    clear_language()


def _long_talk(hours: float) -> Transcript:
    end = int(hours * 3600_000)
    words = (Word(end - 2000, end - 1000, "closing "), Word(end - 1000, end, "remarks"))
    sentence = Sentence(end - 2000, end, "closing remarks", words, sentence_id=1)
    return Transcript(
        file_url="https://example.com/lecture.mp3", channels=(Channel(0, (sentence,)),)
    )


@pytest.fixture
def library_items(tingxie_home) -> dict[str, int]:
    """Four items: models, lengths, ages and review states all differ."""
    with Library.open() as library:
        ids = {
            "hello": import_result_file(
                library, fixture_path("paraformer_zh_en"), title="hello", model="paraformer-v2"
            ),
            "interview": import_result_file(
                library, fixture_path("diarization"), title="interview", model="paraformer-v2"
            ),
            "speech": import_result_file(
                library, fixture_path("sensevoice_tags"), title="speech", model="sensevoice-v1"
            ),
        }
        talk = _long_talk(1.5)
        ids["lecture"] = library.add_item(
            raw=encode_result(talk), source="t", transcript=talk, title="lecture", model="fun-asr"
        )
        interview = library.transcript(ids["interview"])
        for ref, _ in editing.ordered_refs(interview):
            interview = editing.set_reviewed(interview, ref, True)
        library.save_transcript(ids["interview"], interview)
        speech = library.transcript(ids["speech"])
        first = editing.ordered_refs(speech)[0][0]
        library.save_transcript(ids["speech"], editing.set_reviewed(speech, first, True))
    month_ago = (datetime.now(UTC) - timedelta(days=30)).isoformat()
    with sqlite3.connect(paths.library_path()) as conn:
        conn.execute("UPDATE items SET created_at = ? WHERE id = ?", (month_ago, ids["hello"]))
    return ids


def _panel(qtbot) -> LibraryPanel:
    panel = LibraryPanel(LibraryFile.default())
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    return panel


def _loaded(qtbot, panel: LibraryPanel, rows: int) -> None:
    qtbot.waitUntil(lambda: panel.items_model.rowCount() == rows, timeout=20_000)


def _titles(panel: LibraryPanel) -> list[str]:
    view = panel.items_view
    return [view.model().index(r, ItemColumn.TITLE).data() for r in range(view.model().rowCount())]


def _column(panel: LibraryPanel, column: ItemColumn) -> list[str]:
    model = panel.items_view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)


def test_items_load_in_the_background_newest_first_with_their_details(qtbot, library_items) -> None:
    panel = _panel(qtbot)
    # Nothing is read on the UI thread: the rows arrive after the constructor returns.
    assert panel.items_model.rowCount() == 0
    assert panel.status.text() == "Loading the library…"
    _loaded(qtbot, panel, 4)
    assert _titles(panel)[-1] == "hello"  # a month old: last when newest first
    rows = dict(zip(_titles(panel), range(4), strict=True))
    assert _column(panel, ItemColumn.MODEL)[rows["speech"]] == "sensevoice-v1"
    assert _column(panel, ItemColumn.DURATION)[rows["lecture"]] == "1:30:00"
    assert _column(panel, ItemColumn.DURATION)[rows["interview"]] == "0:09"
    assert _column(panel, ItemColumn.REVIEW)[rows["interview"]] == "Reviewed"
    assert _column(panel, ItemColumn.REVIEW)[rows["speech"]] == "In review"
    assert _column(panel, ItemColumn.REVIEW)[rows["hello"]] == "Unreviewed"
    assert panel.status.text() == "4 items"


def test_clicking_a_header_sorts_by_that_column(qtbot, library_items) -> None:
    panel = _panel(qtbot)
    _loaded(qtbot, panel, 4)
    header = panel.items_view.horizontalHeader()

    def click(column: ItemColumn) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click(ItemColumn.TITLE)
    assert _titles(panel) == ["hello", "interview", "lecture", "speech"]
    click(ItemColumn.TITLE)
    assert _titles(panel) == ["speech", "lecture", "interview", "hello"]
    click(ItemColumn.DURATION)
    assert _titles(panel) == ["hello", "interview", "speech", "lecture"]


def test_filters_by_model_status_date_and_length(qtbot, library_items) -> None:
    panel = _panel(qtbot)
    _loaded(qtbot, panel, 4)
    _choose(panel.model_filter, "paraformer-v2")
    assert sorted(_titles(panel)) == ["hello", "interview"]
    assert panel.status.text() == "2 of 4 items shown"
    _choose(panel.review_filter, "Unreviewed")
    assert _titles(panel) == ["hello"]
    _choose(panel.date_filter, "Last 7 days")
    assert _titles(panel) == []
    _choose(panel.model_filter, "Any model")
    _choose(panel.review_filter, "Any status")
    assert sorted(_titles(panel)) == ["interview", "lecture", "speech"]
    _choose(panel.duration_filter, "30 minutes to 2 hours")
    assert _titles(panel) == ["lecture"]
    _choose(panel.duration_filter, "Under 5 minutes")
    _choose(panel.review_filter, "In review")
    assert _titles(panel) == ["speech"]


def test_search_finds_sentences_in_every_transcript_and_narrows_the_items(
    qtbot, library_items
) -> None:
    panel = _panel(qtbot)
    _loaded(qtbot, panel, 4)
    assert panel.hits_view.isHidden()
    panel.search_box.insert("杭州")  # as an input method commits it (keyClicks is ASCII only)
    qtbot.waitUntil(lambda: panel.hits_model.rowCount() == 1, timeout=20_000)
    assert panel.hits_view.isVisible()
    hits = panel.hits_view.model()
    assert [hits.index(0, c).data() for c in range(4)] == [
        "interview",
        "0:05",
        "",
        "后来我们搬到了杭州。",
    ]
    assert _titles(panel) == ["interview"]
    assert panel.status.text() == "1 of 4 items shown · 1 matching sentence"
    # A title matches too, with no transcript hit.
    panel.search_box.clear()
    assert panel.hits_view.isHidden() and len(_titles(panel)) == 4
    qtbot.keyClicks(panel.search_box, "lect")
    qtbot.waitUntil(lambda: panel.status.text().endswith("0 matching sentences"), timeout=20_000)
    assert _titles(panel) == ["lecture"]


def test_an_emotion_finds_its_sentences_in_every_item_with_or_without_words(
    qtbot, library_items
) -> None:
    panel = _panel(qtbot)
    _loaded(qtbot, panel, 4)
    labels = panel.label_filter
    qtbot.waitUntil(lambda: labels.count() > 1, timeout=20_000)
    assert labels.isVisible()
    assert [labels.itemText(i) for i in range(labels.count())] == [
        "Any emotion or sound", "Angry", "Applause", "BGM", "Happy", "Laughter", "Speech",
        "Whistle",
    ]  # fmt: skip
    _choose(labels, "Angry")
    qtbot.waitUntil(lambda: panel.hits_view.isVisible(), timeout=20_000)
    hits = panel.hits_view.model()
    assert hits.rowCount() == 1
    assert [hits.index(0, c).data() for c in range(3)] == ["speech", "0:00", "Angry, Speech"]
    assert hits.index(0, 3).data().startswith("Senior staff")
    assert _titles(panel) == ["speech"]
    assert panel.status.text() == "1 of 4 items shown · 1 matching sentence"
    # Words and a label together: sentences with both.
    qtbot.keyClicks(panel.search_box, "honored")
    qtbot.waitUntil(lambda: panel.status.text().endswith("0 matching sentences"), timeout=20_000)
    assert _titles(panel) == []
    panel.search_box.clear()
    qtbot.waitUntil(lambda: hits.rowCount() == 1, timeout=20_000)
    _choose(labels, "Any emotion or sound")
    assert panel.hits_view.isHidden() and len(_titles(panel)) == 4


def test_opening_a_search_hit_opens_its_item_at_that_sentence(qtbot, library_items) -> None:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    panel = window.library_panel
    _loaded(qtbot, panel, 4)
    window.activateWindow()
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert panel.search_box.hasFocus()
    qtbot.keyClicks(panel.search_box, "started")
    qtbot.waitUntil(lambda: panel.hits_model.rowCount() == 1, timeout=20_000)
    view = panel.hits_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 3))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editor = window.current_editor()
    assert editor is not None and editor.windowTitle() == "interview"
    assert editor.current_row() == 1
    assert editor.model.sentence(1).text == "I started in 2019."


def test_double_clicking_an_item_opens_it(qtbot, library_items) -> None:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    panel = window.library_panel
    _loaded(qtbot, panel, 4)
    view = panel.items_view
    row = _titles(panel).index("speech")
    rect = view.visualRect(view.model().index(row, ItemColumn.TITLE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_editor().windowTitle() == "speech"


def test_an_empty_library_says_so(qtbot) -> None:
    panel = _panel(qtbot)
    qtbot.waitUntil(lambda: "empty" in panel.status.text(), timeout=20_000)
    assert panel.status.text().startswith("The library is empty.")
    assert panel.label_filter.isHidden()  # no labelled sentences: no emotion filter


def test_reviewing_in_the_editor_shows_in_the_library_once_it_is_closed(
    qtbot, library_items
) -> None:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    panel = window.library_panel
    _loaded(qtbot, panel, 4)
    editor = window.open_item(library_items["hello"])
    editor.select_row(0)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # mark reviewed
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # close the item
    row = _titles(panel).index("hello")
    qtbot.waitUntil(lambda: _column(panel, ItemColumn.REVIEW)[row] == "Reviewed", timeout=20_000)


def test_enter_in_the_search_box_goes_to_the_first_hit_and_enter_again_opens_it(
    qtbot, library_items
) -> None:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    panel = window.library_panel
    _loaded(qtbot, panel, 4)
    qtbot.keyClicks(panel.search_box, "classmates")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)  # before the typing pause is over
    qtbot.waitUntil(lambda: window.focusWidget() is panel.hits_view, timeout=20_000)
    assert panel.hits_model.rowCount() == 2
    assert panel.hits_view.currentIndex().row() == 0
    qtbot.keyClick(panel.hits_view, Qt.Key.Key_Down)
    qtbot.keyClick(panel.hits_view, Qt.Key.Key_Return)
    editor = window.current_editor()
    assert editor.windowTitle() == "speech"
    assert "students across America" in editor.model.sentence(editor.current_row()).text
    # The opened item is the current row of the library.
    assert panel.selected_ids() == [library_items["speech"]]
