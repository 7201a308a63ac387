"""The options of the praktijkbank MkDocs plugin, declared like MkDocs declares its own.

    plugins:
      - praktijkbank:
          practices: practices      # every path is seen from the folder of mkdocs.yml
          site_config: site_config
          content: content
          enabled: true

MkDocs validates these before a build; `praktijkbank validate` and `praktijkbank new` read
the same options from mkdocs.yml through `read_options`, so every command takes its folders
from one place. A folder that does not exist is a mistake with a Dutch message, never an
empty site.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from .problems import Problem

PLUGIN = "praktijkbank"


class Folder(c.Dir):
    """A folder that must exist, relative to mkdocs.yml."""

    def __init__(self, default: str, what: str):
        super().__init__(exists=True, default=default)
        self.what = what

    def run_validation(self, value: object) -> str:
        try:
            return super().run_validation(value)
        except ValidationError:
            raise ValidationError(f"de map `{value}` ({self.what}) bestaat niet, gezien vanaf de map van mkdocs.yml; "
                                  "maak haar aan of verbeter het pad") from None


class PositiveInt(c.OptionallyRequired):
    """A whole number above 0; a text of digits too, as `!ENV` gives it."""

    def run_validation(self, value: object) -> int:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError(f"verwacht een geheel getal groter dan 0, niet `{value}`")
        return value


class PraktijkbankConfig(Config):
    enabled = c.Type(bool, default=True)
    practices = Folder("practices", "de records")
    site_config = Folder("site_config", "de configuratie van de site")
    content = Folder("content", "de geschreven pagina's")
    # a jury preview (praktijkbank build --jury): records from a folder outside the repository
    jury_practices = c.Optional(c.Dir(exists=True))
    jury_edition = c.Optional(c.Type(str))
    # Pagefind holds a whole index in memory until it writes it: a larger site is indexed in
    # bundles of at most this many pages, one after the other (search_index.py)
    search_pages_per_index = PositiveInt(default=1000)


def _plugin_entry(mkdocs_yml: Path) -> tuple[dict, int, list[str]]:
    """The plugin's options in mkdocs.yml, the line that names the plugin, and the file's lines."""
    from mkdocs.utils.yaml import get_yaml_loader

    import yaml

    text = mkdocs_yml.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=get_yaml_loader()) or {}
    rows = text.splitlines()
    line = next((i for i, row in enumerate(rows, 1) if re.match(rf"\s*-\s*{PLUGIN}\b", row)), 1)
    for entry in data.get("plugins") or []:
        if entry == PLUGIN:
            return {}, line, rows
        if isinstance(entry, dict) and PLUGIN in entry:
            return dict(entry[PLUGIN] or {}), line, rows
    return {}, line, rows


def read_options(mkdocs_yml: Path) -> PraktijkbankConfig:
    """The plugin's options as MkDocs would validate them; raises ConfigError with the line."""
    from .config import ConfigError
    from .loader import display_path

    options, line, rows = _plugin_entry(mkdocs_yml)
    config = PraktijkbankConfig(config_file_path=str(mkdocs_yml))
    config.load_dict(options)
    errors, _warnings = config.validate()
    if errors:
        problems = []
        for name, error in errors:
            at = next((i for i, row in enumerate(rows[line - 1:], line) if re.match(rf"\s*{name}\s*:", row)), line)
            problems.append(Problem(display_path(mkdocs_yml), at, 1, f"plugins.{PLUGIN}.{name}", str(error)))
        raise ConfigError(problems)
    return config
