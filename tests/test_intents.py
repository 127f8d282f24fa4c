"""Attribute questions are recognised from the catalog's own attributes and labels, in any
language (real USE encoder for the label vectors), and the library knows no demo attribute."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from demo_project.shop.attribute_labels import ATTRIBUTE_LABELS, VALUE_LABELS
from demo_project.shop.qa_cues import QA_CUES
from shop_assistant.embeddings import load_encoder
from shop_assistant.qa.intents import AttributeVocabulary, detect_intents, key_phrase

LIBRARY = Path(__file__).resolve().parents[1] / "shop_assistant"

#: A kitchen shop that is not the demo: its keys and labels (English only).
KITCHEN = AttributeVocabulary.of(
    [
        "price", "in_stock", "brand", "colour", "weight_kg", "battery_life_h",
        "induction_ready", "warranty_years", "pan_diameter_cm", "dishwasher_safe", "non_stick",
    ],
    {
        "battery_life_h": {"en": "Battery life (hours)"},
        "induction_ready": {"en": "Suitable for induction hobs"},
        "warranty_years": {"en": "Warranty (years)"},
        "pan_diameter_cm": {"en": "Pan diameter (cm)"},
        "dishwasher_safe": {"en": "Dishwasher safe"},
        "non_stick": {"en": "Non-stick coating"},
    },
    {},
)


@pytest.fixture(scope="module")
def encoder():
    return load_encoder("shop_assistant.embeddings.use.UniversalSentenceEncoder")


def _fields(question: str, encoder) -> list[str]:
    vector = encoder.encode_queries([question])[0]
    found = detect_intents(question, KITCHEN, encoder=encoder, question_vector=vector)
    return [field for intent in found for field in intent.fields]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How long does the battery last?", "battery_life_h"),
        ("Quanto dura la batteria?", "battery_life_h"),
        ("배터리는 얼마나 오래 가나요?", "battery_life_h"),
        ("Funktioniert die Pfanne auf Induktion?", "induction_ready"),
        ("这个锅可以用电磁炉吗？", "induction_ready"),
        ("¿Cuántos años de garantía tiene?", "warranty_years"),
        ("Сколько лет гарантия?", "warranty_years"),
        ("La poêle passe-t-elle au lave-vaisselle ?", "dishwasher_safe"),
        ("Is it dishwasher safe?", "dishwasher_safe"),
        ("What is the pan diameter?", "pan_diameter_cm"),
    ],
)
def test_a_shops_own_attribute_is_recognised_across_languages(question, expected, encoder):
    assert _fields(question, encoder) == [expected]


@pytest.mark.parametrize(
    "question",
    ["Does it come in a gift box?", "Is it good for camping?", "Can I return it?",
     "Est-ce qu'elle a une capuche ?", "How many people can sleep in it?"],
)
def test_a_question_about_no_attribute_matches_none(question, encoder):
    assert _fields(question, encoder) == []


@pytest.mark.parametrize(
    ("question", "name", "fields"),
    [
        ("What colour is it?", "color", ("colour",)),
        ("Wie schwer ist sie?", "weight", ("weight_kg",)),
        ("Bu tava ne kadar ağır?", "weight", ("weight_kg",)),
        ("ราคาเท่าไหร่", "price", ("price",)),
        ("هل هو متوفر؟", "stock", ("in_stock",)),
        ("Quelle est la marque ?", "brand", ("brand",)),
    ],
)
def test_generic_cues_resolve_to_the_catalogs_keys(question, name, fields):
    found = detect_intents(question, KITCHEN)
    assert [(i.name, i.fields) for i in found] == [(name, fields)]


def test_a_generic_concept_the_catalog_lacks_is_not_an_intent():
    found = detect_intents("What size is it?", KITCHEN)
    assert found == []


def test_shop_cues_name_attributes_and_extend_concepts():
    shop = AttributeVocabulary.of(
        ["warranty_years", "weight_kg"],
        {},
        {"warranty_years": ["guarantee", "Gewährleistung"], "weight": ["heft"]},
    )
    assert [i.name for i in detect_intents("Gibt es eine Gewährleistung?", shop)] == [
        "warranty_years"
    ]
    assert [i.fields for i in detect_intents("What's the heft of it?", shop)] == [("weight_kg",)]


def test_keys_are_cues_without_their_unit():
    assert key_phrase("battery_life_h") == "battery life"
    assert key_phrase("laptop-in") == "laptop"
    assert key_phrase("min_age") == "min age"


def _demo_keys() -> set[str]:
    return set(ATTRIBUTE_LABELS) | set(VALUE_LABELS) | set(QA_CUES)


def test_no_demo_attribute_key_in_the_library():
    keys = _demo_keys()
    assert {"laptop_in", "pressure_bar", "skin_type", "waterproof", "battery_h"} <= keys
    offenders = []
    for path in LIBRARY.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for key in keys:
            quoted = re.search(rf"""["']{re.escape(key)}["']""", source)
            bare = "_" in key and re.search(rf"\b{re.escape(key)}\b", source)
            if quoted or bare:
                offenders.append(f"{path.relative_to(LIBRARY)}: {key}")
    assert offenders == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Est-ce qu'elle a une capuche ?", ["capuche"]),
        ("Does the jacket have a hood?", ["jacket", "hood"]),
        ("Heeft hij een capuchon?", ["capuchon"]),
        ("في أي بلد يتم تصنيعه؟", ["بلد", "يتم", "تصنيعه"]),
        # no spaces: cut by ICU's dictionary, particles, endings and verb stems left out
        ("フードは付いていますか？", ["フード"]),
        ("有防雨罩吗？", ["防雨", "罩"]),
    ],
)
def test_content_words_of_a_question(question, expected):
    from shop_assistant.qa.crosslingual import terms

    assert terms(question) == expected
