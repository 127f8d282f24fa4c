"""The approximate-nearest-neighbour index of each embedding space, and the one query on it.

Vectors live in one dimensionless ``vector`` column; each space gets a partial HNSW
expression index (``(embedding::vector(N)) ... WHERE space_id = X``), built here by code
because its dimension is the space's. A space with ``storage = "halfvec"`` indexes and
compares ``embedding::halfvec(N)`` instead: 16-bit floats, half the index's size and build
memory (the rows keep their 32-bit vectors, so a space can be rebuilt either way).
:func:`nearest` is the only query that reads it: search, recommendations and the canary
all call it, each with its options (search's passage-kind penalties, recommendations'
wider window); :func:`mean_vectors` gives the vector of a whole product (the mean of its
passages) that recommendations search with.

``CREATE INDEX CONCURRENTLY`` keeps the storefront serving while an index builds; inside
a transaction (tests, migrations) it falls back to a plain ``CREATE INDEX``. An invalid
index left by an interrupted concurrent build is dropped and built again.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.contrib.postgres.indexes import OpClass
from django.db import connections
from django.db.models import Q
from django.db.models.functions import Cast
from pgvector.django import HalfVectorField, HnswIndex, VectorField

from ..conf import app_settings
from ..core.sql import Statement, fetch_with_local_settings
from ..models import CatalogEntry, Embedding, EmbeddingSpace, Passage

#: ``hnsw.ef_search`` is the number of passages wanted, within these bounds (pgvector's
#: default is 40); past the upper one the iterative scan fetches the rest.
MIN_EF_SEARCH = 100
MAX_EF_SEARCH = 400
#: Upper bound on index tuples one iterative scan visits before giving up.
MAX_SCAN_TUPLES = 40000
#: Passages fetched per product wanted: products have several passages (one per
#: language and kind), and the nearest ones crowd into few products. When they fill the
#: window with fewer products than wanted, the scan looks further (×4, twice).
PASSAGES_PER_PRODUCT = 4
#: Similarity (1 - cosine distance) above which a passage counts as a "good" match.
GOOD_PASSAGE_SIMILARITY = 0.5


@dataclass
class Neighbor:
    """One product near the query vector, by its best passage."""

    entry_id: int
    similarity: float  # 1 - distance of its best passage, less that passage's penalty
    passage_id: int  # the best passage
    good_passages: int  # passages above GOOD_PASSAGE_SIMILARITY
    rank: int = 0  # 1-based; 0 when not ranked (similarities of given entries)


# -- the index ---------------------------------------------------------------------------


def vector_expression(space: EmbeddingSpace, alias: str = "") -> str:
    """The indexed expression; ANN queries must use exactly this to hit the index."""
    column = f"{alias}.embedding" if alias else "embedding"
    return f"({column}::{space.vector_type})"


def hnsw_index(space: EmbeddingSpace) -> HnswIndex:
    """The space's index as pgvector-python declares it (rendered by Django's schema editor)."""
    field = HalfVectorField if space.storage == EmbeddingSpace.Storage.HALFVEC else VectorField
    expression = Cast("embedding", field(dimensions=int(space.dimension)))
    return HnswIndex(
        OpClass(expression, name=f"{space.storage}_cosine_ops"),
        name=space.index_name,
        m=int(app_settings.HNSW_M),
        ef_construction=int(app_settings.HNSW_EF_CONSTRUCTION),
        condition=Q(space_id=space.pk),
    )


def index_state(space: EmbeddingSpace, using: str = "default") -> str | None:
    """``"valid"``, ``"invalid"`` or ``None`` when the space has no index."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT i.indisvalid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
            "WHERE c.relname = %s",
            [space.index_name],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return "valid" if row[0] else "invalid"


def ensure_index(space: EmbeddingSpace, using: str = "default") -> bool:
    """Build the space's HNSW index if missing; return True when one was built.

    Outside a transaction, concurrent callers (workers) serialize on an advisory lock per
    index, so an index another session is still building (invalid until it finishes) is
    never mistaken for a leftover and dropped. The lock is polled, not waited on: a
    session blocked in ``pg_advisory_lock`` would hold a snapshot that ``CREATE INDEX
    CONCURRENTLY`` waits for.
    """
    if index_state(space, using) == "valid":
        return False
    connection = connections[using]
    if connection.in_atomic_block:
        return _build_index(space, using)
    with connection.cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [space.index_name])
            if cursor.fetchone()[0]:
                break
            time.sleep(0.2)
            if index_state(space, using) == "valid":
                return False
        try:
            return index_state(space, using) != "valid" and _build_index(space, using)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [space.index_name])


