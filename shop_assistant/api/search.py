"""``GET /search/``: multilingual hybrid product search (thin view over ``search()``)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from ..search import search
from . import examples
from .base import ShopAssistantView
from .search_serializers import SearchParamsSerializer, SearchResultSerializer

ATTRIBUTE_PARAMETER = OpenApiParameter(
    name="attr.<name>",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.QUERY,
    required=False,
    description="Attribute filter, e.g. `attr.color=navy`; repeat with other names to "
    "combine (all must match).",
)


class SearchView(ShopAssistantView):
    """Validate the parameters, call :func:`shop_assistant.search.search`, serialize."""

    throttle_scope = "shop_assistant.search"

    @extend_schema(
        operation_id="search",
        summary="Search products in any language",
        description=(
            "Hybrid search: multilingual vector search (pgvector HNSW) fused with "
            "full-text and trigram matching, then merchandising rules. A query in one "
            "language finds products described in another. Facet counts cover all the "
            "matching products. Throttle scope: `shop_assistant.search`."
        ),
        parameters=[
            SearchParamsSerializer,
            ATTRIBUTE_PARAMETER,
            OpenApiParameter(
                name="Accept-Language",
                type=OpenApiTypes.STR,
                location=OpenApiParameter.HEADER,
                required=False,
                description="Used for the language when `lang` is absent and the query's "
                "language cannot be detected (short or ambiguous queries).",
            ),
        ],
        responses={
            200: SearchResultSerializer,
            400: OpenApiResponse(
                description="Invalid parameter, e.g. blank q, unknown lang (the message "
                "lists the allowed ones), min_price above max_price, page_size over 100."
            ),
            429: OpenApiResponse(description="Too many requests (scope shop_assistant.search)."),
        },
        examples=examples.SEARCH,
        tags=["search"],
    )
    def get(self, request: Request) -> Response:
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        result = search(
            data["q"],
            lang=data.get("lang"),
            accept_language=request.headers.get("Accept-Language"),
            filters=params.filters(),
            page=data["page"],
            page_size=data["page_size"],
        )
        return Response(SearchResultSerializer(result).data)
