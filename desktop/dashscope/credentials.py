"""Where the DashScope API key lives: the OS keyring, or ``DASHSCOPE_API_KEY`` for a session.

The key is never written to a plain file, a log or the library. As the
official SDK does, the environment variable wins when it is set, so a person
can try another key for one run without touching the stored one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from desktop.domain.messages import say
from desktop.logs import remember_secret

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# ``keyring`` is imported where it is used: importing it and finding its backend
# costs a fifth of a second, which the window's first paint should not wait for.

USERNAME = "dashscope-api-key"
ENV_VAR = "DASHSCOPE_API_KEY"
# What can travel in an HTTP Authorization header: printable ASCII without spaces.
_KEY_SHAPE = re.compile(r"[\x21-\x7e]{8,512}")


class KeyringUnavailableError(Exception):
    """No secure keyring on this system; the message offers the environment variable."""


class InvalidKeyError(ValueError):
    """Text that cannot be an API key (empty, spaces inside, non-ASCII)."""


KeySource = Literal["environment", "session", "keyring", "none"]


@dataclass(frozen=True)
class FoundKey:
    """The key to use and where it came from (what Settings and ``tingxie key show`` say).

    ``session``: typed in the app for this run only (it is ``DASHSCOPE_API_KEY``
    in this process, set by the app, not by the person's environment).
    """

    value: str | None = field(repr=False)
    source: KeySource


@dataclass(frozen=True)
class KeyStatus:
    source: KeySource
    masked: str | None  # e.g. "sk-…7f3a": enough to tell keys apart, useless to an attacker
    keyring: str  # the keyring backend's name, or why there is none


def service_name() -> str:
    """The keyring entry's service; tests set ``TINGXIE_KEYRING_SERVICE`` to stay apart."""
    return os.environ.get("TINGXIE_KEYRING_SERVICE") or "Tingxie"


# The key "Use for this session only" put in this process's environment, if any.
_session_key: str | None = None


def find_api_key() -> FoundKey:
    """The key to use now and its source: the environment variable, else the keyring.

    The one precedence rule of the app and the command line (as in the official
    SDK). It may wait on the keyring (D-Bus, an unlock prompt): the app calls it
    off the GUI thread. A keyring that cannot answer (none on this system,
    locked, its service gone) counts as no key: the app then says how to enter one.
    """
    import keyring.errors

    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        remember_secret(from_env)
        return FoundKey(from_env, "session" if from_env == _session_key else "environment")
    try:
        stored = _backend().get_password(service_name(), USERNAME)
    except (KeyringUnavailableError, keyring.errors.KeyringError):
        stored = None
    if stored:
        remember_secret(stored)
        return FoundKey(stored, "keyring")
    return FoundKey(None, "none")


def load_api_key() -> str | None:
    """The key to use now (``find_api_key`` without its source), or ``None``."""
    return find_api_key().value


def use_for_session(text: str) -> str:
    """Put a valid key in this process's ``DASHSCOPE_API_KEY`` (nothing stored); its mask."""
    global _session_key
    key = checked_key(text)
    os.environ[ENV_VAR] = key
    _session_key = key
    return mask(key)


def checked_key(text: str) -> str:
    """``text`` stripped, if it can be an API key; else ``InvalidKeyError``."""
    key = text.strip()
    if not _KEY_SHAPE.fullmatch(key):
        raise InvalidKeyError(
            say(
                "that does not look like an API key (expected one word of 8 or more printable"
                " ASCII characters, like sk-…); copy it again from the Model Studio console"
            )
        )
    remember_secret(key)
    return key


def store_api_key(text: str) -> str:
    """Validate and store a key in the keyring; returns its masked form."""
    import keyring.errors

    key = checked_key(text)
    try:
        _backend().set_password(service_name(), USERNAME, key)
    except keyring.errors.PasswordSetError as error:
        raise KeyringUnavailableError(
            say("the keyring refused to store the key ({error})", error=str(error))
        ) from None
    return mask(key)


def clear_api_key() -> bool:
    """Remove the stored key; ``False`` if there was none."""
    import keyring.errors

    try:
        _backend().delete_password(service_name(), USERNAME)
    except keyring.errors.PasswordDeleteError:
        return False
    return True


def key_status() -> KeyStatus:
    """Where the key in use comes from, masked, and the keyring's name (may wait on it)."""
    try:
        backend_name = _backend_name(_backend())
    except KeyringUnavailableError as error:
        backend_name = str(error)
    found = find_api_key()
    return KeyStatus(found.source, mask(found.value) if found.value else None, backend_name)


def keyring_problem() -> str | None:
    """Why no key can be stored on this system, or ``None`` when a keyring is there."""
    try:
        _backend()
    except KeyringUnavailableError as error:
        return str(error)
    return None


def mask(key: str) -> str:
    """The key's recognisable ends only: ``sk-…7f3a``."""
    head = key[:3] if len(key) > 12 else ""
    return f"{head}…{key[-4:]}"


def _backend() -> KeyringBackend:
    """The OS keyring, refusing the "fail" backend and any plain-text file keyring."""
    import keyring

    backend = keyring.get_keyring()
    module = type(backend).__module__
    if module.startswith("keyring.backends.fail") or _only_fail(backend):
        raise KeyringUnavailableError(
            say(
                "no system keyring is available (on Linux: gnome-keyring or KWallet with a"
                " running D-Bus session); set the {variable} environment variable for this"
                " session instead",
                variable=ENV_VAR,
            )
        )
    if module.startswith("keyrings.alt"):
        raise KeyringUnavailableError(
            say(
                "the only keyring available ({backend}) stores secrets in a plain file;"
                " set the {variable} environment variable for this session instead",
                backend=_backend_name(backend),
                variable=ENV_VAR,
            )
        )
    return backend


def _only_fail(backend: KeyringBackend) -> bool:
    children = getattr(backend, "backends", None)
    return children is not None and not children


def _backend_name(backend: KeyringBackend) -> str:
    return getattr(backend, "name", type(backend).__name__)
