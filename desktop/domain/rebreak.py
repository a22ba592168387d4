"""Re-breaking a translated cue for the target language's preset.

A translation comes back as one line per cue (the source's break means
nothing in another language). "Re-break" puts the line break where the
target preset wants it: one line when it fits, else the best place by the
cutter's own break costs (after punctuation, before a conjunction, never
after an article) with lines as even as possible, within the preset's
characters per line; when no break fits, the most even break is used and
the checker reports the long line. Chinese → English uses the English
preset's 42 columns.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from desktop.domain import subtitle_check
from desktop.domain.subtitle_presets import Preset, builtin, text_width
from desktop.domain.subtitle_tokens import sentence_tokens
from desktop.domain.subtitles import Cue, best_lines
from desktop.domain.transcript import Sentence
from desktop.domain.translation import flat_text

# The preset a target language is checked against; Latin-script languages get Netflix English.
_LANGUAGE_PRESETS = {"zh": "netflix-zh-hans", "zh_tw": "netflix-zh-hans", "ja": "netflix-ja"}
DEFAULT_TARGET_PRESET = "netflix-en"


def preset_for_language(code: str) -> Preset:
    return builtin(_LANGUAGE_PRESETS.get(code, DEFAULT_TARGET_PRESET))


def rebreak(lines: Sequence[str], preset: Preset) -> tuple[str, ...]:
    """``lines`` joined and broken again at the best place for ``preset``."""
    text = flat_text("\n".join(lines))
    if not text:
        return ()
    limit = preset.max_chars
    if limit is None or text_width(text, preset.unit) <= limit:
        return (text,)
    tokens = sentence_tokens(Sentence(0, max(len(text), 1) * 10, text), preset.unit)
    if len(tokens) < 2:
        return (text,)
    most = min(preset.max_lines or 2, 3)
    for count in range(2, most + 1):
        if len(tokens) >= count:
            best = best_lines(tokens, count, limit, preset.unit)
            if best is not None:
                return best
    return best_lines(tokens, 2, math.inf, preset.unit) or (text,)


def check_target(
    cues: Sequence[Cue], preset: Preset, fps: float | None = None
) -> list[subtitle_check.Violation]:
    """The target-language cues against the target preset (lines, speed, durations)."""
    return subtitle_check.check(cues, preset, fps)
