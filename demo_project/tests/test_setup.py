"""`demo_setup` builds a working demo: indexed catalog in every language, admin login."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db.models import Count

from demo_project.shop.models import Product
from shop_assistant.models import CatalogEntry, Embedding, EmbeddingSpace, Passage

pytestmark = pytest.mark.django_db


def test_demo_setup_indexes_every_language_and_is_idempotent(capsys, client):
    call_command("demo_setup", "--noinput")
    first = capsys.readouterr().out
    space = EmbeddingSpace.objects.get(state="active")

    products = Product.objects.count()
    assert products >= 200
    assert CatalogEntry.objects.count() == products
    # Every product has vectors for each language it is written in.
    for product in Product.objects.all():
        expected = {product.language, *product.translations}
        with_vectors = set(
            Embedding.objects.filter(space=space, entry__product=product, passage__kind="title")
            .values_list("passage__language", flat=True)
        )
        assert with_vectors == expected, product.sku
    assert Embedding.objects.filter(space=space).count() == Passage.objects.count()
    assert Passage.objects.values("language").annotate(n=Count("id")).count() >= 5

    call_command("demo_setup", "--noinput")
    second = capsys.readouterr().out
    assert " 0 passages encoded" in second, second
    assert Product.objects.count() == products

    credentials = re.search(r"Admin user: (\S+) / password: (\S+)", first)
    assert credentials, first
    assert client.login(username=credentials[1], password=credentials[2])
    assert client.get("/admin/").status_code == 200
