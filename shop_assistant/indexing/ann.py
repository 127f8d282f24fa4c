"""The HNSW index of one embedding space, built by code (its dimension is the space's).

``CREATE INDEX CONCURRENTLY`` keeps the storefront serving while it builds; inside a
transaction (tests, migrations) it falls back to a plain ``CREATE INDEX``. An invalid
index left by an interrupted concurrent build is dropped and built again.
"""

from __future__ import annotations

import time

from django.db import connections

from ..conf import app_settings
from ..models import Embedding, EmbeddingSpace


def vector_expression(space: EmbeddingSpace) -> str:
    """The indexed expression; ANN queries must use exactly this to hit the index."""
    return f"(embedding::vector({int(space.dimension)}))"


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
    concurrently = "" if connection.in_atomic_block else "CONCURRENTLY"
    table = Embedding._meta.db_table
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            # Deferred FK checks pending in this transaction would block CREATE INDEX.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        if state == "invalid":
            cursor.execute(f"DROP INDEX {concurrently} IF EXISTS {space.index_name}")
        # HNSW builds are several times faster when the graph fits in memory.
        cursor.execute(
            "SELECT set_config('maintenance_work_mem', %s, false)",
            [app_settings.INDEX_BUILD_MEMORY],
        )
        cursor.execute(
            f"CREATE INDEX {concurrently} IF NOT EXISTS {space.index_name} ON {table} "
            f"USING hnsw ({vector_expression(space)} vector_cosine_ops) "
            f"WITH (m = {int(app_settings.HNSW_M)}, "
            f"ef_construction = {int(app_settings.HNSW_EF_CONSTRUCTION)}) "
            f"WHERE space_id = {int(space.pk)}"
        )
        cursor.execute("RESET maintenance_work_mem")
    return True


def drop_index(space: EmbeddingSpace, using: str = "default") -> None:
    connection = connections[using]
    concurrently = "" if connection.in_atomic_block else "CONCURRENTLY"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {concurrently} IF EXISTS {space.index_name}")
