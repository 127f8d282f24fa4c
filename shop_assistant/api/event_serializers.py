"""Serializers of the events API: one event, a batch (all or nothing), the report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from rest_framework import serializers

from ..models import Interaction
from ..recommend.events import FUTURE_TOLERANCE, MAX_BATCH, EventInput, unknown_products
from .common import ProductIdField

_NOT_YOURS = (
    "Unknown field. Events are always stored for the caller: the logged-in user, else the "
    "visitor of the cookie or X-Visitor-Id header."
)


class EventSerializer(serializers.Serializer):
    event_id = serializers.CharField(
        max_length=64, help_text="Client-made id; an id sent twice is stored once."
    )
    type = serializers.ChoiceField(choices=Interaction.Type.choices)
    product_id = ProductIdField(help_text="The host product's id.")
    query_id = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="The search's query_id, for search_click and purchase attribution.",
    )
    order_id = serializers.CharField(
        required=False, allow_blank=True, max_length=64, default="", help_text="For purchases."
    )
    quantity = serializers.IntegerField(required=False, min_value=1, max_value=10000, default=1)
    timestamp = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="When it happened (ISO 8601); now when left out. At most 5 minutes ahead.",
    )

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        unknown = set(data) - set(self.fields) if isinstance(data, Mapping) else set()
        errors: dict[str, Any] = {}
        value: dict[str, Any] = {}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            detail = exc.detail
            errors.update(detail if isinstance(detail, dict) else {"non_field_errors": detail})
        errors.update({name: [_NOT_YOURS] for name in sorted(unknown)})
        if errors:
            raise serializers.ValidationError(errors)
        return value

    def validate_timestamp(self, value: Any) -> Any:
        if value is not None and value > timezone.now() + FUTURE_TOLERANCE:
            raise serializers.ValidationError("More than 5 minutes in the future.")
        return value


class EventListSerializer(serializers.ListSerializer):
    """Validates every item and reports errors per item index; unknown products in one query."""

    def to_internal_value(self, data: Any) -> list[dict[str, Any]]:
        if not isinstance(data, list):
            raise serializers.ValidationError(["Expected a list of events."])
        if not data:
            raise serializers.ValidationError(["Send at least one event."])
        if len(data) > MAX_BATCH:
            raise serializers.ValidationError([f"At most {MAX_BATCH} events per request."])
        valid: list[tuple[int, dict[str, Any]]] = []
        errors: dict[int, Any] = {}
        for index, item in enumerate(data):
            try:
                valid.append((index, self.child.run_validation(item)))
            except serializers.ValidationError as exc:
                errors[index] = exc.detail
        unknown = unknown_products(item["product_id"] for _index, item in valid)
        for index, item in valid:
            if item["product_id"] in unknown:
                errors[index] = {"product_id": [f"Unknown product {item['product_id']}."]}
        if errors:
            raise serializers.ValidationError({str(i): errors[i] for i in sorted(errors)})
        return [item for _index, item in valid]


class EventBatchSerializer(serializers.Serializer):
    events = EventListSerializer(
        child=EventSerializer(), help_text=f"1 to {MAX_BATCH} events, stored all or none."
    )

    def batch(self) -> list[EventInput]:
        now = timezone.now()
        return [
            EventInput(
                event_id=item["event_id"],
                type=item["type"],
                product_id=item["product_id"],
                timestamp=item.get("timestamp") or now,
                query_id=item.get("query_id"),
                order_id=item.get("order_id", ""),
                quantity=item.get("quantity", 1),
            )
            for item in self.validated_data["events"]
        ]


class IngestReportSerializer(serializers.Serializer):
    received = serializers.IntegerField(read_only=True)
    stored = serializers.IntegerField(read_only=True)
    duplicates = serializers.IntegerField(read_only=True)
    visitor_id = serializers.CharField(
        read_only=True,
        allow_blank=True,
        help_text="The anonymous visitor id (also set as a cookie); send it back as "
        "X-Visitor-Id from a headless frontend. Empty for logged-in users.",
    )


class DeletedSerializer(serializers.Serializer):
    deleted = serializers.IntegerField(read_only=True, help_text="Events deleted.")
