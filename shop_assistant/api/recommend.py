"""Recommendation endpoints: similar, bought together, personalized and trending lists.

Each view validates its query parameters, negotiates the title language (``lang`` >
``Accept-Language`` > default), calls one service of :mod:`shop_assistant.recommend`
and serializes the list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..conf import get_product_model
from ..language import UnknownLanguage, negotiate
from ..recommend.base import ListContext, ProductNotFound
from ..recommend.bought_together import bought_together
from ..recommend.personalized import recommendations
from ..recommend.results import Recommendation, RecommendationList
from ..recommend.similar import similar_products
from ..recommend.trending import trending
from .common import LazyScopedRateThrottle
from .events import VISITOR_HEADER, visitor_of
from .recommend_serializers import (
    ListParamsSerializer,
    RecommendationListSerializer,
    SimilarParamsSerializer,
)

RECOMMEND_THROTTLE_SCOPE = "shop_assistant.recommend"

ATTRIBUTE_PARAMETER = OpenApiParameter(
    "attr.<name>",
    description="Attribute filter, e.g. `attr.color=navy` (repeat for several attributes).",
    required=False,
    type=str,
)

_EXAMPLE_LIST = {
    "language": "es",
    "language_source": "header",
    "results": [
        {
            "product_id": 31,
            "title": "Saco de dormir de plumón -5 °C",
            "title_language": "es",
            "url": "/products/31/",
            "image": "",
            "price": "149.00",
            "currency": "EUR",
            "in_stock": True,
            "brand": "Nordwand",
            "category_path": ["outdoor", "sleeping-bags"],
            "score": 1.0,
            "source": "co_purchase",
            "explanation": {"source": "co_purchase", "lift": 7.5, "support": 12},
        },
        {
            "product_id": 44,
            "title": "Linterna frontal recargable",
            "title_language": "es",
            "url": "/products/44/",
            "image": "",
            "price": "39.90",
            "currency": "EUR",
            "in_stock": True,
            "brand": "Lumo",
            "category_path": ["outdoor", "lighting"],
            "score": 0.9,
            "source": "popular_related",
            "explanation": {
                "source": "popular_related",
                "orders": 57,
                "rules": ["boost ×2: Summer outdoor"],
            },
        },
    ],
}


def _schema(operation_id: str, summary: str, description: str, **kwargs: Any) -> Callable:
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=description,
        responses={
            200: RecommendationListSerializer,
            400: OpenApiResponse(description="Invalid parameter (limit, price, lang, ...)."),
            404: OpenApiResponse(description="Unknown, unpublished or unindexed product."),
            429: OpenApiResponse(description="Too many requests (scope shop_assistant.recommend)."),
        },
        examples=[OpenApiExample("A list", value=_EXAMPLE_LIST, response_only=True)],
        tags=["assistant"],
        **kwargs,
    )


class RecommendationListView(APIView):
    """Shared flow: parameters → context → one service call → list."""

    permission_classes = [AllowAny]
    throttle_classes = [LazyScopedRateThrottle]
    throttle_scope = RECOMMEND_THROTTLE_SCOPE
    params_class: type[ListParamsSerializer] = ListParamsSerializer

    def respond(
        self, request: Request, compute: Callable[[ListContext, dict[str, Any]], list]
    ) -> Response:
        params = self.params_class(data=request.query_params)
        params.is_valid(raise_exception=True)
        try:
            choice = negotiate(
                "",
                lang=params.validated_data.get("lang") or None,
                accept_language=request.headers.get("Accept-Language"),
            )
        except UnknownLanguage as exc:
            raise ValidationError({"lang": [str(exc)]}) from exc
        context = ListContext(
            filters=params.filters(),
            language=choice.code,
            limit=params.validated_data["limit"],
        )
        try:
            results: list[Recommendation] = compute(context, params.validated_data)
        except ProductNotFound as exc:
            raise NotFound(str(exc)) from exc
        listing = RecommendationList(results, choice.code, choice.source)
        return Response(RecommendationListSerializer(listing).data)


def product_pk(value: str) -> Any:
    """The path's product id as the product model's pk type, else 404."""
    try:
        return get_product_model()._meta.pk.to_python(value)
    except (DjangoValidationError, TypeError, ValueError) as exc:
        raise NotFound(f"Product {value} is not in the indexed catalog.") from exc


class SimilarProductsView(RecommendationListView):
    params_class = SimilarParamsSerializer

    @_schema(
        "assistant_products_similar",
        "Products similar to this one",
        "Nearest products by meaning over all passages and languages, never the product "
        "itself or its variants, in stock unless `in_stock=false`, with the search filters. "
        "`diversity` (0..1) trades closeness for variety (maximal marginal relevance).",
        parameters=[SimilarParamsSerializer, ATTRIBUTE_PARAMETER],
    )
    def get(self, request: Request, product_id: str) -> Response:
        pk = product_pk(product_id)
        return self.respond(
            request,
            lambda context, data: similar_products(pk, context, diversity=data["diversity"]),
        )


class BoughtTogetherView(RecommendationListView):
    @_schema(
        "assistant_products_bought_together",
        "Frequently bought together",
        "Products bought in the same orders (by lift, with a minimum support), then products "
        "of other categories bought by the same people, then popular products of related "
        "categories; each result's `source` says which.",
        parameters=[ListParamsSerializer, ATTRIBUTE_PARAMETER],
    )
    def get(self, request: Request, product_id: str) -> Response:
        pk = product_pk(product_id)
        return self.respond(request, lambda context, data: bought_together(pk, context))


class RecommendationsView(RecommendationListView):
    @_schema(
        "assistant_recommendations",
        "Personalized recommendations for the caller",
        "From the caller's recent events (user, else the visitor cookie or X-Visitor-Id), "
        "weighted by type and decayed over time, covering each of their interests; "
        "without events: trending in their language, trending, popular overall.",
        parameters=[ListParamsSerializer, ATTRIBUTE_PARAMETER, VISITOR_HEADER],
    )
    def get(self, request: Request) -> Response:
        visitor = visitor_of(request)
        return self.respond(request, lambda context, data: recommendations(visitor, context))


class TrendingView(RecommendationListView):
    @_schema(
        "assistant_trending",
        "Trending products",
        "Products by time-decayed event counts (refreshed periodically), topped up with "
        "the most ordered ones; with the search filters, e.g. `?category=`.",
        parameters=[ListParamsSerializer, ATTRIBUTE_PARAMETER],
    )
    def get(self, request: Request) -> Response:
        return self.respond(request, lambda context, data: trending(context))
