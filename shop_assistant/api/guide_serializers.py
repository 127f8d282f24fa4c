"""Serializers of the shopping guide endpoint: the message, and the reply."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..guide.service import MAX_MESSAGE_LENGTH
from .card_serializers import ProductCardSerializer
from .common import LanguageField, PlainTextField, StrictBooleanField
from .qa_serializers import CitationSerializer


class ChatRequestSerializer(serializers.Serializer):
    message = PlainTextField(
        max_length=MAX_MESSAGE_LENGTH,
        help_text="What the shopper says, in any language the shop serves.",
    )
    conversation_id = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="The `conversation_id` of the previous reply; omit it to start a new one.",
    )
    lang = LanguageField(
        required=False,
        help_text="Reply language; by default the message's detected language (a short "
        "follow-up keeps the conversation's), then Accept-Language.",
    )
    stream = StrictBooleanField(
        required=False,
        default=False,
        help_text="Reply as text/event-stream: the reply text as a `delta` event, then "
        "the `reply` event holding the whole body.",
    )


class GuideProductSerializer(ProductCardSerializer):
    reason = serializers.CharField(
        help_text="Why it is shown, from its own data (wanted values, weight, price, stock)."
    )


class ChatReplySerializer(serializers.Serializer):
    conversation_id = serializers.CharField(help_text="Send it back with the next message.")
    reply = serializers.CharField(help_text="The guide's answer, in `language`.")
    language = serializers.CharField(help_text="The language `reply` is written in.")
    action = serializers.ChoiceField(
        choices=["products", "compare", "answer", "clarify", "nothing"],
        help_text="What the reply does: lists products, compares the products shown, "
        "answers a question about one, asks a clarifying question, or found nothing.",
    )
    products = serializers.SerializerMethodField()
    constraints = serializers.DictField(
        help_text="What the guide understood so far: need, category, price bounds, "
        "in_stock, attributes, exclude_brands, similar_to."
    )
    clarifying_question = serializers.CharField(allow_null=True)
    citations = CitationSerializer(many=True)
    suggestions = serializers.ListField(
        child=serializers.CharField(),
        help_text="Follow-up chips: send one back as the next message.",
    )

    @extend_schema_field(GuideProductSerializer(many=True))
    def get_products(self, reply: Any) -> list[dict[str, Any]]:
        rows = ProductCardSerializer(reply.products, many=True).data
        return [
            {**row, "reason": reply.reasons.get(card.product_id, "")}
            for row, card in zip(rows, reply.products, strict=True)
        ]
