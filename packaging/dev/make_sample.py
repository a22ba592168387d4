"""Make the bundled sample: ``resources/sample/tingxie-sample.ogg`` and its result JSON.

Run ``.venv/bin/python packaging/dev/make_sample.py`` (needs espeak-ng and
ffmpeg). Each word is spoken by espeak-ng on its own, trimmed to its sound and
joined with silences of known length, so the word times written into the
result are exact: clicking a word in the editor plays that word.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import wave
from array import array
from pathlib import Path

from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from desktop.formats.result_file import encode_result, parse_result

OUT = Path(__file__).resolve().parents[2] / "resources" / "sample"
RATE = 22050
SENTENCES: list[tuple[str, list[tuple[str, str]]]] = [
    # (espeak-ng voice, [(word as the service writes it, punctuation)])
    ("en-us", [("Welcome ", ""), ("to ", ""), ("Tingxie", ".")]),
    (
        "en-us",
        [("Click ", ""), ("any ", ""), ("word ", ""), ("to ", ""), ("hear ", ""), ("it", ".")],
    ),
    ("cmn", [("欢迎", ""), ("使用", ""), ("听写", "。")]),
]
SAY = {"Tingxie": "ting shieh"}  # how espeak-ng should say it (pinyin "xie" is "shieh")
LEAD_MS, WORD_GAP_MS, SENTENCE_GAP_MS, TAIL_MS = 300, 120, 600, 800


def _speak(voice: str, text: str, folder: Path) -> array:
    path = folder / "word.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "165", "-w", str(path), text], check=True)
    with wave.open(str(path)) as wav:
        assert wav.getframerate() == RATE and wav.getsampwidth() == 2
        samples = array("h", wav.readframes(wav.getnframes()))
    loud = [i for i, s in enumerate(samples) if abs(s) > 300]
    return samples[loud[0] : loud[-1] + 1]


def _ms(samples: int) -> int:
    return samples * 1000 // RATE


def build(folder: Path) -> tuple[array, Transcript]:
    audio = array("h", [0] * (RATE * LEAD_MS // 1000))
    sentences = []
    for number, (voice, words) in enumerate(SENTENCES, start=1):
        timed = []
        for text, punctuation in words:
            spoken = _speak(voice, SAY.get(text.strip(), text.strip()), folder)
            begin = len(audio)
            audio.extend(spoken)
            timed.append(Word(_ms(begin), _ms(len(audio)), text, punctuation))
            audio.extend([0] * (RATE * WORD_GAP_MS // 1000))
        sentences.append(
            Sentence(
                begin_ms=timed[0].begin_ms,
                end_ms=timed[-1].end_ms,
                text="".join(w.display for w in timed),
                words=tuple(timed),
                sentence_id=number,
            )
        )
        audio.extend([0] * (RATE * SENTENCE_GAP_MS // 1000))
    audio.extend([0] * (RATE * TAIL_MS // 1000))
    duration = _ms(len(audio))
    transcript = Transcript(
        file_url="https://example.com/samples/tingxie-sample.ogg",
        channels=(Channel(0, tuple(sentences), content_duration_ms=sentences[-1].end_ms),),
        audio_format="ogg",
        sampling_rate=RATE,
        duration_ms=duration,
        source_channels=(0,),
    )
    return audio, transcript


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        audio, transcript = build(folder)
        wav_path = folder / "sample.wav"
        with wave.open(str(wav_path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(RATE)
            wav.writeframes(audio.tobytes())
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-y", "-i", str(wav_path), "-ac", "1",
             "-c:a", "libopus", "-b:a", "32k", str(OUT / "tingxie-sample.ogg")],
            check=True,
        )  # fmt: skip
    raw = encode_result(transcript)
    parse_result(raw)  # the app must be able to read what it ships
    (OUT / "tingxie-sample.json").write_bytes(raw)
    print(f"{OUT}: {transcript.duration_ms} ms, {transcript.sentence_count} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
