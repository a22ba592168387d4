"""Every error class is reachable, says what to do, and never carries the API key."""

from __future__ import annotations

import logging

import pytest

from desktop.dashscope import errors
from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.options import TranscriptionOptions
from tests.fake_dashscope import Emulator, FaultKind
from tests.helpers.clients import fast_client, short_timeout_http

SECRET = "sk-secret-do-not-leak-0123456789"
URL = "https://files.example/talk.wav"


def _arm(emulator: Emulator, route: str, status: int, code: str, message: str) -> None:
    emulator.faults.inject(FaultKind.ERROR, route, None, status=status, code=code, message=message)


async def _submit(client: DashScopeClient) -> None:
    await client.submit("paraformer-v2", [URL])


async def _query(client: DashScopeClient) -> None:
    await client.query("6f1f2a0e-0000-4000-8000-000000000000")


def bad_key(emulator):
    return _submit  # the client is given a key the service does not know


def throttled(emulator):
    _arm(emulator, "query", 429, "Throttling.RateQuota", "Requests rate limit exceeded.")
    return _query


def invalid_parameter(emulator):
    async def run(client):
        await client.submit(
            "paraformer-v2", [URL], TranscriptionOptions(vocabulary_id="vocab-none-0")
        )

    return run


def not_found(emulator):
    async def run(client):
        await client.vocabularies.query("vocab-gone-00000000000000000000000000000000")

    return run


def model_unavailable(emulator):
    _arm(emulator, "submit", 403, "AccessDenied.Unpurchased", "Access to model denied.")
    return _submit


def quota(emulator):
    _arm(
        emulator,
        "submit",
        400,
        "Arrearage",
        "Access denied, please make sure your account is in good standing.",
    )
    return _submit


def server_error(emulator):
    _arm(emulator, "query", 500, "InternalError", "An internal error has occured.")
    return _query


def network(emulator):
    emulator.faults.inject(FaultKind.DROP, "query", None)
    return _query


def timeout(emulator):
    emulator.faults.inject(FaultKind.SLOW_ANSWER, "query", None, delay_s=1.5)
    return _query


def expired_result(emulator):
    emulator.config.expired_result_urls = True
    emulator.script(URL, duration_ms=2000)

    async def run(client):
        task = await client.submit("paraformer-v2", [URL])
        done = await client.wait(task.task_id)
        await client.fetch_result(done.results[0].transcription_url)

    return run


def malformed(emulator):
    emulator.faults.inject(FaultKind.MALFORMED, "query", None)
    return _query


def refused_option(emulator):
    async def run(client):
        await client.submit("sensevoice-v1", [URL], TranscriptionOptions(diarization_enabled=True))

    return run


def wait_timeout(emulator):
    emulator.config.pending_s = 3600
    emulator.script(URL, duration_ms=2000)

    async def run(client):
        task = await client.submit("paraformer-v2", [URL])
        await client.wait(task.task_id, timeout=0.2)

    return run


CASES = [
    (bad_key, errors.AuthError, "InvalidApiKey"),
    (throttled, errors.ThrottledError, "Throttling.RateQuota"),
    (invalid_parameter, errors.InvalidParameterError, "InvalidParameter"),
    (not_found, errors.NotFoundError, "NotFound"),
    (model_unavailable, errors.ModelUnavailableError, "AccessDenied.Unpurchased"),
    (quota, errors.QuotaError, "Arrearage"),
    (server_error, errors.ServerError, "InternalError"),
    (network, errors.NetworkError, "NetworkError"),
    (timeout, errors.RequestTimeout, "Timeout"),
    (expired_result, errors.ResultExpiredError, "AccessDenied"),
    (malformed, errors.MalformedResponseError, "Malformed"),
    (refused_option, errors.OptionRefused, "OptionNotSupported"),
    (wait_timeout, errors.WaitTimeout, "WaitTaskTimeout"),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("arrange", "kind", "code"), CASES, ids=[c[0].__name__ for c in CASES])
async def test_each_error_class_is_reachable_and_keeps_the_key_secret(
    dashscope_emulator, caplog, arrange, kind, code
):
    dashscope_emulator.config.api_keys.add(SECRET)
    run = arrange(dashscope_emulator)
    key = SECRET if arrange is not bad_key else "sk-wrong-" + SECRET
    caplog.set_level(logging.DEBUG)
    async with fast_client(dashscope_emulator, api_key=key, http=short_timeout_http()) as client:
        with pytest.raises(kind) as caught:
            await run(client)
        assert key not in repr(client)
    error = caught.value
    assert type(error) is kind
    assert error.code == code
    assert error.advice and error.advice.endswith(".")
    if error.status is not None and kind is not errors.ResultExpiredError:
        assert error.request_id  # the service's request id, for a support ticket
    for text in (str(error), repr(error), error.advice, repr(error.args), caplog.text):
        assert key not in text and SECRET not in text


def test_a_client_needs_a_key():
    with pytest.raises(ValueError, match="API key"):
        DashScopeClient(Endpoint.named("beijing"), " ")


def test_error_from_a_gateway_html_page_is_still_typed():
    error = errors.error_from_response(502, b"<html>Bad Gateway</html>")
    assert isinstance(error, errors.ServerError)
    assert error.code == "Unknown" and error.status == 502


def test_a_request_id_from_a_header_is_kept_when_the_body_has_none():
    error = errors.error_from_response(502, b"<html>Bad Gateway</html>", header_request_id="rid-1")
    assert error.request_id == "rid-1"


@pytest.mark.asyncio
@pytest.mark.parametrize("variant", ["submit-400", "subtask-failed", "ignored"])
async def test_every_way_the_service_may_treat_a_bad_option_is_reported(
    dashscope_emulator, variant
):
    """A vocabulary made for another model cannot be checked locally (§10.6 variants)."""
    from desktop.dashscope.vocabulary import VocabularyEntry
    from desktop.dashscope.wire import TaskStatus
    from tests.fake_dashscope import InvalidOptionResponse

    dashscope_emulator.config.invalid_option_response = InvalidOptionResponse(variant)
    dashscope_emulator.script(URL, duration_ms=2000)
    async with fast_client(dashscope_emulator) as client:
        foreign = await client.vocabularies.create("fun-asr", "other", [VocabularyEntry("词")])
        options = TranscriptionOptions(vocabulary_id=foreign)
        if variant == "submit-400":
            with pytest.raises(errors.InvalidParameterError) as caught:
                await client.submit("paraformer-v2", [URL], options)
            assert caught.value.code == "InvalidParameter"
            return
        done = await client.wait((await client.submit("paraformer-v2", [URL], options)).task_id)
    if variant == "subtask-failed":
        failed = done.results[0] if done.results else done
        assert failed.code == "InvalidParameter"
    else:
        assert done.status is TaskStatus.SUCCEEDED
