"""Validated records as objects the templates can use without looking up ids.

Only valid data reaches this module, so it trusts shapes and spends no effort on
checks. Vocabulary ids are resolved to labels here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .config import Facet, SiteConfig
from .loader import Document


@dataclass(frozen=True)
class Term:
    """A vocabulary value: its id (in URLs and data) and its Dutch label (on pages)."""

    id: str
    label: str


@dataclass(frozen=True)
class FacetValues:
    """A practice's values of one facet, with the facet itself (its folder, field, heading)."""

    facet: Facet
    terms: list[Term]


@dataclass(frozen=True)
class Assessment:
    criterion: Term
    verdict: Term
    icon: str
    by: Term
    text: str
    where: str | None
    is_jury: bool  # by a judge the vocabulary marks as an award's jury
    meets: bool  # a verdict that counts as meeting the criterion


@dataclass
class Practice:
    id: str
    data: dict[str, Any]
    source_file: str
    facets: dict[str, FacetValues]  # facet (vocabulary) name -> its values, in declaration order
    assessments: list[Assessment]
    status: Term | None
    stage: Term | None
    edition_id: str | None
    related: list["Practice"] = field(default_factory=list)
    similar: list["Practice"] = field(default_factory=list)
    parent: "Practice | None" = None
    children: list["Practice"] = field(default_factory=list)
    dates: Any = None  # history.Dates: first published and last changed, from git

    @property
    def url(self) -> str:
        return f"praktijken/{self.id}/"

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def summary(self) -> str:
        return self.data["summary"]

    def terms(self, facet: str) -> list[Term]:
        return self.facets[facet].terms

    @property
    def badges(self) -> list[tuple[Facet, Term]]:
        """The values shown as badges on cards and at the top of the page (facets with use: badge)."""
        return [(v.facet, t) for v in self.facets.values() if v.facet.used_in("badge") for t in v.terms]

    @property
    def years(self) -> list[int]:
        period = self.data.get("period") or {}
        start = period.get("start")
        if not start:
            return []
        first = int(start[:4])
        last = int(period["end"][:4]) if period.get("end") else first
        return list(range(first, max(first, last) + 1))

    @property
    def start_year(self) -> int | None:
        years = self.years
        return years[0] if years else None

    def assessment(self, criterion_id: str) -> Assessment | None:
        return next((a for a in self.assessments if a.criterion.id == criterion_id), None)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass
class Edition:
    id: str
    data: dict[str, Any]
    criteria: list[Term]
    nominations: list[Practice]

    @property
    def url(self) -> str:
        return f"prijzen/{self.id}/"

    @property
    def name(self) -> str:
        return self.data["name"]


@dataclass
class Collection:
    """Everything the renderer needs: practices in a stable order, editions, vocabularies."""

    practices: list[Practice]
    editions: list[Edition]
    config: SiteConfig

    def by_id(self) -> dict[str, Practice]:
        return {p.id: p for p in self.practices}

    def terms(self, vocabulary: str) -> list[Term]:
        return [Term(k, v["label"]) for k, v in self.config.vocabularies[vocabulary].items()]


def _term(config: SiteConfig, vocabulary: str, value_id: str) -> Term:
    return _shared_term(value_id, config.label(vocabulary, value_id))


@lru_cache(maxsize=4096)
def _shared_term(value_id: str, label: str) -> Term:
    # a Term is immutable and compared by value: 1,000 practices share a few hundred instead
    # of making 21,000 (a tenth of serve's rebuild of the collection)
    return Term(value_id, label)


def build_practice(doc: Document, config: SiteConfig) -> Practice:
    data = doc.data
    vocab = config.vocabularies
    assessments = [
        Assessment(
            criterion=_term(config, "criteria", cid),
            verdict=_term(config, "verdicts", a["verdict"]),
            icon=vocab["verdicts"][a["verdict"]].get("icon", ""),
            by=_term(config, "judges", a["by"]),
            text=a["text"],
            where=a.get("where"),
            is_jury=a["by"] in config.jury_judges,
            meets=a["verdict"] in config.meets,
        )
        for cid in vocab["criteria"]  # the vocabulary's order, not the editor's
        if (a := (data.get("criteria") or {}).get(cid))
    ]
    facets = {}
    for facet in config.facets:
        value = data.get(facet.field)
        ids = (value or []) if facet.many else ([value] if value is not None else [])
        facets[facet.vocabulary] = FacetValues(facet, [_term(config, facet.vocabulary, v) for v in ids])
    award = data.get("award") or {}
    return Practice(
        id=doc.id,
        data=data,
        source_file=doc.display,
        facets=facets,
        assessments=assessments,
        status=_term(config, "practice_statuses", data["status"]) if data.get("status") else None,
        stage=_term(config, "stages", award["stage"]) if award else None,
        edition_id=award.get("edition"),
    )


def build_collection(docs: list[Document], config: SiteConfig) -> Collection:
    practices = sorted((build_practice(d, config) for d in docs), key=lambda p: (p.title.lower(), p.id))
    by_id = {p.id: p for p in practices}
    for p in practices:
        p.related = [by_id[r] for r in p.get("related", [])]
        if p.get("part_of"):
            p.parent = by_id[p.get("part_of")]
            p.parent.children.append(p)
    editions = []
    for edition_id, data in config.editions.items():
        nominations = [p for p in practices if p.edition_id == edition_id]
        stage_order = list(config.vocabularies["stages"])
        nominations.sort(key=lambda p: (-stage_order.index(p.stage.id), p.title.lower()))
        editions.append(Edition(edition_id, data, [_term(config, "criteria", c) for c in data.get("criteria", [])], nominations))
    return Collection(practices, editions, config)
