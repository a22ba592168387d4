"""What a finished subtask yields: a result document or a failure code.

Three sources, first match wins: a script the test registered for the file
(a fixed result document, a sidecar transcript, or a failure), else a result
generated from what ``audio.analyse`` heard — sentences and words laid over
the real speech stretches, so their times are plausible for the file.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain import catalog
from desktop.domain.transcript import Transcript
from desktop.formats.result_file import to_result_file
from tests.fake_dashscope.audio import AudioFacts

DOWNLOAD_FAILED = ("InvalidFile.DownloadFailed", "The audio file cannot be downloaded.")
DECODE_FAILED = ("InvalidFile.DecodeFailed", "The audio file cannot be decoded.")

_WORDS = (
    "the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "dog", "while", "seven",
    "bright", "lanterns", "hang", "above", "quiet", "harbour", "streets", "and", "people",
    "talk", "about", "weather", "markets", "music", "trains", "rivers", "morning", "evening",
    "coffee", "letters", "gardens", "bridges", "stories", "numbers", "voices", "windows",
)  # fmt: skip
_CHINESE_WORDS = (
    "我们", "今天", "讨论", "一下", "项目", "进度", "会议", "时间", "安排", "问题", "需要",
    "大家", "注意", "准备", "资料", "明天", "上午", "下午", "继续", "完成", "这里", "语音",
)  # fmt: skip
SENTENCE_MS = 5000
WORD_MS = 380


@dataclass(frozen=True)
class Script:
    """A test's decision about one file. ``result`` wins over ``code``."""

    result: dict[str, Any] | None = None  # a whole result document (``file_url`` is replaced)
    code: str | None = None  # a subtask failure
    message: str | None = None
    duration_ms: int | None = None  # pretend length; the file is then not fetched at all


@dataclass(frozen=True)
class Outcome:
    """One subtask's end: either ``document`` (result JSON) or ``code``/``message``."""

    file_url: str
    document: bytes | None = None
    code: str | None = None
    message: str | None = None
    duration_ms: int = 0
    speech_ms: int = 0  # billed: speech per requested channel, summed

    @property
    def succeeded(self) -> bool:
        return self.document is not None


def failure(file_url: str, code_message: tuple[str, str]) -> Outcome:
    return Outcome(file_url, code=code_message[0], message=code_message[1])


class Scripts:
    """Registered scripts, looked up by URL, by file name, or by file content."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_url: dict[str, Script] = {}
        self._by_name: dict[str, Script] = {}
        self._by_content: dict[tuple[int, str], Script] = {}

    def add(self, key: str | Path, script: Script) -> None:
        """``key``: a file URL, a bare file name, or a local ``Path`` (matched by content)."""
        with self._lock:
            if isinstance(key, Path):
                self._by_content[(key.stat().st_size, _sha256(key))] = script
            elif "/" in key:
                self._by_url[key] = script
            else:
                self._by_name[key] = script

    def clear(self) -> None:
        with self._lock:
            self._by_url.clear()
            self._by_name.clear()
            self._by_content.clear()

    def for_url(self, url: str) -> Script | None:
        with self._lock:
            if url in self._by_url:
                return self._by_url[url]
            name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
            return self._by_name.get(name)

    def for_file(self, path: Path) -> Script | None:
        with self._lock:
            if not self._by_content:
                return None
            size = path.stat().st_size
            if not any(s == size for s, _ in self._by_content):
                return None
        digest = _sha256(path)
        with self._lock:
            return self._by_content.get((size, digest))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def sidecar_document(transcript: Transcript) -> dict[str, Any]:
    """A domain transcript as the service's result document."""
    import msgspec

    return msgspec.to_builtins(to_result_file(transcript))


def scripted_outcome(
    file_url: str,
    script: Script,
    facts: AudioFacts | None,
    channel_ids: list[int],
    *,
    model: str,
    parameters: dict[str, Any],
) -> Outcome:
    if script.result is not None:
        document = dict(script.result)
        document["file_url"] = file_url
        if facts is not None and _is_qwen(model):
            document.setdefault("audio_info", _audio_info(facts))
        elif facts is not None:  # what the sidecar leaves out comes from the real file
            given = {k: v for k, v in (document.get("properties") or {}).items() if v is not None}
            document["properties"] = {**_properties(facts), **given}
        speech = sum(
            int(t.get("content_duration_in_milliseconds") or 0)
            for t in document.get("transcripts", [])
        )
        duration = facts.duration_ms if facts else script.duration_ms or 0
        return Outcome(
            file_url, document=_encode(document), duration_ms=duration, speech_ms=speech or duration
        )
    if script.code is not None:
        return Outcome(
            file_url,
            code=script.code,
            message=script.message or script.code,
            duration_ms=script.duration_ms or 0,
        )
    duration = script.duration_ms or (facts.duration_ms if facts else 0)
    pretend = facts or AudioFacts(duration, 16000, 1, "pcm_s16le", (((0, duration),),))
    return generated_outcome(file_url, pretend, channel_ids, model=model, parameters=parameters)


