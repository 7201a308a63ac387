"""Edit-to-page latency of `praktijkbank serve`: save a record, poll until the page shows it."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


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


def edit_latency(project: Path, edits: int = 3, timeout: float = 120, settle: float = 8.0) -> dict:
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
        time.sleep(settle)  # the search index is built in the background after each build
        times = []
        for i in range(edits):
            token = f"bewerking{i}x{int(time.time())}"
            record.write_text(re.sub(r"^summary: ", f"summary: {token} ", original, count=1, flags=re.M), encoding="utf-8")
            t0 = time.perf_counter()
            while token not in _get(url):
                if time.perf_counter() - t0 > timeout:
                    raise RuntimeError("edit never showed")
                time.sleep(0.05)
            times.append(time.perf_counter() - t0)
            time.sleep(settle)  # an editor reads the page before saving again
        return {"seconds": min(times), "runs": times, "full_build_seconds": full_build, "goal_seconds": 2.0}
    finally:
        record.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=30)
