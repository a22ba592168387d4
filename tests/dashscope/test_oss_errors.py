"""The storage's refusals, in the odd shapes a real reply can take, give a clear message.

The emulator answers the storage's plain XML; these are the replies it does
not make: a namespace, escaped text, a body cut short, a gateway's JSON or
HTML page. Each must still name the file and say why, and an expired policy
must still be seen as expired (it is replaced and the file sent again).
"""

from __future__ import annotations

import httpx
import pytest

from desktop.dashscope import errors
from desktop.dashscope.upload import oss_error, read_oss_error


def refusal(status: int, body: bytes) -> errors.DashScopeError:
    return oss_error(httpx.Response(status, content=body), "talk.wav")


def test_a_namespaced_reply_with_escaped_text_reads_as_written():
    body = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<Error xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com">\n'
        b"  <Code>InvalidArgument</Code>\n"
        b"  <Message>Field &quot;key&quot; &amp; policy\n   do not match.</Message>\n"
        b"  <RequestId>5F2A</RequestId>\n</Error>\n"
    )
    error = refusal(400, body)
    assert isinstance(error, errors.InvalidParameterError)
    assert error.message == 'upload of talk.wav refused: Field "key" & policy do not match.'
    assert (error.code, error.request_id) == ("InvalidArgument", "5F2A")


def test_a_reply_cut_short_still_shows_an_expired_policy():
    body = b"<Error><Code>AccessDenied</Code><Message>Request has expired.</Message><Requ"
    error = refusal(403, body)
    assert isinstance(error, errors.UploadPolicyExpired)
    assert error.message == "upload of talk.wav refused: Request has expired."


def test_a_gateways_json_reply_is_read_as_dashscope_json():
    body = b'{"code": "Throttling", "message": "Requests throttled.", "request_id": "r-1"}'
    error = refusal(429, body)
    assert isinstance(error, errors.ServerError)  # passing trouble: the upload is retried
    assert error.message == "upload of talk.wav refused: Requests throttled."
    assert error.request_id == "r-1"


@pytest.mark.parametrize(
    "body",
    [b"<html><body><h1>502 Bad Gateway</h1></body></html>", b"", b"\xff\xfe not xml at all"],
)
def test_an_unreadable_reply_falls_back_to_the_http_status(body):
    error = refusal(502, body)
    assert isinstance(error, errors.ServerError)
    assert error.message == "upload of talk.wav refused: HTTP 502"
    assert error.code == "UploadFailed"


def test_entities_declared_in_the_reply_are_not_fetched_from_anywhere():
    body = (
        b'<!DOCTYPE Error [<!ENTITY leak SYSTEM "file:///etc/hostname">]>'
        b"<Error><Code>AccessDenied</Code><Message>&leak;</Message></Error>"
    )
    code, message, _request_id = read_oss_error(body)
    assert code == "AccessDenied"
    assert message == ""
