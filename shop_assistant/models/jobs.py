"""Bulk indexing jobs (progress, heartbeat, per-product errors, resumable) and the
coalesced index requests of single products."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
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
    # Token of the worker run holding the job; progress writes require it, so a run that
    # lost the job (cancelled, or resumed elsewhere after a missed heartbeat) stops.
    runner = models.CharField(_("runner"), max_length=64, blank=True, editable=False)
    # Outcome figures: passages encoded/skipped, canary report of a space build, ...
    result = models.JSONField(_("result"), default=dict, blank=True)
    # A job split into parts for several workers: each part covers its own products; the
    # parent sums their progress and finishes (HNSW index, canary) when all are done.
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="parts",
        verbose_name=_("part of"),
    )

    class Meta:
        verbose_name = _("index job")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="sa_job_status_hb")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.status})"

    @property
    def progress(self) -> float:
        if not self.total:
            return 1.0 if self.is_finished else 0.0
        return min(self.done / self.total, 1.0)

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


class IndexRequest(models.Model):
    """A product waiting to be indexed: at most one row per product.

    Saving a product inserts its row (if none) and queues one task; later saves inside the
    coalescing window find the row and queue nothing. The task deletes the rows it handles
    before reading the products, so a save while it runs queues a new round.
    """

    product = models.OneToOneField(
        settings.SHOP_ASSISTANT_PRODUCT_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("product"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("index request")

    def __str__(self) -> str:
        return f"index product {self.product_id} (requested {self.requested_at:%Y-%m-%d %H:%M:%S})"


class MaintenanceMark(models.Model):
    """Where a periodic pass left off (e.g. the reconciliation's cursor), kept between runs
    and shared by every worker."""

    name = models.CharField(_("name"), max_length=64, unique=True)
    value = models.JSONField(_("value"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("maintenance mark")

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"
