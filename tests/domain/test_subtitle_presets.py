"""Presets: a custom copy keeps its base's rules under a free id; impossible numbers are refused."""

from __future__ import annotations

import msgspec
import pytest

from desktop.domain.subtitle_presets import builtin, copy_of


def test_a_copy_keeps_every_rule_of_its_base_under_a_new_id_and_name() -> None:
    base = builtin("netflix-en")
    copy = copy_of(base, taken=[])
    assert copy.id == "netflix-en-custom"
    assert copy.name == "Netflix English (USA) (custom)"
    assert copy.source == "custom, based on netflix-en"
    rules = msgspec.structs.asdict(copy)
    for key in ("id", "name", "source"):
        rules.pop(key)
    assert rules == {k: v for k, v in msgspec.structs.asdict(base).items() if k in rules}
    assert copy.describe() == base.describe()


def test_a_copy_never_takes_an_id_already_in_use() -> None:
    base = builtin("bbc")
    copy = copy_of(base, taken=["bbc-custom", "bbc-custom-2"])
    assert copy.id == "bbc-custom-3"
    again = copy_of(copy, taken=["bbc-custom", "bbc-custom-2", "bbc-custom-3"])
    assert again.id == "bbc-custom-4"
    assert again.name == "BBC online (custom) (copy)"


def test_a_minimum_duration_over_the_maximum_is_refused_with_both_numbers() -> None:
    base = builtin("netflix-en")
    with pytest.raises(
        ValueError, match=r"minimum duration \(8 s\) is longer than the maximum \(7 s\)"
    ):
        msgspec.structs.replace(base, min_duration_ms=8000)
