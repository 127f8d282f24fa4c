from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/assistant/", include("shop_assistant.api.urls")),
    path("", include("tests.testapp.urls")),
]
