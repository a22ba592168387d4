"""Hot-word vocabularies (``model: speech-biasing``), with the service's limits.

Validation messages are the ones seen in third-party handling code; their
codes are not documented (protocol doc §10.13), so every refusal is a 400
``InvalidParameter`` here.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from desktop.domain import catalog
from tests.fake_dashscope.clock import Clock
from tests.fake_dashscope.config import EmulatorConfig
from tests.fake_dashscope.wire import hex_token, vocabulary_time

TARGET_MODELS = (
    "paraformer-v2", "paraformer-8k-v2", "fun-asr", "fun-asr-2025-11-07", "fun-asr-2025-08-25",
    "fun-asr-mtl", "fun-asr-mtl-2025-08-25",
)  # fmt: skip
_PREFIX = re.compile(r"^[a-z0-9]{1,9}$")


class VocabularyError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _invalid(message: str) -> VocabularyError:
    return VocabularyError(400, "InvalidParameter", message)


NOT_FOUND = VocabularyError(404, "NotFound", "Not found!")


@dataclass
class Vocabulary:
    vocabulary_id: str
    prefix: str
    target_model: str
    words: list[dict[str, Any]]
    created: float
    modified: float
    deployed_at: float = field(default=0.0)


class Vocabularies:
    def __init__(self, clock: Clock, config: EmulatorConfig) -> None:
        self._clock = clock
        self._config = config
        self._lock = threading.Lock()
        self._items: dict[str, Vocabulary] = {}

    def get(self, vocabulary_id: str) -> Vocabulary | None:
        with self._lock:
            return self._items.get(vocabulary_id)

    def handle(self, action: str, data: dict[str, Any]) -> dict[str, Any]:
        handlers = {
            "create_vocabulary": self._create,
            "list_vocabulary": self._list,
            "query_vocabulary": self._query,
            "update_vocabulary": self._update,
            "delete_vocabulary": self._delete,
        }
        if action not in handlers:
            raise _invalid(f"Unsupported action: {action}")
        with self._lock:
            return handlers[action](data)

    def _create(self, data: dict[str, Any]) -> dict[str, Any]:
        target = data.get("target_model")
        if target not in TARGET_MODELS:
            raise _invalid(f"target_model {target!r} does not support vocabularies")
        prefix = data.get("prefix")
        if not isinstance(prefix, str) or not _PREFIX.match(prefix):
            raise _invalid("prefix should be english letter and number")
        words = self._check_words(data.get("vocabulary"), target)
        if len(self._items) >= self._config.max_vocabularies:
            raise _invalid(f"vocabulary count exceeds the limit of {self._config.max_vocabularies}")
        now = self._clock.now()
        vocabulary_id = f"vocab-{prefix}-{hex_token(16)}"
        self._items[vocabulary_id] = Vocabulary(
            vocabulary_id,
            prefix,
            target,
            words,
            now,
            now,
            now + self._config.vocabulary_deploy_s,
        )
        return {"vocabulary_id": vocabulary_id}

    def _list(self, data: dict[str, Any]) -> dict[str, Any]:
        prefix = data.get("prefix")
        page_index = int(data.get("page_index", 0))
        page_size = int(data.get("page_size", 10))
        if page_index < 0 or not 1 <= page_size <= 100:
            raise _invalid("page_index must be >= 0 and page_size 1..100")
        chosen = sorted(
            (v for v in self._items.values() if not prefix or v.prefix == prefix),
            key=lambda v: v.created,
        )
        page = chosen[page_index * page_size : (page_index + 1) * page_size]
        return {
            "vocabulary_list": [
                {
                    "vocabulary_id": v.vocabulary_id,
                    "gmt_create": vocabulary_time(v.created),
                    "gmt_modified": vocabulary_time(v.modified),
                    "status": self._status(v),
                }
                for v in page
            ]
        }

    def _query(self, data: dict[str, Any]) -> dict[str, Any]:
        vocabulary = self._find(data)
        return {
            "gmt_create": vocabulary_time(vocabulary.created),
            "gmt_modified": vocabulary_time(vocabulary.modified),
            "status": self._status(vocabulary),
            "target_model": vocabulary.target_model,
            "vocabulary": vocabulary.words,
        }

    def _update(self, data: dict[str, Any]) -> dict[str, Any]:
        vocabulary = self._find(data)
        vocabulary.words = self._check_words(data.get("vocabulary"), vocabulary.target_model)
        vocabulary.modified = self._clock.now()
        vocabulary.deployed_at = vocabulary.modified + self._config.vocabulary_deploy_s
        return {}

    def _delete(self, data: dict[str, Any]) -> dict[str, Any]:
        vocabulary = self._find(data)
        del self._items[vocabulary.vocabulary_id]
        return {}

    def _find(self, data: dict[str, Any]) -> Vocabulary:
        vocabulary = self._items.get(str(data.get("vocabulary_id")))
        if vocabulary is None:
            raise NOT_FOUND
        return vocabulary

    def _status(self, vocabulary: Vocabulary) -> str:
        return "OK" if self._clock.now() >= vocabulary.deployed_at else "UNDEPLOYED"

    def _check_words(self, words: object, target: str) -> list[dict[str, Any]]:
        if not isinstance(words, list) or not words:
            raise _invalid("vocabulary must be a non-empty list")
        if len(words) > self._config.max_vocabulary_words:
            raise _invalid("vocabulary is too large")
        langs = catalog.get(target).hotword_languages
        checked = []
        for entry in words:
            if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
                raise _invalid("every vocabulary entry needs a text")
            text = entry["text"]
            weight = entry.get("weight")
            if not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= 5:
                raise _invalid(f"weight of {text!r} must be an integer from 1 to 5")
            if "lang" in entry and entry["lang"] not in langs:
                raise _invalid(f"lang {entry['lang']!r} is not supported by {target}")
            if not text.strip():
                raise _invalid("text should not be empty")
            if text.isascii():
                if len(text.split()) > 7:
                    raise _invalid("text should not be longer than 7 words")
            elif len(text) > 15:
                raise _invalid("text should not be longer than 15 characters")
            checked.append(dict(entry))
        return checked
