"""HTTP for the client: the connection pools and one DashScope API call.

An API call passes its rate-limit bucket, carries the key and is retried by
the one rule of :mod:`desktop.dashscope.retry`. The key lives here only and
goes on API requests only: uploads and result downloads use signed storage
URLs and must never carry it, and no message is built from request headers.

A request that is not safe to repeat (a submit, a vocabulary create) and
failed in a way that leaves open whether it arrived raises :class:`MaybeSent`
instead of being sent again: the caller finds out from the service first.
"""

from __future__ import annotations

import json as jsonlib
import ssl
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx

from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.errors import (
    DashScopeError,
    MalformedResponseError,
    NetworkError,
    RequestTimeout,
    error_from_response,
)
from desktop.dashscope.ratelimit import TokenBucket
from desktop.dashscope.retry import RetryPolicy, Sleep, TryAgain, retry_after_seconds, retrying

Hook = Callable[[httpx.Request], Any]


class MaybeSent(Exception):
    """A non-idempotent request failed in a way that leaves open whether it arrived."""

    def __init__(self, error: DashScopeError) -> None:
        super().__init__(str(error))
        self.error = error


class Transport:
    """Three connection pools (API calls, uploads, result downloads) and the API call.

    Each kind of traffic gets a pool of its own: httpcore scans every connection
    of a pool (a socket check each) whenever a request starts or ends, so one
    pool shared by a queue's uploads, downloads and polls costs more CPU per
    request than three small ones. A caller's ``http`` client serves all three.
    """

    def __init__(
        self,
        endpoint: Endpoint,
        api_key: str,
        *,
        http: httpx.AsyncClient | None,
        retry: RetryPolicy,
        sleep: Sleep,
    ) -> None:
        self._endpoint = endpoint
        self.__key = api_key
        self._retry = retry
        self._sleep = sleep
        self.request_count = 0  # every HTTP request sent, for benchmarks
        if http is None:
            tls = httpx.create_ssl_context()  # loading the CA bundle once, not per pool
            self.api, self.uploads, self.results = (_new_pool(tls, self._count) for _ in range(3))
        else:
            http.event_hooks["request"].append(self._count)
            self.api = self.uploads = self.results = http
        self._given = http

    async def _count(self, request: httpx.Request) -> None:
        """Runs as an httpx request hook: every request sent, retries included."""
        self.request_count += 1

    async def aclose(self) -> None:
        """Close the pools made here; a caller's client stays open, without our hook."""
        if self._given is not None:
            hooks = self._given.event_hooks["request"]
            if self._count in hooks:
                hooks.remove(self._count)
            return
        for pool in (self.api, self.uploads, self.results):
            await pool.aclose()

    async def call(
        self,
        method: str,
        path: str,
        *,
        bucket: TokenBucket | None = None,
        json: Any = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        idempotent: bool = True,
        decode: Callable[[bytes], Any] = bytes,
    ) -> Any:
        """One DashScope API call with rate limiting and retries; the decoded 2xx body.

        An unreadable 2xx body (cut short, not JSON) is retried like a network
        error when the call is safe to repeat; otherwise it is raised as it is,
        since the request did arrive.
        """
        url = self._endpoint.url(path)
        all_headers = {"Authorization": f"Bearer {self.__key}", **(headers or {})}

        async def attempt() -> Any:
            if bucket is not None:
                await bucket.acquire()
            try:
                response = await self.api.request(
                    method, url, json=json, params=params, headers=all_headers
                )
            except httpx.TransportError as exc:
                error = transport_error(exc, method, path)
                if not idempotent and may_have_arrived(exc):
                    raise MaybeSent(error) from None
                raise TryAgain(error) from None
            if response.is_success:
                try:
                    return decode(response.content)
                except MalformedResponseError as exc:
                    if not idempotent:
                        raise
                    raise TryAgain(exc) from None
            error = error_from_response(
                response.status_code,
                response.content,
                header_request_id=header_request_id(response),
            )
            if not error.retryable:
                raise error
            raise TryAgain(error, retry_after=retry_after_seconds(response))

        return await retrying(attempt, self._retry, self._sleep, what=f"{method} {path}")


def _new_pool(tls: ssl.SSLContext, count: Hook) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        verify=tls,
        timeout=httpx.Timeout(60.0, connect=15.0),
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        event_hooks={"request": [count]},
    )


def transport_error(exc: httpx.TransportError, method: str, what: str) -> DashScopeError:
    """The typed error for a request that got no answer; ``what`` must hold no secret."""
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return RequestTimeout(f"{method} {what} timed out ({detail})", code="Timeout")
    return NetworkError(f"{method} {what} failed: {detail}", code="NetworkError")


def may_have_arrived(exc: httpx.TransportError) -> bool:
    """False only when the request certainly never left (no connection was made)."""
    return not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def redacted(url: str) -> str:
    """A signed URL without its signature, for messages."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def header_request_id(response: httpx.Response) -> str | None:
    for name in ("x-request-id", "x-dashscope-request-id", "x-acs-request-id"):
        if value := response.headers.get(name):
            return value
    return None


def body_request_id(body: bytes) -> str | None:
    """The ``request_id`` of a JSON reply, if it has one."""
    try:
        value = jsonlib.loads(body).get("request_id")
    except (ValueError, AttributeError):
        return None
    return str(value) if value else None
