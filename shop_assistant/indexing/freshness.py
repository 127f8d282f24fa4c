"""Automatic freshness: coalesced index requests for changed products.

Saving a product calls :func:`request_index` after the commit. It inserts an
:class:`~shop_assistant.models.IndexRequest` row per product that has none and queues
**one** ``shop_assistant.index_products`` task (through :mod:`shop_assistant.core.queue`)
for those, delayed by ``SHOP_ASSISTANT["INDEX_COALESCE_SECONDS"]``: further saves inside
the window find the row and queue nothing. The task calls :func:`claim_requests`
(deleting the rows) *before* it reads the products, so a save made while it runs queues a
new round and is never lost.

Changed products are indexed into every live space (:func:`.spaces.live_spaces`): the
active one and any space being built, so a space switch never activates outdated vectors.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import connections
from django.utils import timezone

from ..catalog import get_adapter
from ..conf import app_settings, get_product_model
from ..core import queue
from ..core.ids import json_pk, to_pks
from ..models import CatalogEntry, EmbeddingSpace, IndexRequest, MaintenanceMark
from .passages import build_passages, document_hash
from .service import Indexer, IndexReport, mark_failed
from .spaces import live_spaces

logger = logging.getLogger(__name__)


def request_index(product_ids: Iterable[Any], using: str = "default") -> list[Any]:
    """Mark these products stale and queue one delayed task for those not yet pending.

    A request pending longer than the coalescing delay plus ``INDEX_REQUEST_TIMEOUT``
    counts as lost (its task never ran: a worker lost it, the broker dropped it) and is
    superseded: this save queues a new task. When the task cannot be queued at all (the
    broker is down), the products are marked failed with the reason and their requests
    dropped, so the next save queues again and the periodic retry finds them.

    Returns the pks a task was queued for (empty when all were already pending, or when
    the task could not be queued).
    Unknown pks (a product deleted meanwhile) are ignored.
    """
    ids = to_pks(product_ids)
    if not ids:
        return []
    model = get_product_model()
    table = IndexRequest._meta.db_table
    lost_after = float(app_settings.INDEX_COALESCE_SECONDS) + float(
        app_settings.INDEX_REQUEST_TIMEOUT
    )
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} AS r (product_id, requested_at) "
            f"SELECT p.{model._meta.pk.column}, clock_timestamp() FROM {model._meta.db_table} p "
            f"WHERE p.{model._meta.pk.column} = ANY(%s) "
            "ON CONFLICT (product_id) DO UPDATE SET requested_at = EXCLUDED.requested_at "
            "WHERE r.requested_at < clock_timestamp() - make_interval(secs => %s) "
            "RETURNING product_id",
            [ids, lost_after],
        )
        queued = [row[0] for row in cursor.fetchall()]
    CatalogEntry.objects.using(using).filter(product_id__in=ids).exclude(
        status=CatalogEntry.Status.STALE
    ).update(status=CatalogEntry.Status.STALE)
    if queued and not queue.send(
        queue.INDEX_PRODUCTS,
        [json_pk(pk) for pk in queued],
        countdown=float(app_settings.INDEX_COALESCE_SECONDS),
        on_error=lambda exc: _not_queued(queued, exc, using),
    ):
        return []
    return queued


def _not_queued(product_ids: list[Any], exc: BaseException, using: str) -> None:
    claim_requests(product_ids, using)
    mark_failed(
        dict.fromkeys(product_ids, f"could not be queued: {type(exc).__name__}: {exc}"),
        using=using,
    )


def claim_requests(product_ids: Sequence[Any] | None, using: str = "default") -> int:
    """Delete the pending requests of these products (None: all of them), done before
    reading the products: a save after this point queues a new request."""
    pending = IndexRequest.objects.using(using).all()
    if product_ids is not None:
        pending = pending.filter(product_id__in=list(product_ids))
    deleted, _ = pending.delete()
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


# -- reconciliation ---------------------------------------------------------------------


@dataclass
class ReconcileReport:
    """What one reconciliation pass looked at and found outdated."""

    checked: int = 0
    outdated: list[Any] = field(default_factory=list)


def reconcile(limit: int | None = None, using: str = "default") -> ReconcileReport:
    """Compare the current document of some products with what is indexed, and request
    indexing of those that differ (or were never indexed).

    Catches the changes that sent no signal: ``queryset.update()``, ``bulk_update()``,
    raw SQL, a related row outside ``RELATED_MODELS``. Each pass is bounded by ``limit``
    (default ``RECONCILE_BATCH``) and looks, in turn, at the products changed since the
    last pass (when the product model has the ``ADAPTER_FIELDS["updated_at"]`` field;
    a minute of overlap covers writes that were committing meanwhile) and at the next
    slice of the whole catalog in pk order, so every product is checked regularly.
    Nothing is encoded here: the hash of the document is compared, as the indexer does.
    """
    limit = int(app_settings.RECONCILE_BATCH if limit is None else limit)
    adapter = get_adapter()
    model = get_product_model()
    mark, _ = MaintenanceMark.objects.using(using).get_or_create(name="reconcile")
    state = dict(mark.value or {})
    started = timezone.now()
    changed: list[Any] = []
    updated_field = adapter.updated_field(model)
    if updated_field:
        recent = model._default_manager.using(using).order_by(updated_field, "pk")
        since = state.get("updated_since")
        if since:
            overlap = datetime.fromisoformat(since) - timedelta(seconds=60)
            recent = recent.filter(**{f"{updated_field}__gte": overlap})
        changed = list(recent.values_list("pk", flat=True)[: limit // 2])
    wanted = max(limit - len(changed), 1)
    catalog = model._default_manager.using(using).order_by("pk").values_list("pk", flat=True)
    after = state.get("pk_cursor")
    sliced = list((catalog.filter(pk__gt=to_pks([after])[0]) if after else catalog)[:wanted])
    if len(sliced) < wanted:  # past the last product: go on from the first
        sliced += [pk for pk in catalog[: wanted - len(sliced)] if pk not in sliced]
    ids = list(dict.fromkeys([*changed, *sliced]))
    report = ReconcileReport(checked=len(ids))
    report.outdated = outdated_documents(ids, adapter, using)
    if report.outdated:
        request_index(report.outdated, using)
    state["pk_cursor"] = json_pk(sliced[-1]) if sliced else None
    if updated_field:
        state["updated_since"] = started.isoformat()
    mark.value = state
    mark.save(using=using, update_fields=["value", "updated_at"])
    return report


def outdated_documents(
    product_ids: Sequence[Any], adapter: Any, using: str = "default"
) -> list[Any]:
    """The products whose current document hashes differ from their indexed entry's."""
    if not product_ids:
        return []
    indexed = dict(
        CatalogEntry.objects.using(using)
        .filter(product_id__in=list(product_ids), status=CatalogEntry.Status.INDEXED)
        .values_list("product_id", "content_hash")
    )
    model = get_product_model()
    chunk = int(app_settings.DESCRIPTION_CHUNK_CHARS)
    outdated = []
    for product in adapter.get_queryset(model).using(using).filter(pk__in=list(product_ids)):
        try:
            document = adapter.to_document(product)
            current = document_hash(document, build_passages(document, chunk))
        except Exception:  # a broken product: indexing records why
            current = None
        if indexed.get(product.pk) != current:
            outdated.append(product.pk)
    return outdated
