"""Properties of cue cutting over random transcripts: what must hold for every input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.subtitle_check import check
from desktop.domain.subtitle_presets import BUILTIN_PRESETS, Preset, text_width
from desktop.domain.subtitles import segment
from desktop.domain.transcript import Channel, Sentence, Transcript, Word

CUT_PRESETS = [p for p in BUILTIN_PRESETS if p.split_sentences]
# Rules the cutter can always keep when no single word is wider than a line.
ALWAYS_KEPT = {"line-too-long", "too-many-lines", "too-long", "overlap", "gap"}

latin = st.sampled_from(
    str.split(
        "we ship the new release next week because latency is still high and customers asked"
        " Paraformer API GPU OK 2019 don't"
    )
)
cjk = st.sampled_from(
    str.split("我们 今天 讨论 一下 项目 进展 杭州 客户 反馈 很 积极 数据 模型 服务器 部署")
)
marks = st.sampled_from(["", "", "", ",", ".", "?", "，", "。", "、"])


@st.composite
def words_of_sentence(draw: st.DrawFn, clock: int) -> list[Word]:
    words: list[Word] = []
    for _ in range(draw(st.integers(1, 30))):
        duration = draw(st.integers(0, 900))
        if draw(st.booleans()):
            text = draw(latin) + " "
            mark = draw(marks)
            if mark in ",.?":
                text, mark = text.strip(), mark + " "
        else:
            text, mark = draw(cjk), draw(marks)
        words.append(Word(clock, clock + duration, text, mark))
        clock += duration + draw(st.sampled_from([0, 0, 20, 100, 400, 2500]))
    return words


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    sentences: list[Sentence] = []
    clock = draw(st.integers(0, 2000))
    for number in range(draw(st.integers(1, 12))):
        words = draw(words_of_sentence(clock))
        text = "".join(w.display for w in words).strip()
        has_words = draw(st.integers(0, 4)) > 0  # now and then a SenseVoice-like sentence
        sentences.append(
            Sentence(
                begin_ms=words[0].begin_ms,
                end_ms=max(w.end_ms for w in words),
                text=text,
                words=tuple(words) if has_words else (),
                sentence_id=number,
                speaker_id=draw(st.sampled_from([None, 0, 1])),
            )
        )
        clock = sentences[-1].end_ms + draw(st.sampled_from([0, 50, 300, 1200, 5000]))
    return Transcript(file_url="file:///x.wav", channels=(Channel(0, tuple(sentences)),))


def _stream(text: str) -> str:
    return "".join(text.split())


def _breaks(transcript: Transcript) -> tuple[str, set[int]]:
    """The spoken text without spaces, and every offset where a cue or line may break."""
    text, allowed = "", {0}
    for sentence in transcript.channels[0].sentences:
        pieces = (
            [w.display for w in sentence.words]
            if sentence.words
            else [c for piece in sentence.text.split() for c in _pieces(piece)]
        )
        for piece in pieces:
            text += _stream(piece)
            allowed.add(len(text))
    return text, allowed


def _pieces(word: str) -> list[str]:
    """A whitespace-free run as the cutter may break it: Latin runs whole, CJK by character."""
    out: list[str] = []
    for char in word:
        if "\u4e00" <= char <= "\u9fff" or char in "，。、":
            out.append(char)
        elif out and not ("\u4e00" <= out[-1][-1] <= "\u9fff" or out[-1][-1] in "，。、"):
            out[-1] += char
        else:
            out.append(char)
    return out


def _line_text(line: str) -> str:
    return line[1:] if line.startswith("-") else line  # a dialogue cue's dash is ours


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    transcript=transcripts(),
    preset=st.sampled_from(CUT_PRESETS),
    fps=st.sampled_from([None, 25, 29.97, 60]),
)
def test_cutting_keeps_every_word_once_in_order_and_the_hard_rules(
    transcript: Transcript, preset: Preset, fps: float | None
) -> None:
    cut = segment(transcript, preset, fps)
    spoken, allowed = _breaks(transcript)

    # every word exactly once, in order, never split inside (breaks only at word boundaries)
    shown, offset = "", 0
    for cue in cut.cues:
        for line in cue.lines:
            part = _stream(_line_text(line))
            shown += part
            offset += len(part)
            assert offset in allowed, f"break inside a word at {shown[-12:]!r}"
    assert shown == spoken

    # times: every cue visible, in order, never overlapping, at least the minimum gap apart
    gap = preset.min_gap_ms(fps)
    for cue, following in zip(cut.cues, cut.cues[1:], strict=False):
        assert cue.start_ms < cue.end_ms
        assert following.start_ms - cue.end_ms >= gap
    assert all(c.start_ms < c.end_ms for c in cut.cues)

    # no hard limit broken: the rules the speech cannot force are always kept
    violations = check(cut.cues, preset, fps, cut.notes)
    assert [v for v in violations if v.rule in ALWAYS_KEPT] == []
    # and every error that remains is one the speech forced, with the reason given
    assert all(v.reason for v in violations if v.severity == "error")
    for cue in cut.cues:
        assert len(cue.lines) <= (preset.max_lines or 99)
        assert all(text_width(line, preset.unit) <= (preset.max_chars or 1e9) for line in cue.lines)


@settings(max_examples=40, deadline=None)
@given(transcript=transcripts(), preset=st.sampled_from(CUT_PRESETS))
def test_a_cue_never_mixes_speakers_except_as_a_dashed_dialogue(
    transcript: Transcript, preset: Preset
) -> None:
    cut = segment(transcript, preset)
    labels = {transcript.speaker_label(s) for s in transcript.channels[0].sentences}
    for cue in cut.cues:
        if cue.speaker is None and len(labels) > 1 and all(x.startswith("-") for x in cue.lines):
            assert preset.dual_speaker_dash and len(cue.lines) == 2
        else:
            assert cue.speaker in labels
