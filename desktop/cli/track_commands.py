"""``tracks``: an item's subtitle cue tracks from the command line, and what export/check share.

``tingxie tracks create ITEM --preset ID`` cuts the item's corrected
transcript into a new track and prints its name; ``tracks list`` shows each
track's preset, cues, problems and stale cues; ``tracks import`` adds a
subtitle file's cues as a track; ``tracks recut`` re-cuts the stale cues
only. ``export --track`` and ``check --track`` read a track as it was edited.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any

from desktop.cli.errors import CliError
from desktop.domain.cue_track import CueTrack, cut_track, unique_name
from desktop.domain.staleness import recut_stale, refresh
from desktop.domain.timecode import FrameRate, rate_of
from desktop.domain.track_check import CheckContext, check_track
from desktop.jobs.track_translation import stale_counts, translated_counts
from desktop.store.library import Library
from desktop.store.subtitle_import import import_track_file
from desktop.store.subtitle_profiles import find_preset


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("tracks", help="an item's subtitle tracks: create, list, import")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="cut the item's transcript into a new track")
    create.add_argument("item", type=int, metavar="ITEM", help="a library item id")
    create.add_argument("--preset", required=True, help="the rules to cut by (see 'presets')")
    create.add_argument("--name", help="the track's name (default: the preset's name)")
    create.add_argument("--fps", type=float, help="frame rate, if the media cannot tell")
    create.set_defaults(handler=cmd_create)
    listing = actions.add_parser("list", help="the item's tracks with problems and stale cues")
    listing.add_argument("item", type=int, metavar="ITEM")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=cmd_list)
    imported = actions.add_parser("import", help="add a .srt/.vtt/.ass file as a track")
    imported.add_argument("item", type=int, metavar="ITEM")
    imported.add_argument("file", type=Path, metavar="FILE")
    imported.add_argument("--name", help="the track's name (default: the file's name)")
    imported.add_argument("--preset", help="the rules to check it by (default: by its script)")
    imported.set_defaults(handler=cmd_import)
    recut = actions.add_parser("recut", help="re-cut the stale cues of a track, nothing else")
    recut.add_argument("item", type=int, metavar="ITEM")
    recut.add_argument("--track", required=True, metavar="NAME")
    recut.set_defaults(handler=cmd_recut)


def cmd_create(args: argparse.Namespace) -> int:
    preset = find_preset(args.preset)
    with Library.open() as library:
        transcript = library.transcript(args.item)
        rate = _rate(library, args.item, args.fps)
        taken = [t.name for t in library.tracks.tracks(args.item)]
        name = args.name or unique_name(preset.name, taken)
        track = cut_track(transcript, preset, name, rate)
        library.tracks.create(args.item, track)
    print(name)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with Library.open() as library:
        infos = library.tracks.tracks(args.item)
        transcript = library.transcript(args.item)
        rows = []
        for info in infos:
            track = refresh(library.tracks.load(info.id), transcript)
            errors, warnings = check_track(track, context_for(library, args.item, track)).counts()
            translated = translated_counts(library, info.id, track)
            stale_translations = stale_counts(library, info.id, track)
            rows.append(
                {
                    "name": info.name,
                    "preset": info.preset_id,
                    "origin": info.origin,
                    "cues": info.cues,
                    "problems": errors + warnings,
                    "errors": errors,
                    "warnings": warnings,
                    "stale": track.stale_count,
                    "translations": {
                        language: {"translated": count, "stale": stale_translations[language]}
                        for language, count in translated.items()
                    },
                }
            )
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif not rows:
        hint = f"tingxie tracks create {args.item} --preset netflix-en"
        print(f"item {args.item} has no subtitle tracks; make one with '{hint}'", file=sys.stderr)
    else:
        print(f"{'NAME':<28} {'PRESET':<16} {'CUES':>6} {'PROBLEMS':>8} {'STALE':>6}  TRANSLATIONS")
        for row in rows:
            print(
                f"{row['name']:<28} {row['preset']:<16} {row['cues']:>6} {row['problems']:>8}"
                f" {row['stale']:>6}  {_translations_cell(row['translations'])}"
            )
    return 0


def _translations_cell(translations: dict[str, dict[str, int]]) -> str:
    """``en 880 (12 stale), ja 900``: each language's current translations and stale ones."""
    parts = []
    for language, counts in translations.items():
        stale = f" ({counts['stale']} stale)" if counts["stale"] else ""
        parts.append(f"{language} {counts['translated']}{stale}")
    return ", ".join(parts) or "-"


