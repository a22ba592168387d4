"""Custom subtitle presets, saved as JSON in the data folder.

Until the GUI has a settings store of its own, the user's profiles live in
``subtitle_presets.json`` next to the library: a list of presets in the same
shape as the built-in ones. A broken file is reported with its path and
never overwritten silently, so a hand edit gone wrong loses nothing.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import msgspec

from desktop import paths
from desktop.domain.subtitle_presets import (
    BUILTIN_PRESETS,
    Preset,
    UnknownPresetError,
    is_builtin,
)

FILE_NAME = "subtitle_presets.json"
_decoder = msgspec.json.Decoder(list[Preset])


class PresetFileError(Exception):
    """The custom preset file cannot be read or written; the message names it."""


def profiles_path() -> Path:
    return paths.data_dir() / FILE_NAME


def custom_presets(path: Path | None = None) -> list[Preset]:
    path = path or profiles_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        raise PresetFileError(f"{path}: {error.strerror or error}") from None
    try:
        return _decoder.decode(raw)
    except msgspec.DecodeError as error:
        raise PresetFileError(
            f"{path}: not a list of presets ({error}); fix or remove the file"
        ) from None


def all_presets(path: Path | None = None) -> list[Preset]:
    """Built-in presets first, then the user's."""
    return [*BUILTIN_PRESETS, *custom_presets(path)]


def find_preset(preset_id: str, path: Path | None = None) -> Preset:
    presets = all_presets(path)
    for preset in presets:
        if preset.id == preset_id:
            return preset
    raise UnknownPresetError(preset_id, [p.id for p in presets])


def save_preset(preset: Preset, path: Path | None = None) -> None:
    """Add or replace a custom preset; built-in ids are refused (they follow their sources)."""
    if is_builtin(preset.id):
        raise PresetFileError(
            f"{preset.id!r} is a built-in preset; save your changes under another id"
        )
    if not preset.id or not preset.id.replace("-", "").replace("_", "").isalnum():
        raise PresetFileError(
            f"{preset.id!r} is not a usable preset id; use letters, digits, '-' and '_'"
        )
    path = path or profiles_path()
    kept = [p for p in custom_presets(path) if p.id != preset.id]
    _write(path, [*kept, preset])


def delete_preset(preset_id: str, path: Path | None = None) -> None:
    path = path or profiles_path()
    presets = custom_presets(path)
    kept = [p for p in presets if p.id != preset_id]
    if len(kept) == len(presets):
        raise UnknownPresetError(preset_id, [p.id for p in presets])
    _write(path, kept)


def _write(path: Path, presets: list[Preset]) -> None:
    data = msgspec.json.format(msgspec.json.encode(presets), indent=2) + b"\n"
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        Path(tmp).replace(path)
    except OSError as error:
        raise PresetFileError(f"{path}: {error.strerror or error}") from None
