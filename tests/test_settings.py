"""settings.json: defaults, round trip, damaged files, endpoint rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.settings import (
    Settings,
    SettingsError,
    load_settings,
    save_settings,
    settings_path,
)


def test_a_new_install_starts_from_defaults_in_beijing(tingxie_home: Path) -> None:
    settings = load_settings()
    assert settings == Settings()
    assert settings.endpoint_url() == "https://dashscope.aliyuncs.com/api/v1"
    assert not settings_path().exists()


def test_saved_settings_read_back_and_live_in_the_data_folder(tingxie_home: Path) -> None:
    chosen = Settings(
        region="singapore",
        default_model="fun-asr",
        language_hints=("en",),
        upload_concurrency=3,
        poll_concurrency=8,
        language="zh_CN",
    )
    assert save_settings(chosen) == tingxie_home / "settings.json"
    assert load_settings() == chosen
    assert chosen.endpoint_url() == "https://dashscope-intl.aliyuncs.com/api/v1"


def test_a_damaged_settings_file_gives_defaults_instead_of_a_crash(tingxie_home: Path) -> None:
    settings_path().write_text('{"region": "mars", "upload_concurrency": "many"')
    assert load_settings() == Settings()


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8080/api/v1", "http://localhost:9000/api/v1", "https://proxy.example.com"],
)
def test_custom_endpoints_over_https_or_to_this_machine_are_taken(url: str) -> None:
    settings = Settings(region="custom", custom_url=url)
    assert settings.endpoint_url().startswith(url.split("/api")[0])


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://192.168.1.20/api/v1", "unencrypted"),
        ("http://proxy.example.com/api/v1", "unencrypted"),
        ("ftp://proxy.example.com", "not a region name"),
        ("", "enter the custom endpoint"),
    ],
)
def test_custom_endpoints_that_would_leak_the_key_are_refused(
    tingxie_home: Path, url: str, message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        save_settings(Settings(region="custom", custom_url=url))
    assert not settings_path().exists()


def test_concurrency_outside_its_range_is_refused(tingxie_home: Path) -> None:
    with pytest.raises(SettingsError, match="upload concurrency must be between 1 and 16"):
        save_settings(Settings(upload_concurrency=0))
