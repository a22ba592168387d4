"""Sentence labels (emotions, audio events, languages) kept searchable across the library.

Labels come from SenseVoice's ``<|…|>`` tags and from Qwen3-ASR's per-sentence
``emotion`` and ``language`` fields (``domain.transcript.Sentence.labels``).

A call-centre analyst asks "where were callers angry?" of fifty recordings at
once, not one transcript at a time. Each indexed sentence row therefore keeps
its labels as one lower-case, space-padded string (`` angry laughter ``), so a
label matches with ``instr`` and never as part of another label's name.
"""

from __future__ import annotations

import sqlite3

from desktop.domain.transcript import Sentence
from desktop.store import transcript_codec


def label_text(sentence: Sentence) -> str:
    """The sentence's labels as stored: ``" angry laughter "``, or ``""`` without labels."""
    if not sentence.labels:
        return ""
    return " " + " ".join(label.lower() for label in sentence.labels) + " "


def label_pattern(label: str) -> str:
    """What ``instr(labels, ?)`` looks for to find ``label`` (any case)."""
    return " " + label.strip().lower() + " "


def labels_in(stored: str) -> list[str]:
    return stored.split()


def add_label_column(conn: sqlite3.Connection) -> None:
    """Schema step 5: the column, filled for the items already in the library.

    Labels only ever come from SenseVoice's ``<|…|>`` tags, so only items whose
    raw result holds a tag, literal or JSON-escaped (or that a SenseVoice model
    made), are decoded.
    """
    conn.execute("ALTER TABLE sentences ADD COLUMN labels TEXT NOT NULL DEFAULT ''")
    # Few sentences carry labels: the filter's list and a label search read only those.
    conn.execute("CREATE INDEX sentences_labelled ON sentences(labels) WHERE labels != ''")
    rows = conn.execute(
        "SELECT v.item_id, v.format, v.data FROM transcript_versions v"
        " JOIN items i ON i.id = v.item_id LEFT JOIN raw_results r ON r.item_id = v.item_id"
        " WHERE v.id = (SELECT MAX(id) FROM transcript_versions WHERE item_id = v.item_id)"
        " AND (i.model LIKE 'sensevoice%' OR instr(r.data, CAST('<|' AS BLOB)) > 0"
        "  OR instr(r.data, CAST(? AS BLOB)) > 0 OR instr(r.data, CAST(? AS BLOB)) > 0)",
        ("\\u003c|", "\\u003C|"),  # JSON may escape "<"
    )
    for item_id, encoding, data in rows.fetchall():
        if encoding != transcript_codec.TRANSCRIPT_FORMAT:
            continue  # written by a newer Tingxie: it indexes its own items
        sentences = transcript_codec.decode(data).merged_sentences()
        conn.executemany(
            "UPDATE sentences SET labels = ? WHERE item_id = ? AND position = ?",
            [
                (label_text(s), item_id, position)
                for position, s in enumerate(sentences)
                if s.labels
            ],
        )
