"""shop_assistant's models, one module per area."""

from .catalog import CatalogEntry, Embedding, EmbeddingSpace, Passage
from .events import CoPurchase, FAQEntry, Interaction, MerchandisingRule, TrendingScore
from .guide import Conversation
from .jobs import IndexJob, IndexRequest, MaintenanceMark
from .learning import LearnedVersion
from .search import SearchLog

__all__ = [
    "CatalogEntry",
    "CoPurchase",
    "Conversation",
    "Embedding",
    "EmbeddingSpace",
    "FAQEntry",
    "IndexJob",
    "IndexRequest",
    "Interaction",
    "LearnedVersion",
    "MaintenanceMark",
    "MerchandisingRule",
    "Passage",
    "SearchLog",
    "TrendingScore",
]
