"""The base view of every endpoint: authentication, permissions, throttles, parsing and
errors from one place.

``SHOP_ASSISTANT["AUTHENTICATION_CLASSES"]``, ``["PERMISSION_CLASSES"]`` and
``["THROTTLE_CLASSES"]`` (dotted paths, read per request) apply to every endpoint, so a
shop can require authentication or use its own throttle without subclassing the views:
no authentication scheme runs that the shop did not choose (DRF's default list includes
HTTP Basic, which would let anyone try passwords against the API). Each view names its
throttle scope; :class:`ClientRateThrottle` counts per client address, trusting
``X-Forwarded-For`` only from the proxies ``SHOP_ASSISTANT["TRUSTED_PROXIES"]`` names.
Bodies are JSON (what the schema can describe exactly), at most :data:`MAX_BODY_BYTES`
(refused unread beyond) and nested at most :data:`MAX_JSON_DEPTH` levels. Errors of every kind
are rendered by :func:`shop_assistant.api.exceptions.exception_handler` as JSON.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any, ClassVar

from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from ..conf import app_settings
from ..core.loading import load_class
from .exceptions import exception_handler

#: Deepest nesting of a JSON body (an event batch needs 3 levels).
MAX_JSON_DEPTH = 20
#: Largest request body read, in bytes (a batch of 500 events is about 100 KB): a larger
#: one is refused from its Content-Length, before any of it is read.
MAX_BODY_BYTES = 512 * 1024


def client_address(request: Request) -> str:
    """The client's address: ``REMOTE_ADDR``, or when that is a trusted proxy, the last
    address of ``X-Forwarded-For`` that is not one (what a proxy appended, not what the
    client claimed)."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = [ipaddress.ip_network(p, strict=False) for p in app_settings.TRUSTED_PROXIES]
    if not trusted or not _within(remote, trusted):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for address in reversed([a.strip() for a in forwarded.split(",") if a.strip()]):
        if not _within(address, trusted):
            return address
    return remote


def _within(address: str, networks: list[Any]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


class ClientRateThrottle(ScopedRateThrottle):
    """The view's scope throttled at ``SHOP_ASSISTANT["THROTTLE_RATES"][scope]`` per client
    (authenticated users by their id, others by :func:`client_address`); a scope without
    a rate is not throttled."""

    def get_rate(self) -> str | None:
        return app_settings.THROTTLE_RATES.get(self.scope)

    def get_ident(self, request: Request) -> str:
        return client_address(request)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        key = super().get_cache_key(request, view)
        return f"shop_assistant:{key}" if key else None


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser that refuses bodies nested deeper than :data:`MAX_JSON_DEPTH`
    (a deeply nested body would otherwise exhaust the parser's recursion)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None):
        data = super().parse(stream, media_type, parser_context)
        if _depth(data) > MAX_JSON_DEPTH:
            raise ParseError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels.")
        return data


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return deepest


def _instances(setting: str) -> list[Any]:
    return [
        load_class(f'SHOP_ASSISTANT["{setting}"]', path)[0]()
        for path in getattr(app_settings, setting)
    ]


class ShopAssistantView(APIView):
    """An endpoint of shop_assistant (see the module docstring)."""

    throttle_scope: ClassVar[str] = ""
    parser_classes = [BoundedJSONParser]

    def get_authenticators(self) -> list[Any]:
        return _instances("AUTHENTICATION_CLASSES")

    def get_permissions(self) -> list[Any]:
        return _instances("PERMISSION_CLASSES")

    def get_throttles(self) -> list[Any]:
        return _instances("THROTTLE_CLASSES")

    def get_exception_handler(self) -> Callable[..., Any]:
        return exception_handler

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise ParseError("Content-Length is not a number.") from None
        if length > MAX_BODY_BYTES:
            raise BodyTooLarge(f"The request body is larger than {MAX_BODY_BYTES} bytes.")
        super().initial(request, *args, **kwargs)


class BodyTooLarge(APIException):
    status_code = 413
    default_detail = "The request body is too large."
    default_code = "too_large"
