"""Similar practices (generator/similar.py): the choice of the best few per practice."""

from __future__ import annotations

import numpy as np

from generator.similar import best_first


def test_best_first_picks_as_a_stable_sort_of_the_whole_row_does():
    # many equal scores, as practices with the same criteria and facets give: the tie-break by
    # the collection's order must be the full sort's
    rng = np.random.default_rng(7)
    for n in (1, 2, 5, 40, 600):
        for _ in range(50):
            scores = rng.integers(-1, 4, n).astype(np.float32)
            for count in {1, min(4, n), n}:
                assert list(best_first(scores, count)) == list(np.argsort(-scores, kind="stable")[:count])
