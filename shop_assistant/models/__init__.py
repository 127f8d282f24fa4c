"""shop_assistant's models, one module per area."""

from .catalog import CatalogEntry, Embedding, EmbeddingSpace, Passage
from .jobs import IndexJob
from .search import SearchLog

__all__ = ["CatalogEntry", "Embedding", "EmbeddingSpace", "IndexJob", "Passage", "SearchLog"]
