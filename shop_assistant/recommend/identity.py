"""Who a visitor is: the authenticated user, else an anonymous visitor id.

The anonymous id comes from a signed cookie that the events API sets on a visitor's
first event, or from the same signed value sent as an ``X-Visitor-Id`` header by a
headless frontend (the ``visitor_token`` the events API returns). An unsigned or forged
id is refused, so knowing a visitor's id does not make anyone that visitor. Events are
always written for the visitor resolved here, never for one named in a payload.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import Q
from django.http import HttpRequest, HttpResponse

from ..conf import app_settings
from ..core.errors import ShopAssistantError

HEADER = "HTTP_X_VISITOR_ID"
COOKIE_SALT = "shop_assistant.visitor"
COOKIE_MAX_AGE = 365 * 24 * 3600
_VALID_ID = re.compile(r"^[A-Za-z0-9_.:-]{8,64}$")


class InvalidVisitorId(ShopAssistantError):
    """An ``X-Visitor-Id`` header that is not a token this shop signed: refused (403),
    whatever its shape, so a guessed or copied id is never taken for a visitor."""

    status_code = 403
    code = "forged_visitor"
    field = "X-Visitor-Id"


@dataclass(frozen=True)
class Visitor:
    """The owner of events: a user (``user_id``), an anonymous ``visitor_id``, or both."""

    user_id: Any | None = None
    visitor_id: str = ""
    minted: bool = False  # the id was created by this request: set the cookie

    @property
    def is_known(self) -> bool:
        return self.user_id is not None or bool(self.visitor_id)

    def history_q(self) -> Q:
        """Events of this visitor: a user's own, plus anonymous ones from the same browser."""
        anonymous = Q(user__isnull=True, visitor_id=self.visitor_id) if self.visitor_id else None
        if self.user_id is not None:
            return Q(user_id=self.user_id) | anonymous if anonymous else Q(user_id=self.user_id)
        return anonymous if anonymous else Q(pk__in=[])


def is_valid_visitor_id(value: str) -> bool:
    return bool(_VALID_ID.match(value))


def _signer() -> signing.Signer:
    # The cookie's own signer: the token a headless frontend sends is the cookie's value.
    return signing.get_cookie_signer(salt=app_settings.VISITOR_COOKIE + COOKIE_SALT)


def visitor_token(visitor_id: str) -> str:
    """The signed token of an anonymous visitor (the visitor cookie's value), which a
    headless frontend sends back as ``X-Visitor-Id``; only the server can make one."""
    return _signer().sign(visitor_id)


def visitor_id_from(request: HttpRequest) -> str:
    """The anonymous id the request carries, from the signed ``X-Visitor-Id`` token or the
    signed cookie ("" when none). A header that is not a valid token raises: an id alone
    (unsigned, guessed or copied from somewhere) never identifies a visitor."""
    header = request.META.get(HEADER, "").strip()
    if header:
        try:
            value = _signer().unsign(header, max_age=COOKIE_MAX_AGE)
        except signing.BadSignature:
            value = ""
        if not is_valid_visitor_id(value):
            raise InvalidVisitorId(
                "X-Visitor-Id must be the visitor_token the events API returned "
                "(signed by this shop)."
            )
        return value
    try:
        value = request.get_signed_cookie(
            app_settings.VISITOR_COOKIE, default="", salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE
        )
    except signing.BadSignature:
        return ""
    return value if is_valid_visitor_id(value) else ""


def resolve_visitor(request: HttpRequest, *, mint: bool = False) -> Visitor:
    """The visitor of ``request``; with ``mint``, a new anonymous id when there is none."""
    visitor_id = visitor_id_from(request)
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    if not visitor_id and mint:
        return Visitor(user_id, uuid.uuid4().hex, minted=True)
    return Visitor(user_id, visitor_id)


def remember_visitor(response: HttpResponse, visitor: Visitor, *, secure: bool) -> None:
    """Set the signed visitor cookie when ``visitor``'s id was minted by this request."""
    if visitor.minted:
        response.set_signed_cookie(
            app_settings.VISITOR_COOKIE,
            visitor.visitor_id,
            salt=COOKIE_SALT,
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=secure,
        )


def forget_visitor(response: HttpResponse) -> None:
    """Drop the visitor cookie (after the visitor deleted their events)."""
    response.delete_cookie(app_settings.VISITOR_COOKIE, samesite="Lax")
