"""Failed logins are throttled per client address (the demo's admin login).

After :data:`MAX_FAILURES` failed logins from one address within :data:`WINDOW_SECONDS`,
further login attempts from it get a 429 until the window passes, so a password cannot
be guessed at the speed of the server. A host shop would use its own (django-axes, a
proxy rule); this is the demo's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

MAX_FAILURES = 10
WINDOW_SECONDS = 600


def _key(request: HttpRequest) -> str:
    return f"demo-login-failures:{request.META.get('REMOTE_ADDR', '')}"


@receiver(user_login_failed, dispatch_uid="demo.login_failed")
def count_failure(sender: Any, credentials: Any = None, request: Any = None, **kwargs: Any):
    if request is not None:
        key = _key(request)
        cache.add(key, 0, WINDOW_SECONDS)
        cache.incr(key)


class LoginThrottleMiddleware:
    """Refuses login POSTs from an address with too many recent failures."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method == "POST"
            and request.path.endswith("/login/")
            and (cache.get(_key(request)) or 0) >= MAX_FAILURES
        ):
            return HttpResponse(
                "Too many failed logins; try again later.",
                status=429,
                headers={"Retry-After": str(WINDOW_SECONDS)},
                content_type="text/plain",
            )
        return self.get_response(request)
