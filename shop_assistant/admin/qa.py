"""Admin for merchant FAQ entries, the Q&A evidence the shop writes itself."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import FAQEntry


@admin.register(FAQEntry)
class FAQEntryAdmin(admin.ModelAdmin):
    list_display = ("question", "language", "product", "is_published", "updated_at")
    list_filter = ("is_published", "language")
    search_fields = ("question", "answer")
    raw_id_fields = ("product",)
    list_editable = ("is_published",)
    ordering = ("question",)
    actions = ("publish", "unpublish")
    fieldsets = (
        (None, {"fields": ("question", "answer", "language")}),
        (
            _("Scope"),
            {
                "fields": ("product", "is_published"),
                "description": _(
                    "Leave the product empty for a shop-wide entry (shipping, returns, ...)."
                ),
            },
        ),
    )

    @admin.action(description=_("Publish selected FAQ entries"))
    def publish(self, request: HttpRequest, queryset: QuerySet[FAQEntry]) -> None:
        self._set_published(request, queryset, True)

    @admin.action(description=_("Unpublish selected FAQ entries"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[FAQEntry]) -> None:
        self._set_published(request, queryset, False)

    def _set_published(
        self, request: HttpRequest, queryset: QuerySet[FAQEntry], value: bool
    ) -> None:
        count = queryset.update(is_published=value)
        self.message_user(
            request,
            ngettext("%(count)d FAQ entry updated.", "%(count)d FAQ entries updated.", count)
            % {"count": count},
            messages.SUCCESS,
        )
