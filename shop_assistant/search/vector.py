"""Vector retrieval: the products nearest to the query in the active space.

Search asks :func:`~shop_assistant.indexing.ann.nearest` with its own options: passage-kind
penalties (a long description or an attribute line matches many queries loosely, the
title is the product) and, when the filters leave few products, their ids read first
through the facet indexes, so every vector of those products is compared (both faster
than a long iterative scan and complete). Either way, when ``N`` products match the
filters, ``min(N, k)`` come back.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..core.sql import Statement
from ..filters import Filters, filter_sql
from ..indexing import ann
from ..indexing.ann import Neighbor
from ..indexing.calibration import SEARCH_KIND_PENALTY
from ..models import EmbeddingSpace

#: Filters leaving at most this many products are served by an exact scan.
EXACT_SCAN_MAX_PRODUCTS = 3000
#: Distance added per passage kind before taking a product's best passage ("title_head":
#: the first words of a long title, a title passage at position 1). Measured on the eval
#: dev queries (vector nDCG@10 0.64 → 0.68 with the title head passage); see
#: benchmarks/RESULTS.md.
KIND_PENALTY = SEARCH_KIND_PENALTY


def filtered_entries(
    filters: Filters, using: str, limit: int | None = EXACT_SCAN_MAX_PRODUCTS
) -> list[int] | None:
    """Ids of the products ``filters`` leave, or None when more than ``limit`` do
    (``limit=None``: all of them)."""
    return ann.matching_ids(*filter_sql(filters), using, limit)


def nearest_products(
    space: EmbeddingSpace,
    query_vector: np.ndarray,
    filters: Filters,
    k: int,
    *,
    using: str,
    filtered: list[int] | None = None,
    raw_order: bool = False,
) -> list[Neighbor]:
    """The ``k`` products whose best passage is nearest to ``query_vector``, best first;
    ``filtered`` (:func:`filtered_entries`) makes it an exact scan of those products."""
    return ann.nearest(
        space,
        query_vector,
        k=k,
        where=filter_sql(filters),
        candidates=filtered,
        penalties=KIND_PENALTY,
        raw_order=raw_order,
        using=using,
    )


def similarities(
    space: EmbeddingSpace, query_vector: np.ndarray, entry_ids: Sequence[int], *, using: str
) -> dict[int, Neighbor]:
    """The vector side's view of given entries (candidates only the lexical side found)."""
    matches = ann.nearest(
        space, query_vector, k=None, candidates=entry_ids, penalties=KIND_PENALTY, using=using
    )
    return {match.entry_id: match for match in matches}


def similarities_statement(
    space: EmbeddingSpace, query_vector: np.ndarray, entry_ids: Sequence[int], *, using: str
) -> Statement | None:
    """The read of :func:`similarities` (None when there are no entries: ``{}``)."""
    statement = ann.exact_statement(
        space, query_vector, entry_ids, penalties=KIND_PENALTY, using=using
    )
    if statement is None:
        return None
    parse = statement.parse
    statement.parse = lambda rows: {match.entry_id: match for match in parse(rows)}
    return statement
