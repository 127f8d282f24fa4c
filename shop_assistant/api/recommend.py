"""Recommendation endpoints: similar, bought together, personalized and trending lists.

Each view validates its query parameters, negotiates the title language (``lang`` >
``Accept-Language`` > default), calls one service of :mod:`shop_assistant.recommend`
and serializes the list of product cards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from ..cards import ProductCard
from ..core.errors import ProductNotFound
from ..core.ids import to_pk
from ..language import negotiate
from ..recommend.base import ListContext
from ..recommend.bought_together import bought_together
from ..recommend.identity import resolve_visitor
from ..recommend.personalized import recommendations
from ..recommend.results import RecommendationList
from ..recommend.similar import similar_products
from ..recommend.trending import trending
from . import examples
from .base import ShopAssistantView
from .card_serializers import ProductCardListSerializer
from .events import VISITOR_HEADER
from .recommend_serializers import ListParamsSerializer, SimilarParamsSerializer
from .schema import errors
from .search import ATTRIBUTE_FILTERS


def _schema(operation_id: str, summary: str, description: str, **kwargs: Any) -> Callable:
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=description + ATTRIBUTE_FILTERS,
        responses={
            200: ProductCardListSerializer,
            **errors(400, 403, 404, 429, 503, e400="Invalid parameter (limit, price, lang, ...)."),
        },
        examples=examples.RECOMMENDATIONS,
        tags=["assistant"],
        **kwargs,
    )


class RecommendationListView(ShopAssistantView):
    """Shared flow: parameters → context → one service call → list."""

    throttle_scope = "recommend"
    params_class: type[ListParamsSerializer] = ListParamsSerializer

    def respond(
        self, request: Request, compute: Callable[[ListContext, dict[str, Any]], list[ProductCard]]
    ) -> Response:
        params = self.params_class(data=request.query_params)
        params.is_valid(raise_exception=True)
        choice = negotiate(
            "",
            lang=params.validated_data.get("lang") or None,
            accept_language=request.headers.get("Accept-Language"),
        )
        context = ListContext(
            filters=params.filters(),
            language=choice.code,
            limit=params.validated_data["limit"],
        )
        listing = RecommendationList(
            compute(context, params.validated_data), choice.code, choice.source
        )
        return Response(ProductCardListSerializer(listing).data)


def product_pk(value: str) -> Any:
    """The path's product id as the product model's pk type, else 404."""
    try:
        return to_pk(value)
    except ValueError as exc:
        raise ProductNotFound(f"Product {value} is not in the indexed catalog.") from exc


class SimilarProductsView(RecommendationListView):
    params_class = SimilarParamsSerializer

    @_schema(
        "assistant_products_similar",
        "Products similar to this one",
        "Nearest products by meaning over all passages and languages, never the product "
        "itself or its variants, in stock unless `in_stock=false`, with the search filters. "
        "`diversity` (0..1) trades closeness for variety (maximal marginal relevance).",
        parameters=[SimilarParamsSerializer],
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
        "categories; each result's `explanation.source` says which.",
        parameters=[ListParamsSerializer],
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
        parameters=[ListParamsSerializer, VISITOR_HEADER],
    )
    def get(self, request: Request) -> Response:
        visitor = resolve_visitor(request)
        return self.respond(request, lambda context, data: recommendations(visitor, context))


class TrendingView(RecommendationListView):
    @_schema(
        "assistant_trending",
        "Trending products",
        "Products by time-decayed event counts (refreshed periodically), topped up with "
        "the most ordered ones; with the search filters, e.g. `?category=`.",
        parameters=[ListParamsSerializer],
    )
    def get(self, request: Request) -> Response:
        return self.respond(request, lambda context, data: trending(context))
