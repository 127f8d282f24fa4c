"""Comparisons and superlatives over the tests' catalog (real PostgreSQL + pgvector, real
USE encoder): answered from structured values, all compared products cited, refused when
the value is missing."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from shop_assistant.qa import ask
from shop_assistant.qa.compare import detect_superlative
from shop_assistant.qa.units import Quantity, quantity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def _cited(indexed_catalog, answer) -> list[str]:
    sku_of = {pk: sku for sku, pk in indexed_catalog.product_ids.items()}
    return [sku_of[c.product_id] for c in answer.citations]


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Which is the cheapest tent?", "en"),
        ("¿Cuál es la tienda de campaña más barata?", "es"),
        ("Welches Zelt ist das günstigste?", "de"),
    ],
)
def test_the_cheapest_of_a_category_is_the_true_minimum(indexed_catalog, question, lang):
    answer = ask(question, lang=lang)
    assert answer.grounded is True, answer.answer
    cited = _cited(indexed_catalog, answer)
    assert cited[0] == "TENTS-10"  # 119.00, the lowest tent price
    assert len(cited) > 1 and all(c.field == "price" for c in answer.citations)
    assert answer.products[0].product_id == indexed_catalog.pk("TENTS-10")


def test_a_superlative_keeps_the_questions_conditions(indexed_catalog):
    answer = ask("What is the cheapest waterproof jacket under 100 €?", lang="en")
    assert answer.grounded is True
    assert _cited(indexed_catalog, answer) == ["JACKET-02"]  # the only one under 100


def test_two_named_products_are_compared(indexed_catalog):
    answer = ask("Which is cheaper, the Cumbre Elba jacket or the Nordwand Breeze?", lang="en")
    assert answer.grounded is True, answer.answer
    assert _cited(indexed_catalog, answer) == ["JACKET-02", "JACKET-01"]
    assert "Nordwand Breeze" in answer.answer and "Cumbre Elba" in answer.answer


def test_a_superlative_on_a_value_most_products_lack_is_refused(indexed_catalog):
    answer = ask("Which tent is the lightest?", lang="en")  # one tent of twelve has a weight
    assert answer.grounded is False and answer.citations == []


@pytest.mark.parametrize(
    ("question", "concept", "lowest"),
    [
        ("Which tent is the lightest?", "weight", True),
        ("最轻的帐篷是哪个？", "weight", True),
        ("Quelle est la veste la plus chère ?", "price", False),
        ("En ucuz çadır hangisi?", "price", True),
        ("Which headphones have the longest battery life?", None, False),
        ("Is it waterproof?", None, None),
    ],
)
def test_superlatives_are_detected_in_many_languages(question, concept, lowest):
    found = detect_superlative(question)
    if lowest is None:
        assert found is None
    else:
        assert (found.concept, found.lowest) == (concept, lowest)


def test_values_compare_with_their_units():
    assert quantity(340, "weight_g") == Quantity(340.0, "mass")
    assert quantity("1,2 kg", "weight") == Quantity(1200.0, "mass")
    assert quantity(1.2, "weight_kg") == Quantity(1200.0, "mass")
    assert quantity("30", "battery_life", "Battery life (h)") == Quantity(1800.0, "time")
    assert quantity("navy", "color") is None
    assert quantity("yes", "waterproof") is None
