"""``POST /chat/``: the conversational shopping guide (thin view over
:func:`shop_assistant.guide.chat`)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema
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
            "`GUIDE_CONVERSATION_TTL` and are deleted with the visitor's events."
        ),
        parameters=[VISITOR_HEADER],
        request=ChatRequestSerializer,
        responses={200: ChatReplySerializer, **errors(400, 403, 404, 413, 415, 429, 503)},
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
        response = Response(ChatReplySerializer(reply).data)
        remember_visitor(response, visitor, secure=request.is_secure())
        return response
