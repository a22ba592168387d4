"""Misspellings in a text, suggestions, and words the user or the project accepts.

One ``SpellChecker`` per language. Loading a dictionary takes about half a
second (spylls is pure Python), so a view builds it once, off its thread;
then a lookup costs ~10 µs and answers are remembered per word. Only Latin
(and other spaced) script words are checked: a Chinese run inside English
text is skipped, as are words with digits. Words are never flagged when they
are in the personal word list (``personal_words``), in a hot-word vocabulary
the job used (the terms a user told the recogniser about), or ignored for
this session.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterable
from typing import NamedTuple

from spylls.hunspell import Dictionary

from desktop.domain.transcript import is_wide
from desktop.spelling.dictionaries import Support, support
from desktop.spelling.personal_words import PersonalWords

# Letters with inner apostrophes or hyphens ("don't", "well-known"); digits end a word.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


class Misspelling(NamedTuple):
    start: int  # character offsets in the checked text
    end: int
    word: str


class NotCheckedError(LookupError):
    """The language has no spell checking; the message says why (Chinese, Japanese, none)."""


class SpellChecker:
    """Checks words of one language against its dictionary and the accepted words."""

    def __init__(
        self,
        dictionary: Dictionary,
        language: str,
        personal: PersonalWords | None = None,
        vocabulary: Iterable[str] = (),
    ) -> None:
        self.language = language
        self._dictionary = dictionary
        self._personal = personal
        self._accepted = {w.casefold() for phrase in vocabulary for w in _WORD.findall(phrase)}
        self._ignored: set[str] = set()
        self._known: dict[str, bool] = {}
        self._lock = threading.Lock()

    @classmethod
    def for_language(
        cls,
        language: str,
        *,
        personal: PersonalWords | None = None,
        vocabulary: Iterable[str] = (),
    ) -> SpellChecker:
        """The checker for ``language``; ``NotCheckedError`` says why there is none."""
        found: Support = support(language)
        if found.dictionary is None:
            raise NotCheckedError(found.reason)
        dictionary = Dictionary.from_files(str(found.dictionary))
        return cls(dictionary, found.dictionary.name, personal, vocabulary)

    def misspellings(self, text: str) -> list[Misspelling]:
        """Every word of ``text`` the dictionary and the accepted words do not know."""
        out: list[Misspelling] = []
        for match in _WORD.finditer(text):
            word = match.group()
            if is_wide(word[0]) or is_wide(word[-1]):
                continue
            if not self.is_correct(word):
                out.append(Misspelling(match.start(), match.end(), word))
        return out

    def is_correct(self, word: str) -> bool:
        key = word.casefold()
        if key in self._accepted or key in self._ignored:
            return True
        if self._personal is not None and self._personal.has(word):
            return True
        with self._lock:
            known = self._known.get(word)
            if known is None:
                known = self._dictionary.lookup(word.replace("’", "'"))
                self._known[word] = known
        return known

    def suggestions(self, word: str, limit: int = 6) -> list[str]:
        """The dictionary's corrections for ``word``, best first (a few tenths of a second)."""
        with self._lock:
            return list(itertools.islice(self._dictionary.suggest(word), limit))

    def add_to_dictionary(self, word: str) -> None:
        """Accept ``word`` from now on, in every session (the personal word list)."""
        if self._personal is None:
            raise NotCheckedError("there is no personal word list to add the word to")
        self._personal.add(word)

    def ignore(self, word: str) -> None:
        """Accept ``word`` until the checker is closed ("Ignore all")."""
        self._ignored.add(word.casefold())

    def accept_vocabulary(self, phrases: Iterable[str]) -> None:
        """Accept the words of hot-word vocabulary entries (``VocabularyEntry.text``)."""
        self._accepted.update(w.casefold() for p in phrases for w in _WORD.findall(p))
