"""The demo catalog (with its FAQ) loaded and indexed once per test module, for Q&A tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="module")
def qa_catalog(django_db_setup, django_db_blocker) -> Iterator[dict[str, int]]:
    """SKU -> product pk of the indexed demo catalog (real USE vectors in real pgvector)."""
    from demo_project.shop.catalog_data import CATEGORIES, demo_catalog
    from demo_project.shop.faq_data import load_faq
    from demo_project.shop.loading import load_categories, load_products
    from demo_project.shop.models import Brand, Category, Product
    from shop_assistant.indexing import Indexer
    from shop_assistant.indexing.spaces import get_or_create_active_space
    from shop_assistant.models import CatalogEntry, EmbeddingSpace, FAQEntry

    with django_db_blocker.unblock():
        load_products(demo_catalog(), load_categories(CATEGORIES))
        load_faq()
        Indexer(get_or_create_active_space()).index_all()
        yield dict(Product.objects.values_list("sku", "pk"))
        FAQEntry.objects.all().delete()
        CatalogEntry.objects.all().delete()
        EmbeddingSpace.objects.all().delete()
        Product.objects.all().delete()
        Brand.objects.all().delete()
        Category.objects.filter(parent__isnull=False).delete()
        Category.objects.all().delete()
