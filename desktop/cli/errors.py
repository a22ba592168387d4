"""Errors the command line reports as one ``error: …`` line instead of a traceback."""

from __future__ import annotations

from desktop.dashscope.credentials import InvalidKeyError, KeyringUnavailableError
from desktop.domain.catalog import UnknownModelError
from desktop.domain.glossary import GlossaryError
from desktop.domain.subtitle_presets import UnknownPresetError
from desktop.domain.translation_models import UnknownLanguageError, UnknownTextModelError
from desktop.export.chinese_script import UnknownConversionError
from desktop.export.files import ExportWriteError
from desktop.formats.errors import FileFormatError
from desktop.jobs.sources import SourceError
from desktop.store.database import LibraryError
from desktop.store.library import ItemNotFoundError
from desktop.store.subtitle_profiles import PresetFileError, PresetIdError
from desktop.store.tracks import TrackExistsError, TrackNotFoundError
from desktop.store.translations import TranslationBusyError


class CliError(Exception):
    """A user-facing failure; the message names the file or value and the fix."""


# The lower layers' user-facing errors: their messages already name the file and fix.
EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    CliError,
    FileFormatError,  # ImportFailedError too
    LibraryError,
    ItemNotFoundError,
    UnknownModelError,
    InvalidKeyError,
    KeyringUnavailableError,
    UnknownPresetError,
    UnknownConversionError,
    ExportWriteError,
    PresetFileError,
    PresetIdError,
    SourceError,
    TrackExistsError,
    TrackNotFoundError,
    GlossaryError,
    UnknownLanguageError,
    UnknownTextModelError,
    TranslationBusyError,
)
