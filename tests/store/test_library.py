from __future__ import annotations

import sqlite3
from pathlib import Path

import msgspec
import pytest

from desktop import paths
from desktop.store.database import LibraryError
from desktop.store.imports import ImportFailedError, import_result_file
from desktop.store.library import ItemNotFoundError, Library
from desktop.store.schema import MIGRATIONS
from tests.helpers.results import fixture_path, load


@pytest.fixture
def library(tingxie_home: Path):
    with Library.open() as lib:
        yield lib


def _import(library: Library, name: str, **kw) -> int:
    return import_result_file(library, fixture_path(name), **kw)


def test_library_lives_in_tingxie_home_and_uses_wal(library: Library, tingxie_home: Path) -> None:
    assert paths.library_path() == tingxie_home / "library.sqlite3"
    assert paths.library_path().exists()
    with sqlite3.connect(paths.library_path()) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_an_imported_item_keeps_raw_bytes_parsed_transcript_and_details(
    library: Library, tmp_path: Path
) -> None:
    media = tmp_path / "talk.wav"
    media.write_bytes(b"RIFF")
    item_id = _import(library, "diarization", media=media, model="paraformer-v2")
    item = library.item(item_id)
    assert (item.title, item.model, item.origin) == ("talk.wav", "paraformer-v2", "import")
    assert item.media_path == str(media.resolve())
    assert (item.duration_ms, item.channels, item.sentences) == (9000, 1, 4)
    assert library.raw_result(item_id) == fixture_path("diarization").read_bytes()
    assert library.transcript(item_id) == load("diarization")
    assert library.original_transcript(item_id) == load("diarization")


def test_title_defaults_to_the_file_name_in_the_service_url(library: Library) -> None:
    assert library.item(_import(library, "diarization")).title == "interview one.mp3"
    # A URL with encoded line breaks still gives a one-line title.
    assert library.item(_import(library, "hostile")).title == "evil file.wav"


def test_search_finds_chinese_substrings_and_english_words(library: Library) -> None:
    hello = _import(library, "paraformer_zh_en")
    interview = _import(library, "diarization")
    call = _import(library, "two_channels")
    assert [(h.item_id, h.begin_ms) for h in library.search("阿里巴巴")] == [(hello, 100)]
    assert [h.item_id for h in library.search("巴语")] == [hello]  # across word boundaries
    assert [h.item_id for h in library.search("HELLO")] == [hello]
    assert [h.item_id for h in library.search("start")] == [interview, interview]
    assert [h.text for h in library.search("did you")] == ["How did you start?"]
    assert [h.text for h in library.search("杭州 后来")] == ["后来我们搬到了杭州。"]
    hits = library.search("订单")
    assert [(h.item_id, h.channel_id, h.begin_ms, h.end_ms) for h in hits] == [
        (call, 1, 2200, 3900)
    ]
    assert library.search("实验 没有") == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "a OR b",
        "NEAR(a b)",
        "*",
        "^hello",
        "text:hello",
        "-",
        "(",
        "'; DROP TABLE items; --",
        "",
    ],
)
def test_search_never_fails_on_query_syntax(library: Library, query: str) -> None:
    _import(library, "paraformer_zh_en")
    library.search(query)  # must not raise
    assert library.items()  # and the library is intact


def test_search_by_word_prefix(library: Library) -> None:
    _import(library, "hostile")
    assert [h.begin_ms for h in library.search("ita")] == [2000]  # "italic"
    assert library.search("👩") == []  # emoji are not searchable tokens, and nothing breaks


def test_saving_an_edit_makes_a_new_current_version_and_reindexes(library: Library) -> None:
    item_id = _import(library, "paraformer_zh_en")
    original = library.transcript(item_id)
    channel = original.channels[0]
    edited_sentence = msgspec.structs.replace(
        channel.sentences[0], text="Hello world, 这里是通义实验室。"
    )
    edited = msgspec.structs.replace(
        original, channels=(msgspec.structs.replace(channel, sentences=(edited_sentence,)),)
    )
    library.save_transcript(item_id, edited)
    assert library.transcript(item_id) == edited
    assert library.original_transcript(item_id) == original
    assert library.raw_result(item_id) == fixture_path("paraformer_zh_en").read_bytes()
    assert library.search("阿里巴巴") == []
    assert [h.item_id for h in library.search("通义")] == [item_id]


def test_deleting_an_item_removes_it_from_search(library: Library) -> None:
    item_id = _import(library, "paraformer_zh_en")
    keep = _import(library, "diarization")
    library.delete_item(item_id)
    assert [i.id for i in library.items()] == [keep]
    assert library.search("hello") == []
    with pytest.raises(ItemNotFoundError):
        library.transcript(item_id)


def test_a_bad_result_file_leaves_the_library_unchanged(library: Library, tmp_path: Path) -> None:
    _import(library, "paraformer_zh_en")
    bad = tmp_path / "bad.json"
    bad.write_text('{"file_url": "x", "transcripts": [{"channel_id": 0, "sentences": [{}]}]}')
    with pytest.raises(ImportFailedError) as caught:
        import_result_file(library, bad)
    assert str(bad) in str(caught.value) and "begin_time" in str(caught.value)
    assert len(library.items()) == 1
    with pytest.raises(ImportFailedError, match="media file not found"):
        _import(library, "diarization", media=tmp_path / "missing.wav")
    assert len(library.items()) == 1


def test_a_library_from_a_newer_version_is_refused_with_advice(tingxie_home: Path) -> None:
    Library.open().close()
    with sqlite3.connect(paths.library_path()) as conn:
        conn.execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    with pytest.raises(LibraryError, match="newer Tingxie"):
        Library.open()


def test_a_file_that_is_not_a_database_is_refused_with_advice(tingxie_home: Path) -> None:
    paths.data_dir()
    paths.library_path().write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError, match="move the file away"):
        Library.open()


def test_review_state_follows_the_sentences_a_person_marked(library: Library) -> None:
    from desktop.domain import editing

    item_id = _import(library, "diarization")
    assert library.item(item_id).review_state == "unreviewed"
    transcript = library.transcript(item_id)
    refs = [ref for ref, _ in editing.ordered_refs(transcript)]
    transcript = editing.set_reviewed(transcript, refs[0], True)
    library.save_transcript(item_id, transcript)
    assert (library.item(item_id).reviewed, library.item(item_id).review_state) == (1, "in review")
    for ref in refs[1:]:
        transcript = editing.set_reviewed(transcript, ref, True)
    library.save_transcript(item_id, transcript)
    assert [i.review_state for i in library.items()] == ["reviewed"]


def test_a_library_from_before_review_counts_opens_with_items_unreviewed(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for number, script in enumerate(MIGRATIONS[:2], start=1):
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")
    conn.execute(
        "INSERT INTO items (title, origin, file_url, channels, sentences, created_at, updated_at)"
        " VALUES ('old', 'import', 'x', 1, 3, '2026-01-01T00:00:00', '2026-01-01T00:00:00')"
    )
    conn.close()
    with Library.open(path) as library:
        assert [(i.title, i.review_state) for i in library.items()] == [("old", "unreviewed")]


def test_connections_opening_a_new_library_at_once_all_get_the_schema(tmp_path: Path) -> None:
    """The GUI reads in worker threads; two may create the library file together."""
    import threading

    path = tmp_path / "new.sqlite3"
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def open_it() -> None:
        barrier.wait()
        try:
            with Library.open(path) as library:
                assert library.items() == []
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
