"""What `praktijkbank serve` does beyond a build: it keeps the last good site up while a record is
broken, shows the problems on every page, and drops the pages of deleted records.

MkDocs' own server stalls every request after a failed rebuild ("the server will appear stuck
until build errors are resolved"). So while serving, record problems do not fail the build: the
docs tree stays as it was (generate writes nothing then), MkDocs' dirty rebuild finds nothing to
redo, the browsers reload, and praktijkbank.js shows what PROBLEMS_FILE lists in a banner.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.utils import get_relative_url

from .problems import Problem
from .write import write_if_changed

PROBLEMS_FILE = "praktijkbank-problemen.json"  # only in the site of `serve`, never in a build
META_NAME = "praktijkbank-problemen"


def write_problems(site_dir: Path, problems: list[Problem]) -> None:
    """The problems of the latest rebuild (an empty list once they are solved)."""
    files = sorted({p.file for p in problems})
    data = {
        "problems": [{"file": p.file, "line": p.line, "column": p.column, "field": p.field,
                      "message": p.message, "text": p.format()} for p in problems],
        "files": len(files),
    }
    write_if_changed(Path(site_dir) / PROBLEMS_FILE, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def with_problems_link(html: str, page_url: str) -> str:
    """Tell praktijkbank.js where the problems of this serve session are, relative to the page."""
    href = get_relative_url(PROBLEMS_FILE, page_url or "index.html")
    tag = f'<meta name="{META_NAME}" content="{href}">'
    head_end = html.find("</head>")
    return html if head_end < 0 else html[:head_end] + tag + html[head_end:]


def remove_stale_outputs(site_dir: Path, before: set[str], now: set[str]) -> int:
    """Delete what the previous rebuild wrote for files that are gone (a deleted record's page):
    MkDocs' dirty rebuild writes new pages but never removes old ones."""
    site_dir = Path(site_dir).resolve()
    removed = 0
    for dest in sorted(before - now):
        path = (site_dir / dest).resolve()
        if site_dir not in path.parents or not path.is_file():
            continue
        path.unlink()
        removed += 1
        folder = path.parent
        while folder != site_dir and not os.listdir(folder):
            folder.rmdir()
            folder = folder.parent
    return removed
