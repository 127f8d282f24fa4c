"""Raw SQL helpers that save round trips: a transaction-local setting and the statement it
governs in one, independent reads sent together, and model rows inserted by one statement.

``SET LOCAL`` (or ``set_config(..., true)``) needs a transaction, so a plain
``transaction.atomic()`` around it costs four round trips (``BEGIN``, the setting, the
statement, ``COMMIT``). Sent as one query string outside any transaction, PostgreSQL runs
the statements as one implicit transaction: the setting holds for the statement and is
gone afterwards, in a single round trip. This needs client-side binding (Django's
default cursor for psycopg 3); with psycopg2, with server-side binding
(``OPTIONS={"server_side_binding": True}``), or inside the caller's transaction, the usual
``atomic`` block is used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import Model
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery


def _one_round_trip(connection: Any, cursor: Any) -> bool:
    if connection.in_atomic_block:
        return False
    return _client_binding(cursor)


def _client_binding(cursor: Any) -> bool:
    """Whether ``cursor`` can run several statements with parameters in one string."""
    if cursor.db.vendor != "postgresql":
        return False
    try:  # psycopg 3's client-side binding cursor (psycopg2's cannot move to the next result)
        import psycopg
    except ImportError:
        return False
    return isinstance(getattr(cursor, "cursor", cursor), psycopg.ClientCursor)


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


@dataclass
class Statement:
    """A read and how its rows become a result (:func:`run_together`)."""

    sql: str
    params: list[Any]
    parse: Callable[[list[tuple]], Any]


def run_together(using: str, statements: Sequence[Statement | None]) -> list[Any]:
    """The parsed result of each statement (``None`` for ``None``), the reads sent in one
    round trip when the cursor binds client side (else one after the other). They must
    not depend on each other; outside a transaction they share an implicit one."""
    present = [statement for statement in statements if statement is not None]
    connection = connections[using]
    results: dict[int, Any] = {}
    with connection.cursor() as cursor:
        together = len(present) > 1 and _client_binding(cursor)
        if together:
            cursor.execute(
                "; ".join(statement.sql for statement in present),
                [param for statement in present for param in statement.params],
            )
        for position, statement in enumerate(present):
            if together:
                if position:
                    cursor.nextset()
            else:
                cursor.execute(statement.sql, statement.params)
            results[id(statement)] = statement.parse(cursor.fetchall())
    return [None if s is None else results[id(s)] for s in statements]


def queryset_statement(queryset: Any, parse: Callable[[list[tuple]], Any]) -> Statement | None:
    """A ``values_list`` queryset as a :class:`Statement` (None when it cannot match
    anything). Its rows come back as the cursor gives them, without the ORM's per-field
    converters: for fields that have none on PostgreSQL (integers, text, timestamps)."""
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        return None
    return Statement(sql, list(params), parse)
