"""The Pagefind search index of the built site.

Pagefind (from PyPI, its binary shipped in the wheel) stems Dutch (`schoonmaker` finds
`schoonmakers`) and splits the index into fragments the browser loads on demand, so the
first results come fast however large the site grows.

During a build the index is fed page by page while MkDocs is still rendering the next
pages: Pagefind runs as its own process, so indexing takes the second core instead of
adding its time after the build (`make bench` shows the difference).
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


class SearchIndexError(RuntimeError):
    pass


def build_search_index(site_dir: Path) -> None:
    """Index a whole built site at once (used when pages were not streamed, e.g. serve)."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", LANGUAGE,
           "--exclude-selectors", ",".join(EXCLUDE), "--silent"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind kon de zoekindex niet bouwen:\n{result.stderr or result.stdout}")


class StreamingIndex:
    """Pages go in as MkDocs writes them; finish() writes the index into the site.

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
        buffer = b""
        while True:
            chunk = self._proc.stdout.read1(1 << 16)
            if not chunk:
                with self._done:
                    self._done.notify_all()
                return
            buffer += chunk
            *messages, buffer = buffer.split(b",")
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

    def finish(self, site_dir: Path) -> None:
        try:
            if self._sent:
                self._wait(self._sent)  # replies come in order: the last one means all are in
            self._wait(self._send({"type": "WriteFiles", "index_id": self._index_id,
                                   "output_path": str(site_dir / "pagefind")}))
            # The reply can come before every file is on disk; Pagefind ends by itself when its
            # input closes, after finishing its writes, so wait for that rather than stop it
            # (stopping it at once left a truncated pagefind.js in one CI run).
            self._proc.stdin.close()
            self._proc.wait(timeout=300)
        finally:
            self.abandon()
        if not (site_dir / "pagefind" / "pagefind-entry.json").is_file():
            raise SearchIndexError("Pagefind schreef geen zoekindex")

    def abandon(self) -> None:
        """Stop the Pagefind process (after finish, or when the build failed)."""
        if self._proc.poll() is None:
            if not self._proc.stdin.closed:
                self._proc.stdin.close()
            self._proc.terminate()
            self._proc.wait(timeout=30)
