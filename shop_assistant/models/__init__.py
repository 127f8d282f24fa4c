"""shop_assistant's models, one module per area."""

from .catalog import CatalogEntry, Embedding, EmbeddingSpace, Passage
from .events import FAQEntry, Interaction, MerchandisingRule, TrendingScore
from .jobs import IndexJob
from .search import SearchLog

__all__ = [
    "CatalogEntry",
    "Embedding",
    "EmbeddingSpace",
    "FAQEntry",
    "IndexJob",
    "Interaction",
    "MerchandisingRule",
    "Passage",
    "SearchLog",
    "TrendingScore",
]
