"""Helpers shared by the tests: the project root, a valid record, running the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent

VALID_RECORD = textwrap.dedent(
    """\
    title: Een voorbeeldpraktijk om mee te testen
    kind: voorbeeld
    summary: Een korte samenvatting van de praktijk in eigen woorden, lang genoeg.
    organisations:
      - {name: Voorbeeld BV, role: werkgever}
    sectors: [schoonmaak]
    target_groups: [statushouders]
    sources:
      - {source: week-van-de-1000-voorbeelden-2020, where: "r. 1-2"}
    """
)


def make_project(folder: Path) -> Path:
    """A copy of the project's configuration and content with an empty practices/ folder."""
    import shutil

    for name in ("site_config", "content"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "practices").mkdir()
    (folder / "build" / "docs").mkdir(parents=True)
    return folder


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """praktijkbank with args in cwd; env adds to (never replaces) this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=300,
        env={**os.environ, **env} if env else None,
    )


def without_source_texts(config):
    """The site config with no stored source texts: test records cite no real lines, so the
    content checks of numbers and quotes (which need the texts) do not apply to them."""
    import dataclasses

    return dataclasses.replace(config, sources={sid: {k: v for k, v in entry.items() if k != "text"}
                                                for sid, entry in config.sources.items()})
