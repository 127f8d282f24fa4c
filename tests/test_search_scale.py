"""Filters never under-return, on 20,000 products with a filter matching 1 % of them.

The catalog rows are written directly (SQL + binary COPY) with synthetic clustered
vectors instead of encoded text: what is under test is the retrieval plan (HNSW with
iterative scan, or an exact scan for selective filters), not the encoder, and encoding
20,000 products would cost minutes of CPU.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pytest
from django.db import connection
from pgvector.psycopg import register_vector

from shop_assistant.filters import Filters
from shop_assistant.indexing import ann
from shop_assistant.indexing.ann import ensure_index
from shop_assistant.models import CatalogEntry, Embedding, EmbeddingSpace, Passage
from shop_assistant.search import search
from shop_assistant.search import vector as vector_search

from .catalogs import wipe_catalog

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PRODUCTS = 20_000
RARE_EVERY = 100  # 1 % of the products are in the "rare" category
CLUSTERS = 40


@dataclass
class BigCatalog:
    space: EmbeddingSpace
    entry_ids: np.ndarray  # entry id per row of ``vectors``
    vectors: np.ndarray
    rare: np.ndarray  # boolean mask of the rows in the rare category
    centers: np.ndarray


def _clustered_vectors(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    centers = rng.normal(size=(CLUSTERS, 512)).astype(np.float32)
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    vectors = centers[rng.integers(0, CLUSTERS, n)] + 0.08 * rng.normal(size=(n, 512))
    vectors = vectors.astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors, centers


@pytest.fixture(scope="module")
def big_catalog(django_db_setup, django_db_blocker) -> Iterator[BigCatalog]:
    from shop_assistant.indexing.spaces import get_or_create_active_space

    from .testapp.models import Product

    with django_db_blocker.unblock():
        space = get_or_create_active_space()
        products, entries = Product._meta.db_table, CatalogEntry._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {products} (sku, language, title, description, bullet_points, "
                "translations, price, currency, stock, color, material, size, attributes, "
                '"group", is_published, updated_at) '
                "SELECT 'SYN-' || i, 'en', 'Synthetic product ' || i, '', '', '{}', "
                "10 + i %% 90, 'EUR', i %% 7, '', '', '', '{}', '', true, now() "
                "FROM generate_series(1, %s) AS i",
                [PRODUCTS],
            )
            cursor.execute(
                f"INSERT INTO {entries} (product_id, titles, languages, price, currency, "
                'in_stock, category_path, brand, attributes, url, image, "group", '
                "is_published, rebuyable, content_hash, status, error, indexed_at) "
                "SELECT p.id, jsonb_build_object('en', p.title), ARRAY['en'], p.price, "
                "'EUR', p.stock > 0, CASE WHEN p.id %% %s = 0 THEN ARRAY['all', 'rare'] "
                "ELSE ARRAY['all', 'common'] END, 'Brand ' || (p.id %% 37), '{}', '', '', "
                "'', true, false, '', 'indexed', '', now() "
                f"FROM {products} p WHERE p.sku LIKE 'SYN-%%'",
                [RARE_EVERY],
            )
            cursor.execute(
                f"INSERT INTO {Passage._meta.db_table} (entry_id, kind, language, position, "
                "text, content_hash, search_vector) SELECT c.id, 'title', 'en', 0, "
                "c.titles->>'en', md5(c.titles->>'en'), "
                "to_tsvector('english', c.titles->>'en') "
                f"FROM {entries} c"
            )
            cursor.execute(
                f"SELECT p.id, p.entry_id, 'rare' = ANY(c.category_path) "
                f"FROM {Passage._meta.db_table} p JOIN {entries} c ON c.id = p.entry_id "
                "ORDER BY p.id"
            )
            rows = np.array(cursor.fetchall(), dtype=np.int64)
        vectors, centers = _clustered_vectors(np.random.default_rng(7), len(rows))
        connection.ensure_connection()
        register_vector(connection.connection)
        with connection.cursor() as cursor:
            with cursor.copy(
                f"COPY {Embedding._meta.db_table} (passage_id, space_id, entry_id, "
                "content_hash, embedding) FROM STDIN WITH (FORMAT BINARY)"
            ) as copy:
                copy.set_types(["int8", "int8", "int8", "text", "vector"])
                for (passage_id, entry_id, _), vector in zip(rows, vectors, strict=True):
                    copy.write_row((int(passage_id), space.pk, int(entry_id), "", vector))
            cursor.execute(f"ANALYZE {entries}")
            cursor.execute(f"ANALYZE {Embedding._meta.db_table}")
        ensure_index(space)
        yield BigCatalog(space, rows[:, 1], vectors, rows[:, 2].astype(bool), centers)
        wipe_catalog()


def _exact_top(catalog: BigCatalog, query: np.ndarray, mask: np.ndarray, k: int) -> list[int]:
    scores = catalog.vectors @ query
    scores[~mask] = -np.inf
    order = np.argsort(-scores)[:k]
    return [int(catalog.entry_ids[i]) for i in order if np.isfinite(scores[i])]


RARE = Filters(category="rare")


def test_the_filter_matches_one_percent(big_catalog):
    total = CatalogEntry.objects.count()
    rare = len(vector_search.filtered_entries(RARE, "default", limit=None))

    assert total == PRODUCTS and rare == PRODUCTS // RARE_EVERY


@pytest.mark.parametrize("page_size", [20, 100])
def test_a_filtered_search_fills_its_page(big_catalog, page_size):
    result = search("synthetic product", filters=RARE, page_size=page_size, log=False)

    assert len(result.hits) == page_size
    assert result.count >= page_size
    rare_products = set(
        CatalogEntry.objects.filter(category_path__contains=["rare"]).values_list(
            "product_id", flat=True
        )
    )
    assert {hit.product_id for hit in result.hits} <= rare_products


def test_the_last_page_of_a_selective_filter_holds_the_rest(big_catalog):
    both = Filters(category="rare", brand="Brand 3")  # about 5 products
    expected = CatalogEntry.objects.filter(category_path__contains=["rare"], brand="Brand 3")

    result = search("synthetic product", filters=both, page_size=20, log=False)

    assert 0 < expected.count() < 20
    assert len(result.hits) == result.count == expected.count()


def test_a_selective_filter_is_served_exactly(big_catalog):
    query = big_catalog.centers[3]

    filtered = vector_search.filtered_entries(RARE, "default")
    matches = vector_search.nearest_products(
        big_catalog.space, query, RARE, 20, using="default", filtered=filtered
    )

    assert filtered is not None and len(filtered) == PRODUCTS // RARE_EVERY
    assert [m.entry_id for m in matches] == _exact_top(big_catalog, query, big_catalog.rare, 20)
    assert vector_search.filtered_entries(RARE, "default", limit=PRODUCTS // RARE_EVERY - 1) is None


def test_hnsw_iterative_scan_fills_the_page_under_a_one_percent_filter(big_catalog, monkeypatch):
    def no_exact_fallback(*args, **kwargs):
        raise AssertionError("the index scan under-returned and fell back to an exact scan")

    monkeypatch.setattr(ann, "matching_ids", no_exact_fallback)  # the index alone serves
    for cluster in range(5):
        query = big_catalog.centers[cluster]
        matches = vector_search.nearest_products(
            big_catalog.space, query, RARE, 20, using="default"
        )

        exact = _exact_top(big_catalog, query, big_catalog.rare, 20)
        assert len(matches) == 20
        assert len({m.entry_id for m in matches} & set(exact)) >= 18  # recall ≥ 0.9


def test_unfiltered_hnsw_recall_against_exact_search(big_catalog):
    everything = np.ones(len(big_catalog.entry_ids), dtype=bool)
    found = 0
    for cluster in range(10):
        query = big_catalog.centers[cluster]
        matches = vector_search.nearest_products(
            big_catalog.space, query, Filters(), 10, using="default"
        )
        exact = _exact_top(big_catalog, query, everything, 10)
        found += len({m.entry_id for m in matches} & set(exact))

    assert found / 100 >= 0.9
