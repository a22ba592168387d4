"""Fidelity: the official ``openai`` SDK runs unmodified against the emulator's compatible endpoint.

The SDK parses the emulator's completions, chunks, usage and errors the way it
parses the real service's (shapes from ``dashscope-protocol-qwen.md`` §B, §C),
and the pseudo-translation is reversible, so a test can tell which source
line each translated line came from.
"""

from __future__ import annotations

import time

import httpx
import openai
import pytest

from tests.fake_dashscope import Emulator, EmulatorConfig
from tests.fake_dashscope.chat import ChatAction, ChatScript
from tests.fake_dashscope.pseudo import source_of, translate

pytestmark = pytest.mark.fidelity


@pytest.fixture
def emulator_config() -> EmulatorConfig:
    """Rate limits off but in the test about them (each test sends several requests)."""
    return EmulatorConfig(rate_limits=False, chat_retry_after="2")


@pytest.fixture
def sdk(dashscope_emulator: Emulator) -> openai.OpenAI:
    return openai.OpenAI(
        api_key=dashscope_emulator.api_key,
        base_url=dashscope_emulator.compatible_url,
        max_retries=0,
    )


def test_qwen_mt_translates_each_line_with_terms_and_reports_usage(sdk, dashscope_emulator):
    answer = sdk.chat.completions.create(
        model="qwen-mt-turbo",
        messages=[{"role": "user", "content": "欢迎使用阿里云。\n今天天气很好"}],
        extra_body={
            "translation_options": {
                "source_lang": "Chinese",
                "target_lang": "en",
                "terms": [{"source": "阿里云", "target": "Alibaba Cloud"}],
                "domains": "Subtitles of a video.",
            }
        },
    )
    assert answer.object == "chat.completion"
    assert answer.choices[0].finish_reason == "stop"
    first, second = answer.choices[0].message.content.split("\n")
    assert "Alibaba Cloud" in first
    assert source_of(second) == "今天天气很好"
    # Qwen-MT counts its own template: more prompt tokens than the source holds.
    assert answer.usage.prompt_tokens > 13
    assert answer.usage.completion_tokens > 0
    body = dashscope_emulator.requests("chat")[0].body
    assert body["translation_options"]["target_lang"] == "en"


def test_chat_model_answers_the_numbered_lines_only(sdk):
    prompt = "<context>\nTitle: 访谈\n</context>\n<subtitles>\n[1] 你好\n[2] 再见\n</subtitles>"
    answer = sdk.chat.completions.create(
        model="qwen-plus",
        messages=[
            {"role": "system", "content": "You translate subtitles."},
            {"role": "user", "content": prompt},
        ],
    )
    lines = answer.choices[0].message.content.split("\n")
    assert [line[:4] for line in lines] == ["[1] ", "[2] "]
    assert [source_of(line[4:]) for line in lines] == ["你好", "再见"]


