"""The :class:`Encoder` protocol and :func:`load_encoder`, the cached backend loader.

An encoder turns texts into L2-normalized float32 vectors. ``model_id`` identifies the
model *and* every setting that changes the vectors, so vectors computed under different
ids are never mixed in one index or cache entry.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
from django.core.exceptions import ImproperlyConfigured

from ..core.loading import instantiate

__all__ = [
    "Encoder",
    "EncoderConfigError",
    "LazyModel",
    "as_text_list",
    "clear_encoder_cache",
    "l2_normalize",
    "load_encoder",
]


@runtime_checkable
class Encoder(Protocol):
    """What the search and indexing code needs from an embedding model.

    Both methods return a ``(len(texts), dimension)`` float32 array of L2-normalized rows.
    Symmetric models (e.g. USE) use the same path for both; asymmetric ones (E5-style)
    add different prompts to queries and documents.

    Note: on Python 3.11 ``isinstance(obj, Encoder)`` evaluates every member with
    ``hasattr``, which loads lazy models whose ``dimension`` is a property; use
    :func:`load_encoder` (which checks statically) instead of ``isinstance``.
    """

    model_id: str
    dimension: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed search queries."""
        ...

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents (product passages)."""
        ...


class EncoderConfigError(ImproperlyConfigured):
    """An encoder backend cannot be imported, configured or loaded."""


def as_text_list(texts: Sequence[str]) -> list[str]:
    """Materialize ``texts`` as a list, rejecting a bare string (a common slip)."""
    if isinstance(texts, str | bytes):
        raise TypeError("texts must be a sequence of strings, not a single string")
    items = list(texts)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"texts must contain strings, got {type(item).__name__}")
    return items


def l2_normalize(vectors: np.ndarray) -> np.ndarray:
    """Return ``vectors`` as C-contiguous float32 with unit-length rows (zero rows stay zero)."""
    out = np.array(vectors, dtype=np.float32, order="C", copy=True)
    if out.ndim != 2:
        raise ValueError(f"expected a 2-D array of vectors, got shape {out.shape}")
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


class LazyModel:
    """A backend whose model loads on its first encode call, once, under a lock (so that
    constructing an encoder, e.g. in :func:`load_encoder`, stays cheap and concurrent first
    calls do not load the model twice). Subclasses implement :meth:`_load`."""

    _model: Any = None

    def _load(self) -> Any:
        raise NotImplementedError

    def _get_model(self) -> Any:
        model = self._model
        if model is not None:
            return model
        with _load_lock:
            if self._model is None:
                self._model = self._load()
            return self._model


_load_lock = threading.RLock()
_cache: dict[tuple[str, Hashable], Any] = {}
_cache_lock = threading.Lock()


def _freeze(value: Any) -> Hashable:
    """A hashable, order-independent stand-in for a JSON-like config value."""
    if isinstance(value, Mapping):
        return ("__mapping__", tuple(sorted((str(k), _freeze(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("__sequence__", tuple(_freeze(v) for v in value))
    if isinstance(value, set | frozenset):
        return ("__set__", frozenset(_freeze(v) for v in value))
    hash(value)  # raises TypeError for unhashable leaves
    return value


def _check_encoder(backend: str, encoder: Any) -> None:
    # getattr_static: reading ``dimension`` could trigger a lazy model load.
    missing = []
    for name in ("model_id", "dimension", "encode_queries", "encode_documents"):
        try:
            inspect.getattr_static(encoder, name)
        except AttributeError:
            missing.append(name)
    if missing:
        raise EncoderConfigError(
            f"Encoder backend {backend!r} does not implement the Encoder protocol "
            f"(missing: {', '.join(missing)})."
        )


def load_encoder(backend: str, config: Mapping[str, Any] | None = None) -> Encoder:
    """Import the class at dotted path ``backend``, instantiate it with ``**config``.

    Instances are cached in-process per ``(backend, config)``: loading a model is
    expensive, so the same arguments return the same object. Clear the cache with
    :func:`clear_encoder_cache` (also available as ``load_encoder.cache_clear()``).

    Raises :class:`EncoderConfigError` naming ``backend`` when it cannot be imported,
    the config is rejected (unknown keyword, bad value), or the result is not an encoder.
    """
    config = dict(config or {})
    try:
        key = (backend, _freeze(config))
    except TypeError as exc:
        raise EncoderConfigError(
            f"Encoder backend {backend!r}: config values must be JSON-like/hashable ({exc})."
        ) from exc

    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        setting = {"CLASS": backend, "CONFIG": config}
        encoder = instantiate("Encoder backend", setting, error=EncoderConfigError)
        _check_encoder(backend, encoder)
        _cache[key] = encoder
        return encoder


def clear_encoder_cache() -> None:
    """Forget every encoder cached by :func:`load_encoder` (for tests)."""
    with _cache_lock:
        _cache.clear()


load_encoder.cache_clear = clear_encoder_cache  # type: ignore[attr-defined]
