"""Lighthouse on a phone: home, the overview and a practice page of the real site.

The site is served as a static host serves it: text compressed with gzip, assets cacheable.
Lighthouse (npm, package-lock.json) drives Debian's Chromium with its default mobile settings
(a mid-range phone on a slow 4G line, simulated). Each page is measured `RUNS` times and the
median score is reported with its min and max, as the other figures of make bench are.
`python -m bench.lighthouse [SITE_DIR]` runs it alone.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser.conftest import CHROMIUM, QuietHandler, SiteServer  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "/", "overview": "/praktijken/", "practice": "/praktijken/deventer-qleaning-oekraiense-vluchtelingen/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RUNS = 3
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest"}  # Pagefind's files come compressed


class StaticHostHandler(QuietHandler):
    """gzip for text and ten minutes of cache for everything: what GitHub Pages does."""

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address with its slash
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and path.suffix in COMPRESSED and gzip_ok):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def run_lighthouse(url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
               "--disable-component-update --disable-sync --no-first-run"]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                                env={**os.environ, "CHROME_PATH": CHROMIUM})
        if result.returncode != 0 or not report.is_file():
            raise RuntimeError(f"lighthouse failed for {url}:\n{result.stderr[-2000:]}")
        data = json.loads(report.read_text())
    audits = data["audits"]
    failed = sorted(a["id"] for a in audits.values() if a.get("score") is not None and a["score"] < 0.9
                    and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))
    return {"scores": {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES},
            "fcp_seconds": audits["first-contentful-paint"]["numericValue"] / 1000,
            "lcp_seconds": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt_ms": audits["total-blocking-time"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "below_90": failed}


def measure(site_dir: Path, runs: int = RUNS) -> dict:
    host = SiteServer(site_dir, StaticHostHandler)
    figures = {}
    try:
        for name, path in PAGES.items():
            results = [run_lighthouse(host.url + path) for _ in range(runs)]
            scores = {c: [r["scores"][c] for r in results] for c in CATEGORIES}
            figures[name] = {
                "path": path,
                "scores": {c: {"median": statistics.median(v), "min": min(v), "max": max(v)} for c, v in scores.items()},
                "fcp_seconds": statistics.median(r["fcp_seconds"] for r in results),
                "lcp_seconds": statistics.median(r["lcp_seconds"] for r in results),
                "tbt_ms": statistics.median(r["tbt_ms"] for r in results),
                "cls": max(r["cls"] for r in results),
                "below_90": sorted({a for r in results for a in r["below_90"]}),
            }
    finally:
        host.close()
    return figures


def report(figures: dict) -> str:
    lines = []
    for name, f in figures.items():
        s = f["scores"]
        lines.append(f"lighthouse {name} ({f['path']}): " + ", ".join(
            f"{c} {s[c]['median']:.0f} (min {s[c]['min']:.0f}, max {s[c]['max']:.0f})" for c in CATEGORIES)
            + f"; FCP {f['fcp_seconds']:.1f} s, LCP {f['lcp_seconds']:.1f} s, TBT {f['tbt_ms']:.0f} ms, CLS {f['cls']:.3f}"
            + (f"; audits below 0.9: {', '.join(f['below_90'])}" if f["below_90"] else ""))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    from bench.relevance import build_real_site

    site = Path(argv[0]) if argv else build_real_site(ROOT / "bench" / "out" / "relevance-site")
    figures = measure(site)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "lighthouse.json").write_text(json.dumps(figures, indent=2))
    print(report(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
