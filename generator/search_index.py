"""Build the Pagefind search index over a built site.

Pagefind (from PyPI, its binary shipped in the wheel) indexes the HTML after
MkDocs has written it, stems Dutch (`schoonmaker` finds `schoonmakers`) and splits
the index into fragments that the browser loads on demand, so the first results
come fast however large the site grows.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def build_search_index(site_dir: Path, language: str = "nl") -> None:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", language,
           "--exclude-selectors", ".headerlink", "--silent"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind kon de zoekindex niet bouwen:\n{result.stderr or result.stdout}")
