"""``POST events/`` (track a batch of events) and ``DELETE events/mine/`` (forget me)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from ..recommend.events import MAX_BATCH, ingest_events
from ..recommend.identity import (
    forget_visitor,
    remember_visitor,
    resolve_visitor,
    visitor_token,
)
from ..recommend.privacy import delete_visitor_events
from . import examples
from .base import ShopAssistantView
from .event_serializers import (
    UNKNOWN_PRODUCT,
    DeletedSerializer,
    EventBatchSerializer,
    IngestReportSerializer,
)
from .schema import errors

VISITOR_HEADER = OpenApiParameter(
    "X-Visitor-Id",
    location=OpenApiParameter.HEADER,
    required=False,
    description="The signed `visitor_token` a previous `POST events/` returned, for "
    "headless frontends; browsers send the visitor cookie the API sets instead. An "
    "unsigned or altered value is refused (400).",
)


class EventsView(ShopAssistantView):
    """Track what a visitor does, in batches."""

    throttle_scope = "events"

    @extend_schema(
        operation_id="assistant_events_create",
        summary="Record a batch of visitor events",
        description=(
            f'Up to {MAX_BATCH} events (`{{"events": [...]}}`), stored all '
            "or none for the caller: the logged-in user, else the anonymous visitor of the "
            "`X-Visitor-Id` header or the visitor cookie (set on the first call). An "
            "`event_id` sent twice is stored once; a timestamp in the future is taken as now. "
            "Any invalid item (unknown type, a field naming a visitor or user, ...) → 400 "
            "with errors per item index, and nothing is stored; a well-formed batch naming "
            "unknown or unpublished products → 404, errors per item."
        ),
        parameters=[VISITOR_HEADER],
        request=EventBatchSerializer,
        responses={
            201: IngestReportSerializer,
            **errors(
                400,
                403,
                404,
                413,
                415,
                429,
                503,
                e400="Invalid batch; errors by item index.",
                e404="A well-formed batch naming unknown or unpublished products; by item.",
            ),
        },
        examples=examples.EVENTS,
        tags=["assistant"],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        visitor = resolve_visitor(request, mint=True)
        data = request.data
        serializer = EventBatchSerializer(data=data)
        if not serializer.is_valid():
            errors = serializer.errors
            code = status.HTTP_404_NOT_FOUND if _only_unknown_products(errors) else 400
            return Response(_rejected(data, errors), status=code)
        report = ingest_events(visitor, serializer.batch())
        token = visitor_token(visitor.visitor_id) if visitor.user_id is None else ""
        body = IngestReportSerializer({**vars(report), "visitor_token": token}).data
        response = Response(body, status=status.HTTP_201_CREATED)
        remember_visitor(response, visitor, secure=request.is_secure())
        return response


def _only_unknown_products(errors: dict[str, Any]) -> bool:
    """Every item error is about a product that does not exist (for the visitor): the
    batch is well formed but refers to missing products, a 404."""
    per_item = errors.get("events")
    return (
        set(errors) == {"events"}
        and isinstance(per_item, dict)
        and all(
            set(item) == {"product_id"} and item["product_id"][0].code == UNKNOWN_PRODUCT
            for item in per_item.values()
        )
    )


def _rejected(data: Any, errors: dict[str, Any]) -> dict[str, Any]:
    items = data.get("events") if isinstance(data, dict) else None
    per_item = errors.get("events")
    if isinstance(items, list) and isinstance(per_item, dict):
        bad, total = len(per_item), len(items)
        verb = "is" if bad == 1 else "are"
        detail = f"Nothing was stored: {bad} of {total} events {verb} invalid."
    else:
        detail = "Nothing was stored: the batch is invalid."
    return {"detail": detail, **errors}


class MyEventsView(ShopAssistantView):
    """The caller's own events."""

    throttle_scope = "events"

    @extend_schema(
        operation_id="assistant_events_mine_delete",
        summary="Delete all of the caller's events",
        description=(
            "Deletes every event of the logged-in user (and the anonymous events of this "
            "browser), or of the anonymous visitor, and drops the visitor cookie."
        ),
        parameters=[VISITOR_HEADER],
        request=None,
        responses={200: DeletedSerializer, **errors(403, 429, 503)},
        examples=examples.DELETED,
        tags=["assistant"],
    )
    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        deleted = delete_visitor_events(resolve_visitor(request))
        response = Response(DeletedSerializer({"deleted": deleted}).data)
        forget_visitor(response)
        return response
