"""Nearest products for recommendations, and maximal marginal relevance.

A product's vector is the normalized mean of its passage vectors
(:func:`~shop_assistant.indexing.ann.mean_vectors`), so it stands for the product as a
whole whatever language each passage is in. Nearest products come from
:func:`~shop_assistant.indexing.ann.nearest` over the allowed entries (a queryset: the
list's filters and exclusions), each product keeping its best (max) similarity: an
exact scan when the allowed products are few, else the space's HNSW index with a wider
window than search's (several passages per product are close to a product's own mean).
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

from ..core.sql import Statement, run_together
from ..indexing import ann
from ..models import CatalogEntry, EmbeddingSpace

#: Allowed products up to this many are compared exactly (cheaper than a long scan).
EXACT_SCAN_MAX_PRODUCTS = 3000
#: Passages fetched per wanted product by the index scan (products have several each,
#: often one per language, all close to each other), and the ef_search bounds.
PASSAGES_PER_PRODUCT = 12
EF_SEARCH = (100, 1000)
#: A product's attribute lines (brand · category · labelled values, one per language the
#: shop names its categories in) are alike across a brand's products of one colour, so a
#: neighbour found only through one ranks below one found through its title or text.
KIND_PENALTY = {"attributes": 0.1}


def allowed_condition(entries: QuerySet[CatalogEntry], using: str) -> tuple[str, tuple]:
    """``entries`` as a condition on the entry table aliased ``c`` (an id subquery)."""
    sql, params = entries.values("id").query.get_compiler(using=using).as_sql()
    return f"c.id IN ({sql})", params


def few_allowed(entries: QuerySet[CatalogEntry]) -> list[int] | None:
    """Ids of ``entries`` when they are few enough for an exact scan, else None."""
    statement = few_allowed_statement(entries)
    if statement is None:
        return []
    (few,) = run_together(entries.db, [statement])
    return few


def few_allowed_statement(entries: QuerySet[CatalogEntry]) -> Statement | None:
    """The read of :func:`few_allowed` (None when nothing can match: ``[]``)."""
    # One row back, not up to 3,001: the ids as an array, and none when there are more.
    limited = entries.values_list("id", flat=True)[: EXACT_SCAN_MAX_PRODUCTS + 1]
    try:
        sql, params = limited.query.get_compiler(using=entries.db).as_sql()
    except EmptyResultSet:  # a condition nothing can match (``id__in=[]``)
        return None
    return Statement(
        f"SELECT coalesce(array_agg(s.id), '{{}}') FROM ({sql}) s HAVING count(*) <= %s",
        [*params, EXACT_SCAN_MAX_PRODUCTS],
        lambda rows: list(rows[0][0]) if rows else None,
    )


def nearest_entries(
    space: EmbeddingSpace,
    vector: np.ndarray,
    entries: QuerySet[CatalogEntry],
    k: int,
    *,
    using: str,
    few: list[int] | None | Literal[False] = False,
) -> list[tuple[int, float]]:
    """``(entry id, similarity)`` of the ``k`` entries of ``entries`` nearest to ``vector``.

    Similarity is ``1 - cosine distance`` of the entry's nearest passage, best first.
    ``few``: :func:`few_allowed` of ``entries`` when the caller read it already (several
    vectors against the same entries), else it is read here.
    """
    if k <= 0:
        return []
    if few is False:
        few = few_allowed(entries)
    neighbors = ann.nearest(space, vector, k=k, candidates=few, **_scan(entries, using))
    return _pairs(neighbors)


def nearest_entries_each(
    space: EmbeddingSpace,
    vectors: list[np.ndarray],
    entries: QuerySet[CatalogEntry],
    k: int,
    *,
    using: str,
) -> list[list[tuple[int, float]]]:
    """:func:`nearest_entries` of each of ``vectors`` (the interests of one visitor): the
    allowed ids read once, and the index scans of all vectors in one statement."""
    if k <= 0 or not vectors:
        return [[] for _ in vectors]
    few = few_allowed(entries)
    if few is not None or len(vectors) == 1:
        return [nearest_entries(space, v, entries, k, using=using, few=few) for v in vectors]
    each = ann.nearest_each(space, vectors, k=k, **_scan(entries, using))
    return [_pairs(neighbors) for neighbors in each]


def _scan(entries: QuerySet[CatalogEntry], using: str) -> dict[str, Any]:
    """How recommendations scan the index: among ``entries``, a match on an attribute
    line ranked lower (:data:`KIND_PENALTY`)."""
    return {
        "where": allowed_condition(entries, using),
        "penalties": KIND_PENALTY,
        "per_product": PASSAGES_PER_PRODUCT,
        "ef_search": EF_SEARCH,
        "using": using,
    }


def _pairs(neighbors: list[ann.Neighbor]) -> list[tuple[int, float]]:
    return [(n.entry_id, n.similarity) for n in neighbors]


def mmr(
    relevance: list[tuple[int, float]],
    vectors: dict[int, np.ndarray],
    k: int,
    diversity: float,
) -> list[tuple[int, float]]:
    """Maximal marginal relevance: ``k`` of ``relevance`` trading relevance for novelty.

    Each step takes the entry maximizing ``(1 - diversity) * relevance - diversity *
    (max similarity to the entries already taken)``; ``diversity=0`` keeps the relevance
    order. Returns ``(entry id, objective)`` in the chosen order, objective made
    non-increasing so the list stays sorted by its score.
    """
    remaining = [(entry_id, rel) for entry_id, rel in relevance if entry_id in vectors]
    chosen: list[tuple[int, float]] = []
    chosen_vectors: list[np.ndarray] = []
    while remaining and len(chosen) < k:
        best_index, best_value = 0, -np.inf
        for index, (entry_id, rel) in enumerate(remaining):
            redundancy = (
                max(float(vectors[entry_id] @ other) for other in chosen_vectors)
                if chosen_vectors
                else 0.0
            )
            value = (1.0 - diversity) * rel - diversity * redundancy
            if value > best_value:
                best_index, best_value = index, value
        entry_id, _rel = remaining.pop(best_index)
        if chosen:
            best_value = min(best_value, chosen[-1][1])
        chosen.append((entry_id, float(best_value)))
        chosen_vectors.append(vectors[entry_id])
    return chosen
