"""Where the app keeps its data.

``TINGXIE_HOME`` overrides the platform's user data directory so tests and
portable installs (a USB stick) use one self-contained folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from desktop import APP_NAME


def data_dir() -> Path:
    """The folder holding the library database, created on first use."""
    override = os.environ.get("TINGXIE_HOME")
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def library_path() -> Path:
    return data_dir() / "library.sqlite3"


def personal_words_path() -> Path:
    """The user's own spelling dictionary: words added with "Add to dictionary"."""
    return data_dir() / "personal-words.txt"


def cache_dir() -> Path:
    """The folder for things that can be rebuilt (waveform peaks), created on first use.

    Under ``TINGXIE_HOME`` it sits inside that folder so a test or a portable
    install leaves nothing behind elsewhere.
    """
    override = os.environ.get("TINGXIE_HOME")
    base = (
        Path(override) / "cache" if override else Path(platformdirs.user_cache_dir(APP_NAME, False))
    )
    base.mkdir(parents=True, exist_ok=True)
    return base
