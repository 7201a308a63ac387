"""MkDocs plugin: runs the Praktijkbank pipeline inside `mkdocs build` and `mkdocs serve`.

It generates the docs tree before MkDocs reads it, watches the records, templates
and content while serving, and makes a normal build atomic: MkDocs writes into a
temporary folder that replaces the site only when the whole build succeeded.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import threading
import time
import zlib
from pathlib import Path
from urllib.parse import urljoin

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .build import Project, generate, generate_apart
from .context import BuildContext
from .cms_config import COLLECTION, Backend, repo_from_url
from .config import ConfigError
from .plugin_config import PraktijkbankConfig
from .preview_cards import SIZE as CARD_SIZE, Card, CardDrawer, card_path, practice_card
from .navigation import with_generated_entries
from .parallel_render import SecondCore, split as split_pages, use_worker
from .safe_urls import strip_unsafe_urls
from .serving import remove_stale_outputs, with_problems_link, write_problems
from .publication import JURY_EDITION_ENV, JURY_PRACTICES_ENV, marked_confidential
from .search_index import BundledIndex, SearchIndexError, build_search_index_apart, bundle_count, bundle_folders
from .stages import Stages
from .swap import new_build_folder, put_in_place, reason
from .theme_listing import ThemeListing

log = logging.getLogger("mkdocs.plugins.praktijkbank")
EDIT_BRANCH_ENV = "PRAKTIJKBANK_EDIT_BRANCH"  # the Pages workflow sets the repository's default branch
CMS_PROXY_ENV = "PRAKTIJKBANK_CMS_PROXY"  # `serve --edit`: the web editor saves through decap-server


_reindex_lock = threading.Lock()


def practice_record(src_uri: str) -> str | None:
    """praktijken/<id>.md -> <id>.yaml (the record the page is made from), else None."""
    folder, _, name = src_uri.rpartition("/")
    if folder != "praktijken" or not name.endswith(".md") or name == "index.md":
        return None
    return name[: -len(".md")] + ".yaml"


_NOTHING = jinja2.Template("")  # a template that renders nothing


class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates in memory; Jinja's key holds the template's name and a hash
    of its source, so an edited template is compiled again."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = bucket.bytecode_to_string()


class _Held:
    """A page's HTML, compressed while it waits to be written (on_page_content)."""

    __slots__ = ("_data",)

    def __init__(self, html: str):
        self._data = zlib.compress(html.encode("utf-8"), 1)

    def html(self) -> str:
        return zlib.decompress(self._data).decode("utf-8")


def _cards_and_count(collection) -> tuple[dict[str, Card], int]:
    """What a build keeps of the collection: each practice's preview card, and how many there are."""
    return {p.id: practice_card(p) for p in collection.practices}, len(collection.practices)


def is_searched(page) -> bool:
    """The rule of main.html: a page is in the search index unless its front matter says
    `search: {exclude: true}` (lists of practices, editors' pages, redirects)."""
    return not (page.meta.get("search") or {}).get("exclude")


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def _reindex_in_background(site_dir: Path, bundles: int) -> None:
    def run():
        with _reindex_lock:  # one indexer at a time; a later save indexes again after it
            try:
                build_search_index_apart(site_dir, bundles)
            except SearchIndexError as err:
                log.warning(str(err))

    threading.Thread(target=run, name="pagefind-reindex", daemon=True).start()


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


