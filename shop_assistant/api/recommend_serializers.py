"""Serializers of the recommendation endpoints: query parameters and the result lists.

The filter parameters are search's own (``category``, ``brand``, ``min_price``,
``max_price``, ``in_stock``, ``attr.<name>``, ``lang``: the search parameter serializer
without its query and paging), turned into the same
:class:`~shop_assistant.search.Filters`; lists are in stock unless ``in_stock`` says
otherwise.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..recommend.base import MAX_LIMIT
from ..search import Filters
from .common import ProductIdField
from .search_serializers import SearchParamsSerializer


class ListParamsSerializer(SearchParamsSerializer):
    """Search's filter and language parameters, plus the list length."""

    q = None
    page = None
    page_size = None
    limit = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_LIMIT,
        default=10,
        help_text=f"Results, 1 to {MAX_LIMIT} (default 10).",
    )
    in_stock = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true (default): only products in stock; false: only products out of stock.",
        error_messages={"invalid": "in_stock must be true or false."},
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        checked = super().validate({**attrs, "page": 1, "page_size": 1})  # no paging here
        return {k: v for k, v in checked.items() if k not in ("page", "page_size")}

    def filters(self) -> Filters:
        filters = super().filters()
        if filters.in_stock is None:
            filters.in_stock = True
        return filters


class SimilarParamsSerializer(ListParamsSerializer):
    diversity = serializers.FloatField(
        required=False,
        min_value=0.0,
        max_value=1.0,
        default=0.0,
        help_text="0 = closest products; towards 1, more varied results (MMR).",
    )


class RecommendationSerializer(serializers.Serializer):
    product_id = ProductIdField(read_only=True)
    title = serializers.CharField(read_only=True)
    title_language = serializers.CharField(
        read_only=True, help_text="The visitor's language when translated, else the original."
    )
    url = serializers.CharField(read_only=True)
    image = serializers.CharField(read_only=True)
    price = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, allow_null=True
    )
    currency = serializers.CharField(read_only=True)
    in_stock = serializers.BooleanField(read_only=True)
    brand = serializers.CharField(read_only=True)
    category_path = serializers.ListField(child=serializers.CharField(), read_only=True)
    score = serializers.FloatField(read_only=True, help_text="Orders the list (higher first).")
    source = serializers.ChoiceField(
        read_only=True,
        choices=[
            "similar",
            "co_purchase",
            "also_bought",
            "popular_related",
            "personalized",
            "trending",
            "popular",
            "pinned",
        ],
        help_text="The strategy that produced the result.",
    )
    explanation = serializers.DictField(
        read_only=True,
        help_text="Why it is here: the source's figures (similarity, lift, support, "
        "interest, ...) and `rules`, the merchandising rules that moved it.",
    )


class RecommendationListSerializer(serializers.Serializer):
    language = serializers.CharField(read_only=True)
    language_source = serializers.CharField(read_only=True)
    results = RecommendationSerializer(many=True, read_only=True)