def generated_outcome(
    file_url: str,
    facts: AudioFacts,
    channel_ids: list[int],
    *,
    model: str,
    parameters: dict[str, Any],
) -> Outcome:
    """A plausible result: words over the speech the file really has."""
    wanted = [c for c in channel_ids if 0 <= c < facts.channels] or [0]
    if _is_qwen(model):
        return _qwen_outcome(file_url, facts, wanted, parameters)
    sensevoice = catalog.get(model).family is catalog.Family.SENSEVOICE
    diarize = bool(parameters.get("diarization_enabled")) and not sensevoice
    speakers = (
        parameters.get("speaker_count") if isinstance(parameters.get("speaker_count"), int) else 2
    )
    rng = random.Random(file_url)
    chinese = _speaks_chinese(model, parameters)
    transcripts = []
    speech_total = 0
    for channel in wanted:
        spans = facts.speech[channel]
        sentences = _sentences(
            spans,
            rng,
            sensevoice=sensevoice,
            speakers=max(1, speakers) if diarize else 0,
            chinese=chinese,
        )
        content = facts.speech_ms(channel)
        speech_total += content
        transcripts.append(
            {
                "channel_id": channel,
                "content_duration_in_milliseconds": content,
                "text": "".join(s["text"] for s in sentences)
                if not sensevoice
                else " ".join(s["text"] for s in sentences),
                "sentences": sentences,
            }
        )
    document = {"file_url": file_url, "properties": _properties(facts), "transcripts": transcripts}
    return Outcome(
        file_url, document=_encode(document), duration_ms=facts.duration_ms, speech_ms=speech_total
    )


def _is_qwen(model: str) -> bool:
    return catalog.get(model).request_style is catalog.RequestStyle.FILE_URL


# Qwen3-ASR's emotions (qwen doc §A.6); most sentences are neutral.
QWEN_EMOTIONS = ("neutral", "neutral", "happy", "neutral", "surprised", "sad", "angry")


def _qwen_outcome(
    file_url: str, facts: AudioFacts, channels: list[int], parameters: dict[str, Any]
) -> Outcome:
    """Qwen3-ASR's result shape: ``audio_info``, ``sentence_id`` from 0, ``language`` and
    ``emotion`` per sentence, ``words`` only with ``enable_words`` (qwen doc §A.6)."""
    rng = random.Random(file_url)
    language = parameters.get("language")
    chinese = language in ("zh", "yue")
    language = language if isinstance(language, str) else "en"
    transcripts = []
    for channel in channels:
        sentences = _sentences(facts.speech[channel], rng, sensevoice=False, speakers=0,
                               chinese=chinese)  # fmt: skip
        for index, sentence in enumerate(sentences):
            sentence["sentence_id"] = index
            sentence["language"] = language
            sentence["emotion"] = QWEN_EMOTIONS[index % len(QWEN_EMOTIONS)]
            if not parameters.get("enable_words"):
                del sentence["words"]
        transcripts.append(
            {
                "channel_id": channel,
                "text": "".join(s["text"] for s in sentences),
                "sentences": sentences,
            }
        )
    document = {"file_url": file_url, "audio_info": _audio_info(facts), "transcripts": transcripts}
    return Outcome(
        file_url,
        document=_encode(document),
        duration_ms=facts.duration_ms,
        speech_ms=facts.duration_ms * len(channels),
    )


def _audio_info(facts: AudioFacts) -> dict[str, Any]:
    return {"format": facts.audio_format, "sample_rate": facts.sample_rate}


def _properties(facts: AudioFacts) -> dict[str, Any]:
    return {
        "audio_format": facts.audio_format,
        "channels": list(range(facts.channels)),
        "original_sampling_rate": facts.sample_rate,
        "original_duration_in_milliseconds": facts.duration_ms,
    }


def _speaks_chinese(model: str, parameters: dict[str, Any]) -> bool:
    """Chinese words when asked for Chinese first, or when the model hears only Mandarin."""
    hints = parameters.get("language_hints")
    if isinstance(hints, list) and hints:
        return hints[0] in ("zh", "yue")
    return catalog.get(model).languages == ("zh",)


def _sentences(
    spans: tuple[tuple[int, int], ...],
    rng: random.Random,
    *,
    sensevoice: bool,
    speakers: int,
    chinese: bool = False,
) -> list[dict[str, Any]]:
    sentences: list[dict[str, Any]] = []
    for begin, end in _sentence_spans(spans):
        count = max(1, (end - begin) // WORD_MS)
        words = []
        step = (end - begin) / count
        for index in range(count):
            last = index == count - 1
            if chinese:  # whole words, no spaces, full-width stop (Fun-ASR style)
                text, mark = rng.choice(_CHINESE_WORDS), "。" if last else ""
            else:  # Latin words carry their trailing space
                word = rng.choice(_WORDS)
                word = word.capitalize() if index == 0 else word
                text, mark = (word, ".") if last else (word + " ", "")
            words.append(
                {
                    "begin_time": begin + round(index * step),
                    "end_time": begin + round((index + 1) * step),
                    "text": text,
                    "punctuation": mark,
                }
            )
        text = "".join(w["text"] + w["punctuation"] for w in words)
        if sensevoice:
            sentences.append(
                {
                    "begin_time": begin,
                    "end_time": end,
                    "text": f"<|Speech|> {text} <|/Speech|> <|NEUTRAL|>",
                }
            )
            continue
        sentence: dict[str, Any] = {
            "begin_time": begin,
            "end_time": end,
            "text": text,
            "sentence_id": len(sentences) + 1,
            "words": words,
        }
        if speakers:
            sentence["speaker_id"] = len(sentences) % speakers
        sentences.append(sentence)
    return sentences


def _sentence_spans(spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Speech stretches cut into sentences of at most SENTENCE_MS."""
    out = []
    for begin, end in spans:
        start = begin
        while end - start > SENTENCE_MS * 1.5:
            out.append((start, start + SENTENCE_MS))
            start += SENTENCE_MS
        out.append((start, end))
    return out


def _encode(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
