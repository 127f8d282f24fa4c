"""The API's exception handler: every error is a JSON response, nothing leaks.

* a :class:`~shop_assistant.core.errors.ShopAssistantError` keeps its status, with
  ``{field: [message]}`` when it names a field (like a serializer's validation error)
  and ``{"detail": message}`` otherwise;
* DRF's own exceptions (validation, 404, 405, throttling, ...) are DRF's responses;
* a body or query string over Django's limits is a 413 or a 400, the database or the
  broker being away a 503 with ``Retry-After``, and anything else a 500 whose body says
  only that (the exception is logged, with ``DEBUG`` too: no stack trace or setting ever
  reaches the client).

Views get it through :class:`~shop_assistant.api.base.ShopAssistantView`, so a host does
not have to change its own ``EXCEPTION_HANDLER``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ..core.errors import TRANSIENT_ERRORS, ShopAssistantError

logger = logging.getLogger(__name__)

#: Seconds a client is told to wait when a backing service is away.
RETRY_AFTER_SECONDS = 5


def as_api_exception(error: ShopAssistantError) -> APIException:
    detail: Any = {error.field: [error.message]} if error.field else error.message
    converted = APIException(detail, code=error.code)
    converted.status_code = error.status_code
    return converted


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    if isinstance(exc, ShopAssistantError):
        exc = as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is not None:
        return response
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": "The request body is too large."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, SuspiciousOperation):  # too many fields, a bad header, ...
        return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RecursionError):
        return Response(
            {"detail": "The request is nested too deeply."}, status=status.HTTP_400_BAD_REQUEST
        )
    if isinstance(exc, TRANSIENT_ERRORS) or _from_broker(exc):
        logger.warning("Service unavailable: %s: %s", type(exc).__name__, exc)
        return Response(
            {"detail": "The service is temporarily unavailable; try again shortly."},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    logger.exception("Unhandled error in %s", context.get("view"))
    return Response(
        {"detail": "Internal server error."}, status=status.HTTP_500_INTERNAL_SERVER_ERROR
    )


def _from_broker(exc: Exception) -> bool:
    return type(exc).__module__.startswith(("kombu.", "amqp.", "redis."))
