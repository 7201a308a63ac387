"""Write a rendered page set into a docs tree, touching only what changed.

An unchanged file keeps its modification time, so MkDocs' dirty rebuilds and
any cache downstream skip it. Files that are no longer rendered are removed;
dotfiles (such as the tree's .gitignore) are left alone.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def _safe_relative(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"refusing to write outside the docs tree: {rel!r}")
    return path


LEFTOVER = re.compile(r"\..+\.tmp")  # what write_if_changed calls a file while writing it


def write_if_changed(target: Path, data: bytes) -> bool:
    """Write a file unless it already holds exactly this; True if written. Written beside it and
    moved into place, so a reader (mkdocs serve, an editor's IDE) never sees half a file."""
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return True


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def write_tree(pages: Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]], out_dir: Path,
               remove_stale: bool = True, written: dict | None = None) -> WriteStats:
    """pages: path -> content, or (path, content) pairs as they are made (each is written and
    can be let go before the next is made). remove_stale: False when pages holds only part of
    the tree (serve's practice pages first), so the rest stays. written (kept between rebuilds by
    serve): what was written where; the very same content object over a file that has not changed
    since is not read again to compare (the renderer hands back a cached page as that object)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stats = WriteStats()
    wanted = set()
    for rel, content in pages.items() if isinstance(pages, Mapping) else pages:
        target = out_dir / _safe_relative(rel)
        wanted.add(target)
        if written is not None and (known := written.get(rel)) is not None and known[0] is content \
                and _stamp(target) == known[1]:
            stats.unchanged += 1
            continue
        data = content.encode("utf-8") if isinstance(content, str) else content
        if write_if_changed(target, data):
            stats.written += 1
        else:
            stats.unchanged += 1
        if written is not None:
            written[rel] = (content, _stamp(target))

    if not remove_stale:
        return stats
    for dirpath, dirnames, filenames in os.walk(out_dir, topdown=False):
        for name in filenames:
            path = Path(dirpath) / name
            if LEFTOVER.fullmatch(name):  # a half-written page of an interrupted build
                path.unlink()
                continue
            if not name.startswith(".") and path not in wanted:
                path.unlink()
                stats.removed += 1
        if Path(dirpath) != out_dir and not os.listdir(dirpath):
            os.rmdir(dirpath)
    return stats
