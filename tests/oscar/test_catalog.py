"""oscar's catalogue, indexed by OscarProductAdapter with no code from the shop."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from shop_assistant.models import CatalogEntry, Passage

pytestmark = pytest.mark.django_db


def entry(item) -> CatalogEntry:
    return CatalogEntry.objects.get(product_id=item.pk)


def test_products_with_stock_attributes_categories_and_html_are_indexed(shop):
    call_command("shop_assistant_reindex", "--all", verbosity=0)
    jacket = entry(shop.jacket)
    assert jacket.titles == {"en": "Waterproof hiking jacket"}
    assert jacket.price == Decimal("120.00") and jacket.currency == "EUR" and jacket.in_stock
    assert jacket.category_path == ["clothing", "jackets"]
    assert jacket.attributes == {"material": "Gore-Tex"}
    assert jacket.url == shop.jacket.get_absolute_url() and jacket.image == ""
    description = " ".join(
        Passage.objects.filter(entry=jacket, kind="description").values_list("text", flat=True)
    )
    assert "<" not in description and "&amp;" not in description
    assert "hiking & trekking." in description and "Taped seams." in description
    assert set(entry(shop.cafetera).titles) == {"es"}  # detected, no language field


def test_variants_are_served_through_their_parent(shop):
    call_command("shop_assistant_reindex", "--all", verbosity=0)
    assert not CatalogEntry.objects.filter(product_id__in=[shop.small.pk, shop.medium.pk])
    parent = entry(shop.tshirt)
    assert parent.titles == {"en": "Organic cotton t-shirt"}
    assert parent.price == Decimal("18.00") and parent.in_stock  # the available child's
    assert parent.attributes == {"material": "Cotton", "size": "M,S"}


def test_a_childs_stock_change_reaches_its_parent(shop, django_capture_on_commit_callbacks):
    call_command("shop_assistant_reindex", "--all", verbosity=0)
    record = shop.medium.stockrecords.get()
    record.num_in_stock = 0
    with django_capture_on_commit_callbacks(execute=True):
        record.save()
    parent = entry(shop.tshirt)
    assert parent.in_stock is False  # no child left to buy


FIELDS_WITH_CATEGORIES_FIRST = {
    "title": "get_title",
    "category": "categories.first",
    "category_parent": "get_parent",
    "price": None,
    "stock": None,
    "brand": None,
}


def test_the_default_adapter_follows_categories_first(shop, settings):
    """The issue's ``"category": "categories.first"`` crashed re-indexing (FieldError in
    select_related); it passes the checks and reaches the category tree now."""
    from shop_assistant import checks

    settings.SHOP_ASSISTANT = {"ADAPTER_FIELDS": FIELDS_WITH_CATEGORIES_FIRST}
    assert checks.check_adapter_fields() == []
    call_command("shop_assistant_reindex", "--all", verbosity=0)
    assert entry(shop.jacket).category_path == ["clothing", "jackets"]

    settings.SHOP_ASSISTANT = {
        "ADAPTER_FIELDS": {**FIELDS_WITH_CATEGORIES_FIRST, "category": "categories"}
    }
    [error] = checks.check_adapter_fields()
    assert error.id == "shop_assistant.E009" and "'categories.first'" in error.hint


def test_an_added_image_reaches_the_entry_and_the_placeholder_never_does(
    shop, django_capture_on_commit_callbacks
):
    from oscar.core.loading import get_model

    call_command("shop_assistant_reindex", "--all", verbosity=0)
    assert entry(shop.lamp).image == ""  # oscar's "image not found" placeholder is not served
    with django_capture_on_commit_callbacks(execute=True):
        get_model("catalogue", "ProductImage").objects.create(
            product=shop.lamp, original="images/products/lamp.jpg", display_order=0
        )
    assert entry(shop.lamp).image == "/media/images/products/lamp.jpg"


def test_a_review_is_quoted_once_approved(shop):
    from shop_assistant.catalog import get_adapter

    from .shop import ProductReview

    review = ProductReview.objects.create(
        product=shop.lamp,
        score=4,
        title="Cosy",
        body="Nice warm light.",
        name="Lu",
        status=ProductReview.FOR_MODERATION,
    )
    assert get_adapter().get_reviews(shop.lamp) == []
    review.status = ProductReview.APPROVED
    review.save()
    [quoted] = get_adapter().get_reviews(shop.lamp)
    assert quoted.text == "Cosy. Nice warm light." and quoted.rating == 4
