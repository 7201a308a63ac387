"""The development server of `praktijkbank serve`: MkDocs' LiveReloadServer with two changes.

- It learns of a save from the system's file events (watching.py), unless polling is wanted.
- A page that says so (NO_RELOAD, the web editor's) gets no live-reload script. MkDocs reloads
  every open page after each rebuild; the web editor, whose own save started the rebuild, was
  reloaded twice after each one (serve's quick pass, then the lists' pass) and lost its place.
"""

from __future__ import annotations

import contextlib
from typing import Iterator

import mkdocs.commands.serve as mkdocs_serve
from mkdocs.livereload import LiveReloadServer

from .watching import QUIET_BEFORE_REBUILD, ChangesObserver

NO_RELOAD = '<meta name="praktijkbank-livereload" content="uit">'


class PollingServer(LiveReloadServer):
    """MkDocs' server as it is (it polls the watched folders), but for pages marked NO_RELOAD."""

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        if NO_RELOAD.encode() in content:
            return content
        return super()._inject_js_into_html(content, epoch)


class EventWatchingServer(PollingServer):
    """Watching with ChangesObserver (set before anything is watched)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.observer = ChangesObserver()
        # MkDocs waits until no change came for 0.1 s, made for its half-second polls; the events
        # of one save (an editor's write, or its temporary file and rename) come within milliseconds
        self.build_delay = QUIET_BEFORE_REBUILD


@contextlib.contextmanager
def serve_with(events: bool) -> Iterator[None]:
    """mkdocs.commands.serve.serve() builds its server with one of the above meanwhile."""
    original = mkdocs_serve.LiveReloadServer
    mkdocs_serve.LiveReloadServer = EventWatchingServer if events else PollingServer
    try:
        yield
    finally:
        mkdocs_serve.LiveReloadServer = original