def test_stream_with_usage_ends_with_a_usage_chunk(sdk):
    stream = sdk.chat.completions.create(
        model="qwen-mt-turbo",
        messages=[{"role": "user", "content": "我们开始吧"}],
        extra_body={"translation_options": {"source_lang": "auto", "target_lang": "English"}},
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert source_of(text) == "我们开始吧"
    assert chunks[-1].choices == [] and chunks[-1].usage.total_tokens > 0
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"


def test_bad_key_is_the_documented_401(dashscope_emulator):
    client = openai.OpenAI(
        api_key="sk-wrong", base_url=dashscope_emulator.compatible_url, max_retries=0
    )
    with pytest.raises(openai.AuthenticationError) as raised:
        client.chat.completions.create(
            model="qwen-plus", messages=[{"role": "user", "content": "hi"}]
        )
    assert raised.value.code == "invalid_api_key"
    assert raised.value.body["message"].startswith("Incorrect API key provided.")


def test_refused_content_is_data_inspection_failed(sdk, dashscope_emulator):
    dashscope_emulator.chat.scripts.add(ChatScript(ChatAction.REFUSE_INPUT, match="禁止"))
    with pytest.raises(openai.BadRequestError) as raised:
        sdk.chat.completions.create(
            model="qwen-plus", messages=[{"role": "user", "content": "这是禁止的内容"}]
        )
    assert raised.value.code == "data_inspection_failed"
    assert "inappropriate content" in raised.value.body["message"]
    ok = sdk.chat.completions.create(
        model="qwen-plus", messages=[{"role": "user", "content": "好"}]
    )
    assert source_of(ok.choices[0].message.content) == "好"


def test_truncated_and_wrong_count_scripts(sdk, dashscope_emulator):
    dashscope_emulator.chat.scripts.add(ChatScript(ChatAction.TRUNCATE, count=1))
    dashscope_emulator.chat.scripts.add(ChatScript(ChatAction.WRONG_COUNT, count=1))
    mt = {"translation_options": {"source_lang": "auto", "target_lang": "English"}}
    message = [{"role": "user", "content": "第一行\n第二行\n第三行"}]
    cut = sdk.chat.completions.create(model="qwen-mt-turbo", messages=message, extra_body=mt)
    assert cut.choices[0].finish_reason == "length"
    short = sdk.chat.completions.create(model="qwen-mt-turbo", messages=message, extra_body=mt)
    assert len(short.choices[0].message.content.split("\n")) == 2
    full = sdk.chat.completions.create(model="qwen-mt-turbo", messages=message, extra_body=mt)
    assert full.choices[0].message.content.split("\n") == [
        translate("第一行"),
        translate("第二行"),
        translate("第三行"),
    ]


def test_max_tokens_cuts_the_answer(sdk):
    answer = sdk.chat.completions.create(
        model="qwen-plus",
        messages=[{"role": "user", "content": "一二三四五六七八九十" * 5}],
        max_tokens=10,
    )
    assert answer.choices[0].finish_reason == "length"
    assert answer.usage.completion_tokens <= 10


def test_unknown_model_and_language(sdk):
    with pytest.raises(openai.NotFoundError) as raised:
        sdk.chat.completions.create(model="qwen-nope", messages=[{"role": "user", "content": "x"}])
    assert raised.value.code == "model_not_found"
    with pytest.raises(openai.BadRequestError, match="暂时不支持当前设置的语种"):
        sdk.chat.completions.create(
            model="qwen-mt-turbo",
            messages=[{"role": "user", "content": "x"}],
            extra_body={"translation_options": {"source_lang": "auto", "target_lang": "Klingon"}},
        )
    with pytest.raises(openai.InternalServerError, match="Role must be in"):
        sdk.chat.completions.create(
            model="qwen-mt-turbo",
            messages=[{"role": "system", "content": "be nice"}, {"role": "user", "content": "x"}],
        )


def test_rate_limit_is_429_limit_requests_per_second_of_the_rpm(sdk, dashscope_emulator):
    """qwen-mt-turbo allows 60 RPM, enforced as 1 request per second."""
    dashscope_emulator.config.rate_limits = True
    mt = {"translation_options": {"source_lang": "auto", "target_lang": "English"}}
    message = [{"role": "user", "content": "一"}]
    sdk.chat.completions.create(model="qwen-mt-turbo", messages=message, extra_body=mt)
    with pytest.raises(openai.RateLimitError) as raised:
        sdk.chat.completions.create(model="qwen-mt-turbo", messages=message, extra_body=mt)
    assert raised.value.code == "limit_requests"
    assert raised.value.response.headers["retry-after"] == "2"
    time.sleep(1.05)
    sdk.chat.completions.create(model="qwen-mt-turbo", messages=message, extra_body=mt)


def test_compatible_endpoint_is_on_the_job_endpoints_host(dashscope_emulator):
    assert dashscope_emulator.compatible_url == (
        dashscope_emulator.base_url.removesuffix("/api/v1") + "/compatible-mode/v1"
    )
    answer = httpx.post(dashscope_emulator.compatible_url + "/nowhere", json={})
    assert answer.status_code == 404


def test_pseudo_translation_is_reversible():
    for text in ["你好，世界。", "Hello 世界", "你 好", "Ça va? 好的", ""]:
        assert source_of(translate(text)) == text
    assert translate("你好").isascii()


def test_chat_scripts_and_billing_over_the_control_routes(sdk, dashscope_emulator):
    """An emulator run as a process is steered the same way (``EmulatorProcess.chat_script``)."""
    control = dashscope_emulator.origin + "/_emulator"
    answer = httpx.post(f"{control}/chat-scripts", json={"action": "refuse-output", "match": "坏"})
    assert answer.status_code == 200
    with pytest.raises(openai.BadRequestError, match="Output data may contain"):
        sdk.chat.completions.create(model="qwen-plus", messages=[{"role": "user", "content": "坏"}])
    sdk.chat.completions.create(model="qwen-plus", messages=[{"role": "user", "content": "好"}])
    billed = httpx.get(f"{control}/chat-billed").json()
    assert len(billed) == 1 and billed[0]["completion_tokens"] > 0  # refusals are not billed
    assert httpx.delete(f"{control}/chat-scripts").status_code == 200
    bad = httpx.post(f"{control}/chat-scripts", json={"action": "explode"})
    assert bad.status_code == 400


def test_tokens_per_minute_limit_is_429_insufficient_quota(sdk, dashscope_emulator):
    dashscope_emulator.config.rate_limits = True
    dashscope_emulator.config.chat_rate_factor = 0.001  # qwen-plus: 1 000 000 TPM → 1 000
    long = "一二三四五六七八九十" * 60  # about 600 tokens in, 900 out
    sdk.chat.completions.create(model="qwen-plus", messages=[{"role": "user", "content": long}])
    with pytest.raises(openai.RateLimitError) as raised:
        sdk.chat.completions.create(model="qwen-plus", messages=[{"role": "user", "content": "x"}])
    assert raised.value.code == "insufficient_quota"
