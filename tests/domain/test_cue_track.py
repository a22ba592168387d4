"""Cue tracks: cut with their words, edited by pure operations, checked live, kept linked."""

from __future__ import annotations

import random

import pytest
from msgspec.structs import replace

from desktop.domain import cue_editing as edit
from desktop.domain.cue_editing import CueEditError, changed_span
from desktop.domain.cue_rows import cue_rows
from desktop.domain.cue_timing import apply_timing_rules
from desktop.domain.cue_track import CueTrack, TrackCue, cut_track, imported_track
from desktop.domain.editing import SentenceRef, edit_text
from desktop.domain.staleness import changed_words, mark_changed, recut_stale, refresh
from desktop.domain.subtitle_presets import builtin
from desktop.domain.subtitles import Cue
from desktop.domain.timecode import FPS_23_976, FPS_25, frame_to_ms, snap_to_frame
from desktop.domain.track_check import CheckContext, check_track, recheck
from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from tests.helpers.long_transcript import long_mixed_transcript

NETFLIX = builtin("netflix-en")


def sentence(begin: int, text: str, step: int = 300) -> Sentence:
    words = []
    tokens = text.split()
    for i, token in enumerate(tokens):
        last = i == len(tokens) - 1
        words.append(
            Word(begin + i * step, begin + i * step + step - 20, token + ("" if last else " "))
        )
    return Sentence(begin, words[-1].end_ms, text, tuple(words))


def transcript(*sentences: Sentence) -> Transcript:
    return Transcript("file:///talk.mp4", (Channel(0, sentences),), duration_ms=60_000)


TALK = transcript(
    sentence(300, "Where were you last night?"),
    sentence(4000, "I was at home with my sister, watching the game until very late."),
    sentence(9000, "Really?"),
    sentence(9600, "Yes."),
)


def test_a_cut_track_keeps_the_words_of_each_cue() -> None:
    track = cut_track(TALK, NETFLIX, "Netflix")
    assert track.cues[0].lines == ("Where were you last night?",)
    for cue in track.cues:
        assert "".join(w.display for w in cue.words).replace(" ", "") == cue.text.replace(
            " ", ""
        ).replace("\n", "")
    assert track.cues[0].words[0] == TALK.channels[0].sentences[0].words[0]


def test_splitting_at_the_cursor_takes_the_times_of_the_words_around_it() -> None:
    track = cut_track(TALK, NETFLIX, "Netflix")
    index = next(i for i, c in enumerate(track.cues) if c.text.startswith("I was"))
    cue = track.cues[index]
    position = cue.text.index("watching")
    after = edit.split_cue(track, index, position)
    first, second = after.cues[index], after.cues[index + 1]
    watching = next(w for w in cue.words if w.text.startswith("watching"))
    sister = next(w for w in cue.words if w.text.startswith("sister"))
    assert first.text.endswith("sister,") and second.text.startswith("watching")
    assert (first.end_ms, second.start_ms) == (sister.end_ms, watching.begin_ms)
    assert (first.start_ms, second.end_ms) == (cue.start_ms, cue.end_ms)
    assert len(after) == len(track) + 1 and track.cues[index] is cue  # the old track is intact


def test_a_cue_without_words_is_split_by_its_share_of_characters() -> None:
    track = imported_track([Cue(0, 2000, ("aaaa bbbb",))], "file", "netflix-en")
    after = edit.split_cue(track, 0, 5)
    assert [(c.start_ms, c.end_ms, c.lines) for c in after.cues] == [
        (0, 1111, ("aaaa",)),
        (1111, 2000, ("bbbb",)),
    ]
    with pytest.raises(CueEditError, match="between two words"):
        edit.split_cue(track, 0, 0)


def test_line_breaks_are_data_and_merging_keeps_both_texts() -> None:
    track = cut_track(TALK, NETFLIX, "Netflix")
    broken = edit.set_text(track, 0, "Where were you\nlast night?")
    assert broken.cues[0].lines == ("Where were you", "last night?")
    merged = edit.merge_with_next(broken, 0)
    assert merged.cues[0].lines[:2] == ("Where were you", "last night?")
    assert merged.cues[0].end_ms == broken.cues[1].end_ms
    assert edit.merge_with_previous(broken, 1) == merged


