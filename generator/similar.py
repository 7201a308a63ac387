"""Similar practices, chosen at build time: shared criteria met and shared facet values.

Each practice becomes a weighted feature vector; similarity is a dot product. The weights
are the vocabularies' own (`weight` in vocabularies.yaml, for every facet with
`use: similarity` and for the criteria both practices meet); a value marked `broad` (such
as a nationwide region) says nothing specific and is left out. With numpy the whole
collection is scored in blocks of rows, so 5,000 practices take well under a second
instead of 25 million Python-level comparisons.
"""

from __future__ import annotations

import numpy as np

from .config import Facet
from .model import Collection, Practice

BLOCK = 512


def features(p: Practice, criterion_weight: float, facets: list[tuple[Facet, frozenset[str]]]) -> list[tuple[str, float]]:
    """A practice's weighted features; `facets` are the similarity facets with their broad values."""
    out = [(f"criteria:{a.criterion.id}", criterion_weight) for a in p.assessments if a.meets]
    for facet, broad in facets:
        out += [(f"{facet.vocabulary}:{t.id}", facet.weight) for t in p.terms(facet.vocabulary) if t.id not in broad]
    return out


def assign_similar(collection: Collection, count: int = 4) -> None:
    practices = collection.practices
    if len(practices) < 2:
        return
    vocab: dict[str, int] = {}
    config = collection.config  # what similarity looks at, worked out once, not per practice
    facets = [(f, config.flagged(f.vocabulary, "broad")) for f in config.facets_for("similarity")]
    criterion_weight = config.vocabulary_info["criteria"].get("weight", 1)
    rows = [features(p, criterion_weight, facets) for p in practices]
    for row in rows:
        for name, _ in row:
            vocab.setdefault(name, len(vocab))
    matrix = np.zeros((len(practices), len(vocab)), dtype=np.float32)
    for i, row in enumerate(rows):
        for name, weight in row:
            matrix[i, vocab[name]] = weight
    index = {p.id: i for i, p in enumerate(practices)}
    count = min(count, len(practices))
    for start in range(0, len(practices), BLOCK):
        scores = matrix[start:start + BLOCK] @ matrix.T
        for offset, row_scores in enumerate(scores):
            i = start + offset
            p = practices[i]
            row_scores[i] = -1  # never itself
            for r in p.related:  # already shown under "Verwante praktijken"
                row_scores[index[r.id]] = -1
            if p.parent is not None:
                row_scores[index[p.parent.id]] = -1
            p.similar = [practices[j] for j in best_first(row_scores, count) if row_scores[j] > 0]


def best_first(scores: np.ndarray, count: int) -> np.ndarray:
    """The indices of the `count` highest scores, highest first, equal scores in the collection's
    (title) order: what a stable sort of the whole row gives, without sorting the whole row
    (at 10,000 practices that sort per row grew as n² log n and was most of this module's time)."""
    kth = np.partition(scores, len(scores) - count)[len(scores) - count]  # the count-th highest
    above = np.flatnonzero(scores > kth)
    tied = np.flatnonzero(scores == kth)[:count - len(above)]
    chosen = np.concatenate((above, tied))
    return chosen[np.lexsort((chosen, -scores[chosen]))]
