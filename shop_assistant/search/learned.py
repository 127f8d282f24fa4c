"""What the active learned version of a space changes in search: the query vector (its
adapter), the fusion weights and the product priors they may weigh. Documents are
untouched.

The active version is memoized per process like the active space (saving a version drops
the memo). :func:`using_version` makes search behave as if another version (or none) were
active, in this context only: learning evaluates a candidate with it before activating it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core import memo
from ..embeddings.base import l2_normalize
from ..models import EmbeddingSpace, LearnedVersion
from .fusion import BUILT_IN_WEIGHTS

#: The ranking features learned fusion weights may name (see :mod:`.fusion`).
FUSION_FEATURES = ("similarity", "coverage", "trigram", "language_match", "popularity")

_UNSET: Any = object()
_override: ContextVar[Any] = ContextVar("shop_assistant_learned_version", default=_UNSET)


@dataclass(frozen=True)
class Learned:
    """A version as search applies it (``version_id`` None: nothing learned)."""

    version_id: int | None = None
    adapter: np.ndarray | None = None
    fusion: Mapping[str, float] | None = None
    #: Catalog entry id → product prior (the ``popularity`` feature; absent: 0).
    priors: Mapping[int, float] | None = None
    #: The languages ``fusion`` was learned for (empty: all).
    languages: frozenset[str] = frozenset()

    def weights_for(self, language: str) -> Mapping[str, float] | None:
        """The fusion weights for a search in ``language``: the learned ones in the
        languages they were learned from; elsewhere the built-in fusion, plus the
        ``popularity`` weight (a product's prior holds in every language); None: the
        built-in fusion."""
        if not self.fusion or not self.languages or language in self.languages:
            return self.fusion
        popularity = self.fusion.get("popularity", 0.0)
        return {**BUILT_IN_WEIGHTS, "popularity": popularity} if popularity > 0 else None

    def encoder(self, encoder: Any) -> Any:
        """``encoder`` with the adapter on its query side (itself without an adapter)."""
        if self.adapter is None:
            return encoder
        return AdaptedEncoder(encoder, self.adapter, self.version_id)


NOTHING_LEARNED = Learned()


def adapt(vectors: np.ndarray, adapter: np.ndarray) -> np.ndarray:
    """Query vectors through the residual adapter: ``normalize(q + q·W)``."""
    vectors = np.asarray(vectors, dtype=np.float32)
    return l2_normalize(vectors + vectors @ adapter).astype(np.float32)


class AdaptedEncoder:
    """An encoder whose query vectors go through a learned adapter. Its ``model_id`` names
    the version, so the query-vector cache keeps one entry per version."""

    def __init__(self, inner: Any, adapter: np.ndarray, version_id: int | None) -> None:
        self.inner = inner
        self.adapter = adapter
        self.dimension = inner.dimension
        self.model_id = f"{inner.model_id}+learned-v{version_id}"

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return adapt(self.inner.encode_queries(texts), self.adapter)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.encode_documents(texts)


def as_learned(version: LearnedVersion | None) -> Learned:
    if version is None:
        return NOTHING_LEARNED
    fusion = {k: float(v) for k, v in (version.fusion or {}).items() if k in FUSION_FEATURES}
    priors = {int(k): float(v) for k, v in (version.priors or {}).items()}
    languages = frozenset(version.languages or ())
    return Learned(version.pk, version.adapter_matrix(), fusion or None, priors or None, languages)


def learned_version(space: EmbeddingSpace | None, using: str = "default") -> Learned:
    """What search applies for ``space``: its active version, or the :func:`using_version`
    override."""
    override = _override.get()
    if override is not _UNSET:
        return as_learned(override)
    if space is None:
        return NOTHING_LEARNED
    return memo.memoized(
        ("learned-version", space.pk, using),
        lambda: as_learned(LearnedVersion.objects.using(using).active_for(space)),
    )


@contextmanager
def using_version(version: LearnedVersion | None) -> Iterator[None]:
    """Search as if ``version`` (None: no version) were the active one, in this context."""
    token = _override.set(version)
    try:
        yield
    finally:
        _override.reset(token)
