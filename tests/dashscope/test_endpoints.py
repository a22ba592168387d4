"""Endpoints: region names, custom URLs, and no plain http to another machine."""

from __future__ import annotations

import pytest

from desktop.dashscope.endpoints import BEIJING, SINGAPORE, Endpoint
from desktop.domain.catalog import Region


def test_region_names():
    assert Endpoint.named("beijing") == BEIJING
    assert BEIJING.base_url == "https://dashscope.aliyuncs.com/api/v1"
    assert Endpoint.named("Singapore") == SINGAPORE
    assert SINGAPORE.base_url == "https://dashscope-intl.aliyuncs.com/api/v1"
    assert SINGAPORE.region is Region.SINGAPORE


def test_custom_https_url_keeps_its_path_and_learns_the_region():
    endpoint = Endpoint.named("https://abc123.ap-southeast-1.maas.aliyuncs.com/api/v1/")
    assert endpoint.base_url == "https://abc123.ap-southeast-1.maas.aliyuncs.com/api/v1"
    assert endpoint.region is Region.SINGAPORE
    assert Endpoint.named("https://proxy.example.com").base_url == (
        "https://proxy.example.com/api/v1"
    )
    assert Endpoint.named("https://proxy.example.com").region is None


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/api/v1", "http://localhost:1/x", "http://[::1]:9/"]
)
def test_plain_http_is_fine_on_this_machine(url):
    assert Endpoint.named(url).base_url.startswith("http://")


@pytest.mark.parametrize("url", ["http://dashscope.aliyuncs.com/api/v1", "http://10.0.0.2/api/v1"])
def test_plain_http_to_another_machine_is_refused(url):
    with pytest.raises(ValueError, match="unencrypted"):
        Endpoint.named(url)


@pytest.mark.parametrize("text", ["mars", "ftp://host/api", "https://", "https://h/api?x=1"])
def test_nonsense_is_refused_with_what_is_allowed(text):
    with pytest.raises(ValueError, match=r"beijing|query"):
        Endpoint.named(text)


def test_workspace_host():
    endpoint = Endpoint.workspace("ws42", Region.BEIJING)
    assert endpoint.base_url == "https://ws42.cn-beijing.maas.aliyuncs.com/api/v1"
    with pytest.raises(ValueError):
        Endpoint.workspace("evil.com/x", Region.BEIJING)
