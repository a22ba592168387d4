"""Where the "Add files…" dialog starts: the last folder used, else the person's media folder.

A file dialog that opens in the process's working folder makes the person walk
to their media every time. The last folder chosen is remembered in
``window.ini`` (Qt's own state file in the data directory, next to the window
geometry), so it survives a restart; before any choice the dialog starts in the
Videos folder, then Music, then the home folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from desktop import paths

MEDIA_FOLDER_KEY = "addFilesFolder"
_MEDIA_LOCATIONS = (
    QStandardPaths.StandardLocation.MoviesLocation,
    QStandardPaths.StandardLocation.MusicLocation,
)


def _state() -> QSettings:
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


def media_start_folder() -> Path:
    """The folder media was last added from (if it still exists), else the media folder."""
    last = _state().value(MEDIA_FOLDER_KEY)
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    for location in _MEDIA_LOCATIONS:
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def remember_media_folder(folder: Path) -> None:
    """Start the next "Add files…" dialog in ``folder``."""
    state = _state()
    state.setValue(MEDIA_FOLDER_KEY, str(folder))
    state.sync()
