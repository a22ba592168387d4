"""Temporary upload of local files: the getPolicy credential and the streamed form POST.

A 2 GB recording must never sit in memory, so the multipart body is written
by hand as an async stream: the form fields, then the file read from disk in
1 MiB chunks (``file`` must be the last field), then the closing boundary.
Its exact length is known up front, so the POST carries ``Content-Length``
(object storage refuses chunked uploads).

A policy serves many files until shortly before it expires, so a batch asks
for one; when the storage says it expired after all, a new one is fetched
and the file sent again at once. The storage answers refusals in its own XML
shape (:func:`read_oss_error`), which result downloads share.
"""

from __future__ import annotations

import asyncio
import mimetypes
import time
import uuid
import xml.etree.ElementTree as ElementTree
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import msgspec

from desktop.dashscope.errors import (
    DashScopeError,
    InvalidParameterError,
    MalformedResponseError,
    NetworkError,
    OptionRefused,
    RequestTimeout,
    ServerError,
    UploadPolicyExpired,
    read_error_body,
)
from desktop.dashscope.file_urls import safe_object_name
from desktop.dashscope.ratelimit import RateLimits
from desktop.dashscope.retry import RetryPolicy, Sleep, TryAgain, retrying
from desktop.dashscope.transport import Transport
from desktop.domain import catalog

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


class Uploads:
    """Uploads of one client: a policy per model, the file POSTs and their retries."""

    def __init__(
        self, transport: Transport, limits: RateLimits, *, retry: RetryPolicy, sleep: Sleep
    ) -> None:
        self._transport = transport
        self._limits = limits
        self._retry = retry
        self._sleep = sleep
        self._policies: dict[str, UploadPolicy] = {}
        self._policy_lock = asyncio.Lock()

    async def upload(
        self, model: str, path: Path, on_progress: ProgressCallback | None
    ) -> UploadedFile:
        """Stream ``path`` to the temporary storage; see ``DashScopeClient.upload``.

        A failure to get a policy is not retried here (the API call retried it
        already); a POST that failed in passing is, with a fresh object name.
        """
        size = file_size(path, model)

        async def attempt() -> UploadedFile:
            policy = await self._policy(model)
            _check_size(policy, path, size, model)
            key = f"{policy.upload_dir}/{safe_object_name(path.name)}"
            try:
                await self._post_file(policy, key, path, size, on_progress)
            except UploadPolicyExpired as exc:
                self._forget_policy(policy)
                raise TryAgain(exc, retry_after=0.0) from None  # a fresh policy fixes it
            except DashScopeError as exc:
                if not exc.retryable:
                    raise
                raise TryAgain(exc) from None
            return UploadedFile(
                oss_url=f"oss://{key}",
                expires_at=datetime.now(UTC) + OSS_URL_LIFETIME,
                size=size,
                model=model,
            )

        return await retrying(attempt, self._retry, self._sleep, what=f"upload of {path.name}")

    async def _policy(self, model: str) -> UploadPolicy:
        """A policy for ``model``, reused until it is about to expire."""
        async with self._policy_lock:
            policy = self._policies.get(model)
            if policy is not None and policy.usable():
                return policy
            policy = await self._transport.call(
                "GET",
                "/uploads",
                params={"action": "getPolicy", "model": model},
                bucket=self._limits.upload_policy(model),
                decode=lambda body: decode_policy(body, model),
            )
            self._policies[model] = policy
            return policy

    def _forget_policy(self, policy: UploadPolicy) -> None:
        if self._policies.get(policy.model) is policy:
            del self._policies[policy.model]

    async def _post_file(
        self,
        policy: UploadPolicy,
        key: str,
        path: Path,
        size: int,
        on_progress: ProgressCallback | None,
    ) -> None:
        form = MultipartUpload(policy, key, path, size, on_progress)
        headers = {
            "Content-Type": form.content_type,
            "Content-Length": str(form.content_length),
            "Accept": "application/json",
        }
        try:
            response = await self._transport.uploads.post(
                policy.upload_host,
                content=form.stream(),
                headers=headers,
                timeout=httpx.Timeout(120.0, connect=15.0),
            )
        except httpx.TimeoutException as exc:
            raise RequestTimeout(
                f"upload of {path.name} timed out ({exc})", code="Timeout"
            ) from None
        except httpx.TransportError as exc:
            raise NetworkError(
                f"upload of {path.name} failed: {exc}", code="NetworkError"
            ) from None
        if response.status_code in (200, 201, 204):
            return
        raise oss_error(response, path.name)


