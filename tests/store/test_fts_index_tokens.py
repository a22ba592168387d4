"""The search index's tokens: the fast regex form equals the per-character definition."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.transcript import is_wide
from desktop.store.fts import index_tokens


def per_character(text: str) -> str:
    return "".join(f" {c} " if is_wide(c) else c for c in text)


def test_chinese_characters_become_single_tokens():
    assert index_tokens("Hello 阿里巴巴，world") == "Hello  阿  里  巴  巴  ， world"


@given(st.text(alphabet=st.characters(max_codepoint=0x2FFFF), max_size=40))
def test_same_as_spacing_every_wide_character(text):
    assert index_tokens(text) == per_character(text)
