"""``check`` and ``presets``: subtitle rules from the command line, and the options export shares.

``tingxie check SOURCE --preset NAME`` cuts a transcript (a result file or a
library item) the way ``tingxie export --preset NAME`` does and lists every
cue that breaks a rule; given a subtitle file (.srt/.vtt/.ass) it checks that
file's cues as they are. It exits 1 when any error is found (warnings alone
exit 0), so scripts can gate a delivery on it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import msgspec

from desktop.cli.errors import CliError
from desktop.domain.subtitle_check import Violation, check
from desktop.domain.subtitle_presets import DEFAULT_FPS, UNITS, Preset
from desktop.domain.subtitles import Cue, CueNote
from desktop.export import ExportOptions, cues_for
from desktop.export.chinese_script import CONVERSIONS
from desktop.export.plain_text import format_timestamp
from desktop.formats.subtitle_file import is_subtitle_file, read_subtitle_cues
from desktop.store.library import Library
from desktop.store.subtitle_profiles import (
    all_presets,
    delete_preset,
    find_preset,
    profiles_path,
    save_preset,
)


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("check", help="list every subtitle cue that breaks a preset's rules")
    p.add_argument(
        "source", metavar="SOURCE", help="a result JSON, a library item id, or .srt/.vtt/.ass"
    )
    add_cue_options(p, default_preset=None, preset_required=False)
    p.add_argument(
        "--track", metavar="NAME", help="check this subtitle track of the item, as edited"
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=cmd_check)

    p = commands.add_parser("presets", help="list subtitle presets, or save/delete your own")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    save = actions.add_parser("save", help="save a custom preset (based on another)")
    save.add_argument("id", help="the new preset's id (letters, digits, '-', '_')")
    save.add_argument("--from", dest="base", default="netflix-en", help="start from this preset")
    save.add_argument("--name", help="a name to show")
    save.add_argument("--max-chars", type=float, help="characters per line")
    save.add_argument("--unit", choices=UNITS, help="how characters are counted")
    save.add_argument("--max-lines", type=int, help="lines per cue")
    save.add_argument("--max-cps", type=float, help="reading speed, characters per second")
    save.add_argument("--max-wpm", type=float, help="reading speed, words per minute")
    save.add_argument("--min-duration", type=float, help="seconds")
    save.add_argument("--max-duration", type=float, help="seconds")
    save.add_argument("--min-gap-frames", type=int, help="frames between cues")
    delete = actions.add_parser("delete", help="delete a custom preset")
    delete.add_argument("id")
    p.set_defaults(handler=cmd_presets)


def add_cue_options(
    parser: argparse.ArgumentParser, default_preset: str | None, *, preset_required: bool = True
) -> None:
    """Options that decide how cues are cut: shared by ``export`` and ``check``."""
    parser.add_argument(
        "--preset",
        required=default_preset is None and preset_required,
        default=default_preset,
        help="subtitle rules: netflix-en, netflix-zh-hans, netflix-ja, bbc, vertical,"
        " sentence, or a saved custom preset (see 'tingxie presets')"
        + (f"; default {default_preset}" if default_preset else ""),
    )
    parser.add_argument(
        "--fps",
        type=_fps,
        help=f"the media's frame rate for frame-based rules (default {DEFAULT_FPS:g})",
    )
    parser.add_argument(
        "--convert",
        choices=sorted(CONVERSIONS),
        help="convert Chinese script on export (OpenCC), e.g. s2t = Simplified → Traditional",
    )


def export_options(args: argparse.Namespace) -> ExportOptions:
    return ExportOptions(
        preset=find_preset(args.preset),
        fps=args.fps,
        chinese=args.convert,
        title=getattr(args, "title", None),
    )


def cmd_check(args: argparse.Namespace) -> int:
    from desktop.cli.library_commands import load_source

    if args.track is not None:
        return _check_track(args)
    if args.preset is None:
        raise CliError("check needs --preset ID (or --track NAME for an item's subtitle track)")
    options = export_options(args)
    path = Path(args.source)
    notes: list[CueNote] = []
    if path.is_file() and is_subtitle_file(path):
        cues: list[Cue] = read_subtitle_cues(path)
    else:
        cut = cues_for(load_source(args.source), options)
        cues, notes = cut.cues, cut.notes
    violations = check(cues, options.preset, options.fps, notes)
    report = _report(options, len(cues), violations)
    if args.json:
        _print_json(report)
    else:
        _print_report(report, violations)
    return 1 if report["errors"] else 0


def _check_track(args: argparse.Namespace) -> int:
    from desktop.cli.track_commands import context_for, load_track, track_report

    if not args.source.isdigit():
        raise CliError(f"{args.source}: --track needs a library item id (see 'tingxie library')")
    item_id = int(args.source)
    with Library.open() as library:
        track = load_track(library, item_id, args.track)
        if args.preset is not None:
            track = msgspec.structs.replace(track, preset_id=find_preset(args.preset).id)
        report = track_report(track, context_for(library, item_id, track, args.fps))
    if args.json:
        _print_json(report)
    else:
        _print_track_report(report)
    return 1 if report["errors"] else 0


def _print_track_report(report: dict[str, Any]) -> None:
    fps = f"{report['fps']:.3f}".rstrip("0").rstrip(".") if report["fps"] else f"{DEFAULT_FPS:g}"
    print(
        f"{report['track']} ({report['preset']} at {fps} fps): {report['cues']} cues,"
        f" {report['errors']} errors, {report['warnings']} warnings, {report['stale']} stale"
    )
    for v in report["violations"]:
        print(
            f"#{v['cue']:<5} {format_timestamp(v['start_ms'])} --> {format_timestamp(v['end_ms'])}"
            f"  {v['severity']:<7} {v['rule']:<14} {v['message']}"
        )
        if v["reason"]:
            print(f"{'':7}why: {v['reason']}")
    if not report["violations"]:
        print("every cue follows the preset's rules")


def _report(options: ExportOptions, cue_count: int, violations: list[Violation]) -> dict[str, Any]:
    errors = sum(1 for v in violations if v.severity == "error")
    return {
        "preset": options.preset.id,
        "fps": options.fps or DEFAULT_FPS,
        "cues": cue_count,
        "errors": errors,
        "warnings": len(violations) - errors,
        "unavoidable": sum(1 for v in violations if v.severity == "error" and v.reason),
        "violations": [msgspec.to_builtins(v, enc_hook=str) for v in violations],
    }


def _print_report(report: dict[str, Any], violations: list[Violation]) -> None:
    print(
        f"{report['preset']} at {report['fps']:g} fps: {report['cues']} cues,"
        f" {report['errors']} errors, {report['warnings']} warnings"
    )
    for v in violations:
        print(
            f"#{v.cue:<5} {format_timestamp(v.start_ms)} --> {format_timestamp(v.end_ms)}"
            f"  {v.severity:<7} {v.rule:<14} {v.message}"
        )
        if v.reason:
            print(f"{'':7}why: {v.reason}")
    if not violations:
        print("every cue follows the preset's rules")


def cmd_presets(args: argparse.Namespace) -> int:
    if args.action == "save":
        preset = _custom_preset(args)
        save_preset(preset)
        print(f"saved {preset.id} in {profiles_path()}")
        return 0
    if args.action == "delete":
        delete_preset(args.id)
        print(f"deleted {args.id}")
        return 0
    presets = all_presets()
    if args.json:
        _print_json([msgspec.to_builtins(p, enc_hook=str) for p in presets])
    else:
        for preset in presets:
            print(f"{preset.id:<16} {preset.name} — {preset.describe()}")
    return 0


def _custom_preset(args: argparse.Namespace) -> Preset:
    base = find_preset(args.base)
    changes: dict[str, Any] = {"id": args.id, "name": args.name or args.id, "source": "custom"}
    for option, field in (
        ("max_chars", "max_chars"),
        ("unit", "unit"),
        ("max_lines", "max_lines"),
        ("max_cps", "max_cps"),
        ("max_wpm", "max_wpm"),
        ("min_gap_frames", "min_gap_frames"),
    ):
        value = getattr(args, option)
        if value is not None:
            changes[field] = value
    if args.min_duration is not None:
        changes["min_duration_ms"] = round(args.min_duration * 1000)
    if args.max_duration is not None:
        changes["max_duration_ms"] = round(args.max_duration * 1000)
    try:
        return msgspec.convert(
            {**msgspec.to_builtins(base, enc_hook=str), **changes}, Preset, from_attributes=False
        )
    except msgspec.ValidationError as error:
        raise CliError(f"preset {args.id}: {error}") from None


def _fps(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a frame rate (e.g. 25 or 29.97)"
        ) from None
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError(f"{value:g} fps is not a video frame rate")
    return value


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    print()
