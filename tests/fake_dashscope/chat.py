"""The OpenAI-compatible chat endpoint (``/compatible-mode/v1/chat/completions``).

Serves the text models of ``desktop.domain.translation_models`` as
``shared/docs/dashscope-protocol-qwen.md`` §B.1–B.2 and §C describe them:

- Qwen-MT (``qwen-mt-*``): exactly one ``user`` message, ``translation_options``
  with ``source_lang``/``target_lang`` (English name or code), ``terms``,
  ``domains``; each line of the message is pseudo-translated (``pseudo``),
  terms put in verbatim.
- chat models: the lines ``[n] text`` of the last user message's
  ``<subtitles>`` block come back as ``[n] translation`` (the emulated model
  follows the app's prompt); any other message comes back pseudo-translated whole.

Usage is counted with the app's token estimate (plus Qwen-MT's template
tokens), ``max_tokens`` cuts the answer with ``finish_reason: "length"``,
errors use the compatible shape ``{"error": {...}, "request_id"}``, the
per-model RPM is enforced per second (RPM/60, §B.3) and the TPM over the last
minute (429 ``insufficient_quota``, what the docs name for TPM). ``ChatScripts`` make
chosen requests misbehave: drop a line (wrong cue count), refuse content
(``data_inspection_failed``), cut the answer short, or answer a fixed text.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from desktop.domain import translation_models
from desktop.domain.translation import MT_TEMPLATE_TOKENS, estimate_tokens
from desktop.domain.translation_models import ModelKind, TextModel
from tests.fake_dashscope import pseudo
from tests.fake_dashscope.exchange import Refused, Response

if TYPE_CHECKING:
    from tests.fake_dashscope.config import EmulatorConfig
    from tests.fake_dashscope.ratelimit import RateLimiter

COMPATIBLE = "/compatible-mode/v1"
CHAT_PATH = COMPATIBLE + "/chat/completions"
_NUMBERED = re.compile(r"^\[(\d+)\] ?(.*)$")
_DOC = "For details, see: https://help.aliyun.com/zh/model-studio/error-code"


class ChatAction(StrEnum):
    WRONG_COUNT = "wrong-count"  # one line fewer than asked (when there are two or more)
    REFUSE_INPUT = "refuse-input"  # 400 data_inspection_failed, "Input data may contain ..."
    REFUSE_OUTPUT = "refuse-output"  # the same for the output
    TRUNCATE = "truncate"  # half the answer, finish_reason "length"
    REPLY = "reply"  # answer ``content`` verbatim


@dataclass
class ChatScript:
    action: ChatAction
    match: str | None = None  # a substring of the request's messages; None = every request
    count: int | None = None  # how many matching requests; None = every one
    content: str = ""
    fired: int = 0


class ChatScripts:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._scripts: list[ChatScript] = []

    def add(self, script: ChatScript) -> ChatScript:
        with self._lock:
            self._scripts.append(script)
        return script

    def clear(self) -> None:
        with self._lock:
            self._scripts.clear()

    def take(self, text: str, context: str = "") -> ChatScript | None:
        """The first script for a request; refusals also read ``context`` (Qwen-MT's
        ``domains``), as content inspection reads every part of a request."""
        with self._lock:
            for script in self._scripts:
                refusal = script.action in (ChatAction.REFUSE_INPUT, ChatAction.REFUSE_OUTPUT)
                seen = f"{text}\n{context}" if refusal else text
                if script.match is not None and script.match not in seen:
                    continue
                if script.count is not None and script.fired >= script.count:
                    continue
                script.fired += 1
                return script
        return None


def compat_error(status: int, code: str, message: str, kind: str | None = None) -> Refused:
    body = {
        "error": {"message": message, "type": kind or code, "param": None, "code": code},
        "request_id": str(uuid.uuid4()),
    }
    return Refused(Response.json(status, body))


class ChatService:
    def __init__(self, config: EmulatorConfig, limiter: RateLimiter) -> None:
        self.config = config
        self.limiter = limiter
        self.scripts = ChatScripts()
        self._lock = threading.Lock()
        self._billed: list[dict[str, int]] = []
        self._minute: dict[str, list[tuple[float, int]]] = {}  # model → (time, tokens)

    def billed(self) -> list[dict[str, int]]:
        """The usage of every answered request, in order: what the account was charged."""
        with self._lock:
            return list(self._billed)

    def authenticate(self, header: str | None, keys: set[str]) -> None:
        key = (header or "")[7:].strip() if (header or "").lower().startswith("bearer ") else ""
        if key not in keys:
            raise compat_error(
                401,
                "invalid_api_key",
                f"Incorrect API key provided. {_DOC}#apikey-error",
                "invalid_request_error",
            )

    def answer(self, body: Any) -> Response:
        if not isinstance(body, dict):
            raise compat_error(400, "invalid_request_error", "The request body must be JSON.")
        model = self._model(body.get("model"))
        self._throttle(model)
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise compat_error(
                400, "invalid_parameter_error", "messages must be a non-empty list.",
                "invalid_request_error",
            )  # fmt: skip
        text = "\n".join(str(m.get("content", "")) for m in messages if isinstance(m, dict))
        options = body.get("translation_options")
        domains = str(options.get("domains", "")) if isinstance(options, dict) else ""
        script = self.scripts.take(text, domains)
        if script is not None and script.action is ChatAction.REFUSE_INPUT:
            raise compat_error(
                400, "data_inspection_failed", "Input data may contain inappropriate content."
            )
        if script is not None and script.action is ChatAction.REFUSE_OUTPUT:
            raise compat_error(
                400, "data_inspection_failed", "Output data may contain inappropriate content."
            )
        if model.kind is ModelKind.MT:
            content = self._translate_mt(messages, body.get("translation_options"))
        else:
            content = self._translate_chat(messages)
        finish = "stop"
        if script is not None and script.action is ChatAction.REPLY:
            content = script.content
        elif script is not None and script.action is ChatAction.WRONG_COUNT:
            content = _drop_a_line(content)
        elif script is not None and script.action is ChatAction.TRUNCATE:
            content, finish = content[: len(content) // 2], "length"
        content, finish = self._limit(content, finish, model, body.get("max_tokens"))
        prompt = estimate_tokens(text) + _mt_prompt_extra(model, options)
        completion = estimate_tokens(content)
        self._wait(completion)
        with self._lock:
            self._billed.append({"prompt_tokens": prompt, "completion_tokens": completion})
            self._minute.setdefault(model.name, []).append((time.monotonic(), prompt + completion))
        usage = {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
            "completion_tokens_details": None,
            "prompt_tokens_details": {"cached_tokens": 0},
        }
        if body.get("stream"):
            include = bool((body.get("stream_options") or {}).get("include_usage"))
            return _stream(model.name, content, finish, usage if include else None)
        return Response.json(200, _completion(model.name, content, finish, usage))

    # checks ------------------------------------------------------------------------
    def _model(self, name: Any) -> TextModel:
        if not name:
            raise compat_error(400, "invalid_request_error", "you must provide a model parameter.")
        try:
            return translation_models.get(str(name))
        except translation_models.UnknownTextModelError:
            raise compat_error(
                404,
                "model_not_found",
                f"The model `{name}` does not exist or you do not have access to it.",
                "invalid_request_error",
            ) from None

    def _throttle(self, model: TextModel) -> None:
        if not self.config.rate_limits:
            return
        per_second = model.rpm / 60 * self.config.chat_rate_factor
        if self._tokens_last_minute(model.name) >= model.tpm * self.config.chat_rate_factor:
            raise compat_error(
                429,
                "insufficient_quota",
                "You exceeded your current quota, please check your plan and billing details.",
            )
        if not self.limiter.allow(f"chat:{model.name}", per_second):
            raise compat_error(
                429, "limit_requests", "Requests rate limit exceeded, please try again later."
            )

    def _tokens_last_minute(self, model: str) -> int:
        """Tokens billed in the last 60 s (the TPM; TPS is not enforced, §B.3 leaves it open)."""
        now = time.monotonic()
        with self._lock:
            recent = [(t, n) for t, n in self._minute.get(model, ()) if now - t < 60]
            self._minute[model] = recent
            return sum(n for _, n in recent)

    def _limit(
        self, content: str, finish: str, model: TextModel, max_tokens: Any
    ) -> tuple[str, str]:
        limit = model.max_output_tokens
        if isinstance(max_tokens, int) and max_tokens > 0:
            limit = min(limit, max_tokens)
        if estimate_tokens(content) <= limit:
            return content, finish
        while content and estimate_tokens(content) > limit:
            content = content[: int(len(content) * 0.9)]
        return content, "length"

    def _wait(self, completion_tokens: int) -> None:
        delay = self.config.chat_latency_s
        if self.config.chat_tokens_per_s:
            delay += completion_tokens / self.config.chat_tokens_per_s
        if delay > 0:
            time.sleep(delay)

    # the emulated models -----------------------------------------------------------
    def _translate_mt(self, messages: list[Any], options: Any) -> str:
        if len(messages) != 1 or not isinstance(messages[0], dict):
            raise compat_error(500, "internal_error", "Role must be in [user, assistant]")
        if messages[0].get("role") != "user":
            raise compat_error(500, "internal_error", "Role must be in [user, assistant]")
        options = options if isinstance(options, dict) else {}
        target = options.get("target_lang")
        if target is not None:
            _check_language(target, allow_auto=False)
        if options.get("source_lang") is not None:
            _check_language(options["source_lang"], allow_auto=True)
        terms = [
            (str(t.get("source", "")), str(t.get("target", "")))
            for t in options.get("terms") or ()
            if isinstance(t, dict)
        ]
        lines = str(messages[0].get("content", "")).split("\n")
        return "\n".join(pseudo.translate(line, terms) if line.strip() else line for line in lines)

    def _translate_chat(self, messages: list[Any]) -> str:
        users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
        text = str(users[-1].get("content", "")) if users else ""
        inside = text.split("<subtitles>", 1)[1].split("</subtitles>", 1)[0] if (
            "<subtitles>" in text
        ) else ""  # fmt: skip
        numbered = [m for m in map(_NUMBERED.match, inside.strip().splitlines()) if m]
        if not numbered:
            return pseudo.translate(text)
        return "\n".join(f"[{m.group(1)}] {pseudo.translate(m.group(2))}" for m in numbered)


def _mt_prompt_extra(model: TextModel, options: Any) -> int:
    """Qwen-MT bills its template, the ``domains`` hint and the terms as prompt tokens."""
    if model.kind is not ModelKind.MT:
        return 0
    extra = MT_TEMPLATE_TOKENS
    if isinstance(options, dict):
        extra += estimate_tokens(str(options.get("domains") or ""))
        for term in options.get("terms") or ():
            if isinstance(term, dict):
                extra += estimate_tokens(f"{term.get('source', '')} {term.get('target', '')}")
    return extra


def _check_language(value: Any, *, allow_auto: bool) -> None:
    if allow_auto and str(value).lower() == "auto":
        return
    try:
        translation_models.language_code(str(value))
    except translation_models.UnknownLanguageError:
        raise compat_error(
            400, "InvalidParameter", "暂时不支持当前设置的语种！", "invalid_request_error"
        ) from None


def _drop_a_line(content: str) -> str:
    lines = content.split("\n")
    if len([line for line in lines if line.strip()]) < 2:
        return content
    return "\n".join(lines[:-1])


def _ids() -> tuple[str, int]:
    return f"chatcmpl-{uuid.uuid4()}", int(time.time())


def _completion(model: str, content: str, finish: str, usage: dict[str, Any]) -> dict[str, Any]:
    cid, created = _ids()
    return {
        "id": cid,
        "choices": [
            {
                "finish_reason": finish,
                "index": 0,
                "logprobs": None,
                "message": {
                    "content": content,
                    "refusal": None,
                    "role": "assistant",
                    "annotations": None,
                    "audio": None,
                    "function_call": None,
                    "tool_calls": None,
                },
            }
        ],
        "created": created,
        "model": model,
        "object": "chat.completion",
        "service_tier": None,
        "system_fingerprint": None,
        "usage": usage,
    }


def _stream(model: str, content: str, finish: str, usage: dict[str, Any] | None) -> Response:
    """SSE chunks as §B.1 shows them: role first, content, finish, usage last, ``[DONE]``."""
    cid, created = _ids()

    def chunk(delta: dict[str, Any], reason: str | None) -> dict[str, Any]:
        return {
            "id": cid,
            "choices": [{"delta": delta, "finish_reason": reason, "index": 0, "logprobs": None}],
            "created": created,
            "model": model,
            "object": "chat.completion.chunk",
            "service_tier": None,
            "system_fingerprint": None,
            "usage": None,
        }

    events = [chunk({"content": "", "role": "assistant"}, None)]
    events += [chunk({"content": piece}, None) for piece in _pieces(content)]
    events.append(chunk({"content": ""}, finish))
    if usage is not None:
        last = chunk({}, None)
        last["choices"], last["usage"] = [], usage
        events.append(last)
    lines = [f"data: {json.dumps(e, ensure_ascii=False)}\n\n" for e in events]
    lines.append("data: [DONE]\n\n")
    return Response(200, "".join(lines).encode(), "text/event-stream")


def _pieces(content: str, size: int = 16) -> list[str]:
    return [content[i : i + size] for i in range(0, len(content), size)]
