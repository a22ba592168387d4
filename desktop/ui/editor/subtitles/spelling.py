"""Misspellings underlined in the cue text box, with suggestions in its context menu.

The checker (``desktop.spelling``) loads its Hunspell dictionary off the GUI
thread (half a second); until then nothing is underlined. Chinese and
Japanese have no spell checking (``NotCheckedError`` says so, shown as the
box's tooltip). Words of the job's hot-word vocabulary and the personal word
list are never flagged; "Add to dictionary" writes to that list.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from desktop.spelling.checker import Misspelling, SpellChecker

UNDERLINE = QColor(220, 30, 30)


class SpellingHighlighter(QSyntaxHighlighter):
    """Underlines the words ``checker`` does not know (none until a checker is set)."""

    def __init__(self, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(document)
        self.checker: SpellChecker | None = None
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self._format.setUnderlineColor(UNDERLINE)

    def set_checker(self, checker: SpellChecker | None) -> None:
        self.checker = checker
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if self.checker is None:
            return
        for found in self.checker.misspellings(text):
            self.setFormat(found.start, found.end - found.start, self._format)

    def misspelling_at(self, text: str, position: int) -> Misspelling | None:
        """The misspelled word at ``position`` of ``text`` (the whole box), if one is."""
        if self.checker is None:
            return None
        for found in self.checker.misspellings(text):
            if found.start <= position <= found.end:
                return found
        return None


def language_of(preset_id: str, sentences_language: str | None) -> str:
    """The language to check a track in: its preset's, else the transcript's, else English."""
    if preset_id.endswith("-ja") or preset_id.startswith("netflix-ja"):
        return "ja"
    if "-zh" in preset_id:
        return "zh"
    return sentences_language or "en"
