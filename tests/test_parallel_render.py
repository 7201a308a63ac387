"""A build converts half of the pages' Markdown on the second core (generator/parallel_render.py):
the site must be the same as when MkDocs converts every page itself, and a warning from a page
the worker converted must still stop a --strict build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import sites
from generator.parallel_render import MIN_PAGES, WORKERS_ENV
from helpers import ROOT, make_project, run_cli, write

pytestmark = pytest.mark.subprocess


def pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).parts[0].startswith("pagefind")}


def test_the_site_is_byte_for_byte_the_one_mkdocs_alone_makes(real_site_dir, tmp_path):
    assert len(list(real_site_dir.rglob("index.html"))) > MIN_PAGES  # so the session's build used the worker
    alone = sites.build(tmp_path / "site", ROOT, "--strict", env={WORKERS_ENV: "1"})
    ours, theirs = pages(real_site_dir), pages(alone)
    assert ours.keys() == theirs.keys()
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert differ == [], differ[:10]


def test_a_broken_link_on_a_page_the_worker_converted_stops_a_strict_build(tmp_path):
    project = make_project(tmp_path)  # with the real records: the real content links to them
    (project / "practices").rmdir()
    shutil.copytree(ROOT / "practices", project / "practices")
    # the last page in MkDocs' order (folders after files, by name), so one the worker converts:
    # it takes the second half
    (project / "content" / "zzz").mkdir()
    write(project / "content" / "zzz", "laatste.md", "# Laatste\n\nZie [de ontbrekende](nergens.md).\n")
    result = run_cli("build", "--strict", "--out", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stderr.count("contains a link 'nergens.md'") == 1, result.stderr[-3000:]  # said once, and counted
    assert "1 waarschuwing(en) in strict-modus" in result.stderr
    assert not (tmp_path / "site").exists()
