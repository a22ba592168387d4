"""``translate``: a subtitle track into another language, and the translated exports.

``tingxie translate ITEM --track NAME --to en`` prints what the run will cost
(worked out from tokens before anything is sent), asks when a person is at
the terminal (``--yes`` skips the question; a script's run goes ahead, as
``transcribe`` does), then sends the missing and stale cues in batches, each
stored as it arrives: Ctrl+C or a kill keeps every stored batch, and running
the same command again sends only the rest. A cue whose source was edited
after it was translated is stale and is translated again; a translation a
person edited is kept unless its source changed.

``export ITEM --track NAME -f srt --language en`` writes the target language
only; ``--bilingual`` writes both (source over target, ``--target-first`` the
reverse; ASS with a style per language). The endpoint and key are chosen as
for ``transcribe``; the translation endpoint is on the same host.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

from desktop.cli import service
from desktop.cli.errors import CliError
from desktop.dashscope import credentials
from desktop.dashscope.chat import compatible_base_url
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.errors import DashScopeError
from desktop.domain import translation_models
from desktop.domain.rebreak import preset_for_language
from desktop.domain.translation import CostEstimate
from desktop.export.bilingual import TRANSLATED_FORMATS, export_translated, pair_cues
from desktop.jobs.track_translation import (
    TrackRun,
    build_glossary,
    cue_translations,
    translate_track,
    translation_texts,
)
from desktop.jobs.translation import RunOutcome
from desktop.settings import load_settings
from desktop.store.library import Library
from desktop.store.translations import TranslationBusyError

BUSY_POLL_S = 2.0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("translate", help="translate a subtitle track into another language")
    p.add_argument("item", type=int, metavar="ITEM", help="a library item id")
    p.add_argument("--track", required=True, metavar="NAME", help="the subtitle track")
    p.add_argument("--to", required=True, metavar="LANG", help="target language, e.g. en, ja, de")
    p.add_argument(
        "--glossary", type=Path, metavar="FILE.csv", help="term,translation rows to keep fixed"
    )
    p.add_argument(
        "--model", help="qwen-mt-turbo (default, from Settings), qwen-mt-plus, or a chat model"
    )
    p.add_argument(
        "--wait",
        action="store_true",
        help="show progress per batch, and wait while another process translates this track",
    )
    p.add_argument("--yes", "-y", action="store_true", help="send without asking about the cost")
    service.add_endpoint_option(p)
    p.set_defaults(handler=cmd_translate)


def add_export_options(p: argparse.ArgumentParser) -> None:
    """``export --track`` options for a translated track."""
    p.add_argument(
        "--language", metavar="LANG", help="with --track: export this translation (target only)"
    )
    p.add_argument(
        "--bilingual",
        action="store_true",
        help="with --track: source and translation in each cue (srt, vtt, ass)",
    )
    p.add_argument(
        "--target-first", action="store_true", help="with --bilingual: translation over source"
    )


def wants_translation(args: argparse.Namespace) -> bool:
    return bool(args.language or args.bilingual or args.target_first)


def cmd_translate(args: argparse.Namespace) -> int:
    target = translation_models.language_code(args.to)
    model = translation_models.get(args.model or load_settings().translation_model).name
    endpoint = service.endpoint(args)
    try:
        compatible_base_url(endpoint)
    except ValueError as error:
        raise CliError(str(error)) from None
    key = credentials.load_api_key()
    if not key:
        raise CliError(
            "no API key: run 'tingxie key set' (stored in the OS keyring) or set"
            f" {credentials.ENV_VAR} for this shell"
        )
    with Library.open() as library:
        from desktop.cli.track_commands import load_track

        info = library.tracks.find(args.item, args.track)
        track = load_track(library, args.item, args.track)
        glossary = asyncio.run(
            build_glossary(library, args.item, csv_path=args.glossary, endpoint=endpoint,
                           api_key=key)
        )  # fmt: skip
        run = TrackRun(
            args.item, info.id, track, library.item(args.item).title, target, model, glossary
        )
        label = f"{args.track} (item {args.item})"
        try:
            outcome = _until_done(library, run, endpoint, key, args, label)
        except KeyboardInterrupt:
            done = _current(library, run)
            print(
                f"stopped: {done} of {len(track)} cues of {label} are translated and stored;"
                " run the same command again to translate the rest",
                file=sys.stderr,
            )
            return 130
        except DashScopeError as error:
            raise CliError(f"{error}. {error.advice}") from None
        return _report(library, run, outcome, label)


def _until_done(
    library: Library,
    run: TrackRun,
    endpoint: Endpoint,
    key: str,
    args: argparse.Namespace,
    label: str,
) -> RunOutcome:
    def confirm(estimate: CostEstimate) -> bool:
        language = translation_models.language_name(run.target)
        print(
            f"translating {label} into {language} with {run.model}: {estimate.describe()}",
            file=sys.stderr,
        )
        if args.yes or not sys.stdin.isatty():
            return True
        answer = input("Send? [y/N] ").strip().lower()
        return answer in ("y", "yes")

    def progress(done: int, total: int) -> None:
        if args.wait:
            print(f"translated {done}/{total} cues", file=sys.stderr, flush=True)

    while True:
        try:
            return asyncio.run(
                translate_track(
                    library, run, endpoint=endpoint, api_key=key, progress=progress,
                    confirm=confirm,
                )
            )  # fmt: skip
        except TranslationBusyError as busy:
            if not args.wait:
                raise CliError(str(busy)) from None
            print(f"waiting: {busy}", file=sys.stderr)
            time.sleep(BUSY_POLL_S)


def _current(library: Library, run: TrackRun) -> int:
    rows = cue_translations(library, run.track_id, run.track, run.target)
    return sum(1 for row in rows if row.text is not None and not row.stale)


def _report(library: Library, run: TrackRun, outcome: RunOutcome, label: str) -> int:
    done = _current(library, run)
    total = len(run.track)
    if outcome.canceled and outcome.requests == 0:
        print("nothing was sent", file=sys.stderr)
        return 1
    if outcome.requests == 0:
        print(f"{label}: all {total} cues are already translated; nothing was sent.")
        return 0
    print(
        f"{label}: {done} of {total} cues translated into {run.target}"
        f" ({outcome.requests} requests, {outcome.usage.prompt_tokens}"
        f" + {outcome.usage.completion_tokens} tokens)."
    )
    flagged = outcome.refused + outcome.truncated
    if flagged:
        numbers = [str(i + 1) for i, c in enumerate(run.track.cues) if c.key in set(flagged)]
        print(
            f"the service would not translate cue(s) {', '.join(numbers)}; translate them by"
            " hand in the subtitle view",
            file=sys.stderr,
        )
        return 1
    return 0


def export_translation(args: argparse.Namespace, title: str | None) -> bytes:
    """``export ITEM --track NAME --language L`` / ``--bilingual``."""
    from desktop.cli.track_commands import load_track

    if args.format not in TRANSLATED_FORMATS:
        raise CliError(
            f"a translation exports as {', '.join(TRANSLATED_FORMATS)}, not {args.format}"
        )
    item_id = int(args.sources[0])
    with Library.open() as library:
        info = library.tracks.find(item_id, args.track)
        track = load_track(library, item_id, args.track)
        language = _language(library, info.id, args.language, args.track)
        texts = translation_texts(library, info.id, track, language)
        title = title or library.item(item_id).title
    cues = pair_cues(
        [(c.key, c.as_cue()) for c in track.cues],
        texts,
        rebreak_for=preset_for_language(language),
    )
    return export_translated(
        cues, args.format, bilingual=args.bilingual, target_first=args.target_first, title=title
    )


def _language(library: Library, track_id: int, wanted: str | None, name: str) -> str:
    have = library.translation_languages(track_id)
    if wanted:
        code = translation_models.language_code(wanted)
        if code not in have:
            raise CliError(
                f"track {name!r} has no {code} translation"
                + (f" (it has {', '.join(have)})" if have else "")
                + f"; make one with 'tingxie translate ITEM --track {name!r} --to {code}'"
            )
        return code
    if len(have) == 1:
        return have[0]
    if not have:
        raise CliError(
            f"track {name!r} has no translation yet; make one with"
            f" 'tingxie translate ITEM --track {name!r} --to en'"
        )
    raise CliError(f"track {name!r} has translations in {', '.join(have)}: add --language")
