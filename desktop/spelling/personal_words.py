"""The personal word list: words the user added to the dictionary, one per line, UTF-8.

It lives in the data folder (``paths.personal_words_path``), so it follows a
portable install and is shared by every language: a name or a term is
spelled the same in an English and a German subtitle. Each addition is
written at once (appended), so nothing added is lost when the app is killed.
"""

from __future__ import annotations

import threading
from pathlib import Path

from desktop import paths


class PersonalWords:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.personal_words_path()
        self._lock = threading.Lock()
        self._words = self._read()

    def _read(self) -> set[str]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return set()
        except (OSError, UnicodeDecodeError) as error:
            raise OSError(f"{self.path}: cannot read the personal word list ({error})") from None
        return {line.strip() for line in text.splitlines() if line.strip()}

    def has(self, word: str) -> bool:
        """Exact spelling, or the word in lower case when the list has it so (any capitals)."""
        return word in self._words or word.lower() in self._words

    def words(self) -> list[str]:
        return sorted(self._words)

    def add(self, word: str) -> None:
        word = word.strip()
        if not word or "\n" in word:
            raise ValueError(f"{word!r} is not one word")
        with self._lock:
            if word in self._words:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(word + "\n")
            self._words.add(word)

    def remove(self, word: str) -> None:
        with self._lock:
            if word not in self._words:
                return
            self._words.discard(word)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text("".join(w + "\n" for w in sorted(self._words)), encoding="utf-8")
            temporary.replace(self.path)
