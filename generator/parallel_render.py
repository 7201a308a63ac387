"""Markdown to HTML on both cores during a build.

MkDocs converts every page's Markdown, one after the other, before it writes the first page; at
1,000 practices that is most of a build (a profile: 28 of 45 s). While it does, the second core
has nothing to do: Pagefind only starts when pages are written. So a forked worker converts the
second half of the pages (by size) through MkDocs' own `_populate_page`, with every plugin hook,
while MkDocs converts the first half; when MkDocs reaches the second half, each page takes what
the worker made instead of converting it again. The site is byte for byte the same
(tests/test_parallel_render.py), and a warning the worker logged (a broken link) is logged again
here, where MkDocs counts it for --strict.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

from .forked import Forked

MIN_PAGES = 40  # below this, forking costs more than it saves
WORKERS_ENV = "PRAKTIJKBANK_RENDER_WORKERS"  # 1: convert every page here, as MkDocs does


def use_worker(pages: int) -> bool:
    wanted = int(os.environ.get(WORKERS_ENV, "2"))
    return wanted >= 2 and pages >= MIN_PAGES and len(os.sched_getaffinity(0)) >= 2


@dataclass
class Converted:
    """What Page.render and the plugin hooks left on one page."""

    content: object
    toc: object
    title_from_render: str | None
    present_anchor_ids: set
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    meta: dict


@dataclass
class _Answer:
    pages: dict[str, Converted] = field(default_factory=dict)
    warnings: list[tuple[str, int, str]] = field(default_factory=list)  # (logger, level, message)
    error: str | None = None


class _Collect(logging.Handler):
    def __init__(self, into: list):
        super().__init__(level=logging.WARNING)
        self.into = into

    def emit(self, record):
        self.into.append((record.name, record.levelno, record.getMessage()))


def split(files) -> tuple[list, list]:
    """The documentation pages in MkDocs' order, cut where half of the Markdown (by size) lies
    before: MkDocs converts the first part, the worker the second."""
    pages = list(files.documentation_pages())
    sizes = [os.path.getsize(f.abs_src_path) if f.abs_src_path else 0 for f in pages]
    total, running, cut = sum(sizes), 0, len(pages)
    for i, size in enumerate(sizes):
        running += size
        if running * 2 >= total:
            cut = i + 1
            break
    return pages[:cut], pages[cut:]


class SecondCore:
    """Converts the given pages in a forked worker; `take(page)` gives one page what it made."""

    def __init__(self, pages, config, files):
        from mkdocs.commands.build import _populate_page
        from mkdocs.structure.pages import Page

        self._uris = {f.src_uri for f in pages}
        self._files = files
        self._answer: _Answer | None = None

        def convert() -> _Answer:
            answer = _Answer()
            # the worker's warnings are said once, by the build (which counts them), not here too
            logging.getLogger("mkdocs").handlers = [_Collect(answer.warnings)]
            try:
                for file in pages:
                    if file.page is None:
                        Page(None, file, config)
                    page = file.page
                    _populate_page(page, config, files)
                    links = page.links_to_anchors
                    answer.pages[file.src_uri] = Converted(
                        page.content, page.toc, page._title_from_render, page.present_anchor_ids,
                        {f.src_uri: v for f, v in links.items()} if links is not None else None, page.meta)
            except BaseException as err:  # told to the build, which stops with it (after the warnings)
                answer.error = f"{type(err).__name__}: {err}"
            return answer

        self._worker = Forked(convert, "het omzetten van de pagina's naar HTML")

    def handles(self, page) -> bool:
        return page.file.src_uri in self._uris

    def _wait(self) -> _Answer:
        if self._answer is None:
            self._answer = self._worker.result()
            for name, level, message in self._answer.warnings:
                logging.getLogger(name).log(level, message)
        if self._answer.error:
            raise RuntimeError(f"het omzetten van de pagina's naar HTML mislukte: {self._answer.error}")
        return self._answer

    def take(self, page):
        """The page as the worker left it; returns its content."""
        done = self._wait().pages.pop(page.file.src_uri)
        page.toc = done.toc
        page._title_from_render = done.title_from_render
        page.present_anchor_ids = done.present_anchor_ids
        page.links_to_anchors = None if done.links_to_anchors is None else {
            self._files.get_file_from_path(uri): links for uri, links in done.links_to_anchors.items()}
        page.meta = done.meta
        return done.content

    def abandon(self) -> None:
        self._worker.abandon()
