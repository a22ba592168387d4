"""The compatible-endpoint client against the emulator: hosts, replies, errors, no key leaks."""

from __future__ import annotations

import logging

import pytest

from desktop.dashscope.chat import (
    ChatClient,
    ChatThrottledError,
    ContentRefusedError,
    TruncatedReplyError,
    compatible_base_url,
)
from desktop.dashscope.endpoints import BEIJING, SINGAPORE, Endpoint
from desktop.dashscope.errors import AuthError, ModelUnavailableError, ServerError
from desktop.domain.catalog import Region
from tests.fake_dashscope import Emulator, EmulatorConfig
from tests.fake_dashscope.chat import ChatAction, ChatScript
from tests.fake_dashscope.pseudo import source_of

MT_BODY = {
    "model": "qwen-mt-turbo",
    "messages": [{"role": "user", "content": "你好\n再见"}],
    "translation_options": {"source_lang": "auto", "target_lang": "English"},
}


@pytest.fixture
def emulator_config() -> EmulatorConfig:
    return EmulatorConfig(rate_limits=False)


def test_compatible_endpoint_is_on_the_job_endpoints_host():
    assert compatible_base_url(BEIJING) == "https://dashscope.aliyuncs.com/compatible-mode/v1"
    assert compatible_base_url(SINGAPORE) == (
        "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"
    )
    workspace = Endpoint.workspace("ws123", Region.SINGAPORE)
    assert compatible_base_url(workspace) == (
        "https://ws123.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1"
    )
    proxy = Endpoint.named("https://proxy.example.com/dashscope/api/v1/")
    assert compatible_base_url(proxy) == "https://proxy.example.com/dashscope/compatible-mode/v1"
    assert compatible_base_url("http://127.0.0.1:8080/api/v1") == (
        "http://127.0.0.1:8080/compatible-mode/v1"
    )
    with pytest.raises(ValueError, match="does not end in /api/v1"):
        compatible_base_url("https://proxy.example.com/other")


@pytest.mark.asyncio
async def test_reply_and_usage(dashscope_emulator: Emulator):
    async with ChatClient(dashscope_emulator.base_url, dashscope_emulator.api_key) as client:
        reply = await client.complete(MT_BODY)
    assert [source_of(line) for line in reply.content.split("\n")] == ["你好", "再见"]
    assert reply.finish_reason == "stop"
    assert reply.usage.prompt_tokens > 0 and reply.usage.completion_tokens > 0
    assert reply.request_id
    sent = dashscope_emulator.requests("chat")[0]
    assert sent.header("Authorization") == f"Bearer {dashscope_emulator.api_key}"


@pytest.mark.asyncio
async def test_bad_key_is_an_auth_error_without_the_key(dashscope_emulator, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "sk-this-key-is-wrong-1234"
    async with ChatClient(dashscope_emulator.base_url, secret) as client:
        with pytest.raises(AuthError) as raised:
            await client.complete(MT_BODY)
        assert secret not in repr(client)
    error = raised.value
    assert error.code == "invalid_api_key" and error.status == 401
    assert "API key" in error.advice
    for text in (str(error), repr(error), caplog.text):
        assert secret not in text


@pytest.mark.asyncio
async def test_throttling_carries_retry_after(dashscope_emulator):
    dashscope_emulator.config.rate_limits = True
    dashscope_emulator.config.chat_retry_after = "3"
    async with ChatClient(dashscope_emulator.base_url, dashscope_emulator.api_key) as client:
        await client.complete(MT_BODY)
        with pytest.raises(ChatThrottledError) as raised:
            await client.complete(MT_BODY)
    assert raised.value.retry_after == 3.0
    assert raised.value.retryable and raised.value.code == "limit_requests"


@pytest.mark.asyncio
async def test_refused_truncated_unknown_model_and_server_error(dashscope_emulator):
    scripts = dashscope_emulator.chat.scripts
    scripts.add(ChatScript(ChatAction.REFUSE_INPUT, count=1))
    scripts.add(ChatScript(ChatAction.TRUNCATE, count=1))
    async with ChatClient(dashscope_emulator.base_url, dashscope_emulator.api_key) as client:
        with pytest.raises(ContentRefusedError) as refused:
            await client.complete(MT_BODY)
        assert refused.value.code == "data_inspection_failed"
        with pytest.raises(TruncatedReplyError) as cut:
            await client.complete(MT_BODY)
        assert cut.value.reply.usage.completion_tokens > 0  # paid for, so counted
        with pytest.raises(ModelUnavailableError, match="qwen-nope"):
            await client.complete({**MT_BODY, "model": "qwen-nope"})
        dashscope_emulator.faults.server_errors("chat", count=1, status=500)
        with pytest.raises(ServerError):
            await client.complete(MT_BODY)
        assert (await client.complete(MT_BODY)).finish_reason == "stop"
