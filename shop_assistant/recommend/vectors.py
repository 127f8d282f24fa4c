"""Product vectors and nearest products in the active embedding space.

A product's vector is the normalized mean of its passage vectors (title, description
chunks and attributes, in every language it has), so it stands for the product as a
whole whatever language each passage is in. Nearest products are found passage by
passage and aggregated per product with the best (max) similarity:

* through the space's HNSW index with ``hnsw.iterative_scan = relaxed_order`` when the
  allowed products are many (filters never make the scan under-return), using exactly
  the indexed expression ``(embedding::vector(N))`` and ``space_id = X``;
* by an exact scan of the allowed products' vectors when they are few, or when the
  iterative scan stopped early.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from django.db import connections, transaction
from django.db.models import QuerySet

from ..indexing.ann import vector_expression
from ..models import CatalogEntry, Embedding, EmbeddingSpace

#: Allowed products up to this many are compared exactly (cheaper than a long scan).
EXACT_SCAN_MAX_PRODUCTS = 3000
#: Passages fetched per wanted product by the index scan (products have several each,
#: often one per language, all close to each other).
PASSAGES_PER_PRODUCT = 12
#: Upper bound on index tuples one iterative scan visits.
MAX_SCAN_TUPLES = 40000


def vector_literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{float(x):.7g}" for x in vector) + "]"


def parse_vector(text: str) -> np.ndarray:
    return np.array(text.strip("[]").split(","), dtype=np.float32)


def normalize(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def entry_vectors(
    space: EmbeddingSpace, entry_ids: Iterable[int], *, using: str
) -> dict[int, np.ndarray]:
    """Unit mean vector of each entry's passages in ``space`` (entries without any left out)."""
    ids = sorted(set(entry_ids))
    if not ids:
        return {}
    expression = vector_expression(space)
    sql = (
        f"SELECT entry_id, avg({expression})::text FROM {Embedding._meta.db_table} "
        f"WHERE space_id = %s AND entry_id = ANY(%s) GROUP BY entry_id"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [space.pk, ids])
        return {int(entry_id): normalize(parse_vector(text)) for entry_id, text in cursor}


def _allowed_sql(entries: QuerySet[CatalogEntry], using: str) -> tuple[str, tuple]:
    return entries.values("id").query.get_compiler(using=using).as_sql()


def nearest_entries(
    space: EmbeddingSpace,
    vector: np.ndarray,
    entries: QuerySet[CatalogEntry],
    k: int,
    *,
    using: str,
) -> list[tuple[int, float]]:
    """``(entry id, similarity)`` of the ``k`` entries of ``entries`` nearest to ``vector``.

    Similarity is ``1 - cosine distance`` of the entry's nearest passage, best first.
    """
    if k <= 0:
        return []
    allowed = entries.count()
    if allowed == 0:
        return []
    if allowed <= EXACT_SCAN_MAX_PRODUCTS:
        return _exact(space, vector, entries, k, using)
    hits = _hnsw(space, vector, entries, k, using)
    if len(hits) < min(k, allowed):  # the iterative scan gave up: compare exactly
        return _exact(space, vector, entries, k, using)
    return hits


def _distance(space: EmbeddingSpace) -> str:
    expression = "e." + vector_expression(space)[1:-1]
    return f"({expression}) <=> %s::vector({int(space.dimension)})"


def _exact(
    space: EmbeddingSpace, vector: np.ndarray, entries: QuerySet, k: int, using: str
) -> list[tuple[int, float]]:
    allowed_sql, allowed_params = _allowed_sql(entries, using)
    sql = (
        f"SELECT e.entry_id, min({_distance(space)}) AS distance "
        f"FROM {Embedding._meta.db_table} e "
        f"WHERE e.space_id = {int(space.pk)} AND e.entry_id IN ({allowed_sql}) "
        "GROUP BY e.entry_id ORDER BY distance, e.entry_id LIMIT %s"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [vector_literal(vector), *allowed_params, k])
        return [(int(entry_id), 1.0 - float(distance)) for entry_id, distance in cursor]


def hnsw_query(
    space: EmbeddingSpace, vector: np.ndarray, entries: QuerySet, k: int, using: str
) -> tuple[str, list]:
    """The index plan's SQL: nearest passages by the indexed expression, grouped per entry."""
    allowed_sql, allowed_params = _allowed_sql(entries, using)
    sql = (
        "WITH nn AS MATERIALIZED ("
        f"SELECT e.entry_id, {_distance(space)} AS distance "
        f"FROM {Embedding._meta.db_table} e "
        f"WHERE e.space_id = {int(space.pk)} AND e.entry_id IN ({allowed_sql}) "
        "ORDER BY distance LIMIT %s) "
        "SELECT entry_id, min(distance) FROM nn GROUP BY entry_id ORDER BY 2, 1 LIMIT %s"
    )
    return sql, [vector_literal(vector), *allowed_params, k * PASSAGES_PER_PRODUCT, k]


def _hnsw(
    space: EmbeddingSpace, vector: np.ndarray, entries: QuerySet, k: int, using: str
) -> list[tuple[int, float]]:
    sql, params = hnsw_query(space, vector, entries, k, using)
    ef_search = max(100, min(k * PASSAGES_PER_PRODUCT, 1000))
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(f"SET LOCAL hnsw.ef_search = {ef_search}")
        cursor.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
        cursor.execute(f"SET LOCAL hnsw.max_scan_tuples = {MAX_SCAN_TUPLES}")
        cursor.execute(sql, params)
        return [(int(entry_id), 1.0 - float(distance)) for entry_id, distance in cursor.fetchall()]


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