def test_moving_a_word_to_the_neighbour_moves_its_time_too() -> None:
    track = cut_track(TALK, NETFLIX, "Netflix")
    moved = edit.move_last_word_to_next(track, 0, gap_ms=80)
    night = TALK.channels[0].sentences[0].words[-1]
    assert moved.cues[0].lines == ("Where were you last",)
    assert moved.cues[1].lines[0].startswith("night? I was")
    assert moved.cues[1].start_ms == night.begin_ms
    assert moved.cues[0].end_ms <= night.begin_ms - 80
    back = edit.move_first_word_to_previous(moved, 1)
    assert back.cues[0].lines == ("Where were you last night?",)


def test_times_nudge_by_ms_and_by_frames_and_close_the_gap() -> None:
    track = cut_track(TALK, NETFLIX, "Netflix")
    cue = track.cues[0]
    assert edit.nudge(track, 0, "start", -100).cues[0].start_ms == cue.start_ms - 100
    stepped = edit.nudge_frames(track, 0, "end", 1, FPS_25).cues[0]
    assert stepped.end_ms % 40 == 0  # on a frame start: one frame after the nearest one
    assert stepped.end_ms - snap_to_frame(cue.end_ms, FPS_25) == 40
    closed = edit.close_gap_to_next(track, 0, gap_ms=84)
    assert closed.cues[0].end_ms == track.cues[1].start_ms - 84
    with pytest.raises(CueEditError, match=r"after the cue.s start"):
        edit.set_end(track, 0, cue.start_ms)


def test_insert_delete_shift_and_stretch_keep_start_order() -> None:
    track = cut_track(TALK, NETFLIX, "Netflix")
    inserted = edit.insert_cue(track, 2500, 3500, "(door slams)")
    index = edit.inserted_index(inserted, 2500)
    assert inserted.cues[index].lines == ("(door slams)",)
    assert [c.start_ms for c in inserted.cues] == sorted(c.start_ms for c in inserted.cues)
    assert edit.delete_cue(inserted, index) == track
    shifted = edit.shift(track, 1000)
    assert [c.start_ms for c in shifted.cues] == [c.start_ms + 1000 for c in track.cues]
    stretched = edit.stretch(track, (0, 0), (10_000, 10_100))
    assert stretched.cues[-1].start_ms == round(track.cues[-1].start_ms * 1.01)


