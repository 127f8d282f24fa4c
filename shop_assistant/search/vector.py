"""Vector retrieval: nearest passages in the active space, grouped per product.

Two plans, chosen by how selective the filters are:

* **HNSW** (the space's partial expression index) with ``hnsw.iterative_scan =
  relaxed_order``, so rows removed by a filter make the index scan go on instead of
  returning fewer rows; the outer query re-sorts the relaxed order.
* **Exact** when the filters leave few products (their ids read first, through the
  facet indexes): every vector of those products is compared, which is both faster
  than a long iterative scan and complete.

Either way, when ``N`` products match the filters, ``min(N, k)`` products come back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.db import connections, transaction

from ..indexing.ann import vector_expression
from ..models import CatalogEntry, Embedding, EmbeddingSpace, Passage
from .filters import Filters, filter_sql

#: Filters leaving at most this many products are served by an exact scan.
EXACT_SCAN_MAX_PRODUCTS = 3000
#: ``hnsw.ef_search`` is the number of passages wanted, within these bounds (pgvector's
#: default is 40); past the upper one the iterative scan fetches the rest.
MIN_EF_SEARCH = 100
MAX_EF_SEARCH = 400
#: Upper bound on index tuples one iterative scan visits before giving up.
MAX_SCAN_TUPLES = 40000
#: Passages fetched per product wanted in the HNSW plan: products have several passages,
#: and a title further away than a description can still win after the kind penalties.
#: Measured on the eval splits: 4 ranks exactly as 8 did (nDCG@10 0.856 dev, 0.747
#: xling) at half the index work; 2 or 3 cost 0.008 dev. This window is the main cost of
#: a search at 100,000 products. When the nearest passages crowd into fewer products
#: than wanted, the scan looks further.
PASSAGES_PER_PRODUCT = 4
#: Similarity (1 - cosine distance) above which a passage counts as a "good" match.
GOOD_PASSAGE_SIMILARITY = 0.5
#: Distance added per passage kind before taking a product's best passage: a long
#: description or an attribute line matches many queries loosely, the title is the
#: product. Measured on the eval dev queries (vector nDCG@10 0.64 → 0.68 with the
#: title head passage); see benchmarks/RESULTS.md.
KIND_PENALTY = {"title": 0.0, "description": 0.1, "attributes": 0.1}
#: Distance added to the head of a long title (title passage at position 1).
TITLE_HEAD_PENALTY = 0.05


@dataclass
class VectorMatch:
    """One product found by the vector side."""

    entry_id: int
    similarity: float  # of its best passage, less the passage kind's penalty
    passage_id: int  # the best passage
    good_passages: int  # passages above GOOD_PASSAGE_SIMILARITY
    rank: int = 0


def vector_literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{float(x):.7g}" for x in vector) + "]"


def filtered_entries(
    filters: Filters, using: str, limit: int | None = EXACT_SCAN_MAX_PRODUCTS
) -> list[int] | None:
    """Ids of the products ``filters`` leave, or None when more than ``limit`` do
    (``limit=None``: all of them).

    By default the ids are those of an exact scan. They are read through the facet
    indexes on their own; joined into the vector query instead, the planner may scan the
    whole entry table in parallel.
    """
    where, params = filter_sql(filters)
    sql = f"SELECT c.id FROM {CatalogEntry._meta.db_table} c WHERE {where}"
    if limit is not None:
        sql, params = sql + " LIMIT %s", [*params, limit + 1]
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        ids = [row[0] for row in cursor.fetchall()]
    return ids if limit is None or len(ids) <= limit else None


def nearest_products(
    space: EmbeddingSpace,
    query_vector: np.ndarray,
    filters: Filters,
    k: int,
    *,
    using: str,
    filtered: list[int] | None = None,
    raw_order: bool = False,
) -> list[VectorMatch]:
    """The ``k`` products whose best passage is nearest to ``query_vector``, best first.

    ``filtered`` (:func:`filtered_entries`: the ids the filters leave, when few) makes it
    an exact scan of those products; otherwise the HNSW index serves. ``raw_order`` ranks
    by the nearest passage without the kind penalties: a longer list is then an
    extension of a shorter one (deep pages).
    """
    if k <= 0:
        return []
    if filtered is not None:
        return _exact(space, query_vector, filtered, k, using, raw_order)
    per_product = PASSAGES_PER_PRODUCT
    for _attempt in range(3):
        matches = _hnsw(space, query_vector, filters, k, using, per_product, raw_order)
        if len(matches) >= k:
            return matches
        # Products with many close passages filled the limit: look further.
        per_product *= 4
    if filters.is_empty():
        return matches  # the catalog holds fewer than k products
    # The scan hit max_scan_tuples: many products match, but few near the query.
    everything = filtered_entries(filters, using, limit=None) or []
    return _exact(space, query_vector, everything, k, using, raw_order)


def _select(space: EmbeddingSpace) -> tuple[str, str, str]:
    expression = "e." + vector_expression(space)[1:-1]  # "(embedding::…)" on alias e
    cast = f"::vector({int(space.dimension)})"
    return f"({expression}) <=> %s{cast}", Embedding._meta.db_table, CatalogEntry._meta.db_table


def _grouped(rows: Sequence[tuple]) -> list[VectorMatch]:
    return [
        VectorMatch(int(entry_id), 1.0 - float(distance), int(passage_id), int(good), rank)
        for rank, (entry_id, distance, passage_id, good) in enumerate(rows, 1)
    ]


def _group_sql(limit: bool = True, raw_order: bool = False) -> tuple[str, list[float]]:
    """Per product: best penalized distance, its passage, and the count of good passages."""
    penalized = (
        "nn.distance + CASE WHEN p.kind = 'title' AND p.position = 0 THEN 0 "
        "WHEN p.kind = 'title' THEN %s WHEN p.kind = 'description' THEN %s ELSE %s END"
    )
    penalties = [TITLE_HEAD_PENALTY, KIND_PENALTY["description"], KIND_PENALTY["attributes"]]
    sql = (
        f"SELECT nn.entry_id, min({penalized}) AS distance, "
        f"(array_agg(nn.passage_id ORDER BY {penalized}))[1], "
        "count(*) FILTER (WHERE nn.distance < %s) "
        f"FROM nn JOIN {Passage._meta.db_table} p ON p.id = nn.passage_id "
        "GROUP BY nn.entry_id "
        + ("ORDER BY min(nn.distance), 1" if raw_order else "ORDER BY 2, 1")
        + (" LIMIT %s" if limit else "")
    )
    return sql, [*penalties, *penalties, 1.0 - GOOD_PASSAGE_SIMILARITY]


def _hnsw(
    space: EmbeddingSpace,
    query_vector: np.ndarray,
    filters: Filters,
    k: int,
    using: str,
    per_product: int = 0,
    raw_order: bool = False,
) -> list[VectorMatch]:
    distance, embeddings, entries = _select(space)
    where, params = filter_sql(filters)
    limit = k * (per_product or PASSAGES_PER_PRODUCT)
    group, group_params = _group_sql(raw_order=raw_order)
    sql = (
        "WITH nn AS MATERIALIZED ("
        f"SELECT e.entry_id, e.passage_id, {distance} AS distance "
        f"FROM {embeddings} e JOIN {entries} c ON c.id = e.entry_id "
        f"WHERE e.space_id = {int(space.pk)} AND {where} "
        "ORDER BY distance LIMIT %s) " + group
    )
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        ef_search = max(MIN_EF_SEARCH, min(limit, MAX_EF_SEARCH))
        cursor.execute(  # SET LOCAL, in one round trip
            "SELECT set_config('hnsw.ef_search', %s, true), "
            "set_config('hnsw.iterative_scan', 'relaxed_order', true), "
            "set_config('hnsw.max_scan_tuples', %s, true)",
            [str(ef_search), str(MAX_SCAN_TUPLES)],
        )
        cursor.execute(sql, [vector_literal(query_vector), *params, limit, *group_params, k])
        return _grouped(cursor.fetchall())


def _exact(
    space: EmbeddingSpace,
    query_vector: np.ndarray,
    entry_ids: Sequence[int],
    k: int | None,
    using: str,
    raw_order: bool = False,
) -> list[VectorMatch]:
    """Every vector of ``entry_ids`` compared (the filters were applied to the ids); the
    ``k`` best products, or all of them when ``k`` is None."""
    if not entry_ids:
        return []
    distance, embeddings, _ = _select(space)
    group, group_params = _group_sql(limit=k is not None, raw_order=raw_order)
    sql = (
        "WITH nn AS MATERIALIZED ("
        f"SELECT e.entry_id, e.passage_id, {distance} AS distance "
        f"FROM {embeddings} e WHERE e.space_id = {int(space.pk)} "
        "AND e.entry_id = ANY(%s)) " + group
    )
    limit = [] if k is None else [k]
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [vector_literal(query_vector), list(entry_ids), *group_params, *limit])
        return _grouped(cursor.fetchall())


def similarities(
    space: EmbeddingSpace, query_vector: np.ndarray, entry_ids: Sequence[int], *, using: str
) -> dict[int, VectorMatch]:
    """The vector side's view of given entries (candidates only the lexical side found)."""
    matches = _exact(space, query_vector, entry_ids, None, using)
    for match in matches:
        match.rank = 0  # not ranked by the vector side
    return {match.entry_id: match for match in matches}
