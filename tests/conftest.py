"""Shared fixtures: a throw-away copy of the project and records to break."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's configuration with an empty practices/ folder."""
    return make_project(tmp_path)
