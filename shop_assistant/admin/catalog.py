"""Admin of catalog entries: index state per product, "Re-index selected", "Rebuild catalog".

Nothing here encodes: the actions create an :class:`~shop_assistant.models.IndexJob` and
queue it, then redirect to the job's page where its progress shows.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..indexing.health import index_health
from ..indexing.jobs import start_job
from ..indexing.spaces import get_or_create_active_space
from ..language import shop_languages
from ..models import CatalogEntry, Embedding, EmbeddingSpace, IndexJob, Passage
from . import playground


class LanguageFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "language"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(code, code) for code in shop_languages()]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        return queryset.filter(languages__contains=[value]) if value else queryset


class SpaceFilter(admin.SimpleListFilter):
    """Entries with vectors in a space, or with passages still missing one there."""

    title = _("embedding space")
    parameter_name = "space"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        choices: list[tuple[str, str]] = []
        for pk, name in EmbeddingSpace.objects.order_by("pk").values_list("pk", "name"):
            choices.append((f"in-{pk}", _("indexed in %(name)s") % {"name": name}))
            choices.append((f"missing-{pk}", _("missing from %(name)s") % {"name": name}))
        return choices

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value() or ""
        which, _sep, pk = value.partition("-")
        if not pk.isdigit():
            return queryset
        vectors = Embedding.objects.filter(space_id=int(pk))
        if which == "in":
            return queryset.filter(Exists(vectors.filter(entry_id=OuterRef("pk"))))
        if which == "missing":
            unembedded = Passage.objects.filter(entry_id=OuterRef("pk")).exclude(
                Exists(vectors.filter(passage_id=OuterRef("pk")))
            )
            return queryset.filter(Exists(unembedded))
        return queryset


class PassageInline(admin.TabularInline):
    model = Passage
    fields = ("kind", "language", "position", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("language", "kind", "position")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CatalogEntry)
class CatalogEntryAdmin(admin.ModelAdmin):
    list_display = (
        "title_display",
        "product_id",
        "status",
        "language_list",
        "space_list",
        "is_published",
        "in_stock",
        "price",
        "indexed_at",
    )
    list_filter = (
        "status",
        LanguageFilter,
        SpaceFilter,
        "is_published",
        "in_stock",
    )
    search_fields = ("titles", "brand")
    ordering = ("-indexed_at",)
    actions = ("reindex_selected",)
    inlines = (PassageInline,)
    exclude = ("content_hash",)

    # -- read-only: entries are written by the indexer only -----------------------------
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in CatalogEntry._meta.concrete_fields if f.name != "content_hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        spaces = (
            Embedding.objects.filter(entry_id=OuterRef("pk"))
            .order_by()
            .values("entry_id")
            .annotate(names=ArrayAgg("space__name", distinct=True))
            .values("names")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(space_names=Subquery(spaces, output_field=ArrayField(models.TextField())))
        )

    # -- columns ----------------------------------------------------------------------
    @admin.display(description=_("title"))
    def title_display(self, obj: CatalogEntry) -> str:
        return obj.title or _("(no title)")

    @admin.display(description=_("languages"))
    def language_list(self, obj: CatalogEntry) -> str:
        return ", ".join(obj.languages)

    @admin.display(description=_("indexed in spaces"))
    def space_list(self, obj: CatalogEntry) -> str:
        names = sorted(getattr(obj, "space_names", None) or [])
        if not names:
            return "—"
        return format_html_join(", ", "{}", ((name,) for name in names))

    # -- actions ----------------------------------------------------------------------
    @admin.action(description=_("Re-index selected products"), permissions=["change"])
    def reindex_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        ids = list(queryset.order_by("product_id").values_list("product_id", flat=True))
        job = start_job(IndexJob.Kind.PRODUCTS, get_or_create_active_space(), product_ids=ids)
        self.message_user(
            request,
            format_html(
                _("Queued re-indexing of {} product(s): <a href='{}'>job #{}</a>."),
                len(ids),
                reverse("admin:shop_assistant_indexjob_change", args=[job.pk]),
                job.pk,
            ),
            messages.SUCCESS,
        )

    # -- the "Rebuild catalog" button -------------------------------------------------
    def get_urls(self) -> list:
        pages = [
            ("rebuild/", self.rebuild_view, "rebuild"),
            ("health/", self.health_view, "health"),
            ("playground/", self.playground_view, "playground"),
        ]
        own = [
            path(route, self.admin_site.admin_view(view), name=f"shop_assistant_catalogentry_{n}")
            for route, view, n in pages
        ]
        return [*own, *super().get_urls()]

    def health_view(self, request: HttpRequest) -> HttpResponse:
        """Indexed / stale / failed entries, each space per language, the latest jobs."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "health": index_health()}
        return TemplateResponse(request, "admin/shop_assistant/catalogentry/health.html", context)

    def playground_view(self, request: HttpRequest) -> HttpResponse:
        """A query answered by the hybrid search, keywords alone and vectors alone."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = playground.PlaygroundForm(request.GET or None)
        results, preview = playground.run(form) if form.is_valid() else ({}, None)
        columns = [(mode, label, results[mode]) for mode, label in playground.MODES if results]
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "results": results,
            "columns": columns,
            "preview": preview,
        }
        return TemplateResponse(
            request, "admin/shop_assistant/catalogentry/playground.html", context
        )

    def rebuild_view(self, request: HttpRequest) -> HttpResponse:
        """POST: queue a re-index of the whole catalog into the active space."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            self.message_user(request, _("You may not re-index the catalog."), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:shop_assistant_catalogentry_changelist"))
        job = start_job(IndexJob.Kind.REINDEX, get_or_create_active_space())
        self.message_user(request, _("Queued a re-index of the whole catalog (job #%d).") % job.pk)
        return HttpResponseRedirect(reverse("admin:shop_assistant_indexjob_change", args=[job.pk]))
