"""Conversations of the shopping guide, stored per visitor (see shop_assistant.guide)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    """One visitor's conversation with the guide: its constraints and the products shown.

    ``state`` is the guide's memory (constraints, the need, products shown); ``turns`` the
    bounded list of messages and replies. Owned like events: a user and/or an anonymous
    visitor id, and deleted with that visitor's data.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    visitor_id = models.CharField(_("visitor id"), max_length=64, blank=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language"), max_length=16, blank=True)
    state = models.JSONField(_("state"), default=dict, blank=True)
    turns = models.JSONField(_("turns"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("guide conversation")

    def __str__(self) -> str:
        return f"conversation {self.pk} ({len(self.turns)} turns)"
