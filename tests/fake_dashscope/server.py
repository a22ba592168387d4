"""The emulator: a real HTTP server on loopback that behaves as the protocol doc says.

``Emulator`` holds the service's state and answers each route; it runs the
stdlib ``ThreadingHTTPServer`` of ``http_server`` (one thread per connection,
HTTP/1.1 keep-alive) in a background thread, so tests use it in-process and
``python -m tests.fake_dashscope`` runs the same object as a process. Routes:

- ``/api/v1/...``: submit, query (GET and POST), list, cancel, customization, getPolicy
- ``/compatible-mode/v1/chat/completions``: Qwen-MT and chat models (``chat``)
- ``/oss/<bucket>``: the OSS PostObject form upload that getPolicy points to
- ``/results/...``: signed result-file URLs that expire
- ``/media/...``: files a test hosts so submits can carry ``http://`` URLs
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import shutil
import tempfile
import threading
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from desktop.domain import catalog
from desktop.domain.transcript import Transcript
from tests.fake_dashscope import control, results, submit_rules
from tests.fake_dashscope.chat import CHAT_PATH, COMPATIBLE, ChatService
from tests.fake_dashscope.clock import Clock
from tests.fake_dashscope.config import (
    EmulatorConfig,
    InvalidOptionResponse,
    OssWithoutResolve,
    OverLimitResponse,
)
from tests.fake_dashscope.exchange import Exchange, RecordedRequest, Refused, Response, refuse
from tests.fake_dashscope.faults import Faults
from tests.fake_dashscope.http_body import BodyTooLarge
from tests.fake_dashscope.http_server import MEDIA_CHUNK, Handler, Server
from tests.fake_dashscope.ratelimit import RateLimiter
from tests.fake_dashscope.tasks import Fetched, Task, TaskBook
from tests.fake_dashscope.upload import ObjectStore
from tests.fake_dashscope.vocabularies import Vocabularies, VocabularyError
from tests.fake_dashscope.wire import (
    epoch_ms,
    hex_token,
    oss_error_xml,
    parse_list_time,
    request_id,
    task_id,
)

API = "/api/v1"
BUCKET = "dashscope-file-emulator"
MAX_JSON_BODY = 6 * 1024 * 1024
QUERY_BUCKET_RPS = catalog.QUERY_RPS
POLICY_RPS = 100
LIST_WINDOW_S = 24 * 3600
_RESULT_PATH = re.compile(
    r"^/results/prod/[^/]+/\d{8}/[^/]+/(?P<task>[0-9a-f-]{36})-(?P<n>\d+)\.json$"
)
_TASK_PATH = re.compile(rf"^{API}/tasks/(?P<task>[^/]+)(?P<cancel>/cancel)?/?$")


class Emulator:
    """The local DashScope. Use as a context manager or call ``start``/``stop``."""

    def __init__(
        self,
        config: EmulatorConfig | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        request_log: Path | None = None,
        storage_dir: Path | None = None,
        media_dir: Path | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.config = config or EmulatorConfig()
        self.clock = clock or Clock()
        self.faults = Faults()
        self.scripts = results.Scripts()
        self._host = host
        self._port = port
        self._request_log = request_log
        self._own_storage = storage_dir is None
        self._storage = storage_dir or Path(tempfile.mkdtemp(prefix="fake-dashscope-"))
        self._media_dir = media_dir
        self._hosted: dict[str, Path] = {}
        self._lock = threading.Lock()
        self._records: list[RecordedRequest] = []
        self._log_file: Any = None
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._secret = hex_token(16).encode()
        self.limiter = RateLimiter()
        self.chat = ChatService(self.config, self.limiter)
        self.vocabularies = Vocabularies(self.clock, self.config)
        self.objects = ObjectStore(self._storage / "objects", self.clock, self.config)
        self.tasks = TaskBook(self.clock, self.config, self.scripts, self._resolve)

    # life cycle ------------------------------------------------------------------------
    def start(self) -> Emulator:
        if self._request_log is not None:
            self._log_file = self._request_log.open("a", encoding="utf-8")
        self._server = Server((self._host, self._port), Handler, self)
        self._port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="fake-dashscope",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.close_all()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self.tasks.close()
        with self._lock:  # a late handler thread may still be recording
            if self._log_file is not None:
                self._log_file.close()
                self._log_file = None
        if self._own_storage:
            shutil.rmtree(self._storage, ignore_errors=True)

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # addresses -------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return self._port

    @property
    def origin(self) -> str:
        return f"http://{self._host}:{self._port}"

    @property
    def base_url(self) -> str:
        """What a client (or ``dashscope.base_http_api_url``) is pointed at."""
        return self.origin + API

    @property
    def compatible_url(self) -> str:
        """The OpenAI-compatible base (``.../compatible-mode/v1``) on the same host."""
        return self.origin + COMPATIBLE

    @property
    def api_key(self) -> str:
        return sorted(self.config.api_keys)[0]

    # test controls ---------------------------------------------------------------------
    def host_file(self, path: Path, name: str | None = None) -> str:
        """An ``http://`` URL on this server that serves ``path`` (a "public" file URL)."""
        token = hex_token(8)
        with self._lock:
            self._hosted[token] = path
        return f"{self.origin}/media/{token}/{quote(name or path.name)}"

    def register_transcript(self, key: str | Path, transcript: Transcript | dict[str, Any]) -> None:
        """The result to give for a file: ``key`` is its URL, file name, or local path."""
        document = (
            results.sidecar_document(transcript)
            if isinstance(transcript, Transcript)
            else transcript
        )
        self.scripts.add(key, results.Script(result=document))

    def script(
        self,
        key: str | Path,
        *,
        code: str | None = None,
        message: str | None = None,
        duration_ms: int | None = None,
    ) -> None:
        """Make a file fail with ``code``, or pretend it lasts ``duration_ms`` (not fetched)."""
        self.scripts.add(key, results.Script(code=code, message=message, duration_ms=duration_ms))

    def requests(self, route: str | None = None) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self._records if route is None or r.route == route]

    def submit_bodies(self) -> list[dict[str, Any]]:
        return [r.body for r in self.requests("submit") if r.status == 200]

    def clear_requests(self) -> None:
        with self._lock:
            self._records.clear()

    def task(self, task_id: str) -> Task | None:
        return self.tasks.get(task_id)

    def finish_all(self, timeout: float = 30.0) -> None:
        """Let every task reach its final state now (analysis done, clock advanced)."""
        self.tasks.wait_analysed(timeout)
        now = self.clock.now()
        latest = max((t.end_at or now for t in self.tasks.all()), default=now)
        if latest > now:
            self.clock.advance(latest - now + 0.001)

    # request plumbing ------------------------------------------------------------------
    def _record(self, record: RecordedRequest) -> None:
        with self._lock:
            self._records.append(record)
            if self._log_file is not None:
                line = {
                    "time": record.time,
                    "method": record.method,
                    "path": record.path,
                    "status": record.status,
                }
                if record.route in ("submit", "chat"):
                    line["body"] = record.body
                if record.fault:
                    line["fault"] = record.fault
                self._log_file.write(json.dumps(line, ensure_ascii=False) + "\n")
                self._log_file.flush()

    def route(self, method: str, path: str) -> str:
        if path.startswith(API + "/"):
            rest = path[len(API) :]
            if rest == "/services/audio/asr/transcription" and method == "POST":
                return "submit"
            if rest == "/services/audio/asr/customization" and method == "POST":
                return "customization"
            if rest.rstrip("/") == "/uploads" and method == "GET":
                return "get_policy"
            if rest.rstrip("/") == "/tasks" and method == "GET":
                return "list"
            match = _TASK_PATH.match(path)
            if match and match.group("cancel") and method == "POST":
                return "cancel"
            if match and not match.group("cancel") and method in ("GET", "POST"):
                return "query"
            return "unknown"
        if path.rstrip("/") == CHAT_PATH and method == "POST":
            return "chat"
        if path.startswith(COMPATIBLE + "/"):
            return "unknown"
        if path == f"/oss/{BUCKET}" and method == "POST":
            return "upload"
        if path.startswith("/results/") and method == "GET":
            return "result"
        if path.startswith("/media/") and method in ("GET", "HEAD"):
            return "media"
        if path.startswith(control.PREFIX + "/"):
            return "control"
        return "unknown"

    def handle(self, route: str, exchange: Exchange) -> Response | Path:
        """The answer to one request (a ``Path`` is a file to stream back)."""
        try:
            if route == "chat":
                return self._chat(exchange)
            if route in ("submit", "query", "list", "cancel", "customization", "get_policy"):
                self._authenticate(exchange)
                if route in ("submit", "customization"):
                    exchange.json = self._read_json(exchange)
                else:
                    exchange.body.drain()
            handler = getattr(self, f"_{route}")
            return handler(exchange)
        except Refused as refused:
            exchange.body.drain()
            return refused.response

    def _authenticate(self, exchange: Exchange) -> None:
        header = exchange.header("Authorization") or ""
        if not header.strip():
            raise refuse(401, "InvalidApiKey", "No API-key provided.")
        key = header[7:].strip() if header.lower().startswith("bearer ") else ""
        if key not in self.config.api_keys:
            raise refuse(401, "InvalidApiKey", "Invalid API-key provided.")

    def _read_json(self, exchange: Exchange) -> Any:
        try:
            raw = exchange.body.read_all(MAX_JSON_BODY)
        except BodyTooLarge:
            raise refuse(400, "BadRequest.TooLarge", "Payload Too Large.") from None
        try:
            return json.loads(raw)
        except ValueError:
            raise refuse(
                400, "BadRequest.IllegalInput", "The input parameter requires json format."
            ) from None

    def _throttle(self, bucket: str, per_second: float) -> None:
        if not self.config.rate_limits:
            return
        if not self.limiter.allow(bucket, per_second * self.config.rate_limit_factor):
            raise refuse(
                429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later."
            )

    def _chat(self, exchange: Exchange) -> Response:
        self.chat.authenticate(exchange.header("Authorization"), self.config.api_keys)
        exchange.json = self._read_json(exchange)
        try:
            return self.chat.answer(exchange.json)
        except Refused as refused:
            if refused.response.status == 429 and self.config.chat_retry_after:
                refused.response.headers["Retry-After"] = self.config.chat_retry_after
            raise

    # API routes ------------------------------------------------------------------------
    def _unknown(self, exchange: Exchange) -> Response:
        exchange.body.drain()
        return Response.error(404, "NotFound", "Not found!")

    def _submit(self, exchange: Exchange) -> Response:
        if (exchange.header("X-DashScope-Async") or "").lower() != "enable":
            raise refuse(
                403, "AccessDenied", "current user api does not support synchronous calls."
            )
        body = exchange.json
        if not isinstance(body, dict):
            raise refuse(
                400, "BadRequest.IllegalInput", "The input parameter requires json format."
            )
        model = body.get("model")
        if not model:
            raise refuse(
                400, "BadRequest.EmptyModel", 'Required parameter "model" missing from request.'
            )
        try:
            spec = catalog.get(str(model))
        except catalog.UnknownModelError:
            raise refuse(400, "InvalidParameter", "Model not exist.") from None
        if self.config.region not in spec.regions:  # e.g. Paraformer on the Singapore host
            raise refuse(400, "InvalidParameter", "Model not exist.")
        if spec.name in self.config.retired_models:
            raise refuse(*self.config.retired_answer.answer)
        if self.config.account_refusal is not None:
            raise refuse(*self.config.account_refusal.answer)
        self._throttle(f"submit:{spec.name}", spec.submit_rps)
        payload = body.get("input")
        if not isinstance(payload, dict) or not payload:
            raise refuse(
                400, "BadRequest.EmptyInput", "Required input parameter missing from request."
            )
        urls = _file_urls(spec, payload)
        if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
            raise refuse(
                400,
                "InvalidParameter",
                "Required parameter(s) missing or invalid, please check the request parameters.",
            )
        self._check_count(len(urls))
        parameters = body.get("parameters", {})
        forced = None
        issues = submit_rules.problems(
            spec.name, parameters, body.get("resources"), self.vocabularies
        )
        if issues:
            if self.config.invalid_option_response is InvalidOptionResponse.SUBMIT_400:
                raise refuse(400, "InvalidParameter", "; ".join(issues))
            if self.config.invalid_option_response is InvalidOptionResponse.SUBTASK_FAILED:
                forced = ("InvalidParameter", "; ".join(issues))
        if "parameters" not in body and self.config.require_parameters_object:
            forced = ("InvalidParameter", 'Required parameter "parameters" missing from request.')
        resolve = (exchange.header("X-DashScope-OssResourceResolve") or "").lower() == "enable"
        if (
            not resolve
            and any(u.startswith("oss://") for u in urls)
            and self.config.oss_without_resolve is OssWithoutResolve.SUBMIT_400
        ):
            raise refuse(
                400,
                "InvalidParameter",
                "The provided URL does not appear to be valid. Ensure it is correctly formatted.",
            )
        now = self.clock.now()
        rid = request_id()
        task = Task(
            task_id=task_id(),
            model=spec.name,
            file_urls=list(urls),
            parameters=parameters if isinstance(parameters, dict) else {},
            submit_request_id=rid,
            submit_at=now,
            scheduled_at=now + self.config.pending_s,
            oss_resolve=resolve,
            api_key=self._key_of(exchange),
            forced_failure=forced,
        )
        self.tasks.add(task)
        return Response.json(
            200, {"output": {"task_status": "PENDING", "task_id": task.task_id}, "request_id": rid}
        )

    def _check_count(self, count: int) -> None:
        limit = self.config.max_files_per_task
        if count <= limit:
            return
        if self.config.over_limit_response is OverLimitResponse.BAD_REQUEST_TOO_LARGE:
            raise refuse(400, "BadRequest.TooLarge", "Payload Too Large.")
        raise refuse(
            400,
            "InvalidParameter",
            f"The number of file_urls exceeds the limit of {limit} per request.",
        )

    @staticmethod
    def _key_of(exchange: Exchange) -> str:
        return (exchange.header("Authorization") or "")[7:].strip()

    def _query(self, exchange: Exchange) -> Response:
        self._throttle("tasks", QUERY_BUCKET_RPS)
        match = _TASK_PATH.match(exchange.path)
        assert match is not None
        task = self.tasks.get(unquote(match.group("task")))
        if task is None:
            return Response.json(
                200,
                {
                    "request_id": request_id(),
                    "output": {"task_id": unquote(match.group("task")), "task_status": "UNKNOWN"},
                },
            )
        output, usage = self.tasks.output(task, self._result_url)
        document: dict[str, Any] = {"request_id": request_id(), "output": output}
        if usage is not None:
            document["usage"] = usage
        return Response.json(200, document)

    def _cancel(self, exchange: Exchange) -> Response:
        self._throttle("tasks", QUERY_BUCKET_RPS)
        match = _TASK_PATH.match(exchange.path)
        assert match is not None
        task = self.tasks.get(unquote(match.group("task")))
        if task is None or not self.tasks.cancel(task):
            raise refuse(
                400,
                "UnsupportedOperation",
                "Failed to cancel the task, please confirm if the task is in PENDING status.",
            )
        return Response.json(200, {"request_id": request_id()})

    def _list(self, exchange: Exchange) -> Response:
        self._throttle("tasks", QUERY_BUCKET_RPS)
        query = exchange.query
        tz = self.config.tz
        try:
            page_no = int(query.get("page_no", "1"))
            page_size = int(query.get("page_size", "10"))
            end = parse_list_time(query["end_time"], tz) if "end_time" in query else None
            start = parse_list_time(query["start_time"], tz) if "start_time" in query else None
        except ValueError:
            raise refuse(
                400,
                "InvalidParameter",
                "Required parameter(s) missing or invalid, please check the request parameters.",
            ) from None
        now = self.clock.now()
        end = end if end is not None else (start + LIST_WINDOW_S if start is not None else now)
        start = start if start is not None else end - LIST_WINDOW_S
        if end - start > LIST_WINDOW_S or end < start:
            raise refuse(
                400,
                "InvalidParameter",
                "The time range between start_time and end_time must be within 24 hours.",
            )
        if page_no < 1 or not 1 <= page_size <= 100:
            raise refuse(400, "InvalidParameter", "page_no must be >= 1 and page_size 1..100.")
        chosen = [
            t
            for t in self.tasks.all()
            if start <= t.submit_at <= end
            and query.get("model_name") in (None, t.model)
            and query.get("task_id") in (None, t.task_id)
            and query.get("status") in (None, t.status(now, self.config.task_retention_s))
            and query.get("api_key_id") in (None, _key_id(t.api_key))
            and query.get("region") in (None, self.config.region.value)
        ]
        chosen.sort(key=lambda t: t.submit_at, reverse=True)
        page = chosen[(page_no - 1) * page_size : page_no * page_size]
        return Response.json(
            200,
            {
                "request_id": request_id(),
                "total": len(chosen),
                "total_page": (len(chosen) + page_size - 1) // page_size,
                "page_no": page_no,
                "page_size": page_size,
                "data": [self._list_item(t, now) for t in page],
            },
        )

    def _list_item(self, task: Task, now: float) -> dict[str, Any]:
        status = task.status(now, self.config.task_retention_s)
        item: dict[str, Any] = {
            "api_key_id": _key_id(task.api_key),
            "caller_parent_id": "1000000000000000",
            "caller_uid": "1000000000000000",
            "gmt_create": epoch_ms(task.submit_at),
            "model_name": task.model,
            "region": self.config.region.value,
            "request_id": task.submit_request_id,
            "status": status,
            "task_id": task.task_id,
            "user_api_unique_key": f"apikey:v1:audio:asr:transcription:{task.model}",
        }
        if status != "PENDING":
            item["start_time"] = epoch_ms(task.scheduled_at)
        if status in ("SUCCEEDED", "FAILED") and task.end_at is not None:
            item["end_time"] = epoch_ms(task.end_at)
        elif status == "CANCELED" and task.canceled_at is not None:
            item["end_time"] = epoch_ms(task.canceled_at)
        return item

    def _customization(self, exchange: Exchange) -> Response:
        body = exchange.json
        if not isinstance(body, dict) or body.get("model") != "speech-biasing":
            raise refuse(400, "InvalidParameter", "Model not exist.")
        payload = body.get("input")
        if not isinstance(payload, dict) or "action" not in payload:
            raise refuse(
                400, "BadRequest.EmptyInput", "Required input parameter missing from request."
            )
        try:
            output = self.vocabularies.handle(str(payload["action"]), payload)
        except VocabularyError as error:
            raise refuse(error.status, error.code, error.message) from None
        return Response.json(
            200, {"output": output, "usage": {"count": 1}, "request_id": request_id()}
        )

    def _get_policy(self, exchange: Exchange) -> Response:
        if exchange.query.get("action") != "getPolicy" or not exchange.query.get("model"):
            raise refuse(
                400,
                "InvalidParameter",
                "Required parameter(s) missing or invalid, please check the request parameters.",
            )
        model = exchange.query["model"]
        self._throttle(f"policy:{model}", POLICY_RPS)
        data = self.objects.grant(model, f"{self.origin}/oss/{BUCKET}")
        return Response.json(200, {"request_id": request_id(), "data": data})

    # storage routes --------------------------------------------------------------------
    def _upload(self, exchange: Exchange) -> Response:
        answer = self.objects.receive(exchange.body.read, exchange.header("Content-Type") or "")
        headers = {"x-oss-request-id": hex_token(12).upper()}
        return Response(answer.status, answer.body, answer.content_type, headers)

    def _result_url(self, task: Task, index: int) -> str:
        assert task.end_at is not None
        moment = datetime.fromtimestamp(task.end_at, self.config.tz)
        path = (
            f"/results/prod/{task.model}/{moment:%Y%m%d}/{moment:%H}%3A{moment:%M}/"
            f"{task.task_id}-{index + 1}.json"
        )
        if self.config.expired_result_urls:
            expires = int(self.clock.now()) - 60
        else:
            expires = int(task.end_at + self.config.result_url_lifetime_s)
        return (
            f"{self.origin}{path}?Expires={expires}&OSSAccessKeyId=LTAI5tEmulatorKeyId"
            f"&Signature={quote(self._sign(path, expires), safe='')}"
        )

    def _sign(self, path: str, expires: int) -> str:
        digest = hmac.new(self._secret, f"{path}\n{expires}".encode(), hashlib.sha1).digest()
        return base64.b64encode(digest).decode()

    def _result(self, exchange: Exchange) -> Response:
        exchange.body.drain()
        raw_path = exchange.path.split("?", 1)[0]
        match = _RESULT_PATH.match(raw_path)
        try:
            expires = int(exchange.query.get("Expires", ""))
        except ValueError:
            expires = None
        signature = exchange.query.get("Signature", "")
        if match is None or expires is None:
            return Response(
                404,
                oss_error_xml("NoSuchKey", "The specified key does not exist."),
                "application/xml",
            )
        if not hmac.compare_digest(self._sign(raw_path, expires), signature):
            return Response(
                403,
                oss_error_xml(
                    "SignatureDoesNotMatch",
                    "The request signature"
                    " we calculated does not match the signature you provided.",
                ),
                "application/xml",
            )
        if self.clock.now() > expires:
            return Response(
                403, oss_error_xml("AccessDenied", "Request has expired."), "application/xml"
            )
        document = self.tasks.document(match.group("task"), int(match.group("n")) - 1)
        if document is None:
            return Response(
                404,
                oss_error_xml("NoSuchKey", "The specified key does not exist."),
                "application/xml",
            )
        return Response(200, document, "application/json")

    def _media(self, exchange: Exchange) -> Response | Path:
        exchange.body.drain()
        path = self._media_path(exchange.path.split("?", 1)[0])
        if path is None or not path.is_file():
            return Response(404, b"not found", "text/plain")
        return path

    def _media_path(self, url_path: str) -> Path | None:
        parts = url_path.split("/", 3)  # "", "media", token, name
        if len(parts) < 4:
            return None
        token, name = parts[2], unquote(parts[3])
        if token == "dir" and self._media_dir is not None:
            candidate = (self._media_dir / name).resolve()
            root = self._media_dir.resolve()
            return candidate if candidate.is_relative_to(root) else None
        with self._lock:
            return self._hosted.get(token)

    # fetching files for tasks ----------------------------------------------------------
    def _resolve(self, url: str, oss_resolve: bool, model: str) -> Fetched | tuple[str, str]:
        """What the service would download for ``url``, or the subtask failure."""
        if url.startswith("oss://"):
            return self._resolve_oss(url[len("oss://") :], oss_resolve, model)
        if not url.isascii() or any(c.isspace() for c in url):
            return results.DOWNLOAD_FAILED  # unencoded spaces or CJK
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return results.DOWNLOAD_FAILED
        loopback = parts.hostname in ("127.0.0.1", "localhost", "::1")
        if loopback and parts.port == self._port and parts.path.startswith("/media/"):
            path = self._media_path(parts.path)
            return Fetched(path) if path is not None and path.is_file() else results.DOWNLOAD_FAILED
        if not loopback and not self.config.allow_external_fetch:
            return results.DOWNLOAD_FAILED
        return self._download(url)

    def _resolve_oss(self, key: str, oss_resolve: bool, model: str) -> Fetched | tuple[str, str]:
        obj = self.objects.lookup(key)
        if (
            not oss_resolve
            or obj is None
            or obj.path is None
            or obj.model != model
            or self.clock.now() > obj.expires_at
        ):
            return results.DOWNLOAD_FAILED
        return Fetched(obj.path)

    def _download(self, url: str) -> Fetched | tuple[str, str]:
        target = self._storage / "downloads" / hex_token(8)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with (
                urllib.request.urlopen(url, timeout=self.config.fetch_timeout_s) as answer,
                target.open("wb") as out,
            ):
                shutil.copyfileobj(answer, out, MEDIA_CHUNK)
        except (urllib.error.URLError, OSError, ValueError):
            target.unlink(missing_ok=True)
            return results.DOWNLOAD_FAILED
        return Fetched(target, temporary=True)


def _file_urls(spec: catalog.ModelSpec, payload: dict[str, Any]) -> object:
    """The submit's files: Qwen3-ASR names one as ``file_url`` (a string), the rest a list.

    The other field is refused for each (UNCONFIRMED what the service says, qwen doc §D.4).
    """
    if spec.request_style is catalog.RequestStyle.FILE_URL:
        url = payload.get("file_url")
        return [url] if isinstance(url, str) and url and "file_urls" not in payload else None
    return None if "file_url" in payload else payload.get("file_urls")


def _key_id(api_key: str) -> str:
    """The list's ``api_key_id``: a stable number per key that does not reveal it."""
    return str(int(hashlib.sha256(api_key.encode()).hexdigest()[:8], 16))
