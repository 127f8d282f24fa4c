"""Automatic freshness: coalesced index requests for changed products.

Saving a product calls :func:`request_index` after the commit. It inserts an
:class:`~shop_assistant.models.IndexRequest` row per product that has none and queues
**one** :func:`shop_assistant.tasks.index_products` task for those, delayed by
``SHOP_ASSISTANT["INDEX_COALESCE_SECONDS"]``: further saves inside the window find the row
and queue nothing. The task calls :func:`claim_requests` (deleting the rows) *before* it
reads the products, so a save made while it runs queues a new round and is never lost.

Changed products are indexed into every live space (:func:`live_spaces`): the active one
and any space being built, so a space switch never activates outdated vectors.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from django.db import connections
from django.utils import timezone

from ..conf import app_settings, get_product_model
from ..models import CatalogEntry, EmbeddingSpace, IndexRequest
from .service import Indexer, IndexReport

logger = logging.getLogger(__name__)


def live_spaces(using: str = "default") -> list[EmbeddingSpace]:
    """The active space (created on first use) first, then the spaces being built."""
    from ..spaces import get_or_create_active_space

    active = get_or_create_active_space()
    building = EmbeddingSpace.objects.using(using).filter(
        state=EmbeddingSpace.State.BUILDING, dimension__gt=0
    )
    return [active, *building.order_by("pk")]


def normalize_ids(product_ids: Iterable[Any]) -> list[Any]:
    """Distinct product pks converted to the product model's pk type, in their order."""
    to_pk = get_product_model()._meta.pk.to_python
    return list(dict.fromkeys(to_pk(pk) for pk in product_ids))


def request_index(product_ids: Iterable[Any], using: str = "default") -> list[Any]:
    """Mark these products stale and queue one delayed task for those not yet pending.

    Returns the pks a task was queued for (empty when all were already pending).
    Unknown pks (a product deleted meanwhile) are ignored.
    """
    from ..tasks import index_products

    ids = normalize_ids(product_ids)
    if not ids:
        return []
    model = get_product_model()
    table = IndexRequest._meta.db_table
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (product_id, requested_at) "
            f"SELECT p.{model._meta.pk.column}, now() FROM {model._meta.db_table} p "
            f"WHERE p.{model._meta.pk.column} = ANY(%s) "
            "ON CONFLICT (product_id) DO NOTHING RETURNING product_id",
            [ids],
        )
        queued = [row[0] for row in cursor.fetchall()]
    CatalogEntry.objects.using(using).filter(product_id__in=ids).exclude(
        status=CatalogEntry.Status.STALE
    ).update(status=CatalogEntry.Status.STALE)
    if queued:
        index_products.apply_async(
            args=[queued], countdown=float(app_settings.INDEX_COALESCE_SECONDS)
        )
    return queued


def claim_requests(product_ids: Sequence[Any], using: str = "default") -> int:
    """Delete the pending requests of these products (done before reading them)."""
    deleted, _ = IndexRequest.objects.using(using).filter(product_id__in=list(product_ids)).delete()
    return deleted


def index_everywhere(product_ids: Sequence[Any], using: str = "default") -> IndexReport:
    """Index the current state of these products into every live space."""
    report = IndexReport()
    for space in live_spaces(using):
        building = space.state == EmbeddingSpace.State.BUILDING
        report.merge(
            Indexer(space, using=using).index_ids(list(product_ids), build_index=not building)
        )
    return report


def overdue_products(limit: int, using: str = "default") -> list[Any]:
    """Products to retry: stale or failed entries, and requests whose task never ran."""
    cutoff = timezone.now() - timedelta(seconds=int(app_settings.RETRY_STALE_AFTER))
    pending = IndexRequest.objects.using(using).filter(requested_at__gt=cutoff)
    entries = (
        CatalogEntry.objects.using(using)
        .filter(status__in=[CatalogEntry.Status.STALE, CatalogEntry.Status.FAILED])
        .exclude(product_id__in=pending.values("product_id"))
        .order_by("product_id")
        .values_list("product_id", flat=True)[:limit]
    )
    lost = (
        IndexRequest.objects.using(using)
        .filter(requested_at__lte=cutoff)
        .order_by("product_id")
        .values_list("product_id", flat=True)[:limit]
    )
    return list(dict.fromkeys([*entries, *lost]))[:limit]
