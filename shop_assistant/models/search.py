"""The search log: every search under a query id, for click and purchase attribution."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchLog(models.Model):
    query_id = models.UUIDField(_("query id"), primary_key=True, default=uuid.uuid4, editable=False)
    query = models.CharField(_("query"), max_length=512)
    language = models.CharField(_("language"), max_length=16)
    language_source = models.CharField(_("language source"), max_length=16, blank=True)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    result_ids = models.JSONField(_("result product ids"), default=list, blank=True)
    count = models.PositiveIntegerField(_("matching products"), default=0)
    latency_ms = models.FloatField(_("latency (ms)"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search log entry")
        verbose_name_plural = _("search log")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.query!r} ({self.language})"
