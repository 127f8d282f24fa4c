"""OpenAPI schema (``schema/``) and Swagger UI (``docs/``) of the API, via drf-spectacular.

Swagger UI's assets come from wherever ``SPECTACULAR_SETTINGS["SWAGGER_UI_DIST"]`` says;
set it to ``"SIDECAR"`` (with ``drf_spectacular_sidecar`` installed, as in the demo) to
serve them from the host itself instead of a CDN.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

#: What each error status means, for every endpoint that can answer it. Bodies are JSON:
#: ``{"detail": message}``, or ``{field: [message, ...]}`` for input that names a field.
ERROR_MEANINGS = {
    400: "Invalid input: a message per field (or `detail`).",
    403: "X-Visitor-Id is not a token this shop signed.",
    404: "Unknown, unpublished or not yet indexed product.",
    413: "The request body is larger than 512 KB.",
    415: "The body is not JSON.",
    429: "Too many requests for this scope; see Retry-After.",
    503: "The database or the broker is away; try again after Retry-After seconds.",
}


def errors(*codes: int, **meanings: str) -> dict[int, OpenApiResponse]:
    """Documented error responses (``meanings``: ``e400="..."`` overrides a description)."""
    return {
        code: OpenApiResponse(
            response=OpenApiTypes.OBJECT,
            description=meanings.get(f"e{code}", ERROR_MEANINGS[code]),
        )
        for code in codes
    }


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema (YAML, or JSON with ``?format=json``)."""

    permission_classes = [AllowAny]


class SwaggerView(SpectacularSwaggerView):
    """Interactive docs rendering :class:`SchemaView`'s schema."""

    permission_classes = [AllowAny]
