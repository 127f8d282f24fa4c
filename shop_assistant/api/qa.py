"""``POST /ask/``: grounded product Q&A (thin view over :func:`shop_assistant.qa.ask`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from ..qa import Answer, ask, ask_stream
from . import examples
from .base import ShopAssistantView
from .qa_serializers import AnswerSerializer, AskRequestSerializer
from .schema import errors


class AskView(ShopAssistantView):
    """Answer a shopper's question about a product or the catalog, with citations."""

    throttle_scope = "qa"

    @extend_schema(
        operation_id="assistant_ask",
        summary="Ask a question about a product or the catalog",
        description=(
            "Answers in the asker's language (explicit `lang` > detected > Accept-Language), "
            "from the product's own data (attributes, description, FAQ, reviews) with "
            "citations, or refuses with `grounded: false` when the data does not say. "
            "Without `product_id` the question is answered over the catalog and `products` "
            "lists the products the answer is about. With `stream: true` the response is "
            '`text/event-stream`: `delta` events (`{"text": ...}`, each a complete, '
            "checked sentence, from an answerer that streams) then one `answer` event "
            "holding the body described here, which replaces the deltas."
        ),
        request=AskRequestSerializer,
        responses={
            (200, "application/json"): AnswerSerializer,
            (200, "text/event-stream"): OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description="With `stream: true`: `delta` events, then one `answer` event.",
            ),
            **errors(400, 404, 413, 415, 429, 503),
        },
        examples=examples.ASK,
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
        if data["stream"]:  # ask_stream checks the input at once: errors come before events
            return StreamingHttpResponse(
                _server_sent(ask_stream(data["question"], **arguments)),
                content_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )
        answer = ask(data["question"], **arguments)
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
