"""Cue tracks stored in a real library file: versions, names, imports, and reopening."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.domain import cue_editing as edit
from desktop.domain.cue_track import cut_track
from desktop.domain.subtitle_presets import builtin
from desktop.domain.timecode import FPS_25
from desktop.store.imports import ImportFailedError
from desktop.store.library import ItemNotFoundError, Library
from desktop.store.schema import MIGRATIONS
from desktop.store.subtitle_import import import_track_file
from desktop.store.tracks import TrackExistsError, TrackNotFoundError
from tests.helpers.results import fixture_path, load


def _library_with_item(path: Path) -> tuple[Library, int]:
    library = Library.open(path)
    transcript = load("diarization")
    item_id = library.add_item(
        raw=fixture_path("diarization").read_bytes(), source="x", transcript=transcript,
        title="talk",
    )  # fmt: skip
    return library, item_id


def test_an_edited_track_survives_closing_the_library_and_keeps_its_versions(
    tmp_path: Path,
) -> None:
    path = tmp_path / "library.sqlite3"
    library, item_id = _library_with_item(path)
    track = cut_track(library.transcript(item_id), builtin("netflix-en"), "Netflix", FPS_25)
    track_id = library.tracks.create(item_id, track)
    edited = edit.set_text(track, 0, "How did\nyou start?")
    library.tracks.save(track_id, edited)
    library.close()
    with Library.open(path) as reopened:
        (info,) = reopened.tracks.tracks(item_id)
        assert (info.name, info.preset_id, info.cues, info.stale) == (
            "Netflix", "netflix-en", len(track), 0,
        )  # fmt: skip
        assert reopened.tracks.load(info.id) == edited
        assert reopened.tracks.load(info.id).rate == FPS_25
        assert len(reopened.tracks.versions(info.id)) == 2
        for n in range(5):
            reopened.tracks.save(info.id, edit.nudge(edited, 0, "end", n))
        assert reopened.tracks.prune_versions(info.id, keep=3) == 4
        assert reopened.tracks.load(info.id).cues[0].end_ms == edited.cues[0].end_ms + 4
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_names_are_unique_per_item_and_a_missing_track_says_how_to_find_one(
    tmp_path: Path,
) -> None:
    library, item_id = _library_with_item(tmp_path / "l.sqlite3")
    track = cut_track(library.transcript(item_id), builtin("bbc"), "BBC")
    library.tracks.create(item_id, track)
    with pytest.raises(TrackExistsError, match="choose another --name"):
        library.tracks.create(item_id, track)
    with pytest.raises(TrackNotFoundError, match=f"tingxie tracks list {item_id}"):
        library.tracks.find(item_id, "Netflix")
    with pytest.raises(ItemNotFoundError):
        library.tracks.create(item_id + 1, track)
    library.delete_item(item_id)
    assert library.tracks.tracks(item_id) == []  # deleted with its item


def test_a_subtitle_file_becomes_a_track_of_the_item_exactly_as_written(tmp_path: Path) -> None:
    library, item_id = _library_with_item(tmp_path / "l.sqlite3")
    srt = tmp_path / "delivery.srt"
    srt.write_text(
        "1\n00:00:01,000 --> 00:00:02,500\nHello there,\nfriend.\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\n大家好。\n",
        encoding="utf-8",
    )
    track = import_track_file(library, item_id, srt)
    again = import_track_file(library, item_id, srt)
    assert (track.name, again.name) == ("delivery", "delivery (2)")
    stored = library.tracks.load(library.tracks.find(item_id, "delivery").id)
    assert [(c.start_ms, c.end_ms, c.lines) for c in stored.cues] == [
        (1000, 2500, ("Hello there,", "friend.")),
        (3000, 4000, ("大家好。",)),
    ]
    assert stored.origin == "import" and stored.preset_id == "netflix-en"
    bad = tmp_path / "empty.srt"
    bad.write_text("", encoding="utf-8")
    with pytest.raises(ImportFailedError, match=r"empty\.srt"):
        import_track_file(library, item_id, bad)


def test_the_track_autosaver_writes_the_newest_edit_in_the_background(tmp_path: Path) -> None:
    from desktop.store.autosave import TrackAutosaver

    path = tmp_path / "l.sqlite3"
    library, item_id = _library_with_item(path)
    track = cut_track(library.transcript(item_id), builtin("netflix-en"), "EN")
    track_id = library.tracks.create(item_id, track)
    saved: list[int] = []
    saver = TrackAutosaver(path, on_saved=lambda key, _track: saved.append(key))
    edits = [edit.nudge(track, 0, "end", n * 10) for n in range(1, 6)]
    for edited in edits:
        saver.submit(track_id, edited)
    assert saver.close()
    assert saved and set(saved) == {track_id}
    assert library.tracks.load(track_id) == edits[-1]
    assert saver.error(track_id) is None
