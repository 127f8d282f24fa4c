"""The storefront's search in a real browser: typed queries, facets, zero results."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

# The test database is set up for the session (the live demo serves it); each test's own
# reads see what the demo's processes committed.
pytestmark = pytest.mark.django_db


def demo_catalog_product(pk):
    from demo_project.shop.models import Product

    return Product.objects.get(pk=pk)


def results(page):
    return page.locator("#results article.card")


def test_a_spanish_query_typed_in_the_box_finds_the_english_only_jacket(open_page, demo_catalog):
    page = open_page("/")
    page.locator("#q").press_sequentially("chaqueta impermeable azul marino", delay=20)
    jacket = demo_catalog.pk("DEMO-EN-RAINJACKET")
    expect(page.locator(f'#results article[data-product-id="{jacket}"]')).to_be_visible()
    # On the first page, among Spanish titles: the jacket has no Spanish text at all.
    assert results(page).count() == 12
    assert not demo_catalog_product(jacket).translations
    expect(page.locator("#summary")).to_contain_text("Español")
    # The URL follows the search (a shared link shows the same results).
    assert "q=chaqueta" in page.url
    # Matched words are highlighted in the titles.
    assert page.locator("#results mark").count() > 0
