"""Which endpoint the command line uses: option, environment, then the app's Settings."""

from __future__ import annotations

import argparse

import pytest

from desktop.cli.errors import CliError
from desktop.cli.service import ENDPOINT_VAR, endpoint
from desktop.dashscope.endpoints import BEIJING, SINGAPORE
from desktop.settings import Settings, save_settings, settings_path


@pytest.fixture(autouse=True)
def no_endpoint_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENDPOINT_VAR, raising=False)


def test_a_new_install_uses_beijing() -> None:
    assert endpoint(argparse.Namespace()) == BEIJING


def test_the_region_chosen_in_settings_is_used_by_the_command_line(monkeypatch) -> None:
    save_settings(Settings(region="singapore"))
    assert endpoint(argparse.Namespace()) == SINGAPORE
    monkeypatch.setenv(ENDPOINT_VAR, "beijing")
    assert endpoint(argparse.Namespace()) == BEIJING
    assert endpoint(argparse.Namespace(endpoint="singapore")) == SINGAPORE


def test_a_custom_address_from_settings_is_used_as_is() -> None:
    save_settings(Settings(region="custom", custom_url="http://127.0.0.1:8765/api/v1"))
    assert endpoint(argparse.Namespace()).base_url == "http://127.0.0.1:8765/api/v1"


def test_a_hand_edited_settings_file_with_a_leaking_address_is_refused() -> None:
    settings_path().write_text('{"region": "custom", "custom_url": "http://10.0.0.9/api/v1"}')
    with pytest.raises(CliError, match=r"settings\.json: .*unencrypted"):
        endpoint(argparse.Namespace())
