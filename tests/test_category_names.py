"""A shop's translated category names find the category's products in languages their own
texts lack (real PostgreSQL full text, real USE vectors).

The products below are described in English only; their category is named in English,
Korean, Polish, Russian, Japanese and Chinese. The indexer adds an attribute line in each
name's language (``indexing/passages.py``), so a shopper typing the category's name in any
of them finds its products by keyword, unspaced scripts (ja, zh) and Hangul included.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from shop_assistant import tasks

from .factories import category, product

pytestmark = pytest.mark.django_db

URL = "/api/assistant/search/"

NAMES = {
    "en": "Sleeping bags",
    "ko": "침낭",
    "pl": "Śpiwory",
    "ru": "Спальные мешки",
    "ja": "寝袋",
    "zh": "睡袋",
}


@pytest.fixture
def catalog(space) -> tuple[set[int], int]:
    """Two English-only products of a category named in six languages, and a decoy."""
    cache.clear()  # throttle history and cached query vectors
    bags = category("quilts-and-mummies", None, **NAMES)
    items = [
        product(
            "Arcturus goose down mummy, rated to -15 °C",
            "Draught collar, two-way zip and a compression sack for winter expeditions.",
            category=bags,
            brand="Polaris",
        ),
        product(
            "Cirrus synthetic camping quilt",
            "Stays warm when damp and packs to the size of a melon for summer trips.",
            category=bags,
            brand="Polaris",
        ),
    ]
    decoy = product(
        "Brass desk lamp with linen shade",
        "Warm light for reading.",
        category=category("desk-lamps-decoy", None, en="Desk lamps", ko="책상 조명"),
        brand="Lumo",
    )
    tasks.index_products([item.pk for item in [*items, decoy]])
    # A floor no meaning reaches: whatever matches here matches by its words.
    space.min_similarity, space.calibration = 0.99, {"source": "judged", "relative": 0.0}
    space.save(update_fields=["min_similarity", "calibration"])
    return {item.pk for item in items}, decoy.pk


@pytest.mark.parametrize("language", sorted(set(NAMES) - {"en"}))
def test_a_category_name_in_a_language_the_texts_lack_finds_its_products_by_keyword(
    catalog, language
):
    bags, decoy = catalog
    response = APIClient().get(URL, {"q": NAMES[language], "page_size": 50})
    assert response.status_code == 200, response.content
    results = {hit["product_id"]: hit for hit in response.json()["results"]}

    assert bags <= set(results), (language, list(results))
    for pk in bags:
        assert "keywords" in results[pk]["explanation"]["matched_by"], results[pk]
        assert results[pk]["explanation"]["language_match"] is False  # texts are English
    assert decoy not in results


@pytest.mark.parametrize(
    "query",
    [
        "침낭 추천",
        "겨울용 침낭",
        "冬用寝袋",
        "睡袋推荐",
        "ciepłe śpiwory",
        "спальные мешки для зимы",
    ],
)
def test_a_query_containing_a_category_name_finds_all_its_products(catalog, query):
    bags, decoy = catalog
    response = APIClient().get(URL, {"q": query, "page_size": 50})
    assert response.status_code == 200, response.content
    results = {hit["product_id"]: hit for hit in response.json()["results"]}

    assert bags <= set(results), (query, list(results))
    for pk in bags:
        assert "category" in results[pk]["explanation"]["matched_by"], results[pk]
    assert decoy not in results


def test_a_category_name_matches_only_as_a_whole(catalog):
    """A query holding one word of a two-word name, or an unrelated Korean word that shares
    a syllable with a name, does not name the category."""
    bags, _decoy = catalog
    for query in ("мешки для мусора", "낭만"):
        body = APIClient().get(URL, {"q": query, "page_size": 50}).json()
        for hit in body["results"]:
            if hit["product_id"] in bags:
                assert "category" not in hit["explanation"]["matched_by"], (query, hit)
