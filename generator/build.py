"""The pipeline, end to end: load -> validate -> model -> render -> write.

`generate` turns records into a docs tree; MkDocs (through the plugin in
mkdocs_plugin.py) turns that tree into HTML. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .config import SiteConfig, load_config, refresh_schema
from .content_rules import KeptContentChecks, SourceTexts, check_content
from .loader import Document, check_file_name, discover, display_path, load_file
from .model import Collection, build_collection
from .problems import Problem
from .publication import confidential_in_repository, published
from .project import Project  # noqa: F401  (the pipeline's input; imported from here by callers)
from .context import BuildContext
from .forked import Forked
from .record_cache import RecordCache
from .stages import Stages
from .validate import check_collection, check_schema
from .write import WriteStats, write_tree

# render, exports, reference and similar (numpy, Jinja) are imported where they are used, so
# that `praktijkbank validate` starts fast: it runs on every commit and pull request.


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # checks that could not run, said out loud
    documents: list[Document] = field(default_factory=list)
    collection: Collection | None = None
    stats: WriteStats | None = None
    config: SiteConfig | None = None  # loaded even when records have problems (serve's navigation)
    stages: Stages = field(default_factory=Stages)  # where the time and memory went (make bench)
    lists_deferred: bool = False  # serve wrote only the practice pages: the rest comes in a next generate

    @property
    def ok(self) -> bool:
        return not self.problems


PARALLEL_MIN_FILES = 200  # below this, starting worker processes costs more than it saves
MARK_DEPTH = 3  # cross-record problems point at most this deep (criteria.<id>.by)


def default_workers() -> int:
    """Worker processes for loading and schema checks: PRAKTIJKBANK_WORKERS, else 1."""
    # Serial unless asked: on this shared 2-core machine `make bench` measured no reliable gain
    # (best of 6: 0.96 s with 2 workers against 1.07 s serial; median 1.22 s against 1.15 s).
    return int(os.environ.get("PRAKTIJKBANK_WORKERS", "1"))


def load_and_check_schema(files: list[Path], config: SiteConfig, context: BuildContext | None = None,
                          kept: RecordCache | None = None) -> tuple[list[Document], list[Problem]]:
    """Load files and check each against the schema: everything that needs one record only.

    Per-record results are kept in the context between rebuilds (`praktijkbank serve`): a record
    whose file is unchanged (same inode, size and modification time) and checked against the same
    schema is not parsed again. Saving one record then re-reads one file, not 1,000."""
    cache = (context or BuildContext()).records
    schema = config.schema_key
    docs, problems = [], []
    for path in files:
        try:
            info = os.lstat(path)
            file_stamp = (info.st_ino, info.st_size, info.st_mtime_ns)
        except OSError:
            file_stamp = None
        stamp = (*file_stamp, schema, os.getcwd()) if file_stamp is not None else None
        cached = cache.get(str(path))
        # a bad file name's problem depends on its neighbours: such a file is never kept
        keepable = kept is not None and kept.file is not None and not check_file_name(path, "")
        if stamp is not None and cached is not None and cached[0] == stamp:
            doc, found = cached[1], cached[2]
        else:
            # the cache on disk is for a first read: a file read before in this process has changed since
            if keepable and cached is None and (on_disk := kept.get(path, file_stamp)) is not None:
                doc, found = on_disk
            else:
                doc, found = load_file(path)
                if doc is not None:
                    found = found + check_schema(doc, config)
                if keepable:
                    kept.put(path, file_stamp, doc, found)
            # also what came from the cache on disk: each read from there makes new data
            # objects, and a page whose records' objects are new is rendered again
            if stamp is not None:
                cache[str(path)] = (stamp, doc, found)
        if doc is not None:
            docs.append(doc)
        problems.extend(found)
    return docs, problems


def _worker(args: tuple[list[Path], SiteConfig]) -> tuple[list[Document], list[Problem]]:
    docs, problems = load_and_check_schema(*args)  # in a forked process: a context of its own
    for doc in docs:
        # Only cross-record checks still need positions, and they point no deeper than
        # MARK_DEPTH; sending every mark back between processes would cost more than the
        # parallel parsing saves (measured with `make bench`).
        doc.marks = {k: v for k, v in doc.marks.items() if len(k) <= MARK_DEPTH}
        doc.key_marks = {k: v for k, v in doc.key_marks.items() if len(k) <= MARK_DEPTH}
    return docs, problems


def load_parallel(files: list[Path], config: SiteConfig, workers: int | None = None,
                  context: BuildContext | None = None, kept: RecordCache | None = None) -> tuple[list[Document], list[Problem]]:
    """Per-record work spread over the cores: YAML parsing is CPU-bound Python, so
    processes (forked, sharing the loaded code), not threads."""
    workers = workers or default_workers()
    if workers < 2 or len(files) < PARALLEL_MIN_FILES:
        return load_and_check_schema(files, config, context, kept)
    chunks = [(files[i::workers], config) for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        parts = list(pool.map(_worker, chunks))
    order = {f: i for i, f in enumerate(files)}
    docs = sorted((d for part in parts for d in part[0]), key=lambda d: order[d.path])
    problems = [p for part in parts for p in part[1]]
    return docs, problems


def check(practices_dir: Path, config: SiteConfig, extra_files: list[Path] = (),
          context: BuildContext | None = None, keep: bool = False, stages: Stages | None = None) -> Result:
    """Load and validate every record of a folder (plus extra files), reporting all problems.
    keep: read unchanged records from, and write them to, the cache between runs (validate).
    stages: where the caller counts its stages (validate), else a new count."""
    stages = stages if stages is not None else Stages()
    notes: list[str] = []
    if practices_dir.is_dir():
        files, problems = discover(practices_dir, notes)
    else:  # never an empty site that looks like a successful build
        files, problems = [], [Problem(display_path(practices_dir), 1, 1, "",
                                       "de map met praktijken bestaat niet; maak haar aan of verbeter het pad "
                                       "(plugins.praktijkbank.practices in mkdocs.yml, of --practices)")]
    if extra_files:
        known = {f.resolve() for f in files}
        files += [f for f in extra_files if f.resolve() not in known]
    stages.done("discover")
    kept = RecordCache(practices_dir, config.schema_key) if keep else None
    docs, record_problems = load_parallel(files, config, context=context, kept=kept)
    if kept is not None:
        kept.keep_only(files)
        kept.save()
    problems += record_problems
    stages.done("parse_and_schema")
    problems += confidential_in_repository(docs, practices_dir)
    problems += check_collection(docs, config)
    stages.done("cross_record_checks")
    if context is not None and context.between_builds:  # serve: only changed records again
        context.content_checks = context.content_checks or KeptContentChecks()
        key = (folder_stamps(config.root), source_text_stamps(config))
        found, texts = context.content_checks.check(docs, config, key)
        problems += found
    else:
        texts = SourceTexts(config)
        problems += check_content(docs, config, texts)
    stages.done("content_rules")
    return Result(problems=sorted(set(problems)), documents=docs, notes=notes + texts.notes(), stages=stages)


def render_pages(collection: Collection, project: Project, context: BuildContext | None = None) -> dict[str, str | bytes]:
    return dict(rendered_files(collection, project, context))


def rendered_files(collection: Collection, project: Project, context: BuildContext | None = None,
                   practices_only: bool = False) -> Iterator[tuple[str, str | bytes]]:
    """(path in the docs tree, content) of every file of the docs tree, one at a time. The pages
    come first and are written and let go before the jury reports are drawn, so that the two
    never take memory at the same time. practices_only: the practice pages alone."""
    from .exports import SiteAddress, data_files
    from .jury_report import report_files
    from .reference import reference_markdown
    from .render import Renderer

    renderer = Renderer(collection, project.content, context)
    yield from renderer.each_page(practices_only)
    if practices_only:
        return
    yield from report_files(collection, renderer, project.cache("juryrapporten")).items()
    yield from data_files(collection, SiteAddress(project.site_url)).items()
    yield "bijdragen/velden.md", reference_markdown(collection.config)
    if project.editor is not None:
        from .web_editor import admin_files

        yield from admin_files(collection.config, project.editor, project.site_config / "admin",
                               project.node_modules, project.site_url).items()
    assets = project.site_config / "assets"
    for path in sorted(assets.rglob("*")) if assets.is_dir() else []:
        if path.is_file() and not path.is_symlink():  # links could publish files from elsewhere
            yield f"assets/{path.relative_to(assets).as_posix()}", path.read_bytes()


def inputs_besides_records(project: Project, records: list[Path]) -> tuple:
    """What the pages depend on besides the records' contents: which records there are, every
    file of the site config and the content (name, size, modification time), and the date."""
    stamps = folder_stamps(project.site_config) + folder_stamps(project.content)
    return tuple(sorted(map(str, records))), stamps, dt.date.today()


def stamp_of(path: Path) -> tuple:
    """(path, size, modification time), None for both when the file is not there."""
    try:
        info = path.stat()
    except OSError:
        return str(path), None, None
    return str(path), info.st_size, info.st_mtime_ns


def folder_stamps(folder: Path) -> tuple:
    """The stamp of every file in a folder and below."""
    return tuple(stamp_of(path) for path in sorted(folder.rglob("*")) if path.is_file())


def source_text_stamps(config: SiteConfig) -> tuple:
    """The stamp of every stored source text the registry names, also those outside site_config/
    (the real ones lie in ../shared/seeds), and of those that are missing."""
    texts = (config.source_text(sid) for sid in sorted(config.sources))
    return tuple(stamp_of(path) for path in texts if path is not None)


def generate(project: Project, context: BuildContext | None = None, defer_lists: bool = False) -> Result:
    """Validate, and only if everything is valid, render and write the docs tree. A context
    kept between calls (the plugin's, while serving) makes a rebuild redo only what changed.

    defer_lists (serve): when only the contents of records changed since the last full generate,
    write just the practice pages, so the edited page is served within a second or so; the lists,
    exports and reports that show it are rendered by the next generate (Result.lists_deferred),
    which the caller starts at once."""
    context = context or BuildContext()
    config = load_config(project.site_config)
    refresh_schema(config)
    jury_files: list[Path] = []
    if project.jury_practices is not None:
        jury_files, problems = discover(project.jury_practices)
        if problems:
            return Result(problems=problems, config=config)
    # unchanged records come from the cache validate keeps (record_cache.py); never a jury
    # preview's, whose confidential records must not be copied anywhere
    result = check(project.practices, config, extra_files=jury_files, context=context,
                   keep=project.jury_practices is None and not project.jury_edition)
    result.config = config
    if not result.ok:
        return result
    # serve: compared with what the last full generate read. Unchanged records keep their data
    # objects between rebuilds (the context's records), so identity says "unchanged"; holding the
    # objects keeps their ids from being reused.
    inputs = inputs_besides_records(project, [d.path for d in result.documents]) if defer_lists else None
    data = [d.data for d in result.documents]
    last = context.listed
    same_inputs = inputs is not None and last is not None and last[0] == inputs
    if same_inputs and len(last[1]) == len(data) and all(a is b for a, b in zip(last[1], data)):
        # nothing changed since then: a rebuild that our own writes to the docs tree started
        result.collection, result.stats = last[2], WriteStats()
        return result
    from .similar import assign_similar

    # a public build shows only what is public today; a jury preview shows everything it read
    shown = result.documents if project.jury_edition else published(result.documents, dt.date.today())
    result.collection = build_collection(shown, config)
    from .history import practice_dates

    dates = practice_dates([d.path for d in shown], project.practices)
    for p in result.collection.practices:
        p.dates = dates.get(p.id)
    assign_similar(result.collection)
    result.stats = write_tree(rendered_files(result.collection, project, context, practices_only=same_inputs),
                              project.docs, remove_stale=not same_inputs,
                              written=context.written if context.between_builds else None)
    # after the practice pages alone the lists are behind: the next generate renders everything
    context.listed = None if same_inputs or inputs is None else (inputs, data, result.collection)
    result.lists_deferred = same_inputs
    return result


def generate_apart(project: Project, keep: Callable[[Collection], object]) -> tuple[Result, object]:
    """generate() in a forked process, for a one-off build: the memory its records, pages and
    jury reports took is given back to the system before MkDocs reads the pages (at 10,000
    records, 1.6 GiB that would otherwise stay with the build to its end). What the caller needs
    of the collection, keep(collection) computes in that process; the Result comes back without
    its documents and collection."""
    def generate_and_keep():
        result = generate(project, BuildContext(between_builds=False))
        kept = keep(result.collection) if result.ok else None
        result.documents, result.collection = [], None
        return result, kept

    return Forked(generate_and_keep, "het genereren van de pagina's").result()
