"""The hot-word vocabulary service: all five actions, the limits, and use in a submit."""

from __future__ import annotations

from typing import Any

import httpx

from tests.helpers.raw_api import submit

CUSTOMIZATION = "/services/audio/asr/customization"


def act(api: httpx.Client, action: str, **fields: Any) -> httpx.Response:
    return api.post(
        CUSTOMIZATION,
        json={"model": "speech-biasing", "parameters": {}, "input": {"action": action, **fields}},
    )


def create(
    api: httpx.Client,
    prefix: str = "talk",
    target: str = "paraformer-v2",
    words: list[dict[str, Any]] | None = None,
) -> httpx.Response:
    return act(
        api,
        "create_vocabulary",
        target_model=target,
        prefix=prefix,
        vocabulary=words or [{"text": "Tingxie", "weight": 4, "lang": "en"}],
    )


def test_create_list_query_update_delete(api):
    created = create(api)
    assert created.status_code == 200
    assert created.json()["usage"] == {"count": 1}
    vocabulary_id = created.json()["output"]["vocabulary_id"]
    assert vocabulary_id.startswith("vocab-talk-")

    listed = act(api, "list_vocabulary", prefix="talk").json()["output"]["vocabulary_list"]
    assert [v["vocabulary_id"] for v in listed] == [vocabulary_id]
    assert listed[0]["status"] == "OK"

    queried = act(api, "query_vocabulary", vocabulary_id=vocabulary_id).json()["output"]
    assert queried["target_model"] == "paraformer-v2"
    assert queried["vocabulary"] == [{"text": "Tingxie", "weight": 4, "lang": "en"}]

    updated = act(
        api,
        "update_vocabulary",
        vocabulary_id=vocabulary_id,
        vocabulary=[{"text": "听写", "weight": 5}],
    )
    assert updated.json()["output"] == {}
    queried = act(api, "query_vocabulary", vocabulary_id=vocabulary_id).json()["output"]
    assert queried["vocabulary"] == [{"text": "听写", "weight": 5}]

    assert act(api, "delete_vocabulary", vocabulary_id=vocabulary_id).status_code == 200
    gone = act(api, "query_vocabulary", vocabulary_id=vocabulary_id)
    assert gone.status_code == 404 and gone.json()["code"] == "NotFound"


def test_limits(api, dashscope_emulator):
    for bad in (
        create(api, prefix="Has-Caps"),
        create(api, prefix="waytoolongprefix"),
        create(api, words=[{"text": "x", "weight": 6}]),
        create(api, words=[{"text": "一二三四五六七八九十一二三四五六", "weight": 3}]),
        create(api, words=[{"text": "one two three four five six seven eight", "weight": 3}]),
        create(api, words=[{"text": "hallo", "weight": 3, "lang": "de"}], target="fun-asr"),
        create(api, target="sensevoice-v1"),
        create(api, words=[{"text": f"w{i}", "weight": 1} for i in range(501)]),
    ):
        assert bad.status_code == 400, bad.text
        assert bad.json()["code"] == "InvalidParameter"
    for n in range(dashscope_emulator.config.max_vocabularies):
        assert create(api, prefix=f"v{n}").status_code == 200
    eleventh = create(api, prefix="eleven")
    assert eleventh.status_code == 400


def test_undeployed_until_ready(api, dashscope_emulator):
    dashscope_emulator.config.vocabulary_deploy_s = 30
    vocabulary_id = create(api).json()["output"]["vocabulary_id"]
    status = act(api, "query_vocabulary", vocabulary_id=vocabulary_id).json()["output"]["status"]
    assert status == "UNDEPLOYED"
    dashscope_emulator.clock.advance(31)
    status = act(api, "query_vocabulary", vocabulary_id=vocabulary_id).json()["output"]["status"]
    assert status == "OK"


def test_submit_checks_the_vocabulary_target_model(api):
    vocabulary_id = create(api, target="fun-asr").json()["output"]["vocabulary_id"]
    urls = ["https://a.example.com/1.wav"]
    same = submit(api, urls, model="fun-asr", parameters={"vocabulary_id": vocabulary_id})
    assert same.status_code == 200
    other = submit(api, urls, model="paraformer-v2", parameters={"vocabulary_id": vocabulary_id})
    assert other.status_code == 400 and other.json()["code"] == "InvalidParameter"
