"""The user's settings: region, defaults for new jobs, concurrency, UI language.

Plain data in ``settings.json`` in the data directory, readable by the GUI, the
command line and the job engine alike. The API key is deliberately not a field:
it lives only in the OS keyring (``desktop.dashscope.credentials``), so this
file can be copied, attached to a bug report or synced without leaking it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import msgspec

from desktop import paths
from desktop.dashscope.endpoints import BEIJING, SINGAPORE, Endpoint
from desktop.domain import catalog

Region = Literal["beijing", "singapore", "custom"]
Language = Literal["", "en", "zh_CN"]  # "" = follow the system

REGION_URLS: dict[str, str] = {"beijing": BEIJING.base_url, "singapore": SINGAPORE.base_url}
CONCURRENCY_RANGE = (1, 16)


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
    upload_concurrency: int = 2
    poll_concurrency: int = 4
    language: Language = ""

    def endpoint_url(self) -> str:
        """The API base URL the client should use (checked when custom)."""
        if self.region == "custom":
            return check_endpoint_url(self.custom_url)
        return REGION_URLS[self.region]


def settings_path() -> Path:
    return paths.data_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; defaults when there is no file yet.

    A damaged file is not fatal: the app starts with defaults and the next
    save replaces it (a settings file holds nothing that cannot be re-entered).
    """
    path = path or settings_path()
    try:
        return msgspec.json.decode(path.read_bytes(), type=Settings)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically: a crash mid-write leaves the previous file."""
    path = path or settings_path()
    validate(settings)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_bytes(msgspec.json.format(msgspec.json.encode(settings)))
    temporary.replace(path)
    return path


def validate(settings: Settings) -> None:
    if settings.region == "custom":
        check_endpoint_url(settings.custom_url)
    low, high = CONCURRENCY_RANGE
    for name in ("upload_concurrency", "poll_concurrency"):
        value = getattr(settings, name)
        if not low <= value <= high:
            raise SettingsError(f"{name.replace('_', ' ')} must be between {low} and {high}")


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
        return Endpoint.named(url).base_url
    except ValueError as error:
        raise SettingsError(str(error)) from None


def catalog_region(settings: Settings) -> catalog.Region | None:
    """The catalog's region of the chosen endpoint (``None``: a custom host, not checked)."""
    if settings.region == "custom":
        return None
    return {"beijing": catalog.Region.BEIJING, "singapore": catalog.Region.SINGAPORE}[
        settings.region
    ]
