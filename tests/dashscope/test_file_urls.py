"""File URLs the service can download, and object-key names that survive it."""

from __future__ import annotations

import re

import pytest

from desktop.dashscope.errors import OptionRefused
from desktop.dashscope.file_urls import encode_file_url, safe_object_name


def test_spaces_and_cjk_are_percent_encoded():
    assert encode_file_url("https://example.com/会议 录音/a b.wav?sig=x y") == (
        "https://example.com/%E4%BC%9A%E8%AE%AE%20%E5%BD%95%E9%9F%B3/a%20b.wav?sig=x%20y"
    )


def test_already_encoded_urls_are_not_encoded_twice():
    url = "https://example.com/a%20b.wav?Signature=ab%2Bc%3D&Expires=1"
    assert encode_file_url(url) == url
    assert encode_file_url("https://h/100%.wav") == "https://h/100%25.wav"


def test_oss_urls_pass_unchanged():
    assert encode_file_url("oss://dashscope-instant/x/y.wav") == "oss://dashscope-instant/x/y.wav"


@pytest.mark.parametrize("bad", ["/home/me/a.wav", "file:///a.wav", "data:audio/wav;base64,AAA"])
def test_local_paths_are_refused_with_advice_to_upload(bad):
    with pytest.raises(OptionRefused, match="uploaded"):
        encode_file_url(bad)


@pytest.mark.parametrize(
    ("name", "stem", "ext"),
    [
        ("会议 录音.MP3", "file", ".mp3"),
        ("a b (final).wav", "a_b_final", ".wav"),
        ("../../etc/passwd", "passwd", ""),
        ("Café.m4a", "Cafe", ".m4a"),
    ],
)
def test_object_names_are_plain_ascii_and_unique(name, stem, ext):
    first, second = safe_object_name(name), safe_object_name(name)
    assert first != second  # the policy forbids overwriting
    assert re.fullmatch(r"[0-9a-f]{8}_" + re.escape(stem) + re.escape(ext), first)
