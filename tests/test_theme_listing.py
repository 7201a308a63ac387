"""serve lists the installed theme's files once (generator/theme_listing.py): the same static files
as MkDocs' own listing, and the project's overrides folder still read afresh on every rebuild."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from generator.theme_listing import ThemeListing
from helpers import ROOT


def theme_files(config) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted((f.src_uri, f.abs_src_path) for f in files)


def test_the_kept_listing_gives_the_static_files_mkdocs_finds_itself():
    plain = load_config(str(ROOT / "mkdocs.yml"))
    listed = load_config(str(ROOT / "mkdocs.yml"))
    ThemeListing(ROOT).install(listed.theme)
    expected = theme_files(plain)
    assert len(expected) > 20  # Material's assets: the comparison is not of two empty lists
    assert theme_files(listed) == expected
    assert theme_files(listed) == expected  # the second time from what was kept


def fake_theme(own, installed):
    theme = SimpleNamespace(dirs=[str(own), str(installed)], static_templates=["404.html"])
    theme.get_env = lambda: jinja2.Environment(loader=jinja2.FileSystemLoader(theme.dirs))
    return theme


def keep_assets(name: str) -> bool:
    return not name.endswith(".html")


def test_the_installed_theme_is_walked_once_and_the_projects_overrides_every_time(tmp_path):
    own, installed = tmp_path / "project" / "overrides", tmp_path / "site-packages" / "theme"
    for folder in (own, installed):
        (folder / "assets").mkdir(parents=True)
    (installed / "assets" / "theme.css").write_text("")
    (installed / "main.html").write_text("")
    theme = fake_theme(own, installed)
    ThemeListing(tmp_path / "project").install(theme)

    assert theme.get_env().list_templates(filter_func=keep_assets) == ["assets/theme.css"]
    (own / "assets" / "extra.css").write_text("")  # an editor adds a file while serve runs
    (installed / "assets" / "later.css").write_text("")  # a theme does not change meanwhile
    assert theme.get_env().list_templates(filter_func=keep_assets) == ["assets/extra.css", "assets/theme.css"]


def test_a_listing_without_a_filter_is_jinjas_own(tmp_path):
    own, installed = tmp_path / "project" / "overrides", tmp_path / "theme"
    own.mkdir(parents=True)
    installed.mkdir()
    (installed / "main.html").write_text("")
    theme = fake_theme(own, installed)
    ThemeListing(tmp_path / "project").install(theme)
    assert theme.get_env().list_templates() == ["main.html"]
    (installed / "base.html").write_text("")
    assert theme.get_env().list_templates() == ["base.html", "main.html"]
