"""Text encoders (embedding backends) and the query-embedding cache.

Backends are plain classes named by dotted path in settings and loaded with
:func:`load_encoder`; heavy libraries are imported only when a model first loads.
"""

from .base import Encoder, EncoderConfigError, clear_encoder_cache, load_encoder
from .cache import cached_query_embedding, cached_query_embeddings

__all__ = [
    "Encoder",
    "EncoderConfigError",
    "cached_query_embedding",
    "cached_query_embeddings",
    "clear_encoder_cache",
    "load_encoder",
]
