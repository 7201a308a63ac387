"""Command line: a thin layer over the pipeline.

    praktijkbank validate [PATHS] [--format text|github]   exit 0 valid, 1 invalid, 2 usage
    praktijkbank build [--practices DIR] [--out DIR]       validate, render, MkDocs build
    praktijkbank serve [--dev-addr HOST:PORT] [--edit]     build and rebuild on every change (--edit: web editor)
    praktijkbank new --kind KIND --title TITLE             scaffold a record
"""

from __future__ import annotations

import argparse
import os
import logging
import sys
from pathlib import Path

from .build import check
from .config import ConfigError
from .project import find_root, load_project
from .project import load_site as project_site
from .loader import located

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def load_site(root: Path, config: bool = True):
    """(project, site config) from mkdocs.yml's plugin options, or None after telling the user
    what is wrong (every mistake as file:line:col). With config=False only the project's folders
    are checked: build and serve leave site_config/ to the plugin, which loads it anyway."""
    try:
        return project_site(root) if config else load_project(root)
    except ConfigError as err:
        print(f"de configuratie is niet in orde:\n{err}", file=sys.stderr)
        return None


def cmd_validate(args) -> int:
    from .stages import Stages

    stages = Stages()
    loaded = load_site(find_root())
    if loaded is None:
        return EXIT_INVALID
    stages.done("site_config")
    project, config = loaded
    practices = project.practices
    targets = [Path(p) for p in args.paths] or [practices]
    files, folders = [], []
    for target in targets:
        if target.is_dir():
            folders.append(target)
        elif target.exists() or target.is_symlink():
            files.append(target)
        else:
            print(f"praktijkbank validate: {target}: bestaat niet", file=sys.stderr)
            return EXIT_USAGE
    # other records give the context for cross-record checks (related ids), but
    # only problems in the files asked for are reported
    # keep=True: records unchanged since the last run are read back from the cache (record_cache.py)
    result = check(folders[0] if len(folders) == 1 else practices, config, files, keep=True, stages=stages)
    stages.restart()
    for extra in folders[1:]:
        result.problems += check(extra, config).problems
    wanted = {_where(f) for f in files}
    wanted_dirs = [_where(d) for d in folders]

    def asked(file: str | Path) -> bool:
        full = _where(Path(file))
        return full in wanted or any(full.startswith(d + "/") for d in wanted_dirs)

    problems = [p for p in result.problems if asked(p.file)]
    fmt = "format_github" if args.format == "github" else "format"
    for problem in problems:
        print(getattr(problem, fmt)())
    checked = len([d for d in result.documents if asked(d.path)])
    for note in result.notes:
        print(note, file=sys.stderr)
    stages.done("report")
    stages.write()
    if problems:
        print(f"{len(problems)} probleem/problemen in {len({p.file for p in problems})} bestand(en).", file=sys.stderr)
        return EXIT_INVALID
    print(f"{checked} record(s) geldig.", file=sys.stderr)
    return EXIT_OK


def _where(path: Path) -> str:
    # a link out of practices/ is reported as the link in practices/, not hidden as its target
    return str(located(path))


def _mkdocs_config(args, root: Path):
    from mkdocs.config import load_config as load_mkdocs_config

    overrides = {}
    if getattr(args, "out", None):
        overrides["site_dir"] = str(Path(args.out).resolve())
    if getattr(args, "strict", False):
        overrides["strict"] = True
    jury = getattr(args, "jury_edition", None)
    if jury and not getattr(args, "out", None):
        overrides["site_dir"] = str(root / JURY_SITE)  # never the public site's folder
    config = load_mkdocs_config(str(root / "mkdocs.yml"), **overrides)
    if getattr(args, "practices", None):
        config.plugins["praktijkbank"].config.practices = str(Path(args.practices).resolve())
    if jury:
        config.plugins["praktijkbank"].config.jury_edition = jury
        if args.jury_practices:
            config.plugins["praktijkbank"].config.jury_practices = str(Path(args.jury_practices).resolve())
    if getattr(args, "practices", None) or getattr(args, "out", None) or jury:
        # a build of other records or into another folder gets its own docs tree, so
        # it never overwrites build/docs of the default build (or runs into a parallel one)
        import tempfile
        config.docs_dir = tempfile.mkdtemp(prefix="praktijkbank-docs-")
    return config


JURY_SITE = "site-jury"


def _jury_options_refused(args, root: Path) -> str | None:
    """What is wrong with --jury/--jury-practices, in Dutch, or None."""
    if args.jury_practices and not args.jury_edition:
        return "--jury-practices hoort bij --jury <editie>: zonder --jury is de build openbaar"
    if not args.jury_practices:
        return None
    folder = Path(args.jury_practices).resolve()
    if not folder.is_dir():
        return f"de map met vertrouwelijke records `{args.jury_practices}` bestaat niet"
    if folder == root or root in folder.parents:
        return (f"de map met vertrouwelijke records `{args.jury_practices}` ligt in de repository, die openbaar is; "
                "zet haar erbuiten")
    return None


def _generated_docs_ready(docs: Path) -> None:
    """build/docs, mkdocs.yml's docs_dir, is generated and kept out of git by its .gitignore: made
    again when build/ was removed, since MkDocs refuses a docs_dir that does not exist (in English)."""
    if not docs.is_dir():
        docs.mkdir(parents=True, exist_ok=True)
        (docs / ".gitignore").write_text("*\n!.gitignore\n", encoding="utf-8")


