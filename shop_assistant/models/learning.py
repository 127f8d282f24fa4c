"""Learned versions of an embedding space: what the shop's own traffic taught search.

A version holds a query-side residual adapter (``q' = normalize(q + q·W)``, ``W`` a
``dimension × dimension`` float32 matrix stored as bytes; documents keep their vectors)
and optionally learned fusion weights (for the languages it learned from) and per-product
priors (how often visitors chose each product when they saw it, the ``popularity``
feature). At most one version of a space is active; the
others are kept for rollback. Versions are made by :mod:`shop_assistant.learning`.
"""

from __future__ import annotations

import numpy as np
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .catalog import EmbeddingSpace


class LearnedVersionQuerySet(models.QuerySet["LearnedVersion"]):
    def active_for(self, space: EmbeddingSpace) -> LearnedVersion | None:
        return self.filter(space=space, state=LearnedVersion.State.ACTIVE).first()


class LearnedVersion(models.Model):
    """A query adapter, product priors and fusion weights trained on a space's search
    traffic."""

    class State(models.TextChoices):
        TRAINED = "trained", _("trained (not active)")
        ACTIVE = "active", _("active")
        RETIRED = "retired", _("retired")
        ROLLED_BACK = "rolled_back", _("rolled back")

    space = models.ForeignKey(
        EmbeddingSpace,
        on_delete=models.CASCADE,
        related_name="learned_versions",
        verbose_name=_("space"),
    )
    adapter = models.BinaryField(
        _("query adapter"), blank=True, help_text=_("float32 residual matrix, row-major.")
    )
    fusion = models.JSONField(
        _("fusion weights"),
        default=dict,
        blank=True,
        help_text=_("Weight per ranking feature; empty: the built-in fusion."),
    )
    priors = models.JSONField(
        _("product priors"),
        default=dict,
        blank=True,
        help_text=_(
            "Catalog entry id → how much more often visitors chose the product than others "
            "when they saw it (log-ratio, position-debiased); the 'popularity' feature."
        ),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_(
            "Languages of the searches it learned from; its fusion weights apply to searches "
            "in these (empty: every language). The adapter and the priors apply to all."
        ),
    )
    report = models.JSONField(_("report"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.TRAINED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    activated_at = models.DateTimeField(_("activated"), null=True, blank=True)

    objects = LearnedVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("learned version")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["space"],
                condition=Q(state="active"),
                name="shop_assistant_one_active_learned_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.space.name} v{self.pk} ({self.state})"

    def adapter_matrix(self) -> np.ndarray | None:
        """``W`` as a ``(dimension, dimension)`` array, or None when the version has none."""
        raw = bytes(self.adapter or b"")
        if not raw:
            return None
        values = np.frombuffer(raw, dtype=np.float32)
        side = int(round(len(values) ** 0.5))
        return values.reshape(side, side).copy()