def cmd_import(args: argparse.Namespace) -> int:
    if args.preset is not None:
        find_preset(args.preset)  # an unknown preset fails with the list of known ones
    with Library.open() as library:
        rate = _rate(library, args.item, None)
        track = import_track_file(
            library, args.item, args.file, name=args.name, preset_id=args.preset, rate=rate
        )
    print(track.name)
    return 0


def cmd_recut(args: argparse.Namespace) -> int:
    with Library.open() as library:
        info = library.tracks.find(args.item, args.track)
        transcript = library.transcript(args.item)
        track = refresh(library.tracks.load(info.id), transcript)
        stale = track.stale_count
        fps = track.rate.fps if track.rate else None
        fresh = recut_stale(track, transcript, find_preset(track.preset_id), fps)
        library.tracks.save(info.id, fresh)
    print(_recut_message(args.track, stale, len(fresh.cues) - len(track.cues) + stale))
    return 0


def _recut_message(name: str, stale: int, made: int) -> str:
    if stale == 0:
        return f"{name}: no cue is stale; nothing was re-cut."
    return f"{name}: {_cues(stale)} re-cut into {_cues(made)}; every other cue is as it was."


def _cues(count: int) -> str:
    return f"{count} cue" if count == 1 else f"{count} cues"


def load_track(library: Library, item_id: int, name: str) -> CueTrack:
    """The named track of an item as last saved, with cues the transcript changed under marked."""
    track = library.tracks.load(library.tracks.find(item_id, name).id)
    return refresh(track, library.transcript(item_id))


def context_for(
    library: Library, item_id: int, track: CueTrack, fps: float | None = None
) -> CheckContext:
    """What checking the track needs: its preset, the frame rate, the cached shot changes."""
    rate = rate_of(fps) if fps else track.rate
    return CheckContext(find_preset(track.preset_id), rate, tuple(_cached_shots(library, item_id)))


def _cached_shots(library: Library, item_id: int) -> list[int]:
    """Shot changes already detected for the item's media (detection is the editor's job)."""
    from desktop.media.shot_changes import load_cached

    media = library.item(item_id).media_path
    if not media or not Path(media).is_file():
        return []
    return load_cached(Path(media)) or []


def _rate(library: Library, item_id: int, fps: float | None) -> FrameRate | None:
    if fps is not None:
        if not 1 <= fps <= 1000:
            raise CliError(f"{fps:g} fps is not a video frame rate")
        return rate_of(fps)
    media = library.item(item_id).media_path
    if not media or not Path(media).is_file():
        return None
    from desktop.media.frame_rate import read_frame_rate

    with contextlib.suppress(OSError):
        return read_frame_rate(Path(media))
    return None


def track_report(track: CueTrack, context: CheckContext) -> dict[str, Any]:
    """``check --track``'s report: the counts and every problem with its cue's number and times."""
    result = check_track(track, context)
    errors, warnings = result.counts()
    problems = []
    for index, problem in result.all():
        cue = track.cues[index]
        problems.append(
            {
                "cue": index + 1,
                "start_ms": cue.start_ms,
                "end_ms": cue.end_ms,
                "rule": problem.rule,
                "severity": problem.severity,
                "message": problem.message,
                "unavoidable": problem.unavoidable,
                "reason": problem.reason,
            }
        )
    return {
        "track": track.name,
        "preset": track.preset_id,
        "fps": context.rate.fps if context.rate else None,
        "cues": len(track.cues),
        "stale": track.stale_count,
        "errors": errors,
        "warnings": warnings,
        "unavoidable": sum(1 for p in problems if p["unavoidable"] and p["severity"] == "error"),
        "violations": problems,
    }