def _build_index(space: EmbeddingSpace, using: str) -> bool:
    state = index_state(space, using)
    connection = connections[using]
    concurrently = not connection.in_atomic_block
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            # Deferred FK checks pending in this transaction would block CREATE INDEX.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        if state == "invalid":
            _drop(cursor, space, concurrently)
        # HNSW builds are several times faster when the graph fits in memory.
        cursor.execute(
            "SELECT set_config('maintenance_work_mem', %s, false)",
            [app_settings.INDEX_BUILD_MEMORY],
        )
        with connection.schema_editor(atomic=False) as editor:
            statement = hnsw_index(space).create_sql(Embedding, editor, concurrently=concurrently)
            cursor.execute(str(statement))
        cursor.execute("RESET maintenance_work_mem")
    return True


def drop_index(space: EmbeddingSpace, using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        _drop(cursor, space, not connection.in_atomic_block)


def _drop(cursor: Any, space: EmbeddingSpace, concurrently: bool) -> None:
    how = "CONCURRENTLY" if concurrently else ""
    cursor.execute(f"DROP INDEX {how} IF EXISTS {space.index_name}")


# -- the query ---------------------------------------------------------------------------


def vector_literal(vector: np.ndarray) -> str:
    # tolist() first: formatting Python floats is 3× faster than numpy scalars.
    return "[" + ",".join([f"{x:.7g}" for x in np.asarray(vector, dtype=np.float64).tolist()]) + "]"


def matching_ids(
    where: str, params: Sequence[Any], using: str, limit: int | None = None
) -> list[int] | None:
    """Ids of the entries (alias ``c``) matching ``where``, or None when more than ``limit``
    do (``limit=None``: all of them). Read through the facet indexes on their own: joined
    into the vector query instead, the planner may scan the whole entry table in parallel.
    """
    sql = f"SELECT c.id FROM {CatalogEntry._meta.db_table} c WHERE {where}"
    if limit is not None:
        sql, params = sql + " LIMIT %s", [*params, limit + 1]
    with connections[using].cursor() as cursor:
        cursor.execute(sql, list(params))
        ids = [row[0] for row in cursor.fetchall()]
    return ids if limit is None or len(ids) <= limit else None


def passage_similarities(
    space: EmbeddingSpace, vector: np.ndarray, entry_ids: Sequence[int], *, using: str
) -> dict[int, float]:
    """``{passage id: similarity}`` of every stored passage vector of these entries to
    ``vector`` (exact, scoped to the entries: Q&A ranks a product's own texts by them)."""
    if not entry_ids:
        return {}
    distance = f"{vector_expression(space, 'e')} <=> %s::vector({int(space.dimension)})"
    sql = (
        f"SELECT e.passage_id, 1 - ({distance}) FROM {Embedding._meta.db_table} e "
        f"WHERE e.space_id = %s AND e.entry_id = ANY(%s)"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [vector_literal(vector), space.pk, list(entry_ids)])
        return {row[0]: float(row[1]) for row in cursor.fetchall()}


def nearest(
    space: EmbeddingSpace,
    vector: np.ndarray,
    *,
    k: int | None,
    where: tuple[str, Sequence[Any]] | None = None,
    candidates: Sequence[int] | None = None,
    penalties: Mapping[str, float] | None = None,
    per_product: int = PASSAGES_PER_PRODUCT,
    ef_search: tuple[int, int] = (MIN_EF_SEARCH, MAX_EF_SEARCH),
    raw_order: bool = False,
    using: str,
) -> list[Neighbor]:
    """The ``k`` products whose best passage is nearest to ``vector``, best first.

    * ``candidates``: compare exactly the vectors of these entries (``k=None``: all of
      them, unranked); the caller read them through the facet indexes when few.
    * otherwise the space's HNSW index serves, with ``hnsw.iterative_scan =
      relaxed_order`` so rows removed by ``where`` (a condition on the entry table,
      alias ``c``) make the scan go on instead of returning fewer rows. When the scan
      gives up before ``k`` products, the entries matching ``where`` are compared exactly:
      when ``N`` products match, ``min(N, k)`` come back.
    * ``penalties``: distance added per passage kind (``{"title": 0, "title_head": ...,
      "description": ..., "attributes": ...}``) before a product's best passage is taken;
      ``raw_order`` ranks by the nearest passage without them (a longer list is then an
      extension of a shorter one).
    * ``per_product`` passages are fetched per product wanted, ``ef_search`` is bounded by
      ``(low, high)``.
    """
    query = _Query(space, vector, penalties or {}, raw_order, using)
    if candidates is not None:
        return query.exact(candidates, k)
    if k is None or k <= 0:
        return []
    for _attempt in range(3):
        neighbors = query.hnsw(k, where, per_product, ef_search)
        if len(neighbors) >= k:
            return neighbors
        per_product *= 4  # products with many close passages filled the window
    if where is None:
        return neighbors  # the space holds fewer than k products
    # The scan hit max_scan_tuples: many products match, but few near the vector.
    return query.exact(matching_ids(*where, using) or [], k)


def _scan_settings(limit: int, ef_search: tuple[int, int]) -> tuple[str, list[str]]:
    """The transaction-local settings of an index scan fetching ``limit`` passages."""
    low, high = ef_search
    return (
        "SELECT set_config('hnsw.ef_search', %s, true), "
        "set_config('hnsw.iterative_scan', 'relaxed_order', true), "
        "set_config('hnsw.max_scan_tuples', %s, true)",
        [str(max(low, min(limit, high))), str(MAX_SCAN_TUPLES)],
    )


def nearest_each(
    space: EmbeddingSpace,
    vectors: Sequence[np.ndarray],
    *,
    k: int,
    where: tuple[str, Sequence[Any]] | None = None,
    penalties: Mapping[str, float] | None = None,
    per_product: int = PASSAGES_PER_PRODUCT,
    ef_search: tuple[int, int] = (MIN_EF_SEARCH, MAX_EF_SEARCH),
    using: str,
) -> list[list[Neighbor]]:
    """:func:`nearest` (through the index) of each of ``vectors``: the first
    index scan of every vector in one statement (one round trip, not one each); a vector
    whose scan came back short goes on alone as :func:`nearest` would."""
    alone = functools.partial(
        nearest,
        space,
        k=k,
        where=where,
        penalties=penalties,
        per_product=per_product,
        ef_search=ef_search,
        using=using,
    )
    if len(vectors) <= 1 or k <= 0:
        return [alone(v) for v in vectors]
    queries = [_Query(space, vector, penalties or {}, False, using) for vector in vectors]
    parts, params = [], []
    for index, query in enumerate(queries):
        sql, query_params = query.hnsw_sql(k, where, per_product)
        parts.append(f"SELECT {index}, r.* FROM ({sql}) r")
        params += query_params
    rows = fetch_with_local_settings(
        using, *_scan_settings(k * per_product, ef_search), " UNION ALL ".join(parts), params
    )
    per_query: list[list[tuple]] = [[] for _ in queries]
    for index, *row in rows:
        per_query[index].append(tuple(row))
    results = []
    for vector, query, found in zip(vectors, queries, per_query, strict=True):
        found.sort(key=lambda row: (float(row[1]), row[0]))  # each part's ORDER BY 2, 1
        neighbors = query._neighbors(found)
        if len(neighbors) < k:  # the index scan filled its window: as nearest() goes on
            neighbors = alone(vector)
        results.append(neighbors)
    return results


def mean_vectors(
    space: EmbeddingSpace, entry_ids: Sequence[int], *, using: str, own_texts: bool = False
) -> dict[int, np.ndarray]:
    """Unit mean vector of each entry's passages (entries without any left out): a product
    as a whole, whatever language each passage is in.

    ``own_texts``: leave out the attribute lines in languages the product has no title in.
    They repeat the translated category, brand and attribute labels only to bridge
    languages for search; with a category tree translated into many languages they
    outweigh the product's own words (every kitchen appliance of one brand and colour
    alike), which matters when products are compared with each other (recommendations).
    """
    statement = mean_vectors_statement(space, entry_ids, own_texts=own_texts)
    if statement is None:
        return {}
    with connections[using].cursor() as cursor:
        cursor.execute(statement.sql, statement.params)
        return statement.parse(cursor.fetchall())


def mean_vectors_statement(
    space: EmbeddingSpace, entry_ids: Sequence[int], *, own_texts: bool = False
) -> Statement | None:
    """The read of :func:`mean_vectors` (None without entries), to send with others."""
    ids = sorted(set(entry_ids))
    if not ids:
        return None
    passages = Passage._meta.db_table
    params: list[Any] = [space.pk, ids]
    join = condition = ""
    if own_texts:
        join = f"JOIN {passages} p ON p.id = e.passage_id "
        condition = (
            f" AND (p.kind <> %s OR EXISTS (SELECT 1 FROM {passages} t "
            "WHERE t.entry_id = p.entry_id AND t.language = p.language AND t.kind = %s))"
        )
        params += [Passage.Kind.ATTRIBUTES, Passage.Kind.TITLE]
    sql = (
        f"SELECT e.entry_id, avg(e.embedding::vector({int(space.dimension)}))::text "
        f"FROM {Embedding._meta.db_table} e {join}"
        f"WHERE e.space_id = %s AND e.entry_id = ANY(%s){condition} GROUP BY e.entry_id"
    )
    return Statement(
        sql,
        params,
        lambda rows: {int(entry_id): normalize(_parse(text)) for entry_id, text in rows},
    )


def _parse(text: str) -> np.ndarray:
    return np.array(text.strip("[]").split(","), dtype=np.float32)


def normalize(vector: np.ndarray) -> np.ndarray:
    """``vector`` scaled to unit length (a zero vector stays zero)."""
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


@dataclass
class _Query:
    """The SQL of one :func:`nearest` call."""

    space: EmbeddingSpace
    vector: np.ndarray
    penalties: Mapping[str, float]
    raw_order: bool
    using: str

    def _distance(self) -> str:
        return f"{vector_expression(self.space, 'e')} <=> %s::{self.space.vector_type}"

    def _grouped(self, limit: bool) -> tuple[str, list[Any]]:
        """Per product: best (penalized) distance, its passage, the count of good passages."""
        kind_join, params = "", []
        penalized = "nn.distance"
        if self.penalties:
            kind_join = f"JOIN {Passage._meta.db_table} p ON p.id = nn.passage_id "
            penalized = (
                "nn.distance + CASE WHEN p.kind = 'title' AND p.position = 0 THEN %s "
                "WHEN p.kind = 'title' THEN %s WHEN p.kind = 'description' THEN %s ELSE %s END"
            )
            params = [
                self.penalties.get("title", 0.0),
                self.penalties.get("title_head", 0.0),
                self.penalties.get("description", 0.0),
                self.penalties.get("attributes", 0.0),
            ]
        order = "ORDER BY min(nn.distance), 1" if self.raw_order else "ORDER BY 2, 1"
        sql = (
            f"SELECT nn.entry_id, min({penalized}) AS distance, "
            f"(array_agg(nn.passage_id ORDER BY {penalized}))[1], "
            f"count(*) FILTER (WHERE nn.distance < %s) FROM nn {kind_join}"
            f"GROUP BY nn.entry_id {order}" + (" LIMIT %s" if limit else "")
        )
        return sql, [*params, *params, 1.0 - GOOD_PASSAGE_SIMILARITY]

    def _neighbors(self, rows: Sequence[tuple]) -> list[Neighbor]:
        return [
            Neighbor(int(entry_id), 1.0 - float(distance), int(passage_id), int(good), rank)
            for rank, (entry_id, distance, passage_id, good) in enumerate(rows, 1)
        ]

    def hnsw_sql(
        self, k: int, where: tuple[str, Sequence[Any]] | None, per_product: int
    ) -> tuple[str, list[Any]]:
        """The index query of :meth:`hnsw` and its parameters."""
        condition, condition_params = where or ("", ())
        join = f"JOIN {CatalogEntry._meta.db_table} c ON c.id = e.entry_id " if where else ""
        limit = k * per_product
        group, group_params = self._grouped(limit=True)
        sql = (
            "WITH nn AS MATERIALIZED ("
            f"SELECT e.entry_id, e.passage_id, {self._distance()} AS distance "
            f"FROM {Embedding._meta.db_table} e {join}"
            f"WHERE e.space_id = {int(self.space.pk)}"
            + (f" AND {condition}" if condition else "")
            + " ORDER BY distance LIMIT %s) "
            + group
        )
        return sql, [vector_literal(self.vector), *condition_params, limit, *group_params, k]

    def hnsw(
        self,
        k: int,
        where: tuple[str, Sequence[Any]] | None,
        per_product: int,
        ef_search: tuple[int, int],
    ) -> list[Neighbor]:
        sql, params = self.hnsw_sql(k, where, per_product)
        rows = fetch_with_local_settings(  # SET LOCAL and the query, in one round trip
            self.using, *_scan_settings(k * per_product, ef_search), sql, params
        )
        return self._neighbors(rows)

    def exact(self, entry_ids: Sequence[int], k: int | None) -> list[Neighbor]:
        """Every vector of ``entry_ids`` compared; the ``k`` best products, or all of them
        (unranked) when ``k`` is None."""
        statement = self.exact_statement(entry_ids, k)
        if statement is None:
            return []
        with connections[self.using].cursor() as cursor:
            cursor.execute(statement.sql, statement.params)
            return statement.parse(cursor.fetchall())

    def exact_statement(self, entry_ids: Sequence[int], k: int | None) -> Statement | None:
        """The read of :meth:`exact` (None when there is nothing to compare)."""
        if not entry_ids or (k is not None and k <= 0):
            return None
        group, group_params = self._grouped(limit=k is not None)
        sql = (
            "WITH nn AS MATERIALIZED ("
            f"SELECT e.entry_id, e.passage_id, {self._distance()} AS distance "
            f"FROM {Embedding._meta.db_table} e WHERE e.space_id = {int(self.space.pk)} "
            "AND e.entry_id = ANY(%s)) " + group
        )
        limit = [] if k is None else [k]

        def parse(rows: list[tuple]) -> list[Neighbor]:
            neighbors = self._neighbors(rows)
            if k is None:
                for neighbor in neighbors:
                    neighbor.rank = 0
            return neighbors

        params = [vector_literal(self.vector), list(entry_ids), *group_params, *limit]
        return Statement(sql, params, parse)


def exact_statement(
    space: EmbeddingSpace,
    vector: np.ndarray,
    entry_ids: Sequence[int],
    *,
    penalties: Mapping[str, float] | None = None,
    using: str,
) -> Statement | None:
    """The read of ``nearest(space, vector, k=None, candidates=entry_ids, ...)``, to send
    with others (:func:`~shop_assistant.core.sql.run_together`); None when empty."""
    return _Query(space, vector, penalties or {}, False, using).exact_statement(entry_ids, None)


@dataclass
class PassageVectors:
    """The stored vectors of some entries' passages, grouped by entry (rows of one entry
    are contiguous, entries ascending)."""

    entry_ids: np.ndarray  # (rows,) int
    kinds: list[str]  # passage kind per row; "title_head" for a title at position > 0
    vectors: np.ndarray  # (rows, dimension) float32


def passage_vectors(
    space: EmbeddingSpace, entry_ids: Sequence[int], *, using: str
) -> PassageVectors:
    """Every stored vector of the passages of ``entry_ids`` in ``space`` (read, never
    re-encoded: learning trains query-side models against them)."""
    rows = (
        Embedding.objects.using(using)
        .filter(space=space, entry_id__in=sorted(set(entry_ids)))
        .order_by("entry_id", "passage_id")
        .values_list("entry_id", "passage__kind", "passage__position", "embedding")
    )
    ids, kinds, vectors = [], [], []
    for entry_id, kind, position, vector in rows:
        ids.append(entry_id)
        kinds.append("title_head" if kind == "title" and position else kind)
        vectors.append(np.asarray(vector, dtype=np.float32))
    dimension = int(space.dimension)
    return PassageVectors(
        np.array(ids, dtype=np.int64),
        kinds,
        np.stack(vectors) if vectors else np.zeros((0, dimension), dtype=np.float32),
    )
