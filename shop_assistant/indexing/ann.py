"""The HNSW index of one embedding space, built by code (its dimension is the space's).

``CREATE INDEX CONCURRENTLY`` keeps the storefront serving while it builds; inside a
transaction (tests, migrations) it falls back to a plain ``CREATE INDEX``. An invalid
index left by an interrupted concurrent build is dropped and built again.
"""

from __future__ import annotations

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
    """Build the space's HNSW index if missing; return True when one was built."""
    state = index_state(space, using)
    if state == "valid":
        return False
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
        cursor.execute(
            f"CREATE INDEX {concurrently} IF NOT EXISTS {space.index_name} ON {table} "
            f"USING hnsw ({vector_expression(space)} vector_cosine_ops) "
            f"WITH (m = {int(app_settings.HNSW_M)}, "
            f"ef_construction = {int(app_settings.HNSW_EF_CONSTRUCTION)}) "
            f"WHERE space_id = {int(space.pk)}"
        )
    return True


def drop_index(space: EmbeddingSpace, using: str = "default") -> None:
    connection = connections[using]
    concurrently = "" if connection.in_atomic_block else "CONCURRENTLY"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {concurrently} IF EXISTS {space.index_name}")
