"""Temporary upload of local files: the getPolicy credential and the streamed form POST.

A 2 GB recording must never sit in memory, so the multipart body is written
by hand as an async stream: the form fields, then the file read from disk in
1 MiB chunks (``file`` must be the last field), then the closing boundary.
Its exact length is known up front, so the POST carries ``Content-Length``
(object storage refuses chunked uploads).
"""

from __future__ import annotations

import asyncio
import mimetypes
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import msgspec

from desktop.dashscope.errors import MalformedResponseError

CHUNK_BYTES = 1024 * 1024
OSS_URL_LIFETIME = timedelta(hours=48)
# A policy is not reused when this little of its life is left.
POLICY_MARGIN_S = 15.0

ProgressCallback = Callable[[int, int], None]


class _RawPolicy(msgspec.Struct, kw_only=True):
    policy: str
    signature: str
    upload_dir: str
    upload_host: str
    expire_in_seconds: int | float | str
    oss_access_key_id: str
    max_file_size_mb: int | float | str | None = None
    capacity_limit_mb: int | float | str | None = None
    x_oss_object_acl: str = "private"
    x_oss_forbid_overwrite: str = "true"


class _RawPolicyReply(msgspec.Struct, kw_only=True):
    data: _RawPolicy
    request_id: str | None = None


@dataclass(frozen=True)
class UploadPolicy:
    """One getPolicy credential; several files may be uploaded with it until it expires."""

    model: str
    policy: str
    signature: str
    upload_dir: str
    upload_host: str
    oss_access_key_id: str
    acl: str
    forbid_overwrite: str
    max_file_bytes: int | None
    expires_at_monotonic: float

    def usable(self, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        return now < self.expires_at_monotonic - POLICY_MARGIN_S


@dataclass(frozen=True)
class UploadedFile:
    oss_url: str  # oss://..., valid 48 h, only with the same model and account
    expires_at: datetime
    size: int
    model: str = ""


def decode_policy(body: bytes, model: str, *, now: float | None = None) -> UploadPolicy:
    try:
        raw = msgspec.json.decode(body, type=_RawPolicyReply).data
        lifetime = float(raw.expire_in_seconds)
        max_mb = float(raw.max_file_size_mb) if raw.max_file_size_mb is not None else None
    except (msgspec.DecodeError, msgspec.ValidationError, ValueError) as exc:
        raise MalformedResponseError(
            f"unreadable upload policy ({exc})", code="Malformed"
        ) from None
    started = time.monotonic() if now is None else now
    return UploadPolicy(
        model=model,
        policy=raw.policy,
        signature=raw.signature,
        upload_dir=raw.upload_dir.rstrip("/"),
        upload_host=raw.upload_host,
        oss_access_key_id=raw.oss_access_key_id,
        acl=raw.x_oss_object_acl,
        forbid_overwrite=raw.x_oss_forbid_overwrite,
        max_file_bytes=int(max_mb * 1024 * 1024) if max_mb is not None else None,
        expires_at_monotonic=started + lifetime,
    )


class MultipartUpload:
    """The form POST body for one file, streamed; re-iterable for retries."""

    def __init__(
        self,
        policy: UploadPolicy,
        key: str,
        path: Path,
        size: int,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self.path = path
        self.size = size
        self._on_progress = on_progress
        self.boundary = uuid.uuid4().hex
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        fields = [
            ("OSSAccessKeyId", policy.oss_access_key_id),
            ("Signature", policy.signature),
            ("policy", policy.policy),
            ("key", key),
            ("x-oss-object-acl", policy.acl),
            ("x-oss-forbid-overwrite", policy.forbid_overwrite),
            ("success_action_status", "200"),
            ("x-oss-content-type", content_type),
        ]
        head = b"".join(self._field(name, value) for name, value in fields)
        filename = key.rsplit("/", 1)[-1]
        head += (
            f"--{self.boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        ).encode()
        self._head = head
        self._tail = f"\r\n--{self.boundary}--\r\n".encode()

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    @property
    def content_length(self) -> int:
        return len(self._head) + self.size + len(self._tail)

    async def stream(self) -> AsyncIterator[bytes]:
        """The body in pieces of about a chunk: the form head rides with the first
        piece and the closing boundary with the last, so the body of a short file
        is one socket write instead of three (each write wakes the server)."""
        sent = 0
        self._report(0)
        prefix = self._head
        with self.path.open("rb") as handle:
            while sent < self.size:
                chunk = await asyncio.to_thread(handle.read, min(CHUNK_BYTES, self.size - sent))
                if not chunk:
                    raise OSError(f"{self.path} became shorter while uploading")
                sent += len(chunk)
                suffix = self._tail if sent >= self.size else b""
                yield b"".join((prefix, chunk, suffix))
                prefix = b""
                self._report(sent)
        if self.size == 0:
            yield self._head + self._tail

    def _report(self, sent: int) -> None:
        if self._on_progress is not None:
            self._on_progress(sent, self.size)

    def _field(self, name: str, value: str) -> bytes:
        return (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        ).encode()
