"""Custom presets in subtitle_presets.json: saved from a form without overwriting another's."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from desktop.domain.subtitle_presets import UnknownPresetError, builtin, copy_of
from desktop.store.subtitle_profiles import (
    PresetFileError,
    PresetIdError,
    custom_presets,
    delete_preset,
    profiles_path,
    save_edited_preset,
    save_preset,
)


def test_a_new_preset_is_added_and_an_edit_replaces_it_in_place() -> None:
    first = copy_of(builtin("netflix-en"), taken=[])
    second = copy_of(builtin("bbc"), taken=[])
    save_edited_preset(first, None)
    save_edited_preset(second, None)
    narrower = msgspec.structs.replace(first, id="narrow", max_chars=30)
    save_edited_preset(narrower, first.id)
    assert [(p.id, p.max_chars) for p in custom_presets()] == [("narrow", 30), (second.id, 37)]


def test_an_id_another_preset_has_is_refused_and_nothing_is_written() -> None:
    first = copy_of(builtin("netflix-en"), taken=[])
    save_edited_preset(first, None)
    save_edited_preset(msgspec.structs.replace(first, id="other"), None)
    before = profiles_path().read_bytes()
    same_id = msgspec.structs.replace(copy_of(builtin("bbc"), taken=[]), id=first.id)
    with pytest.raises(PresetIdError, match="already exists; choose another id"):
        save_edited_preset(same_id, None)
    with pytest.raises(PresetIdError, match="'other' already exists"):
        save_edited_preset(msgspec.structs.replace(first, id="other"), first.id)
    assert profiles_path().read_bytes() == before


@pytest.mark.parametrize(
    ("preset_id", "reason"),
    [
        ("netflix-en", "is a built-in preset"),
        ("my preset", "not a usable preset id"),
        ("", "not a usable"),
    ],
)
def test_built_in_and_unusable_ids_are_refused(preset_id: str, reason: str) -> None:
    preset = msgspec.structs.replace(builtin("netflix-en"), id=preset_id)
    with pytest.raises(PresetIdError, match=reason):
        save_edited_preset(preset, None)
    with pytest.raises(PresetIdError, match=reason):
        save_preset(preset)
    assert not profiles_path().exists()


def test_editing_a_preset_deleted_meanwhile_says_so() -> None:
    first = copy_of(builtin("netflix-en"), taken=[])
    save_edited_preset(first, None)
    delete_preset(first.id)
    with pytest.raises(UnknownPresetError):
        save_edited_preset(first, first.id)
    assert custom_presets() == []


def test_a_broken_file_is_named_and_kept(tingxie_home: Path) -> None:
    broken = profiles_path()
    broken.write_text("[{oops")
    with pytest.raises(PresetFileError, match=f"{broken}: not a list of presets"):
        save_edited_preset(copy_of(builtin("bbc"), taken=[]), None)
    assert broken.read_text() == "[{oops"
