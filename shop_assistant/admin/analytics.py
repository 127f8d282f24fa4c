"""The search log in the admin, headed by the shop's search analytics: searches per day
(a chart), the queries that found nothing, the most searched queries per language, and
click-through and conversion per query from the attributed events."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ..models import SearchLog
from ..recommend.attribution import query_stats
from ..search.analytics import searches_per_day, top_queries, zero_result_queries
from .charts import bar_chart

DAYS = 30


@admin.register(SearchLog)
class SearchLogAdmin(admin.ModelAdmin):
    list_display = ("query", "language", "count", "latency_ms", "created_at")
    list_filter = ("language",)
    search_fields = ("query",)
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in SearchLog._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> Any:
        per_day = searches_per_day(DAYS)
        context = {
            **(extra_context or {}),
            "searches_chart": bar_chart(
                [(day.strftime("%d %b"), n) for day, n in per_day],
                title=str(_("Searches per day, last %(days)d days") % {"days": DAYS}),
                every=5,
            ),
            "searches_total": sum(n for _day, n in per_day),
            "zero_results": zero_result_queries(15),
            "top_queries": top_queries(8),
            "query_stats": query_stats(limit=15),
        }
        return super().changelist_view(request, context)
