"""The conversational shopping guide (``POST /api/assistant/chat/``): constraints kept
across turns, products from the search service with reasons from their data, questions
answered by the Q&A service, comparisons over the products shown. No LLM required."""

from .conversations import ConversationNotFound
from .service import GuideReply, InvalidMessage, chat

__all__ = ["ConversationNotFound", "GuideReply", "InvalidMessage", "chat"]
