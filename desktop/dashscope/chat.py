"""The OpenAI-compatible chat endpoint: Qwen-MT and Qwen chat models with the same key.

The compatible endpoint lives on the same host as the job endpoint:
``…/api/v1`` → ``…/compatible-mode/v1`` for Beijing, Singapore, a workspace
host, a proxy and the emulator alike, so whatever chose the job endpoint
(``TINGXIE_ENDPOINT``, ``--endpoint``, Settings) chooses this one too.

Errors come in the compatible shape ``{"error": {"code", "message", "type"},
"request_id"}`` (``dashscope-protocol-qwen.md`` §B.2) and are mapped to the
client's typed errors, plus two of this endpoint's own: content the service's
inspection refuses, and an answer cut off at the token limit (which was paid
for, so its usage travels with the error). The key is sent only in the
``Authorization`` header and never logged or put in an error.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

import httpx

from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.errors import (
    AuthError,
    DashScopeError,
    InvalidParameterError,
    MalformedResponseError,
    ModelUnavailableError,
    NetworkError,
    QuotaError,
    RequestTimeout,
    ServerError,
    ThrottledError,
    read_error_body,
)
from desktop.dashscope.retry import retry_after_seconds
from desktop.domain.messages import template
from desktop.domain.translation import TokenUsage

log = logging.getLogger(__name__)

CHAT_COMPLETIONS = "/chat/completions"
DEFAULT_TIMEOUT_S = 120.0


def compatible_base_url(endpoint: Endpoint | str) -> str:
    """The OpenAI-compatible base URL on the job endpoint's host."""
    base = (endpoint.base_url if isinstance(endpoint, Endpoint) else endpoint).rstrip("/")
    if not base.endswith("/api/v1"):
        raise ValueError(
            f"endpoint {base!r} does not end in /api/v1, so the translation endpoint"
            " (/compatible-mode/v1 on the same host) cannot be found; give the endpoint"
            " as https://HOST/api/v1"
        )
    return base.removesuffix("/api/v1") + "/compatible-mode/v1"


@dataclass(frozen=True)
class ChatReply:
    content: str
    finish_reason: str
    usage: TokenUsage
    request_id: str | None
    model: str


class ContentRefusedError(InvalidParameterError):
    """The service's content inspection refused the input or its own output."""

    default_advice = template(
        "The service refused to translate this text; translate it by hand or reword it."
    )


class TruncatedReplyError(DashScopeError):
    """The model stopped at its token limit (``finish_reason: length``); the tokens are paid."""

    default_advice = template(
        "The answer was cut off at the model's limit; send less text at once."
    )

    def __init__(self, message: str, *, reply: ChatReply, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.reply = reply


class ChatThrottledError(ThrottledError):
    """429: over the model's RPM or TPM; ``retry_after`` in seconds when the service says."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


class ChatClient:
    """Async calls to ``POST {compatible}/chat/completions``; one instance per run."""

    def __init__(
        self,
        endpoint: Endpoint | str,
        api_key: str,
        *,
        http: httpx.AsyncClient | None = None,
        timeout: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.base_url = compatible_base_url(endpoint)
        self._api_key = api_key
        self._own_http = http is None
        self._http = http or httpx.AsyncClient(timeout=timeout, trust_env=True)

    def __repr__(self) -> str:
        return f"ChatClient({self.base_url!r})"  # never the key

    async def aclose(self) -> None:
        if self._own_http:
            await self._http.aclose()

    async def __aenter__(self) -> ChatClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def complete(self, body: dict[str, Any]) -> ChatReply:
        """One non-streamed completion; a typed ``DashScopeError`` on any failure."""
        model = str(body.get("model", ""))
        try:
            response = await self._http.post(
                self.base_url + CHAT_COMPLETIONS,
                json=body,
                headers={"Authorization": f"Bearer {self._api_key}"},
            )
        except httpx.TimeoutException:
            raise RequestTimeout(
                f"{model}: the translation service did not answer in time"
            ) from None
        except httpx.TransportError as error:
            raise NetworkError(
                f"{model}: cannot reach the translation service ({type(error).__name__})"
            ) from None
        if response.status_code != 200:
            raise chat_error(response, model)
        reply = _read_reply(response, model)
        log.info(
            "chat %s: %s, %d+%d tokens, request %s",
            model, reply.finish_reason, reply.usage.prompt_tokens,
            reply.usage.completion_tokens, reply.request_id,
        )  # fmt: skip
        if reply.finish_reason == "length":
            raise TruncatedReplyError(
                f"{model}: the answer was cut off at the model's output limit",
                reply=reply,
                code="length",
                request_id=reply.request_id,
                status=200,
            )
        return reply


_REFUSED = {"data_inspection_failed", "DataInspectionFailed"}
_QUOTA = {"Arrearage"}
_MODEL = {"model_not_found", "model_not_supported", "access_denied"}


def chat_error(response: httpx.Response, model: str) -> DashScopeError:
    """The typed error for a non-200 answer of the compatible endpoint."""
    status = response.status_code
    code, message, request_id = _error_fields(response.content)
    message = f"{model}: {message or f'HTTP {status}'}"
    kw: dict[str, Any] = {"code": code or "Unknown", "request_id": request_id, "status": status}
    if status == 401 or code in ("invalid_api_key", "InvalidApiKey"):
        return AuthError(message, **kw)
    if code in _QUOTA:
        return QuotaError(message, **kw)
    if status == 429 or code.startswith("limit_") or code.startswith("Throttling"):
        return ChatThrottledError(message, retry_after=retry_after_seconds(response), **kw)
    if code in _REFUSED:
        return ContentRefusedError(message, **kw)
    if code in _MODEL or status in (403, 404):
        return ModelUnavailableError(message, **kw)
    if status >= 500:
        return ServerError(message, **kw)
    return InvalidParameterError(message, **kw)


def _error_fields(body: bytes) -> tuple[str, str, str | None]:
    """``code, message, request_id`` of the compatible shape, or of the DashScope shape."""
    try:
        data = json.loads(body)
    except ValueError:
        return "", "", None
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict):
        rid = data.get("request_id") or data.get("id")
        return (
            str(error.get("code") or error.get("type") or ""),
            str(error.get("message") or "").strip(),
            str(rid) if rid else None,
        )
    return read_error_body(body)


def _read_reply(response: httpx.Response, model: str) -> ChatReply:
    try:
        data = response.json()
        choice = data["choices"][0]
        content = choice["message"].get("content") or ""
        finish = str(choice.get("finish_reason") or "stop")
        usage = data.get("usage") or {}
        tokens = TokenUsage(
            int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
        )
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise MalformedResponseError(
            f"{model}: the translation service sent a reply the app cannot read", status=200
        ) from None
    rid = data.get("request_id") or data.get("id")
    return ChatReply(str(content), finish, tokens, str(rid) if rid else None, model)
