"""The Pagefind search index of the built site.

Pagefind (from PyPI, its binary shipped in the wheel) stems Dutch (`schoonmaker` finds
`schoonmakers`) and splits the index into fragments the browser loads on demand, so the
first results come fast however large the site grows.

During a build the index is fed page by page while MkDocs is still rendering the next
pages: Pagefind runs as its own process, so indexing takes the second core instead of
adding its time after the build (`make bench` shows the difference).

Pagefind keeps everything it indexes in memory until it writes (about 0.35 MiB per page), so
a large site is indexed in bundles of a bounded number of pages, one Pagefind process after
the other: `pagefind/`, `pagefind-2/`, ... The search box loads the first and merges the others
(PagefindUI's mergeIndex), so one search covers them all.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import threading
from pathlib import Path

LANGUAGE = "nl"
EXCLUDE = [".headerlink"]  # the ¶ of every heading is not content
# what main.html puts around the article of a searched page. Pagefind would index every page
# whole if none of an index's pages had it, so pages without it are never sent
BODY = "data-pagefind-body"


class SearchIndexError(RuntimeError):
    pass


def bundle_count(pages: int, pages_per_bundle: int) -> int:
    return max(1, -(-pages // pages_per_bundle))


def bundle_folders(count: int) -> list[str]:
    """The site folders of the bundles: pagefind/ holds the first and the search box's code."""
    return ["pagefind/"] + [f"pagefind-{n}/" for n in range(2, count + 1)]


class StreamingIndex:
    """Pages go in as MkDocs writes them; finish() writes the index into the site. One
    Pagefind process, one bundle.

    Talks to `pagefind --service` directly (base64 JSON messages separated by commas, the
    protocol of the pagefind package's own client). That client waits 0.1 s before reading
    each reply, which would add 100 s to a build of 1,000 pages; here a reader thread takes
    replies as they come, so the Pagefind process indexes at its own pace on another core.
    """

    def __init__(self) -> None:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise SearchIndexError("Pagefind is niet geïnstalleerd (pip install 'pagefind[extended]')")
        self._proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._next_id = 0
        self._replies: dict[int, dict] = {}
        self._sent = 0
        self._done = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="pagefind-replies", daemon=True)
        self._reader.start()
        reply = self._wait(self._send({"type": "NewIndex", "config": {
            "force_language": LANGUAGE, "exclude_selectors": EXCLUDE}}))
        self._index_id = reply["index_id"]

    def _send(self, payload: dict) -> int:
        self._next_id += 1
        message = {"message_id": self._next_id, "payload": payload}
        self._proc.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        self._proc.stdin.flush()
        return self._next_id

    def _read(self) -> None:
        buffer = bytearray()  # one reply (GetFiles) holds the whole bundle: no quadratic joining
        while True:
            chunk = self._proc.stdout.read1(1 << 16)
            if not chunk:
                with self._done:
                    self._done.notify_all()
                return
            buffer += chunk
            if b"," not in chunk:
                continue
            *messages, rest = bytes(buffer).split(b",")
            buffer = bytearray(rest)
            with self._done:
                for raw in messages:
                    reply = json.loads(base64.b64decode(raw))
                    if reply and reply.get("message_id") is not None:
                        self._replies[reply["message_id"]] = reply["payload"]
                self._done.notify_all()

    def _wait(self, message_id: int) -> dict:
        with self._done:
            self._done.wait_for(lambda: message_id in self._replies or self._proc.poll() is not None)
        reply = self._replies.get(message_id)
        if reply is None or reply.get("type") == "Error":
            raise SearchIndexError(f"Pagefind kon de zoekindex niet bouwen: {reply or 'het proces stopte'}")
        return reply

    def add(self, url: str, html: str) -> None:
        self._sent = self._send({"type": "AddFile", "index_id": self._index_id, "url": url,
                                 "file_contents": html, "file_path": None})

    def finish(self, bundle_dir: Path) -> None:
        try:
            if self._sent:
                self._wait(self._sent)  # replies come in order: the last one means all are in
            # GetFiles, not WriteFiles: Pagefind answers WriteFiles before its last writes have
            # reached the disk, and exits at once when its input closes, so a file could stay
            # empty or cut short (an empty pagefind-entry.json failed one CI run, a truncated
            # pagefind.js another). The files it hands over are written here, whole.
            files = self._wait(self._send({"type": "GetFiles", "index_id": self._index_id}))["files"]
        finally:
            self.abandon()
        write_bundle(bundle_dir, files)

    def abandon(self) -> None:
        """Stop the Pagefind process (after finish, or when the build failed)."""
        if self._proc.poll() is None:
            if not self._proc.stdin.closed:
                self._proc.stdin.close()
            self._proc.terminate()
            self._proc.wait(timeout=30)


