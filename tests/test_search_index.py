"""The search index's files are written by us from what Pagefind hands over (GetFiles), not by
Pagefind itself: its WriteFiles answers before the last write is on disk and the process exits
when its input closes, which left an empty pagefind-entry.json in a CI run."""

from __future__ import annotations

import base64
import json

import pytest

from generator.search_index import SearchIndexError, StreamingIndex, write_bundle


def handed(path: str, content: bytes) -> dict:
    return {"path": path, "content": base64.b64encode(content).decode()}


def test_every_file_pagefind_hands_over_is_written_whole(tmp_path):
    big = bytes(range(256)) * 4096  # 1 MiB: more than one read of the pipe
    write_bundle(tmp_path / "pagefind", [handed("pagefind-entry.json", b'{"languages": {}}'),
                                         handed("fragment/a.pf_fragment", big)])
    assert (tmp_path / "pagefind" / "fragment" / "a.pf_fragment").read_bytes() == big
    assert json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text()) == {"languages": {}}


@pytest.mark.parametrize("path", ["../index.html", "/etc/passwd", "fragment/../../x"])
def test_a_file_outside_the_bundle_is_refused(tmp_path, path):
    with pytest.raises(SearchIndexError, match="buiten de zoekindex"):
        write_bundle(tmp_path / "pagefind", [handed("pagefind-entry.json", b"{}"), handed(path, b"x")])
    assert not (tmp_path / "index.html").exists()


def test_a_bundle_without_its_entry_file_is_an_error(tmp_path):
    with pytest.raises(SearchIndexError, match="geen zoekindex in pagefind/"):
        write_bundle(tmp_path / "pagefind", [handed("pagefind.js", b"")])


def test_a_real_index_is_complete_as_soon_as_finish_returns(tmp_path):
    index = StreamingIndex()
    for n in range(30):
        index.add(f"/p{n}/", f"<html><body><main data-pagefind-body><h1>Schoonmaker {n}</h1>"
                             f"<p>{'inclusief werken ' * 200}</p></main></body></html>")
    index.finish(tmp_path / "pagefind")
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["nl"]["page_count"] == 30
    script = (tmp_path / "pagefind" / "pagefind.js").read_text()
    assert script.rstrip().endswith(("}", ";", ")")), script[-80:]  # not cut short
    assert len(list((tmp_path / "pagefind" / "fragment").glob("*.pf_fragment"))) == 30
