"""When each practice was first published and last changed, from git (issue "Ready to publish").

One `git log` over the practices folder gives every record's first and last commit date; a
record git does not know yet (not committed, or a copy without history) gets the date of its
file instead, and says so (`from_git` false), so a page never shows an invented history.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Dates:
    first_published: str  # YYYY-MM-DD
    last_changed: str
    from_git: bool


def _git_dates(folder: Path) -> dict[str, tuple[str, str]]:
    """file name -> (first, last) commit date, from one `git log` (newest first)."""
    try:
        out = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", "."], cwd=folder,
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if out.returncode != 0:
        return {}
    dates: dict[str, tuple[str, str]] = {}
    day = ""
    for line in out.stdout.splitlines():
        if line.startswith("\x00"):
            day = line[1:]
        elif line.strip():
            name = Path(line).name
            last = dates.get(name, (day, day))[1]  # the first one seen is the newest
            dates[name] = (day, last)  # ... and the last one seen the oldest
    return dates


def practice_dates(paths: list[Path], folder: Path) -> dict[str, Dates]:
    """practice id -> its dates."""
    known = _git_dates(folder) if folder.is_dir() else {}
    out = {}
    for path in paths:
        if path.name in known:
            first, last = known[path.name]
            out[path.stem] = Dates(first, last, True)
        else:
            try:
                day = dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
            except OSError:
                day = dt.date.today().isoformat()
            out[path.stem] = Dates(day, day, False)
    return out
