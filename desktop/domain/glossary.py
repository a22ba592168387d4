"""A translation glossary: terms and their fixed translations, from a file, a table, hot words.

Subtitlers keep names and jargon consistent across a film with a term list.
Terms come from a CSV file (``source,target`` per row, an optional header),
from the table in the app (rows of two strings), and from the hot-word
vocabulary used to transcribe: those words are known to occur but have no
fixed translation, so they are passed as "keep these consistent" hints.
Only the terms that occur in a batch are sent with it (each costs tokens).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_HEADER_WORDS = {"source", "term", "src", "原文", "术语"}


class GlossaryError(ValueError):
    """A glossary file that cannot be read; the message names the file, line and fix."""


@dataclass(frozen=True)
class Term:
    source: str
    target: str | None = None  # None: a hot word with no fixed translation


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()

    def within(self, text: str) -> Glossary:
        """The terms that occur in ``text`` (the ones worth sending with it)."""
        return Glossary(tuple(t for t in self.terms if t.source in text))

    def fixed(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.target)

    def hints(self) -> tuple[str, ...]:
        return tuple(t.source for t in self.terms if not t.target)

    def merged(self, other: Glossary) -> Glossary:
        """``other`` added; a term already here with a translation keeps it."""
        seen = {t.source: t for t in self.terms}
        for term in other.terms:
            if term.source not in seen or (term.target and not seen[term.source].target):
                seen[term.source] = term
        return Glossary(tuple(seen.values()))

    def __bool__(self) -> bool:
        return bool(self.terms)


def from_rows(rows: Iterable[tuple[str, str]]) -> Glossary:
    """The app's table: rows of (term, translation); blank rows are skipped."""
    terms: dict[str, Term] = {}
    for source, target in rows:
        source, target = source.strip(), target.strip()
        if source:
            terms[source] = Term(source, target or None)
    return Glossary(tuple(terms.values()))


def from_vocabulary(words: Iterable[str]) -> Glossary:
    """Hot-word vocabulary words: known names and terms without a fixed translation."""
    return from_rows((w, "") for w in words)


def load_csv(path: Path) -> Glossary:
    """``term,translation`` rows (UTF-8, with or without BOM); a first row of headers is skipped."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise GlossaryError(f"{path}: cannot read the glossary ({error.strerror}).") from None
    except UnicodeDecodeError:
        raise GlossaryError(
            f"{path}: the glossary is not UTF-8 text; save it as CSV UTF-8 and try again."
        ) from None
    rows: list[tuple[str, str]] = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if number == 1 and row[0].strip().lower() in _HEADER_WORDS:
            continue
        if len(row) < 2 or not row[0].strip():
            raise GlossaryError(
                f"{path}, line {number}: expected two columns, the term and its translation"
                f" (got {row!r}); fix that line and try again."
            )
        rows.append((row[0], row[1]))
    return from_rows(rows)
