"""Which Hunspell dictionary checks a language, and which languages are not checked at all.

Dictionaries are the system's Hunspell ones (Debian's ``hunspell-en-us``,
``hunspell-de-de``… install ``/usr/share/hunspell/<lang>.aff`` and ``.dic``)
or ones a user puts in the data folder's ``dictionaries`` folder. Chinese and
Japanese are written without spaces and have no Hunspell dictionary worth the
name, so they are never checked, and the answer says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop import paths

SYSTEM_FOLDERS = (
    Path("/usr/share/hunspell"),
    Path("/usr/share/myspell"),
    Path("/usr/share/myspell/dicts"),
    Path("/Library/Spelling"),
)
NOT_CHECKED = {
    "zh": "Chinese is not spell-checked: it is written without spaces between words, and"
    " Hunspell has no dictionary for it.",
    "ja": "Japanese is not spell-checked: it is written without spaces between words, and"
    " Hunspell has no dictionary for it.",
}
# The dictionary tried first for a bare language code.
PREFERRED = {"en": "en_US", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "pt": "pt_PT"}


@dataclass(frozen=True)
class Support:
    """Whether text in ``language`` is checked: the dictionary, or the reason it is not."""

    language: str
    dictionary: Path | None  # the .aff/.dic pair without the suffix
    reason: str = ""

    @property
    def checked(self) -> bool:
        return self.dictionary is not None


def folders() -> list[Path]:
    return [paths.data_dir() / "dictionaries", *SYSTEM_FOLDERS]


def support(language: str) -> Support:
    """How ``language`` (``en``, ``en-US``, ``de_DE``, ``zh-Hans``, ``ja``…) is checked."""
    tag = language.replace("-", "_").strip()
    base = tag.split("_", 1)[0].lower()
    if base in NOT_CHECKED:
        return Support(language, None, NOT_CHECKED[base])
    wanted = [tag] if "_" in tag else []
    wanted += [PREFERRED.get(base, ""), base]
    found = available()
    for name in wanted:
        for stem in found:
            if name and stem.name.lower() == name.lower():
                return Support(language, stem)
    for stem in found:  # any region of the language: en_GB when only it is installed
        if stem.name.lower().split("_", 1)[0] == base:
            return Support(language, stem)
    return Support(
        language,
        None,
        f"No Hunspell dictionary for {language!r} is installed; install one (on Debian:"
        f" apt install hunspell-{base}) or put {base}.aff and {base}.dic in"
        f" {folders()[0]}.",
    )


def available() -> list[Path]:
    """Every dictionary found (``…/en_US`` for en_US.aff + en_US.dic), first folder first."""
    out: list[Path] = []
    for folder in folders():
        if not folder.is_dir():
            continue
        for aff in sorted(folder.glob("*.aff")):
            if aff.with_suffix(".dic").is_file():
                out.append(aff.with_suffix(""))
    return out
