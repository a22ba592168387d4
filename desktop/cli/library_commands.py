"""``import``, ``library``, ``search`` and ``export``: the library from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop.cli import translate_commands
from desktop.cli.errors import CliError
from desktop.cli.subtitle_commands import add_cue_options, export_options
from desktop.domain import catalog
from desktop.domain.text_cleaning import clean_line
from desktop.domain.transcript import Transcript, is_wide
from desktop.export import CUE_FORMATS, FORMATS, ExportOptions, export_track, export_transcript
from desktop.export.files import export_batch, write_atomically
from desktop.export.plain_text import TextOptions, format_timestamp
from desktop.formats.subtitle_file import is_subtitle_file, read_subtitle_file
from desktop.store.imports import import_result_file, read_result_file
from desktop.store.library import ItemSummary, Library, SearchHit
from desktop.store.subtitle_import import import_subtitle_file


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "import", help="add a result JSON file, or an .srt/.vtt/.ass subtitle, to the library"
    )
    p.add_argument("result", type=Path, metavar="FILE", help="RESULT.json, or a subtitle file")
    p.add_argument("--media", type=Path, help="the audio or video file the result belongs to")
    p.add_argument("--model", help="the model that produced the result (e.g. paraformer-v2)")
    p.add_argument("--title", help="a title for the library (default: the media's file name)")
    p.set_defaults(handler=cmd_import)

    p = commands.add_parser("library", help="list the library's items")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_library)

    p = commands.add_parser("search", help="find sentences across every transcript")
    p.add_argument(
        "query", nargs="?", default="", help="words or Chinese text; every term must occur"
    )
    p.add_argument(
        "--label",
        help="only sentences with this emotion, audio event or language (angry, laughter, en…);"
        " with no query, every such sentence",
    )
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--limit", type=int, default=200, help="at most this many hits (200)")
    p.set_defaults(handler=cmd_search, search_parser=p)

    p = commands.add_parser("export", help="write transcripts as subtitles, documents or JSON")
    p.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="a result JSON file, a subtitle file or a library item id; several need -o FOLDER",
    )
    p.add_argument("--format", "-f", choices=FORMATS, required=True)
    p.add_argument(
        "-o",
        "--output",
        default="-",
        help="output file, or an existing folder for several sources; '-' (default) is stdout",
    )
    p.add_argument("--timestamps", action="store_true", help="txt: start each line with its time")
    p.add_argument("--speakers", action="store_true", help="txt: speaker turns with labels")
    p.add_argument("--title", help="docx/ass: the document's title (default: the item's)")
    p.add_argument(
        "--track", metavar="NAME", help="export this subtitle track of the item, as edited"
    )
    translate_commands.add_export_options(p)
    add_cue_options(p, default_preset="sentence")
    p.set_defaults(handler=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    if args.model is not None:
        catalog.get(args.model)  # unknown names fail with the list of known ones
    with Library.open() as library:
        if is_subtitle_file(args.result):
            item_id = import_subtitle_file(library, args.result, media=args.media, title=args.title)
        else:
            item_id = import_result_file(
                library, args.result, media=args.media, model=args.model, title=args.title
            )
    print(item_id)
    return 0


def cmd_library(args: argparse.Namespace) -> int:
    with Library.open() as library:
        items = library.items()
    if args.json:
        _print_json([_item_json(item) for item in items])
    elif items:
        _print_table(
            ("ID", "TITLE", "MODEL", "DURATION", "CREATED"),
            [_item_row(item) for item in items],
        )
    else:
        print(
            "The library is empty; add results with 'tingxie import RESULT.json'.", file=sys.stderr
        )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    if not args.query.strip() and not args.label:
        args.search_parser.error("give words to find, or --label (e.g. --label angry)")
    with Library.open() as library:
        hits = library.search(args.query, limit=args.limit, label=args.label)
        known = library.labels() if args.label and not hits else []
    if args.json:
        _print_json(
            [
                {
                    "item_id": h.item_id,
                    "title": h.title,
                    "channel_id": h.channel_id,
                    "speaker_id": h.speaker_id,
                    "begin_ms": h.begin_ms,
                    "end_ms": h.end_ms,
                    "text": h.text,
                    "labels": list(h.labels),
                }
                for h in hits
            ]
        )
    elif hits:
        _print_hits(hits)
    elif args.label and args.label.strip().lower() not in known:
        found = ", ".join(known) or "none (only SenseVoice and Qwen3-ASR results carry labels)"
        print(f"no sentence has the label {args.label!r}; labels in the library: {found}",
              file=sys.stderr)  # fmt: skip
    else:
        print(f"no sentence matches {_described(args)}", file=sys.stderr)
    return 0


def _print_hits(hits: list[SearchHit]) -> None:
    """ID, time and text; the labels too when any hit has some."""
    if any(h.labels for h in hits):
        _print_table(
            ("ID", "TIME", "LABELS", "TEXT"),
            [
                (str(h.item_id), format_timestamp(h.begin_ms), ",".join(h.labels),
                 clean_line(h.text))
                for h in hits
            ],
        )  # fmt: skip
        return
    _print_table(
        ("ID", "TIME", "TEXT"),
        [(str(h.item_id), format_timestamp(h.begin_ms), clean_line(h.text)) for h in hits],
    )


def _described(args: argparse.Namespace) -> str:
    words = repr(args.query) if args.query.strip() else "any text"
    return f"{words} with the label {args.label!r}" if args.label else words


def cmd_export(args: argparse.Namespace) -> int:
    options = replace(
        export_options(args),
        text=TextOptions(timestamps=args.timestamps, speakers=args.speakers),
    )
    output = Path(args.output)
    if args.track is None and translate_commands.wants_translation(args):
        raise CliError("--language and --bilingual export a translated track: add --track NAME")
    if args.track is not None:
        data = _track_export(args, options)
    elif len(args.sources) > 1 or (args.output != "-" and output.is_dir()):
        if not output.is_dir():
            raise CliError(f"{args.output}: several sources need -o naming an existing folder")
        items = [(_source_title(s), _loader(s)) for s in args.sources]
        for path in export_batch(items, args.format, options, output):
            print(path)
        return 0
    else:
        data = export_transcript(load_source(args.sources[0]), args.format, options=options)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomically(output, data)
    return 0


def _track_export(args: argparse.Namespace, options: ExportOptions) -> bytes:
    """The named track of one item, written as it was edited."""
    from desktop.cli.track_commands import load_track

    source = args.sources[0]
    if len(args.sources) > 1 or not source.isdigit():
        raise CliError(f"{' '.join(args.sources)}: --track needs one library item id")
    if args.format not in CUE_FORMATS:
        raise CliError(
            f"--track exports subtitle formats ({', '.join(sorted(CUE_FORMATS))}),"
            f" not {args.format}; leave --track out to export the transcript"
        )
    if translate_commands.wants_translation(args):
        return translate_commands.export_translation(args, options.title)
    with Library.open() as library:
        track = load_track(library, int(source), args.track)
        title = options.title or library.item(int(source)).title
    return export_track(track, args.format, replace(options, title=title))


def load_source(source: str) -> Transcript:
    """A result or subtitle file if ``source`` names one, else a library item id."""
    path = Path(source)
    if path.is_file():
        if is_subtitle_file(path):
            return read_subtitle_file(path)[1]
        return read_result_file(path)[1]
    if source.isdigit():
        with Library.open() as library:
            return library.transcript(int(source))
    raise CliError(f"{source}: no such file, and not a library item id (see 'tingxie library')")


def _loader(source: str) -> Callable[[], Transcript]:
    return lambda: load_source(source)


def _source_title(source: str) -> str:
    path = Path(source)
    if path.is_file():
        return path.stem
    if source.isdigit():
        with Library.open() as library:
            return library.item(int(source)).title
    raise CliError(f"{source}: no such file, and not a library item id (see 'tingxie library')")


def _item_json(item: ItemSummary) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "model": item.model,
        "origin": item.origin,
        "duration_ms": item.duration_ms,
        "channels": item.channels,
        "sentences": item.sentences,
        "media_path": item.media_path,
        "file_url": item.file_url,
        "created_at": item.created_at.isoformat(),
    }


def _item_row(item: ItemSummary) -> tuple[str, ...]:
    title = clean_line(item.title)
    duration = format_timestamp(item.duration_ms)[:8] if item.duration_ms else "-"
    created = item.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return (str(item.id), title[:48], item.model or "-", duration, created)


def _print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Columns aligned on screen: a Chinese character takes two terminal cells."""
    table = [header, *rows]
    widths = [max(_cells(r[i]) for r in table) for i in range(len(header))]
    for row in table:
        padded = [
            cell + " " * (width - _cells(cell)) for cell, width in zip(row, widths, strict=True)
        ]
        print("  ".join([*padded[:-1], row[-1]]))


def _cells(text: str) -> int:
    return sum(2 if is_wide(c) else 1 for c in text)


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    print()
