"""Admin of index jobs: list and detail with a progress bar that refreshes by itself.

The detail page polls a small JSON endpoint (``<job id>/status/``) every two seconds
until the job finishes; the list reloads itself while a job is queued or running.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..indexing.jobs import cancel_jobs, requeue_jobs
from ..models import IndexJob

#: Errors shown on the job page and returned by the status endpoint.
ERRORS_SHOWN = 50


def format_eta(job: IndexJob) -> str:
    eta = job.eta
    if eta is None:
        return "—"
    seconds = int(eta.total_seconds())
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def job_status(job: IndexJob) -> dict[str, Any]:
    """What the progress bar shows, as JSON-ready values."""
    eta = job.eta
    errors = list(job.errors.items())
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "status_display": str(job.get_status_display()),
        "finished": job.is_finished,
        "total": job.total,
        "done": job.done,
        "failed": job.failed,
        "percent": round(job.progress * 100, 1),
        "eta_seconds": round(eta.total_seconds()) if eta is not None else None,
        "eta": format_eta(job),
        "heartbeat_at": job.heartbeat_at.isoformat() if job.heartbeat_at else None,
        "errors": [{"product": pk, "message": msg} for pk, msg in errors[:ERRORS_SHOWN]],
        "error_count": len(errors),
        "result": job.result,
    }


@admin.register(IndexJob)
class IndexJobAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "kind",
        "space",
        "status",
        "progress_bar",
        "counts",
        "eta_display",
        "started_at",
        "heartbeat_at",
    )
    list_filter = ("status", "kind", "space")
    list_select_related = ("space",)
    actions = ("cancel_selected", "requeue_selected")
    fields = (
        "kind",
        "space",
        "status",
        "total",
        "done",
        "failed",
        "cursor",
        "created_at",
        "started_at",
        "heartbeat_at",
        "finished_at",
        "options",
        "result",
    )
    readonly_fields = fields

    # -- a view-only model (jobs are created by actions and commands) ------------------
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_manage_permission(self, request: HttpRequest) -> bool:
        """Cancel and re-queue: for users who may change jobs."""
        return request.user.has_perm("shop_assistant.change_indexjob")

    # -- columns ----------------------------------------------------------------------
    @admin.display(description=_("progress"))
    def progress_bar(self, obj: IndexJob) -> str:
        percent = round(obj.progress * 100)
        return format_html(
            '<progress value="{}" max="100" style="width:8em">{}%</progress> {}%',
            percent,
            percent,
            percent,
        )

    @admin.display(description=_("done / total (failed)"))
    def counts(self, obj: IndexJob) -> str:
        return f"{obj.done} / {obj.total} ({obj.failed})"

    @admin.display(description=_("ETA"))
    def eta_display(self, obj: IndexJob) -> str:
        return format_eta(obj)

    # -- actions ----------------------------------------------------------------------
    @admin.action(description=_("Cancel selected jobs"), permissions=["manage"])
    def cancel_selected(self, request: HttpRequest, queryset: Any) -> None:
        count = cancel_jobs(list(queryset.values_list("pk", flat=True)))
        self.message_user(request, _("Cancelled %d job(s).") % count, messages.SUCCESS)

    @admin.action(description=_("Resume selected failed or cancelled jobs"), permissions=["manage"])
    def requeue_selected(self, request: HttpRequest, queryset: Any) -> None:
        ids = requeue_jobs(list(queryset.values_list("pk", flat=True)))
        self.message_user(request, _("Queued %d job(s) again.") % len(ids), messages.SUCCESS)

    # -- pages ------------------------------------------------------------------------
    def get_urls(self) -> list:
        status = path(
            "<int:object_id>/status/",
            self.admin_site.admin_view(self.status_view),
            name="shop_assistant_indexjob_status",
        )
        return [status, *super().get_urls()]

    def status_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        if not self.has_view_permission(request):
            return JsonResponse({"detail": "Permission denied."}, status=403)
        job = get_object_or_404(IndexJob, pk=object_id)
        return JsonResponse(job_status(job))

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> Any:
        active = IndexJob.objects.filter(
            status__in=[IndexJob.Status.QUEUED, IndexJob.Status.RUNNING]
        ).exists()
        return super().changelist_view(
            request, {**(extra_context or {}), "has_active_jobs": active}
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> Any:
        job = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if job is not None:
            context["job_status"] = job_status(job)
            context["status_url"] = reverse("admin:shop_assistant_indexjob_status", args=[job.pk])
        return super().change_view(request, object_id, form_url, context)
