"""The trail: a rotating ``tingxie.log`` in the data folder, with every API key blotted out.

A double-clicked app has no terminal, so what went wrong must be on disk:
the log keeps INFO and above (DEBUG with ``--debug``), at most a few MB in
``tingxie.log`` plus three older files. The log may be attached to a bug
report, so a filter on every handler Tingxie installs replaces the API key
wherever it shows: the message, its arguments, the traceback and the stack.
It knows the keys this process has seen (``remember_secret``, called by
``desktop.dashscope.credentials``) and anything shaped like a DashScope key.

No Qt here: the command line and the app install the same trail.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from pathlib import Path

from desktop import paths

LOG_NAME = "tingxie.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 3
REDACTED = "[redacted]"
_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"
# A DashScope key: "sk-" and at least 8 letters or digits (real ones have 32).
KEY_PATTERN = re.compile(r"sk-[A-Za-z0-9]{8,}")
# A signed URL's signature and temporary token (result downloads, uploads): anyone holding
# them can fetch the file until they expire, so they are blotted out too.
SIGNED_QUERY = re.compile(
    r"(?i)\b(signature|x-oss-signature|x-oss-security-token|security-token|x-amz-signature"
    r"|x-amz-security-token)=([^&\s\"'<>]+)"
)

# ``extra=FILE_ONLY``: a record for the log file alone (a traceback the terminal must not show).
FILE_ONLY = {"file_only": True}

_secrets: set[str] = set()
_secrets_lock = threading.Lock()
_installed: list[logging.Handler] = []
_root_level: list[int] = []  # the root logger's level before install_logging, to restore


def remember_secret(secret: str) -> None:
    """Blot ``secret`` out of every log line and crash report from now on."""
    secret = secret.strip()
    if len(secret) >= 8:
        with _secrets_lock:
            _secrets.add(secret)


def redact(text: str) -> str:
    """``text`` with every remembered secret and every key-shaped word replaced."""
    with _secrets_lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:  # a key keeps its "sk-", as the shape rule below writes it
            shown = "sk-" + REDACTED if secret.startswith("sk-") else REDACTED
            text = text.replace(secret, shown)
    text = KEY_PATTERN.sub("sk-" + REDACTED, text)
    return SIGNED_QUERY.sub(lambda match: f"{match.group(1)}={REDACTED}", text)


class RedactingFilter(logging.Filter):
    """Formats the record's message, traceback and stack now, redacted, so no handler sees more.

    The record is changed in place (its ``args`` merged into ``msg``, its
    traceback turned into text), so a handler after this one cannot format
    the original arguments or exception again.
    """

    def __init__(self, formatter: logging.Formatter | None = None) -> None:
        super().__init__()
        self._formatter = formatter or logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the format: keep both, as text
            message = f"{record.msg!r} % {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info:
            if not record.exc_text:
                record.exc_text = self._formatter.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def log_path() -> Path:
    return paths.data_dir() / LOG_NAME


def install_logging(*, debug: bool = False, console: bool = False) -> Path | None:
    """Send this process's log to ``tingxie.log``; its path, or ``None`` if it cannot be written.

    ``console`` (the command line) also shows warnings on stderr, as before
    there was a log file, and everything with ``debug``. Calling it again
    replaces the handlers it installed (tests open a new data folder each time).
    """
    remove_logging()
    root = logging.getLogger()
    _root_level.append(root.level)
    level = logging.DEBUG if debug else logging.INFO
    root.setLevel(level)
    path: Path | None = None
    try:
        path = log_path()
        file_handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        print(
            f"warning: cannot write the log file {path or 'tingxie.log'}: {error}", file=sys.stderr
        )
        path = None
    else:
        _add(root, file_handler, level, logging.Formatter(_FORMAT))
    if console:
        terminal = logging.StreamHandler(sys.stderr)
        if not debug:  # with --debug a bug's traceback shows in the terminal too
            terminal.addFilter(lambda record: not getattr(record, "file_only", False))
        _add(root, terminal, level if debug else logging.WARNING, _TerminalFormatter())
    for noisy in ("httpcore", "hpack"):  # a line per socket event: only when asked for
        logging.getLogger(noisy).setLevel(logging.NOTSET if debug else logging.WARNING)
    return path


def remove_logging() -> None:
    """Take away what ``install_logging`` added (a command run inside a test's process)."""
    root = logging.getLogger()
    for handler in _installed:
        root.removeHandler(handler)
        handler.close()
    _installed.clear()
    if _root_level:
        root.setLevel(_root_level.pop())


class _TerminalFormatter(logging.Formatter):
    """``warning: …`` on stderr, like the command line's ``error: …`` lines."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {super().format(record)}"


def _add(
    root: logging.Logger, handler: logging.Handler, level: int, formatter: logging.Formatter
) -> None:
    handler.setLevel(level)
    handler.setFormatter(formatter)
    handler.addFilter(RedactingFilter(formatter))
    root.addHandler(handler)
    _installed.append(handler)
