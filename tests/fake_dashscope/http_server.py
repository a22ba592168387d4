"""The HTTP plumbing: a threading server and the handler that applies faults and records.

The handler turns each request into an ``Exchange``, lets the ``Emulator``
answer it, spoils the answer when a fault says so, and records the request
before the answer leaves (so a test that has the answer also has the record).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from tests.fake_dashscope import control
from tests.fake_dashscope.exchange import Exchange, RecordedRequest, Response
from tests.fake_dashscope.faults import Fault, FaultKind
from tests.fake_dashscope.http_body import BodyTooLarge, RequestBody

if TYPE_CHECKING:
    from tests.fake_dashscope.server import Emulator

MAX_CONTROL_BODY = 6 * 1024 * 1024
MEDIA_CHUNK = 1 << 20
MALFORMED_BODY = b'{"request_id":"6c3c2d1e-0000","output":{"task_id":"c2e5d63b-96e1-46'


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024
    allow_reuse_address = True

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], emulator: Emulator
    ) -> None:
        self.emulator = emulator
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_all(self) -> None:
        """Close idle keep-alive connections so their threads end with the server."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server
    timeout = 300  # idle keep-alive connections close after this
    disable_nagle_algorithm = True  # headers and body go out in two writes

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the emulator records requests itself

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _serve(self, method: str) -> None:
        emulator = self.server.emulator
        parts = urlsplit(self.path)
        headers = dict(self.headers.items())
        exchange = Exchange(
            method=method,
            path=parts.path,
            query={k: v[-1] for k, v in parse_qs(parts.query).items()},
            headers=headers,
            body=RequestBody(
                self.rfile,
                self.headers.get("Content-Length"),
                self.headers.get("Transfer-Encoding"),
            ),
        )
        route = emulator.route(method, parts.path)
        if route == "control":
            self._control(exchange)
            return
        started = time.time()
        if emulator.config.latency_s and route not in ("upload", "media", "result"):
            time.sleep(emulator.config.latency_s)
        delay = emulator.faults.latency(route)
        if delay:
            time.sleep(delay)
        fault = emulator.faults.take(route, before_handling=True)
        if fault is not None and fault.kind is FaultKind.DROP:
            emulator._record(
                RecordedRequest(started, method, self.path, route, None, headers, fault="drop")
            )
            self._drop()
            return
        if fault is not None:  # ERROR
            answer: Response | Path = self._error_answer(fault)
            exchange.body.drain()
        else:
            answer = emulator.handle(route, exchange)
        after = emulator.faults.take(route, before_handling=False)
        # Recorded before the answer leaves, so a test that got the answer sees the record.
        lost = after is not None and after.kind is FaultKind.LOSE_ANSWER
        status = None if lost else (200 if isinstance(answer, Path) else answer.status)
        if after is not None and after.kind is FaultKind.MALFORMED:
            status = 200
        spoiled = fault or after
        emulator._record(
            RecordedRequest(
                started,
                method,
                self.path,
                route,
                status,
                headers,
                exchange.json,
                spoiled.kind.value if spoiled else None,
            )
        )
        self._send(answer, after, method)

    def _control(self, exchange: Exchange) -> None:
        try:
            raw = exchange.body.read_all(MAX_CONTROL_BODY)
            body = json.loads(raw) if raw else {}
        except (BodyTooLarge, ValueError):
            body = None
        if body is None:
            status, document = 400, {"error": "the body must be JSON"}
        else:
            emulator = self.server.emulator
            status, document = control.handle(emulator, exchange.method, exchange.path, body)
        self._send(Response.json(status, document), None, exchange.method)

    @staticmethod
    def _error_answer(fault: Fault) -> Response:
        answer = Response.error(fault.status, fault.code, fault.message)
        if fault.retry_after is not None:
            answer.headers["Retry-After"] = fault.retry_after
        return answer

    def _send(self, answer: Response | Path, fault: Fault | None, method: str) -> int | None:
        """Write the answer, spoiled by an after-handling fault; the status, or None if dropped."""
        if fault is not None and fault.kind is FaultKind.LOSE_ANSWER:
            self._drop()
            return None
        if fault is not None and fault.kind is FaultKind.SLOW_ANSWER:
            time.sleep(fault.delay_s)
        if isinstance(answer, Path):
            return self._send_file(answer, method)
        body = answer.body
        if fault is not None and fault.kind is FaultKind.MALFORMED:
            answer = Response(200, MALFORMED_BODY, "application/json")
            body = answer.body
        rid_header = self.server.emulator.config.request_id_header
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in answer.headers.items():
                self.send_header(name, value)
            if rid_header and answer.content_type == "application/json":
                with contextlib.suppress(ValueError, AttributeError, TypeError):
                    self.send_header(rid_header, json.loads(body)["request_id"])
            self.end_headers()
            if fault is not None and fault.kind is FaultKind.TRUNCATE:
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self._drop()
                return answer.status
            if method != "HEAD":
                self.wfile.write(body)
        except OSError:  # the client gave up (timeouts, slow answers)
            self.close_connection = True
        return answer.status

    def _send_file(self, path: Path, method: str) -> int:
        size = path.stat().st_size
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            if method != "HEAD":
                with path.open("rb") as file:
                    shutil.copyfileobj(file, self.wfile, MEDIA_CHUNK)
        except OSError:
            self.close_connection = True
        return 200

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
