"""The search log: one row per search, under the query id returned to the client."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from ..models import SearchLog
from .filters import Filters


def log_search(
    *,
    query: str,
    language: str,
    language_source: str,
    filters: Filters,
    result_ids: Sequence[Any],
    count: int,
    latency_ms: float,
) -> uuid.UUID:
    """Store the search (on the default database: the read alias may be a replica)."""
    entry = SearchLog.objects.create(
        query=query[: SearchLog._meta.get_field("query").max_length],
        language=language,
        language_source=language_source,
        filters=filters.as_dict(),
        result_ids=[_json_id(pk) for pk in result_ids],
        count=count,
        latency_ms=round(latency_ms, 3),
    )
    return entry.query_id


def _json_id(pk: Any) -> Any:
    return pk if isinstance(pk, int | str) else str(pk)
