"""What the guide understands in a message, in every script it serves: price bounds and
amounts as shoppers write them, the shop's categories by their names in any language, and
attribute values by their labels (real encoder and PostgreSQL for the catalog parts)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from shop_assistant.guide import values
from shop_assistant.guide.categories import match_categories
from shop_assistant.guide.understand import understand
from shop_assistant.qa.constraints import amount_value, parse_price

URL = "/api/assistant/chat/"


# -- prices (pure rules) -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, low, high",
    [
        # Korean: the cue after the amount, a particle after the cue; 만 (10,000) and 원.
        ("러닝화를 찾고 있어요. 320유로 이하로", None, 320),
        ("등산화가 필요해요. 200 유로 미만", None, 200),
        ("15만원까지 괜찮아요", None, 150000),
        ("10만원 이상", 100000, None),
        ("100에서 200유로 사이", 100, 200),
        # Japanese and Chinese: 万 / 千, Han numerals, まで, 以内, 不超过, 起.
        ("テントを探しています。3万円以下で", None, 30000),
        ("150ユーロまでのジャケット", None, 150),
        ("予算は1万5千円", None, 15000),
        ("两千元以内的帐篷", None, 2000),
        ("不超过500元", None, 500),
        ("100元起", 100, None),
        # Thai, Arabic (Arabic-Indic digits), Turkish (cue after the amount).
        ("เต็นท์ ไม่เกิน 500 บาท", None, 500),
        ("سترة بأقل من ١٥٠ يورو", None, 150),
        ("150 TL altında bir ceket", None, 150),
        ("200 TL'ye kadar kulaklık", None, 200),
        # Spaced scripts: words after the amount, thousands, budgets, inflected currencies.
        ("a jacket, 150 € max", None, 150),
        ("headphones under $1,299", None, 1299),
        ("Zelt unter 1.299,99 €", None, Decimal("1299.99")),
        ("veste à moins de 1 299 €", None, 1299),
        ("mi presupuesto es 80 €", None, 80),
        ("палатка до 5000 рублей", None, 5000),
        ("maks. 200 zł", None, 200),
        ("entre 50 y 100 euros", 50, 100),
        ("100 € or more", 100, None),
    ],
)
def test_price_bounds_in_every_script(text, low, high):
    found = parse_price(text)
    assert (found.min_price, found.max_price) == (
        None if low is None else Decimal(low),
        None if high is None else Decimal(high),
    )


@pytest.mark.parametrize(
    "text",
    [
        "tent for up to 4 people",
        "Zelt bis 4 Personen",
        "4人用テント",
        "3일까지 배송되나요",
        "一个帐篷",
        "at least 2 pockets",
        "4 or less layers",
        "rain jacket 340 g",
    ],
)
def test_numbers_that_are_not_prices_stay_in_the_message(text):
    found = parse_price(text)
    assert found.is_empty() and found.rest == text


def test_the_korean_particle_after_a_price_cue_leaves_with_it():
    message = understand("러닝화를 찾고 있어요. 320유로 이하로", "ko")
    assert message.max_price == 320
    assert message.need == "러닝화"


@pytest.mark.parametrize(
    "written, value",
    [("1.299,99", "1299.99"), ("1,299.99", "1299.99"), ("1,299", "1299"), ("12,5", "12.5"),
     ("3万", "30000"), ("1万5千", "15000"), ("15만", "150000"), ("2k", "2000"),
     ("两千五百", "2500"), ("٣٠٠", "300")],
)  # fmt: skip
def test_amounts_as_written(written, value):
    assert amount_value(written) == Decimal(value)


def test_thai_words_keep_their_vowel_marks():
    # «ของขวัญ» (a gift) is one word: its vowel mark does not split it.
    assert understand("ของขวัญ", "th").need == "ของขวัญ"


# -- the catalog's categories and values (real encoder and PostgreSQL) ---------------------


@pytest.fixture
def client() -> APIClient:
    cache.clear()
    return APIClient()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, slug",
    [
        ("電気ケトルが欲しい", "kettles"),  # the Japanese name stands in the message
        ("Busco unos auriculares", "headphones"),  # the Spanish name, by the encoder
        ("텐트가 필요해요", "tents"),  # Korean: the shop has no Korean names
        ("我需要一个帐篷", "tents"),  # Chinese: a piece of the Han run
        ("une bouilloire électrique", "kettles"),
    ],
)
def test_a_category_is_named_by_its_name_in_any_language(indexed_catalog, text, slug):
    found = match_categories(text, using="default")
    assert found and found[0].slug == slug


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text", ["a gift", "un regalo para mi padre", "what do you recommend", "cadeau voor mijn zus"]
)
def test_a_vague_need_names_no_category(indexed_catalog, text):
    assert match_categories(understand(text, "en").need, using="default") == []


@pytest.mark.django_db
def test_a_korean_need_with_a_price_gets_its_category_and_ceiling(client, indexed_catalog):
    body = client.post(URL, {"message": "텐트가 필요해요. 300유로 이하로"}, format="json").json()
    assert body["language"] == "ko" and body["action"] == "products"
    assert body["constraints"]["category"] == "tents"
    assert body["constraints"]["max_price"] == "300"
    assert body["products"] and all(Decimal(p["price"]) <= 300 for p in body["products"])


@pytest.mark.django_db
def test_a_japanese_need_by_the_categorys_japanese_name(client, indexed_catalog):
    body = client.post(
        URL, {"message": "ヘッドホンを探しています。2万円以下"}, format="json"
    ).json()
    assert body["constraints"]["category"] == "headphones"
    assert body["constraints"]["max_price"] == "20000"
    assert body["products"] and all(
        p["category_path"][-1] == "headphones" for p in body["products"]
    )


@pytest.mark.django_db
def test_a_value_named_by_its_label_wins_over_a_narrower_one(
    indexed_catalog, settings, monkeypatch
):
    settings.SHOP_ASSISTANT = {
        **settings.SHOP_ASSISTANT,
        "ADAPTER_FIELDS": {
            **settings.SHOP_ASSISTANT["ADAPTER_FIELDS"],
            "value_labels": {"color": {"green": {"es": "verde"}, "olive": {"es": "verde oliva"}}},
        },
    }
    monkeypatch.setattr(values, "_vocabularies", {})
    green = values.match_values("¿Y en verde?", language="es", using="default")
    olive = values.match_values("¿Y en verde oliva?", language="es", using="default")
    assert [(m.key, m.value) for m in green] == [("color", "green")]
    assert [(m.key, m.value) for m in olive] == [("color", "olive")]
