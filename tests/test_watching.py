"""serve notices saves by the system's file events (generator/watching.py), not by polling."""

from __future__ import annotations

import errno
import threading
import time

import mkdocs.commands.serve as mkdocs_serve
import pytest
from watchdog.events import FileSystemEventHandler

from generator import cli
from generator.dev_server import NO_RELOAD, EventWatchingServer, PollingServer
from generator.watching import POLLING_ENV, ChangesObserver


class Seen(FileSystemEventHandler):
    def __init__(self):
        self.events: list = []
        self.arrived = threading.Event()

    def on_any_event(self, event):
        if not event.is_directory:
            self.events.append(event)
            self.arrived.set()


@pytest.fixture
def watched(tmp_path):
    record = tmp_path / "praktijk.yaml"
    record.write_text("title: eerst\n", encoding="utf-8")
    seen = Seen()
    observer = ChangesObserver()
    observer.schedule(seen, str(tmp_path), recursive=True)
    observer.start()
    try:
        yield record, seen
    finally:
        observer.stop()
        observer.join(timeout=10)


def test_a_save_is_reported_at_once(watched):
    record, seen = watched
    started = time.monotonic()
    record.write_text("title: daarna\n", encoding="utf-8")
    assert seen.arrived.wait(timeout=5)
    assert {type(e).__name__ for e in seen.events} & {"FileModifiedEvent", "FileClosedEvent"}
    assert time.monotonic() - started < 5


def test_reading_a_record_is_no_change(watched):
    # every build reads all the records and docs: were reads reported, serve would rebuild forever
    record, seen = watched
    for _ in range(3):
        record.read_text(encoding="utf-8")
    assert not seen.arrived.wait(timeout=1), [type(e).__name__ for e in seen.events]


def test_an_editors_atomic_save_is_reported(watched):
    record, seen = watched
    partial = record.with_name(".praktijk.yaml.tmp")
    partial.write_text("title: atomair\n", encoding="utf-8")
    seen.arrived.wait(timeout=5)
    seen.events.clear()
    partial.replace(record)
    deadline = time.monotonic() + 5
    while not any(getattr(e, "dest_path", "") == str(record) for e in seen.events) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any(getattr(e, "dest_path", "") == str(record) for e in seen.events)


def servers_used(monkeypatch, failures: list[OSError]) -> list[type]:
    used: list[type] = []

    def run():
        used.append(mkdocs_serve.LiveReloadServer)
        if failures:
            raise failures.pop(0)

    cli._serve(run)
    return used


def test_serve_watches_with_the_system_events_and_polls_when_asked(monkeypatch):
    original = mkdocs_serve.LiveReloadServer
    monkeypatch.delenv(POLLING_ENV, raising=False)
    assert servers_used(monkeypatch, []) == [EventWatchingServer]
    assert mkdocs_serve.LiveReloadServer is original  # put back afterwards
    monkeypatch.setenv(POLLING_ENV, "1")
    assert servers_used(monkeypatch, []) == [PollingServer]


def test_serve_falls_back_to_polling_when_the_system_refuses_more_watches(monkeypatch, capsys):
    monkeypatch.delenv(POLLING_ENV, raising=False)
    original = mkdocs_serve.LiveReloadServer
    refused = OSError(errno.ENOSPC, "inotify watch limit reached")
    assert servers_used(monkeypatch, [refused]) == [EventWatchingServer, PollingServer]
    assert mkdocs_serve.LiveReloadServer is original
    message = capsys.readouterr().err
    assert "elke halve seconde" in message and POLLING_ENV in message


def test_another_error_of_serve_is_not_hidden_by_a_second_try(monkeypatch):
    monkeypatch.delenv(POLLING_ENV, raising=False)
    with pytest.raises(OSError, match="in gebruik"):
        servers_used(monkeypatch, [OSError(errno.EADDRINUSE, "adres al in gebruik")])


@pytest.mark.parametrize("server_class", [PollingServer, EventWatchingServer])
def test_a_page_marked_no_reload_gets_no_live_reload_script(tmp_path, server_class):
    server = server_class(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        page = b"<html><head></head><body><p>Een pagina</p></body></html>"
        assert b"livereload(" in server._inject_js_into_html(page, 1)
        editor = page.replace(b"<head>", b"<head>" + NO_RELOAD.encode())
        assert server._inject_js_into_html(editor, 1) == editor
    finally:
        server.server_close()
