"""The base view of every endpoint: permissions, throttles and errors from one place.

``SHOP_ASSISTANT["PERMISSION_CLASSES"]`` and ``["THROTTLE_CLASSES"]`` (dotted paths, read
per request) apply to every endpoint, so a shop can require authentication or use its
own throttle without subclassing the views; each view names its throttle scope
(``shop_assistant.search``, ...). Errors raised by the services are rendered by
:func:`shop_assistant.api.exceptions.exception_handler`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from ..conf import app_settings
from ..core.loading import load_class
from .exceptions import exception_handler


class LazyScopedRateThrottle(ScopedRateThrottle):
    """DRF's scoped throttle reading ``DEFAULT_THROTTLE_RATES`` per request (DRF reads
    them once, at import); a scope without a configured rate is not throttled."""

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


def _instances(setting: str) -> list[Any]:
    return [
        load_class(f'SHOP_ASSISTANT["{setting}"]', path)[0]()
        for path in getattr(app_settings, setting)
    ]


class ShopAssistantView(APIView):
    """An endpoint of shop_assistant (see the module docstring)."""

    throttle_scope: ClassVar[str] = ""

    def get_permissions(self) -> list[Any]:
        return _instances("PERMISSION_CLASSES")

    def get_throttles(self) -> list[Any]:
        return _instances("THROTTLE_CLASSES")

    def get_exception_handler(self) -> Callable[..., Any]:
        return exception_handler
