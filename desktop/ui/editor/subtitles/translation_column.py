"""The open track's translations into one language: what the cue table's second column shows.

Translations are stored per cue key (``desktop.jobs.track_translation``), so
they follow a cue through every edit of the track. A person's edit of a
translation is one step on the track session's undo stack (undo writes the
earlier text back), and every write goes to the library off the GUI thread,
one at a time and in order, through a ``LibraryFile`` connection of its own.
A translation made from other source text than the cue has now is *stale*;
each translation is checked against the target language's preset
(``rebreak.preset_for_language``), as the source column is against the
track's.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, Signal
from PySide6.QtGui import QUndoCommand

from desktop.domain.rebreak import check_target, preset_for_language
from desktop.domain.subtitle_check import Violation
from desktop.domain.subtitle_presets import Preset
from desktop.domain.subtitles import Cue
from desktop.domain.translation import is_stale
from desktop.domain.translation_models import language_code
from desktop.jobs.track_translation import store_for
from desktop.store.library import Library, LibraryFile
from desktop.ui.editor.subtitles.track_session import TrackSession
from desktop.ui.util.background import run_in_thread


@dataclass(frozen=True)
class Entry:
    """A stored translation: the source text it was made from, its text, how it was made."""

    source_text: str
    text: str | None
    status: str


Write = Callable[[Library], None]
# The target preset's rules a translation can break (its times are the cue's, checked there).
TEXT_RULES = ("line-too-long", "too-many-lines", "too-fast")


def _read(library: LibraryFile, track_id: int, language: str) -> dict[str, Entry]:
    with library.connect() as connection:
        stored = store_for(connection, track_id, language).all()
    return {key: Entry(row.source_text, row.text, row.status) for key, row in stored.items()}


def read_languages(library: LibraryFile, track_id: int) -> list[str]:
    with library.connect() as connection:
        return connection.translation_languages(track_id)


class _TranslationCommand(QUndoCommand):
    def __init__(
        self, column: TranslationColumn, key: str, before: Entry | None, after: Entry, text: str
    ) -> None:
        super().__init__(text)
        self._column, self._key, self._before, self._after = column, key, before, after
        self._language = column.language or ""

    def redo(self) -> None:
        self._column._put(self._language, self._key, self._after)

    def undo(self) -> None:
        self._column._put(self._language, self._key, self._before)


class TranslationColumn(QObject):
    """The translations of ``session``'s track into ``language`` (None: no column).

    Signals:
        loaded(): the chosen language's translations were read (or none chosen)
        entry_changed(str): the cue key whose translation was edited, undone or redone
        problem(str): a translation that could not be saved or read
    """

    loaded = Signal()
    entry_changed = Signal(str)
    problem = Signal(str)

    def __init__(
        self, library: LibraryFile, session: TrackSession, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self.session = session
        self.language: str | None = None
        self.preset: Preset | None = None
        self._entries: dict[str, Entry] = {}
        self._reads = 0  # only the newest read is shown
        self._writes: deque[Write] = deque()
        self._writing = False
        self._checks: dict[tuple[str, int, int, str], list[Violation]] = {}

    # -- what it shows -------------------------------------------------------------

    def set_language(self, language: str | None) -> None:
        """Show ``language``'s translations (read off the GUI thread); None hides them."""
        self.language = language
        self.preset = preset_for_language(language_code(language)) if language else None
        self._entries, self._checks = {}, {}
        self.reload()

    def reload(self) -> None:
        """Read the stored translations again (a translation run for this track finished)."""
        self._reads += 1
        number, language = self._reads, self.language
        if language is None:
            self.loaded.emit()
            return
        track_id = self.session.track_id
        run_in_thread(
            self,
            lambda: _read(self._library, track_id, language),
            lambda entries: self._show(number, entries),
            lambda error: self.problem.emit(
                self.tr("The translations could not be read: {0}").format(error)
            ),
        )

    def _show(self, number: int, entries: dict[str, Entry]) -> None:
        if number == self._reads:
            self._entries, self._checks = entries, {}
            self.loaded.emit()

    def entry(self, row: int) -> Entry | None:
        cues = self.session.track.cues
        return self._entries.get(cues[row].key) if 0 <= row < len(cues) else None

    def text(self, row: int) -> str:
        entry = self.entry(row)
        return entry.text or "" if entry is not None else ""

    def is_stale(self, row: int) -> bool:
        entry = self.entry(row)
        if entry is None or entry.text is None:
            return False
        return is_stale(entry.source_text, self.session.track.cues[row].text)

    def is_flagged(self, row: int) -> bool:
        """The service refused the cue or cut its answer off: no text, a status saying why."""
        entry = self.entry(row)
        return entry is not None and entry.text is None

    def problems(self, row: int) -> list[Violation]:
        """The rules of the target language's preset this cue's translation breaks."""
        entry = self.entry(row)
        if entry is None or not entry.text or self.preset is None:
            return []
        cue = self.session.track.cues[row]
        key = (cue.key, cue.start_ms, cue.end_ms, entry.text)
        found = self._checks.get(key)
        if found is None:
            lines = tuple(entry.text.split("\n"))
            found = check_target([Cue(cue.start_ms, cue.end_ms, lines)], self.preset)
            found = [v for v in found if v.rule in TEXT_RULES]  # times are the source column's
            self._checks[key] = found
        return found

    def counts(self) -> tuple[int, int]:
        """(translated cues, stale ones) in the open track."""
        cues = self.session.track.cues
        translated = stale = 0
        for cue in cues:
            entry = self._entries.get(cue.key)
            if entry is not None and entry.text:
                translated += 1
                stale += is_stale(entry.source_text, cue.text)
        return translated, stale

    def stale_keys(self) -> list[str]:
        return [c.key for row, c in enumerate(self.session.track.cues) if self.is_stale(row)]

    # -- a person's edit -----------------------------------------------------------

    def edit(self, row: int, text: str) -> bool:
        """Set cue ``row``'s translation as one undo step (empty: forget it)."""
        if self.language is None or not 0 <= row < len(self.session.track.cues):
            return False
        cue = self.session.track.cues[row]
        before = self._entries.get(cue.key)
        text = text.strip("\n")
        if (before.text if before else None) == (text or None):
            return False
        after = Entry(cue.text, text or None, "edited")
        self.session.undo_stack.push(
            _TranslationCommand(self, cue.key, before, after, self.tr("Edit translation"))
        )
        return True

    def _put(self, language: str, key: str, entry: Entry | None) -> None:
        track_id = self.session.track_id
        if entry is None or entry.text is None:
            self._write(lambda lib: store_for(lib, track_id, language).forget([key]))
        else:
            source, text = entry.source_text, entry.text
            self._write(lambda lib: store_for(lib, track_id, language).set_text(key, source, text))
        if language == self.language:
            if entry is None:
                self._entries.pop(key, None)
            else:
                self._entries[key] = entry
            self.entry_changed.emit(key)

    # -- saving, in order, off the GUI thread ----------------------------------------

    def _write(self, write: Write) -> None:
        self._writes.append(write)
        self._next_write()

    def _next_write(self) -> None:
        if self._writing or not self._writes:
            return
        self._writing = True
        write = self._writes.popleft()

        def work() -> None:
            with self._library.connect() as library:
                write(library)

        run_in_thread(self, work, self._written, self._write_failed)

    def _written(self, _result: None) -> None:
        self._writing = False
        self._next_write()

    def _write_failed(self, error: Exception) -> None:
        self._writing = False
        self.problem.emit(self.tr("Saving the translation failed: {0}").format(error))
        self._next_write()

    @property
    def saving(self) -> bool:
        return self._writing or bool(self._writes)

    def flush(self, timeout_ms: int = 30_000) -> bool:
        """Wait until every edit is written (closing the track); False if time ran out."""
        deadline = QDeadlineTimer(timeout_ms)
        while self.saving and not deadline.hasExpired():
            QCoreApplication.processEvents()
            time.sleep(0.005)
        return not self.saving
