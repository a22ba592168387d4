"""The waveform in the editor, driven with the mouse: seek, select, drag to retime, undo."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from desktop.domain.durations import format_time
from desktop.domain.subtitle_presets import builtin
from desktop.export import ExportOptions, export_transcript
from desktop.media.waveform import Peaks
from desktop.store.library import Library
from desktop.ui.editor.model import Column
from tests.helpers.speech_media import Spoken

SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton


def loaded(qtbot, editor):
    wave = editor.wave
    qtbot.waitUntil(lambda: wave.peaks.complete, timeout=10_000)
    wave.set_view(0, 4.0)  # 4 ms a pixel: the first sentences across the widget
    return wave


def point(wave, ms: float) -> QPoint:
    return QPoint(round(wave.x_of(ms)), wave.height() // 2)


def drag(qtbot, wave, from_ms: float, to_ms: float, modifier=Qt.KeyboardModifier.NoModifier):
    start, end = point(wave, from_ms), point(wave, to_ms)
    qtbot.mousePress(wave, LEFT, modifier, start)
    middle = QPoint((start.x() + end.x()) // 2, start.y())
    qtbot.mouseMove(wave, middle)
    qtbot.mouseMove(wave, end)
    qtbot.mouseRelease(wave, LEFT, modifier, end)
    return round((end.x() - start.x()) * wave.ms_per_px)  # the dragged amount in ms


def test_the_waveform_is_loud_where_the_words_are(qtbot, editor, speech):
    _track, timings = speech
    wave = loaded(qtbot, editor)
    for sentence in timings:
        for word in sentence:
            assert wave.peaks.level(word.begin_ms + 20, word.end_ms - 20) > 10, word
    pause = (timings[0][-1].end_ms + 30, timings[1][0].begin_ms - 30)
    assert wave.peaks.level(*pause) <= 1
    assert any(b <= pause[0] and pause[1] <= e for b, e in wave.silences())


def test_dragging_an_edge_moves_the_end_by_the_dragged_amount_and_undo_restores(
    qtbot, editor, speech_item
):
    wave = loaded(qtbot, editor)
    before = editor.session.transcript.channels[0].sentences[0]
    target = before.end_ms + 400  # into the pause after the sentence
    dragged = drag(qtbot, wave, before.end_ms, target, SHIFT)
    after = editor.session.transcript.channels[0].sentences[0]
    assert after.end_ms == before.end_ms + dragged and abs(after.end_ms - target) <= 8
    assert after.begin_ms == before.begin_ms and after.words == before.words
    assert editor.model.index(0, Column.END).data() == format_time(after.end_ms, millis=True)
    assert editor.view.currentIndex().row() == 0 and wave.selected_row == 0

    # The export follows the retimed cue once saved.
    assert editor.session.flush()
    with Library.open() as library:
        srt = export_transcript(
            library.transcript(speech_item), "srt", options=ExportOptions(builtin("sentence"))
        ).decode()
    assert f" --> {_srt_time(after.end_ms)}" in srt.split("\n\n")[0]

    editor.undo_action.trigger()
    assert editor.session.transcript.channels[0].sentences[0] == before


def test_an_edge_snaps_to_a_word_boundary_unless_shift_is_held(qtbot, editor, speech):
    _track, timings = speech
    wave = loaded(qtbot, editor)
    first: list[Spoken] = timings[0]
    boundary = first[1].end_ms  # end of "world", inside the sentence
    near = boundary + 3 * wave.ms_per_px  # three pixels off: within snapping reach
    drag(qtbot, wave, first[-1].end_ms, near)
    assert editor.session.transcript.channels[0].sentences[0].end_ms == boundary
    editor.undo_action.trigger()
    dragged = drag(qtbot, wave, first[-1].end_ms, near, SHIFT)
    assert editor.session.transcript.channels[0].sentences[0].end_ms == first[-1].end_ms + dragged
    assert dragged != boundary - first[-1].end_ms


def test_dragging_the_body_moves_the_sentence_with_its_words(qtbot, editor):
    wave = loaded(qtbot, editor)
    before = editor.session.transcript.channels[0].sentences[1]
    middle = (before.begin_ms + before.end_ms) / 2
    delta = drag(qtbot, wave, middle, middle - 120, SHIFT)
    after = editor.session.transcript.channels[0].sentences[1]
    assert delta < 0 and after.begin_ms == before.begin_ms + delta
    assert [w.begin_ms for w in after.words] == [w.begin_ms + delta for w in before.words]
    assert editor.view.currentIndex().row() == 1
    editor.undo_action.trigger()
    assert editor.session.transcript.channels[0].sentences[1] == before


def test_a_click_seeks_and_selection_follows_between_table_and_waveform(qtbot, editor):
    wave = loaded(qtbot, editor)
    second = editor.model.sentence(1)
    pause = second.begin_ms - 100  # between sentences: a plain seek
    qtbot.mouseClick(wave, LEFT, pos=point(wave, pause))
    assert abs(editor.player.position() - pause) <= 2 * wave.ms_per_px
    assert wave.position() == editor.player.position()

    qtbot.mouseClick(wave, LEFT, pos=point(wave, (second.begin_ms + second.end_ms) / 2))
    assert editor.view.currentIndex().row() == 1

    editor.select_row(2)
    assert wave.selected_row == 2
    third = editor.model.sentence(2)
    assert wave.start_ms <= third.begin_ms <= wave.start_ms + wave.span_ms()


def test_ctrl_wheel_zooms_around_the_pointer_and_the_wheel_scrolls(qtbot, editor):
    wave = loaded(qtbot, editor)
    wave.set_view(1000, 4.0)
    x = wave.width() / 3
    under = wave.ms_at(x)

    def wheel(steps: int, modifiers: Qt.KeyboardModifier) -> None:
        position = QPointF(x, wave.height() / 2)
        event = QWheelEvent(
            position, wave.mapToGlobal(position), QPoint(), QPoint(0, 120 * steps),
            Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False,
        )  # fmt: skip
        QApplication.sendEvent(wave, event)

    wheel(1, Qt.KeyboardModifier.ControlModifier)
    assert wave.ms_per_px < 4.0 and abs(wave.ms_at(x) - under) <= 4
    start = wave.start_ms
    wheel(-1, Qt.KeyboardModifier.NoModifier)
    assert wave.start_ms > start


def test_zoom_shortcuts_halve_and_double_the_span(qtbot, editor):
    wave = loaded(qtbot, editor)
    wave.set_view(0, 4.0)
    qtbot.keyClick(editor.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert wave.ms_per_px == 2.0
    qtbot.keyClick(editor.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert wave.ms_per_px == 4.0


def test_playback_inside_the_view_does_not_redraw_the_waveform(qtbot, editor, speech):
    _track, timings = speech
    wave = loaded(qtbot, editor)
    wave.set_view(0, 10.0)  # every word in view: no page to turn
    wave.repaint()
    drawn = wave.drawn_pixmap
    for word in [w for sentence in timings for w in sentence]:
        editor.seek(word.begin_ms + 10)  # the table highlights another word each time
        wave.repaint()
    assert wave.drawn_pixmap is drawn
    editor.model.setData(editor.model.index(0, Column.TEXT), "hello there again")
    wave.repaint()
    assert wave.drawn_pixmap is not drawn  # an edit does


def test_the_playhead_turns_the_page_while_playing(qtbot, editor):
    wave = loaded(qtbot, editor)
    wave.set_view(0, 1.0)  # one second across 1000 px: playback soon leaves the view
    later = round(wave.span_ms() * 2)
    editor.seek(later)
    assert wave.start_ms <= later <= wave.start_ms + wave.span_ms()


def _srt_time(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02}:{minutes:02}:{seconds:02},{millis:03}"


def test_the_drawn_waveform_has_ink_over_each_word_and_none_in_the_pauses(qtbot, editor, speech):
    _track, timings = speech
    wave = loaded(qtbot, editor)
    wave.set_view(0, 8.0)
    image = wave.render_pixmap().toImage()
    background = image.pixelColor(0, 2)

    def inked_rows(ms: float) -> int:
        x = round(wave.x_of(ms))
        above_ruler = image.height() - 24  # the time marks along the bottom are not ink
        return sum(1 for y in range(above_ruler) if image.pixelColor(x, y) != background)

    middle_line = inked_rows(timings[0][0].begin_ms - 150)  # before the speech: the axis only
    for sentence in timings:
        for word in sentence:
            loudest = max(
                range(word.begin_ms, word.end_ms, 8),
                key=lambda ms: wave.peaks.level(ms, ms + 8),
            )
            assert inked_rows(loudest + 4) > middle_line + 10, word.text
    pause = (timings[0][-1].end_ms + timings[1][0].begin_ms) / 2
    assert inked_rows(pause) <= middle_line


def test_peaks_are_drawn_as_they_arrive(qtbot, editor):
    wave = loaded(qtbot, editor)
    wave.set_peaks(Peaks())  # as when a file starts decoding
    wave.set_view(0, 10.0)
    background = wave.render_pixmap().toImage().pixelColor(0, 2)

    def inked(ms: int) -> bool:
        wave.repaint()
        image = wave.grab().toImage()
        x = round(wave.x_of(ms))
        return image.pixelColor(x, 3) != background

    # Before the first sentence and in the pause after it, nothing but peaks can ink the top.
    pause = (editor.model.sentence(0).end_ms + editor.model.sentence(1).begin_ms) // 2
    assert not inked(150) and not inked(pause)
    wave.add_chunk(0, bytes([127]) * 100)  # the first second, at full scale
    assert inked(150) and not inked(pause)
    wave.add_chunk(100, bytes([127]) * (pause // 10))
    assert inked(pause)
