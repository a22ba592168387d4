"""One request as the emulator sees it, its answer, and its record for assertions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fake_dashscope.http_body import RequestBody
from tests.fake_dashscope.wire import error_body


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the emulator saw it (for assertions on traffic)."""

    time: float
    method: str
    path: str  # with the query string
    route: str
    status: int | None  # None: the connection was dropped without an answer
    headers: dict[str, str]
    body: Any = None  # parsed JSON of API POSTs; None for uploads and GETs
    fault: str | None = None

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)

    @property
    def query(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()}


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, status: int, document: Any, headers: dict[str, str] | None = None) -> Response:
        body = json.dumps(document, ensure_ascii=False).encode("utf-8")
        return cls(status, body, "application/json", headers or {})

    @classmethod
    def error(cls, status: int, code: str, message: str) -> Response:
        return cls.json(status, error_body(code, message))


class Refused(Exception):
    """A request refused with an error response (raised anywhere in a handler)."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response


def refuse(status: int, code: str, message: str) -> Refused:
    return Refused(Response.error(status, code, message))


@dataclass
class Exchange:
    """One request being served."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: RequestBody
    json: Any = None

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)
