"""Multilingual hybrid search: vector (pgvector HNSW) + full text, fused per product.

Public interface (others code against these names)::

    search(q, lang=..., filters=Filters(...), page=..., page_size=...) -> SearchResult
    retrieve_candidates(q, language, filters, k) -> list[Candidate]   # fused, no rules

``Filters`` lives in :mod:`shop_assistant.filters` (recommendations and merchandising
use it too) and is re-exported here for callers of :func:`search`.
"""

from ..filters import Filters
from .fusion import Mode
from .service import InvalidSearch, SearchResult, retrieve_candidates, search

__all__ = [
    "Filters",
    "Mode",
    "InvalidSearch",
    "SearchResult",
    "retrieve_candidates",
    "search",
]
