"""Putting a finished site in place: atomically, and cleaning up what an interrupted build left.

A build is written into a temporary folder beside the site (`.site-build-*`), which holds a file
naming the process that owns it. When the build succeeded, the new folder and the site are
exchanged in one step (Linux's renameat2 with RENAME_EXCHANGE), so a reader never finds the
site without its index.html; where that call is missing, two renames are the fallback. A build
that was killed (SIGKILL, power loss) leaves its folder behind: the next build removes every
`.site-build-*` whose owner is no longer running.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

PREFIX = ".site-build-"
OWNER = ".praktijkbank-owner"  # the pid of the process that builds into the folder
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


# what the system says, in the editor's language, for the mistakes a build meets in practice
_REASONS = {28: "de schijf is vol", 13: "geen toestemming om daar te schrijven", 1: "geen toestemming om daar te schrijven",
            30: "het bestandssysteem is alleen-lezen", 122: "de schijfruimte (quota) is op"}


def reason(err: OSError) -> str:
    return _REASONS.get(err.errno, err.strerror or str(err))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(parent: Path) -> list[Path]:
    """Remove the build folders of processes that are gone; returns what was removed."""
    removed = []
    for folder in Path(parent).glob(f"{PREFIX}*"):
        try:
            pid = int((folder / OWNER).read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            pid = 0  # an owner file that is missing or broken: from before this file existed, or cut short
        if folder.is_dir() and not folder.is_symlink() and (pid == 0 or not _alive(pid)) and pid != os.getpid():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def new_build_folder(final: Path) -> Path:
    """A private folder beside the site for the next build, marked with this process's pid."""
    final.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(final.parent)
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=final.parent))
    (folder / OWNER).write_text(str(os.getpid()), encoding="utf-8")
    return folder


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)  # the C library already loaded
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system or kernel cannot
        return False
    raise OSError(errno, os.strerror(errno), str(b))


def put_in_place(new: Path, final: Path) -> None:
    """Make `new` the site at `final`, with no moment in which `final` is missing."""
    (new / OWNER).unlink(missing_ok=True)
    new.chmod(0o755)  # mkdtemp makes it private; a site is meant to be read
    if final.exists() and _exchange(new, final):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the previous site
        return
    old = final.with_name(f".{final.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)
