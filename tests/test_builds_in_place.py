"""Hostile input, round two, finding 9: builds clean up after themselves, the swap leaves no moment
without index.html, and a full disk is one Dutch line with the last good site still in place."""

from __future__ import annotations

import errno
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import generator.build as build
import generator.swap as swap
from generator.cli import main as cli_main
from generator.write import write_tree

from helpers import VALID_RECORD, make_project, write


def test_the_build_folders_of_killed_builds_are_removed_at_the_next_start(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    for name, owner in [("dood", gone.stdout.strip()), ("zonder-eigenaar", None), ("levend", str(swap.os.getppid()))]:
        folder = tmp_path / f"{swap.PREFIX}{name}"
        folder.mkdir()
        (folder / "index.html").write_text("half")
        if owner:
            (folder / swap.OWNER).write_text(owner)
    new = swap.new_build_folder(tmp_path / "site")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([new.name, f"{swap.PREFIX}levend"])  # a build still running keeps its folder
    assert (new / swap.OWNER).read_text() == str(swap.os.getpid())


def test_half_written_pages_of_an_interrupted_build_are_removed(tmp_path):
    (tmp_path / "praktijken").mkdir()
    (tmp_path / "praktijken" / ".x.md.tmp").write_text("half")
    (tmp_path / ".gitignore").write_text("*\n")
    stats = write_tree({"praktijken/x.md": "# X\n"}, tmp_path)
    assert stats.written == 1
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()) == [".gitignore", "praktijken/x.md"]


def test_the_swap_leaves_no_moment_without_index_html(tmp_path):
    final = tmp_path / "site"
    final.mkdir()
    (final / "index.html").write_text("0")
    missing, stop = [], threading.Event()

    def poll():
        while not stop.is_set():
            if not (final / "index.html").exists():
                missing.append(1)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        for n in range(1, 41):
            new = swap.new_build_folder(final)
            (new / "index.html").write_text(str(n))
            swap.put_in_place(new, final)
    finally:
        stop.set()
        poller.join()
    assert (final / "index.html").read_text() == "40"
    assert missing == []
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # nothing left beside it


def test_the_exchange_really_swaps_two_folders_in_one_step(tmp_path):
    """On this kind of machine (Linux, glibc) the one-step exchange is used, not the fallback."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "van-a").touch()
    assert swap._exchange(tmp_path / "a", tmp_path / "b") is True
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["van-a"] and not any((tmp_path / "a").iterdir())


@pytest.mark.subprocess  # a whole site build: kept out of mutation testing like the CLI builds
def test_a_full_disk_is_one_dutch_line_and_the_last_good_site_stays(tmp_path, monkeypatch, capsys, caplog):
    project = make_project(tmp_path)
    write(project / "practices", "goed.yaml", VALID_RECORD)
    monkeypatch.chdir(project)
    assert cli_main(["build", "--out", str(project / "site")]) == 0
    before = (project / "site" / "index.html").read_text()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "build/docs/praktijken/goed.md")

    monkeypatch.setattr(build, "write_tree", full)
    capsys.readouterr()
    assert cli_main(["build", "--out", str(project / "site")]) == 1
    err = capsys.readouterr().err
    logged = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("kan niet schrijven naar build/docs/praktijken/goed.md: de schijf is vol; de vorige site blijft staan" in m
               for m in logged + [err]), (logged, err)
    assert "Traceback" not in err
    assert (project / "site" / "index.html").read_text() == before
