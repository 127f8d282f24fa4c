"""Pieces the API serializers share: the product id field, planned representation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..conf import get_product_model
from ..core.ids import json_pk, to_pk
from ..language import shop_languages

#: Characters no text parameter may hold: the C0 and C1 controls, DEL, and the byte-order
#: mark (invisible, and white space to JSON Schema but not to Python).
CONTROL_CHARACTERS = {chr(c) for c in (*range(32), *range(0x7F, 0xA0), 0xFEFF)}


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


class StrictBooleanField(serializers.BooleanField):
    """A boolean that is exactly what the schema says: JSON ``true``/``false``, or the
    query-string words ``true``/``false`` (DRF also takes 1, "yes", "on", ...)."""

    WORDS = {"true": True, "false": False}

    def to_internal_value(self, data: Any) -> bool:
        if isinstance(data, bool):
            return data
        if isinstance(data, str) and data in self.WORDS:
            return self.WORDS[data]
        self.fail("invalid", input=data)


class LanguageField(serializers.CharField):
    """One of the languages the shop serves, exactly as the schema lists them (the list is
    read per request, so the schema and the validation always agree)."""

    default_error_messages = {"unknown": "Unknown language {value!r}. Allowed: {allowed}."}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_blank", True)  # empty means "not given"
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str | None:
        value = super().to_internal_value(data)
        allowed = shop_languages()
        if value == "":
            return None
        if value not in allowed:
            self.fail("unknown", value=value, allowed=", ".join(sorted(allowed)))
        return value


class LanguageFieldSchema(OpenApiSerializerFieldExtension):
    """The served languages as the parameter's enum, computed when the schema is built
    (an empty query value means "not given", as for every optional query parameter)."""

    target_class = LanguageField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        schema = build_basic_type(OpenApiTypes.STR)
        schema["enum"] = [*shop_languages(), ""]
        return schema


#: What a free-text value may hold (ECMA-262 syntax, as JSON Schema patterns use): no
#: control characters, no lone surrogate halves, no replacement character.
_EXCLUDED = r"\u0000-\u001f\u007f-\u009f\ufeff\ufffd"
#: With at least one character that is not white space (a field that is stripped and may
#: not be blank).
NON_BLANK_TEXT_PATTERN = rf"^[^{_EXCLUDED}]*[^\s{_EXCLUDED}][^{_EXCLUDED}]*$"
#: A field that may be blank: drf-spectacular states the empty string as a second
#: ``oneOf`` branch, so this one needs a character (two branches that both match ""
#: would make an empty value invalid under ``oneOf``).
NON_EMPTY_TEXT_PATTERN = rf"^[^{_EXCLUDED}]+$"


class PlainTextField(serializers.CharField):
    """Free text a shopper or frontend sends (a query, a question, an id), checked for
    control characters and undecodable bytes; the schema states the same pattern."""

    default_error_messages = {"not_text": "Must be a string."}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(plain_text)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):  # DRF's CharField would take 0 as "0"
            self.fail("not_text")
        return super().to_internal_value(data)


class PlainTextFieldSchema(OpenApiSerializerFieldExtension):
    target_class = PlainTextField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        field = self.target
        schema = build_basic_type(OpenApiTypes.STR)
        schema["pattern"] = NON_EMPTY_TEXT_PATTERN if field.allow_blank else NON_BLANK_TEXT_PATTERN
        if field.max_length is not None:
            schema["maxLength"] = field.max_length
        if field.min_length is not None:
            schema["minLength"] = field.min_length
        elif not field.allow_blank and direction == "request":
            schema["minLength"] = 1
        return schema


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^(\d{1,10}(\.\d{1,2})?)?$",
        "description": "A non-negative amount with at most 2 decimals, e.g. 19.99 (empty: "
        "no bound).",
    }
)
class PriceField(serializers.DecimalField):
    """A non-negative price bound, as the schema describes it (a string of digits)."""

    def __init__(self, name: str, **kwargs: Any) -> None:
        super().__init__(
            required=False,
            allow_null=True,
            max_digits=12,
            decimal_places=2,
            min_value=Decimal(0),
            error_messages={
                "invalid": f"{name} must be a number, e.g. 19.99.",
                "min_value": f"{name} must not be negative.",
                "max_digits": f"{name} is too large.",
                "max_whole_digits": f"{name} is too large.",
                "max_decimal_places": f"{name} has at most 2 decimal places.",
            },
            **kwargs,
        )


class ProductIdFieldSchema(OpenApiSerializerFieldExtension):
    """The host's pk type: an integer (the usual auto field) or a string (UUIDs, codes)."""

    target_class = ProductIdField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        field = get_product_model()._meta.pk
        if field.get_internal_type() in (
            "AutoField",
            "BigAutoField",
            "SmallAutoField",
            "IntegerField",
            "BigIntegerField",
            "PositiveIntegerField",
        ):
            return build_basic_type(OpenApiTypes.INT)
        if field.get_internal_type() == "UUIDField":
            return build_basic_type(OpenApiTypes.UUID)
        return build_basic_type(OpenApiTypes.STR)


def check_text(value: str, name: str) -> str | None:
    """The problem with a free-text parameter, if any (control characters, surrogates)."""
    if any(char in CONTROL_CHARACTERS for char in value):
        return f"{name} must not contain control characters."
    if any("\ud800" <= char <= "\udfff" for char in value):
        return f"{name} must not contain lone surrogates."
    if "\ufffd" in value:  # what the query string's invalid UTF-8 was decoded to
        return f"{name} is not valid UTF-8."
    return None


def plain_text(value: str) -> None:
    """Validator of a free-text field: no control characters, no undecodable bytes."""
    problem = check_text(value, "The text")
    if problem:
        raise serializers.ValidationError(problem)


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
