"""File URLs as the service needs them.

The service downloads each ``file_urls`` entry itself and fails the subtask
with ``InvalidFile.DownloadFailed`` when the URL has raw spaces or CJK
characters, so they are percent-encoded here (existing ``%XX`` escapes are
kept, never encoded twice). Local paths and data URLs are refused with a
message that points at the upload instead.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from pathlib import PurePath
from urllib.parse import quote, urlsplit, urlunsplit

from desktop.dashscope.errors import OptionRefused

_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = "%:@!$&'()*+,;=-._~/?"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def encode_file_url(url: str) -> str:
    """The URL with spaces, CJK and other unsafe characters percent-encoded."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme == "oss":
        return text
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise OptionRefused(
            f"{url!r} is not an http(s) URL the service can download; "
            "add local files as files so they are uploaded first",
            code="InvalidFileUrl",
        )
    host = parts.netloc
    try:
        host.encode("ascii")
    except UnicodeEncodeError:
        host = _idna_netloc(parts)
    return urlunsplit(
        (
            parts.scheme,
            host,
            _quote(parts.path, _PATH_SAFE),
            _quote(parts.query, _QUERY_SAFE),
            "",
        )
    )


def safe_object_name(filename: str) -> str:
    """A unique object-key name of ASCII letters, digits, ``.``, ``_`` and ``-``.

    The extension is kept (the service guesses the format from it); a short
    random prefix keeps two files of the same name apart, because the upload
    policy forbids overwriting.
    """
    name = PurePath(filename).name
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem, dot, ext = folded.rpartition(".")
    if not dot:
        stem, ext = folded, ""
    stem = _UNSAFE_NAME.sub("_", stem).strip("._-")[:80] or "file"
    ext = _UNSAFE_NAME.sub("", ext)[:10].lower()
    token = uuid.uuid4().hex[:8]
    return f"{token}_{stem}.{ext}" if ext else f"{token}_{stem}"


def _quote(text: str, safe: str) -> str:
    return quote(_STRAY_PERCENT.sub("%25", text), safe=safe)


def _idna_netloc(parts: object) -> str:
    hostname = getattr(parts, "hostname", "") or ""
    port = getattr(parts, "port", None)
    host = hostname.encode("idna").decode("ascii")
    return f"{host}:{port}" if port else host
