"""Peak memory of a command and every process it starts, together.

A build runs Pagefind's indexer beside MkDocs, so what a CI runner's memory limit sees is the
sum of both at the same moment. getrusage gives only the largest single process; this samples
the resident memory of the whole process tree from /proc instead (Linux).
"""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
INTERVAL = 0.05  # seconds between samples: Pagefind's peak (writing the index) lasts longer


def process_tree() -> dict[int, list[int]]:
    """{parent pid: [child pids]} of every process now."""
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _rss_kib(pid: int) -> int:
    try:
        return int((Path("/proc") / str(pid) / "statm").read_text().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_kib(root: int) -> int:
    """Resident memory of a process and all its descendants, now."""
    tree, total, todo = process_tree(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kib(pid)
        todo.extend(tree.get(pid, ()))
    return total


def run_sampled(cmd: list[str], **popen) -> tuple[subprocess.CompletedProcess, int]:
    """Run a command to its end; return its result and the peak KiB of its process tree."""
    proc = subprocess.Popen(cmd, **popen)
    peak = [0]
    stop = threading.Event()

    def sample():
        while not stop.wait(INTERVAL):
            peak[0] = max(peak[0], tree_rss_kib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    stop.set()
    sampler.join()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err), peak[0]