class PraktijkbankPlugin(BasePlugin[PraktijkbankConfig]):
    def __init__(self):
        self.command = "build"
        self.dirty = False
        self.final_site_dir: Path | None = None
        self.project: Project | None = None
        self.temp_site_dir = ""
        self.search: BundledIndex | None = None
        self.search_bundles = 1  # of the latest build (on_files)
        self.lists_pending = False  # serve: the latest generate wrote only the practice pages
        self.compiled_templates = _CompiledTemplates()  # the theme's, between rebuilds (on_env)
        self.theme_listing: ThemeListing | None = None  # serve: the installed theme's files
        self.second_core: SecondCore | None = None  # a build's Markdown worker (on_nav to on_env)
        self.rebuild_trigger: Path | None = None  # serve: a file whose change starts a rebuild
        self.stages = Stages()  # where a build's time and memory go (make bench)
        # parsed records, rendered pages and compiled templates, kept between the rebuilds of
        # `serve` (one context for the life of this plugin instance, never a module's)
        self.context = BuildContext()
        self.warnings = _WarningCounter()
        self.problems: list = []  # of the latest generate; while serving, shown on every page
        self.outputs: set[str] | None = None  # site files of the latest build (on_files) ...
        self.outputs_before: set[str] | None = None  # ... and of the one before it
        self.edit_branch = "main"
        self.records_folder: str | None = None  # practices/ relative to the repository (edit links)
        self.practice_cards: dict[str, Card] = {}  # id -> preview card, of the latest good generate
        self.cards: CardDrawer | None = None

    def on_startup(self, *, command, dirty):
        self.command, self.dirty = command, dirty

    def on_config(self, config):
        if not self.config.enabled:
            return config
        # the folders are declared options (plugin_config.py), already checked by MkDocs and
        # made absolute against the folder of mkdocs.yml
        jury_edition = self.config.jury_edition or os.environ.get(JURY_EDITION_ENV)
        if jury_edition and self.command == "serve":
            # the preview's Markdown holds confidential records: never in the public build's docs tree
            config.docs_dir = str(Path(config.config_file_path).parent / "build" / "jury-docs")
            Path(config.docs_dir).mkdir(parents=True, exist_ok=True)
        self.project = Project(
            Path(config.config_file_path).parent,
            practices=Path(self.config.practices),
            site_config=Path(self.config.site_config),
            content=Path(self.config.content),
            docs=Path(config.docs_dir),
            jury_practices=_path(self.config.jury_practices or os.environ.get(JURY_PRACTICES_ENV)),
            jury_edition=jury_edition,
            site_url=config.site_url,
        )
        # where a practice's record is edited: the edit links and the web editor use the same;
        # records from outside the repository (build --practices DIR) have no place to edit
        self.edit_branch = os.environ.get(EDIT_BRANCH_ENV) or "main"
        self.records_folder = None
        if not jury_edition:  # a jury preview holds records from outside the repository: nothing there to edit
            try:
                self.records_folder = self.project.practices.relative_to(self.project.root).as_posix()
            except ValueError:
                pass
        if self.records_folder is not None:
            self.project.editor = Backend(
                repo=repo_from_url(config.repo_url), branch=self.edit_branch, folder=self.records_folder,
                auth_url=config.extra.get("cms_auth_url"), auth_endpoint=config.extra.get("cms_auth_endpoint"),
                local_proxy=os.environ.get(CMS_PROXY_ENV))
        if self.command == "serve":  # MkDocs loads the config, theme and all, anew for each rebuild
            self.theme_listing = self.theme_listing or ThemeListing(self.project.root)
            self.theme_listing.install(config.theme)
        started = time.perf_counter()
        self.stages = Stages()
        try:
            if self.command == "build":
                # one build: generate in a process of its own, whose memory is gone before MkDocs
                # reads the pages; serve keeps its context here, to redo only what changed
                result, kept = generate_apart(self.project, _cards_and_count)
                cards, count = kept or ({}, 0)  # nothing is kept of a collection with problems
            else:
                # serve: after a record's edit its page first, the lists that show it a moment later
                result = generate(self.project, self.context, defer_lists=self.command == "serve")
                cards, count = _cards_and_count(result.collection) if result.ok else ({}, 0)
                self.lists_pending = result.lists_deferred
        except ConfigError as err:
            raise PluginError(f"site_config is niet in orde:\n{err}") from err
        except OSError as err:  # a full disk, a folder without write permission
            raise PluginError(f"kan niet schrijven naar {err.filename or self.project.docs}: {reason(err)}; "
                              "de vorige site blijft staan") from err
        self.problems = result.problems
        if result.ok:
            self.practice_cards = cards
        self.cards = self.cards or CardDrawer(self.project.cache("kaarten"))
        if not result.ok:
            for problem in result.problems:
                log.error(problem.format())
            files = len({p.file for p in result.problems})
            summary = f"{len(result.problems)} probleem/problemen in {files} bestand(en)"
            if self.command != "serve":
                raise PluginError(f"{summary}; de site is niet gebouwd en de vorige versie blijft staan")
            if not self._keeps_serving():
                raise PluginError(f"{summary}; er is nog geen goede versie van de site om te tonen: "
                                  "verbeter het record en start serve opnieuw")
            log.error("praktijkbank: %s; de laatste goede versie van de site blijft zichtbaar, "
                      "met de problemen bovenaan elke pagina", summary)
        for note in result.notes:
            log.info("praktijkbank: %s", note)
        if self.project.jury_edition and result.config and self.project.jury_edition not in result.config.editions:
            raise PluginError(f"`--jury {self.project.jury_edition}`: die prijseditie bestaat niet; kies een van: "
                              + ", ".join(result.config.editions))
        config.nav = with_generated_entries(config.nav, result.config)
        self.stages.done("generate")
        if result.ok:
            log.info(
                "praktijkbank: %d praktijken in %.1f s; %d pagina's geschreven, %d ongewijzigd, %d verwijderd",
                count, time.perf_counter() - started,
                result.stats.written, result.stats.unchanged, result.stats.removed,
            )
        if self.command == "build" and not self.dirty:
            # build beside the real site, then swap: a failed build leaves the old site in place
            self.final_site_dir = Path(config.site_dir)
            self.temp_site_dir = str(new_build_folder(self.final_site_dir))  # stale ones are removed first
            config.site_dir = self.temp_site_dir
            self.warnings = _WarningCounter()
            logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    def _keeps_serving(self) -> bool:
        # while serving, a broken record leaves the last good docs tree in place (generate wrote
        # nothing); with none yet (a first start on a broken record) there is nothing to serve
        return (self.project.docs / "index.md").is_file()

    def on_files(self, files, *, config):
        self.outputs_before, self.outputs = self.outputs, {f.dest_uri for f in files}
        return files

    def on_env(self, env, *, config, files):
        if self.second_core is not None:  # every page is converted now
            self.second_core.abandon()
            self.second_core = None
        self.stages.done("markdown_to_html")
        # MkDocs makes the theme's Jinja environment anew for every build and so compiles Material's
        # templates again on every rebuild of serve (half a second of each); their compiled code is
        # kept here instead, under the hash of each template's source, so a changed one compiles again
        env.bytecode_cache = self.compiled_templates
        # Every page's front matter is read now, and none is rendered yet: the number of searched
        # pages sets how many bundles the index has, which every page's search box merges (header.html)
        searched = sum(1 for f in files.documentation_pages() if f.page is not None and is_searched(f.page))
        self.search_bundles = bundle_count(searched, self.config.search_pages_per_index)
        config.extra["search_bundles"] = bundle_folders(self.search_bundles)
        # every page of a full build passes on_post_page: index them while MkDocs goes on;
        # a dirty rebuild (serve) passes only changed pages, so it indexes the site after
        self.search = BundledIndex(Path(config.site_dir), searched, self.search_bundles) if not self.dirty else None
        return env

    def on_nav(self, nav, *, config, files):
        self.stages.done("mkdocs_files_and_nav")
        # a build converts the second half of the pages' Markdown on the other core (parallel_render.py)
        self.second_core = None
        if self.command == "build":
            first, second = split_pages(files)
            if second and use_worker(len(first) + len(second)):
                self.second_core = SecondCore(second, config, files)
        return nav

    def on_page_markdown(self, markdown, *, page, config, files):
        if self.second_core is not None and self.second_core.handles(page):
            return ""  # the worker converts it: MkDocs has nothing left to do here
        return markdown

    def on_page_content(self, html, *, page, config, files):
        if self.command != "build":
            return html
        if self.second_core is not None and self.second_core.handles(page):
            html = self.second_core.take(page)  # already held as below
        # MkDocs converts every page before it writes the first: until its turn, a page's HTML
        # is held compressed (a fifth of the memory; 10,000 pages hold some 300 MiB of HTML) and
        # its Markdown, already converted, is let go ("", not None: MkDocs' page.title reads None
        # as "not read yet")
        page.markdown = ""
        return html if isinstance(html, _Held) else _Held(html)

    def on_page_context(self, context, *, page, config, nav):
        if isinstance(page.content, _Held):
            page.content = page.content.html()
        # a practice's page is made from its record: "Wijzig deze pagina" opens the YAML record,
        # not the generated Markdown (only when repo_url is set: a local build has no edit links)
        record = practice_record(page.file.src_uri)
        if page.edit_url and self.project is not None:
            if record and self.records_folder is not None:
                page.edit_url = urljoin(config.repo_url.rstrip("/") + "/",
                                        f"edit/{self.edit_branch}/{self.records_folder}/{record}")
                # the same record in the web editor's form (/admin/ is built whenever repo_url is set)
                up = "../" * page.url.count("/")
                page.meta["web_editor"] = f"{up}admin/#/collections/{COLLECTION}/entries/{record[: -len('.yaml')]}"
            else:
                page.edit_url = None  # every other page is generated too: nothing to edit there
        if not page.meta.get("redirect"):
            page.meta["preview"] = self._preview(page, config, record)
        return context

    def _preview(self, page, config, record: str | None) -> dict:
        """The page's preview card, drawn (or taken from the cache) and written beside it, and
        what main.html puts in its Open Graph and Twitter tags."""
        # titles and descriptions arrive HTML-escaped (front matter, headings): plain text first
        title = html.unescape(page.meta.get("title") or page.title or config.site_name)
        description = html.unescape(page.meta.get("description") or config.site_description or "")
        practice = self.practice_cards.get(record[: -len(".yaml")]) if record else None
        if practice is not None:
            card = practice
        elif page.is_homepage:
            card = Card(config.site_description or title, config.site_name)
        else:
            card = Card(title, page.ancestors[-1].title if page.ancestors else config.site_name)
        path = card_path(page.url)
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.cards.png(card))
        return {"title": html.escape(title), "description": html.escape(description), "image": path,
                "alt": html.escape(f"{card.kicker}: {card.title}" if card.kicker else card.title),
                "type": "article" if practice is not None else "website",
                "width": CARD_SIZE[0], "height": CARD_SIZE[1]}

    def on_post_page(self, output, *, page, config):
        output = self._finished(output, page.url or "index.html")
        if self.command == "serve":
            output = with_problems_link(output, page.url)
        if self.search is not None and is_searched(page):
            self.search.add("/" + page.url, output)
        if self.command == "build":
            page.content = None  # written: nothing reads it again
        return output

    def on_pre_template(self, template, *, template_name, config):
        # serve's first pass after an edit (practice pages only): the theme's 404 page and sitemap
        # list no practice's text and are made in the pass that follows; left as they are now
        # (MkDocs writes nothing for an empty result), they cost that pass no half a second
        if self.lists_pending and template_name in config.theme.static_templates:
            return _NOTHING
        return template

    def on_post_template(self, output_content, *, template_name, config):
        return self._finished(output_content, template_name)  # 404.html

    def _finished(self, html: str, where: str) -> str:
        """What every page type gets, pages and templates alike: no unsafe URL, and in a jury
        preview the confidential mark."""
        html = self._without_unsafe_urls(html, where)
        if self.project is not None and self.project.jury_edition:
            html = marked_confidential(html, self.project.jury_edition)
        return html

    @staticmethod
    def _without_unsafe_urls(html: str, where: str) -> str:
        # the last line of defence, for every page type: no script link survives, whatever
        # Markdown made of a record's text (safe_urls.py); a warning, so --strict refuses it
        html, removed = strip_unsafe_urls(html)
        if removed:
            log.warning("praktijkbank: %d link(s) met een onveilig protocol (zoals javascript:) verwijderd uit %s; "
                        "controleer de links in de tekst van het record", removed, where)
        return html

    def on_post_build(self, *, config):
        self.stages.done("pages_written")  # with the search index streamed beside it
        try:
            indexed = self.search is not None
            if not self.dirty and self.cards is not None:
                self.cards.forget_unused()  # a full build: every page's card was asked for
            if indexed:
                self.search.finish()
                self.search = None
            if self.command == "serve":
                self._after_serve_rebuild(Path(config.site_dir), indexed)
            elif not indexed:
                _reindex_in_background(Path(config.site_dir), self.search_bundles)  # `mkdocs build --dirty`
        except SearchIndexError as err:
            raise PluginError(str(err)) from err
        self.stages.done("search_index_wait")
        log.info("praktijkbank: tijden %s", ", ".join(f"{k} {v:.1f} s" for k, v in self.stages.seconds.items()))
        self.stages.write()
        if self.final_site_dir is None:
            return
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if config.strict and self.warnings.count:
            # MkDocs aborts strict builds only after post_build; refuse the swap before that
            raise PluginError(f"{self.warnings.count} waarschuwing(en) in strict-modus; de vorige site blijft staan")
        try:
            put_in_place(Path(config.site_dir), self.final_site_dir)
        except OSError as err:
            raise PluginError(f"de site kan niet op haar plaats gezet worden in {err.filename or self.final_site_dir}: "
                              f"{reason(err)}; de vorige site blijft staan") from err
        config.site_dir = str(self.final_site_dir)
        self.final_site_dir = None

    def _after_serve_rebuild(self, site_dir: Path, indexed: bool) -> None:
        write_problems(site_dir, self.problems)
        if self.outputs_before is not None:
            if self.problems:
                return  # the docs tree is as it was: nothing was rebuilt, nothing to index
            removed = remove_stale_outputs(site_dir, self.outputs_before, self.outputs)
            if removed:
                log.info("praktijkbank: %d verouderde pagina('s) uit de site gehaald", removed)
        if not indexed:
            # a dirty rebuild passed only the changed pages: re-index in the background, so the
            # edited page is served at once and search catches up a few seconds later
            _reindex_in_background(site_dir, self.search_bundles)
        if self.lists_pending and self.rebuild_trigger is not None:
            # the edited page is served now; the next rebuild renders the lists, exports and
            # reports that show it (the server rebuilds when a watched file changes)
            self.rebuild_trigger.write_text(str(time.time_ns()), encoding="utf-8")

    def on_build_error(self, *, error):
        if self.second_core is not None:
            self.second_core.abandon()
            self.second_core = None
        if self.search is not None:
            self.search.abandon()
            self.search = None
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.final_site_dir is not None:
            # config.site_dir is the temporary folder; drop it, keep the last good site
            shutil.rmtree(self.temp_site_dir, ignore_errors=True)
            self.final_site_dir = None

    def on_serve(self, server, *, config, builder):
        if self.project is None:  # enabled: false
            return server
        for path in (self.project.practices, self.project.site_config, self.project.content):
            server.watch(str(path))
        trigger_dir = self.project.root / "build" / "cache" / "serve"
        trigger_dir.mkdir(parents=True, exist_ok=True)
        self.rebuild_trigger = trigger_dir / "lijsten-bijwerken"
        server.watch(str(trigger_dir))
        return server
