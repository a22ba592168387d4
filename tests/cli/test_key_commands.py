"""``tingxie key``: typed or piped in, stored in the real keyring, never echoed."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from tests.helpers.cli import tingxie

KEY = "sk-fedcba9876543210fedcba9876543210"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("TINGXIE_KEYRING_SERVICE", f"Tingxie test {uuid.uuid4()}")
    monkeypatch.delenv("DASHSCOPE_API_KEY", raising=False)
    return dict(os.environ)


def test_set_status_clear_with_the_key_piped_on_stdin(tingxie_home: Path, env) -> None:
    stored = tingxie("key", "set", home=tingxie_home, stdin=f"{KEY}\n".encode())
    assert stored.returncode == 0, stored.stderr
    assert stored.stdout == "Stored the API key sk-…3210 in the keyring.\n"
    status = tingxie("key", "status", home=tingxie_home)
    assert status.stdout.startswith("Using sk-…3210 from the keyring (")
    cleared = tingxie("key", "clear", home=tingxie_home)
    assert cleared.stdout == "Removed the API key from the keyring.\n"
    after = tingxie("key", "status", home=tingxie_home)
    assert after.stdout.startswith("No API key is set. Store one with 'tingxie key set'.")
    for done in (stored, status, cleared, after):
        assert KEY not in done.stdout + done.stderr


def test_a_key_is_never_taken_from_the_command_line(tingxie_home: Path, env) -> None:
    done = tingxie("key", "set", KEY, home=tingxie_home)
    assert done.returncode == 2
    assert "paste it at the prompt" in done.stderr
    assert KEY not in done.stdout + done.stderr


def test_without_a_keyring_the_environment_variable_is_offered(tingxie_home: Path, env) -> None:
    no_bus = {k: v for k, v in env.items() if not k.startswith("DBUS")}
    done = tingxie("key", "set", home=tingxie_home, stdin=f"{KEY}\n".encode(), env=no_bus)
    assert done.returncode == 1
    assert done.stderr.startswith("error: no system keyring is available")
    assert "DASHSCOPE_API_KEY" in done.stderr and KEY not in done.stderr
    with_env = {**no_bus, "DASHSCOPE_API_KEY": KEY}
    status = tingxie("key", "status", home=tingxie_home, env=with_env)
    assert status.stdout == "Using sk-…3210 from the DASHSCOPE_API_KEY environment variable.\n"


def test_a_malformed_key_is_refused_with_advice(tingxie_home: Path, env) -> None:
    done = tingxie("key", "set", home=tingxie_home, stdin=b"not a key\n")
    assert done.returncode == 1
    assert "copy it again from the Model Studio console" in done.stderr
