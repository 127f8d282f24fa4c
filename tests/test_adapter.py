"""The settings-driven adapter reads the translated-field shapes shops actually use."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import override_settings

from shop_assistant.catalog import ProductAdapter, get_adapter

LANGS = {"LANGUAGES": ["en", "es", "de"]}


def _category_chain():
    root = SimpleNamespace(slug="clothing", names={"en": "Clothing", "es": "Ropa"}, parent=None)
    return SimpleNamespace(
        slug="rain-jackets", names={"en": "Rain jackets", "es": "Chubasqueros"}, parent=root
    )


def test_modeltranslation_style_columns_give_one_text_per_language():
    product = SimpleNamespace(
        pk=7,
        title="Rain jacket",
        title_en="Rain jacket",
        title_es="Chubasquero",
        title_de=None,
        description="Keeps you dry.",
        description_en="Keeps you dry.",
        description_es="Te mantiene seco.",
        description_de=None,
        price="49.90",
        currency="EUR",
        stock=0,
        brand=SimpleNamespace(name="Nordwand"),
        category=_category_chain(),
        color="navy",
    )
    adapter = ProductAdapter(
        {"brand": "brand.name", "category_name": "names", "attributes": ["color"]}
    )
    with override_settings(SHOP_ASSISTANT=LANGS):
        doc = adapter.to_document(product)
    assert doc.languages == ["en", "es"]
    assert doc.texts["es"].title == "Chubasquero"
    assert doc.texts["es"].description == "Te mantiene seco."
    assert doc.price == Decimal("49.90") and doc.in_stock is False
    assert doc.category_path == ["clothing", "rain-jackets"]
    assert doc.category_names == {"en": "Rain jackets", "es": "Chubasqueros"}
    assert doc.brand == "Nordwand" and doc.attributes == {"color": "navy"}


def test_json_per_field_and_translations_field_shapes():
    per_field = SimpleNamespace(
        pk=1,
        name={"en": "Tent", "de": "Zelt"},
        body={"en": "Two people.", "de": "Zwei Personen."},
        price=None,
        in_stock=True,
    )
    adapter = ProductAdapter(
        {"title": "name", "description": "body", "in_stock": "in_stock", "category": None}
    )
    with override_settings(SHOP_ASSISTANT=LANGS):
        doc = adapter.to_document(per_field)
    assert doc.languages == ["de", "en"]
    assert doc.texts["de"].description == "Zwei Personen."
    assert doc.price is None and doc.in_stock is True

    one_field = SimpleNamespace(
        pk=2,
        title="Cafetera",
        description="Seis tazas.",
        lang="es",
        translations={"en": {"title": "Moka pot", "description": "Six cups."}},
        stock=3,
        bullets="- aluminio\n- gas e inducción\n",
    )
    adapter = ProductAdapter(
        {"translations": "translations", "language": "lang", "bullets": "bullets", "category": None}
    )
    with override_settings(SHOP_ASSISTANT=LANGS):
        doc = adapter.to_document(one_field)
    assert doc.languages == ["en", "es"]
    assert doc.texts["es"].title == "Cafetera"  # base language from the `lang` field
    assert doc.texts["en"].title == "Moka pot"
    assert doc.texts["es"].bullets == ["aluminio", "gas e inducción"]
    assert doc.in_stock is True


def test_unknown_field_key_is_rejected():
    with pytest.raises(ValueError, match="titel"):
        ProductAdapter({"titel": "name"})


def test_get_adapter_resolves_the_configured_class_per_call():
    with override_settings(SHOP_ASSISTANT={"ADAPTER": "tests.test_adapter.UpperAdapter"}):
        assert isinstance(get_adapter(), UpperAdapter)
    assert type(get_adapter()) is not UpperAdapter


class UpperAdapter(ProductAdapter):
    pass
