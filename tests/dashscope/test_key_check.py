"""Settings → Test key: one cheap authenticated call against the emulator."""

from __future__ import annotations

import asyncio

from desktop.dashscope.key_check import check_api_key

WRONG = "sk-wrong-key-0000000000000000"


def test_the_emulators_key_works_and_costs_one_list_request(dashscope_emulator) -> None:
    result = asyncio.run(check_api_key(dashscope_emulator.base_url, dashscope_emulator.api_key))
    assert result.ok, result.message
    assert result.message == "The key works on " + dashscope_emulator.base_url.split("/")[2] + "."
    requests = dashscope_emulator.requests()
    assert [(r.method, r.path.split("?")[0], r.status) for r in requests] == [
        ("GET", "/api/v1/tasks", 200)
    ]


def test_a_wrong_key_is_refused_with_advice_and_without_the_key(dashscope_emulator) -> None:
    result = asyncio.run(check_api_key(dashscope_emulator.base_url, WRONG))
    assert not result.ok
    assert "refused the key" in result.message
    assert "region" in result.message  # the advice: keys are per region
    assert WRONG not in result.message


def test_plain_http_to_another_machine_is_refused_before_sending(dashscope_emulator) -> None:
    result = asyncio.run(check_api_key("http://192.168.7.7/api/v1", dashscope_emulator.api_key))
    assert not result.ok and "unencrypted" in result.message
    assert dashscope_emulator.requests() == []


def test_an_unreachable_endpoint_says_so(unused_tcp_port: int) -> None:
    result = asyncio.run(check_api_key(f"http://127.0.0.1:{unused_tcp_port}/api/v1", WRONG))
    assert not result.ok
    assert f"127.0.0.1:{unused_tcp_port}" in result.message
    assert WRONG not in result.message
