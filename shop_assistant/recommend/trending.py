"""Trending (time-decayed event counts) and popular (orders ever) products.

Both read :class:`~shop_assistant.models.TrendingScore`, refreshed by periodic tasks:
:func:`refresh_trending` recomputes ``score`` from recent events in one SQL statement,
the co-purchase refresh (:mod:`.copurchase`) recomputes ``orders``. Serving is one
indexed query on the scores plus one on the entries.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from django.db import connections, transaction
from django.utils import timezone

from ..cards import ProductCard
from ..conf import app_settings
from ..models import Interaction, TrendingScore
from ..ranking import Candidate
from .base import ListContext, allowed_entries, finish
from .results import candidate_for, rank_scores

#: Events older than this many half-lives are ignored (they weigh < 0.4%).
WINDOW_HALF_LIVES = 8


def weight_case(column: str = "type") -> tuple[str, list[Any]]:
    """SQL ``CASE`` giving each event type its ``EVENT_WEIGHTS`` weight (unknown: 1)."""
    weights = dict(app_settings.EVENT_WEIGHTS)
    parts = " ".join("WHEN %s THEN %s::float" for _ in weights)
    params: list[Any] = []
    for name, weight in weights.items():
        params += [name, float(weight)]
    return f"(CASE {column} {parts} ELSE 1.0 END)", params


def refresh_trending(*, now: datetime | None = None, using: str = "default") -> int:
    """Recompute every product's trending score; return how many products have one."""
    now = now or timezone.now()
    half_life = float(app_settings.TRENDING_HALF_LIFE_DAYS) * 86400.0
    since = now - timedelta(seconds=half_life * WINDOW_HALF_LIVES)
    weight, weight_params = weight_case("i.type")
    scores = TrendingScore._meta.db_table
    sql = (
        f"INSERT INTO {scores} (product_id, score, orders, updated_at) "
        f"SELECT i.product_id, sum({weight} * power(0.5, "
        "greatest(extract(epoch FROM (%s - i.timestamp)), 0) / %s)), 0, %s "
        f"FROM {Interaction._meta.db_table} i WHERE i.timestamp >= %s GROUP BY i.product_id "
        "ON CONFLICT (product_id) DO UPDATE SET score = EXCLUDED.score, "
        "updated_at = EXCLUDED.updated_at"
    )
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(f"UPDATE {scores} SET score = 0 WHERE score <> 0")
        cursor.execute(sql, [*weight_params, now, half_life, now, since])
        cursor.execute(f"DELETE FROM {scores} WHERE score = 0 AND orders = 0")
        cursor.execute(f"SELECT count(*) FROM {scores} WHERE score > 0")
        return int(cursor.fetchone()[0])


def ranked_by(
    field: str,
    context: ListContext,
    entries: Any,
    limit: int,
    source: str,
) -> list[Candidate]:
    """Entries of ``entries`` with a positive ``field`` score, best first."""
    rows = list(
        TrendingScore.objects.using(context.db)
        .filter(**{f"{field}__gt": 0}, product_id__in=entries.values("product_id"))
        .order_by(f"-{field}", "-score" if field != "score" else "-orders", "product_id")
        .values_list("product_id", "score", "orders")[:limit]
    )
    by_product = {e.product_id: e for e in entries.filter(product_id__in=[r[0] for r in rows])}
    candidates = []
    for product_id, score, orders in rows:
        entry = by_product.get(product_id)
        if entry is not None:
            value = score if field == "score" else orders
            candidates.append(
                candidate_for(entry, value, source=source, **{_label(field): _round(value)})
            )
    return candidates


def _label(field: str) -> str:
    return "trending_score" if field == "score" else "orders"


def _round(value: float) -> float:
    return round(float(value), 4)


def fallback_candidates(
    context: ListContext,
    rules: list,
    limit: int,
    *,
    exclude_products: Collection[Any] = (),
    exclude_groups: Collection[str] = (),
    prefer_language: bool = True,
) -> list[Candidate]:
    """The cold-start chain: trending in the visitor's language, trending, popular overall.

    Scores are made to decrease along the chain (trending above popular), so that the
    list stays sorted by score; the raw figures are in each explanation.
    """
    taken: set[Any] = set(exclude_products)
    chain: list[Candidate] = []
    steps: list[tuple[str, str, bool]] = []
    if prefer_language and context.language:
        steps.append(("score", "trending", True))
    steps += [("score", "trending", False), ("orders", "popular", False)]
    for field, source, in_language in steps:
        if len(chain) >= limit:
            break
        entries = allowed_entries(
            context, rules, exclude_products=taken, exclude_groups=exclude_groups
        )
        if in_language:
            entries = entries.filter(languages__contains=[context.language])
        found = ranked_by(field, context, entries, limit - len(chain), source)
        chain += found
        taken |= {c.product_id for c in found}
    rank_scores(chain)
    return chain


def trending(context: ListContext) -> list[ProductCard]:
    """Trending products matching the filters, topped up with popular ones."""
    rules = context.rules()
    candidates = fallback_candidates(context, rules, context.limit, prefer_language=False)
    return finish(candidates, context, rules)


def popularity(product_ids: Collection[Any], *, using: str) -> dict[Any, tuple[float, int]]:
    """``product id -> (trending score, orders)`` of those that have any."""
    rows = TrendingScore.objects.using(using).filter(product_id__in=list(product_ids))
    return {r.product_id: (r.score, r.orders) for r in rows}
