"""``POST /chat/``: the conversational shopping guide (thin view over
:func:`shop_assistant.guide.chat`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from ..guide import chat
from ..recommend.identity import remember_visitor, resolve_visitor
from .base import ShopAssistantView
from .events import VISITOR_HEADER
from .guide_serializers import ChatReplySerializer, ChatRequestSerializer
from .schema import errors

EXAMPLES = [
    OpenApiExample(
        "Spanish: a need with a budget",
        value={"message": "Busco una chaqueta para la bici cuando llueve, menos de 100 €"},
        request_only=True,
    ),
    OpenApiExample(
        "Spanish: a refinement in the same conversation",
        value={"message": "¿y en rojo?", "conversation_id": "1b9d…:signature"},
        request_only=True,
    ),
    OpenApiExample(
        "German: a comparison of the products shown",
        value={"message": "Welche ist am leichtesten?", "conversation_id": "1b9d…:signature"},
        request_only=True,
    ),
    OpenApiExample(
        "Japanese",
        value={"message": "テントを探しています。3万円以下で"},
        request_only=True,
    ),
]


class ChatView(ShopAssistantView):
    """A shopping guide that holds a conversation in the shopper's language."""

    throttle_scope = "guide"

    @extend_schema(
        operation_id="assistant_chat",
        summary="Talk to the shopping guide",
        description=(
            "One turn of a conversation: the shopper's message (any served language) "
            "updates the constraints the guide keeps (need, category, price bounds, "
            "colour and other catalog attributes, stock, brands), and the reply lists "
            "products with a reason read from their data, compares the products shown, "
            "answers a question about one of them (with citations), or asks one "
            "clarifying question. Conversations belong to the visitor (cookie, signed "
            "`X-Visitor-Id`, or the logged-in user), expire after "
            "`GUIDE_CONVERSATION_TTL` and are deleted with the visitor's events. With "
            "`stream: true` the response is `text/event-stream`: a `delta` event "
            '(`{"text": ...}`) then one `reply` event holding the body described here.'
        ),
        parameters=[VISITOR_HEADER],
        request=ChatRequestSerializer,
        responses={
            (200, "application/json"): ChatReplySerializer,
            (200, "text/event-stream"): OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description="With `stream: true`: a `delta` event, then one `reply` event.",
            ),
            **errors(400, 403, 404, 413, 415, 429, 503),
        },
        examples=EXAMPLES,
        tags=["assistant"],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = ChatRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        visitor = resolve_visitor(request, mint=True)
        reply = chat(
            data["message"],
            visitor=visitor,
            conversation_id=data.get("conversation_id") or None,
            lang=data.get("lang") or None,
            accept_language=request.headers.get("Accept-Language"),
        )
        body = ChatReplySerializer(reply).data
        if data["stream"]:
            response: Any = StreamingHttpResponse(
                _server_sent(body),
                content_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )
        else:
            response = Response(body)
        remember_visitor(response, visitor, secure=request.is_secure())
        return response


def _server_sent(body: dict[str, Any]) -> Iterator[bytes]:
    """The reply's text as a ``delta`` event, then the whole body as the ``reply`` event
    (the same events a streaming frontend of ``ask/`` already reads)."""
    renderer = JSONRenderer()
    for name, data in (("delta", {"text": body["reply"]}), ("reply", body)):
        yield b"event: " + name.encode() + b"\ndata: " + renderer.render(data) + b"\n\n"
