"""Serializers of the Q&A endpoint: the request, and the :class:`~shop_assistant.qa.Answer`."""

from __future__ import annotations

from rest_framework import serializers

from ..qa import MAX_QUESTION_CHARS
from .card_serializers import ProductCardSerializer
from .common import LanguageField, PlainTextField, ProductIdField, StrictBooleanField


class AskRequestSerializer(serializers.Serializer):
    question = PlainTextField(
        max_length=MAX_QUESTION_CHARS,
        help_text="The shopper's question, in any language the shop serves.",
    )
    product_id = ProductIdField(
        required=False,
        allow_null=True,
        help_text="Ask about this product; without it the whole catalog is searched.",
    )
    lang = LanguageField(
        required=False,
        help_text="Answer language; by default the question's detected language, then "
        "Accept-Language.",
    )
    stream = StrictBooleanField(
        required=False,
        default=False,
        help_text="Answer as text/event-stream: checked sentences as `delta` events while "
        "a streaming answerer (the generative one) writes, then the `answer` event.",
    )


class CitationSerializer(serializers.Serializer):
    product_id = ProductIdField(read_only=True, allow_null=True)
    kind = serializers.ChoiceField(
        choices=["attribute", "title", "description", "faq", "review"], read_only=True
    )
    field = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)
    language = serializers.CharField(read_only=True)


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(read_only=True)
    language = serializers.CharField(read_only=True)
    language_source = serializers.CharField(
        read_only=True, help_text="given, detected, header or default"
    )
    grounded = serializers.BooleanField(
        read_only=True, help_text="False when the answer is a refusal."
    )
    confidence = serializers.FloatField(read_only=True)
    citations = CitationSerializer(many=True, read_only=True)
    products = ProductCardSerializer(many=True, read_only=True)
    answerer = serializers.CharField(read_only=True, help_text="extractive, generative or refusal")
