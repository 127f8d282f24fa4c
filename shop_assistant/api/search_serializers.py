"""Serializers of the search endpoint: query parameters in, :class:`SearchResult` out."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..filters import Filters
from ..search.service import MAX_PAGE_SIZE, MAX_QUERY_LENGTH, MAX_RESULTS
from .card_serializers import ProductCardSerializer
from .common import (
    LanguageField,
    PlainTextField,
    PlannedRepresentation,
    PriceField,
    StrictBooleanField,
    check_text,
)

ATTRIBUTE_PREFIX = "attr."
MAX_ATTRIBUTE_NAME = 100
MAX_ATTRIBUTE_VALUE = 255


class SearchParamsSerializer(serializers.Serializer):
    """``GET`` parameters; ``attr.<name>=<value>`` pairs are collected into ``attributes``."""

    q = PlainTextField(
        max_length=MAX_QUERY_LENGTH,
        trim_whitespace=True,
        help_text=f"What the shopper typed, in any language the shop serves "
        f"(1 to {MAX_QUERY_LENGTH} characters).",
        error_messages={
            "required": "q is required: the search text.",
            "blank": "q must not be blank.",
            "max_length": f"q must be at most {MAX_QUERY_LENGTH} characters.",
        },
    )
    lang = LanguageField(
        required=False,
        help_text="Language of the query and of the titles returned (e.g. 'es'). Default: "
        "detected from q, then the Accept-Language header, then the shop's default.",
    )
    category = PlainTextField(
        required=False,
        allow_blank=True,
        max_length=255,
        help_text="Category slug; products in its subcategories match too.",
    )
    brand = PlainTextField(
        required=False, allow_blank=True, max_length=255, help_text="Exact brand name."
    )
    min_price = PriceField("min_price", help_text="Lowest price, inclusive.")
    max_price = PriceField(
        "max_price", help_text="Highest price, inclusive (below min_price: nothing matches)."
    )
    in_stock = StrictBooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: only products in stock; false: only products out of stock; absent: both.",
        error_messages={"invalid": "in_stock must be true or false."},
    )
    page = serializers.IntegerField(
        required=False,
        default=1,
        min_value=1,
        max_value=MAX_RESULTS,
        help_text=f"Page number, from 1. Only the first {MAX_RESULTS} results are served: "
        "a page beyond them is empty.",
        error_messages={
            "invalid": "page must be a whole number, from 1.",
            "min_value": "page must be 1 or more.",
            "max_value": f"page must be at most {MAX_RESULTS}.",
        },
    )
    page_size = serializers.IntegerField(
        required=False,
        default=20,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        help_text=f"Results per page, 1 to {MAX_PAGE_SIZE} (default 20).",
        error_messages={
            "invalid": f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}.",
            "min_value": "page_size must be 1 or more.",
            "max_value": f"page_size must be at most {MAX_PAGE_SIZE}.",
        },
    )

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            errors.update(exc.detail)  # type: ignore[arg-type]
            value = {}
        attributes: dict[str, str] = {}
        for key in data.keys() if hasattr(data, "keys") else ():
            if not key.startswith(ATTRIBUTE_PREFIX):
                continue
            name = key[len(ATTRIBUTE_PREFIX) :].strip()
            values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
            given = str(values[-1]).strip() if values else ""
            problem = check_text(key, "The attribute name") or check_text(given, key)
            if problem:
                errors[key] = [problem]
            elif not name or len(name) > MAX_ATTRIBUTE_NAME:
                errors[key] = [
                    f"Attribute filters are attr.<name>=<value>; name 1 to "
                    f"{MAX_ATTRIBUTE_NAME} characters."
                ]
            elif len(values) > 1:
                errors[key] = ["Give one value per attribute."]
            elif not given or len(given) > MAX_ATTRIBUTE_VALUE:
                errors[key] = [f"{key} needs a value of 1 to {MAX_ATTRIBUTE_VALUE} characters."]
            else:
                attributes[name] = given
        if errors:
            raise serializers.ValidationError(errors)
        value["attributes"] = attributes
        return value

    def filters(self) -> Filters:
        data = self.validated_data
        return Filters(
            category=data.get("category") or None,
            brand=data.get("brand") or None,
            min_price=data.get("min_price"),
            max_price=data.get("max_price"),
            in_stock=data.get("in_stock"),
            attributes=dict(data["attributes"]),
        )


# -- response -------------------------------------------------------------------------


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(
        help_text="The facet's value: a category slug, a brand, an attribute's stored value, "
        "a price range ('lo-hi'), 'true'/'false' for in_stock."
    )
    count = serializers.IntegerField(help_text="Results with this value.")
    label = serializers.CharField(
        required=False,
        help_text="Attribute facets: the value in the search language (the shop's value "
        "labels), else as stored.",
    )
    parent = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="Category facet: the parent category's slug (null for a root).",
    )
    min = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text="Price facet: the range's lowest price for min_price (null: open).",
    )
    max = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text="Price facet: the range's highest price for max_price (null: open).",
    )

    def to_representation(self, instance: Any) -> dict[str, Any]:
        """Only the keys this facet's values have (``parent`` for categories, ...)."""
        data = super().to_representation(instance)
        return {key: value for key, value in data.items() if key in instance}


class CategorySuggestionSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="A category slug (filter on it with category=).")
    count = serializers.IntegerField(help_text="Nearest products in it.")
    label = serializers.CharField(
        help_text="The category's name in the search language, else in the shop's default "
        "language (LANGUAGE_CODE), else in any language the shop names it in (the slug when "
        "it has no name)."
    )
    label_language = serializers.CharField(
        allow_blank=True, help_text="The language `label` is in ('' for the slug)."
    )


class SuggestionsSerializer(serializers.Serializer):
    did_you_mean = serializers.CharField(
        allow_null=True,
        help_text="The query with unknown words replaced by the closest words of the "
        "catalog (trigram), or null.",
    )
    categories = CategorySuggestionSerializer(
        many=True, help_text="Categories of the products nearest to the query."
    )
    related = ProductCardSerializer(
        many=True,
        help_text="A few products near the query that do NOT match it: show them as such "
        "(e.g. 'You may also like'), never as results.",
    )


class SearchResultSerializer(PlannedRepresentation, serializers.Serializer):
    query_id = serializers.UUIDField(
        allow_null=True,
        help_text="Id of this search in the search log; send it with click and purchase "
        "events to attribute them.",
    )
    language = serializers.CharField(help_text="Language the search used.")
    language_source = serializers.ChoiceField(
        choices=["given", "detected", "header", "default"],
        help_text="How the language was chosen: the lang parameter, detected from q, the "
        "Accept-Language header, or the shop's default.",
    )
    count = serializers.IntegerField(
        help_text="Products that match the query (by keywords, a close spelling, their "
        "category's name, or a meaning over the relevance threshold) and the filters, among "
        "those retrieved (each side retrieves 50, more for deep pages); 0 when nothing "
        "matches."
    )
    results = ProductCardSerializer(source="hits", many=True, help_text="This page's products.")
    suggestions = SuggestionsSerializer(
        allow_null=True,
        help_text="Only when nothing matched (count 0): what to offer instead; else null.",
    )
    facets = serializers.DictField(
        child=FacetValueSerializer(many=True),
        help_text="Per facet named in SHOP_ASSISTANT['FACETS'] (default: category, brand; "
        "also price, in_stock and attr.<key>), "
        "the values of the products counted in `count` with their counts, most first; a "
        "product counts for its category and every parent category.",
    )
