"""Full-text search that finds Chinese substrings as well as English words.

SQLite's tokenizers treat a run of Chinese characters as one token, so "语音"
would not match inside "阿里巴巴语音实验室". Every character of a script written
without spaces becomes its own token instead, and a query becomes a phrase of
those single-character tokens: any substring matches, in order and adjacent.
Latin terms match whole words or word prefixes ("transcri" finds "transcript").
"""

from __future__ import annotations

import re

from desktop.domain.transcript import WIDE_RUN, is_wide

_TERM = re.compile(r"\S+")
_WORD_CHARS = re.compile(r"\w+")


def index_tokens(text: str) -> str:
    """``text`` with spaces around every wide character, for the FTS index."""
    # One regex pass over runs of wide characters: the per-character loop it replaces
    # took most of the time of saving a 12-hour transcript.
    return WIDE_RUN.sub(_space_out, text)


def _space_out(run: re.Match[str]) -> str:
    return " " + "  ".join(run.group()) + " "


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what a person typed, or ``None`` if nothing is searchable.

    Every whitespace-separated term must occur (AND). User text never reaches
    FTS5's query syntax: each term is a quoted phrase of its tokens.
    """
    phrases: list[str] = []
    for term in _TERM.findall(query):
        tokens = _tokens(term)
        if not tokens:
            continue
        phrase = '"' + " ".join(tokens) + '"'
        if not is_wide(tokens[-1][-1]):
            phrase += "*"
        phrases.append(phrase)
    return " AND ".join(phrases) or None


def _tokens(term: str) -> list[str]:
    # FTS5's unicode61 splits at "_" while \w does not: split there too.
    return _WORD_CHARS.findall(index_tokens(term).replace("_", " "))
