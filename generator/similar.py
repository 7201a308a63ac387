"""Similar practices, chosen at build time: shared criteria met, sectors, target groups.

Each practice becomes a weighted feature vector; similarity is a dot product.
With numpy the whole collection is scored in blocks of rows, so 5,000 practices
take well under a second instead of 25 million Python-level comparisons.
"""

from __future__ import annotations

import numpy as np

from .model import Collection, Practice

MET = {"voldoet", "voldoet-deels"}
WEIGHTS = {"criterion": 1.0, "sector": 1.0, "target_group": 1.5, "kind": 0.5, "region": 0.5}
BLOCK = 512


def features(p: Practice) -> list[tuple[str, float]]:
    out = [(f"criterion:{a.criterion.id}", WEIGHTS["criterion"]) for a in p.assessments if a.verdict.id in MET]
    out += [(f"sector:{t.id}", WEIGHTS["sector"]) for t in p.sectors]
    out += [(f"target_group:{t.id}", WEIGHTS["target_group"]) for t in p.target_groups]
    out += [(f"region:{t.id}", WEIGHTS["region"]) for t in p.regions if t.id != "landelijk"]
    out.append((f"kind:{p.kind.id}", WEIGHTS["kind"]))
    return out


def assign_similar(collection: Collection, count: int = 4) -> None:
    practices = collection.practices
    if len(practices) < 2:
        return
    vocab: dict[str, int] = {}
    rows = [features(p) for p in practices]
    for row in rows:
        for name, _ in row:
            vocab.setdefault(name, len(vocab))
    matrix = np.zeros((len(practices), len(vocab)), dtype=np.float32)
    for i, row in enumerate(rows):
        for name, weight in row:
            matrix[i, vocab[name]] = weight
    index = {p.id: i for i, p in enumerate(practices)}
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
            # stable: highest score first, then the collection's (title) order
            best = np.argsort(-row_scores, kind="stable")[:count]
            p.similar = [practices[j] for j in best if row_scores[j] > 0]
