"""Multilingual hybrid search: vector (pgvector HNSW) + full text, fused per product.

Public interface (others code against these names)::

    search(q, lang=..., filters=Filters(...), page=..., page_size=...) -> SearchResult
    retrieve_candidates(q, language, filters, k) -> list[Candidate]   # fused, no rules
    filter_entries(filters) -> QuerySet[CatalogEntry]                 # published + filters
"""

from .filters import Filters, filter_entries
from .fusion import Mode
from .service import SearchError, SearchHit, SearchResult, retrieve_candidates, search

__all__ = [
    "Filters",
    "Mode",
    "SearchError",
    "SearchHit",
    "SearchResult",
    "filter_entries",
    "retrieve_candidates",
    "search",
]
