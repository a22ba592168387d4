"""Writing export files: atomically, under names made from titles, many at once."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from desktop.domain.text_cleaning import clean_line
from desktop.domain.transcript import Transcript
from desktop.export import SUFFIXES, ExportOptions, export_transcript

# Characters Windows, macOS or Linux refuse (or treat specially) in file names.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
MAX_STEM = 120
# A media file's suffix at the end of a title (items are titled by their file's name).
_MEDIA_SUFFIX = re.compile(
    r"\.(wav|mp3|m4a|aac|flac|ogg|opus|wma|amr|mp4|m4v|mov|mkv|avi|webm|flv|wmv|3gp|ts|mpeg|mpg)$",
    re.IGNORECASE,
)


class ExportWriteError(Exception):
    """A file could not be written; the message names it and the problem."""


def write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target and rename, so a failed export never leaves half a file."""
    directory = path.parent if str(path.parent) else Path()
    if not directory.is_dir():
        raise ExportWriteError(f"{path}: the folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        # mkstemp makes the file 0600; an export is an ordinary file the umask governs
        # (or keeps the mode of the file it replaces).
        Path(tmp).chmod(_mode_of(path))
        Path(tmp).replace(path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise ExportWriteError(f"{path}: {error.strerror or error}") from None


def _mode_of(path: Path) -> int:
    """The mode a new ``path`` gets from the umask, or the mode of the file already there."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux says it without changing it (os.umask would, for every thread)
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def export_stem(title: str) -> str:
    """The file stem for an item titled ``title``: "talk.mp4" exports as "talk.srt"."""
    return _MEDIA_SUFFIX.sub("", title) or title


def file_name(title: str, fmt: str, taken: set[str]) -> str:
    """A safe, unique file name for an item's export: its title plus the format's suffix."""
    title = export_stem(title)
    stem = _UNSAFE.sub("_", clean_line(title)).strip(" .")[:MAX_STEM] or "transcript"
    name = stem + SUFFIXES[fmt]
    number = 2
    while name.lower() in taken:
        name = f"{stem} ({number}){SUFFIXES[fmt]}"
        number += 1
    taken.add(name.lower())
    return name


def export_batch(
    items: Iterable[tuple[str, Callable[[], Transcript]]],
    fmt: str,
    options: ExportOptions,
    directory: Path,
    progress: Callable[[int, str], None] | None = None,
) -> list[Path]:
    """Export each ``(title, load)`` item into ``directory``; returns the files written.

    Transcripts are loaded one at a time, so a batch of long recordings never
    holds more than one in memory. Existing files of the same name are kept:
    the new file gets a numbered name instead.
    """
    if not directory.is_dir():
        raise ExportWriteError(f"{directory}: no such folder; create it or choose another")
    taken = {p.name.lower() for p in directory.iterdir()}
    written: list[Path] = []
    for number, (title, load) in enumerate(items):
        if progress is not None:
            progress(number, title)
        options_for_item = options if options.title else _titled(options, title)
        data = export_transcript(load(), fmt, options=options_for_item)
        path = directory / file_name(title, fmt, taken)
        write_atomically(path, data)
        written.append(path)
    return written


def _titled(options: ExportOptions, title: str) -> ExportOptions:
    return replace(options, title=title)
