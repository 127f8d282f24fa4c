"""Editing through oscar's real dashboard views keeps the index true: oscar's views are
not atomic and write attribute values in bulk after the product's post_save."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from shop_assistant.models import CatalogEntry, IndexRequest, Passage

from .dashboard import edit

# Committed for real, as in production: oscar's dashboard views run in autocommit mode,
# so an on_commit callback runs at once (inside a test transaction it would wait).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_user(
        "staff", "staff@example.com", "x", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


@pytest.fixture
def indexed(shop):
    call_command("shop_assistant_reindex", "--all", verbosity=0)
    return shop


def product_url(item) -> str:
    return reverse("dashboard:catalogue-product", kwargs={"pk": item.pk})


def test_an_attribute_only_edit_updates_the_index(staff, indexed):
    edit(staff, product_url(indexed.jacket), attr_material="eVent membrane")
    entry = CatalogEntry.objects.get(product=indexed.jacket)
    assert entry.attributes["material"] == "eVent membrane"
    assert entry.status == CatalogEntry.Status.INDEXED
    assert not IndexRequest.objects.exists()
    assert "material: eVent membrane" in " ".join(
        Passage.objects.filter(entry=entry).values_list("text", flat=True)
    )


def test_a_childs_stock_change_in_the_dashboard_reaches_the_parent(staff, indexed):
    assert CatalogEntry.objects.get(product=indexed.tshirt).in_stock
    edit(staff, product_url(indexed.medium), **{"stockrecords-0-num_in_stock": "0"})
    assert CatalogEntry.objects.get(product=indexed.tshirt).in_stock is False


def test_a_category_rename_in_the_dashboard_reaches_its_products(staff, indexed):
    url = reverse("dashboard:catalogue-category-update", kwargs={"pk": indexed.jackets.pk})
    edit(staff, url, name="Rain jackets")
    entry = CatalogEntry.objects.get(product=indexed.jacket)
    texts = " ".join(Passage.objects.filter(entry=entry).values_list("text", flat=True))
    assert "Rain jackets" in texts
