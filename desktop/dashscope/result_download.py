"""Downloading a subtask's result file: streamed, capped, checked, fetched again if cut short.

A result URL is a signed storage link that expires (about 24 hours), so it
is fetched as soon as the task succeeds, without the DashScope key, and only
its path ever appears in a message (the signature is a credential). The size
is capped while streaming, so a broken or hostile reply cannot fill memory.
"""

from __future__ import annotations

import httpx

from desktop.dashscope.errors import (
    DashScopeError,
    MalformedResultError,
    ResultExpiredError,
    error_from_response,
)
from desktop.dashscope.retry import RetryPolicy, Sleep, TryAgain, retrying
from desktop.dashscope.transport import Transport, redacted, transport_error
from desktop.dashscope.upload import read_oss_error
from desktop.domain.transcript import Transcript
from desktop.formats import result_file


class ResultDownloads:
    """Result files fetched on the client's result pool, with its retry policy."""

    def __init__(self, transport: Transport, *, retry: RetryPolicy, sleep: Sleep) -> None:
        self._transport = transport
        self._retry = retry
        self._sleep = sleep

    async def fetch_transcript(self, url: str) -> tuple[bytes, Transcript]:
        """The result JSON and its transcript; a body cut short or garbled is fetched again,
        an expired link or a file over the cap is not (asking again cannot help)."""

        async def attempt() -> tuple[bytes, Transcript]:
            try:
                body = await self._download(url)
                return body, result_file.parse_result(body)
            except result_file.ResultFileError as exc:
                raise TryAgain(
                    MalformedResultError(f"result file is not valid: {exc}", code="MalformedResult")
                ) from None
            except DashScopeError as exc:
                if not exc.retryable:
                    raise
                raise TryAgain(exc) from None

        return await retrying(attempt, self._retry, self._sleep, what=f"GET {redacted(url)}")

    async def _download(self, url: str) -> bytes:
        """GET a result URL (no DashScope auth: it is a signed storage URL)."""
        cap = result_file.MAX_RESULT_BYTES  # read here, so a test can lower it
        try:
            async with self._transport.results.stream("GET", url) as response:
                if response.status_code in (403, 404, 410):
                    await response.aread()
                    raise _expired(response, url)
                if not response.is_success:
                    await response.aread()
                    raise error_from_response(
                        response.status_code, response.content, context="result download"
                    )
                declared = int(response.headers.get("content-length") or 0)
                if declared > cap:
                    raise _too_big(declared, cap)
                chunks: list[bytes] = []
                received = 0
                async for chunk in response.aiter_bytes():
                    received += len(chunk)
                    if received > cap:
                        raise _too_big(received, cap)
                    chunks.append(chunk)
                return b"".join(chunks)
        except httpx.TransportError as exc:
            raise transport_error(exc, "GET", redacted(url)) from None


def _expired(response: httpx.Response, url: str) -> ResultExpiredError:
    code, message, request_id = read_oss_error(response.content)
    return ResultExpiredError(
        f"result {redacted(url)} is no longer available "
        f"({message or 'HTTP ' + str(response.status_code)})",
        code=code or "ResultExpired",
        request_id=request_id,
        status=response.status_code,
    )


def _too_big(size: int, cap: int) -> MalformedResultError:
    return MalformedResultError(
        f"result file is larger than {cap // 1024**2} MB ({size} bytes); refused",
        code="ResultTooLarge",
    )
