"""settings.json: defaults, round trip, damaged files, versions, endpoint rules."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from desktop.settings import (
    SETTINGS_VERSION,
    Settings,
    SettingsError,
    load_settings,
    read_settings,
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


def test_saving_writes_this_releases_version(tingxie_home: Path) -> None:
    save_settings(Settings(region="singapore"))
    written = json.loads(settings_path().read_text())
    assert written["version"] == SETTINGS_VERSION
    assert written["region"] == "singapore"


def test_one_bad_field_falls_back_to_its_default_and_keeps_the_others(
    tingxie_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _write(
        version=SETTINGS_VERSION,
        region="singapore",
        default_model="fun-asr",
        upload_concurrency="many",  # not a number
        poll_concurrency=99,  # out of range
        language="klingon",  # not a language the app has
        language_hints=["en"],
    )
    with caplog.at_level(logging.WARNING):
        settings = load_settings()
    assert settings == Settings(region="singapore", default_model="fun-asr", language_hints=("en",))
    problems = read_settings().problems
    assert len(problems) == 3
    assert any("upload_concurrency 'many'" in p and "using the default 6" in p for p in problems)
    assert any("poll concurrency must be between 1 and 16" in p for p in problems)
    # The person can find out why a setting changed: the file and the value are named.
    assert any(
        str(settings_path()) in r.getMessage() and "klingon" in r.getMessage()
        for r in caplog.records
    )


def test_a_file_from_before_versions_loads_as_it_is(tingxie_home: Path) -> None:
    """The first releases wrote no version (version 0): their files are today's shape."""
    settings_path().write_text(
        '{"region": "custom", "custom_url": "http://127.0.0.1:8000/api/v1",'
        ' "default_model": "fun-asr", "upload_concurrency": 3, "poll_concurrency": 5,'
        ' "language_hints": [], "diarization_enabled": true,'
        ' "disfluency_removal_enabled": false, "language": "zh_CN"}'
    )
    loaded = read_settings()
    assert loaded.version == 0 and loaded.problems == ()
    assert loaded.settings == Settings(
        region="custom",
        custom_url="http://127.0.0.1:8000/api/v1",
        default_model="fun-asr",
        upload_concurrency=3,
        poll_concurrency=5,
        diarization_enabled=True,
        language="zh_CN",
    )
    save_settings(loaded.settings)
    assert json.loads(settings_path().read_text())["version"] == SETTINGS_VERSION


def test_a_file_from_a_later_release_loads_what_this_one_knows(tingxie_home: Path) -> None:
    _write(
        version=SETTINGS_VERSION + 3,
        region="singapore",
        poll_concurrency=4,
        theme="dark",  # a field this release does not have
        region_workspace={"id": "ws1"},
        upload_concurrency=[1, 2],  # changed shape in that release
    )
    loaded = read_settings()
    assert loaded.version == SETTINGS_VERSION + 3
    assert loaded.settings == Settings(region="singapore", poll_concurrency=4)
    assert [p for p in loaded.problems if "upload_concurrency" in p]
    assert not [p for p in loaded.problems if "theme" in p]  # unknown fields: ignored, quietly


def test_a_file_that_is_not_an_object_gives_defaults_and_a_bad_version_is_named(
    tingxie_home: Path,
) -> None:
    settings_path().write_text("[1, 2]")
    assert read_settings().settings == Settings()
    assert "not a JSON object" in read_settings().problems[0]
    settings_path().write_text('{"version": "two", "region": "singapore"}')
    loaded = read_settings()
    assert loaded.settings == Settings(region="singapore")
    assert "version 'two' is not a number" in loaded.problems[0]


def _write(**fields: object) -> None:
    settings_path().write_text(json.dumps(fields))


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
