"""Conversations stored server-side per visitor: signed ids, a time to live, bounded turns.

A conversation id handed to a client is signed, so a guessed or forged id is refused,
and it is only served to the visitor (user or anonymous id) that started it; an
expired, unknown or foreign conversation is "not found" alike.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core import signing
from django.utils import timezone

from ..conf import app_settings
from ..core.errors import ShopAssistantError
from ..models import Conversation
from ..recommend.identity import Visitor

_SALT = "shop_assistant.guide.conversation"


class ConversationNotFound(ShopAssistantError):
    status_code = 404
    code = "conversation_not_found"
    field = "conversation_id"


def sign(conversation: Conversation) -> str:
    return signing.Signer(salt=_SALT).sign(str(conversation.pk))


def open(conversation_id: str | None, visitor: Visitor) -> Conversation:  # noqa: A001
    """The visitor's conversation ``conversation_id`` (a new, unsaved one when None)."""
    if not conversation_id:
        return Conversation(
            visitor_id=visitor.visitor_id, user_id=visitor.user_id, state={}, turns=[]
        )
    try:
        pk = signing.Signer(salt=_SALT).unsign(str(conversation_id))
    except signing.BadSignature:
        raise ConversationNotFound("No such conversation.") from None
    fresh = timezone.now() - timedelta(seconds=app_settings.GUIDE_CONVERSATION_TTL)
    conversation = (
        Conversation.objects.filter(pk=pk, updated_at__gte=fresh)
        .filter(visitor.history_q())
        .first()
    )
    if conversation is None:
        raise ConversationNotFound("No such conversation, or it has expired.")
    return conversation


def save(conversation: Conversation, message: str, reply: Any) -> str:
    """Store the turn (the oldest dropped past ``GUIDE_MAX_TURNS``); the signed id."""
    conversation.language = conversation.state.get("language", "")
    conversation.turns = [
        *conversation.turns,
        {
            "message": message,
            "reply": reply.reply,
            "action": reply.action,
            "products": [str(card.product_id) for card in reply.products],
            "at": timezone.now().isoformat(),
        },
    ][-int(app_settings.GUIDE_MAX_TURNS) :]
    conversation.save()
    return sign(conversation)


def purge_expired(now: Any = None) -> int:
    """Delete conversations idle for longer than ``GUIDE_CONVERSATION_TTL``."""
    cutoff = (now or timezone.now()) - timedelta(seconds=app_settings.GUIDE_CONVERSATION_TTL)
    return Conversation.objects.filter(updated_at__lt=cutoff).delete()[0]
