"""Visitor events: batch ingestion (all or nothing, deduplicated) and the merge at login.

Validation of each item (types, known products, timestamps) happens before anything is
written; :func:`ingest_events` then stores a valid batch in one statement. Duplicated
``event_id``\\ s are stored once: within the batch the first occurrence wins, and an id
already stored for the same visitor is skipped (``ON CONFLICT DO NOTHING`` on the
partial unique constraints of :class:`~shop_assistant.models.Interaction`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Q

from ..conf import get_product_model
from ..core.sql import insert_sql
from ..models import CatalogEntry, Interaction, SearchLog
from .identity import Visitor

#: Most events accepted in one request.
MAX_BATCH = 500
EVENT_TYPES = tuple(Interaction.Type.values)


@dataclass(frozen=True)
class EventInput:
    """One validated event as sent by a frontend."""

    event_id: str
    type: str
    product_id: Any
    timestamp: datetime
    query_id: uuid.UUID | None = None
    order_id: str = ""
    quantity: int = 1


@dataclass
class IngestReport:
    """What one batch did: events received, newly stored, and skipped as duplicates."""

    received: int
    stored: int
    duplicates: int


def unknown_products(product_ids: Iterable[Any]) -> set[Any]:
    """The ids among ``product_ids`` that a visitor cannot know: not products of the host,
    or unpublished (answered alike, so the events API tells nothing about unpublished
    products). A product not indexed yet is known."""
    wanted = set(product_ids)
    if not wanted:
        return set()
    model = get_product_model()
    found = set(model._default_manager.filter(pk__in=wanted).values_list("pk", flat=True))
    hidden = set(  # indexed as unpublished (a failed first indexing is not hidden)
        CatalogEntry.objects.filter(
            product_id__in=found, is_published=False, indexed_at__isnull=False
        ).values_list("product_id", flat=True)
    )
    return wanted - (found - hidden)


def _owner_q(visitor: Visitor) -> Q:
    if visitor.user_id is not None:
        return Q(user_id=visitor.user_id)
    return Q(user__isnull=True, visitor_id=visitor.visitor_id)


def ingest_events(visitor: Visitor, events: Sequence[EventInput]) -> IngestReport:
    """Store a validated batch for ``visitor``; events already stored are skipped."""
    if not visitor.is_known:
        raise ValueError("Events need a user or an anonymous visitor id.")
    unique: dict[str, EventInput] = {}
    for event in events:
        unique.setdefault(event.event_id, event)
    stored_ids = set(
        Interaction.objects.filter(_owner_q(visitor), event_id__in=list(unique)).values_list(
            "event_id", flat=True
        )
    )
    query_ids = {e.query_id for e in unique.values() if e.query_id is not None}
    # A query id of a search no longer logged (or never logged) keeps the event, unlinked.
    logged = set(
        SearchLog.objects.filter(query_id__in=query_ids).values_list("query_id", flat=True)
    )
    rows = [
        Interaction(
            event_id=event.event_id,
            type=event.type,
            product_id=event.product_id,
            visitor_id=visitor.visitor_id,
            user_id=visitor.user_id,
            search_id=event.query_id if event.query_id in logged else None,
            order_id=event.order_id,
            quantity=event.quantity,
            timestamp=event.timestamp,
        )
        for event_id, event in unique.items()
        if event_id not in stored_ids
    ]
    if rows:  # one statement, atomic on its own: no BEGIN / COMMIT around it
        using = router.db_for_write(Interaction)
        sql, params = insert_sql(rows, using, ignore_conflicts=True)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
    return IngestReport(received=len(events), stored=len(rows), duplicates=len(events) - len(rows))


def merge_visitor_into_user(visitor_id: str, user: Any) -> int:
    """Give ``user`` the anonymous events of ``visitor_id`` (at login); return how many.

    An anonymous event whose ``event_id`` the user already has is a duplicate and is dropped.
    """
    if not visitor_id or user is None or user.pk is None:
        return 0
    with transaction.atomic():
        anonymous = Interaction.objects.filter(user__isnull=True, visitor_id=visitor_id)
        taken = Interaction.objects.filter(user=user, event_id__in=anonymous.values("event_id"))
        anonymous.filter(event_id__in=taken.values("event_id")).delete()
        return anonymous.update(user=user)
