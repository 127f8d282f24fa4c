"""Recommendations on the indexed demo catalog: similar products across its ~250 products
in 16 leaf categories, and the demo's generated activity feeding every list."""

from __future__ import annotations

import numpy as np
import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from demo_project.shop.models import Order
from shop_assistant.models import CatalogEntry, CoPurchase, Interaction
from shop_assistant.recommend.identity import visitor_token

pytestmark = pytest.mark.django_db

API = "/api/assistant/"


@pytest.fixture
def client() -> APIClient:
    cache.clear()  # throttle history
    return APIClient()


def get(client: APIClient, path: str, **params: object) -> dict:
    response = client.get(API + path, params)
    assert response.status_code == 200, response.content
    return response.json()


def ids(body: dict) -> list[int]:
    return [r["product_id"] for r in body["results"]]


def leaf(product_id: int) -> str:
    return CatalogEntry.objects.get(product_id=product_id).category_path[-1]


def test_similar_products_are_mostly_in_the_category_and_never_the_product(client, demo_catalog):
    skus = ["DEMO-EN-RAINJACKET", "DEMO-DE-ZELT", "DEMO-JA-HEADPHONES", "DEMO-ES-CAFETERA"]
    skus += sorted(sku for sku in demo_catalog.product_ids if not sku.startswith("DEMO-"))[::20]
    shares = []
    for sku in skus:
        pk = demo_catalog.pk(sku)
        found = ids(get(client, f"products/{pk}/similar/"))
        assert len(found) == 10, sku
        assert pk not in found, sku
        share = sum(leaf(other) == leaf(pk) for other in found) / len(found)
        assert share >= 0.5, (sku, share)
        shares.append(share)
    assert np.mean(shares) >= 0.8, shares


def test_the_demo_activity_feeds_every_list(client, demo_catalog):
    from demo_project.shop.activity import VISITOR_PREFIX, generate_demo_activity
    from shop_assistant.tasks import refresh_bought_together_task

    summary = generate_demo_activity()
    events = Interaction.objects.filter(visitor_id__startswith=VISITOR_PREFIX).count()
    orders = Order.objects.count()
    assert events > 2000 and orders > 1000
    assert summary.startswith(f"Demo activity: {events} new events, {orders} new orders;")
    again = generate_demo_activity()  # idempotent
    assert again.startswith("Demo activity: 0 new events, 0 new orders;")
    assert refresh_bought_together_task.delay().get()["baskets"] == orders

    assert {r["explanation"]["source"] for r in get(client, "trending/")["results"]} == {"trending"}
    visitor = Interaction.objects.filter(visitor_id__startswith=VISITOR_PREFIX).first()
    token = visitor_token(visitor.visitor_id)
    mine = client.get(API + "recommendations/", headers={"X-Visitor-Id": token})
    assert len(mine.json()["results"]) == 10
    assert mine.json()["results"][0]["explanation"]["source"] == "personalized"
    with_pairs = CoPurchase.objects.values("product_id").distinct().count()
    assert with_pairs >= 0.9 * CatalogEntry.objects.count()
    lists_with_pairs = 0
    for sku in ("TNT-0002", "KET-0004", "HPH-0003", "GAM-0002", "DEMO-EN-RAINJACKET"):
        pk = demo_catalog.pk(sku)
        assert len(ids(get(client, f"products/{pk}/similar/"))) == 10
        together = get(client, f"products/{pk}/bought-together/")["results"]
        assert len(together) == 10, sku
        lists_with_pairs += together[0]["explanation"]["source"] == "co_purchase"
    assert lists_with_pairs >= 4
