"""A long, realistic mixed Chinese/English transcript with word times, made from a seed.

Speech rates follow what Paraformer returns for conversation: Chinese words
of 1–3 characters at about 4–6 characters a second, English words of
0.2–0.45 s, commas inside sentences, pauses of 0.15–1.5 s between sentences
and now and then a long one, two or three diarized speakers taking turns of
one to four sentences, and English terms inside Chinese sentences.
"""

from __future__ import annotations

import random

from desktop.domain.transcript import Channel, Sentence, Transcript, Word

ZH_WORDS = str.split(
    "我们 今天 讨论 一下 这个 项目 的 进展 然后 看看 下一步 怎么 安排 其实 问题 不大 主要 是 时间"
    " 比较 紧 大家 觉得 呢 好 没问题 可以 数据 已经 整理 完 了 模型 效果 还 不错 但是 延迟 有点 高"
    " 所以 需要 优化 一下 服务器 部署 在 杭州 客户 那边 反馈 很 积极 会议 纪要 我 来 写"
)
EN_WORDS = str.split(
    "we should ship the new release next week because the latency is still too high and"
    " customers in Hangzhou asked for better accuracy on long meetings with several speakers"
    " so let us review the model results together before the deadline on Friday"
)
EN_TERMS = ("Python", "API", "Paraformer", "GPU", "OK", "demo", "pipeline", "JSON")
SHORT_REPLIES = (("好", "。"), ("对", "。"), ("OK", "."), ("Yes", "."), ("嗯", "。"))


def long_mixed_transcript(
    minutes: float, seed: int = 7, speakers: int = 2, pause_scale: float = 1.0
) -> Transcript:
    """``pause_scale`` below 1 shortens the pauses between sentences: denser speech."""
    rng = random.Random(seed)
    sentences: list[Sentence] = []
    clock = 500
    speaker = 0
    turn_left = rng.randint(1, 4)
    end_ms = int(minutes * 60_000)
    while clock < end_ms:
        roll = rng.random()
        if roll < 0.08:
            words, clock = _reply(rng, clock)
        elif roll < 0.45:
            words, clock = _english(rng, clock)
        else:
            words, clock = _chinese(rng, clock)
        text = "".join(w.text + w.punctuation for w in words).strip()
        sentences.append(
            Sentence(
                begin_ms=words[0].begin_ms,
                end_ms=words[-1].end_ms,
                text=text,
                words=tuple(words),
                sentence_id=len(sentences) + 1,
                speaker_id=speaker if speakers > 1 else None,
            )
        )
        turn_left -= 1
        if turn_left == 0:
            speaker = (speaker + 1) % max(speakers, 1)
            turn_left = rng.randint(1, 4)
        pause = rng.choice((150, 250, 400, 600, 900, 1500)) if rng.random() > 0.03 else 4000
        clock += int(pause * pause_scale)
    return Transcript(
        file_url="https://example.com/meetings/long%20meeting.mp4",
        channels=(Channel(channel_id=0, sentences=tuple(sentences)),),
        duration_ms=clock + 1000,
        source_channels=(0,),
    )


def _reply(rng: random.Random, clock: int) -> tuple[list[Word], int]:
    text, mark = rng.choice(SHORT_REPLIES)
    end = clock + rng.randint(180, 400)
    return [Word(clock, end, text, mark)], end


def _chinese(rng: random.Random, clock: int) -> tuple[list[Word], int]:
    words: list[Word] = []
    for index in range(rng.randint(3, 22)):
        if rng.random() < 0.1:
            text = rng.choice(EN_TERMS) + " "
            duration = rng.randint(250, 450)
        else:
            text = rng.choice(ZH_WORDS)
            duration = len(text) * rng.randint(160, 240)
        mark = "，" if index and rng.random() < 0.12 else ""
        words.append(Word(clock, clock + duration, text, mark))
        clock += duration + rng.choice((0, 0, 20, 60))
    last = words[-1]
    words[-1] = Word(last.begin_ms, last.end_ms, last.text.strip(), rng.choice("。。？！"))
    return words, words[-1].end_ms


def _english(rng: random.Random, clock: int) -> tuple[list[Word], int]:
    words: list[Word] = []
    count = rng.randint(3, 28)
    for index in range(count):
        text = rng.choice(EN_WORDS)
        if index == 0:
            text = text.capitalize()
        duration = rng.randint(180, 420)
        mark = ", " if 0 < index < count - 1 and rng.random() < 0.1 else ""
        words.append(Word(clock, clock + duration, text + ("" if mark else " "), mark))
        clock += duration + rng.choice((0, 10, 30, 80))
    last = words[-1]
    words[-1] = Word(last.begin_ms, last.end_ms, last.text.strip(), rng.choice(".?!."))
    return words, words[-1].end_ms
