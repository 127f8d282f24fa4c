"""``GET /search/``: multilingual hybrid product search (thin view over ``search()``)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..language import UnknownLanguage
from ..search import SearchError, search
from .common import LazyScopedRateThrottle
from .search_serializers import SearchParamsSerializer, SearchResultSerializer

SEARCH_THROTTLE_SCOPE = "shop_assistant.search"

_EXAMPLE = {
    "query_id": "6f1c2d7e-3b1a-4c55-9a55-0f7e1e2d9c11",
    "language": "es",
    "language_source": "detected",
    "count": 112,
    "results": [
        {
            "product_id": 17,
            "title": "Chaqueta impermeable de senderismo",
            "title_language": "es",
            "url": "/products/17/",
            "price": "129.00",
            "currency": "EUR",
            "in_stock": True,
            "image": "",
            "score": 1.21,
            "explanation": {
                "vector": {
                    "rank": 1,
                    "score": 0.71,
                    "passage": {
                        "kind": "title",
                        "language": "en",
                        "text": "Waterproof hiking jacket",
                    },
                },
                "lexical": {
                    "rank": 1,
                    "score": 1.0,
                    "coverage": 1.0,
                    "matched_terms": ["chaqueta", "impermeable"],
                    "passage": {
                        "kind": "title",
                        "language": "es",
                        "text": "Chaqueta impermeable de senderismo",
                    },
                },
                "title_similarity": 1.0,
                "language_match": True,
                "passage": {
                    "kind": "title",
                    "language": "es",
                    "text": "Chaqueta impermeable de senderismo",
                },
                "rules": [],
            },
        }
    ],
    "facets": {
        "category": [{"value": "clothing", "count": 40}, {"value": "rain-jackets", "count": 12}],
        "brand": [{"value": "Nordwand", "count": 9}],
    },
}


class SearchView(APIView):
    """Validate the parameters, call :func:`shop_assistant.search.search`, serialize."""

    permission_classes = [AllowAny]
    throttle_classes = [LazyScopedRateThrottle]
    throttle_scope = SEARCH_THROTTLE_SCOPE

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
            OpenApiParameter(
                name="attr.<name>",
                type=OpenApiTypes.STR,
                location=OpenApiParameter.QUERY,
                required=False,
                description="Attribute filter, e.g. `attr.color=navy`; repeat with other "
                "names to combine (all must match).",
            ),
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
        examples=[OpenApiExample("Spanish query", value=_EXAMPLE, response_only=True)],
        tags=["search"],
    )
    def get(self, request: Request) -> Response:
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            result = search(
                data["q"],
                lang=data.get("lang"),
                accept_language=request.headers.get("Accept-Language"),
                filters=params.filters(),
                page=data["page"],
                page_size=data["page_size"],
            )
        except UnknownLanguage as exc:
            raise ValidationError({"lang": [str(exc)]}) from exc
        except SearchError as exc:
            raise ValidationError({"detail": [str(exc)]}) from exc
        return Response(SearchResultSerializer(result).data)
