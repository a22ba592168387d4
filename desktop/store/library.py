"""The local library: every fetched or imported result, for offline review and search.

Each item keeps the service's raw bytes unchanged, the original parsed
transcript, and every saved edit as a new version; the newest version is the
current text, and only it is indexed for search.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Literal, Self

from desktop import paths
from desktop.domain.transcript import Transcript
from desktop.store import transcript_codec
from desktop.store.database import LibraryError, connect, transaction
from desktop.store.fts import index_tokens, match_expression
from desktop.store.jobs import JobStore
from desktop.store.leases import LeaseStore
from desktop.store.sentence_labels import label_pattern, label_text, labels_in
from desktop.store.task_timings import TaskTimings
from desktop.store.tracks import TrackStore
from desktop.store.transcript_codec import TRANSCRIPT_FORMAT
from desktop.store.translations import SqliteTranslationStore
from desktop.store.translations import languages as translation_languages

Origin = Literal["import", "job"]


class ItemNotFoundError(LookupError):
    def __str__(self) -> str:
        return f"no library item with id {self.args[0]}"


@dataclass(frozen=True)
class ItemSummary:
    id: int
    title: str
    model: str | None
    origin: str
    file_url: str
    media_path: str | None
    task_id: str | None
    duration_ms: int | None
    channels: int
    sentences: int
    created_at: datetime
    updated_at: datetime
    reviewed: int = 0  # sentences of the current text a person marked reviewed

    @property
    def review_state(self) -> ReviewState:
        """Whether a person has checked this item: none, some or all of its sentences."""
        if self.sentences and self.reviewed >= self.sentences:
            return "reviewed"
        return "in review" if self.reviewed else "unreviewed"


ReviewState = Literal["unreviewed", "in review", "reviewed"]


@dataclass(frozen=True)
class SearchHit:
    item_id: int
    title: str
    position: int  # index of the sentence in the item's merged (all channels) view
    channel_id: int
    speaker_id: int | None
    begin_ms: int
    end_ms: int
    text: str
    labels: tuple[str, ...] = ()  # the sentence's emotion and audio events, lower case


@dataclass(frozen=True)
class VersionInfo:
    """One stored version of an item's transcript (the original, or a saved edit)."""

    id: int
    item_id: int
    is_original: bool
    created_at: datetime


@dataclass(frozen=True)
class LibraryFile:
    """Where one library lives; ``connect`` opens a connection for the calling thread.

    Built once by a composition root (``app.py``, the command line) and handed to
    whoever reads or writes the library, so that no widget decides by itself which
    file it opens, and a test or a second data folder needs no global state.
    """

    path: Path

    @classmethod
    def default(cls) -> LibraryFile:
        """The library of the data folder (``TINGXIE_HOME`` or the platform's)."""
        return cls(paths.library_path())

    def connect(self) -> Library:
        return Library.open(self.path)


