"""getPolicy and the OSS form upload: the checks OSS makes, and oss:// URLs in submits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.helpers.raw_api import finished, submit_ok


def policy(api: httpx.Client, model: str = "paraformer-v2") -> dict[str, Any]:
    answer = api.get("/uploads", params={"action": "getPolicy", "model": model})
    assert answer.status_code == 200, answer.text
    assert "output" not in answer.json()
    return answer.json()["data"]


def form(data: dict[str, Any], name: str) -> dict[str, str]:
    return {
        "OSSAccessKeyId": data["oss_access_key_id"],
        "Signature": data["signature"],
        "policy": data["policy"],
        "key": f"{data['upload_dir']}/{name}",
        "x-oss-object-acl": data["x_oss_object_acl"],
        "x-oss-forbid-overwrite": data["x_oss_forbid_overwrite"],
        "success_action_status": "200",
    }


def post_form(data: dict[str, Any], fields: dict[str, str], file: Path) -> httpx.Response:
    with file.open("rb") as handle:
        return httpx.post(data["upload_host"], data=fields, files={"file": (file.name, handle)})


def test_policy_has_every_documented_field(api):
    data = policy(api)
    assert data.keys() == {
        "policy", "signature", "upload_dir", "upload_host", "expire_in_seconds",
        "max_file_size_mb", "capacity_limit_mb", "oss_access_key_id", "x_oss_object_acl",
        "x_oss_forbid_overwrite",
    }  # fmt: skip
    assert data["expire_in_seconds"] == 300 and data["max_file_size_mb"] == 100


def test_upload_then_submit_the_oss_url_with_the_resolve_header(api, dashscope_emulator, spoken):
    data = policy(api)
    fields = form(data, "spoken.wav")
    answer = post_form(data, fields, spoken)
    assert answer.status_code == 200 and answer.content == b""
    oss_url = "oss://" + fields["key"]
    stored = dashscope_emulator.objects.lookup(fields["key"])
    assert stored is not None and stored.size == spoken.stat().st_size
    assert stored.path is not None and stored.path.read_bytes() == spoken.read_bytes()

    resolved = submit_ok(api, [oss_url], **{"X-DashScope-OssResourceResolve": "enable"})
    unresolved = submit_ok(api, [oss_url])
    other_model = submit_ok(
        api, [oss_url], model="fun-asr", **{"X-DashScope-OssResourceResolve": "enable"}
    )
    assert finished(api, dashscope_emulator, resolved)["output"]["task_status"] == "SUCCEEDED"
    for task_id in (unresolved, other_model):
        output = api.get(f"/tasks/{task_id}").json()["output"]
        assert output["results"][0]["code"] == "InvalidFile.DownloadFailed"


def test_chunked_streamed_upload(api, dashscope_emulator, tmp_path):
    """A client that streams the form (no Content-Length) is served too."""
    data = policy(api)
    boundary = "emulator-boundary"
    fields = form(data, "stream.bin")
    payload = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    )
    blob = bytes(range(256)) * 8192  # 2 MiB, crosses the parser's 1 MiB reads

    def body():
        yield payload
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file";'
            ' filename="stream.bin"\r\n\r\n'
        ).encode()
        for start in range(0, len(blob), 100_000):
            yield blob[start : start + 100_000]
        yield f"\r\n--{boundary}--\r\n".encode()

    answer = httpx.post(
        data["upload_host"],
        content=body(),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert answer.status_code == 200, answer.text
    stored = dashscope_emulator.objects.lookup(fields["key"])
    assert stored is not None and stored.path is not None
    assert stored.path.read_bytes() == blob


def test_file_must_be_the_last_field(api, spoken):
    data = policy(api)
    fields = form(data, "late.wav")
    boundary = "b0undary"
    parts = [
        ("file", spoken.read_bytes(), "late.wav"),
        *((k, v.encode(), None) for k, v in fields.items()),
    ]
    body = b""
    for name, value, filename in parts:
        extra = f'; filename="{filename}"' if filename else ""
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"{extra}\r\n\r\n'
            ).encode()
            + value
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    answer = httpx.post(
        data["upload_host"],
        content=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert answer.status_code == 400
    assert b"<Code>InvalidArgument</Code>" in answer.content


def test_expired_policy_is_refused(api, dashscope_emulator, spoken):
    data = policy(api)
    dashscope_emulator.clock.advance(301)
    answer = post_form(data, form(data, "late.wav"), spoken)
    assert answer.status_code == 403
    assert b"<Code>AccessDenied</Code>" in answer.content
    assert b"Policy expired" in answer.content


def test_size_limit(api, dashscope_emulator, tmp_path):
    dashscope_emulator.config.max_upload_mb = 1
    data = policy(api)
    big = tmp_path / "big.bin"
    big.write_bytes(b"\0" * (1024 * 1024 + 1))
    fields = form(data, "big.bin")
    answer = post_form(data, fields, big)
    assert answer.status_code == 400 and b"<Code>EntityTooLarge</Code>" in answer.content
    assert dashscope_emulator.objects.lookup(fields["key"]) is None


@pytest.mark.parametrize(
    ("spoil", "status", "code"),
    [
        (lambda f: f.update(Signature="AAAA"), 403, b"SignatureDoesNotMatch"),
        (lambda f: f.update(key="elsewhere/x.wav"), 403, b"AccessDenied"),
        (lambda f: f.pop("policy"), 400, b"InvalidArgument"),
    ],
)
def test_forged_forms_are_refused(api, spoken, spoil, status, code):
    data = policy(api)
    fields = form(data, "x.wav")
    spoil(fields)
    answer = post_form(data, fields, spoken)
    assert answer.status_code == status and code in answer.content


def test_no_overwrite(api, spoken):
    data = policy(api)
    fields = form(data, "once.wav")
    assert post_form(data, fields, spoken).status_code == 200
    again = post_form(data, fields, spoken)
    assert again.status_code == 409 and b"FileAlreadyExists" in again.content


def test_policy_needs_the_key(dashscope_emulator):
    answer = httpx.get(
        f"{dashscope_emulator.base_url}/uploads",
        params={"action": "getPolicy", "model": "paraformer-v2"},
    )
    assert answer.status_code == 401
