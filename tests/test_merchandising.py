"""Merchandising rules: the engine on hand-made lists, then in search and recommendations.

The first part uses rule rows and catalog entries in PostgreSQL but no vectors; the
second runs the real search and recommendation endpoints on the tests' indexed catalog.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from shop_assistant.filters import Filters
from shop_assistant.merchandising import active_rules, apply_rules, exclusion_q
from shop_assistant.models import CatalogEntry, MerchandisingRule
from shop_assistant.ranking import Candidate, Explanation
from shop_assistant.recommend.copurchase import refresh_bought_together
from shop_assistant.recommend.identity import visitor_token
from shop_assistant.recommend.trending import refresh_trending

from .factories import category, product
from .testapp.models import Order, OrderLine

pytestmark = pytest.mark.django_db

API = "/api/assistant/"


def rule(name: str, action: str, **fields: object) -> MerchandisingRule:
    return MerchandisingRule.objects.create(name=name, action=action, **fields)


def cand(product_id: int, score: float, brand: str = "Acme", path: tuple = ("a", "b")):
    return Candidate(product_id, product_id, score, brand, list(path), Explanation("test"))


def order(candidates: list[Candidate]) -> list[int]:
    return [c.product_id for c in candidates]


# Product ids of the hand-made list (no rows: far above any pk the tests create).
T1, B2, J3, H4 = 9_000_001, 9_000_002, 9_000_003, 9_000_004


@pytest.fixture
def listing() -> list[Candidate]:
    return [
        cand(T1, 0.9, "Nordwand", ("outdoor", "tents")),
        cand(B2, 0.8, "Cumbre", ("outdoor", "backpacks")),
        cand(J3, 0.7, "Nordwand", ("clothing", "rain-jackets")),
        cand(H4, 0.6, "Koyo", ("electronics", "headphones")),
    ]


# -- the engine -------------------------------------------------------------------------------


def test_exclude_by_brand_category_with_descendants_and_both(listing):
    rule("No Nordwand", "exclude", brand="nordwand")
    assert order(apply_rules(list(listing))) == [B2, H4]
    MerchandisingRule.objects.all().delete()
    rule("No outdoor", "exclude", category="outdoor")  # includes outdoor > tents, backpacks
    assert order(apply_rules(list(listing))) == [J3, H4]
    MerchandisingRule.objects.all().delete()
    rule("No Nordwand outdoor", "exclude", category="outdoor", brand="Nordwand")
    assert order(apply_rules(list(listing))) == [B2, J3, H4]


def test_boost_and_bury_multiply_and_divide_the_score(listing):
    rule("Headphones up", "boost", category="headphones", weight=1.0)  # × 2
    rule("Tents down", "bury", category="tents", weight=3.0)  # ÷ 4
    ranked = apply_rules(list(listing))
    assert order(ranked) == [H4, B2, J3, T1]
    scores = {c.product_id: c.score for c in ranked}
    assert scores[H4] == pytest.approx(1.2) and scores[T1] == pytest.approx(0.225)
    assert ranked[0].explanation.rules == ["boost ×2: Headphones up"]
    assert ranked[-1].explanation.rules == ["bury ×4: Tents down"]
    assert ranked[1].explanation.rules == []


def test_pins_move_a_listed_product_to_its_position(listing):
    rule("Targets nothing", "pin", weight=1)  # no product: ignored
    pinned = product("Jacket")
    listing[2] = cand(pinned.pk, 0.7)
    rule("Jacket first", "pin", product=pinned, weight=1)
    ranked = apply_rules(list(listing))
    assert order(ranked) == [pinned.pk, T1, B2, H4]
    assert ranked[0].explanation.rules == ["pin #1: Jacket first"]
    assert ranked[0].score == 0.7  # a listed product keeps its score


def test_a_missing_pinned_product_is_fetched_when_it_matches_the_filters(listing):
    kitchen = category("kitchen")
    kettle = product("Kettle", category=kitchen, brand="Hvitfoss")
    CatalogEntry.objects.create(
        product=kettle, titles={"en": "Kettle"}, category_path=["kitchen"], brand="Hvitfoss"
    )
    rule("Kettle second", "pin", product=kettle, weight=2)
    ranked = apply_rules(list(listing), filters=Filters(brand="Hvitfoss"))
    assert order(ranked) == [T1, kettle.pk, B2, J3, H4]
    assert ranked[1].explanation == Explanation(
        "pinned", rules=["pin #2: Kettle second"], pinned=True
    )
    assert ranked[1].score == 0.8  # takes the score of the result it displaces
    assert order(apply_rules(list(listing), filters=Filters(category="tents"))) == [T1, B2, J3, H4]
    assert order(apply_rules(list(listing), exclude=[kettle.pk])) == [T1, B2, J3, H4]
    rule("No Hvitfoss", "exclude", brand="Hvitfoss")  # exclusion wins over a pin
    assert order(apply_rules(list(listing))) == [T1, B2, J3, H4]


def test_an_unpublished_pinned_product_is_not_fetched(listing):
    gone = product("Gone")
    CatalogEntry.objects.create(product=gone, titles={"en": "Gone"}, is_published=False)
    rule("Gone first", "pin", product=gone, weight=1)
    assert order(apply_rules(list(listing))) == [T1, B2, J3, H4]


def test_pins_at_the_same_position_keep_the_rules_order_and_far_ones_go_last(listing):
    first, second, far = (product(t) for t in ("First", "Second", "Far"))
    for item in (first, second, far):
        CatalogEntry.objects.create(product=item, titles={"en": item.title})
    rule("A pin", "pin", product=first, weight=2)
    rule("B pin", "pin", product=second, weight=2)
    rule("C pin", "pin", product=far, weight=50)
    assert order(apply_rules(list(listing))) == [T1, first.pk, second.pk, B2, J3, H4, far.pk]


def test_query_and_language_restrictions(listing):
    rule("Tents for tent searches", "exclude", category="tents", queries=["Tent "])
    rule("No Koyo in Spanish", "exclude", brand="Koyo", languages=["es"])
    rule("Inactive", "exclude", category="outdoor", is_active=False)
    assert order(apply_rules(list(listing), query=" TENT", language="en")) == [B2, J3, H4]
    # Matched as search matches words: a plural is the same query, other words are not.
    assert order(apply_rules(list(listing), query="Tents", language="en")) == [B2, J3, H4]
    assert order(apply_rules(list(listing), query="tent pegs", language="en")) == [T1, B2, J3, H4]
    assert order(apply_rules(list(listing), language="es-mx")) == [T1, B2, J3]
    names = {r.name for r in active_rules(query="", language="es")}
    assert names == {"No Koyo in Spanish"}


def test_exclusion_q_selects_the_entries_the_rules_exclude():
    tents, kitchen = category("tents"), category("kitchen")
    entries = {}
    rows = (("T", tents, "Nordwand"), ("K", kitchen, "Nordwand"), ("X", kitchen, "Hvitfoss"))
    for title, cat, brand in rows:
        item = product(title, category=cat, brand=brand)
        entries[title] = CatalogEntry.objects.create(
            product=item, titles={"en": title}, category_path=[cat.slug], brand=brand
        )
    rule("no tents", "exclude", category="tents")
    rule("no Hvitfoss", "exclude", brand="HVITFOSS")
    rule("boost", "boost", brand="Nordwand")
    condition = exclusion_q(active_rules())
    kept = CatalogEntry.objects.exclude(condition).values_list("pk", flat=True)
    assert list(kept) == [entries["K"].pk]
    assert exclusion_q([r for r in active_rules() if r.action == "boost"]) is None


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"action": "exclude"}, {"product"}),
        ({"action": "pin", "category": "tents"}, {"product"}),
        ({"action": "pin", "with_product": True, "weight": 0}, {"weight"}),
        ({"action": "boost", "brand": "Koyo", "weight": -1}, {"weight"}),
        ({"action": "bury", "brand": "Koyo", "weight": 0.5}, set()),
    ],
)
def test_rules_are_validated(fields, errors):
    fields = dict(fields)
    if fields.pop("with_product", False):
        fields["product"] = product("Pinned")
    candidate = MerchandisingRule(name="r", **fields)
    if errors:
        with pytest.raises(ValidationError) as excinfo:
            candidate.full_clean()
        assert set(excinfo.value.message_dict) == errors
    else:
        candidate.full_clean()


# -- in search and in every recommendation list (indexed test catalog) -------------------------


@pytest.fixture
def client() -> APIClient:
    cache.clear()
    return APIClient()


def ids(body: dict) -> list[int]:
    return [r["product_id"] for r in body["results"]]


def get(client: APIClient, path: str, **params: object) -> dict:
    response = client.get(API + path, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_query_pin_applies_to_that_search_only(client, indexed_catalog):
    kettle = indexed_catalog.pk("KETTLES-01")
    tent = indexed_catalog.pk("TENTS-03")
    assert kettle not in ids(get(client, "search/", q="tent", page_size=5))
    rule("Kettle for campers", "pin", product_id=kettle, weight=2, queries=["tent"])
    hits = get(client, "search/", q="Tent", page_size=5)["results"]
    assert hits[1]["product_id"] == kettle
    assert hits[1]["explanation"]["rules"] == ["pin #2: Kettle for campers"]
    assert kettle not in ids(get(client, "search/", q="backpack", page_size=5))
    assert kettle not in ids(get(client, f"products/{tent}/similar/"))


def test_exclude_and_pin_apply_to_search_and_every_recommendation_list(client, indexed_catalog):
    tent, lamp = indexed_catalog.pk("TENTS-03"), indexed_catalog.pk("LAMPS-05")
    brand = CatalogEntry.objects.get(product_id=tent).brand
    before = get(client, f"products/{tent}/similar/")
    assert any(r["brand"] == brand for r in before["results"])
    rule(f"No {brand}", "exclude", brand=brand)
    rule("Lamp third", "pin", product_id=lamp, weight=3)
    headers = {"X-Visitor-Id": visitor_token("visitor-rules-001")}
    tents = [indexed_catalog.pk(s) for s in ("TENTS-02", "TENTS-04", "TENTS-06")]
    events = [{"event_id": f"v{i}", "type": "view", "product_id": p} for i, p in enumerate(tents)]
    assert (
        client.post(API + "events/", {"events": events}, format="json", headers=headers).status_code
        == 201
    )
    backpacks = CatalogEntry.objects.filter(category_path__contains=["backpacks"], in_stock=True)
    for i, other in enumerate(backpacks.values_list("product_id", flat=True)[:6]):
        for copy in range(2):
            order = Order.objects.create(number=f"R-{i}-{copy}")
            OrderLine.objects.create(order=order, product_id=tent, price=1)
            OrderLine.objects.create(order=order, product_id=other, price=1)
    refresh_bought_together()
    refresh_trending()

    lists = {
        "search": get(client, "search/", q="tent", page_size=10),
        "similar": get(client, f"products/{tent}/similar/"),
        "bought_together": get(client, f"products/{tent}/bought-together/"),
        "personalized": client.get(API + "recommendations/", headers=headers).json(),
        "trending": get(client, "trending/"),
    }
    for name, body in lists.items():
        results = body["results"]
        assert len(results) >= 4, name
        excluded = CatalogEntry.objects.filter(brand=brand).values_list("product_id", flat=True)
        assert not set(excluded) & set(ids(body)), name
        assert ids(body)[2] == lamp, (name, ids(body))
        assert results[2]["explanation"]["rules"] == ["pin #3: Lamp third"], name


# -- admin ------------------------------------------------------------------------------------


def test_the_admin_lists_rules_and_refuses_an_invalid_one(admin_client):
    rule("Summer tents", "boost", category="tents", weight=0.5, languages=["es"])
    page = admin_client.get("/admin/shop_assistant/merchandisingrule/")
    assert page.status_code == 200
    assert "Summer tents" in page.text and "category tents" in page.text
    add = "/admin/shop_assistant/merchandisingrule/add/"
    response = admin_client.post(
        add, {"name": "Pin nothing", "action": "pin", "weight": "1", "is_active": "on"}
    )
    assert response.status_code == 200  # the form again, with the error
    assert "A pin needs the product to pin." in response.text
    assert not MerchandisingRule.objects.filter(name="Pin nothing").exists()
    pinned = product("Pinned")
    response = admin_client.post(
        add,
        {"name": "Pin it", "action": "pin", "weight": "2", "product": pinned.pk, "is_active": "on"},
    )
    assert response.status_code == 302
    assert MerchandisingRule.objects.get(name="Pin it").product_id == pinned.pk


def test_a_saved_rule_applies_to_the_next_search_at_once_and_a_deleted_one_stops(db):
    from shop_assistant import merchandising

    assert merchandising.active_rules(query="tent") == []  # memoized: no rules
    rule = MerchandisingRule.objects.create(name="Tents first", action="bury", brand="Koyo")
    assert [r.name for r in merchandising.active_rules(query="tent")] == ["Tents first"]
    rule.is_active = False
    rule.save()
    assert merchandising.active_rules(query="tent") == []
    rule.is_active = True
    rule.save()
    rule.delete()
    assert merchandising.active_rules(query="tent") == []