class Library:
    """The library database. One instance per thread; SQLite (WAL) serialises writers."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @classmethod
    def open(cls, path: Path | None = None) -> Self:
        return cls(connect(path or paths.library_path()))

    @cached_property
    def jobs(self) -> JobStore:
        """The job queue, in the same database file and connection."""
        return JobStore(self._conn)

    @cached_property
    def task_timings(self) -> TaskTimings:
        """Finished tasks' queue and run times, for predicting new ones."""
        return TaskTimings(self._conn)

    @cached_property
    def tracks(self) -> TrackStore:
        """The items' subtitle cue tracks, in the same database file and connection."""
        return TrackStore(self._conn)

    def translations(self, track_id: int, language: str) -> SqliteTranslationStore:
        """The translations of one subtitle track into one language (``store.translations``)."""
        return SqliteTranslationStore(self._conn, track_id, language)

    def translation_languages(self, track_id: int) -> list[str]:
        """The languages a subtitle track has translations in."""
        return translation_languages(self._conn, track_id)

    def leases(self, owner: str, ttl_s: float) -> LeaseStore:
        """The job leases of one engine, on this library's connection."""
        return LeaseStore(self._conn, owner, ttl_s)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------

    def add_item(
        self,
        *,
        raw: bytes,
        source: str,
        transcript: Transcript,
        title: str,
        model: str | None = None,
        media_path: str | None = None,
        origin: Origin = "import",
        task_id: str | None = None,
        completes_job: int | None = None,
        result_key: str | None = None,
    ) -> int:
        """Store a parsed result with its raw bytes; returns the new item id.

        ``completes_job`` marks that queue job done in the same transaction, so a
        crash can never leave a stored result whose job still looks unfinished
        (and would be fetched, and stored, a second time). ``result_key`` (the
        task id and file URL of a job's result) is unique: storing the same
        result again, from another process say, stores nothing and returns the
        item already there.
        """
        now = _now()
        with transaction(self._conn) as conn:
            if result_key is not None:
                stored = conn.execute(
                    "SELECT id FROM items WHERE result_key = ?", (result_key,)
                ).fetchone()
                if stored is not None:
                    if completes_job is not None:
                        self.jobs.mark_done(completes_job, stored[0])
                    return int(stored[0])
            cursor = conn.execute(
                "INSERT INTO items (title, model, origin, file_url, media_path, task_id,"
                " duration_ms, channels, sentences, created_at, updated_at, reviewed,"
                " result_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    title,
                    model,
                    origin,
                    transcript.file_url,
                    media_path,
                    task_id,
                    transcript.end_ms or None,
                    len(transcript.channels),
                    transcript.sentence_count,
                    now,
                    now,
                    _reviewed_count(transcript),
                    result_key,
                ),
            )
            item_id = cursor.lastrowid
            assert item_id is not None
            conn.execute(
                "INSERT INTO raw_results (item_id, source, sha256, data) VALUES (?, ?, ?, ?)",
                (item_id, source, hashlib.sha256(raw).hexdigest(), raw),
            )
            self._insert_version(item_id, transcript, original=True, now=now)
            self._index(item_id, transcript)
            if completes_job is not None:
                self.jobs.mark_done(completes_job, item_id)
        return item_id

    def save_transcript(self, item_id: int, transcript: Transcript) -> None:
        """Store an edited transcript as the item's new current version."""
        now = _now()
        with transaction(self._conn) as conn:
            self._require(item_id)
            self._insert_version(item_id, transcript, original=False, now=now)
            self._unindex(item_id)
            self._index(item_id, transcript)
            conn.execute(
                "UPDATE items SET sentences = ?, reviewed = ?, updated_at = ? WHERE id = ?",
                (transcript.sentence_count, _reviewed_count(transcript), now, item_id),
            )

    def prune_versions(self, item_id: int, keep: int) -> int:
        """Forget all but the newest ``keep`` edited versions; the original always stays.

        The editor saves a whole version on every autosave; without pruning an
        afternoon on a 12-hour recording would pile up gigabytes. Returns how
        many versions were deleted.
        """
        with transaction(self._conn) as conn:
            cursor = conn.execute(
                "DELETE FROM transcript_versions WHERE item_id = ? AND is_original = 0"
                " AND id NOT IN (SELECT id FROM transcript_versions"
                " WHERE item_id = ? AND is_original = 0"
                " ORDER BY id DESC LIMIT ?)",
                (item_id, item_id, max(1, keep)),
            )
            return cursor.rowcount

    def delete_item(self, item_id: int) -> None:
        with transaction(self._conn) as conn:
            self._require(item_id)
            self._unindex(item_id)
            conn.execute("DELETE FROM items WHERE id = ?", (item_id,))

    def _insert_version(
        self, item_id: int, transcript: Transcript, *, original: bool, now: str
    ) -> None:
        self._conn.execute(
            "INSERT INTO transcript_versions (item_id, is_original, format, created_at, data)"
            " VALUES (?, ?, ?, ?, ?)",
            (item_id, int(original), TRANSCRIPT_FORMAT, now, transcript_codec.encode(transcript)),
        )

    def _index(self, item_id: int, transcript: Transcript) -> None:
        for position, sentence in enumerate(transcript.merged_sentences()):
            cursor = self._conn.execute(
                "INSERT INTO sentences (item_id, position, channel_id, speaker_id, begin_ms,"
                " end_ms, text, labels) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    item_id,
                    position,
                    sentence.channel_id,
                    sentence.speaker_id,
                    sentence.begin_ms,
                    sentence.end_ms,
                    sentence.text,
                    label_text(sentence),
                ),
            )
            self._conn.execute(
                "INSERT INTO sentence_search (rowid, tokens) VALUES (?, ?)",
                (cursor.lastrowid, index_tokens(sentence.text)),
            )

    def _unindex(self, item_id: int) -> None:
        # A contentless FTS5 table forgets a row only when given the exact tokens
        # it indexed; they are recomputed from the stored sentence text.
        rows = self._conn.execute(
            "SELECT id, text FROM sentences WHERE item_id = ?", (item_id,)
        ).fetchall()
        self._conn.executemany(
            "INSERT INTO sentence_search (sentence_search, rowid, tokens) VALUES ('delete', ?, ?)",
            [(row_id, index_tokens(text)) for row_id, text in rows],
        )
        self._conn.execute("DELETE FROM sentences WHERE item_id = ?", (item_id,))

    # -- reading ---------------------------------------------------------------

    def items(self) -> list[ItemSummary]:
        rows = self._conn.execute(f"SELECT {_ITEM_COLUMNS} FROM items ORDER BY id").fetchall()
        return [_summary(row) for row in rows]

    def item_with_media(self, media_path: str) -> int | None:
        """The first item whose media is ``media_path``, if any."""
        row = self._conn.execute(
            "SELECT id FROM items WHERE media_path = ? ORDER BY id LIMIT 1", (media_path,)
        ).fetchone()
        return None if row is None else int(row[0])

    def item(self, item_id: int) -> ItemSummary:
        return _summary(self._require(item_id))

    def transcript(self, item_id: int) -> Transcript:
        """The current text: the newest saved version."""
        return self._version(item_id, original=False)

    def original_transcript(self, item_id: int) -> Transcript:
        return self._version(item_id, original=True)

    def versions(self, item_id: int) -> list[VersionInfo]:
        """Every stored version of an item, oldest first (the original is the first)."""
        self._require(item_id)
        rows = self._conn.execute(
            "SELECT id, is_original, created_at FROM transcript_versions WHERE item_id = ?"
            " ORDER BY id",
            (item_id,),
        ).fetchall()
        return [
            VersionInfo(row_id, item_id, bool(original), datetime.fromisoformat(created))
            for row_id, original, created in rows
        ]

    def version_transcript(self, item_id: int, version_id: int) -> Transcript:
        """One stored version's transcript (from ``versions``)."""
        row = self._conn.execute(
            "SELECT format, data FROM transcript_versions WHERE item_id = ? AND id = ?",
            (item_id, version_id),
        ).fetchone()
        if row is None:
            raise ItemNotFoundError(item_id)
        return self._decode(item_id, row)

    def items_with_media(self, media_path: str) -> list[ItemSummary]:
        """Items transcribed from the same media file (e.g. with another model)."""
        rows = self._conn.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items WHERE media_path = ? ORDER BY id", (media_path,)
        ).fetchall()
        return [_summary(row) for row in rows]

    def raw_result(self, item_id: int) -> bytes:
        row = self._conn.execute(
            "SELECT data FROM raw_results WHERE item_id = ?", (item_id,)
        ).fetchone()
        if row is None:
            raise ItemNotFoundError(item_id)
        return bytes(row[0])

    def search(self, query: str, limit: int = 200, label: str | None = None) -> list[SearchHit]:
        """Sentences of current texts matching every term of ``query``, by item then time.

        With ``label`` (an emotion or audio event, any case) only sentences that
        carry it; then ``query`` may be empty: every such sentence.
        """
        expression = match_expression(query)
        conditions, arguments = [], []
        if expression is not None:
            conditions.append("s.id IN (SELECT rowid FROM sentence_search WHERE tokens MATCH ?)")
            arguments.append(expression)
        if label:
            conditions.append("s.labels != '' AND instr(s.labels, ?) > 0")
            arguments.append(label_pattern(label))
        if not conditions:
            return []
        rows = self._conn.execute(
            f"SELECT {_HIT_COLUMNS} FROM sentences s JOIN items i ON i.id = s.item_id"
            f" WHERE {' AND '.join(conditions)} ORDER BY s.item_id, s.position LIMIT ?",
            (*arguments, limit),
        ).fetchall()
        return [_hit(row) for row in rows]

    def items_with_label(self, label: str) -> frozenset[int]:
        """Ids of the items with at least one current sentence carrying ``label``."""
        rows = self._conn.execute(
            "SELECT item_id FROM sentences INDEXED BY sentences_labelled"
            " WHERE labels != '' AND instr(labels, ?) > 0",
            (label_pattern(label),),
        )
        return frozenset(item_id for (item_id,) in rows)

    def labels(self) -> list[str]:
        """Every label some current sentence carries, in lower case, sorted."""
        rows = self._conn.execute("SELECT DISTINCT labels FROM sentences WHERE labels != ''")
        return sorted({label for (stored,) in rows for label in labels_in(stored)})

    def _require(self, item_id: int) -> tuple[object, ...]:
        row = self._conn.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items WHERE id = ?", (item_id,)
        ).fetchone()
        if row is None:
            raise ItemNotFoundError(item_id)
        return row

    def _version(self, item_id: int, *, original: bool) -> Transcript:
        sql = _ORIGINAL_VERSION if original else _CURRENT_VERSION
        row = self._conn.execute(sql, (item_id,)).fetchone()
        if row is None:
            raise ItemNotFoundError(item_id)
        return self._decode(item_id, row)

    def _decode(self, item_id: int, row: tuple[object, ...]) -> Transcript:
        if row[0] != TRANSCRIPT_FORMAT:
            raise LibraryError(
                f"item {item_id} was saved by a newer Tingxie (format {row[0]}); update Tingxie"
            )
        return transcript_codec.decode(row[1])  # type: ignore[arg-type]


