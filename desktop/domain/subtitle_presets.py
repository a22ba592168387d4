"""Subtitle rule profiles ("presets") and the measures their rules use.

A preset holds the numbers a broadcaster publishes: characters per line, lines
per cue, reading speed, minimum and maximum duration, minimum gap. Each
built-in preset cites where its numbers come from; every number below was
checked against that source (``shared/docs/subtitle-conventions.md`` collects
them, with the caveats).

Sources:

- [NF-GEN] Netflix, "Timed Text Style Guide: General Requirements",
  https://partnerhelp.netflixstudios.com/hc/en-us/articles/215758617 :
  minimum duration 5/6 s ("20 frames for 24fps"), maximum 7 s, 2 lines,
  "Frame Gap: 2 frames minimum (regardless of frame rate)", out-time may run
  "up to 12 frames past the timecode at which the audio ends".
- [NF-EN] Netflix, "English Timed Text Style Guide" and "English Template
  Timed Text Style Guide" (https://backlothelp.netflix.com/hc/en-us/articles/219375728):
  42 characters per line. The adult reading speed of English (USA) is 20
  characters per second: Subtitle Edit transcribes it from the TTSG in
  ``src/libse/NetflixQualityCheck/NetflixQualityController.cs``
  (``CharactersPerSecond``: en → 20; the English *template* says 17).
- [NF-ZH] Netflix, "Simplified Chinese (PRC) Timed Text Style Guide",
  https://partnerhelp.netflixstudios.com/hc/en-us/articles/215986007 :
  "16 characters per line"; reading speed 9 characters per second (adult),
  as transcribed by Subtitle Edit's ``NetflixQualityController`` (zh → 9).
- [NF-JA] Netflix, "Japanese Timed Text Style Guide",
  https://partnerhelp.netflixstudios.com/hc/en-us/articles/215767517 :
  "Horizontal subtitles - Maximum 13 full-width characters per line";
  "Half-width character, space, and punctuation counts as 0.5 characters";
  reading speed 4 characters per second (Subtitle Edit: ja → 4).
- [BBC] BBC, "Subtitle Guidelines" (https://www.bbc.co.uk/accessibility/forproducts/guides/subtitles/):
  §3.1 "line length is limited to 37 fixed-width (monospaced) characters"
  (Teletext); "the equivalent to 37 characters ... is 25 characters in a 90%
  width region of a 9:16 (vertical) video"; §3.3 two lines for landscape,
  "For vertical (9:16) video, a maximum subtitle length of three lines";
  §4 "160-180 words-per-minute"; §4.5 a gap "must be a minimum of one
  second, preferably a second and a half" — otherwise close it.

Character units (the issue asks which): ``columns`` counts an East Asian wide
character as 2 and everything else as 1 (the Latin-script presets: a Chinese
character takes the room of two letters); ``characters`` counts every
character as 1 (Netflix's Chinese guide counts characters, and so do the
checkers that enforce it, so Latin letters in a Chinese line count 1 too);
``full-width`` counts wide characters 1 and half-width ones 0.5 (Netflix's
Japanese rule).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from typing import Literal

import msgspec

from desktop.domain.messages import Message, say, template
from desktop.domain.transcript import WIDE_PATTERN, count_wide, is_wide

Unit = Literal["columns", "characters", "full-width"]
UNITS: tuple[Unit, ...] = ("columns", "characters", "full-width")
DEFAULT_FPS = 24.0  # the frame rate frame rules assume when the media's is unknown


class Preset(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One rule profile; ``None`` switches a rule off.

    ``chain_gap_ms``: a gap shorter than this is closed (to the minimum gap),
    as Netflix's timing guide and the BBC ask. ``min_open_gap_ms``: a gap that
    is left open must be at least this long (BBC: 1 s). ``max_shift_ms``: how
    far a cue may start before its speech, or push the next cue after that
    one's speech, to reach the minimum duration — our choice, not a published
    number; a second keeps within the BBC's sync tolerance (§5.2: no more than
    1.5 s early or late).
    """

    id: str
    name: str
    max_chars: float | None = None
    unit: Unit = "columns"
    max_lines: int | None = None
    max_cps: float | None = None
    max_wpm: float | None = None
    min_duration_ms: int | None = None
    max_duration_ms: int | None = None
    min_gap_frames: int = 0
    min_open_gap_ms: int = 0
    chain_gap_ms: int = 0
    max_shift_ms: int = 1000
    dual_speaker_dash: bool = False
    split_sentences: bool = True
    allow_overlap: bool = False
    source: str = ""

    def __post_init__(self) -> None:
        """Refuse numbers no subtitle could meet (a hand-edited profile, a typo)."""
        for name in ("max_chars", "max_lines", "max_cps", "max_wpm", "max_duration_ms"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise ValueError(f"{name} must be positive, got {value}")
        for name in ("min_gap_frames", "min_open_gap_ms", "chain_gap_ms", "max_shift_ms"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.min_duration_ms is not None and self.min_duration_ms < 0:
            raise ValueError("min_duration_ms must not be negative")
        if (
            self.min_duration_ms is not None
            and self.max_duration_ms is not None
            and self.min_duration_ms > self.max_duration_ms
        ):
            raise ValueError(
                f"the minimum duration ({self.min_duration_ms / 1000:g} s) is longer than"
                f" the maximum ({self.max_duration_ms / 1000:g} s)"
            )

    @property
    def shot_change_rules(self) -> bool:
        """Whether edges near a shot change must go to it or keep away from it (``shot_rules``).

        A preset that times gaps in frames follows the frame-based shot-change
        rules of the guide it comes from: Netflix's "at the shot change or at
        least 12 frames from it" [NF-GEN]. The BBC gives no frame counts, and
        its presets time gaps in seconds.
        """
        return self.min_gap_frames > 0

    def min_gap_ms(self, fps: float | None) -> int:
        """The minimum gap in whole milliseconds, rounded up so it is never under the frames."""
        return math.ceil(self.min_gap_frames * 1000 / (fps or DEFAULT_FPS))

    def describe(self) -> str:
        """One line of the rules, as a person reads them."""
        return ", ".join(self.rule_parts())

    def rule_parts(self) -> list[Message]:
        """The rules one by one, each a message the UI can translate and join."""
        parts: list[Message] = []
        if self.max_chars is not None:
            per_line = {
                "columns": template("{n} columns/line"),
                "characters": template("{n} characters/line"),
                "full-width": template("{n} full-width characters/line"),
            }.get(self.unit, "{n} columns/line")
            parts.append(say(per_line, n=_num(self.max_chars)))
        if self.max_lines is not None:
            parts.append(say("{n} lines", n=self.max_lines))
        if self.max_cps is not None:
            parts.append(say("{n} cps", n=_num(self.max_cps)))
        if self.max_wpm is not None:
            parts.append(say("{n} wpm", n=_num(self.max_wpm)))
        if self.min_duration_ms is not None or self.max_duration_ms is not None:
            low = f"{(self.min_duration_ms or 0) / 1000:.3g}"
            high = f"{self.max_duration_ms / 1000:.3g}" if self.max_duration_ms else "∞"
            parts.append(say("{low}–{high} s", low=low, high=high))
        if self.min_gap_frames:
            parts.append(say("gap ≥ {n} frames", n=self.min_gap_frames))
        if self.min_open_gap_ms:
            parts.append(say("gaps closed or ≥ {n} s", n=f"{self.min_open_gap_ms / 1000:.3g}"))
        if not self.split_sentences:
            parts.append(say("one sentence per cue"))
        return parts


def _num(value: float) -> str:
    return f"{value:g}"


_NETFLIX_TIMING = {
    "min_duration_ms": 834,  # 5/6 s = 833.3 ms, rounded up [NF-GEN]
    "max_duration_ms": 7000,  # [NF-GEN]
    "min_gap_frames": 2,  # [NF-GEN]
    "chain_gap_ms": 500,  # "12 frames" at 24 fps: close shorter gaps [NF-GEN timing]
    "max_lines": 2,  # [NF-GEN]
    "dual_speaker_dash": True,  # "-Are you coming?" / "-In a minute." [NF-EN]
}

BUILTIN_PRESETS: tuple[Preset, ...] = (
    Preset(
        id="netflix-en",
        name=template("Netflix English (USA)"),
        max_chars=42,
        unit="columns",
        max_cps=20,
        source=template(
            "Netflix TTSG General Requirements + English (USA) guide; cps via Subtitle Edit"
        ),
        **_NETFLIX_TIMING,  # type: ignore[arg-type]
    ),
    Preset(
        id="netflix-zh-hans",
        name=template("Netflix Simplified Chinese"),
        max_chars=16,
        unit="characters",
        max_cps=9,
        source=template("Netflix TTSG General Requirements + Simplified Chinese (PRC) guide"),
        **_NETFLIX_TIMING,  # type: ignore[arg-type]
    ),
    Preset(
        id="netflix-ja",
        name=template("Netflix Japanese"),
        max_chars=13,
        unit="full-width",
        max_cps=4,
        source=template("Netflix TTSG General Requirements + Japanese guide (horizontal)"),
        **_NETFLIX_TIMING,  # type: ignore[arg-type]
    ),
    Preset(
        id="bbc",
        name=template("BBC online"),
        max_chars=37,
        unit="columns",
        max_lines=2,
        max_wpm=180,
        min_open_gap_ms=1000,
        chain_gap_ms=1000,
        dual_speaker_dash=False,  # the BBC identifies speakers by colour; dashes are legacy
        source=template("BBC Subtitle Guidelines §3.1, §3.3, §4, §4.5"),
    ),
    Preset(
        id="vertical",
        name=template("Vertical short video"),
        max_chars=25,
        unit="columns",
        max_lines=3,
        max_wpm=180,
        min_open_gap_ms=1000,
        chain_gap_ms=1000,
        source=template(
            "BBC Subtitle Guidelines §3.1 (25 characters at 9:16), §3.3 (3 lines), §4, §4.5"
        ),
    ),
    Preset(
        id="sentence",
        name=template("One sentence per cue"),
        split_sentences=False,
        allow_overlap=True,
        source=template("transcript style: each sentence as the service cut it"),
    ),
)

_BY_ID = {p.id: p for p in BUILTIN_PRESETS}
_COPY_SUFFIX = re.compile(r"-custom(?:-\d+)?$")


class UnknownPresetError(LookupError):
    def __init__(self, preset_id: str, known: list[str]) -> None:
        super().__init__(preset_id, known)
        self.preset_id = preset_id
        self.known = known

    def __str__(self) -> str:
        return f"unknown preset {self.preset_id!r}; choose one of {', '.join(self.known)}"


def builtin(preset_id: str) -> Preset:
    try:
        return _BY_ID[preset_id]
    except KeyError:
        raise UnknownPresetError(preset_id, list(_BY_ID)) from None


def is_builtin(preset_id: str) -> bool:
    return preset_id in _BY_ID


def copy_of(base: Preset, taken: Collection[str]) -> Preset:
    """A custom copy of ``base`` under an id no preset in ``taken`` has.

    A copy is where every custom preset starts (the rules are edited from
    there), so it keeps every number of its base and says which base it came from.
    """
    stem = _COPY_SUFFIX.sub("", base.id) + "-custom"
    preset_id, number = stem, 2
    while preset_id in taken or is_builtin(preset_id):
        preset_id, number = f"{stem}-{number}", number + 1
    name = f"{base.name} ({'copy' if base.source.startswith('custom') else 'custom'})"
    return msgspec.structs.replace(
        base, id=preset_id, name=name, source=template("custom, based on {id}").format(id=base.id)
    )


# -- measures ---------------------------------------------------------------------


def char_width(char: str, unit: Unit) -> float:
    if unit == "columns":
        return 2.0 if is_wide(char) else 1.0
    if unit == "full-width":
        return 1.0 if is_wide(char) else 0.5
    return 1.0


def text_width(text: str, unit: Unit) -> float:
    """The width of one line in the preset's unit."""
    if unit == "characters":
        return float(len(text))
    wide = count_wide(text)
    if unit == "columns":
        return float(len(text) + wide)
    return wide + (len(text) - wide) * 0.5


def reading_chars(lines: tuple[str, ...] | list[str], unit: Unit) -> float:
    """Characters a viewer reads: every character but line breaks, half-width 0.5 in Japanese.

    Wide characters count 1 here even in the ``columns`` unit: a reading speed
    is about characters read, not room taken.
    """
    total = 0.0
    for line in lines:
        if unit == "full-width":
            total += text_width(line, unit)
        else:
            total += len(line)
    return total


def word_count(lines: tuple[str, ...] | list[str]) -> float:
    """Words for a words-per-minute rule: Latin words, and two CJK characters per word.

    The BBC's rate is written for English. Chinese words average under two
    characters, so counting two wide characters as a word keeps the rule
    meaningful for mixed text without over-counting.
    """
    words = 0.0
    for line in lines:
        wide = count_wide(line)
        latin = _LATIN_WORD.findall(WIDE_PATTERN.sub(" ", line) if wide else line)
        words += len(latin) + wide / 2
    return words


# A run of letters or digits, apostrophes inside it allowed ("don't" is one word).
_LATIN_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