def _project_ready(args, command: str) -> tuple[Path | None, int]:
    """The project's root for build and serve once mkdocs.yml's folders and the jury options are
    in order, with the generated docs folder in place; else None and the exit code."""
    root = find_root()
    project = load_site(root, config=False)  # mkdocs.yml's folders, checked with file:line first
    if project is None:
        return None, EXIT_INVALID
    refused = _jury_options_refused(args, root)
    if refused:
        print(f"praktijkbank {command}: {refused}", file=sys.stderr)
        return None, EXIT_USAGE
    _generated_docs_ready(project.docs)
    return root, EXIT_OK


def cmd_build(args) -> int:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, PluginError

    root, code = _project_ready(args, "build")
    if root is None:
        return code
    _setup_logging(args.verbose)
    try:
        config = _mkdocs_config(args, root)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    except (PluginError, Abort) as err:
        print(f"praktijkbank build: {err}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        if "config" in locals():
            config.plugins.on_shutdown()
            if config.docs_dir != str(root / "build" / "docs"):
                import shutil
                shutil.rmtree(config.docs_dir, ignore_errors=True)
    return EXIT_OK


def cmd_serve(args) -> int:
    from mkdocs.commands.serve import serve

    root, code = _project_ready(args, "serve")
    if root is None:
        return code
    if args.jury_edition:
        from .publication import JURY_EDITION_ENV, JURY_PRACTICES_ENV

        os.environ[JURY_EDITION_ENV] = args.jury_edition
        if args.jury_practices:
            os.environ[JURY_PRACTICES_ENV] = str(Path(args.jury_practices).resolve())
    _setup_logging(args.verbose)
    editor = None
    if args.edit:
        from .local_editor import EditorUnavailable, proxy_url, start_decap_server
        from .mkdocs_plugin import CMS_PROXY_ENV

        try:
            editor = start_decap_server(root, args.edit_port)
        except EditorUnavailable as err:
            print(f"praktijkbank serve --edit: {err}", file=sys.stderr)
            return EXIT_USAGE
        os.environ[CMS_PROXY_ENV] = proxy_url(args.edit_port)
        # stopped with SIGTERM (a supervisor, a test), Python would end without running the
        # `finally` below and leave decap-server running: end as on Ctrl+C instead
        import signal

        def stop(*_):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        print(f"De webeditor: http://{args.dev_addr}/admin/ (wat u opslaat, komt in practices/)", file=sys.stderr)
    try:
        # dirty: after the first build only pages whose Markdown changed are rebuilt; the
        # generator rewrites only changed files, so saving one record rebuilds a handful of pages
        _serve(lambda: serve(str(root / "mkdocs.yml"), dev_addr=args.dev_addr, livereload=True, build_type="dirty"))
    finally:
        if editor is not None:
            editor.terminate()
            editor.wait(timeout=10)
    return EXIT_OK


def _serve(run) -> None:
    """MkDocs' serve, watching with the system's file events (watching.py), else by polling."""
    from .dev_server import serve_with
    from .watching import POLLING_ENV, polling_wanted, refused_by_the_system

    if polling_wanted():
        with serve_with(events=False):
            return run()
    try:
        with serve_with(events=True):
            return run()
    except OSError as err:
        if not refused_by_the_system(err):
            raise
        print(f"praktijkbank serve: het systeem geeft geen meldingen van gewijzigde bestanden meer ({err.strerror}); "
              f"serve kijkt nu elke halve seconde zelf (zet {POLLING_ENV}=1 om dat meteen te doen)", file=sys.stderr)
        with serve_with(events=False):
            return run()


def cmd_new(args) -> int:
    from .scaffold import main as scaffold_main

    loaded = load_site(find_root())
    if loaded is None:
        return EXIT_INVALID
    return scaffold_main(args, *loaded)


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)


def add_jury_options(command: argparse.ArgumentParser, what: str) -> None:
    """--jury and --jury-practices, the same for build and serve (checked by _jury_options_refused)."""
    command.add_argument("--jury", dest="jury_edition", metavar="EDITION", help=what)
    command.add_argument("--jury-practices", metavar="DIR", help="with --jury: a folder of confidential records outside the repository")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="praktijkbank", description="Praktijkbank: validate practice records and build the site.")
    sub = ap.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="check records; exit 0 valid, 1 invalid, 2 usage")
    v.add_argument("paths", nargs="*", help="record files or folders (default: practices/)")
    v.add_argument("--format", choices=["text", "github"], default="text", help="github: GitHub Actions annotations")
    v.set_defaults(func=cmd_validate)

    b = sub.add_parser("build", help="validate, render and build the site (atomically)")
    b.add_argument("--practices", metavar="DIR", help="folder of records (default: practices/)")
    b.add_argument("--out", metavar="DIR", help="output folder (default: site/)")
    b.add_argument("--strict", action="store_true", help="treat MkDocs warnings (broken links) as errors")
    add_jury_options(b, "build a confidential jury preview of this award edition (default out: site-jury/)")
    b.add_argument("-v", "--verbose", action="store_true")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("serve", help="build and serve, rebuilding when a record, template or page changes")
    s.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    add_jury_options(s, "serve the confidential jury preview of this award edition")
    s.add_argument("--edit", action="store_true", help="also the web editor at /admin/, saving into practices/ (decap-server)")
    s.add_argument("--edit-port", type=int, default=8081, metavar="PORT", help="decap-server's port on 127.0.0.1 (default 8081)")
    s.add_argument("-v", "--verbose", action="store_true")
    s.set_defaults(func=cmd_serve)

    n = sub.add_parser("new", help="write a new record from a commented template")
    n.add_argument("--kind", dest="archetype", help="the kind of practice: a value of the facet with `archetypes: true` (site_config/vocabularies.yaml)")
    n.add_argument("--title")
    n.add_argument("--practices", metavar="DIR", help="folder of records (default: practices/)")
    n.set_defaults(func=cmd_new)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
