from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/assistant/", include("shop_assistant.api.urls")),
    # Browsers ask for /favicon.ico on every page, the admin's too.
    path("favicon.ico", RedirectView.as_view(url=static("shop/favicon.svg"), permanent=True)),
    path("", include("demo_project.shop.urls")),
]
