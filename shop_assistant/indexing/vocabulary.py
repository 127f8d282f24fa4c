"""The catalog's vocabulary for "did you mean": the materialized view of the words of
titles and attribute lines (migration 0009), rebuilt after a full reindex or a space
build (a full scan of those passages: never per product), and on first use when empty.
"""

from __future__ import annotations

from django.db import connections

VOCABULARY = "shop_assistant_vocabulary"


def refresh_vocabulary(using: str = "default") -> None:
    """Rebuild the vocabulary from the current passages."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"REFRESH MATERIALIZED VIEW {VOCABULARY}")


def ensure_vocabulary(using: str = "default") -> None:
    """Fill the vocabulary if it never was (it is created empty)."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT relispopulated FROM pg_class WHERE relname = %s", [VOCABULARY])
        row = cursor.fetchone()
    if row is not None and not row[0]:
        refresh_vocabulary("default")
