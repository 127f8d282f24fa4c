"""Q&A on the tests' indexed catalog (real PostgreSQL + pgvector, real USE encoder): the
``POST /api/assistant/ask/`` endpoint. The evaluation set's thresholds are measured on
the demo catalog (demo_project/tests/test_qa_eval.py)."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from rest_framework.test import APIClient

from shop_assistant.language import detect
from shop_assistant.qa import ask
from shop_assistant.qa.phrases import QUOTES

from .language_scoring import ENCODER_LANGUAGES, SERVED_LANGUAGES
from .testapp.models import Product

pytestmark = pytest.mark.django_db
URL = "/api/assistant/ask/"


@pytest.fixture
def client() -> APIClient:
    cache.clear()
    return APIClient()


def test_ask_about_a_product_answers_in_the_askers_language(indexed_catalog, client):
    pk = indexed_catalog.pk("JACKET-EN")
    response = client.post(URL, {"question": "¿Esta chaqueta es impermeable?", "product_id": pk})
    assert response.status_code == 200
    data = response.json()
    assert data["answer"] == "Sí (impermeable: sí)."  # the shop's own label (its adapter)
    assert data["language"] == "es" and data["grounded"] is True
    assert data["citations"] == [
        {
            "product_id": pk,
            "kind": "attribute",
            "field": "waterproof",
            "text": "impermeable: sí",
            "language": "es",
        }
    ]
    assert [p["product_id"] for p in data["products"]] == [pk]


def test_streamed_extractive_answer_is_one_answer_event(indexed_catalog, client):
    payload = {"question": "¿Esta chaqueta es impermeable?"}
    payload["product_id"] = indexed_catalog.pk("JACKET-EN")

    response = client.post(URL, {**payload, "stream": True}, format="json")

    assert response.status_code == 200 and response["Content-Type"] == "text/event-stream"
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("event: answer\ndata: ") and body.count("event: ") == 1
    answer = json.loads(body.split("data: ", 1)[1])
    assert answer == client.post(URL, payload, format="json").json()
    assert answer["answer"] == "Sí (impermeable: sí)."


def test_explicit_lang_and_refusal(indexed_catalog, client):
    pk = indexed_catalog.pk("LAMP-FR")
    response = client.post(
        URL, {"question": "Quelle est la capitale de l'Australie ?", "product_id": pk}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["grounded"] is False and data["citations"] == []
    assert data["answer"] == "Désolé, les informations sur le produit ne le précisent pas."
    response = client.post(URL, {"question": "What is it made of?", "product_id": pk, "lang": "de"})
    assert response.json()["answer"] == "Der Artikel ist aus Leinen."


# "Is this jacket waterproof?" about the English-only navy jacket, in the languages
# issue 12 found answered in English (or not served at all by the demo).
WATERPROOF_QUESTIONS = {
    "it": "Questa giacca è impermeabile?",
    "pt": "Esta jaqueta é impermeável?",
    "nl": "Is deze jas waterdicht?",
    "pl": "Czy ta kurtka jest wodoodporna?",
    "ru": "Эта куртка непромокаемая?",
    "tr": "Bu ceket su geçirmez mi?",
    "ar": "هل هذه السترة مقاومة للماء؟",
    "th": "เสื้อแจ็คเก็ตตัวนี้กันน้ำไหม",
    "ko": "이 재킷은 방수되나요?",
    "zh": "这件夹克防水吗？",
}


@pytest.mark.parametrize(("code", "question"), sorted(WATERPROOF_QUESTIONS.items()))
def test_questions_in_every_served_language_are_answered_in_it(
    indexed_catalog, client, settings, code, question
):
    settings.LANGUAGES = SERVED_LANGUAGES
    pk = indexed_catalog.pk("JACKET-EN")
    response = client.post(URL, {"question": question, "product_id": pk})
    assert response.status_code == 200
    data = response.json()
    assert (data["language"], data["language_source"]) == (code, "detected")
    spoken = QUOTES.sub(" ", data["answer"])
    assert detect(spoken, ENCODER_LANGUAGES) == code, data["answer"]


def test_a_served_language_without_answer_templates_says_it_answers_in_english(
    indexed_catalog, client, settings
):
    settings.LANGUAGES = [*settings.LANGUAGES, ("sv", "Svenska")]
    pk = indexed_catalog.pk("JACKET-EN")
    payload = {"question": "Är jackan vattentät?", "product_id": pk, "lang": "sv"}
    data = client.post(URL, payload).json()
    assert (data["language"], data["language_source"]) == ("en", "given")
    assert detect(QUOTES.sub(" ", data["answer"]), ("en", "sv", "de", "nl")) == "en"


def test_catalog_wide_question_lists_products_within_the_price_cap(indexed_catalog, client):
    response = client.post(URL, {"question": "quiet dishwasher under 500 euros"})
    data = response.json()
    assert response.status_code == 200 and data["grounded"] is True
    assert data["products"], data
    assert all(float(p["price"]) <= 500 for p in data["products"])
    listed = {p["product_id"] for p in data["products"]}
    skus = {sku for sku, pk in indexed_catalog.product_ids.items() if pk in listed}
    assert all(sku.startswith("DISHWASHERS-") for sku in skus)


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"question": "   "}, 400, "question"),
        ({}, 400, "question"),
        ({"question": "x" * 501}, 400, "question"),
        ({"question": "Is it red?", "lang": "xx"}, 400, "lang"),
        ({"question": "Is it red?", "product_id": "abc"}, 400, "product_id"),
        ({"question": "Is it red?", "product_id": 10**9}, 404, "detail"),
        ({"question": "Is it red?", "stream": "maybe"}, 400, "stream"),
        ({"question": "   ", "stream": True}, 400, "question"),
        ({"question": "Is it red?", "lang": "xx", "stream": True}, 400, "lang"),
    ],
)
def test_bad_input_is_a_clear_4xx(indexed_catalog, client, payload, status, field):
    response = client.post(URL, payload, format="json")
    assert response.status_code == status
    assert field in response.json()


def test_unpublished_products_never_leak(indexed_catalog, client):
    product = Product.objects.get(sku="TENT-DE")
    product.is_published = False
    product.save()  # the index has not caught up: the live flag still wins
    response = client.post(URL, {"question": "Ist das Zelt wasserdicht?", "product_id": product.pk})
    assert response.status_code == 404
    answer = ask("ultraleichtes Zelt für zwei Personen")
    assert product.pk not in {p.product_id for p in answer.products}
    assert product.pk not in {c.product_id for c in answer.citations}


@override_settings(SHOP_ASSISTANT={**settings.SHOP_ASSISTANT, "THROTTLE_RATES": {"qa": "2/minute"}})
def test_throttle_scope(indexed_catalog, client):
    payload = {"question": "Is it waterproof?", "product_id": indexed_catalog.pk("JACKET-EN")}
    codes = [client.post(URL, payload).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_openapi_schema_has_the_endpoint_with_multilingual_examples():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/assistant/ask/"]["post"]
    examples = operation["requestBody"]["content"]["application/json"]["examples"]
    questions = [e["value"]["question"] for e in examples.values()]
    assert "¿Esta chaqueta es impermeable?" in questions
    assert any("Farben" in q for q in questions) and any("素材" in q for q in questions)
    assert set(operation["responses"]) >= {"200", "400", "404", "429"}


@pytest.mark.parametrize(
    ("sku", "question", "field"),
    [
        ("JACKET-EN", "Wie hoch ist die Wassersäule?", "hydrostatic_head_mm"),
        ("JACKET-EN", "What is its water column?", "hydrostatic_head_mm"),
        ("HEADPHONES-JA", "ノイズキャンセリングはありますか？", "noise_cancelling"),
        ("HEADPHONES-JA", "Does it have noise cancelling?", "noise_cancelling"),
        ("TENT-DE", "Combien pèse la tente ?", "weight_g"),
    ],
)
def test_questions_about_the_shops_own_attributes_are_answered_from_them(
    indexed_catalog, client, sku, question, field
):
    """The test shop's attributes and labels (tests/settings.py), not the demo's."""
    response = client.post(URL, {"question": question, "product_id": indexed_catalog.pk(sku)})
    data = response.json()
    assert data["grounded"] is True, data
    assert data["citations"][0]["kind"] == "attribute"
    assert data["citations"][0]["field"] == field


@pytest.mark.parametrize(
    "question", ["Est-ce qu'elle a une capuche ?", "¿Tiene capucha?", "Does it have a hood?"]
)
def test_a_description_in_another_language_answers_with_its_language_marked(
    indexed_catalog, client, question
):
    """JACKET-EN is described in English only; its hood is in one clause of a sentence."""
    pk = indexed_catalog.pk("JACKET-EN")
    data = client.post(URL, {"question": question, "product_id": pk}).json()
    assert data["grounded"] is True, data
    cited = data["citations"][0]
    assert (cited["kind"], cited["language"]) == ("description", "en")
    assert "hood" in cited["text"]
    if data["language"] != "en":
        spoken = QUOTES.sub(" ", data["answer"])
        assert detect(spoken, ENCODER_LANGUAGES) == data["language"], data["answer"]
        assert ("anglais" in spoken) or ("inglés" in spoken)  # the quote's language, named


@pytest.mark.parametrize(("question", "lang"), [("มีฮู้ดไหม", "th"), ("有帽子吗？", "zh")])
def test_a_question_written_without_spaces_finds_the_sentence_in_another_language(
    indexed_catalog, client, settings, question, lang
):
    """The Thai and Chinese words for hood, cut out of the question by ICU's dictionary,
    match "hood" (or "helmet") in JACKET-EN's English description."""
    settings.LANGUAGES = SERVED_LANGUAGES
    pk = indexed_catalog.pk("JACKET-EN")
    data = client.post(URL, {"question": question, "product_id": pk, "lang": lang}).json()
    assert data["grounded"] is True, data
    assert data["language"] == lang
    cited = data["citations"][0]
    assert (cited["kind"], cited["language"]) == ("description", "en")
    assert "hood" in cited["text"]


def test_an_unrelated_question_is_still_refused(indexed_catalog, client):
    pk = indexed_catalog.pk("JACKET-EN")
    data = client.post(URL, {"question": "Est-elle lavable en machine ?", "product_id": pk}).json()
    assert data["grounded"] is False
