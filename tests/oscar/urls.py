from django.apps import apps
from django.urls import include, path

urlpatterns = [
    path("api/assistant/", include("shop_assistant.api.urls")),
    path("", include(apps.get_app_config("oscar").urls[0])),
]
