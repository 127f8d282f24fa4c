"""Signal receivers of the recommendations, connected from ``AppConfig.ready()``.

At login, the anonymous history of the browser (visitor cookie or ``X-Visitor-Id``)
joins the user's, so recommendations carry over.
"""

from __future__ import annotations

from typing import Any

from .events import merge_visitor_into_user
from .identity import InvalidVisitorId, visitor_id_from


def merge_anonymous_history(
    sender: Any, request: Any = None, user: Any = None, **kwargs: Any
) -> None:
    if request is None or user is None:
        return
    try:
        visitor_id = visitor_id_from(request)
    except InvalidVisitorId:
        return
    merge_visitor_into_user(visitor_id, user)
