"""``POST events/`` (track a batch of events) and ``DELETE events/mine/`` (forget me)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..recommend.events import MAX_BATCH, ingest_events
from ..recommend.identity import (
    InvalidVisitorId,
    Visitor,
    forget_visitor,
    remember_visitor,
    resolve_visitor,
)
from ..recommend.privacy import delete_visitor_events
from .common import LazyScopedRateThrottle
from .event_serializers import DeletedSerializer, EventBatchSerializer, IngestReportSerializer

EVENTS_THROTTLE_SCOPE = "shop_assistant.events"

VISITOR_HEADER = OpenApiParameter(
    "X-Visitor-Id",
    location=OpenApiParameter.HEADER,
    required=False,
    description="Anonymous visitor id for headless frontends (8-64 characters of letters, "
    "digits and _ . : -); browsers use the cookie the API sets instead.",
)


def visitor_of(request: Request, *, mint: bool = False) -> Visitor:
    try:
        return resolve_visitor(request, mint=mint)
    except InvalidVisitorId as exc:
        raise ValidationError({"X-Visitor-Id": [str(exc)]}) from exc


class EventsView(APIView):
    """Track what a visitor does, in batches."""

    permission_classes = [AllowAny]
    throttle_classes = [LazyScopedRateThrottle]
    throttle_scope = EVENTS_THROTTLE_SCOPE

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
        examples=[
            OpenApiExample(
                "A view, a search click and a purchase",
                value={
                    "events": [
                        {"event_id": "e-1", "type": "view", "product_id": 12},
                        {
                            "event_id": "e-2",
                            "type": "search_click",
                            "product_id": 12,
                            "query_id": "3f1c2a9e-8d4b-4e0f-9c53-1b2a3c4d5e6f",
                        },
                        {
                            "event_id": "e-3",
                            "type": "purchase",
                            "product_id": 12,
                            "order_id": "SO-1001",
                            "quantity": 2,
                            "timestamp": "2026-11-28T10:15:00Z",
                        },
                    ]
                },
                request_only=True,
            ),
            OpenApiExample(
                "Stored",
                value={"received": 3, "stored": 3, "duplicates": 0, "visitor_id": "9b2f…"},
                response_only=True,
                status_codes=["201"],
            ),
            OpenApiExample(
                "Rejected, nothing stored",
                value={
                    "detail": "Nothing was stored: 1 of 3 events is invalid.",
                    "events": {"1": {"product_id": ["Unknown product 999999."]}},
                },
                response_only=True,
                status_codes=["400"],
            ),
        ],
        tags=["assistant"],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        visitor = visitor_of(request, mint=True)
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


class MyEventsView(APIView):
    """The caller's own events."""

    permission_classes = [AllowAny]
    throttle_classes = [LazyScopedRateThrottle]
    throttle_scope = EVENTS_THROTTLE_SCOPE

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
        examples=[OpenApiExample("Deleted", value={"deleted": 42}, response_only=True)],
        tags=["assistant"],
    )
    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        deleted = delete_visitor_events(visitor_of(request))
        response = Response(DeletedSerializer({"deleted": deleted}).data)
        forget_visitor(response)
        return response