def write_bundle(bundle_dir: Path, files: list[dict]) -> None:
    """Pagefind's files (path relative to the bundle, base64 content) into the bundle's folder."""
    names = set()
    for file in files:
        relative = Path(file["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise SearchIndexError(f"Pagefind gaf een bestand buiten de zoekindex terug: {file['path']}")
        target = bundle_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))
        names.add(relative.as_posix())
    if "pagefind-entry.json" not in names:
        raise SearchIndexError(f"Pagefind schreef geen zoekindex in {bundle_dir.name}/")


class BundledIndex:
    """Searched pages in order, into `count` bundles of (nearly) equal size planned for `pages`
    pages: page i goes to bundle i * count // pages, so every bundle gets at least one page
    (an empty bundle would break the merged search) and the bundles come one after the other.
    A full bundle is written in a thread of its own while the next process starts, so at most
    one bundle is held whole in memory. Pages without BODY are not searched: leave them out."""

    def __init__(self, site_dir: Path, pages: int, count: int) -> None:
        self.site_dir, self.pages, self.count = site_dir, max(pages, 1), count
        self._seen = 0
        self._bundle = -1
        self._index: StreamingIndex | None = None
        self._writing: list[threading.Thread] = []
        self._errors: list[BaseException] = []

    def add(self, url: str, html: str) -> None:
        bundle = min(self._seen * self.count // self.pages, self.count - 1)
        self._seen += 1
        if bundle != self._bundle:
            self._close_current()
            self._bundle, self._index = bundle, StreamingIndex()
        self._index.add(url, html)

    def _close_current(self) -> None:
        if self._index is None:
            return
        index, folder = self._index, self.site_dir / bundle_folders(self.count)[self._bundle]
        self._index = None

        def write():
            try:
                index.finish(folder)
            except BaseException as err:  # reported by finish(), in the build's thread
                self._errors.append(err)

        self._writing.append(threading.Thread(target=write, name=f"pagefind-{folder.name}", daemon=True))
        self._writing[-1].start()
        if len(self._writing) > 1:
            self._writing[-2].join()  # never two bundles being written at once

    def finish(self) -> None:
        self._close_current()
        for thread in self._writing:
            thread.join()
        if self._errors:
            raise self._errors[0]
        written = sum(1 for f in bundle_folders(self.count) if (self.site_dir / f / "pagefind-entry.json").is_file())
        if written != self.count:
            raise SearchIndexError(f"Pagefind schreef {written} van de {self.count} delen van de zoekindex "
                                   f"({self._seen} pagina's, {self.pages} verwacht)")

    def abandon(self) -> None:
        if self._index is not None:
            self._index.abandon()
        for thread in self._writing:
            thread.join()


def site_pages(site_dir: Path) -> list[tuple[str, Path]]:
    """(URL, file) of every HTML page of a built site: Pagefind's own files and the web editor
    are not pages."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        parts = path.relative_to(site_dir).parts
        if parts[0].startswith("pagefind") or parts[0] == "admin":
            continue
        url = "/" + "/".join(parts)
        pages.append((url[: -len("index.html")] if url.endswith("/index.html") else url, path))
    return pages


def build_search_index(site_dir: Path, count: int = 1) -> None:
    """Index a whole built site (when pages were not streamed: serve, `mkdocs build --dirty`),
    into the same number of bundles its pages expect. The bundles are planned on the number of
    searched pages, so the pages are read twice rather than all held at once (at 10,000
    practices that would be some 600 MB of HTML)."""
    searched = [(url, path) for url, path in site_pages(site_dir) if BODY in path.read_text(encoding="utf-8")]
    index = BundledIndex(site_dir, len(searched), count)
    try:
        for url, path in searched:
            index.add(url, path.read_text(encoding="utf-8"))
        index.finish()
    except BaseException:
        index.abandon()
        raise


def build_search_index_apart(site_dir: Path, count: int = 1) -> None:
    """build_search_index in a process of its own: serve's background re-index reads and sends
    every page, and in serve's own process that would hold the interpreter while the next
    rebuild waits for it."""
    result = subprocess.run([sys.executable, "-m", "generator.search_index", str(site_dir), str(count)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(result.stderr.strip().splitlines()[-1] if result.stderr.strip()
                               else f"Pagefind kon de zoekindex niet bouwen (code {result.returncode})")


if __name__ == "__main__":  # python -m generator.search_index SITE_DIR BUNDLES
    try:
        build_search_index(Path(sys.argv[1]), int(sys.argv[2]))
    except SearchIndexError as err:
        sys.exit(str(err))
