"""Acceptance: a fresh oscar 4.2 shop with only the README's generic steps and its three
oscar lines (tests/oscar/settings.py) gets search, similar, bought-together,
recommendations and Q&A, on real PostgreSQL + pgvector with the real encoder."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from shop_assistant.recommend.identity import visitor_token

pytestmark = pytest.mark.django_db

API = "/api/assistant/"


def ids(body: dict) -> list[int]:
    return [hit["product_id"] for hit in body["results"]]


@pytest.fixture
def live(shop):
    call_command("check")  # no shop_assistant error or warning in this configuration
    call_command("shop_assistant_reindex", "--all", verbosity=0)
    call_command("shop_assistant_maintain", verbosity=0)  # co-purchases, trending
    return shop


def test_a_spanish_query_finds_an_english_only_product(live, api):
    body = api.get(API + "search/", {"q": "chaqueta impermeable para la montaña"}).json()
    assert ids(body)[0] == live.jacket.pk
    assert body["results"][0]["title"] == "Waterproof hiking jacket"
    cafetera = api.get(API + "search/", {"q": "moka pot for induction"}).json()
    assert set(ids(cafetera)[:2]) == {live.moka.pk, live.cafetera.pk}


def test_search_serves_the_parent_of_variants_with_its_price(live, api):
    body = api.get(API + "search/", {"q": "cotton t-shirt"}).json()
    assert ids(body)[0] == live.tshirt.pk
    assert live.small.pk not in ids(body) and live.medium.pk not in ids(body)
    assert body["results"][0]["price"] == "18.00"


def test_qa_answers_from_an_attribute(live, api):
    response = api.post(
        API + "ask/",
        {"question": "What material is it made of?", "product_id": live.jacket.pk},
        format="json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert "Gore-Tex" in data["answer"] and data["grounded"] is True
    assert {"kind": "attribute", "field": "material"}.items() <= data["citations"][0].items()


def test_qa_quotes_approved_reviews_only(live):
    from shop_assistant.catalog import get_adapter

    reviews = get_adapter().get_reviews(live.jacket)
    assert [r.text.split("\n") for r in reviews] == [
        ["Dry all day.", "It kept me dry during six hours of heavy rain."]
    ]
    assert reviews[0].rating == 5 and reviews[0].language == "en"


def test_similar_and_bought_together(live, api):
    similar = api.get(API + f"products/{live.moka.pk}/similar/").json()
    assert ids(similar)[0] == live.cafetera.pk
    together = api.get(API + f"products/{live.jacket.pk}/bought-together/").json()
    assert ids(together) == [live.tshirt.pk]  # two orders held the jacket and a child size


def test_recommendations_follow_what_a_visitor_viewed(live, api):
    headers = {"X-Visitor-Id": visitor_token("oscar-visitor-0001")}
    event = {
        "event_id": "v1",
        "type": "view",
        "product_id": live.moka.pk,
        "timestamp": timezone.now().isoformat(),
    }
    posted = api.post(API + "events/", {"events": [event]}, format="json", headers=headers)
    assert posted.status_code == 201, posted.content
    body = api.get(API + "recommendations/", headers=headers).json()
    assert ids(body)[0] == live.cafetera.pk
    assert live.moka.pk not in ids(body)


def test_qa_answers_a_spanish_question_from_an_english_attribute(live, api):
    response = api.post(
        API + "ask/",
        {"question": "¿De qué material está hecha?", "product_id": live.jacket.pk},
        format="json",
    )
    data = response.json()
    assert data["language"] == "es" and data["grounded"] is True, data
    assert "Gore-Tex" in data["answer"]
    assert data["citations"][0]["field"] == "material"
