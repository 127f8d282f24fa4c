"""Bulk indexing jobs: progress, heartbeat and per-product errors, resumable."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .catalog import EmbeddingSpace


class IndexJob(models.Model):
    """One bulk run (re-index, space build); workers record progress here."""

    class Kind(models.TextChoices):
        REINDEX = "reindex", _("re-index catalog")
        PRODUCTS = "products", _("index products")
        BUILD_SPACE = "build_space", _("build embedding space")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    space = models.ForeignKey(
        EmbeddingSpace, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("space")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    product_ids = models.JSONField(
        _("product ids"), default=list, blank=True, help_text=_("Empty means the whole catalog.")
    )
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    # Resume point: products with a pk up to this one (in pk order) are done.
    cursor = models.CharField(_("cursor"), max_length=255, blank=True)
    errors = models.JSONField(_("errors per product"), default=dict, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)

    class Meta:
        verbose_name = _("index job")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="sa_job_status_hb")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.status})"

    @property
    def progress(self) -> float:
        return self.done / self.total if self.total else (1.0 if self.is_finished else 0.0)

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED, self.Status.CANCELLED)

    @property
    def eta(self) -> timedelta | None:
        """Remaining time at the observed rate, None before any progress."""
        if not self.started_at or not self.done or self.is_finished:
            return None
        elapsed = (timezone.now() - self.started_at).total_seconds()
        remaining = max(self.total - self.done, 0)
        return timedelta(seconds=elapsed / self.done * remaining)
