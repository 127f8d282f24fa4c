"""sentence-transformers backend: any local or Hugging Face Hub embedding model.

Asymmetric (E5-style) models get their prefixes through ``query_prompt`` and
``document_prompt``, e.g. ``"query: "`` and ``"passage: "`` for multilingual-e5.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from .base import EncoderConfigError, LazyModel, as_text_list, l2_normalize

__all__ = ["SentenceTransformerEncoder"]


def _looks_like_path(model: str) -> bool:
    """True for strings that can only be a filesystem path, not a Hub id (``org/name``)."""
    return (
        os.path.isabs(model)
        or model.startswith(("./", "../", ".\\", "..\\", "~"))
        or model.count("/") > 1
        or "\\" in model
    )


def _escape(part: str) -> str:
    return part.replace("\\", "\\\\").replace("|", "\\|")


class SentenceTransformerEncoder(LazyModel):
    """Encoder backend wrapping :class:`sentence_transformers.SentenceTransformer`.

    The model loads lazily (thread-safe) on the first encode call or the first read of
    :attr:`dimension`; constructing the encoder only validates the arguments.

    Args:
        model: Hub model name (``"intfloat/multilingual-e5-small"``) or a local directory.
        query_prompt: prefix for queries (``query_prompt + text``).
        document_prompt: prefix for documents (``document_prompt + text``).
        batch_size: texts per forward pass.
        device: torch device, e.g. ``"cpu"`` or ``"cuda"``.
        normalize: L2-normalize the vectors. Keep it on: the :class:`Encoder` protocol
            (and cosine search) expects unit vectors; turning it off returns raw vectors.
        trust_remote_code: allow custom model code from the Hub (only for trusted models).
    """

    def __init__(
        self,
        model: str,
        query_prompt: str = "",
        document_prompt: str = "",
        batch_size: int = 32,
        device: str = "cpu",
        normalize: bool = True,
        trust_remote_code: bool = False,
    ) -> None:
        model = os.fspath(model)
        if not isinstance(model, str) or not model.strip():
            raise EncoderConfigError(f"model must be a non-empty name or path, got {model!r}")
        if not isinstance(query_prompt, str) or not isinstance(document_prompt, str):
            raise EncoderConfigError("query_prompt and document_prompt must be strings")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise EncoderConfigError(f"batch_size must be a positive integer, got {batch_size!r}")
        if _looks_like_path(model):
            model = os.path.expanduser(model)
            if not os.path.isdir(model):
                raise EncoderConfigError(
                    f"sentence-transformers model directory {model!r} does not exist."
                )
        self.model = model
        self.query_prompt = query_prompt
        self.document_prompt = document_prompt
        self.batch_size = batch_size
        self.device = device
        self.normalize = bool(normalize)
        self.trust_remote_code = bool(trust_remote_code)
        self.model_id: str = "sentence-transformers:" + "|".join(
            [
                _escape(model),
                _escape(query_prompt),
                _escape(document_prompt),
                "norm" if self.normalize else "raw",
            ]
        )
        self._model: Any = None
        self._dimension: int | None = None
        self._prompt_kwarg = False

    def __repr__(self) -> str:
        return f"<SentenceTransformerEncoder {self.model_id!r} device={self.device}>"

    def _load(self) -> Any:
        """The ``SentenceTransformer``; load errors become :class:`EncoderConfigError`."""
        try:
            from sentence_transformers import SentenceTransformer

            model = SentenceTransformer(
                self.model, device=self.device, trust_remote_code=self.trust_remote_code
            )
        except Exception as exc:
            raise EncoderConfigError(
                f"Could not load sentence-transformers model {self.model!r}: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        self._prompt_kwarg = "prompt" in inspect.signature(model.encode).parameters
        self._dimension = self._read_dimension(model)
        return model

    def _read_dimension(self, model: Any) -> int:
        # 6.x renamed get_sentence_embedding_dimension (now deprecated, FutureWarning)
        # to get_embedding_dimension; older releases only have the former.
        getter = getattr(model, "get_embedding_dimension", None) or getattr(
            model, "get_sentence_embedding_dimension", None
        )
        dimension = getter() if getter is not None else None
        if dimension is None:  # unknown from the modules: measure it
            probe = model.encode(["dimension probe"], convert_to_numpy=True)
            dimension = int(np.asarray(probe).shape[-1])
        return int(dimension)

    @property
    def dimension(self) -> int:
        """Vector size; reading it loads the model."""
        if self._dimension is None:
            self._get_model()
        assert self._dimension is not None
        return self._dimension

    def _encode(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        items = as_text_list(texts)
        model = self._get_model()
        if not items:
            return np.zeros((0, self.dimension), dtype=np.float32)
        kwargs: dict[str, Any] = {
            "batch_size": self.batch_size,
            "show_progress_bar": False,
            "convert_to_numpy": True,
            "normalize_embeddings": False,
        }
        if self._prompt_kwarg:
            # Always pass it, even "": an explicit prompt overrides a model's
            # default_prompt_name, so model_id describes the vectors exactly.
            kwargs["prompt"] = prompt
        elif prompt:
            items = [prompt + text for text in items]
        vectors = np.asarray(model.encode(items, **kwargs), dtype=np.float32)
        if self.normalize:
            return l2_normalize(vectors)
        return np.ascontiguousarray(vectors)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``query_prompt + text`` for each text."""
        return self._encode(texts, self.query_prompt)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``document_prompt + text`` for each text."""
        return self._encode(texts, self.document_prompt)
