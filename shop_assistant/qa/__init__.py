"""Grounded product Q&A: cited answers from catalog data in the asker's language.

``ask(question, product_id=..., lang=...) -> Answer``; see :mod:`.service`.
"""

from .scope import ProductNotFound
from .service import MAX_QUESTION_CHARS, InvalidQuestion, ask, build_context
from .types import Answer, Citation, Evidence, ProductRef, QAContext

__all__ = [
    "MAX_QUESTION_CHARS",
    "Answer",
    "Citation",
    "Evidence",
    "InvalidQuestion",
    "ProductNotFound",
    "ProductRef",
    "QAContext",
    "ask",
    "build_context",
]
