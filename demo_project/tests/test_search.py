"""Search on the indexed demo catalog (real USE vectors, pgvector): the demo's hand-picked
single-language products are found by queries in other languages.

The demo catalog holds single-language products (DEMO-EN-RAINJACKET, DEMO-ES-CAFETERA,
DEMO-DE-ZELT, DEMO-JA-HEADPHONES, DEMO-FR-LAMPE) that are the only ones of their kind,
so a query in another language must reach them through the multilingual vectors.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from shop_assistant.models import CatalogEntry

pytestmark = pytest.mark.django_db

URL = "/api/assistant/search/"


@pytest.fixture
def client() -> APIClient:
    cache.clear()  # throttle history and cached query vectors
    return APIClient()


@pytest.mark.parametrize(
    ("query", "sku"),
    [
        ("chaqueta impermeable Nordwand azul marino", "DEMO-EN-RAINJACKET"),
        ("aluminium stovetop espresso maker for six cups", "DEMO-ES-CAFETERA"),
        ("二人用の超軽量テント", "DEMO-DE-ZELT"),
        ("auriculares con cancelación de ruido", "DEMO-JA-HEADPHONES"),
        ("linen bedside lamp", "DEMO-FR-LAMPE"),
    ],
)
def test_a_query_finds_a_product_described_only_in_another_language(
    client, demo_catalog, query, sku
):
    response = client.get(URL, {"q": query, "page_size": 5})
    assert response.status_code == 200, response.content
    body = response.json()
    ids = [hit["product_id"] for hit in body["results"]]

    product = demo_catalog.pk(sku)
    assert product in ids[:3], (query, body["results"][:3])
    entry = CatalogEntry.objects.get(product_id=product)
    assert body["language"] not in entry.languages  # truly across languages
    hit = body["results"][ids.index(product)]
    assert hit["explanation"]["vector"]["rank"] is not None
    assert hit["explanation"]["language_match"] is False
