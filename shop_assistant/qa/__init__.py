"""Grounded product Q&A: cited answers from catalog data in the asker's language.

``ask(question, product_id=..., lang=...) -> Answer`` (``ask_stream`` for text as it is
generated); see :mod:`.service`.
"""

from ..core.errors import ProductNotFound
from .service import MAX_QUESTION_CHARS, InvalidQuestion, ask, ask_stream, build_context
from .types import Answer, Citation, Evidence, QAContext

__all__ = [
    "MAX_QUESTION_CHARS",
    "Answer",
    "Citation",
    "Evidence",
    "InvalidQuestion",
    "ProductNotFound",
    "QAContext",
    "ask",
    "ask_stream",
    "build_context",
]
