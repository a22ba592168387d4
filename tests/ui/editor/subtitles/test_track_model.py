"""The cue table model: Qt's contract, live re-checks, time formats, stale cues."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.domain import cue_editing as edit
from desktop.domain.cue_track import CueTrack, TrackCue
from desktop.domain.timecode import FrameRate
from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from desktop.store.library import Library, LibraryFile
from desktop.store.subtitle_profiles import find_preset
from desktop.ui.editor.subtitles.track_model import ERROR, CueColumn, TrackModel
from desktop.ui.editor.subtitles.track_session import TrackSession
from tests.helpers.speech_media import add_to_library

RATE = FrameRate(25, 1)
LONG = "This line is much too long for a Netflix subtitle line to hold"


@pytest.fixture
def session(qtbot) -> TrackSession:
    words = (Word(0, 400, "Hello "), Word(500, 900, "there."))
    transcript = Transcript(
        "file:///x.wav", (Channel(0, (Sentence(0, 900, "Hello there.", words),)),)
    )
    item = add_to_library(transcript, None)
    track = CueTrack(
        "EN",
        "netflix-en",
        (
            TrackCue(0, 2000, ("Hello there.",), words=words),
            TrackCue(3000, 5000, (LONG,)),
            TrackCue(6000, 8000, ("Bye.",)),
        ),
        rate=RATE,
    )
    with Library.open() as library:
        track_id = library.tracks.create(item, track)
    made = TrackSession(track_id, track, library=LibraryFile.default(), debounce_ms=50)
    yield made
    made.close()


def test_the_model_keeps_qts_contract_through_edits(qtmodeltester, session):
    model = TrackModel(session, find_preset("netflix-en"), RATE)
    qtmodeltester.check(model, force_py=True)
    session.apply("split", lambda t: edit.split_cue(t, 0, 6))
    session.apply("merge", lambda t: edit.merge_with_next(t, 2))
    session.apply("delete", lambda t: edit.delete_cue(t, 0))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2
    assert [model.index(r, CueColumn.NUMBER).data() for r in range(2)] == ["1", "2"]


def test_a_fix_clears_the_coloured_cell_at_once_and_undo_brings_it_back(session):
    model = TrackModel(session, find_preset("netflix-en"), RATE)
    text = model.index(1, CueColumn.TEXT)
    assert text.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR
    assert "42" in text.data(Qt.ItemDataRole.ToolTipRole)
    fixed = "This line is much too long for\na Netflix subtitle line to hold"
    assert model.setData(text, fixed)
    assert text.data() == fixed
    assert text.data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(1, CueColumn.CPL).data() == "30\n31"
    session.undo_stack.undo()
    assert text.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR


def test_times_show_as_milliseconds_or_smpte_and_are_typed_either_way(session):
    model = TrackModel(session, find_preset("netflix-en"), RATE)
    start = model.index(1, CueColumn.START)
    assert start.data() == "00:00:03.000"
    model.set_timecode(True)
    assert start.data() == "00:00:03:00"
    assert model.setData(start, "00:00:02:12")  # 2 s and 12 frames at 25 fps
    assert session.track.cues[1].start_ms == 2480
    model.set_timecode(False)
    assert model.setData(start, "00:00:02.750")
    assert session.track.cues[1].start_ms == 2750
    assert not model.setData(start, "soon")


def test_the_cue_on_screen_is_marked_while_playing(session):
    model = TrackModel(session, find_preset("netflix-en"), RATE)
    seen: list[int] = []
    model.playing_changed.connect(seen.append)
    for ms in (100, 1500, 2500, 3100):
        model.set_position(ms)
    assert seen == [0, -1, 1]
    assert model.index(1, CueColumn.TEXT).data(Qt.ItemDataRole.FontRole).bold()
