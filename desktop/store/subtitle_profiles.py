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


class PresetIdError(ValueError):
    """A preset cannot be saved under this id; the message says why and what to do."""


def check_preset_id(preset_id: str) -> None:
    """Refuse an id the command line could not take back, or one a built-in preset owns."""
    if is_builtin(preset_id):
        raise PresetIdError(
            f"{preset_id!r} is a built-in preset; save your changes under another id"
        )
    if not preset_id or not preset_id.replace("-", "").replace("_", "").isalnum():
        raise PresetIdError(
            f"{preset_id!r} is not a usable preset id; use letters, digits, '-' and '_'"
        )


def save_preset(preset: Preset, path: Path | None = None) -> None:
    """Add or replace a custom preset; built-in ids are refused (they follow their sources)."""
    check_preset_id(preset.id)
    path = path or profiles_path()
    kept = [p for p in custom_presets(path) if p.id != preset.id]
    _write(path, [*kept, preset])


def save_edited_preset(preset: Preset, original_id: str | None, path: Path | None = None) -> None:
    """Save a preset from an editor: new (``original_id`` is None) or in place of ``original_id``.

    Unlike ``save_preset`` (the command line's add-or-replace), an id that
    another custom preset already has is refused: a form must not overwrite a
    profile the person did not open. A changed id replaces the original where it
    was, in the same single write, so a failed write leaves the old one intact.
    """
    check_preset_id(preset.id)
    path = path or profiles_path()
    presets = custom_presets(path)
    if preset.id != original_id and any(p.id == preset.id for p in presets):
        raise PresetIdError(
            f"a custom preset with the id {preset.id!r} already exists; choose another id"
        )
    if original_id is not None and not any(p.id == original_id for p in presets):
        raise UnknownPresetError(original_id, [p.id for p in presets])
    if original_id is None:
        _write(path, [*presets, preset])
    else:
        _write(path, [preset if p.id == original_id else p for p in presets])


def delete_preset(preset_id: str, path: Path | None = None) -> None:
    path = path or profiles_path()
    presets = custom_presets(path)
    kept = [p for p in presets if p.id != preset_id]
    if len(kept) == len(presets):
        raise UnknownPresetError(preset_id, [p.id for p in presets])
    _write(path, kept)


def _write(path: Path, presets: list[Preset]) -> None:
    data = msgspec.json.format(msgspec.json.encode(presets, enc_hook=str), indent=2) + b"\n"
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        Path(tmp).replace(path)
    except OSError as error:
        raise PresetFileError(f"{path}: {error.strerror or error}") from None
