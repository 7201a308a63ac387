"""How `praktijkbank serve` notices a save: the system's file events instead of MkDocs' polling.

MkDocs' development server polls the watched folders every half second (watchdog's
PollingObserver, fixed in mkdocs.livereload), so a rebuild starts 0.25 s after a save on
average and up to 0.5 s, and every poll looks at each file of the docs tree and the records.
The system's own events (inotify on Linux, FSEvents on macOS) report a save within milliseconds.
Only changes count: the events of a file being opened or read (which inotify also reports, and
every build reads all the records) would start rebuild after rebuild.

Where the system's events do not reach (some network drives and containers), PRAKTIJKBANK_SERVE_POLLING=1
keeps MkDocs' polling; serve also falls back to it by itself when the system refuses more watches.
"""

from __future__ import annotations

import errno
import os

import watchdog.events as events
import watchdog.observers

POLLING_ENV = "PRAKTIJKBANK_SERVE_POLLING"
QUIET_BEFORE_REBUILD = 0.05  # seconds without a change before a rebuild starts
# inotify's limits (instances, watches per user): the system refuses, polling still works
REFUSED_BY_THE_SYSTEM = frozenset({errno.EMFILE, errno.ENOSPC})

# written, created, deleted, renamed (an editor's atomic save), touched (`touch`, a checkout)
CHANGES = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
           events.FileClosedEvent, events.FileAttribEvent,
           events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]


class ChangesObserver(watchdog.observers.Observer):
    """The platform's native observer, passing on only events that change a file."""

    def schedule(self, event_handler, path, *, event_filter=None, **options):
        return super().schedule(event_handler, path, event_filter=event_filter or CHANGES, **options)


def polling_wanted() -> bool:
    return os.environ.get(POLLING_ENV, "").strip() not in ("", "0")


def refused_by_the_system(err: OSError) -> bool:
    return err.errno in REFUSED_BY_THE_SYSTEM