def file_size(path: Path, model: str) -> int:
    """The size of a file the service can take, or a refusal naming the file."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise OptionRefused(
            f"{path}: cannot read the file ({exc.strerror or exc})",
            code="FileUnreadable",
            advice="Check that the file still exists and can be read, then add it again.",
        ) from None
    limit = catalog.get(model).max_file_bytes if model in {m.name for m in catalog.MODELS} else None
    if limit is not None and size > limit:
        raise OptionRefused(
            f"{path.name}: {size / 1024**3:.2f} GB is more than the service's 2 GB limit",
            code="FileTooLarge",
            advice="Split the recording or compress it before transcribing.",
        )
    if size == 0:
        raise OptionRefused(f"{path.name} is empty", code="FileEmpty")
    return size


def _check_size(policy: UploadPolicy, path: Path, size: int, model: str) -> None:
    """Refuse, before sending, a file larger than this policy lets the storage take."""
    if policy.max_file_bytes is not None and size > policy.max_file_bytes:
        raise OptionRefused(
            f"{path.name}: {size / 1024**2:.0f} MB is more than the "
            f"{policy.max_file_bytes / 1024**2:.0f} MB the temporary upload takes "
            f"for {model}",
            code="FileTooLarge",
            advice="Shorten or compress the file, or give a public URL instead.",
        )


def oss_error(response: httpx.Response, name: str) -> DashScopeError:
    """The typed error for the storage refusing the upload of the file ``name``."""
    code, message, request_id = read_oss_error(response.content)
    status = response.status_code
    text = f"upload of {name} refused: {message or code or 'HTTP ' + str(status)}"
    if status == 403 and "expired" in message.lower():
        return UploadPolicyExpired(text, code=code, request_id=request_id, status=status)
    if code == "FileAlreadyExists":
        # A random prefix makes this near impossible; a new name on retry fixes it.
        return ServerError(text, code=code, request_id=request_id, status=status)
    if code == "EntityTooLarge":
        return InvalidParameterError(
            text,
            code=code,
            request_id=request_id,
            status=status,
            advice="The file is larger than the temporary upload takes; give a public URL instead.",
        )
    cls = ServerError if status >= 500 or status == 429 else InvalidParameterError
    return cls(text, code=code or "UploadFailed", request_id=request_id, status=status)


_OSS_FIELDS = ("Code", "Message", "RequestId")


def read_oss_error(body: bytes) -> tuple[str, str, str | None]:
    """``(code, message, request_id)`` of an object-storage error reply.

    The storage answers ``<Error><Code>…</Code><Message>…</Message>
    <RequestId>…</RequestId></Error>``. The XML is read element by element, so
    a reply cut short still gives the fields it completed (an expired policy
    is still seen as expired and replaced); fields are matched by local name,
    so a namespace does not hide them. A gateway in front of the storage may
    answer DashScope's JSON instead, or something unreadable (HTML): then the
    fields are empty and the caller's message falls back to the HTTP status.
    """
    fields = _xml_fields(body)
    if not fields:
        return read_error_body(body)
    return fields.get("Code", ""), fields.get("Message", ""), fields.get("RequestId") or None


def _xml_fields(body: bytes) -> dict[str, str]:
    parser = ElementTree.XMLPullParser(events=("end",))
    fields: dict[str, str] = {}
    try:
        parser.feed(body)
        for _event, element in parser.read_events():
            name = element.tag.rpartition("}")[2]
            if name in _OSS_FIELDS and name not in fields:
                fields[name] = " ".join((element.text or "").split())
    except ElementTree.ParseError:
        pass  # not XML, or cut short: what was complete before stays
    return fields
