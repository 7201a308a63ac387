"""Shared fixtures: a throw-away copy of the project and records to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's configuration with an empty practices/ folder."""
    for name in ("site_config", "content"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "practices").mkdir()
    (tmp_path / "build" / "docs").mkdir(parents=True)
    return tmp_path
