"""Privacy controls: visitors delete their events, a user's data is erased, old events expire.

:class:`~shop_assistant.models.Interaction` rows and the shopping guide's
:class:`~shop_assistant.models.Conversation` rows hold personal data here (deleted
together); the co-purchase pairs and popularity scores derived from events are
anonymous aggregates.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from ..conf import app_settings
from ..models import Conversation, Interaction
from .identity import Visitor


def delete_visitor_events(visitor: Visitor) -> int:
    """Delete the events of ``visitor`` (``DELETE events/mine/``); return how many."""
    if not visitor.is_known:
        return 0
    Conversation.objects.filter(visitor.history_q()).delete()
    return _delete(Interaction.objects.filter(visitor.history_q()))


def delete_user_data(user: Any) -> int:
    """Delete a user's events and the anonymous events of every browser they used."""
    visitor_ids = Interaction.objects.filter(user=user).exclude(visitor_id="").values("visitor_id")
    mine = Q(user=user) | Q(user__isnull=True, visitor_id__in=visitor_ids)
    Conversation.objects.filter(mine).delete()
    return _delete(Interaction.objects.filter(mine))


def purge_expired_events(*, days: int | None = None, now: datetime | None = None) -> int:
    """Delete events older than ``days`` (default ``EVENT_RETENTION_DAYS``; None keeps all)."""
    days = app_settings.EVENT_RETENTION_DAYS if days is None else days
    if days is None:
        return 0
    cutoff = (now or timezone.now()) - timedelta(days=int(days))
    return _delete(Interaction.objects.filter(timestamp__lt=cutoff))


def _delete(queryset: Any) -> int:
    return queryset.delete()[1].get(Interaction._meta.label, 0)
