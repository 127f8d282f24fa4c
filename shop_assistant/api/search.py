"""``GET /search/``: multilingual hybrid product search (thin view over ``search()``)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from ..search import search
from . import examples
from .base import ShopAssistantView
from .schema import errors
from .search_serializers import SearchParamsSerializer, SearchResultSerializer

#: OpenAPI cannot declare parameters by a name pattern: attribute filters are described.
ATTRIBUTE_FILTERS = (
    " Attribute filters: `attr.<name>=<value>` for any attribute the catalog has, e.g. "
    "`attr.color=navy`; several combine (all must match)."
)


class SearchView(ShopAssistantView):
    """Validate the parameters, call :func:`shop_assistant.search.search`, serialize."""

    throttle_scope = "search"

    @extend_schema(
        operation_id="search",
        summary="Search products in any language",
        description=(
            "Hybrid search: multilingual vector search (pgvector HNSW) fused with "
            "full-text and trigram matching, then merchandising rules. A query in one "
            "language finds products described in another. Facet counts cover all the "
            "matching products. Throttle scope: `search`." + ATTRIBUTE_FILTERS
        ),
        parameters=[
            SearchParamsSerializer,
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
            **errors(
                400,
                429,
                503,
                e400="Invalid parameter, e.g. blank q, unknown lang (the message lists the "
                "allowed ones), page_size over 100.",
            ),
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
