"""Serializers of the recommendation endpoints: query parameters and the result lists.

The filter parameters are search's own (``category``, ``brand``, ``min_price``,
``max_price``, ``in_stock``, ``attr.<name>``, ``lang``: the search parameter serializer
without its query and paging), turned into the same
:class:`~shop_assistant.search.Filters`; lists are in stock unless ``in_stock`` says
otherwise.
"""

from __future__ import annotations

from rest_framework import serializers

from ..filters import Filters
from ..recommend.base import MAX_LIMIT
from .common import StrictBooleanField
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
    in_stock = StrictBooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true (default): only products in stock; false: only products out of stock.",
        error_messages={"invalid": "in_stock must be true or false."},
    )

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
