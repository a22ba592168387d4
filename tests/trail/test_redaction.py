"""The trail never holds the key: a key in every place a key can be, then the files are read."""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path

import pytest

from desktop import crash, logs
from desktop.dashscope import credentials

# A key shaped like DashScope's (caught by its shape) and one that is not (caught because
# this process found it as the key in force).
SHAPED_KEY = "sk-" + "0123456789abcdef" * 2
PLAIN_KEY = "AbCdEfGh0123456789IjKlMnOp"


@pytest.fixture
def trail(tingxie_home: Path, monkeypatch: pytest.MonkeyPatch):
    """The log file installed as the app installs it, with DEBUG on; removed afterwards."""
    monkeypatch.setenv(credentials.ENV_VAR, PLAIN_KEY)
    assert credentials.find_api_key().value == PLAIN_KEY  # the key in force, as the app finds it
    path = logs.install_logging(debug=True)
    assert path == tingxie_home / "tingxie.log"
    uninstall = crash.install_crash_handler()
    yield path
    uninstall()
    logs.remove_logging()


def _traces(text: str, key: str) -> list[str]:
    """Every 8-character piece of the key's secret part found in ``text``."""
    secret = key.removeprefix("sk-")
    pieces = {secret[i : i + 8] for i in range(len(secret) - 7)}
    return sorted(piece for piece in pieces if piece in text)


def _fail_with_the_key_in_locals(key: str) -> None:
    headers = {"Authorization": f"Bearer {key}", "X-DashScope-Async": "enable"}
    url = f"https://dashscope.aliyuncs.com/api/v1/tasks?api_key={key}"
    # Longer than a report shows of one variable: cut after redaction, never through the key.
    long_text = "x" * 230 + key + "y" * 50
    raise RuntimeError(f"the service refused {key} ({len(headers)} headers, {url}, {long_text})")


def test_a_key_in_every_place_reaches_neither_the_log_nor_a_crash_report(
    trail: Path, tingxie_home: Path
) -> None:
    log = logging.getLogger("desktop.test")
    for key in (SHAPED_KEY, PLAIN_KEY):
        log.info(f"in the message itself: {key}")
        log.info("in the arguments: %s", key)
        log.debug("in a header dict: %r", {"Authorization": f"Bearer {key}"})
        log.warning("in a URL query: %s", f"https://example.com/api/v1/x?api_key={key}&a=1")
        log.info("in a list of arguments: %s %s", [key], (key,))
        log.info("with the stack", stack_info=True)
        try:
            _fail_with_the_key_in_locals(key)
        except RuntimeError as error:
            log.exception("in an exception and its traceback")
            report = crash.report_crash(error, "in a test")
            assert report is not None and report.path is not None
            assert "headers = " in report.text and "long_text = " in report.text
            assert "[redacted]" in report.text
    written = [trail, *tingxie_home.glob("crash-*.txt")]
    assert len(written) == 3
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert _traces(text, SHAPED_KEY) == [], path
        assert _traces(text, PLAIN_KEY) == [], path
    signed = "https://b.oss-cn-beijing.aliyuncs.com/r.json?Expires=9&Signature=AbC%2Bd3f&x=1"
    log.info("fetching %s", signed)
    log_text = trail.read_text(encoding="utf-8")
    assert "r.json?Expires=9&Signature=[redacted]&x=1" in log_text
    assert "AbC%2Bd3f" not in log_text
    assert "in a URL query: https://example.com/api/v1/x?api_key=[redacted]&a=1" in log_text
    assert "RuntimeError: the service refused sk-[redacted]" in log_text


def test_errors_escaping_a_thread_or_an_asyncio_callback_are_reported_without_the_key(
    trail: Path, tingxie_home: Path
) -> None:
    def worker() -> None:
        secret = PLAIN_KEY  # noqa: F841 - a local the report lists
        raise ValueError(f"worker failed with {SHAPED_KEY}")

    thread = threading.Thread(target=worker, name="uploader")
    thread.start()
    thread.join()

    async def main() -> None:
        def callback() -> None:
            raise KeyError(f"callback failed with {PLAIN_KEY}")

        asyncio.get_running_loop().call_soon(callback)
        await asyncio.sleep(0.05)

    asyncio.run(main())
    reports = sorted(tingxie_home.glob("crash-*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in reports]
    assert len(texts) == 2
    assert any("in the thread 'uploader'" in t and "ValueError: worker failed" in t for t in texts)
    assert any("KeyError" in t and "callback failed with [redacted]" in t for t in texts)
    for text in [*texts, trail.read_text(encoding="utf-8")]:
        assert _traces(text, SHAPED_KEY) == [] and _traces(text, PLAIN_KEY) == []
