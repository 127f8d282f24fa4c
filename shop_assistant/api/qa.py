"""``POST /ask/``: grounded product Q&A (thin view over :func:`shop_assistant.qa.ask`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import StreamingHttpResponse
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..language import UnknownLanguage
from ..qa import Answer, InvalidQuestion, ProductNotFound, ask, ask_stream
from .common import LazyScopedRateThrottle
from .qa_serializers import AnswerSerializer, AskRequestSerializer

QA_THROTTLE_SCOPE = "shop_assistant.qa"


_REQUEST_EXAMPLES = [
    OpenApiExample(
        "Spanish, about a product",
        value={"question": "¿Esta chaqueta es impermeable?", "product_id": 12},
        request_only=True,
    ),
    OpenApiExample(
        "English, catalog-wide",
        value={"question": "quiet dishwasher under 500 euros"},
        request_only=True,
    ),
    OpenApiExample(
        "German, explicit answer language",
        value={"question": "Welche Farben gibt es?", "product_id": 12, "lang": "de"},
        request_only=True,
    ),
    OpenApiExample(
        "Japanese, about a product",
        value={"question": "このジャケットの素材は何ですか？", "product_id": 12},
        request_only=True,
    ),
]

_RESPONSE_EXAMPLES = [
    OpenApiExample(
        "Answered from structured data (Spanish)",
        value={
            "answer": "Sí, es impermeable.",
            "language": "es",
            "language_source": "detected",
            "grounded": True,
            "confidence": 0.95,
            "citations": [
                {
                    "product_id": 12,
                    "kind": "attribute",
                    "field": "waterproof",
                    "text": "impermeable: sí",
                    "language": "es",
                }
            ],
            "products": [
                {
                    "product_id": 12,
                    "title": "Chaqueta impermeable Nordwand Fjell",
                    "url": "/products/12/",
                    "image": "",
                    "price": "129.00",
                    "currency": "EUR",
                    "in_stock": True,
                }
            ],
            "answerer": "extractive",
        },
        response_only=True,
        status_codes=["200"],
    ),
    OpenApiExample(
        "Refusal (French)",
        value={
            "answer": "Désolé, les informations sur le produit ne le précisent pas.",
            "language": "fr",
            "language_source": "detected",
            "grounded": False,
            "confidence": 0.21,
            "citations": [],
            "products": [],
            "answerer": "refusal",
        },
        response_only=True,
        status_codes=["200"],
    ),
]


class AskView(APIView):
    """Answer a shopper's question about a product or the catalog, with citations."""

    permission_classes = [AllowAny]
    throttle_classes = [LazyScopedRateThrottle]
    throttle_scope = QA_THROTTLE_SCOPE

    @extend_schema(
        operation_id="assistant_ask",
        summary="Ask a question about a product or the catalog",
        description=(
            "Answers in the asker's language (explicit `lang` > detected > Accept-Language), "
            "from the product's own data (attributes, description, FAQ, reviews) with "
            "citations, or refuses with `grounded: false` when the data does not say. "
            "Without `product_id` the question is answered over the catalog and `products` "
            "lists the products the answer is about. With `stream: true` the response is "
            "`text/event-stream`: `delta` events (`{\"text\": ...}`, each a complete, "
            "checked sentence, from an answerer that streams) then one `answer` event "
            "holding the body described here, which replaces the deltas."
        ),
        request=AskRequestSerializer,
        responses={
            200: AnswerSerializer,
            400: OpenApiResponse(description="Blank or too long question, unknown language."),
            404: OpenApiResponse(description="Unknown or unpublished product."),
            429: OpenApiResponse(description="Too many questions (scope shop_assistant.qa)."),
        },
        examples=_REQUEST_EXAMPLES + _RESPONSE_EXAMPLES,
        tags=["assistant"],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response | StreamingHttpResponse:
        serializer = AskRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        arguments = {
            "product_id": data.get("product_id"),
            "lang": data.get("lang") or None,
            "accept_language": request.headers.get("Accept-Language"),
        }
        try:  # ask_stream checks the input at once: errors are JSON, before any event
            if data["stream"]:
                return StreamingHttpResponse(
                    _server_sent(ask_stream(data["question"], **arguments)),
                    content_type="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
                )
            answer = ask(data["question"], **arguments)
        except ProductNotFound as exc:
            raise NotFound(str(exc)) from exc
        except UnknownLanguage as exc:
            raise ValidationError({"lang": [str(exc)]}) from exc
        except InvalidQuestion as exc:
            raise ValidationError({"question": [str(exc)]}) from exc
        return Response(AnswerSerializer(answer).data, status=status.HTTP_200_OK)


def _server_sent(events: Iterator[str | Answer]) -> Iterator[bytes]:
    """``delta`` events (``{"text": ...}``, checked sentences) then one ``answer`` event
    (the body a non-streamed request gets; it replaces the deltas when they differ)."""
    renderer = JSONRenderer()
    for event in events:
        if isinstance(event, str):
            name, data = "delta", renderer.render({"text": event})
        else:
            name, data = "answer", renderer.render(AnswerSerializer(event).data)
        yield b"event: " + name.encode() + b"\ndata: " + data + b"\n\n"
