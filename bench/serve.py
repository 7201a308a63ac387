"""Edit-to-page latency of `praktijkbank serve`: save a record, poll until the page shows it."""

from __future__ import annotations

import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.memory import process_tree


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def _settled(proc: subprocess.Popen, lists_url: str, token: str, timeout: float) -> float:
    """Wait until serve is idle after an edit: the lists show it (the rebuild after the quick one)
    and the background re-index has ended (serve has no child process). An editor reads the
    page before saving again; measured while Pagefind still indexes on both cores, the next save
    would time the machine's load, not serve."""
    start = time.perf_counter()
    while token not in _get(lists_url) or process_tree().get(proc.pid):
        if time.perf_counter() - start > timeout:
            raise RuntimeError("serve never became idle after an edit")
        time.sleep(0.2)
    return time.perf_counter() - start


def edit_latency(project: Path, edits: int = 5, timeout: float = 120, settle: float = 1.0) -> dict:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    record = sorted((project / "practices").glob("*.yaml"))[len(list((project / "practices").glob("*.yaml"))) // 2]
    url = f"{base}/praktijken/{record.stem}/"
    original = record.read_text(encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        start = time.perf_counter()
        while "<html" not in _get(url):
            if time.perf_counter() - start > timeout or proc.poll() is not None:
                raise RuntimeError("serve did not come up")
            time.sleep(0.2)
        full_build = time.perf_counter() - start
        _settled(proc, f"{base}/praktijken/", "", timeout)  # the first search index
        time.sleep(settle)
        times, lists = [], []
        for i in range(edits):
            token = f"bewerking{i}x{int(time.time())}"
            record.write_text(re.sub(r"^summary: ", f"summary: {token} ", original, count=1, flags=re.M), encoding="utf-8")
            t0 = time.perf_counter()
            while token not in _get(url):
                if time.perf_counter() - t0 > timeout:
                    raise RuntimeError("edit never showed")
                time.sleep(0.05)
            times.append(time.perf_counter() - t0)
            lists.append(times[-1] + _settled(proc, f"{base}/praktijken/", token, timeout))
            time.sleep(settle)
        return {"seconds": statistics.median(times), "min": min(times), "max": max(times), "runs": times,
                "lists_and_index_seconds": statistics.median(lists),
                "full_build_seconds": full_build, "goal_seconds": 1.0}
    finally:
        record.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=30)
