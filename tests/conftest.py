"""Shared fixtures: a throw-away copy of the project, and the three sites built once per session."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

import sites
from helpers import make_project


# validate keeps parsed records between runs (generator/record_cache.py): the tests' runs keep
# them in a folder of their own, never in the user's cache, and every CLI subprocess inherits it
os.environ.setdefault("PRAKTIJKBANK_CACHE", tempfile.mkdtemp(prefix="praktijkbank-cache-"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's configuration with an empty practices/ folder."""
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def real_site_dir(tmp_path_factory) -> Path:
    """The real records, built once per session with `praktijkbank build --strict`."""
    return sites.build_real_site(tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="session")
def records_site(tmp_path_factory) -> sites.Built:
    """Hostile, formula, plain and stemming records (sites.test_records), built once per session."""
    return sites.build_records_site(tmp_path_factory.mktemp("vijandig"))


@pytest.fixture(scope="session")
def jury_site_dir(tmp_path_factory) -> Path:
    """A jury edition with three nominations, built once per session."""
    return sites.build_jury_site(tmp_path_factory.mktemp("jury"))


def pytest_collection_modifyitems(items):
    # A test that uses a built site depends on a CLI subprocess: not for mutation testing.
    for item in items:
        if {"real_site_dir", "records_site", "jury_site_dir"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.subprocess)
