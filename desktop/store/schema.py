"""Schema migrations, oldest first. Never edit a released step; append a new one.

A step is an SQL script, or a function for a step that must read what is
stored (to fill a new column from the transcripts); either runs in one
transaction with the version bump.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from desktop.store.sentence_labels import add_label_column

Migration = str | Callable[[sqlite3.Connection], None]


def bind_jobs_lease_them_store_once(conn: sqlite3.Connection) -> None:
    """Step 6 (see its comment in ``MIGRATIONS``); adds only what is missing, so a
    library taken back to an older version by hand (or a test) upgrades again."""
    _add_columns(conn, "jobs", {"endpoint": "TEXT", "lease_owner": "TEXT", "lease_until": "REAL"})
    _add_columns(conn, "items", {"result_key": "TEXT"})
    conn.execute("CREATE INDEX IF NOT EXISTS jobs_lease ON jobs(lease_owner)")
    conn.execute("CREATE INDEX IF NOT EXISTS jobs_updated ON jobs(updated_at)")
    conn.execute("CREATE UNIQUE INDEX IF NOT EXISTS items_result_key ON items(result_key)")


def _add_columns(conn: sqlite3.Connection, table: str, columns: dict[str, str]) -> None:
    present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    for name, kind in columns.items():
        if name not in present:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")


MIGRATIONS: tuple[Migration, ...] = (
    # 1: items with their raw result, transcript versions, and sentence search.
    """
    CREATE TABLE items (
        id          INTEGER PRIMARY KEY,
        title       TEXT NOT NULL,
        model       TEXT,
        origin      TEXT NOT NULL CHECK (origin IN ('import', 'job')),
        file_url    TEXT NOT NULL,
        media_path  TEXT,
        task_id     TEXT,
        duration_ms INTEGER,
        channels    INTEGER NOT NULL,
        sentences   INTEGER NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    -- The service's bytes, unchanged: the parsed form can always be rebuilt from them.
    CREATE TABLE raw_results (
        item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        source  TEXT NOT NULL,
        sha256  TEXT NOT NULL,
        data    BLOB NOT NULL
    );
    -- The original parse and every saved edit; the newest row is the current text.
    CREATE TABLE transcript_versions (
        id          INTEGER PRIMARY KEY,
        item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        is_original INTEGER NOT NULL,
        format      INTEGER NOT NULL,
        created_at  TEXT NOT NULL,
        data        BLOB NOT NULL
    );
    CREATE INDEX transcript_versions_item ON transcript_versions(item_id, id);
    -- The current text's sentences, for search hits and lists without decoding blobs.
    CREATE TABLE sentences (
        id         INTEGER PRIMARY KEY,
        item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        speaker_id INTEGER,
        begin_ms   INTEGER NOT NULL,
        end_ms     INTEGER NOT NULL,
        text       TEXT NOT NULL
    );
    CREATE INDEX sentences_item ON sentences(item_id, position);
    -- Contentless full-text index over desktop.store.fts tokens; rowid = sentences.id.
    CREATE VIRTUAL TABLE sentence_search USING fts5(
        tokens, content='', tokenize='unicode61 remove_diacritics 2'
    );
    """,
    # 2: the job queue (one row per file, each state written before its step runs)
    # and the usage ledger (one row per finished task, so a resume never counts twice).
    """
    CREATE TABLE jobs (
        id                INTEGER PRIMARY KEY,
        source            TEXT NOT NULL,
        is_url            INTEGER NOT NULL,
        title             TEXT NOT NULL,
        model             TEXT NOT NULL,
        options           TEXT NOT NULL,
        batch_key         TEXT NOT NULL,
        state             TEXT NOT NULL,
        media             TEXT,
        size_bytes        INTEGER,
        bytes_done        INTEGER NOT NULL DEFAULT 0,
        duration_ms       INTEGER,
        estimated_cost    TEXT,
        file_url          TEXT,
        uploaded_at       TEXT,
        submit_started_at TEXT,
        task_id           TEXT,
        usage_seconds     REAL,
        error_code        TEXT,
        error_message     TEXT,
        advice            TEXT,
        item_id           INTEGER REFERENCES items(id) ON DELETE SET NULL,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL
    );
    CREATE INDEX jobs_state ON jobs(state);
    CREATE INDEX jobs_task ON jobs(task_id);
    CREATE TABLE usage (
        task_id     TEXT PRIMARY KEY,
        model       TEXT NOT NULL,
        seconds     REAL NOT NULL,
        recorded_at TEXT NOT NULL
    );
    """,
    # 3: every task id the app ever got back from a submit, so reconciling a lost
    # submit never mistakes one of our older tasks (retried since) for the lost one.
    """
    CREATE TABLE tasks (
        task_id      TEXT PRIMARY KEY,
        model        TEXT NOT NULL,
        submitted_at TEXT NOT NULL
    );
    INSERT OR IGNORE INTO tasks (task_id, model, submitted_at)
        SELECT task_id, model, MIN(updated_at) FROM jobs WHERE task_id IS NOT NULL GROUP BY task_id;
    """,
    # 4: how many of an item's current sentences a person marked reviewed, so the
    # library can show and filter reviewed/unreviewed items without decoding
    # transcripts. Items saved before this count as unreviewed until their next save.
    """
    ALTER TABLE items ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;
    """,
    # 5: each sentence's emotion and audio-event labels, so "every angry sentence"
    # is one query across the library; filled for the items already there.
    add_label_column,
    # 6: how long each finished task queued and ran, per model, so the queue polls
    # new tasks when they are due instead of blind (desktop/jobs/pacing.py).
    """
    CREATE TABLE IF NOT EXISTS task_timings (
        task_id     TEXT PRIMARY KEY,
        model       TEXT NOT NULL,
        audio_ms    INTEGER,
        queued_s    REAL NOT NULL,
        run_s       REAL NOT NULL,
        recorded_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS task_timings_model ON task_timings(model, recorded_at);
    """,
    # 7: Subtitle cue tracks of an item (cut by a preset or imported), each save a new
    # version like transcript edits; the row keeps what a list shows.
    """
    CREATE TABLE IF NOT EXISTS cue_tracks (
        id         INTEGER PRIMARY KEY,
        item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        name       TEXT NOT NULL,
        preset_id  TEXT NOT NULL,
        origin     TEXT NOT NULL CHECK (origin IN ('cut', 'import')),
        cues       INTEGER NOT NULL,
        stale      INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (item_id, name)
    );
    CREATE TABLE IF NOT EXISTS cue_track_versions (
        id         INTEGER PRIMARY KEY,
        track_id   INTEGER NOT NULL REFERENCES cue_tracks(id) ON DELETE CASCADE,
        format     INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        data       BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS cue_track_versions_track ON cue_track_versions(track_id, id);
    """,
    # 8: a translation per cue and target language, with the source text it was made
    # from (an edited source makes it stale), and the tokens paid per request, so a
    # resumed run never pays for a stored batch again. ``track_id`` names a cue track;
    # a row of step 7's cue_tracks; a trigger removes a deleted track's translations
    # (also when its item is deleted and the track goes by cascade). The usage ledger
    # is a record of what was paid and stays.
    # IF NOT EXISTS: a test that rewinds user_version to re-run an earlier step re-runs this.
    """
    CREATE TABLE IF NOT EXISTS cue_translations (
        track_id    INTEGER NOT NULL,
        cue_key     TEXT NOT NULL,
        language    TEXT NOT NULL,
        source_text TEXT NOT NULL,
        text        TEXT,
        status      TEXT NOT NULL,
        model       TEXT,
        updated_at  TEXT NOT NULL,
        PRIMARY KEY (track_id, cue_key, language)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS translation_usage (
        id                INTEGER PRIMARY KEY,
        track_id          INTEGER NOT NULL,
        language          TEXT NOT NULL,
        model             TEXT NOT NULL,
        prompt_tokens     INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        cues              INTEGER NOT NULL,
        recorded_at       TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS translation_usage_track ON translation_usage(track_id, language);
    -- Which process is translating a track into a language, so two never send the same cues.
    CREATE TABLE IF NOT EXISTS translation_claims (
        track_id   INTEGER NOT NULL,
        language   TEXT NOT NULL,
        owner      TEXT NOT NULL,
        expires_at REAL NOT NULL,
        PRIMARY KEY (track_id, language)
    );
    CREATE TRIGGER IF NOT EXISTS cue_track_translations_gone AFTER DELETE ON cue_tracks
    BEGIN
        DELETE FROM cue_translations WHERE track_id = OLD.id;
        DELETE FROM translation_claims WHERE track_id = OLD.id;
    END;
    """,
    # 9: jobs bound to their service, leased to one engine, stored once.
    # ``endpoint`` is the base URL a job was (or will be) uploaded and submitted to:
    # its oss:// upload and task id are valid only there. Jobs from before this step
    # keep NULL, meaning "the default in force when an engine next works the job",
    # which then binds it for good. ``lease_owner``/``lease_until`` (Unix seconds)
    # name the one engine (process) working a job and how long its heartbeat holds;
    # another engine takes the job over once that has passed or the holder is gone.
    # ``items.result_key`` ("task id + file URL") stores a job's result exactly
    # once however many engines fetch it; items from before (and imports) keep NULL.
    bind_jobs_lease_them_store_once,
)
