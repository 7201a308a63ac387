"""The navigation's generated entries: one per facet and one per criterion, from the site config.

mkdocs.yml keeps the hand-made shape of the navigation (home, sections, the team's pages);
the entries that follow from the declared model are added here, so a new facet or criterion
appears in the navigation without an edit to mkdocs.yml. Facets with `use: nav` go into the
section that holds praktijken/index.md, criterion pages into the one that holds
criteria/index.md.
"""

from __future__ import annotations

from typing import Any

from .config import SiteConfig


def _section_holding(nav: list, page: str) -> list | None:
    for item in nav:
        if isinstance(item, dict):
            for children in item.values():
                if isinstance(children, list):
                    if page in children or any(isinstance(c, dict) and page in c.values() for c in children):
                        return children
                    found = _section_holding(children, page)
                    if found is not None:
                        return found
    return None


def _pages(nav: Any) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(_pages(item) for item in nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*(_pages(v) for v in nav.values())) if nav else set()
    return set()


def with_generated_entries(nav: list | None, config: SiteConfig) -> list | None:
    if not nav:
        return nav  # no declared navigation: MkDocs builds one from the files
    listed = _pages(nav)
    practices = _section_holding(nav, "praktijken/index.md")
    if practices is not None:
        practices += [{f.nav: f"{f.folder}/index.md"} for f in config.facets_for("nav")
                      if f"{f.folder}/index.md" not in listed]
    criteria = _section_holding(nav, "criteria/index.md")
    if criteria is not None:
        criteria += [f"criteria/{cid}.md" for cid in config.vocabularies["criteria"] if f"criteria/{cid}.md" not in listed]
    return nav
