"""Spell checking with the system's Hunspell dictionary (Debian's hunspell-en-us)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import paths
from desktop.spelling.checker import NotCheckedError, SpellChecker
from desktop.spelling.dictionaries import support
from desktop.spelling.personal_words import PersonalWords


@pytest.fixture(scope="module")
def english() -> SpellChecker:
    return SpellChecker.for_language("en-US", vocabulary=["Paraformer", "Tingxie ASR"])


def test_misspellings_are_found_with_their_place_in_the_text(english: SpellChecker) -> None:
    text = "The subtitel editer checks every word, don't worry."
    assert english.misspellings(text) == [(4, 12, "subtitel"), (13, 19, "editer")]
    assert text[4:12] == "subtitel"


def test_suggestions_offer_the_right_word_first(english: SpellChecker) -> None:
    assert english.suggestions("subtitel")[0] == "subtitle"
    assert "receive" in english.suggestions("recieve")


def test_hot_words_chinese_runs_and_numbers_are_never_flagged(english: SpellChecker) -> None:
    assert english.misspellings("Paraformer and Tingxie run on the GPU at 16kHz 服务器部署") == []


def test_added_words_are_kept_in_the_data_folder_for_the_next_session() -> None:
    first = SpellChecker.for_language("en", personal=PersonalWords())
    assert [m.word for m in first.misspellings("Ask Qwenny")] == ["Qwenny"]
    first.add_to_dictionary("Qwenny")
    assert first.misspellings("Ask Qwenny") == []
    assert paths.personal_words_path().read_text(encoding="utf-8") == "Qwenny\n"
    second = SpellChecker.for_language("en", personal=PersonalWords())
    assert second.misspellings("Qwenny said so") == []
    second.ignore("Blorp")
    assert second.misspellings("blorp") == []


def test_chinese_and_japanese_are_not_checked_and_say_so() -> None:
    for language in ("zh", "zh-Hans", "ja"):
        assert not support(language).checked
        with pytest.raises(NotCheckedError, match="not spell-checked"):
            SpellChecker.for_language(language)


def test_a_language_without_a_dictionary_says_what_to_install() -> None:
    with pytest.raises(NotCheckedError, match="apt install hunspell-xx"):
        SpellChecker.for_language("xx")


def test_a_dictionary_in_the_data_folder_is_used(tmp_path: Path) -> None:
    folder = paths.data_dir() / "dictionaries"
    folder.mkdir()
    (folder / "tl_PH.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (folder / "tl_PH.dic").write_text("2\nsalamat\npo\n", encoding="utf-8")
    checker = SpellChecker.for_language("tl")
    assert [m.word for m in checker.misspellings("salamat po kayo")] == ["kayo"]
