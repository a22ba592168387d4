"""The API key in a real Secret Service keyring (gnome-keyring in the test D-Bus session)."""

from __future__ import annotations

import uuid

import keyring
import pytest

from desktop.dashscope import credentials

KEY = "sk-0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def private_entry(monkeypatch: pytest.MonkeyPatch):
    """A keyring entry of this test's own, removed afterwards; no stray env key."""
    service = f"Tingxie test {uuid.uuid4()}"
    monkeypatch.setenv("TINGXIE_KEYRING_SERVICE", service)
    monkeypatch.delenv(credentials.ENV_VAR, raising=False)
    yield service
    credentials.clear_api_key()


def test_the_test_session_has_a_real_secret_service() -> None:
    backend = keyring.get_keyring()
    assert "SecretService" in type(backend).__module__ + type(backend).__name__, backend


def test_store_load_clear_round_trip_through_the_keyring(private_entry: str) -> None:
    assert credentials.load_api_key() is None
    assert credentials.store_api_key(f"  {KEY}\n") == "sk-…cdef"
    assert keyring.get_password(private_entry, credentials.USERNAME) == KEY
    assert credentials.load_api_key() == KEY
    status = credentials.key_status()
    assert (status.source, status.masked) == ("keyring", "sk-…cdef")
    assert credentials.clear_api_key() is True
    assert credentials.load_api_key() is None
    assert credentials.clear_api_key() is False
    assert credentials.key_status().source == "none"


def test_the_environment_variable_wins_as_in_the_official_sdk(monkeypatch) -> None:
    credentials.store_api_key(KEY)
    monkeypatch.setenv(credentials.ENV_VAR, "sk-from-the-environment-9999")
    assert credentials.load_api_key() == "sk-from-the-environment-9999"
    assert credentials.key_status().source == "environment"
    assert credentials.key_status().masked == "sk-…9999"


@pytest.mark.parametrize("text", ["", "   ", "sk-has space inside", "sk-密钥密钥密钥密钥", "short"])
def test_text_that_cannot_be_a_key_is_refused_and_not_stored(text: str) -> None:
    with pytest.raises(credentials.InvalidKeyError, match="does not look like an API key"):
        credentials.store_api_key(text)
    assert credentials.load_api_key() is None
