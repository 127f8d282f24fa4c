"""OpenAPI schema (``schema/``) and Swagger UI (``docs/``) of the API, via drf-spectacular.

Swagger UI's assets come from wherever ``SPECTACULAR_SETTINGS["SWAGGER_UI_DIST"]`` says;
set it to ``"SIDECAR"`` (with ``drf_spectacular_sidecar`` installed, as in the demo) to
serve them from the host itself instead of a CDN.
"""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema (YAML, or JSON with ``?format=json``)."""

    permission_classes = [AllowAny]


class SwaggerView(SpectacularSwaggerView):
    """Interactive docs rendering :class:`SchemaView`'s schema."""

    permission_classes = [AllowAny]