_HIT_COLUMNS = (
    "s.item_id, i.title, s.position, s.channel_id, s.speaker_id, s.begin_ms, s.end_ms,"
    " s.text, s.labels"
)
_CURRENT_VERSION = (
    "SELECT format, data FROM transcript_versions WHERE item_id = ? ORDER BY id DESC LIMIT 1"
)
_ORIGINAL_VERSION = (
    "SELECT format, data FROM transcript_versions WHERE item_id = ? AND is_original = 1"
)
_ITEM_COLUMNS = (
    "id, title, model, origin, file_url, media_path, task_id, duration_ms, channels,"
    " sentences, created_at, updated_at, reviewed"
)


def _summary(row: tuple[object, ...]) -> ItemSummary:
    *head, created, updated, reviewed = row
    return ItemSummary(
        *head,  # type: ignore[arg-type]
        created_at=datetime.fromisoformat(str(created)),
        updated_at=datetime.fromisoformat(str(updated)),
        reviewed=int(reviewed),  # type: ignore[call-overload]
    )


def _hit(row: tuple[object, ...]) -> SearchHit:
    *head, labels = row
    return SearchHit(*head, labels=tuple(labels_in(str(labels))))  # type: ignore[arg-type]


def _reviewed_count(transcript: Transcript) -> int:
    return sum(s.reviewed for channel in transcript.channels for s in channel.sentences)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
