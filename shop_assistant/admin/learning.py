"""Admin of learned versions: their reports (before / after per language), activation and
rollback. Versions are made by ``shop_assistant_learn`` or the space's "Learn from
traffic" action, never edited by hand."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..learning.service import activate_version, format_report
from ..models import LearnedVersion


@admin.register(LearnedVersion)
class LearnedVersionAdmin(admin.ModelAdmin):
    list_display = ("pk", "space", "state", "gain", "created_at", "activated_at")
    list_filter = ("state", "space")
    fields = (
        "space",
        "state",
        "created_at",
        "activated_at",
        "languages",
        "fusion",
        "priors_count",
        "report_table",
    )
    readonly_fields = fields
    actions = ("activate_selected",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("nDCG@10 gain (held back)"))
    def gain(self, obj: LearnedVersion) -> Any:
        return (obj.report or {}).get("gain")

    @admin.display(description=_("product priors"))
    def priors_count(self, obj: LearnedVersion) -> int:
        return len(obj.priors or {})

    @admin.display(description=_("report"))
    def report_table(self, obj: LearnedVersion) -> str:
        return format_html("<pre>{}</pre>", format_report(obj))

    @admin.action(description=_("Activate selected version"), permissions=["change"])
    def activate_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one version."), messages.ERROR)
            return
        version = activate_version(queryset.get())
        self.message_user(request, _("Version %s is active.") % version.pk)
