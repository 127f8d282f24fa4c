"""Search attribution: click-through and conversion per query.

``search_click`` and ``purchase`` events that carry the ``query_id`` of a search are
linked to its :class:`~shop_assistant.models.SearchLog` row when stored; this module
reads those links back per query (queries compared case- and space-insensitively).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower, Trim

from ..conf import app_settings
from ..models import Interaction, SearchLog


@dataclass(frozen=True)
class QueryStats:
    """How one query performed."""

    query: str
    searches: int
    clicked: int  # searches followed by at least one search_click
    converted: int  # searches followed by at least one purchase

    @property
    def click_through_rate(self) -> float:
        return self.clicked / self.searches if self.searches else 0.0

    @property
    def conversion_rate(self) -> float:
        return self.converted / self.searches if self.searches else 0.0


def query_stats(
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = None,
    using: str | None = None,
) -> list[QueryStats]:
    """Searches, click-through and conversion per query, most searched first."""
    db = using or app_settings.DATABASE
    logs = SearchLog.objects.using(db).all()
    if since is not None:
        logs = logs.filter(created_at__gte=since)
    if until is not None:
        logs = logs.filter(created_at__lt=until)
    linked = Interaction.objects.using(db).filter(search_id=OuterRef("pk"))
    rows = (
        logs.annotate(
            normalized=Lower(Trim("query")),
            was_clicked=Exists(linked.filter(type=Interaction.Type.SEARCH_CLICK)),
            was_bought=Exists(linked.filter(type=Interaction.Type.PURCHASE)),
        )
        .order_by()
        .values("normalized")
        .annotate(
            searches=Count("pk"),
            clicked=Count("pk", filter=Q(was_clicked=True)),
            converted=Count("pk", filter=Q(was_bought=True)),
        )
        .order_by("-searches", "normalized")
    )
    if limit is not None:
        rows = rows[:limit]
    return [QueryStats(r["normalized"], r["searches"], r["clicked"], r["converted"]) for r in rows]
