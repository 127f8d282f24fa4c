"""``POST events/`` (track a batch of events) and ``DELETE events/mine/`` (forget me)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from ..recommend.events import MAX_BATCH, ingest_events
from ..recommend.identity import forget_visitor, remember_visitor, resolve_visitor
from ..recommend.privacy import delete_visitor_events
from . import examples
from .base import ShopAssistantView
from .event_serializers import DeletedSerializer, EventBatchSerializer, IngestReportSerializer

VISITOR_HEADER = OpenApiParameter(
    "X-Visitor-Id",
    location=OpenApiParameter.HEADER,
    required=False,
    description="Anonymous visitor id for headless frontends (8-64 characters of letters, "
    "digits and _ . : -); browsers use the cookie the API sets instead.",
)


class EventsView(ShopAssistantView):
    """Track what a visitor does, in batches."""

    throttle_scope = "shop_assistant.events"

    @extend_schema(
        operation_id="assistant_events_create",
        summary="Record a batch of visitor events",
        description=(
            f'Up to {MAX_BATCH} events (`{{"events": [...]}}` or a bare list), stored all '
            "or none for the caller: the logged-in user, else the anonymous visitor of the "
            "`X-Visitor-Id` header or the visitor cookie (set on the first call). An "
            "`event_id` sent twice is stored once. Any invalid item (unknown product or "
            "type, a timestamp more than 5 minutes ahead, a field naming a visitor or user) "
            "→ 400 with errors per item index, and nothing is stored."
        ),
        parameters=[VISITOR_HEADER],
        request=EventBatchSerializer,
        responses={
            201: IngestReportSerializer,
            400: OpenApiResponse(description="Invalid batch; errors by item index."),
            429: OpenApiResponse(description="Too many requests (scope shop_assistant.events)."),
        },
        examples=examples.EVENTS,
        tags=["assistant"],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        visitor = resolve_visitor(request, mint=True)
        data = {"events": request.data} if isinstance(request.data, list) else request.data
        serializer = EventBatchSerializer(data=data)
        if not serializer.is_valid():
            return Response(_rejected(data, serializer.errors), status=status.HTTP_400_BAD_REQUEST)
        report = ingest_events(visitor, serializer.batch())
        body = IngestReportSerializer(
            {**vars(report), "visitor_id": visitor.visitor_id if visitor.user_id is None else ""}
        ).data
        response = Response(body, status=status.HTTP_201_CREATED)
        remember_visitor(response, visitor, secure=request.is_secure())
        return response


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

    throttle_scope = "shop_assistant.events"

    @extend_schema(
        operation_id="assistant_events_mine_delete",
        summary="Delete all of the caller's events",
        description=(
            "Deletes every event of the logged-in user (and the anonymous events of this "
            "browser), or of the anonymous visitor, and drops the visitor cookie."
        ),
        parameters=[VISITOR_HEADER],
        request=None,
        responses={200: DeletedSerializer},
        examples=examples.DELETED,
        tags=["assistant"],
    )
    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        deleted = delete_visitor_events(resolve_visitor(request))
        response = Response(DeletedSerializer({"deleted": deleted}).data)
        forget_visitor(response)
        return response
