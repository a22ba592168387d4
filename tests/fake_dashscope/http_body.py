"""Reading a request body as a stream: Content-Length or chunked transfer coding."""

from __future__ import annotations

from typing import BinaryIO


class BodyTooLarge(Exception):
    pass


class RequestBody:
    def __init__(
        self, rfile: BinaryIO, content_length: str | None, transfer_encoding: str | None
    ) -> None:
        self._rfile = rfile
        self._chunked = "chunked" in (transfer_encoding or "").lower()
        self._remaining = 0 if self._chunked else int(content_length or 0)
        self._chunk_left = 0
        self._done = False
        self.received = 0

    def read(self, size: int) -> bytes:
        if self._done:
            return b""
        data = self._read_chunked(size) if self._chunked else self._read_plain(size)
        self.received += len(data)
        return data

    def _read_plain(self, size: int) -> bytes:
        if self._remaining <= 0:
            self._done = True
            return b""
        data = self._rfile.read(min(size, self._remaining))
        if not data:
            self._done = True
        self._remaining -= len(data)
        return data

    def _read_chunked(self, size: int) -> bytes:
        if self._chunk_left == 0:
            line = self._rfile.readline(1024)
            try:
                length = int(line.split(b";", 1)[0].strip() or b"0", 16)
            except ValueError:
                length = 0
            if length == 0:
                while self._rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass
                self._done = True
                return b""
            self._chunk_left = length
        data = self._rfile.read(min(size, self._chunk_left))
        if not data:
            self._done = True
            return b""
        self._chunk_left -= len(data)
        if self._chunk_left == 0:
            self._rfile.readline(16)
        return data

    def read_all(self, limit: int) -> bytes:
        parts = []
        total = 0
        while chunk := self.read(65536):
            total += len(chunk)
            if total > limit:
                self.drain()
                raise BodyTooLarge
            parts.append(chunk)
        return b"".join(parts)

    def drain(self) -> None:
        while self.read(1 << 20):
            pass

    @property
    def finished(self) -> bool:
        return self._done or (not self._chunked and self._remaining <= 0)
