"""Query-embedding cache over Django's cache framework.

Popular queries repeat; encoding one costs milliseconds to tens of milliseconds,
a cache hit microseconds. Vectors are stored as raw float32 bytes under
``shop_assistant:qemb:v1:<sha256(model_id + NUL + text)>`` -- short ASCII keys,
safe for memcached, and a different ``model_id`` never shares an entry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache

from .base import Encoder, as_text_list

__all__ = ["cache_key", "cache_stats", "cached_query_embedding", "cached_query_embeddings"]

KEY_PREFIX = "shop_assistant:qemb:v1:"
STATS_PREFIX = "shop_assistant:qemb:stats:"


def cache_key(model_id: str, text: str) -> str:
    """The cache key of ``text``'s query vector under ``model_id``."""
    digest = hashlib.sha256(f"{model_id}\x00{text}".encode()).hexdigest()
    return KEY_PREFIX + digest


def _restore(value: object) -> np.ndarray | None:
    """A cached value back into a vector, or ``None`` if it is not a valid one."""
    if not isinstance(value, bytes | bytearray | memoryview):
        return None
    raw = bytes(value)
    if not raw or len(raw) % 4:
        return None
    return np.frombuffer(raw, dtype=np.float32).copy()


def cached_query_embeddings(
    encoder: Encoder,
    texts: Sequence[str],
    *,
    cache_alias: str = "default",
    timeout: int | None = 3600,
) -> np.ndarray:
    """Query vectors of ``texts`` as ``(len(texts), dimension)`` float32.

    Hits come from ``caches[cache_alias]``; the distinct misses are encoded in one
    ``encoder.encode_queries`` call and stored for ``timeout`` seconds (``None``:
    forever, as in Django).
    """
    items = as_text_list(texts)
    if not items:
        return np.zeros((0, encoder.dimension), dtype=np.float32)
    cache = caches[cache_alias]
    keys = [cache_key(encoder.model_id, text) for text in items]
    found = cache.get_many(list(dict.fromkeys(keys)))
    vectors: dict[str, np.ndarray] = {}
    for key, value in found.items():
        vector = _restore(value)
        if vector is not None:
            vectors[key] = vector

    missing = {key: text for key, text in zip(keys, items, strict=True) if key not in vectors}
    _count(cache, "hits" if not missing else "misses")
    if missing:
        encoded = encoder.encode_queries(list(missing.values()))
        encoded = np.asarray(encoded, dtype=np.float32)
        fresh = {key: encoded[i].copy() for i, key in enumerate(missing)}
        cache.set_many({key: vec.tobytes() for key, vec in fresh.items()}, timeout=timeout)
        vectors.update(fresh)

    return np.stack([vectors[key] for key in keys])


def _count(cache: BaseCache, name: str) -> None:
    key = STATS_PREFIX + name
    try:
        cache.incr(key)
    except ValueError:  # not there yet (or evicted): start counting
        cache.add(key, 1, timeout=None)


def cache_stats(cache_alias: str = "default") -> tuple[int, int]:
    """``(hits, misses)`` of query-embedding lookups since the counters started (a lookup
    of several texts counts once: a hit when none had to be encoded)."""
    found = caches[cache_alias].get_many([STATS_PREFIX + "hits", STATS_PREFIX + "misses"])
    return int(found.get(STATS_PREFIX + "hits", 0)), int(found.get(STATS_PREFIX + "misses", 0))


def cached_query_embedding(
    encoder: Encoder,
    text: str,
    *,
    cache_alias: str = "default",
    timeout: int | None = 3600,
) -> np.ndarray:
    """The query vector of one ``text`` (shape ``(dimension,)``), cached as above."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    return cached_query_embeddings(encoder, [text], cache_alias=cache_alias, timeout=timeout)[0]
