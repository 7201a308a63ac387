"""Where a command's time and memory go, stage by stage.

`make bench` sets PRAKTIJKBANK_TIMINGS to a file; `validate` and `build` then write their
stages there: seconds per stage and the peak memory (MiB) of this process and of its children
(Pagefind's indexer runs as one) when the stage ended. Peak memory only grows, so the stage
where it jumps is the one that needed it.
"""

from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path

TIMINGS_ENV = "PRAKTIJKBANK_TIMINGS"


def peak_mib() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self": round(own, 1), "children": round(children, 1)}


class Stages:
    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.memory: dict[str, dict[str, float]] = {}
        self._last = time.perf_counter()

    def done(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = self.seconds.get(name, 0.0) + now - self._last
        self.memory[name] = peak_mib()
        self._last = now

    def restart(self) -> None:
        """Time from here belongs to the next stage (what ran between is not counted)."""
        self._last = time.perf_counter()

    def write(self) -> None:
        target = os.environ.get(TIMINGS_ENV)
        if target:
            Path(target).write_text(json.dumps({"seconds": self.seconds, "peak_mib": self.memory}, indent=1))
