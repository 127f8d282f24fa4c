"""The shopping guide (POST chat/): multi-turn conversations over the tests' catalog, with
the real encoder and PostgreSQL; the rules that read messages are checked on their own."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from shop_assistant.guide.phrases import LANGUAGES, PHRASES
from shop_assistant.guide.understand import understand
from shop_assistant.language import detect
from shop_assistant.models import CatalogEntry, Conversation

from .language_scoring import ENCODER_LANGUAGES, SERVED_LANGUAGES

URL = "/api/assistant/chat/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> APIClient:
    cache.clear()  # throttle history
    return APIClient()


def say(client: APIClient, message: str, conversation: str | None = None, **extra) -> dict:
    body = {"message": message, **extra}
    if conversation:
        body["conversation_id"] = conversation
    response = client.post(URL, body, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def entries(body: dict) -> list[CatalogEntry]:
    ids = [product["product_id"] for product in body["products"]]
    found = {e.product_id: e for e in CatalogEntry.objects.filter(product_id__in=ids)}
    return [found[str(i)] if str(i) in found else found[i] for i in ids]


def written_in(text: str) -> str | None:
    return detect(text, ENCODER_LANGUAGES)


# -- reading messages (pure rules) -------------------------------------------------------
def test_every_phrase_exists_in_the_15_languages():
    assert set(ENCODER_LANGUAGES) <= LANGUAGES


@pytest.mark.parametrize("language", sorted(ENCODER_LANGUAGES))
def test_every_follow_up_chip_is_understood_in_its_own_language(language):
    cheaper = understand(PHRASES["chip_cheaper"][language])
    in_stock = understand(PHRASES["chip_in_stock"][language])
    more_like = understand(PHRASES["chip_more_like"][language])
    cheapest = understand(PHRASES["chip_cheapest"][language])
    assert cheaper.cheaper and not cheaper.has_need
    assert in_stock.in_stock and not in_stock.has_need
    assert more_like.more_like == 0 and not more_like.has_need
    assert cheapest.compare == ("price", "min")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Busco una chaqueta para la bici cuando llueve, menos de 100 €", {"max_price": 100}),
        ("a tent under $50", {"max_price": 50}),
        ("テント、100ユーロ以下", {"max_price": 100}),
        ("рюкзак не дороже 5000", {"max_price": 5000}),
        ("¿cuál pesa menos?", {"compare": ("weight", "min")}),
        ("Welches ist am leichtesten?", {"compare": ("weight", "min")}),
        ("哪个最便宜？", {"compare": ("price", "min")}),
        ("not that brand", {"other_brand": True}),
        ("show me more like the second one", {"more_like": 1}),
        ("tylko dostępne", {"in_stock": True}),
    ],
)
def test_constraints_are_read_from_messages_in_many_languages(text, expected):
    message = understand(text)
    for name, value in expected.items():
        found = getattr(message, name)
        assert (float(found) if isinstance(found, Decimal) else found) == value, (name, message)


# -- conversations -----------------------------------------------------------------------
def test_a_three_turn_spanish_conversation_keeps_and_refines_its_constraints(
    client, indexed_catalog
):
    first = say(client, "Busco una chaqueta impermeable para la lluvia, menos de 200 €")
    assert first["action"] == "products" and first["language"] == "es"
    assert written_in(first["reply"]) == "es"
    assert first["constraints"]["max_price"] == "200"
    assert first["constraints"]["category"] == "rain-jackets"
    shown = entries(first)
    assert shown and all(e.price <= 200 for e in shown)
    assert all(e.category_path[-1] == "rain-jackets" for e in shown)
    # Every reason comes from the product's own data.
    for product, entry in zip(first["products"], shown, strict=True):
        assert f"{entry.price} {entry.currency}" in product["reason"]

    red = say(client, "¿y en rojo?", first["conversation_id"])
    assert red["constraints"]["attributes"] == {"color": "red"}
    assert red["constraints"]["max_price"] == "200"  # kept from the first turn
    assert red["products"] and all(e.attributes["color"] == "red" for e in entries(red))
    assert all(e.category_path[-1] == "rain-jackets" for e in entries(red))
    assert written_in(red["reply"]) == "es"

    cheapest = say(client, "¿Cuál es el más barato?", first["conversation_id"])
    assert cheapest["action"] == "compare"
    prices = [e.price for e in entries(cheapest)]
    assert prices[0] == min(prices) and str(prices[0]) in cheapest["reply"]
    assert cheapest["citations"] and cheapest["citations"][0]["field"] == "price"
    conversation = Conversation.objects.get()
    assert len(conversation.turns) == 3 and conversation.language == "es"


def test_a_question_about_a_product_shown_is_answered_with_citations(client, indexed_catalog):
    jackets = say(client, "waterproof rain jacket")
    first = jackets["products"][0]["product_id"]
    answer = say(client, "Is the first one waterproof?", jackets["conversation_id"])
    assert answer["action"] == "answer"
    assert answer["citations"] and all(c["product_id"] == first for c in answer["citations"])
    assert answer["products"][0]["product_id"] == first


def test_comparing_weights_uses_the_catalogs_weight_attribute(client, indexed_catalog):
    # JACKET-EN (340 g) and TENT-DE (1200 g) are the products with a weight.
    shown = say(client, "rain jacket or tent")
    conversation = shown["conversation_id"]
    Conversation.objects.filter(pk=Conversation.objects.get().pk).update(
        state={
            **Conversation.objects.get().state,
            "shown": [indexed_catalog.pk("TENT-DE"), indexed_catalog.pk("JACKET-EN")],
        }
    )
    lightest = say(client, "Which one is the lightest?", conversation)
    assert lightest["action"] == "compare"
    assert lightest["products"][0]["product_id"] == indexed_catalog.pk("JACKET-EN")
    assert "340" in lightest["reply"]
    heaviest = say(client, "Welches ist am schwersten?", conversation, lang="de")
    assert heaviest["products"][0]["product_id"] == indexed_catalog.pk("TENT-DE")
    assert written_in(heaviest["reply"]) == "de"


def test_refinements_cheaper_other_brand_and_more_like(client, indexed_catalog):
    tents = say(client, "Zelt für vier Personen")
    conversation = tents["conversation_id"]
    first = entries(tents)[0]
    assert first.category_path[-1] == "tents"

    cheaper = say(client, "Billiger", conversation)
    assert cheaper["products"] and all(e.price < first.price for e in entries(cheaper))

    cheap_first = entries(cheaper)[0]
    other = say(client, "eine andere Marke", conversation)
    assert other["constraints"]["exclude_brands"] == [cheap_first.brand]
    assert all(e.brand != cheap_first.brand for e in entries(other))

    second = other["products"][1]["product_id"]
    like = say(client, "mehr wie das zweite", conversation)
    assert like["constraints"]["similar_to"] == second
    assert second not in [p["product_id"] for p in like["products"]]
    assert all(e.category_path[-1] == "tents" for e in entries(like)[:3])


def test_a_price_that_leaves_nothing_is_relaxed_and_said(client, indexed_catalog):
    body = say(client, "a tent under 5 €")
    assert body["products"]
    cheapest = min(e.price for e in entries(body) if e.category_path[-1] == "tents")
    assert "5" not in body["constraints"].get("max_price", "")
    assert str(cheapest) in body["reply"]


def test_a_vague_need_gets_one_clarifying_question(client, indexed_catalog):
    body = say(client, "un regalo", lang="es")
    assert body["action"] == "clarify" and body["products"] == []
    assert body["clarifying_question"] == body["reply"]
    assert written_in(body["reply"]) == "es"


def test_replies_are_written_in_the_askers_language(client, indexed_catalog, settings):
    settings.LANGUAGES = SERVED_LANGUAGES  # all 15
    for text, code in [
        ("防水のレインジャケット", "ja"),
        ("водонепроницаемая куртка", "ru"),
        ("kurtka przeciwdeszczowa", "pl"),
        ("yağmurluk ceket", "tr"),
        ("سترة مقاومة للماء", "ar"),
        ("방수 재킷", "ko"),
        ("เสื้อกันฝน", "th"),
        ("Regenjacke wasserdicht", "de"),
        ("veste imperméable", "fr"),
    ]:
        body = say(client, text)
        assert body["language"] == code and body["products"], text
        assert written_in(body["reply"]) == code, (text, body["reply"])


# -- ownership and bad input -------------------------------------------------------------
def test_another_visitors_or_a_forged_conversation_is_not_found(client, indexed_catalog):
    mine = say(client, "rain jacket")
    stranger = APIClient()
    response = stranger.post(
        URL, {"message": "cheaper", "conversation_id": mine["conversation_id"]}, format="json"
    )
    assert response.status_code == 404 and "conversation_id" in response.json()
    pk = str(Conversation.objects.get().pk)
    forged = client.post(URL, {"message": "cheaper", "conversation_id": pk}, format="json")
    assert forged.status_code == 404
    assert Conversation.objects.get().turns[-1]["message"] == "rain jacket"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"message": "   "}, "message"),
        ({"message": "x" * 1001}, "message"),
        ({}, "message"),
        ({"message": "tent", "lang": "xx"}, "lang"),
    ],
)
def test_bad_messages_are_a_clear_400(client, body, field):
    response = client.post(URL, body, format="json")
    assert response.status_code == 400
    assert field in str(response.json())
    assert not Conversation.objects.exists()


def test_deleting_my_data_deletes_my_conversations(client, indexed_catalog):
    say(client, "rain jacket")
    other = APIClient()
    other.post(URL, {"message": "tent"}, format="json")
    assert Conversation.objects.count() == 2
    assert client.delete("/api/assistant/events/mine/").status_code == 200
    assert Conversation.objects.count() == 1


def test_a_streamed_reply_sends_the_text_then_the_whole_body(client, indexed_catalog):
    response = client.post(URL, {"message": "rain jacket", "stream": True}, format="json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/event-stream")
    events = b"".join(response.streaming_content).decode().strip().split("\n\n")
    names = [event.split("\n")[0] for event in events]
    assert names == ["event: delta", "event: reply"]
    delta = json.loads(events[0].split("data: ", 1)[1])
    body = json.loads(events[1].split("data: ", 1)[1])
    assert delta["text"] == body["reply"] and body["products"]
    assert Conversation.objects.get().turns[0]["reply"] == body["reply"]


def test_the_visitors_taste_moves_what_they_looked_at_up(client, indexed_catalog):
    anonymous = [p["product_id"] for p in say(APIClient(), "rain jacket")["products"]]
    liked = anonymous[-1]
    events = [
        {"event_id": f"v{i}", "type": "add_to_cart" if i % 2 else "view", "product_id": liked}
        for i in range(6)
    ]
    response = client.post("/api/assistant/events/", {"events": events}, format="json")
    assert response.status_code == 201
    personal = [p["product_id"] for p in say(client, "rain jacket")["products"]]
    assert sorted(personal) == sorted(anonymous) or liked in personal
    assert personal.index(liked) < anonymous.index(liked)
