"""The API's exception handler: every :class:`~shop_assistant.core.errors.ShopAssistantError`
becomes a DRF response with the error's status, ``{field: [message]}`` when the error
names a field (like a serializer's validation error) and ``{"detail": message}`` otherwise.

Views get it through :class:`~shop_assistant.api.base.ShopAssistantView`, so a host does
not have to change its own ``EXCEPTION_HANDLER``; everything else goes to DRF's handler.
"""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ..core.errors import ShopAssistantError


def as_api_exception(error: ShopAssistantError) -> APIException:
    detail: Any = {error.field: [error.message]} if error.field else error.message
    converted = APIException(detail, code=error.code)
    converted.status_code = error.status_code
    return converted


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ShopAssistantError):
        exc = as_api_exception(exc)
    return drf_exception_handler(exc, context)
