"""Pieces the API views share: a lazily configured scoped throttle, the product id field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

from ..conf import get_product_model


class LazyScopedRateThrottle(ScopedRateThrottle):
    """DRF's scoped throttle reading ``DEFAULT_THROTTLE_RATES`` per request (DRF reads
    them once, at import); a scope without a configured rate is not throttled."""

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}]})
class ProductIdField(serializers.Field):
    """A host product primary key, checked against the product model's pk field."""

    default_error_messages = {"invalid": "Not a valid product id."}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("invalid")
        try:
            return get_product_model()._meta.pk.to_python(data)
        except (DjangoValidationError, TypeError, ValueError):
            self.fail("invalid")

    def to_representation(self, value: Any) -> Any:
        return value if isinstance(value, int | str) else str(value)
