"""Telling an app launch (``tingxie [FILE ...]``) from a command, before anything heavy loads.

A file manager's "Open with Tingxie" runs ``tingxie /path/a.mp3 /path/b.json``;
a double-click runs ``tingxie`` alone. Both must reach the window without
importing the command line's modules (the export stack, keyring, ...), which
would cost a third of the start-up time. So the decision is made here, on the
raw arguments: every argument is either a GUI option or a file to open. A
command name (``import``, ``export``) is neither, so commands keep their parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.domain.catalog import ACCEPTED_FORMATS

STARTUP_PROBE = "--startup-probe"
DEBUG = "--debug"  # DEBUG lines in tingxie.log
# What the app opens from its command line: result files and the service's media formats.
OPENABLE_SUFFIXES = frozenset({"json", *ACCEPTED_FORMATS})


@dataclass(frozen=True)
class AppLaunch:
    """Start (or hand over to) the app, opening ``paths``."""

    paths: tuple[Path, ...] = ()
    startup_probe: bool = False
    debug: bool = False


def app_launch(argv: list[str]) -> AppLaunch | None:
    """The app launch ``argv`` asks for, or ``None`` when it is a command (or ``--help``)."""
    paths: list[Path] = []
    startup_probe = debug = False
    for arg in argv:
        if arg == STARTUP_PROBE:
            startup_probe = True
        elif arg == DEBUG:
            debug = True
        elif arg.startswith("-psn_"):
            continue  # older macOS Finder adds a process serial number; it means nothing here
        elif arg.startswith("-") or not _names_a_file(arg):
            return None
        else:
            paths.append(Path(arg).absolute())
    return AppLaunch(tuple(paths), startup_probe, debug)


def _names_a_file(arg: str) -> bool:
    """An existing path, or one whose suffix the app opens (so a typo gets the app's message)."""
    path = Path(arg)
    return path.exists() or path.suffix.lower().lstrip(".") in OPENABLE_SUFFIXES


@dataclass(frozen=True)
class OpenedPaths:
    """Files given to the app, sorted by what it does with them."""

    results: tuple[Path, ...]  # result JSON files: imported into the library
    media: tuple[Path, ...]  # audio and video: queued for transcription
    problems: tuple[str, ...]  # "FILE: problem; fix" for everything else


def sort_opened(paths: list[Path] | tuple[Path, ...]) -> OpenedPaths:
    """Sort ``paths`` by suffix; a missing file or an unknown kind becomes a problem."""
    results: list[Path] = []
    media: list[Path] = []
    problems: list[str] = []
    for path in paths:
        suffix = path.suffix.lower().lstrip(".")
        if not path.is_file():
            problems.append(f"{path}: file not found; check that it exists and is not a folder")
        elif suffix == "json":
            results.append(path)
        elif suffix in ACCEPTED_FORMATS:
            media.append(path)
        else:
            kinds = ", ".join(sorted(ACCEPTED_FORMATS))
            problems.append(
                f"{path}: Tingxie opens result files (.json) and audio or video ({kinds});"
                " convert the file to one of those"
            )
    return OpenedPaths(tuple(results), tuple(media), tuple(problems))
