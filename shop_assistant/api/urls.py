"""URLs of the API; the host includes them under any prefix (the demo uses /api/assistant/)."""

from django.urls import path  # noqa: F401

app_name = "shop_assistant"

urlpatterns: list = [
    # Each area adds its routes here (search, events, recommendations, ask, schema/docs).
]
