"""Where a project's parts live: found from mkdocs.yml, the same for every command.

`find_root` is the nearest folder upwards that holds mkdocs.yml; `load_project` reads the
praktijkbank plugin's options there (plugin_config.py) and gives the folders of the records,
the site configuration and the hand-written pages.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Project:
    """Where everything lives, relative to the folder that holds mkdocs.yml."""

    root: Path
    practices: Path = None  # type: ignore[assignment]
    site_config: Path = None  # type: ignore[assignment]
    content: Path = None  # type: ignore[assignment]
    docs: Path = None  # type: ignore[assignment]
    # a jury preview: confidential records from a folder outside the repository (publication.py)
    jury_practices: Path | None = None
    jury_edition: str | None = None
    # the published address (mkdocs.yml's site_url): absolute links in the exports
    site_url: str | None = None
    # where the web editor (/admin/) saves: cms_config.Backend, or None for no editor
    editor: object | None = None
    node_modules: Path = None  # type: ignore[assignment]  # Decap CMS's files (npm ci)

    def __post_init__(self):
        self.root = Path(self.root)
        self.practices = Path(self.practices or self.root / "practices")
        self.site_config = Path(self.site_config or self.root / "site_config")
        self.content = Path(self.content or self.root / "content")
        self.docs = Path(self.docs or self.root / "build" / "docs")
        self.node_modules = Path(self.node_modules or self.root / "node_modules")

    def cache(self, name: str) -> Path:
        """A folder of build/cache/ for what is drawn from the records (preview cards, jury
        reports). A build of other records (a jury preview, `build --practices DIR`) has its own,
        so that it neither drops the public site's files, which the next public build would draw
        again, nor leaves drawings of confidential records among them."""
        base = self.root / "build" / "cache"
        public = (self.jury_edition is None and self.jury_practices is None
                  and self.practices.resolve() == (self.root / "practices").resolve())
        if public:
            return base / name
        which = f"{self.jury_edition}\0{self.jury_practices and self.jury_practices.resolve()}\0{self.practices.resolve()}"
        return base / f"{name}-{hashlib.sha256(which.encode()).hexdigest()[:12]}"


def find_root(start: Path | None = None) -> Path:
    """The project folder: the nearest folder upwards that holds mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


def load_project(root: Path) -> Project:
    """The project of mkdocs.yml in root, its folders from the plugin's options; raises
    ConfigError (file:line) when mkdocs.yml is missing or names a folder that does not exist."""
    from .config import ConfigError
    from .loader import display_path
    from .plugin_config import read_options
    from .problems import Problem

    mkdocs_yml = Path(root) / "mkdocs.yml"
    if not mkdocs_yml.is_file():
        raise ConfigError([Problem(display_path(mkdocs_yml), 1, 1, "", "er is geen mkdocs.yml in deze map of een map erboven; "
                                   "start het commando in de map van de repository")])
    options = read_options(mkdocs_yml)
    return Project(root, practices=Path(options.practices), site_config=Path(options.site_config),
                   content=Path(options.content))


def load_site(root: Path):
    """(project, site config) of the project in root; raises ConfigError. The schema that
    editors' IDEs read is refreshed, as every praktijkbank command does."""
    from .config import load_config, refresh_schema

    project = load_project(root)
    config = load_config(project.site_config)
    refresh_schema(config)
    return project, config
