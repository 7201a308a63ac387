"""serve: the installed theme's file list, read once for all rebuilds.

Every MkDocs build lists each file of the theme (Files.add_files_from_theme walks Material's
14,500 files, most of them icons, and matches every name against a dozen patterns) to find the
static files to copy: a tenth of a second of each rebuild of serve. An installed theme does not
change while serve runs; the project's own overrides folder may, so it is listed afresh each time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import jinja2


class ThemeListing:
    """The filtered names of the theme's folders outside the project, kept between rebuilds."""

    def __init__(self, project_root: Path):
        self.project_root = project_root.resolve()
        self._installed: dict[tuple, list[str]] = {}  # (folders, static templates) -> names

    def is_projects(self, folder: str) -> bool:
        path = Path(folder).resolve()
        return path == self.project_root or self.project_root in path.parents

    def install(self, theme) -> None:
        """theme.get_env() (called by MkDocs' build) gives environments that list through here."""
        original = theme.get_env

        def get_env() -> jinja2.Environment:
            env = original()
            plain = env.list_templates

            def list_templates(extensions=None, filter_func: Callable[[str], bool] | None = None):
                if extensions is not None or filter_func is None:
                    return plain(extensions, filter_func)
                return self.names(theme, filter_func)

            env.list_templates = list_templates
            return env

        theme.get_env = get_env

    def names(self, theme, keep: Callable[[str], bool]) -> list[str]:
        own = [d for d in theme.dirs if self.is_projects(d)]
        installed = [d for d in theme.dirs if not self.is_projects(d)]
        # MkDocs' filter depends only on the theme's static templates (and fixed patterns)
        key = (tuple(installed), tuple(theme.static_templates))
        if key not in self._installed:
            self._installed[key] = [n for n in jinja2.FileSystemLoader(installed).list_templates() if keep(n)]
        fresh = [n for n in jinja2.FileSystemLoader(own).list_templates() if keep(n)] if own else []
        return sorted(set(self._installed[key]).union(fresh))
