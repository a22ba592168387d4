"""Saving edited transcripts and cue tracks in the background, newest first, never half a version.

A save of a 12-hour transcript writes megabytes and re-indexes 20 000
sentences for search; done on the GUI thread it would freeze typing. The
autosaver owns one thread with its own library connection (SQLite connections
are per thread). Saves coalesce: while one runs, later requests for the same
item replace each other, so only the newest text is written next. Each save
is one transaction (``Library.save_transcript``), so a crash or a kill loses
at most the edits not yet handed over — never the stored text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from desktop.domain.cue_track import CueTrack
from desktop.domain.transcript import Transcript
from desktop.store.library import Library
from desktop.store.tracks import KEEP_VERSIONS as KEEP_TRACK_VERSIONS

# Edited versions kept per item besides the original: a short history to recover from.
KEEP_VERSIONS = 20
Value = TypeVar("Value")


class _BackgroundSaver(Generic[Value]):
    """A background writer of versions of one kind, keyed by the id they are saved under."""

    _thread_name = "tingxie-autosave"

    def __init__(
        self,
        path: Path | None = None,
        *,
        on_saved: Callable[[int, Value], None] | None = None,
        on_error: Callable[[int, Exception], None] | None = None,
    ) -> None:
        self._path = path
        self._on_saved = on_saved
        self._on_error = on_error
        self._pending: dict[int, Value] = {}
        self._errors: dict[int, Exception] = {}
        self._busy = False
        self._closed = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name=self._thread_name, daemon=True)
        self._thread.start()

    def _save(self, library: Library, key: int, value: Value) -> None:
        raise NotImplementedError

    def submit(self, item_id: int, transcript: Value) -> None:
        """Save ``transcript`` (or track) as the item's (or track's) current version, soon."""
        with self._cond:
            if self._closed:
                raise RuntimeError("the autosaver is closed")
            self._pending[item_id] = transcript
            self._cond.notify_all()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every submitted transcript is saved; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def error(self, item_id: int) -> Exception | None:
        """Why the item's last save failed, or None if it succeeded."""
        with self._cond:
            return self._errors.get(item_id)

    def close(self, timeout: float | None = 30.0) -> bool:
        """Save what is pending, then stop the thread."""
        done = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return done

    def is_running(self) -> bool:
        """Whether the saving thread may still report (a close that timed out)."""
        return self._thread.is_alive()

    def _run(self) -> None:
        library: Library | None = None
        try:
            while True:
                with self._cond:
                    self._cond.wait_for(lambda: self._pending or self._closed)
                    if not self._pending:
                        return
                    item_id, transcript = self._pending.popitem()
                    self._busy = True
                try:
                    library = library or Library.open(self._path)
                    self._save(library, item_id, transcript)
                except Exception as error:  # reported to the UI, the thread keeps serving
                    with self._cond:
                        self._errors[item_id] = error
                    if self._on_error is not None:
                        self._on_error(item_id, error)
                else:
                    with self._cond:
                        self._errors.pop(item_id, None)
                    if self._on_saved is not None:
                        self._on_saved(item_id, transcript)
                finally:
                    with self._cond:
                        self._busy = False
                        self._cond.notify_all()
        finally:
            if library is not None:
                library.close()


class Autosaver(_BackgroundSaver[Transcript]):
    """A background writer of transcript versions."""

    def _save(self, library: Library, key: int, value: Transcript) -> None:
        library.save_transcript(key, value)
        library.prune_versions(key, KEEP_VERSIONS)


class TrackAutosaver(_BackgroundSaver[CueTrack]):
    """A background writer of cue-track versions, keyed by track id (``TrackStore.create``)."""

    _thread_name = "tingxie-track-autosave"

    def _save(self, library: Library, key: int, value: CueTrack) -> None:
        library.tracks.save(key, value)
        library.tracks.prune_versions(key, KEEP_TRACK_VERSIONS)
