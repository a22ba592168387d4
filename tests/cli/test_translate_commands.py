"""``tingxie translate`` and the translated exports, as a subtitler runs them in a terminal.

The emulator runs as its own process and so does every ``tingxie`` command; the
library is a real SQLite file, the exports are read back by ffmpeg. The
emulator's pseudo-translation is reversible (``pseudo.source_of``), so each
line read back tells which source cue it was made from.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain import cue_editing as edit
from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from desktop.domain.translation import flat_text
from desktop.formats.result_file import encode_result
from desktop.jobs.track_translation import cue_translations, set_translation
from desktop.store.library import Library
from tests.fake_dashscope.process import EmulatorProcess
from tests.fake_dashscope.pseudo import source_of
from tests.helpers.cli import tingxie
from tests.helpers.queue_processes import UNREACHABLE, Tingxie, queue_env, rows, wait_for
from tests.helpers.subtitle_readers import read_with_ffmpeg

pytestmark = pytest.mark.slow

TRACK = "字幕"
PHRASES = ("欢迎收看今天的节目", "我们先看一下数据", "这个功能非常好用", "谢谢大家的收听")


def _talk(count: int) -> Transcript:
    """``count`` Chinese sentences of 2 s each, 0.5 s apart, each naming its number."""
    sentences = []
    for i in range(count):
        text = f"{PHRASES[i % 4]}第{i + 1}句。"
        begin = 500 + i * 2_500
        step = 2_000 // len(text)
        words = tuple(
            Word(begin + j * step, begin + (j + 1) * step, ch) for j, ch in enumerate(text)
        )
        sentences.append(Sentence(begin, words[-1].end_ms, text, words))
    return Transcript("file:///talk.mp4", (Channel(0, tuple(sentences)),))


def _item(home: Path, count: int) -> int:
    home.mkdir(parents=True, exist_ok=True)
    transcript = _talk(count)
    with Library.open(home / "library.sqlite3") as library:
        return library.add_item(
            raw=encode_result(transcript), source="talk.json", transcript=transcript,
            title="访谈",
        )  # fmt: skip


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[EmulatorProcess]:
    with EmulatorProcess(request_log=tmp_path / "requests.jsonl") as running:
        yield running


def _env(emulator: EmulatorProcess, home: Path) -> dict[str, str]:
    env = queue_env(emulator, home)
    env["TINGXIE_ENDPOINT"] = emulator.base_url  # chosen as for transcribe: the variable
    return env


def _chat_requests(emulator: EmulatorProcess) -> list[list[str]]:
    """The source lines of every answered chat request, in order."""
    return [
        r["body"]["messages"][0]["content"].split("\n")
        for r in emulator.requests()
        if r["route"] == "chat" and r["status"] == 200
    ]


def test_translate_fix_two_export_bilingual_ass_and_english_srt_then_only_stale_cues(
    tmp_path: Path, emulator: EmulatorProcess
) -> None:
    home = tmp_path / "home"
    item = _item(home, 12)
    env = _env(emulator, home)
    made = tingxie("tracks", "create", item, "--preset", "netflix-zh-hans", "--name", TRACK,
                   home=home, env=env)  # fmt: skip
    assert made.returncode == 0, made.stderr

    done = tingxie("translate", item, "--track", TRACK, "--to", "en", "--wait", home=home, env=env)
    assert done.returncode == 0, done.stderr
    assert re.search(r"requests, about \d+ tokens sent", done.stderr)  # the estimate, first
    assert done.stderr.index("tokens sent") < done.stderr.index("translated ")
    assert "translated 12/12 cues" in done.stderr
    assert "12 of 12 cues translated into en" in done.stdout

    with Library.open(home / "library.sqlite3") as library:
        info = library.tracks.find(item, TRACK)
        track = library.tracks.load(info.id)
        set_translation(library, info.id, track, 0, "en", "Welcome to today's show, part 1")
        set_translation(library, info.id, track, 3, "en", "Thank you all for listening")
    times = [(c.start_ms, c.end_ms) for c in track.cues]

    srt, ass = tmp_path / "en.srt", tmp_path / "both.ass"
    for argv in (
        ("-f", "srt", "--language", "en", "-o", srt),
        ("-f", "ass", "--bilingual", "-o", ass),
    ):
        out = tingxie("export", item, "--track", TRACK, *argv, home=home, env=env)
        assert out.returncode == 0, out.stderr
    english = read_with_ffmpeg(srt)
    assert [(s, e) for s, e, _ in english] == times
    assert english[0][2] == "Welcome to today's show, part 1"
    assert english[3][2] == "Thank you all for listening"
    for (_, _, text), cue in list(zip(english, track.cues, strict=True))[4:]:
        assert source_of(text.replace("\n", " ")) == flat_text(cue.text)
    both = read_with_ffmpeg(ass)
    assert [(s, e) for s, e, _ in both] == times  # whole centiseconds, as ASS stores them
    plain = re.sub(r"<[^>]+>", "", both[3][2])
    assert plain == f"{track.cues[3].text}\nThank you all for listening"

    # The subtitler fixes a source cue: its translation is stale, and only it is sent again.
    with Library.open(home / "library.sqlite3") as library:
        library.tracks.save(info.id, edit.set_text(track, 5, "这个功能真的非常好用"))
    listed = tingxie("tracks", "list", item, home=home, env=env)
    assert "en 11 (1 stale)" in listed.stdout
    sent_before = len(_chat_requests(emulator))
    again = tingxie("translate", item, "--track", TRACK, "--to", "en", home=home, env=env)
    assert again.returncode == 0, again.stderr
    resent = _chat_requests(emulator)[sent_before:]
    assert [line for lines in resent for line in lines] == ["这个功能真的非常好用"]
    with Library.open(home / "library.sqlite3") as library:
        fresh = library.tracks.load(info.id)
        rows_now = cue_translations(library, info.id, fresh, "en")
    assert not any(r.stale for r in rows_now)
    assert rows_now[0].text == "Welcome to today's show, part 1"  # a person's fix is kept
    assert source_of(rows_now[5].text or "") == "这个功能真的非常好用"
    nothing = tingxie("translate", item, "--track", TRACK, "--to", "en", home=home, env=env)
    assert "nothing was sent" in nothing.stdout
    assert len(_chat_requests(emulator)) == sent_before + len(resent)


def test_bad_requests_name_the_fix(tmp_path: Path, emulator: EmulatorProcess) -> None:
    home = tmp_path / "home"
    item = _item(home, 3)
    env = _env(emulator, home)
    tingxie("tracks", "create", item, "--preset", "netflix-zh-hans", "--name", TRACK,
            home=home, env=env)  # fmt: skip
    no_translation = tingxie("export", item, "--track", TRACK, "-f", "srt", "--bilingual",
                             home=home, env=env)  # fmt: skip
    assert no_translation.returncode == 1
    assert "has no translation yet" in no_translation.stderr
    assert "tingxie translate" in no_translation.stderr
    unknown = tingxie("translate", item, "--track", TRACK, "--to", "klingon", home=home, env=env)
    assert unknown.returncode == 1 and "unknown language 'klingon'" in unknown.stderr
    bad = tmp_path / "terms.csv"
    bad.write_text("术语,translation\n只有一列\n", encoding="utf-8")
    glossary = tingxie("translate", item, "--track", TRACK, "--to", "en", "--glossary", bad,
                       home=home, env=env)  # fmt: skip
    assert glossary.returncode == 1
    assert f"{bad}, line 2: expected two columns" in glossary.stderr
    assert emulator.chat_billed() == []  # nothing was sent for any of them


def test_glossary_terms_reach_the_service(tmp_path: Path, emulator: EmulatorProcess) -> None:
    home = tmp_path / "home"
    item = _item(home, 4)
    env = _env(emulator, home)
    tingxie("tracks", "create", item, "--preset", "netflix-zh-hans", "--name", TRACK,
            home=home, env=env)  # fmt: skip
    terms = tmp_path / "terms.csv"
    terms.write_text("term,translation\n数据,DATA\n", encoding="utf-8")
    done = tingxie("translate", item, "--track", TRACK, "--to", "en", "--glossary", terms,
                   home=home, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    (body,) = [r["body"] for r in emulator.requests() if r["route"] == "chat"]
    assert {"source": "数据", "target": "DATA"} in body["translation_options"]["terms"]


def test_killed_during_translate_wait_the_rerun_pays_no_batch_twice_and_loses_no_cue(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    item = _item(home, 400)
    with EmulatorProcess(
        "--chat-latency-s", "0.25", request_log=tmp_path / "requests.jsonl"
    ) as emulator:
        env = _env(emulator, home)
        made = tingxie("tracks", "create", item, "--preset", "netflix-zh-hans", "--name", TRACK,
                       home=home, env=env)  # fmt: skip
        assert made.returncode == 0, made.stderr
        argv = ("translate", item, "--track", TRACK, "--to", "en", "--wait", "--yes")

        def stored() -> int:
            return len(rows(home, "SELECT cue_key FROM cue_translations"))

        first = Tingxie(*argv, env=env, folder=tmp_path / "first")
        wait_for(lambda: stored() >= 60, "some batches stored", timeout=60)
        assert first.process.poll() is None, first.stderr
        first.kill()
        before = {r[0] for r in rows(home, "SELECT cue_key FROM cue_translations")}
        time.sleep(0.6)  # answers in flight at the kill reach the log
        at_kill = len(_chat_requests(emulator))

        second = Tingxie(*argv, env=env, folder=tmp_path / "second")
        assert second.wait(120) == 0, second.stderr
        sent = _chat_requests(emulator)
    with Library.open(home / "library.sqlite3") as library:
        info = library.tracks.find(item, TRACK)
        track = library.tracks.load(info.id)
        final = cue_translations(library, info.id, track, "en")
    by_text = {flat_text(c.text): c.key for c in track.cues}
    first_run = [by_text[line] for lines in sent[:at_kill] for line in lines]
    second_run = [by_text[line] for lines in sent[at_kill:] for line in lines]
    # No cue lost, each translation from its own cue.
    assert all(row.text for row in final)
    for row, cue in zip(final, track.cues, strict=True):
        assert source_of(row.text or "") == flat_text(cue.text)
    assert before <= set(first_run)  # what was stored had been paid for by the first run
    # Nothing stored before the kill was sent again; the rest went exactly once.
    assert not set(second_run) & before
    assert sorted(second_run) == sorted({c.key for c in track.cues} - before)
    assert len(second_run) == len(set(second_run))
    assert UNREACHABLE not in second.stderr


def test_a_refused_cue_is_flagged_the_rest_translated_and_a_bad_key_says_so(
    tmp_path: Path, emulator: EmulatorProcess
) -> None:
    home = tmp_path / "home"
    item = _item(home, 8)
    env = _env(emulator, home)
    tingxie("tracks", "create", item, "--preset", "netflix-zh-hans", "--name", TRACK,
            home=home, env=env)  # fmt: skip
    bad = {**env, "DASHSCOPE_API_KEY": "sk-wrong"}
    refused_key = tingxie("translate", item, "--track", TRACK, "--to", "en", home=home, env=bad)
    assert refused_key.returncode == 1
    assert "invalid_api_key" in refused_key.stderr and "sk-wrong" not in refused_key.stderr
    emulator.chat_script("refuse-input", match="第3句")
    done = tingxie("translate", item, "--track", TRACK, "--to", "en", home=home, env=env)
    assert done.returncode == 1
    assert "would not translate cue(s) 3;" in done.stderr
    assert "7 of 8 cues translated" in done.stdout
    with Library.open(home / "library.sqlite3") as library:
        info = library.tracks.find(item, TRACK)
        rows_now = cue_translations(library, info.id, library.tracks.load(info.id), "en")
    assert [r.status for r in rows_now].count("refused") == 1 and rows_now[2].text is None
    srt = tmp_path / "en.srt"
    assert tingxie("export", item, "--track", TRACK, "-f", "srt", "--language", "en", "-o", srt,
                   home=home, env=env).returncode == 0  # fmt: skip
    english = read_with_ffmpeg(srt)
    assert len(english) == 8 and english[2][2].startswith(PHRASES[2])  # kept, in the source


def test_ctrl_c_keeps_every_stored_batch_and_says_how_to_go_on(tmp_path: Path) -> None:
    home = tmp_path / "home"
    item = _item(home, 300)
    with EmulatorProcess("--chat-latency-s", "0.25") as emulator:
        env = _env(emulator, home)
        tingxie("tracks", "create", item, "--preset", "netflix-zh-hans", "--name", TRACK,
                home=home, env=env)  # fmt: skip
        run = Tingxie("translate", item, "--track", TRACK, "--to", "en", "--wait",
                      env=env, folder=tmp_path / "run")  # fmt: skip
        wait_for(lambda: "translated " in run.stderr, "the first batch stored", timeout=60)
        assert run.interrupt() == 130
    stored = len(rows(home, "SELECT cue_key FROM cue_translations WHERE text IS NOT NULL"))
    assert 0 < stored < 300
    assert f"stopped: {stored} of 300 cues of {TRACK} (item {item}) are translated" in run.stderr
    assert "run the same command again to translate the rest" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_hot_words_the_item_was_transcribed_with_go_along_as_names_to_keep(
    tmp_path: Path, emulator: EmulatorProcess
) -> None:
    import asyncio

    from desktop.dashscope.account import with_account
    from desktop.dashscope.client import DashScopeClient
    from desktop.dashscope.endpoints import Endpoint
    from desktop.dashscope.options import TranscriptionOptions
    from desktop.dashscope.vocabulary import VocabularyEntry
    from desktop.jobs import job_options
    from desktop.store.jobs import JobState

    async def create(client: DashScopeClient) -> str:
        return await client.vocabularies.create("paraformer-v2", "talk", [VocabularyEntry("数据")])

    vocabulary = asyncio.run(with_account(Endpoint.named(emulator.base_url), emulator.api_key,
                                          create))  # fmt: skip
    home = tmp_path / "home"
    item = _item(home, 4)
    with Library.open(home / "library.sqlite3") as library:
        options = job_options.encode(TranscriptionOptions(vocabulary_id=vocabulary))
        job = library.jobs.add(source="/talk.mp4", is_url=False, title="talk",
                               model="paraformer-v2", options=options, batch_key="k")  # fmt: skip
        library.jobs.update(job.id, state=JobState.DONE, item_id=item)
    env = _env(emulator, home)
    tingxie("tracks", "create", item, "--preset", "netflix-zh-hans", "--name", TRACK,
            home=home, env=env)  # fmt: skip
    done = tingxie("translate", item, "--track", TRACK, "--to", "en", home=home, env=env)
    assert done.returncode == 0, done.stderr
    (body,) = [r["body"] for r in emulator.requests() if r["route"] == "chat"]
    assert "Names and terms that occur: 数据." in body["translation_options"]["domains"]
