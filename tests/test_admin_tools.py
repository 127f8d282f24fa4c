"""The admin's tools for the people who run the shop: index health, the search
playground, search analytics, and the merchandising rule form (through the real admin
site, real PostgreSQL and the real encoder)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from shop_assistant.indexing import Indexer
from shop_assistant.merchandising import active_rules
from shop_assistant.models import CatalogEntry, Interaction, MerchandisingRule, SearchLog
from shop_assistant.search import search

from .factories import category, product
from .testapp.models import Product

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"admin:shop_assistant_{name}", args=args)


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user(
        "ops", password="x", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


@pytest.fixture
def shop(space):
    tents = category("tents", en="Tents", es="Tiendas")
    items = {
        "tent": product("Dome tent for two", "Sleeps two.", category=tents, brand="Nordwand"),
        "tent_es": product(
            "Tienda de campaña", "Para dos personas.", category=tents, language="es"
        ),
        "kettle": product("Steel kettle", "Boils water.", brand="Hvitfoss"),
    }
    Indexer(space).index_all()
    CatalogEntry.objects.filter(product=items["kettle"]).update(
        status=CatalogEntry.Status.FAILED, error="ValueError: bad price"
    )
    return items


def test_index_health_counts_entries_spaces_languages_and_the_cache(staff, shop, space):
    search("dome tent", log=False)
    search("dome tent", log=False)  # a cache hit
    response = staff.get(url("catalogentry_health"))
    assert response.status_code == 200
    health = response.context["health"]
    assert health.statuses == {"indexed": 2, "stale": 0, "failed": 1}
    (only,) = health.spaces
    assert only.space == space and only.index == "valid" and only.products == 3
    assert set(only.languages) >= {"en", "es"}
    assert all(total == embedded for total, embedded in only.languages.values())
    assert health.cache_hits >= 1 and health.cache_misses >= 1
    page = response.content.decode()
    assert space.model_id in page and 'id="cache-hit-rate"' in page


def test_the_playground_answers_with_each_side_and_previews_rules(staff, shop):
    MerchandisingRule.objects.create(
        name="Kettles for tent searches",
        action="pin",
        product=shop["kettle"],
        weight=1,
        queries=["tent"],
    )
    CatalogEntry.objects.filter(product=shop["kettle"]).update(status=CatalogEntry.Status.INDEXED)
    response = staff.get(url("catalogentry_playground"), {"q": "tents", "lang": "en"})
    assert response.status_code == 200
    results = response.context["results"]
    assert set(results) == {"hybrid", "lexical", "vector"}
    hybrid = [h.product_id for h in results["hybrid"].hits]
    assert hybrid[0] == shop["kettle"].pk  # pinned: "tents" matches the rule's "tent"
    assert shop["tent_es"].pk in [h.product_id for h in results["vector"].hits]
    preview = response.context["preview"]
    assert [r.name for r in preview.rules] == ["Kettles for tent searches"]
    assert (shop["kettle"].pk, None, 1) in preview.moved or any(
        pid == shop["kettle"].pk and after == 1 for pid, _b, after in preview.moved
    )
    assert not SearchLog.objects.exists()  # the playground logs nothing
    page = response.content.decode()
    assert 'id="results-lexical"' in page and 'id="rule-preview"' in page


def test_analytics_chart_zero_results_top_queries_and_conversion(staff, shop):
    now = timezone.now()
    for days, query, count in [(0, "tent", 3), (0, "tent", 2), (1, "unicorn saddle", 0)]:
        log = SearchLog.objects.create(query=query, language="en", count=count)
        SearchLog.objects.filter(pk=log.pk).update(created_at=now - timedelta(days=days))
    clicked = SearchLog.objects.filter(query="tent").first()
    Interaction.objects.create(
        event_id="c1",
        type="search_click",
        product=shop["tent"],
        visitor_id="visitor-analytics",
        search=clicked,
        timestamp=now,
    )
    response = staff.get(url("searchlog_changelist"))
    assert response.status_code == 200
    assert response.context["searches_total"] == 3
    assert [(r.query, r.searches) for r in response.context["zero_results"]] == [
        ("unicorn saddle", 1)
    ]
    assert [r.query for r in response.context["top_queries"]["en"]] == ["tent", "unicorn saddle"]
    tent = next(r for r in response.context["query_stats"] if r.query == "tent")
    assert (tent.searches, tent.clicked, tent.converted) == (2, 1, 0)
    page = response.content.decode()
    assert "<svg" in page and "Searches per day" in page and "unicorn saddle" in page


def test_rule_form_takes_several_queries_and_picks_the_product_by_name(staff, shop, monkeypatch):
    form_url = url("merchandisingrule_add")
    response = staff.post(
        form_url,
        {
            "name": "Tents first",
            "action": "boost",
            "weight": "1",
            "is_active": "on",
            "category": "tents",
            "queries": "Tent\ncamping  \n\nTIENDA DE CAMPAÑA",
            "languages": "",
        },
    )
    assert response.status_code == 302, response.content[-2000:]
    rule = MerchandisingRule.objects.get(name="Tents first")
    assert rule.queries == ["Tent", "camping", "TIENDA DE CAMPAÑA"]
    # Matched as search matches words: case, accents and plurals aside.
    assert active_rules(query="tents", language="en")
    assert active_rules(query="tiendas de campana", language="es")
    assert not active_rules(query="kettle", language="en")

    # With the shop's product admin searchable, the product is picked by name.
    model_admin = admin.site._registry[Product]
    monkeypatch.setattr(model_admin, "search_fields", ("title",))
    page = staff.get(form_url).content.decode()
    assert "admin-autocomplete" in page
    monkeypatch.setattr(model_admin, "search_fields", ())
    assert "admin-autocomplete" not in staff.get(form_url).content.decode()
