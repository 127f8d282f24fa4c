"""Serializers of the events API: one event, a batch (all or nothing), the report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import (
    OpenApiSerializerExtension,
    OpenApiSerializerFieldExtension,
)
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from ..models import Interaction
from ..recommend.events import MAX_BATCH, EventInput, unknown_products
from .common import PlainTextField, ProductIdField

#: Error code of an event about a product that does not exist (or is not published).
UNKNOWN_PRODUCT = "unknown_product"

_NOT_YOURS = (
    "Unknown field. Events are always stored for the caller: the logged-in user, else the "
    "visitor of the cookie or X-Visitor-Id header."
)


class EventSerializer(serializers.Serializer):
    event_id = PlainTextField(
        max_length=64, help_text="Client-made id; an id sent twice is stored once."
    )
    type = serializers.ChoiceField(choices=Interaction.Type.choices)
    product_id = ProductIdField(help_text="The host product's id.")
    query_id = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="The search's query_id, for search_click and purchase attribution.",
    )
    order_id = PlainTextField(
        required=False, allow_blank=True, max_length=64, default="", help_text="For purchases."
    )
    quantity = serializers.IntegerField(required=False, min_value=1, max_value=10000, default=1)
    timestamp = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="When it happened (ISO 8601); now when left out or in the future.",
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
        """A timestamp in the future (a client clock ahead) is taken as now: events never
        weigh more for trending or taste than fresh ones."""
        now = timezone.now()
        return now if value is not None and value > now else value


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
                message = f"Unknown product {item['product_id']}."
                errors[index] = {"product_id": [ErrorDetail(message, code=UNKNOWN_PRODUCT)]}
        if errors:
            raise serializers.ValidationError({str(i): errors[i] for i in sorted(errors)})
        return [item for _index, item in valid]


class EventSchema(OpenApiSerializerExtension):
    """An event has exactly the documented fields: any other (a visitor, a user) is refused."""

    target_class = "shop_assistant.api.event_serializers.EventSerializer"

    def map_serializer(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        schema = auto_schema._map_basic_serializer(self.target, direction)
        return {**schema, "additionalProperties": False}


class EventListSchema(OpenApiSerializerFieldExtension):
    """The batch as the schema states it: 1 to ``MAX_BATCH`` events."""

    target_class = "shop_assistant.api.event_serializers.EventListSerializer"

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        child = auto_schema.resolve_serializer(self.target.child, direction).ref
        return {"type": "array", "items": child, "minItems": 1, "maxItems": MAX_BATCH}


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
    visitor_token = serializers.CharField(
        read_only=True,
        allow_blank=True,
        help_text="The anonymous visitor's signed token (the visitor cookie's value); a "
        "headless frontend sends it back as X-Visitor-Id. Empty for logged-in users.",
    )


class DeletedSerializer(serializers.Serializer):
    deleted = serializers.IntegerField(read_only=True, help_text="Events deleted.")
