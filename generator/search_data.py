"""What the search index knows of a practice besides its visible text (issue "Findability").

Pagefind reads three things from a practice page, all declared by the facets (`use: search`):
- filters: one per facet, plus the criteria the practice meets and its start year, with counts
  in the search box;
- metadata shown with each result: its badges (kind), sectors and place;
- words: each value's label, synonyms and broader and narrower values, so that "Oekraïners" or
  "statushouders" finds a practice about refugees. Pagefind has no synonyms of its own; the words
  are in a hidden block of the page that only the index reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import SiteConfig
from .model import Practice

CRITERIA_FILTER = "Voldoet aan"
YEAR_FILTER = "Jaar"
PLACE_META = "Plaats"
WORDS_WEIGHT = 2.0  # Pagefind's weights: body text 1, h1 7
STRONGEST_WEIGHT = 6.0


@dataclass(frozen=True)
class SearchData:
    filters: list[tuple[str, str]]  # (filter name, value), as Pagefind shows them
    meta: list[tuple[str, str]]  # (key, text) shown with a result
    words: list[tuple[str, float]]  # (line, weight): "Doelgroep: Vluchtelingen (asielzoekers, …)."


def _narrower(config: SiteConfig, vocabulary: str, value_id: str) -> list[str]:
    values = config.vocabularies.get(vocabulary, {})
    return [v["label"] for v in values.values() if v.get("parent") == value_id]


def search_data(p: Practice, config: SiteConfig) -> SearchData:
    filters, meta, words = [], [], []
    for values in p.facets.values():
        facet = values.facet
        if not facet.used_in("search") or not values.terms:
            continue
        vocabulary = config.vocabularies[facet.vocabulary]
        for term in values.terms:
            filters.append((facet.label, term.label))
            entry = vocabulary.get(term.id, {})
            parent = vocabulary.get(entry.get("parent", ""), {}).get("label")
            related = [*entry.get("synonyms", []), *([parent] if parent else []),
                       *_narrower(config, facet.vocabulary, term.id)]
            words.append((f"{facet.label}: {term.label}" + (f" ({', '.join(related)})" if related else "") + ".", WORDS_WEIGHT))
        if facet.used_in("badge") or facet.used_in("chart"):
            meta.append((facet.label, ", ".join(t.label for t in values.terms)))
    met = [a for a in p.assessments if a.meets]
    filters += [(CRITERIA_FILTER, a.criterion.label) for a in met]
    # a practice that fully meets a criterion ranks above one that meets it in part: the first
    # `meets` verdict in the vocabulary's order is the strongest
    strongest = next((v for v, entry in config.vocabularies["verdicts"].items() if entry.get("meets")), None)
    words += [(f"{CRITERIA_FILTER}: {a.criterion.label} ({a.verdict.label.lower()}).",
               STRONGEST_WEIGHT if a.verdict.id == strongest else WORDS_WEIGHT) for a in met]
    if p.start_year:
        filters.append((YEAR_FILTER, str(p.start_year)))
    if p.get("place"):
        meta.append((PLACE_META, p.get("place")))
    return SearchData(filters, meta, words)
