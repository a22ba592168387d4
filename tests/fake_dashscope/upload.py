"""Temporary storage: getPolicy credentials and the OSS PostObject form upload.

The form is parsed as it streams in: small fields are kept, the ``file`` part
goes straight to disk in 1 MiB pieces, so a 2 GB upload never sits in memory.
Checks are the ones OSS makes: signature, policy expiry, the key inside the
granted directory, the size range, no overwrite, and ``file`` as the last field.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from tests.fake_dashscope.clock import Clock
from tests.fake_dashscope.config import EmulatorConfig
from tests.fake_dashscope.wire import hex_token, oss_error_xml, utc_date

ACCESS_KEY_ID = "LTAI5tEmulatorKeyId"
BUCKET_PREFIX = "dashscope-instant"
CHUNK = 1 << 20
MAX_FIELD_BYTES = 64 * 1024
REQUIRED_FIELDS = ("OSSAccessKeyId", "Signature", "policy", "key")


@dataclass(frozen=True)
class Grant:
    upload_dir: str
    model: str
    expires_at: float
    max_bytes: int
    policy: str
    signature: str


@dataclass(frozen=True)
class StoredObject:
    key: str
    path: Path | None  # None when uploads are counted, not kept
    size: int
    model: str
    expires_at: float

    @property
    def oss_url(self) -> str:
        return f"oss://{self.key}"


@dataclass(frozen=True)
class UploadAnswer:
    status: int
    body: bytes = b""
    content_type: str = "application/xml"


class UploadRefused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class ObjectStore:
    def __init__(self, root: Path, clock: Clock, config: EmulatorConfig) -> None:
        self._root = root
        self._clock = clock
        self._config = config
        self._secret = hex_token(16).encode()
        self._lock = threading.Lock()
        self._grants: dict[str, Grant] = {}  # by policy string
        self._objects: dict[str, StoredObject] = {}

    # getPolicy -----------------------------------------------------------------------
    def grant(self, model: str, upload_host: str) -> dict[str, Any]:
        now = self._clock.now()
        expires_at = now + self._config.policy_expire_s
        upload_dir = f"{BUCKET_PREFIX}/{hex_token(16)}/{utc_date(now)}/{hex_token(8)}"
        max_bytes = self._config.max_upload_mb * 1024 * 1024
        expiration = datetime.fromtimestamp(expires_at, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        document = {
            "expiration": expiration,
            "conditions": [
                ["content-length-range", 0, max_bytes],
                ["starts-with", "$key", upload_dir],
                {"bucket": "dashscope-file-emulator"},
                {"x-oss-object-acl": "private"},
                {"x-oss-forbid-overwrite": "true"},
            ],
        }
        policy = base64.b64encode(json.dumps(document).encode()).decode()
        signature = self._sign(policy)
        with self._lock:
            self._grants[policy] = Grant(
                upload_dir, model, expires_at, max_bytes, policy, signature
            )
        return {
            "policy": policy,
            "signature": signature,
            "upload_dir": upload_dir,
            "upload_host": upload_host,
            "expire_in_seconds": self._config.policy_expire_s,
            "max_file_size_mb": self._config.max_upload_mb,
            "capacity_limit_mb": 999999999,
            "oss_access_key_id": ACCESS_KEY_ID,
            "x_oss_object_acl": "private",
            "x_oss_forbid_overwrite": "true",
        }

    def _sign(self, policy: str) -> str:
        digest = hmac.new(self._secret, policy.encode(), hashlib.sha1).digest()
        return base64.b64encode(digest).decode()

    # PostObject ----------------------------------------------------------------------
    def receive(self, read: Callable[[int], bytes], content_type: str) -> UploadAnswer:
        match = re.search(r'boundary="?([^";]+)"?', content_type or "")
        if not content_type.startswith("multipart/form-data") or not match:
            _drain(read)
            return _refusal(
                400,
                "InvalidArgument",
                "The body of your POST request is not well-formed multipart/form-data.",
            )
        form = _Form(self, match.group(1).encode())
        try:
            _parse_multipart(read, form.boundary, form)
            return form.finish()
        except UploadRefused as refused:
            form.discard()
            _drain(read)
            return _refusal(refused.status, refused.code, refused.message)

    def check_grant(self, fields: dict[str, str]) -> Grant:
        missing = [name for name in REQUIRED_FIELDS if name not in fields]
        if missing:
            raise UploadRefused(
                400, "InvalidArgument", f"Missing form field(s) before file: {', '.join(missing)}"
            )
        if fields["OSSAccessKeyId"] != ACCESS_KEY_ID:
            raise UploadRefused(
                403,
                "InvalidAccessKeyId",
                "The OSS Access Key Id you provided does not exist in our records.",
            )
        with self._lock:
            grant = self._grants.get(fields["policy"])
        if grant is None or not hmac.compare_digest(grant.signature, fields["Signature"]):
            raise UploadRefused(
                403,
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided.",
            )
        if self._clock.now() > grant.expires_at:
            raise UploadRefused(403, "AccessDenied", "Invalid according to Policy: Policy expired.")
        if not fields["key"].startswith(grant.upload_dir + "/"):
            raise UploadRefused(
                403,
                "AccessDenied",
                "Invalid according to Policy: Policy"
                f' Condition failed: ["starts-with", "$key", "{grant.upload_dir}"]',
            )
        with self._lock:
            if fields["key"] in self._objects and fields.get("x-oss-forbid-overwrite") == "true":
                raise UploadRefused(
                    409,
                    "FileAlreadyExists",
                    "The object you specified already exists and can not be overwritten.",
                )
        return grant

    def object_path(self, key: str) -> Path | None:
        if not self._config.store_uploads:
            return None
        path = self._root / hashlib.sha256(key.encode()).hexdigest()[:32]
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def store(self, obj: StoredObject) -> None:
        with self._lock:
            self._objects[obj.key] = obj

    def lookup(self, key: str) -> StoredObject | None:
        with self._lock:
            return self._objects.get(key)

    def objects(self) -> list[StoredObject]:
        with self._lock:
            return list(self._objects.values())


class _Form:
    """Collects the fields and writes the file part while the parser feeds it."""

    def __init__(self, store: ObjectStore, boundary: bytes) -> None:
        self.store = store
        self.boundary = boundary
        self.fields: dict[str, str] = {}
        self.order: list[str] = []
        self._field = bytearray()
        self._name = ""
        self._file: BinaryIO | None = None
        self._path: Path | None = None
        self._grant: Grant | None = None
        self._size = 0
        self._too_large = False
        self._has_file = False

    def start(self, name: str, filename: str | None) -> None:
        if self._has_file:
            raise UploadRefused(
                400, "InvalidArgument", "The file field must be the last field of the form."
            )
        self.order.append(name)
        self._name = name
        self._field.clear()
        if name != "file":
            return
        self._has_file = True
        self._grant = self.store.check_grant(self.fields)
        self._path = self.store.object_path(self.fields["key"])
        if self._path is not None:
            self._file = self._path.open("wb")

    def data(self, chunk: bytes) -> None:
        if self._name != "file":
            self._field += chunk
            if len(self._field) > MAX_FIELD_BYTES:
                raise UploadRefused(400, "InvalidArgument", f"Form field {self._name} too long.")
            return
        self._size += len(chunk)
        assert self._grant is not None
        if self._size > self._grant.max_bytes:
            self._too_large = True
        elif self._file is not None:
            self._file.write(chunk)

    def end(self) -> None:
        if self._name != "file":
            self.fields[self._name] = self._field.decode("utf-8", "replace")

    def finish(self) -> UploadAnswer:
        if self._file is not None:
            self._file.close()
        if not self._has_file:
            raise UploadRefused(400, "InvalidArgument", "The form has no file field.")
        assert self._grant is not None
        if self._too_large:
            self.discard()
            return _refusal(
                400,
                "EntityTooLarge",
                "Your proposed upload exceeds the maximum allowed size defined in the policy.",
            )
        key = self.fields["key"]
        self.store.store(
            StoredObject(
                key,
                self._path,
                self._size,
                self._grant.model,
                self.store._clock.now() + self.store._config.oss_url_lifetime_s,
            )
        )
        status = 200 if self.fields.get("success_action_status") == "200" else 204
        return UploadAnswer(status)

    def discard(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        if self._path is not None:
            self._path.unlink(missing_ok=True)


def _refusal(status: int, code: str, message: str) -> UploadAnswer:
    return UploadAnswer(status, oss_error_xml(code, message))


def _drain(read: Callable[[int], bytes]) -> None:
    while read(CHUNK):
        pass


_DISPOSITION = re.compile(r'(\w+)="([^"]*)"')


def _parse_multipart(read: Callable[[int], bytes], boundary: bytes, form: _Form) -> None:
    """Stream a multipart body into ``form`` (start/data/end per part)."""
    separator = b"\r\n--" + boundary
    buffer = bytearray(b"\r\n")  # the first boundary has no CRLF before it
    eof = False

    def fill() -> bool:
        nonlocal eof
        if eof:
            return False
        chunk = read(CHUNK)
        if not chunk:
            eof = True
            return False
        buffer.extend(chunk)
        return True

    # Preamble up to the first boundary.
    while (index := buffer.find(separator)) < 0:
        if not fill():
            raise UploadRefused(400, "InvalidArgument", "No multipart boundary found.")
    del buffer[: index + len(separator)]
    while True:
        while len(buffer) < 2 and fill():
            pass
        if buffer[:2] == b"--":
            _drain(read)
            return
        while (head_end := buffer.find(b"\r\n\r\n")) < 0:
            if not fill() or len(buffer) > MAX_FIELD_BYTES:
                raise UploadRefused(400, "InvalidArgument", "Malformed multipart part headers.")
        headers = bytes(buffer[2:head_end]).decode("utf-8", "replace")
        del buffer[: head_end + 4]
        disposition = next(
            (
                line
                for line in headers.split("\r\n")
                if line.lower().startswith("content-disposition")
            ),
            "",
        )
        params = dict(_DISPOSITION.findall(disposition))
        form.start(params.get("name", ""), params.get("filename"))
        while True:
            index = buffer.find(separator)
            if index >= 0:
                form.data(bytes(buffer[:index]))
                del buffer[: index + len(separator)]
                break
            keep = len(separator) - 1
            if len(buffer) > keep:
                form.data(bytes(buffer[:-keep]))
                del buffer[:-keep]
            if not fill():
                raise UploadRefused(400, "InvalidArgument", "The multipart body ended early.")
        form.end()
