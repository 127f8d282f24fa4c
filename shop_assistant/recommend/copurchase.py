"""The periodic co-purchase refresh: baskets → pair support and lift, product popularity.

Baskets come from two sources sharing one namespace of order ids, so an order reported
both ways counts once:

* purchase events, grouped by ``order_id`` (events without one are grouped per visitor
  and UTC day);
* the host's orders, through ``ProductAdapter.get_orders()``.

Everything happens in SQL inside one transaction: baskets are staged in temporary
tables (the adapter's orders through ``COPY``), then

* ``TrendingScore.orders`` = the number of baskets holding each product (popularity);
* for baskets of at most ``BASKET_MAX_ITEMS`` distinct products, every pair bought
  together in at least ``BOUGHT_TOGETHER_MIN_SUPPORT`` of them is stored in
  :class:`~shop_assistant.models.CoPurchase` (both directions) with its lift
  ``support × N / (n_a × n_b)``. One huge order thus adds nothing on its own: its pairs
  have a support of one, and beyond the size cap it is not counted at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import connections, transaction
from django.utils import timezone

from ..catalog import ProductAdapter, get_adapter
from ..conf import app_settings, get_product_model
from ..models import CoPurchase, Interaction, TrendingScore


@dataclass
class CoPurchaseReport:
    """What one refresh found."""

    baskets: int  # distinct orders (all sizes)
    pairs: int  # directed pairs stored
    products: int  # products bought at least once


#: Host order lines staged per ``COPY``.
COPY_CHUNK_ROWS = 10000
_TEMP_TABLES = ("sa_basket_raw", "sa_basket", "sa_basket_size", "sa_eligible", "sa_item")


def refresh_bought_together(
    *, adapter: ProductAdapter | None = None, using: str = "default"
) -> CoPurchaseReport:
    """Rebuild co-purchase pairs and popularity from all purchases."""
    adapter = adapter or get_adapter()
    connection = connections[using]
    model = get_product_model()
    pk_type = model._meta.pk.rel_db_type(connection)
    products = f"{model._meta.db_table} p ON p.{model._meta.pk.column} = r.product_id"
    now = timezone.now()
    cap = int(app_settings.BASKET_MAX_ITEMS)
    min_support = max(1, int(app_settings.BOUGHT_TOGETHER_MIN_SUPPORT))
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for table in _TEMP_TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(
            f"CREATE TEMP TABLE sa_basket_raw (basket text NOT NULL, product_id {pk_type}) "
            "ON COMMIT DROP"
        )
        cursor.execute(
            "INSERT INTO sa_basket_raw (basket, product_id) SELECT CASE WHEN order_id <> '' "
            "THEN 'o:' || order_id ELSE 'd:' || coalesce('u' || user_id::text, 'v' || visitor_id) "
            "|| ':' || to_char(timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD') END, product_id "
            f"FROM {Interaction._meta.db_table} WHERE type = %s",
            [Interaction.Type.PURCHASE],
        )
        _copy_host_orders(cursor, adapter)
        cursor.execute(
            "CREATE TEMP TABLE sa_basket ON COMMIT DROP AS SELECT DISTINCT r.basket, r.product_id "
            f"FROM sa_basket_raw r JOIN {products}"
        )
        cursor.execute(
            "CREATE TEMP TABLE sa_basket_size ON COMMIT DROP AS "
            "SELECT basket, count(*) AS n FROM sa_basket GROUP BY basket"
        )
        _write_popularity(cursor, now)
        cursor.execute(
            "CREATE TEMP TABLE sa_eligible ON COMMIT DROP AS SELECT b.basket, b.product_id "
            "FROM sa_basket b JOIN sa_basket_size s ON s.basket = b.basket WHERE s.n <= %s",
            [cap],
        )
        cursor.execute("SELECT count(DISTINCT basket) FROM sa_eligible")
        eligible = int(cursor.fetchone()[0])
        cursor.execute(
            "CREATE TEMP TABLE sa_item ON COMMIT DROP AS "
            "SELECT product_id, count(*) AS n FROM sa_eligible GROUP BY product_id"
        )
        table = CoPurchase._meta.db_table
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(
            f"INSERT INTO {table} (product_id, other_id, support, lift, updated_at) "
            "SELECT a.product_id, b.product_id, count(*), count(*)::float * %s / (ia.n * ib.n), %s "
            "FROM sa_eligible a JOIN sa_eligible b "
            "ON a.basket = b.basket AND a.product_id <> b.product_id "
            "JOIN sa_item ia ON ia.product_id = a.product_id "
            "JOIN sa_item ib ON ib.product_id = b.product_id "
            "GROUP BY a.product_id, b.product_id, ia.n, ib.n HAVING count(*) >= %s",
            [eligible, now, min_support],
        )
        pairs = cursor.rowcount
        cursor.execute("SELECT count(*) FROM sa_basket_size")
        baskets = int(cursor.fetchone()[0])
        cursor.execute("SELECT count(DISTINCT product_id) FROM sa_basket")
        bought = int(cursor.fetchone()[0])
    return CoPurchaseReport(baskets=baskets, pairs=pairs, products=bought)


def _copy_host_orders(cursor: Any, adapter: ProductAdapter) -> None:
    """Stage the adapter's orders in chunks: between two ``COPY`` runs the adapter may read
    from the same connection (a ``.iterator()`` over the host's order lines does)."""
    rows = ((f"o:{order_id}", pk) for order_id, pks in adapter.get_orders() for pk in pks)
    while chunk := list(islice(rows, COPY_CHUNK_ROWS)):
        with cursor.copy("COPY sa_basket_raw (basket, product_id) FROM STDIN") as copy:
            for row in chunk:
                copy.write_row(row)


def _write_popularity(cursor: Any, now: Any) -> None:
    scores = TrendingScore._meta.db_table
    cursor.execute(f"UPDATE {scores} SET orders = 0 WHERE orders <> 0")
    cursor.execute(
        f"INSERT INTO {scores} (product_id, score, orders, updated_at) "
        "SELECT product_id, 0, count(*), %s FROM sa_basket GROUP BY product_id "
        "ON CONFLICT (product_id) DO UPDATE SET orders = EXCLUDED.orders, "
        "updated_at = EXCLUDED.updated_at",
        [now],
    )
    cursor.execute(f"DELETE FROM {scores} WHERE score = 0 AND orders = 0")
