"""Parsed and schema-checked records kept between runs of `praktijkbank validate`.

An editor validates, fixes one record and validates again: the other 999 files have not
changed, so their documents (data, positions) and problems are read back instead of parsed
again. A record is taken from the cache only when its file is the same one (inode, size,
modification time), read from the same folder, against the same schema, by the same code;
anything else parses it again.

The cache is a pickle in the user's cache folder (~/.cache/praktijkbank), outside the
repository, so a pull request cannot plant one that a CI run would load: only the user can
write there, as into their own .venv. Pickle because it loads 1,000 documents with every
position in 0.13 s, where JSON and rebuilding the positions took 0.41 s (measured on the bench's
1,000 records). PRAKTIJKBANK_CACHE names another folder, or `off` for none.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from functools import lru_cache
from pathlib import Path

from .loader import Document
from .problems import Problem  # noqa: F401  (what the cache holds, beside Document)

CACHE_ENV = "PRAKTIJKBANK_CACHE"
RECORD_CACHE_NAME = "records-"
RACY_NS = 2_000_000_000


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the generator's code and bundled schemas: new code never trusts old results."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *package.glob("schemas/*.json")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def cache_folder() -> Path | None:
    chosen = os.environ.get(CACHE_ENV)
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "praktijkbank"


class RecordCache:
    """{file: (stamp, Document or None, problems)} for one folder of records and one schema."""

    def __init__(self, folder: Path, schema_key: str):
        base = cache_folder()
        key = hashlib.sha256(f"{folder.resolve()}\0{schema_key}\0{code_version()}\0{os.getcwd()}".encode()).hexdigest()[:24]
        self.file = base / f"{RECORD_CACHE_NAME}{key}.pickle" if base is not None else None
        self.changed = False
        self._entries: dict[str, tuple] | None = None  # read on first use: serve's rebuilds seldom need it

    @property
    def entries(self) -> dict[str, tuple]:
        if self._entries is None:
            self._entries = {}
            if self.file is not None and self.file.is_file():
                try:
                    with self.file.open("rb") as handle:
                        entries = pickle.load(handle)
                    self._entries = entries if isinstance(entries, dict) else {}
                except Exception:  # a damaged or foreign cache is no cache (unpickling can raise anything)
                    self._entries = {}
        return self._entries

    def get(self, path: Path, stamp: tuple | None) -> tuple[Document | None, list[Problem]] | None:
        """The kept result for a file whose stamp (inode, size, modification time) is `stamp`."""
        entry = self.entries.get(str(path))
        if stamp is None or not isinstance(entry, tuple) or len(entry) != 3 or entry[0] != stamp:
            return None
        return entry[1], list(entry[2])

    def put(self, path: Path, stamp: tuple | None, doc: Document | None, problems: list[Problem]) -> None:
        # A file changed in the last seconds is never kept: a second change within the clock's
        # tick could leave size and time as they were (git's "racy" entries). So a stamp in the
        # cache is at least RACY_NS older than the moment it was kept, and any later write differs.
        if self.file is None or stamp is None or time.time_ns() - stamp[2] < RACY_NS:
            return
        self.entries[str(path)] = (stamp, doc, tuple(problems))
        self.changed = True

    def keep_only(self, paths: list[Path]) -> None:
        if self._entries is None:  # never read, so nothing to write either: it stays as it is
            return
        wanted = {str(p) for p in paths}
        for gone in set(self.entries) - wanted:
            del self.entries[gone]
            self.changed = True

    def save(self) -> None:
        if self.file is None or not self.changed:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            partial = self.file.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as handle:
                pickle.dump(self.entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(self.file)
        except OSError:
            pass  # a cache that cannot be written only makes the next run slower
