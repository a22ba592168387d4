"""Emotions and audio events found across the whole library, old libraries included."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from msgspec.structs import replace

from desktop.store.imports import import_result_file
from desktop.store.library import Library
from desktop.store.schema import MIGRATIONS
from tests.helpers.results import fixture_path


def _library_with_calls(path: Path | None = None) -> Library:
    library = Library.open(path)
    import_result_file(library, fixture_path("sensevoice_tags"), title="call one")
    import_result_file(library, fixture_path("paraformer_zh_en"), title="call two")
    return library


def test_every_angry_sentence_in_the_library_is_one_search() -> None:
    with _library_with_calls() as library:
        hits = library.search("", label="ANGRY")
        assert [(h.title, h.text[:13]) for h in hits] == [("call one", "Senior staff,")]
        assert hits[0].labels == ("angry", "speech")
        assert library.search("", label="angry") == hits  # any case
        # A label and words together: both must hold.
        assert library.search("classmates", label="angry") == hits
        assert library.search("honored", label="angry") == []
        assert [h.text for h in library.search("", label="laughter")] == ["谢谢大家"]


def test_qwen3_asr_emotions_and_languages_are_labels_the_library_filters_on() -> None:
    with _library_with_calls() as library:
        import_result_file(library, fixture_path("qwen3_asr"), title="welcome")
        assert [h.text for h in library.search("", label="en")] == ["Thank you all!"]
        assert [h.text for h in library.search("", label="zh")] == ["欢迎使用阿里云。"]
        happy = library.search("", label="happy")
        assert ("welcome", "Thank you all!") in [(h.title, h.text) for h in happy]
        assert {"en", "zh", "neutral"} <= set(library.labels())


def test_a_label_never_matches_inside_another_labels_name() -> None:
    with _library_with_calls() as library:
        assert library.search("", label="speec") == []
        assert library.search("", label="") == []


def test_the_labels_in_use_are_listed_for_the_filter() -> None:
    with _library_with_calls() as library:
        assert library.labels() == [
            "angry", "applause", "bgm", "happy", "laughter", "speech", "whistle",
        ]  # fmt: skip


def test_an_edit_that_changes_a_label_is_what_search_finds() -> None:
    with _library_with_calls() as library:
        (item,) = [i for i in library.items() if i.title == "call one"]
        transcript = library.transcript(item.id)
        channel = transcript.channels[0]
        calmer = (replace(channel.sentences[0], emotion="NEUTRAL"), *channel.sentences[1:])
        calm = replace(transcript, channels=(replace(channel, sentences=calmer),))
        library.save_transcript(item.id, calm)
        assert library.search("", label="angry") == []
        assert [h.text[:13] for h in library.search("", label="neutral")] == ["Senior staff,"]


def test_a_library_from_before_labels_gets_them_on_first_open(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with _library_with_calls(path):
        pass
    with sqlite3.connect(path, isolation_level=None) as conn:  # back to schema 4
        conn.execute("DROP INDEX sentences_labelled")
        conn.execute("ALTER TABLE sentences DROP COLUMN labels")
        conn.execute("DROP TABLE task_timings")  # step 6, after the labels
        conn.execute("PRAGMA user_version=4")
    with Library.open(path) as library:
        assert [h.title for h in library.search("", label="angry")] == ["call one"]
        assert len(library.search("", label="speech")) == 2
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
