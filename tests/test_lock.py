"""The environment the tests run in is the one requirements.lock describes."""

from __future__ import annotations

import os
import re
from importlib import metadata

import pytest
from packaging.markers import Marker
from packaging.utils import canonicalize_name

from helpers import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked() -> dict[str, str]:
    """name -> version for every pin of the lock that applies to this interpreter."""
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if m := PIN.match(line):
            name, version, marker = m.groups()
            if marker is None or Marker(marker).evaluate():
                pins[canonicalize_name(name)] = version
    return pins


def test_the_lock_pins_every_direct_dependency_with_hashes():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = locked()
    for name in ("mkdocs", "mkdocs-material", "pyyaml", "jinja2", "markdown", "jsonschema",
                 "jsonschema-rs", "pagefind", "watchdog", "pytest", "pytest-timeout", "playwright", "mutmut", "setuptools"):
        assert name in pins, name
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert all("--hash=sha256:" in block for block in blocks if "==" in block)


@pytest.mark.skipif(os.environ.get("PRAKTIJKBANK_UNLOCKED") == "1", reason="the newest-releases run ignores the lock")
def test_installed_versions_are_the_locked_ones():
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    differ = {name: (version, installed.get(name)) for name, version in locked().items()
              if installed.get(name) != version}
    assert differ == {}, "run `make setup` (or `make clean test`) to install the locked versions"
