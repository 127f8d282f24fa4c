"""The default adapter and the checks cope with what real catalogs hold: HTML descriptions,
products in several languages with no language field, to-many paths in ADAPTER_FIELDS,
and settings.LANGUAGES left at Django's default."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.conf import global_settings
from django.test import override_settings

from shop_assistant import checks
from shop_assistant.catalog import Review, get_adapter
from shop_assistant.core.html import html_to_text
from shop_assistant.indexing import Indexer
from shop_assistant.models import CatalogEntry, Passage
from shop_assistant.qa.evidence import review_evidence

from .factories import product
from .settings import SHOP_ASSISTANT as TEST_SETTINGS

#: The test shop's adapter without its language field: the base language is detected.
NO_LANGUAGE_FIELD = {
    **TEST_SETTINGS,
    "ADAPTER_FIELDS": {
        key: value for key, value in TEST_SETTINGS["ADAPTER_FIELDS"].items() if key != "language"
    },
}

HTML_DESCRIPTION = (
    "<p>Waterproof shell for hiking &amp; trekking.</p>"
    "<ul><li>Taped seams</li><li>Weight: 320&nbsp;g</li></ul>"
    "<p>Wash at 30&deg;C<br/>Do not tumble dry</p><script>track()</script>"
)


def test_html_becomes_one_sentence_per_block_with_entities_unescaped():
    assert html_to_text(HTML_DESCRIPTION).splitlines() == [
        "Waterproof shell for hiking & trekking.",
        "Taped seams.",
        "Weight: 320 g.",
        "Wash at 30°C.",
        "Do not tumble dry.",
    ]
    assert html_to_text("Plain: 3 < 4, no tags.") == "Plain: 3 < 4, no tags."


@pytest.mark.django_db
def test_html_descriptions_are_indexed_as_text(space):
    jacket = product("Hiking rain jacket", HTML_DESCRIPTION)
    Indexer(space).index_all()
    texts = list(
        Passage.objects.filter(entry__product=jacket, kind="description").values_list(
            "text", flat=True
        )
    )
    body = " ".join(texts)
    assert texts and "<" not in body and "&amp;" not in body and "nbsp" not in body
    assert "hiking & trekking." in body and "Taped seams." in body
    assert "track()" not in body


def test_reviews_written_in_html_are_quoted_as_sentences():
    class Adapter:
        def get_reviews(self, product):
            return [Review(text="<p>Great fit!</p><p>Runs &quot;small&quot;</p>", language="en")]

    items = review_evidence(Adapter(), SimpleNamespace(pk=1))
    assert [item.text for item in items] == ["Great fit!", 'Runs "small".']


@pytest.mark.django_db
def test_language_is_detected_when_no_field_names_it(space):
    spanish = product(
        "Cafetera italiana de aluminio",
        "<p>Prepara seis tazas de café en la cocina de gas o vitrocerámica.</p>",
        language="",
    )
    german = product(
        "Wasserdichte Wanderjacke",
        "Eine atmungsaktive Jacke mit Kapuze, die Sie bei Regen trocken hält.",
        language="",
    )
    english = product(
        "Ceramic coffee mug", "Holds 350 ml and is safe in the dishwasher.", language=""
    )
    with override_settings(SHOP_ASSISTANT=NO_LANGUAGE_FIELD):
        adapter = get_adapter()
        assert adapter.to_document(spanish).languages == ["es"]
        assert adapter.to_document(german).languages == ["de"]
        assert adapter.to_document(english).languages == ["en"]
        Indexer(space).index_all()
    assert set(CatalogEntry.objects.get(product=spanish).titles) == {"es"}
    assert set(CatalogEntry.objects.get(product=german).titles) == {"de"}


@pytest.mark.django_db
def test_to_many_path_picking_one_object_is_indexed(space):
    from .testapp.models import Order, OrderLine

    mug = product("Ceramic coffee mug", "Holds 350 ml.")
    order = Order.objects.create(number="A-17")
    OrderLine.objects.create(order=order, product=mug, price=mug.price)
    fields = {**TEST_SETTINGS["ADAPTER_FIELDS"], "brand": "order_lines.first.order.number"}
    with override_settings(SHOP_ASSISTANT={**TEST_SETTINGS, "ADAPTER_FIELDS": fields}):
        assert checks.check_adapter_fields() == []
        report = Indexer(space).index_all()
    assert report.failed == 0
    assert CatalogEntry.objects.get(product=mug).brand == "A-17"


def test_to_many_path_without_picking_one_is_a_check_error():
    fields = {
        **TEST_SETTINGS["ADAPTER_FIELDS"],
        "category": "order_lines",
        "attributes": ["color", "order_lines.order"],
    }
    with override_settings(SHOP_ASSISTANT={**TEST_SETTINGS, "ADAPTER_FIELDS": fields}):
        messages = checks.check_adapter_fields()
    assert [m.id for m in messages] == ["shop_assistant.E009", "shop_assistant.E009"]
    assert "'order_lines'" in messages[0].msg and "'order_lines.first'" in messages[0].hint
    assert "'order_lines.first.order'" in messages[1].hint


def test_valid_paths_pass_the_to_many_check():
    assert checks.check_adapter_fields() == []


def test_djangos_default_language_list_is_a_warning():
    with override_settings(LANGUAGES=global_settings.LANGUAGES, SHOP_ASSISTANT={}):
        messages = checks.check_served_languages()
    ids = [m.id for m in messages]
    assert "shop_assistant.W002" in ids
    assert str(len(global_settings.LANGUAGES)) in messages[0].msg
    # ... and most of those languages are unknown to the default encoder.
    w003 = next(m for m in messages if m.id == "shop_assistant.W003")
    assert "sw" in w003.msg.split(": ")[0] and "es" not in w003.msg.split(": ")[0].split(", ")


def test_languages_the_encoder_cannot_serve_are_a_warning():
    languages = [("en", "English"), ("es", "Español"), ("sw", "Kiswahili"), ("is", "Íslenska")]
    with override_settings(LANGUAGES=languages, SHOP_ASSISTANT={}):
        messages = checks.check_served_languages()
    assert [m.id for m in messages] == ["shop_assistant.W003"]
    assert "was not trained on sw, is" in messages[0].msg


def test_the_test_shops_languages_pass():
    assert checks.check_served_languages() == []