def test_a_recheck_after_an_edit_equals_a_full_check_and_next_problem_finds_it() -> None:
    long = long_mixed_transcript(30, seed=3)
    track = cut_track(long, NETFLIX, "long", FPS_23_976)
    shots = tuple(range(1000, long.end_ms, 3100))
    context = CheckContext(NETFLIX, FPS_23_976, shots)
    checked = check_track(track, context)
    rng = random.Random(5)
    for _ in range(60):
        index = rng.randrange(len(track) - 1)
        operation = rng.choice(("text", "split", "merge", "end", "move", "delete"))
        if operation == "text":
            new = edit.set_text(track, index, "x" * 90)
        elif operation == "split" and len(track.cues[index].text) > 4:
            new = edit.split_cue(track, index, len(track.cues[index].text) // 2)
        elif operation == "merge":
            new = edit.merge_with_next(track, index)
        elif operation == "end":
            new = edit.nudge(track, index, "end", 900)
        elif operation == "move":  # past its neighbours: the track re-sorts
            new = edit.nudge(track, index, "both", 9000)
            assert [c.start_ms for c in new.cues] == sorted(c.start_ms for c in new.cues)
        else:
            new = edit.delete_cue(track, index)
        checked = recheck(checked, track, new)
        track = new
        full = check_track(track, context)
        assert [checked.problems(i) for i in range(len(track))] == [
            full.problems(i) for i in range(len(track))
        ]
    flagged = edit.set_text(track, 5, "y" * 100)
    checked = recheck(checked, track, flagged)
    assert checked.next_problem(4) == 5 or checked.problems(checked.next_problem(4) or 0)
    assert any(p.rule == "line-too-long" and p.field == "text" for p in checked.problems(5))


def test_unavoidable_problems_carry_the_cutters_reason() -> None:
    words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    fast = transcript(sentence(0, words, step=40), sentence(700, "Next."))
    track = cut_track(fast, NETFLIX, "fast")
    problems = check_track(track, CheckContext(NETFLIX)).problems(0)
    assert any(p.unavoidable and p.reason for p in problems)


def test_timing_rules_pull_edges_to_a_shot_change_and_the_check_agrees() -> None:
    rate = FPS_23_976
    cut = frame_to_ms(48, rate)  # a shot change at frame 48 (2.002 s)
    track = CueTrack("t", "netflix-en", (
        TrackCue(300, frame_to_ms(50, rate), ("Ends 2 frames after the cut.",)),
        TrackCue(frame_to_ms(53, rate), 4000, ("Starts 5 frames after it.",)),
    ), rate=rate)  # fmt: skip
    context = CheckContext(NETFLIX, rate, (cut,))
    before = check_track(track, context)
    assert [p.rule for i in range(2) for p in before.problems(i)] == ["shot-change", "shot-change"]
    fixed, changes = apply_timing_rules(track, context)
    assert fixed.cues[0].end_ms == frame_to_ms(46, rate)  # 2 frames before the cut
    assert fixed.cues[1].start_ms == cut
    assert [c.index for c in changes] == [0, 1]
    assert all(not check_track(fixed, context).problems(i) for i in range(2))


def test_changed_span_names_exactly_the_edited_cues() -> None:
    track = cut_track(TALK, NETFLIX, "Netflix")
    assert changed_span(track, edit.set_text(track, 1, "Hi.")) == (1, 1, 1)
    assert changed_span(track, edit.split_cue(track, 1, 6)) == (1, 1, 2)
    assert changed_span(track, edit.merge_with_next(track, 0)) == (0, 2, 1)


def test_correcting_the_transcript_marks_only_those_cues_stale_and_recut_keeps_manual_work() -> (
    None
):
    track = cut_track(TALK, NETFLIX, "Netflix")
    track = edit.set_text(track, 0, "Where were you\nlast night?")  # manual work
    corrected = edit_text(
        TALK, SentenceRef(0, 1), "I was at home with my brother, watching the game until very late."
    )
    gone, added = changed_words(TALK, corrected)
    assert "sister, " in {w.text for w in gone}
    stale = mark_changed(track, gone, added)
    assert [c.stale for c in stale.cues] == [c.text.startswith("I was") for c in track.cues]
    assert refresh(track, corrected) == stale  # the full compare finds the same
    recut = recut_stale(stale, corrected, NETFLIX)
    assert recut.cues[0] is track.cues[0]  # the manual line break survived
    assert any("brother" in c.text for c in recut.cues)
    assert not any(c.stale for c in recut.cues)
    assert len(recut) == len(track)


def test_rows_carry_what_the_view_shows() -> None:
    track = cut_track(TALK, NETFLIX, "Netflix")
    row = cue_rows(track, NETFLIX)[0]
    cue = track.cues[0]
    assert row.number == 1 and row.text == cue.text
    assert row.duration_ms == cue.end_ms - cue.start_ms
    assert row.cps == pytest.approx(len(cue.text) / (row.duration_ms / 1000))
    assert row.cpl == (float(len(cue.text)),)


def test_imported_cues_keep_their_times_and_lines() -> None:
    track = imported_track([Cue(1000, 2000, ("b",)), Cue(0, 900, ("a", "a2"))], "f", "bbc")
    assert [(c.start_ms, c.lines) for c in track.cues] == [(0, ("a", "a2")), (1000, ("b",))]
    assert track.origin == "import" and not track.cues[0].words
    assert replace(track, name="g").name == "g"


def test_timing_rules_lengthen_short_cues_close_small_gaps_and_open_tight_ones() -> None:
    track = CueTrack("t", "netflix-en", (
        TrackCue(0, 400, ("Short.",)),  # under 5/6 s, room after it
        TrackCue(2000, 3000, ("A gap of 0.3 s follows.",)),
        TrackCue(3300, 4200, ("Too close:",)),
        TrackCue(4220, 5200, ("20 ms after.",)),
    ))  # fmt: skip
    context = CheckContext(NETFLIX, FPS_25)
    fixed, changes = apply_timing_rules(track, context)
    gap = context.gap_ms  # 2 frames at 25 fps
    assert fixed.cues[0].end_ms == 834
    assert fixed.cues[1].end_ms == 3300 - gap
    assert fixed.cues[2].end_ms == 4220 - gap
    assert [c.reasons for c in changes] == [
        ("minimum duration",), ("small gap closed",), ("minimum gap",),
    ]  # fmt: skip
    assert all(not check_track(fixed, context).problems(i) for i in range(4))
    assert apply_timing_rules(fixed, context) == (fixed, [])


def test_the_cue_on_screen_is_found_by_time() -> None:
    track = cut_track(TALK, NETFLIX, "Netflix")
    assert edit.index_at(track, track.cues[1].start_ms + 5) == 1
    assert edit.index_at(track, track.cues[0].start_ms - 1) is None
    assert edit.index_at(track, track.cues[-1].end_ms) is None


def test_recutting_after_a_deletion_drops_the_words_that_are_gone() -> None:
    track = cut_track(TALK, NETFLIX, "Netflix")
    channel = TALK.channels[0]
    shorter = replace(TALK, channels=(replace(channel, sentences=channel.sentences[:2]),))
    stale = refresh(track, shorter)
    assert [c.stale for c in stale.cues][-1] is True
    recut = recut_stale(stale, shorter, NETFLIX)
    assert not any("Really" in c.text or "Yes" in c.text for c in recut.cues)
    assert recut.cues[0] is track.cues[0]  # untouched cues are kept as they were


def test_cue_edges_can_snap_to_shot_changes() -> None:
    from desktop.domain.snapping import snap_targets

    targets = snap_targets(TALK.channels[0].sentences, shots=[2002])
    assert targets.snap(2030, 50) == 2002


def test_an_edge_snaps_to_the_nearest_shot_change_on_command() -> None:
    from desktop.domain.cue_timing import snap_to_shot_change

    rate = FPS_23_976
    track = CueTrack("t", "netflix-en", (TrackCue(1500, 3800, ("Hello.",)),), rate=rate)
    context = CheckContext(NETFLIX, rate, (frame_to_ms(48, rate), frame_to_ms(120, rate)))
    assert snap_to_shot_change(track, 0, "start", context).cues[0].start_ms == frame_to_ms(48, rate)
    assert snap_to_shot_change(track, 0, "end", context).cues[0].end_ms == frame_to_ms(118, rate)
    with pytest.raises(CueEditError, match="detect them first"):
        snap_to_shot_change(track, 0, "end", CheckContext(NETFLIX, rate))
    far = CheckContext(NETFLIX, rate, (20_000,))
    with pytest.raises(CueEditError, match=r"within 1\.5 s"):
        snap_to_shot_change(track, 0, "end", far)


def test_every_cue_has_a_stable_key_that_edits_keep_and_new_cues_get_fresh() -> None:
    """Translations are stored under ``TrackCue.key``: edits keep it, a split keeps it on
    the first part, a merge on the first cue, a new cue gets its own."""
    from desktop.domain.cue_track import keyed

    track = cut_track(TALK, NETFLIX, "Netflix")
    keys = [c.key for c in track.cues]
    assert all(keys) and len(set(keys)) == len(keys)
    moved = edit.nudge(edit.set_text(track, 0, "Changed\ntext"), 0, "end", 40)
    assert [c.key for c in moved.cues] == keys
    split = edit.split_cue(track, 0, track.cues[0].text.index("you"))
    assert split.cues[0].key == keys[0] and split.cues[1].key not in keys
    merged = edit.merge_with_next(track, 0)
    assert merged.cues[0].key == keys[0] and keys[1] not in [c.key for c in merged.cues]
    old = CueTrack("old", "netflix-en", (TrackCue(0, 900, ("a",)), TrackCue(1000, 1900, ("b",))))
    assert [c.key for c in keyed(old, fallback="t7").cues] == ["t7.0", "t7.1"]  # same each time
    twice = CueTrack("dup", "netflix-en", (TrackCue(0, 9, ("a",), key="k"),) * 2)
    assert len({c.key for c in keyed(twice).cues}) == 2
