"""The search log: one row per search, under the query id returned to the client.

The row is committed without waiting for the WAL flush (``synchronous_commit = off``
for that transaction alone): a disk flush would often cost more than the search itself,
and a crash can at most lose the last fraction of a second of log rows, never corrupt
them; the setting and the INSERT go in one round trip (:mod:`~shop_assistant.core.sql`).
Inside a caller's transaction (``ATOMIC_REQUESTS``) the caller's commit decides.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import connections, router

from ..core.sql import execute_with_local_settings, insert_sql
from ..filters import Filters
from ..models import SearchLog


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
    entry = SearchLog(
        query=query[: SearchLog._meta.get_field("query").max_length],
        language=language,
        language_source=language_source,
        filters=filters.as_dict(),
        result_ids=[_json_id(pk) for pk in result_ids],
        count=count,
        latency_ms=round(latency_ms, 3),
    )
    using = router.db_for_write(SearchLog)
    if connections[using].in_atomic_block:
        entry.save(using=using)
        return entry.query_id
    # One INSERT after SET LOCAL, in one round trip (no BEGIN / COMMIT of their own).
    # Model signals are not sent for a log row (nothing listens to them).
    sql, params = insert_sql([entry], using)
    execute_with_local_settings(using, "SET LOCAL synchronous_commit = off", sql, params)
    return entry.query_id


def _json_id(pk: Any) -> Any:
    return pk if isinstance(pk, int | str) else str(pk)
