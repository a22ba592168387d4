"""Cue translations in the library: one row per (track, cue, target language).

Each row keeps the source text the translation was made from, so a source
cue edited later shows up as stale, and its status (translated, edited by a
person, refused by the service, cut off). Every request's tokens go to a
ledger in the same transaction as the cues they bought: a resumed run reads
the rows first and never pays for a stored batch again. This is the SQLite
side of ``desktop.jobs.translation.TranslationStore``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from desktop.domain.translation import CueResult, CueStatus, TokenUsage
from desktop.store.database import transaction


@dataclass(frozen=True)
class StoredTranslation:
    cue_key: str
    source_text: str
    text: str | None
    status: CueStatus
    model: str | None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class SqliteTranslationStore:
    """The translations of one track into one language."""

    def __init__(self, conn: sqlite3.Connection, track_id: int, language: str) -> None:
        self._conn = conn
        self.track_id = track_id
        self.language = language

    def finished(self) -> dict[str, str]:
        rows = self._conn.execute(
            "SELECT cue_key, source_text FROM cue_translations WHERE track_id = ? AND language = ?",
            (self.track_id, self.language),
        )
        return dict(rows.fetchall())

    def save_batch(self, results: Sequence[CueResult], usage: TokenUsage, model: str) -> None:
        now = _now()
        with transaction(self._conn) as conn:
            conn.executemany(
                "INSERT INTO cue_translations (track_id, cue_key, language, source_text, text,"
                " status, model, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (track_id, cue_key, language) DO UPDATE SET"
                " source_text = excluded.source_text, text = excluded.text,"
                " status = excluded.status, model = excluded.model,"
                " updated_at = excluded.updated_at",
                [
                    (self.track_id, r.key, self.language, r.source_text, r.text, r.status,
                     model, now)
                    for r in results
                ],
            )  # fmt: skip
            if usage.total or results:
                conn.execute(
                    "INSERT INTO translation_usage (track_id, language, model, prompt_tokens,"
                    " completion_tokens, cues, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (self.track_id, self.language, model, usage.prompt_tokens,
                     usage.completion_tokens, len(results), now),
                )  # fmt: skip

    def all(self) -> dict[str, StoredTranslation]:
        rows = self._conn.execute(
            "SELECT cue_key, source_text, text, status, model FROM cue_translations"
            " WHERE track_id = ? AND language = ?",
            (self.track_id, self.language),
        )
        return {
            key: StoredTranslation(key, source, text, CueStatus(status), model)
            for key, source, text, status, model in rows
        }

    def set_text(self, cue_key: str, source_text: str, text: str) -> None:
        """A person's translation of a cue: stored as edited, never overwritten by a run
        unless the source changes (then it is stale)."""
        with transaction(self._conn) as conn:
            conn.execute(
                "INSERT INTO cue_translations (track_id, cue_key, language, source_text, text,"
                " status, model, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)"
                " ON CONFLICT (track_id, cue_key, language) DO UPDATE SET"
                " source_text = excluded.source_text, text = excluded.text,"
                " status = excluded.status, updated_at = excluded.updated_at",
                (self.track_id, cue_key, self.language, source_text, text, CueStatus.EDITED,
                 _now()),
            )  # fmt: skip

    def forget(self, cue_keys: Sequence[str]) -> None:
        """Drop translations (cues deleted from the track, or "translate again")."""
        with transaction(self._conn) as conn:
            conn.executemany(
                "DELETE FROM cue_translations WHERE track_id = ? AND language = ? AND cue_key = ?",
                [(self.track_id, self.language, k) for k in cue_keys],
            )

    def usage(self) -> TokenUsage:
        """Tokens paid so far for this track and language."""
        row = self._conn.execute(
            "SELECT COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0)"
            " FROM translation_usage WHERE track_id = ? AND language = ?",
            (self.track_id, self.language),
        ).fetchone()
        return TokenUsage(int(row[0]), int(row[1]))


def languages(conn: sqlite3.Connection, track_id: int) -> list[str]:
    """The target languages a track has translations in."""
    rows = conn.execute(
        "SELECT DISTINCT language FROM cue_translations WHERE track_id = ? ORDER BY language",
        (track_id,),
    )
    return [row[0] for row in rows]
