"""The one error hierarchy of shop_assistant.

Services raise these; the API's exception handler (:mod:`shop_assistant.api.exceptions`)
turns any of them into a DRF response with ``status_code`` and a body naming ``field``
(or ``detail``) and ``code``, so no view maps exceptions itself. Python callers (a host's
own views, the demo storefront) catch :class:`ShopAssistantError` or a subclass.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import InterfaceError, OperationalError


class ShopAssistantError(Exception):
    """Bad input or a state that forbids the operation; ``status_code`` is its HTTP status."""

    status_code: int = 400
    code: str = "invalid"
    field: str | None = None

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        if field is not None:
            self.field = field
        if code is not None:
            self.code = code


class InvalidInput(ShopAssistantError):
    """An argument a service cannot work with (blank text, a page out of range, ...)."""


class UnknownLanguage(InvalidInput, ValueError):
    """An explicitly requested language that the shop does not serve."""

    code = "unknown_language"
    field = "lang"

    def __init__(self, code: str, allowed: Iterable[str]) -> None:
        self.language = code
        self.allowed: tuple[str, ...] = tuple(allowed)
        listed = ", ".join(sorted(self.allowed))
        super().__init__(f"Unknown language {code!r}. Allowed: {listed}.")


class ProductNotFound(ShopAssistantError, LookupError):
    """No published, indexed product with this id (unknown, unpublished or not indexed yet)."""

    status_code = 404
    code = "not_found"


class Conflict(ShopAssistantError):
    """The operation is not possible in the object's current state (e.g. an active space)."""

    status_code = 409
    code = "conflict"


#: Errors worth retrying later (the database or a remote encoder is away); anything else
#: is a property of the data and is recorded against the products concerned.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
)
