"""The sentences the queue says while it waits, and the host named in a job's failure."""

from __future__ import annotations

from desktop.dashscope import errors
from desktop.jobs.trouble import failure_text, trouble_text


def test_each_kind_of_trouble_names_the_host_and_the_next_try() -> None:
    dns = errors.NetworkError(
        "GET /tasks/1 failed: [Errno -2] Name or service not known", code="NetworkError"
    )
    assert trouble_text(dns, "dashscope.aliyuncs.com", 30) == (
        "cannot reach dashscope.aliyuncs.com: name not resolved; next try in 30 s"
    )
    busy = errors.ServerError("busy", code="ServiceUnavailable", status=503)
    assert (
        trouble_text(busy, "h", 0.5) == "h answers HTTP 503 (ServiceUnavailable); next try in 0.5 s"
    )
    slow = errors.ThrottledError("slow down", code="Throttling.RateQuota", status=429)
    assert (
        trouble_text(slow, "h", 3) == "h asks to slow down (Throttling.RateQuota); next try in 3 s"
    )
    late = errors.RequestTimeout("GET /tasks/1 timed out", code="Timeout")
    assert trouble_text(late, "h", 10).startswith("h did not answer in time")


def test_a_failure_from_a_service_names_it_a_local_refusal_does_not() -> None:
    said = errors.InvalidParameterError("Model not exist.", code="InvalidParameter", status=400)
    assert failure_text(said, "https://dashscope-intl.aliyuncs.com/api/v1") == (
        "dashscope-intl.aliyuncs.com: Model not exist."
    )
    local = errors.OptionRefused("a.wav: 3000 MB is more than the 2048 MB", code="FileTooLarge")
    assert failure_text(local, "https://dashscope.aliyuncs.com/api/v1") == local.message
