"""Pieces the API serializers share: the product id field, planned representation."""

from __future__ import annotations

from typing import Any, ClassVar

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..core.ids import json_pk, to_pk


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}]})
class ProductIdField(serializers.Field):
    """A host product primary key, checked against the product model's pk field."""

    default_error_messages = {"invalid": "Not a valid product id."}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("invalid")
        try:
            return to_pk(data)
        except ValueError:
            self.fail("invalid")

    def to_representation(self, value: Any) -> Any:
        return json_pk(value)


_Plan = list[tuple[str, str, Any]]


class PlannedRepresentation:
    """Mixin for a response serializer: represent through a plan of its fields built once.

    DRF deep-copies and binds every nested serializer's fields for every response; for
    a page of 20 hits with nested explanations that cost more than some searches' SQL
    (benchmarks/RESULTS.md). The plan holds, per declared field, its source and either
    the bound leaf field (whose ``to_representation`` still does the conversion) or the
    plan of a nested serializer. Output only; sources are attributes or dict keys.
    """

    _plans: ClassVar[dict[type, _Plan]] = {}

    def to_representation(self, instance: Any) -> dict[str, Any]:
        cls = type(self)
        plan = self._plans.get(cls)  # per class: a subclass may declare other fields
        if plan is None:
            plan = self._plans.setdefault(cls, _plan_of(cls()))
        return _represent(instance, plan)


def _plan_of(serializer: serializers.Serializer) -> _Plan:
    plan: _Plan = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.ListSerializer):
            plan.append((name, field.source, ("many", _plan_of(field.child))))
        elif isinstance(field, serializers.Serializer):
            plan.append((name, field.source, ("one", _plan_of(field))))
        else:
            plan.append((name, field.source, field))
    return plan


def _represent(value: Any, plan: _Plan) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, source, how in plan:
        item = value.get(source) if isinstance(value, dict) else getattr(value, source, None)
        if item is None:
            result[name] = None
        elif isinstance(how, tuple):
            kind, nested = how
            if kind == "many":
                result[name] = [_represent(element, nested) for element in item]
            else:
                result[name] = _represent(item, nested)
        else:
            result[name] = how.to_representation(item)
    return result
