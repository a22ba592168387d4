"""The user's settings: region, defaults for new jobs, concurrency, UI language.

Plain data in ``settings.json`` in the data directory, readable by the GUI, the
command line and the job engine alike. The API key is deliberately not a field:
it lives only in the OS keyring (``desktop.dashscope.credentials``), so this
file can be copied, attached to a bug report or synced without leaking it.

The file carries a ``version``. Reading is forgiving, field by field: a value
that is not valid falls back to its default alone (and is logged), a field
this release does not know is ignored, and a file written before versions
(version 0) or by a later release loads what it can. ``MIGRATIONS`` turns an
older file into this release's shape before the fields are read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import msgspec

from desktop import paths
from desktop.domain import catalog, translation_models
from desktop.domain import endpoints as endpoint_rules

log = logging.getLogger(__name__)

Region = Literal["beijing", "singapore", "custom"]
Language = Literal["", "en", "zh_CN"]  # "" = follow the system

REGION_URLS: dict[str, str] = {
    "beijing": endpoint_rules.REGION_BASE_URLS[catalog.Region.BEIJING],
    "singapore": endpoint_rules.REGION_BASE_URLS[catalog.Region.SINGAPORE],
}
CONCURRENCY_RANGE = (1, 16)
_RANGED = ("upload_concurrency", "poll_concurrency")

# One step per file version: step N turns a version N-1 mapping into version N.
# Never edit a released step; append. Version 0 is a file from before versions.
SettingsMigration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: tuple[SettingsMigration, ...] = (
    # 1: the shape of the first releases, which wrote no version.
    lambda fields: fields,
)
SETTINGS_VERSION = len(MIGRATIONS)


class SettingsError(ValueError):
    """A setting that cannot be used; the message says which and how to fix it."""


class Settings(msgspec.Struct, kw_only=True):
    """Every user setting, with the defaults a new install starts from."""

    region: Region = "beijing"
    custom_url: str = ""
    default_model: str = "paraformer-v2"
    language_hints: tuple[str, ...] = ()
    diarization_enabled: bool = False
    disfluency_removal_enabled: bool = False
    # The job engine's defaults (EngineSettings): uploads, and result checks/downloads.
    upload_concurrency: int = 6
    poll_concurrency: int = 8
    language: Language = ""
    # Translating subtitle tracks: Qwen-MT by default, or a chat model (sent with a prompt).
    translation_model: str = translation_models.DEFAULT_MODEL
    translation_target: str = "en"  # the last target language chosen
    # The editor: a click on a word plays from it (False: only moves the playhead).
    click_plays: bool = True

    def endpoint_url(self) -> str:
        """The API base URL the client should use (checked when custom)."""
        if self.region == "custom":
            return check_endpoint_url(self.custom_url)
        return REGION_URLS[self.region]


@dataclass(frozen=True)
class LoadedSettings:
    """What a settings file gave: the settings, and each value that was replaced by its default."""

    settings: Settings
    version: int  # the file's version (0: none written, > SETTINGS_VERSION: a later release's)
    problems: tuple[str, ...]  # "settings.json: upload_concurrency: ...; using 6" per value


def settings_path() -> Path:
    return paths.data_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; defaults when there is no file yet.

    A damaged file is not fatal: whatever cannot be read is the default, the
    problem goes to the log, and the next save writes a whole file again (a
    settings file holds nothing that cannot be re-entered).
    """
    loaded = read_settings(path)
    for problem in loaded.problems:
        log.warning("%s", problem)
    return loaded.settings


def read_settings(path: Path | None = None) -> LoadedSettings:
    """The settings in ``path`` (default: the data folder's), field by field."""
    path = path or settings_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return LoadedSettings(Settings(), SETTINGS_VERSION, ())
    except OSError as error:
        return LoadedSettings(Settings(), 0, (f"{path}: cannot be read ({error}); using defaults",))
    try:
        document = msgspec.json.decode(data)
    except msgspec.DecodeError as error:
        return LoadedSettings(Settings(), 0, (f"{path}: not JSON ({error}); using defaults",))
    if not isinstance(document, dict):
        return LoadedSettings(Settings(), 0, (f"{path}: not a JSON object; using defaults",))
    version = document.pop("version", 0)
    problems: tuple[str, ...] = ()
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        problems = (f"{path}: version {version!r} is not a number; reading it as this version's",)
        version = SETTINGS_VERSION
    if version > SETTINGS_VERSION:
        log.info(
            "%s: written by a later Tingxie (version %d); reading what this one knows",
            path,
            version,
        )
    for step in MIGRATIONS[version:]:
        document = step(document)
    settings, field_problems = _fields_from(document, path)
    return LoadedSettings(settings, version, problems + field_problems)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically, with this release's version: a crash mid-write leaves the previous file."""
    path = path or settings_path()
    validate(settings)
    document = {"version": SETTINGS_VERSION, **msgspec.structs.asdict(settings)}
    temporary = path.with_suffix(".json.tmp")
    temporary.write_bytes(msgspec.json.format(msgspec.json.encode(document)))
    temporary.replace(path)
    return path


def validate(settings: Settings) -> None:
    if settings.region == "custom":
        check_endpoint_url(settings.custom_url)
    for name in _RANGED:
        problem = _out_of_range(name, getattr(settings, name))
        if problem:
            raise SettingsError(problem)


def check_endpoint_url(url: str) -> str:
    """The API base URL for a custom endpoint, or ``SettingsError`` saying why not.

    The key travels in a header, so plain http is allowed only to this machine
    (a local proxy or the test emulator), never across a network.
    """
    if not url.strip():
        raise SettingsError(
            "enter the custom endpoint's address, like https://proxy.example.com/api/v1"
        )
    try:
        return endpoint_rules.resolve(url)[0]
    except ValueError as error:
        raise SettingsError(str(error)) from None


def catalog_region(settings: Settings) -> catalog.Region | None:
    """The catalog's region of the chosen endpoint (``None``: a custom host, not checked)."""
    if settings.region == "custom":
        return None
    return {"beijing": catalog.Region.BEIJING, "singapore": catalog.Region.SINGAPORE}[
        settings.region
    ]


def _fields_from(document: dict[str, Any], path: Path) -> tuple[Settings, tuple[str, ...]]:
    """Each known field converted on its own; a bad one is its default, with the reason."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for field in msgspec.structs.fields(Settings):
        if field.encode_name not in document:
            continue
        raw = document[field.encode_name]
        try:
            value = msgspec.convert(raw, type=field.type, strict=True)
        except msgspec.ValidationError as error:
            problem: str | None = f"{error}"
        else:
            problem = _out_of_range(field.name, value) if field.name in _RANGED else None
        if problem is None:
            values[field.name] = value
        else:
            problems.append(
                f"{path}: {field.encode_name} {raw!r} cannot be used ({problem});"
                f" using the default {field.default!r}"
            )
    return Settings(**values), tuple(problems)


def _out_of_range(name: str, value: int) -> str | None:
    low, high = CONCURRENCY_RANGE
    if low <= value <= high:
        return None
    return f"{name.replace('_', ' ')} must be between {low} and {high}"
