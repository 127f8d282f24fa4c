"""URLs of the API; the host includes them under any prefix (the demo uses /api/assistant/)."""

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path

from .events import EventsView, MyEventsView
from .guide import ChatView
from .qa import AskView
from .recommend import (
    BoughtTogetherView,
    RecommendationsView,
    SimilarProductsView,
    TrendingView,
)
from .schema import SchemaView, SwaggerView
from .search import SearchView

app_name = "shop_assistant"


def not_found(request: HttpRequest, *args: object, **kwargs: object) -> JsonResponse:
    return JsonResponse({"detail": "Not found."}, status=404)


urlpatterns: list = [
    path("ask/", AskView.as_view(), name="ask"),
    path("chat/", ChatView.as_view(), name="chat"),
    path("events/", EventsView.as_view(), name="events"),
    path("events/mine/", MyEventsView.as_view(), name="events-mine"),
    path("products/<str:product_id>/similar/", SimilarProductsView.as_view(), name="similar"),
    path(
        "products/<str:product_id>/bought-together/",
        BoughtTogetherView.as_view(),
        name="bought-together",
    ),
    path("recommendations/", RecommendationsView.as_view(), name="recommendations"),
    path("trending/", TrendingView.as_view(), name="trending"),
    path("search/", SearchView.as_view(), name="search"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="shop_assistant:schema"), name="docs"),
    # Anything else under the API's prefix is a JSON 404 (Django's would be an HTML page,
    # listing the URLconf with DEBUG on).
    re_path(r"", not_found, name="not-found"),
]
