"""Pagefind's peak memory for a built site, fed whole pages or only what it indexes.

    python -m bench.pagefind_memory SITE full|trim

`full` sends every page as built (Material's navigation and all); `trim` sends only the html
element, the title and the article inside data-pagefind-body. Prints the pages, the megabytes
sent, the seconds and Pagefind's peak memory. A measurement for "Scale to 10,000", not part of
`make bench`.
"""

from __future__ import annotations

import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from generator.search_index import StreamingIndex

BODY = re.compile(r"<div data-pagefind-body>.*?</article>", re.S)


def trimmed(html: str) -> str:
    body = BODY.search(html)
    title = re.search(r"<title>.*?</title>", html, re.S)
    return (re.search(r"<html[^>]*>", html).group(0) + f"<head>{title.group(0) if title else ''}</head>"
            + f"<body>{body.group(0) if body else ''}</body></html>")


def main(site: Path, mode: str) -> None:
    pages = sorted(p for p in site.rglob("index.html") if not {"pagefind", "admin"} & set(p.parts))
    index = StreamingIndex()
    started, sent = time.perf_counter(), 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        html = trimmed(html) if mode == "trim" else html
        sent += len(html)
        index.add("/" + page.parent.relative_to(site).as_posix() + "/", html)
    with tempfile.TemporaryDirectory() as out:
        index.finish(Path(out))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{mode}: {len(pages)} pages, {sent / 1e6:.1f} MB sent, {time.perf_counter() - started:.1f} s, "
          f"Pagefind peak {peak:.0f} MiB")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "full")
