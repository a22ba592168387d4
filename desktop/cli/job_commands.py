"""``tingxie transcribe``, ``jobs`` and ``resume``: the queue without the window.

``transcribe`` queues files and, with ``--wait``, runs them to the end with a
live display, writing exports as each result arrives; without ``--wait`` it
returns once every file is on the service (results are fetched later by the
app or ``tingxie resume``). Either way the jobs live in the library database,
so an interrupted run is finished by ``tingxie resume``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path

from desktop.cli import service
from desktop.cli.errors import CliError
from desktop.cli.progress import held_elsewhere_text, open_display, state_text
from desktop.cli.subtitle_commands import add_cue_options, export_options
from desktop.dashscope.factory import ClientFactory
from desktop.dashscope.options import TranscriptionOptions
from desktop.domain import catalog
from desktop.domain.durations import duration_text
from desktop.export import FORMATS, export_transcript
from desktop.export.files import file_name, write_atomically
from desktop.jobs.engine import JobEngine
from desktop.jobs.sources import expand
from desktop.jobs.usage import monthly_usage
from desktop.store.jobs import Job, JobState
from desktop.store.library import Library


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("transcribe", help="send media files or URLs to the service")
    p.add_argument(
        "sources",
        nargs="+",
        metavar="PATH_OR_URL",
        help="media files, folders (their media files) or http(s) URLs",
    )
    p.add_argument(
        "--model",
        "-m",
        required=True,
        help="e.g. paraformer-v2, fun-asr, qwen3-asr-flash-filetrans",
    )
    p.add_argument(
        "--language",
        action="append",
        metavar="L",
        help="language hint (repeatable), e.g. zh, en, ja; Qwen3-ASR takes one",
    )
    p.add_argument("--vocabulary", metavar="ID", help="hot-word vocabulary id")
    p.add_argument("--diarize", action="store_true", help="tell speakers apart")
    p.add_argument("--speakers", type=int, metavar="N", help="with --diarize: how many speakers")
    p.add_argument(
        "--channel",
        type=int,
        action="append",
        metavar="N",
        help="audio track to transcribe (repeatable; default 0)",
    )
    p.add_argument("--disfluency-removal", action="store_true", help="drop filler words")
    p.add_argument(
        "--noise-threshold",
        type=float,
        metavar="X",
        help="Fun-ASR: -1 (more taken for speech) to 1 (more rejected as noise)",
    )
    p.add_argument("--itn", action="store_true", help="Qwen3-ASR: numbers as digits")
    p.add_argument("--words", action="store_true", help="Qwen3-ASR: word timestamps")
    p.add_argument(
        "--context", metavar="TEXT", help="Qwen3-ASR: names and terms that help recognition"
    )
    p.add_argument(
        "--wait", action="store_true", help="stay until every result is fetched, showing progress"
    )
    _add_export_options(p)
    service.add_endpoint_option(p)
    p.set_defaults(handler=cmd_transcribe)

    p = commands.add_parser("jobs", help="list the transcription queue")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_jobs)

    p = commands.add_parser("resume", help="finish every unfinished job (after a quit or crash)")
    _add_export_options(p)
    service.add_endpoint_option(p)
    p.set_defaults(handler=cmd_resume)


def _add_export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", "-f", choices=FORMATS, help="export each result in this format")
    p.add_argument("-o", "--output", metavar="DIR", help="with --format: the folder for exports")
    add_cue_options(p, default_preset="sentence")


def cmd_transcribe(args: argparse.Namespace) -> int:
    if args.format and not args.wait:
        raise CliError("--format writes exports as results arrive: add --wait")
    exporter = _exporter(args)
    catalog.get(args.model)
    options = _options(args)
    try:
        options.to_parameters(args.model)
    except ValueError as error:
        raise CliError(str(error)) from None
    sources = expand(args.sources)
    with Library.open() as library:
        clients = service.clients(args)
        engine = JobEngine(library, clients)
        try:
            jobs = engine.add(sources, args.model, options)
            print(
                f"queued {len(jobs)} file(s) as job(s) {_id_ranges(jobs)} for"
                f" {clients.default.base_url}",
                file=sys.stderr,
            )
        except KeyboardInterrupt:  # before the queue ran: the new jobs are held by us
            return _stopped(engine)
        # Only its own jobs: others' belong to the app or 'tingxie resume'.
        return _until_interrupted(
            lambda: _run(engine, clients, library, jobs, exporter, wait=args.wait, only=True),
            engine,
        )


def cmd_resume(args: argparse.Namespace) -> int:
    """Every unfinished job, each on its own endpoint (``--endpoint`` only binds jobs
    queued before jobs remembered theirs)."""
    exporter = _exporter(args)
    with Library.open() as library:
        jobs = library.jobs.unfinished()
        if not jobs:
            print("no unfinished jobs", file=sys.stderr)
            return 0
        clients = service.clients(args)
        engine = JobEngine(library, clients)
        return _until_interrupted(
            lambda: _run(engine, clients, library, jobs, exporter, wait=True, only=False),
            engine,
        )


def _until_interrupted(run: Callable[[], Coroutine[object, object, int]], engine: JobEngine) -> int:
    """Run the queue; Ctrl+C stops it with every job kept for later.

    ``asyncio.run`` turns Ctrl+C into the main task's cancellation and usually
    re-raises it as KeyboardInterrupt; when the task was cancelled twice (the
    signal landing while the engine cancels its own tasks) the CancelledError
    itself comes out instead. Nothing else cancels the main task, so both mean
    the person pressed Ctrl+C.
    """
    try:
        return asyncio.run(run())
    except (KeyboardInterrupt, asyncio.CancelledError):
        return _stopped(engine)


def _stopped(engine: JobEngine) -> int:
    """After Ctrl+C: give back every lease still held, so another machine sharing the
    library need not wait them out (a Ctrl+C before the loop ran, or in its first
    instants, skips the engine's own stop)."""
    engine.release_leases()
    print("stopped: every job is kept; run 'tingxie resume' to finish them", file=sys.stderr)
    return 130


def cmd_jobs(args: argparse.Namespace) -> int:
    with Library.open() as library:
        return _list_jobs(library, as_json=args.json)


def _list_jobs(library: Library, *, as_json: bool) -> int:
    jobs = library.jobs.all()
    if as_json:
        print(json.dumps([_job_json(job) for job in jobs], ensure_ascii=False, indent=1))
        return 0
    for job in jobs:
        cost = f"¥{job.estimated_cost:.4f}" if job.estimated_cost is not None else "-"
        minutes = duration_text(job.duration_ms) or "-"
        print(
            f"{job.id:>5}  {job.model:<18} {minutes:>9} {cost:>9}  {job.title}  [{state_text(job)}]"
        )
    for usage in monthly_usage(library.jobs):
        beyond = f", ¥{usage.cost_beyond_quota} beyond it" if usage.cost_beyond_quota else ""
        left = duration_text(usage.free_left_seconds * 1000)
        free = duration_text(usage.free_seconds * 1000)
        print(
            f"this month, {usage.family}: {duration_text(usage.seconds * 1000)} billed,"
            f" {left} of the free {free} left{beyond}"
        )
    return 0


async def _run(
    engine: JobEngine,
    clients: ClientFactory,
    library: Library,
    jobs: list[Job],
    exporter: _Exporter | None,
    *,
    wait: bool,
    only: bool,
) -> int:
    display = open_display(jobs)
    ids = [job.id for job in jobs]

    def on_job(job: Job) -> None:
        if job.id not in display.jobs:  # type: ignore[attr-defined]
            return
        display.update(job)
        if exporter is not None and job.state is JobState.DONE and job.item_id is not None:
            exporter.write(library, job)

    engine.on_job(on_job)
    engine.on_trouble(display.trouble)
    engine.start(only=ids if only else None)
    try:
        others = engine.others()
        if others and not only:
            print(f"waiting: {held_elsewhere_text(others)}", file=sys.stderr, flush=True)
        await engine.wait_until_settled(ids, submitted=not wait)
    finally:
        await engine.stop()
        await clients.aclose()
        display.close()
    return _summary(engine, [library.jobs.get(i) for i in ids], wait=wait)


def _summary(engine: JobEngine, jobs: list[Job], *, wait: bool) -> int:
    if engine.pause_reason is not None:
        print(f"error: the queue stopped: {engine.pause_reason}", file=sys.stderr)
        print("the jobs are kept; run 'tingxie resume' once that is fixed", file=sys.stderr)
        return 1
    counts: dict[str, int] = {}
    for job in jobs:
        counts[job.state] = counts.get(job.state, 0) + 1
    print(", ".join(f"{n} {state}" for state, n in sorted(counts.items())), file=sys.stderr)
    for job in jobs:
        if job.state is JobState.FAILED:
            print(
                f"error: {job.title}: {job.error_message}. {job.advice or ''}".rstrip(),
                file=sys.stderr,
            )
    if not wait:
        print("results are fetched by the app or 'tingxie resume'", file=sys.stderr)
    return 1 if counts.get(JobState.FAILED) else 0


@dataclass
class _Exporter:
    fmt: str
    directory: Path
    args: argparse.Namespace
    taken: set[str] = field(default_factory=set)
    written: set[int] = field(default_factory=set)  # job ids: one export per job

    def write(self, library: Library, job: Job) -> None:
        assert job.item_id is not None
        if job.id in self.written:
            return
        self.written.add(job.id)
        title = Path(job.title).stem
        options = export_options(self.args)
        data = export_transcript(library.transcript(job.item_id), self.fmt, options=options)
        path = self.directory / file_name(title, self.fmt, self.taken)
        write_atomically(path, data)


def _exporter(args: argparse.Namespace) -> _Exporter | None:
    if args.output and not args.format:
        raise CliError("-o names the folder for exports: add --format")
    if not args.format:
        return None
    if not args.output:
        raise CliError("--format needs -o DIR, the folder for the exports")
    directory = Path(args.output)
    directory.mkdir(parents=True, exist_ok=True)
    taken = {p.name.lower() for p in directory.iterdir()}
    return _Exporter(args.format, directory, args, taken)


def _options(args: argparse.Namespace) -> TranscriptionOptions:
    if args.speakers is not None and not args.diarize:
        raise CliError("--speakers N needs --diarize")
    language, hints = _languages(args)
    return TranscriptionOptions(
        language_hints=hints,
        language=language,
        enable_itn=True if args.itn else None,
        enable_words=True if args.words else None,
        context_text=args.context,
        speech_noise_threshold=args.noise_threshold,
        vocabulary_id=args.vocabulary,
        channel_id=tuple(args.channel) if args.channel else None,
        diarization_enabled=True if args.diarize else None,
        speaker_count=args.speakers,
        disfluency_removal_enabled=True if args.disfluency_removal else None,
    )


def _languages(args: argparse.Namespace) -> tuple[str | None, tuple[str, ...] | None]:
    """``--language`` as Qwen3-ASR's one ``language``, or as the others' ``language_hints``."""
    if not args.language:
        return None, None
    if not catalog.get(args.model).accepts(catalog.Option.LANGUAGE):
        return None, tuple(args.language)
    if len(args.language) > 1:
        raise CliError(f"{args.model} takes one --language (or none, to detect it)")
    return args.language[0], None


def _id_ranges(jobs: list[Job]) -> str:
    if not jobs:
        return "-"
    first, last = jobs[0].id, jobs[-1].id
    return str(first) if first == last else f"{first}–{last}"


def _job_json(job: Job) -> dict[str, object]:
    return {
        "id": job.id,
        "source": job.source,
        "title": job.title,
        "model": job.model,
        "state": str(job.state),
        "bytes_done": job.bytes_done,
        "size_bytes": job.size_bytes,
        "duration_ms": job.duration_ms,
        "estimated_cost": None if job.estimated_cost is None else str(job.estimated_cost),
        "usage_seconds": job.usage_seconds,
        "endpoint": job.endpoint,
        "task_id": job.task_id,
        "error_code": job.error_code,
        "error_message": job.error_message,
        "advice": job.advice,
        "item_id": job.item_id,
        "created_at": job.created_at.isoformat(),
    }
