"""What the search log says about shoppers: searches per day, queries that found
nothing, the most searched queries per language (for the admin's analytics page; click-
through and conversion per query are in :mod:`shop_assistant.recommend.attribution`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import Lower, Trim, TruncDate
from django.utils import timezone

from ..conf import app_settings
from ..models import SearchLog


@dataclass(frozen=True)
class QueryCount:
    query: str
    language: str
    searches: int


def searches_per_day(days: int = 30, *, using: str | None = None) -> list[tuple[date, int]]:
    """Searches on each of the last ``days`` days (today included), oldest first."""
    today = timezone.localdate()
    first = today - timedelta(days=days - 1)
    rows = (
        SearchLog.objects.using(using or app_settings.DATABASE)
        .filter(created_at__date__gte=first)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("pk"))
    )
    counts = {row["day"]: row["n"] for row in rows}
    return [
        (first + timedelta(days=i), counts.get(first + timedelta(days=i), 0)) for i in range(days)
    ]


def _grouped(queryset, limit: int) -> list[QueryCount]:
    rows = (
        queryset.annotate(normalized=Lower(Trim("query")))
        .values("normalized", "language")
        .annotate(searches=Count("pk"))
        .order_by("-searches", "normalized")[:limit]
    )
    return [QueryCount(r["normalized"], r["language"], r["searches"]) for r in rows]


def zero_result_queries(limit: int = 20, *, using: str | None = None) -> list[QueryCount]:
    """The queries most often searched that found nothing: what the shop lacks or names
    differently."""
    logs = SearchLog.objects.using(using or app_settings.DATABASE).filter(count=0)
    return _grouped(logs, limit)


def top_queries(limit: int = 10, *, using: str | None = None) -> dict[str, list[QueryCount]]:
    """The most searched queries of each language, the busiest language first."""
    logs = SearchLog.objects.using(using or app_settings.DATABASE)
    languages = (
        logs.values("language")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("language", flat=True)
    )
    return {language: _grouped(logs.filter(language=language), limit) for language in languages}
