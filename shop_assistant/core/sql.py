"""Raw SQL helpers that save round trips: a transaction-local setting and the statement it
governs in one, and model rows inserted by one statement.

``SET LOCAL`` (or ``set_config(..., true)``) needs a transaction, so a plain
``transaction.atomic()`` around it costs four round trips (``BEGIN``, the setting, the
statement, ``COMMIT``). Sent as one query string outside any transaction, PostgreSQL runs
the statements as one implicit transaction: the setting holds for the statement and is
gone afterwards, in a single round trip. This needs client-side binding (Django's
default cursor for psycopg 3); with server-side binding (``OPTIONS={"server_side_binding":
True}``), or inside the caller's transaction, the usual ``atomic`` block is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections, transaction
from django.db.models import Model
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery


def _one_round_trip(connection: Any, cursor: Any) -> bool:
    if connection.in_atomic_block or connection.vendor != "postgresql":
        return False
    try:
        import psycopg
    except ImportError:  # psycopg2: binds client side, and runs multi-statement strings
        return True
    raw = getattr(cursor, "cursor", cursor)
    return not isinstance(raw, psycopg.Cursor) or isinstance(raw, psycopg.ClientCursor)


def fetch_with_local_settings(
    using: str,
    settings_sql: str,
    settings_params: Sequence[Any],
    sql: str,
    params: Sequence[Any],
) -> list[tuple]:
    """Rows of ``sql`` run after ``settings_sql`` (transaction-local settings), both in one
    transaction that ends with them."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if _one_round_trip(connection, cursor):
            cursor.execute(f"{settings_sql}; {sql}", [*settings_params, *params])
            cursor.nextset()
            return cursor.fetchall()
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(settings_sql, list(settings_params))
        cursor.execute(sql, list(params))
        return cursor.fetchall()


def execute_with_local_settings(
    using: str, settings_sql: str, sql: str, params: Sequence[Any]
) -> None:
    """``sql`` (a write) run after ``settings_sql`` (``SET LOCAL ...`` without parameters),
    in one transaction committed with it; inside the caller's transaction, in theirs."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if _one_round_trip(connection, cursor):
            cursor.execute(f"{settings_sql}; {sql}", list(params))
            return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(settings_sql)
        cursor.execute(sql, list(params))


def insert_sql(
    objs: Sequence[Model], using: str, *, ignore_conflicts: bool = False
) -> tuple[str, list[Any]]:
    """The one ``INSERT`` of ``objs`` (instances of one model, primary keys set or all
    automatic) as ``bulk_create`` would write it, without the transaction ``bulk_create``
    opens around it (``BEGIN`` / ``COMMIT``: two more round trips for one statement)."""
    model = type(objs[0])
    opts = model._meta
    fields = [
        f
        for f in opts.local_concrete_fields
        if not (f.primary_key and f.auto_created) and not getattr(f, "generated", False)
    ]
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    query = InsertQuery(model, on_conflict=on_conflict)
    query.insert_values(fields, objs)
    ((sql, params),) = query.get_compiler(using=using).as_sql()
    return sql, list(params)
