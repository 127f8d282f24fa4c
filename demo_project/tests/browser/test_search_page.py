"""The storefront's search in a real browser: typed queries, facets, zero results."""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import quote

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


def result_count(page) -> int:
    return int(page.locator("#summary").inner_text().split()[0])


def test_a_brand_facet_narrows_the_results(open_page):
    page = open_page("/?q=chaqueta impermeable")
    expect(page.locator("#results article.card").first).to_be_visible()
    before = result_count(page)
    brand = page.locator('fieldset[data-facet="brand"] input[type=checkbox]').first
    name = brand.get_attribute("data-value")
    brand.check()
    expect(page.locator("#summary")).not_to_have_text(page.locator("#summary").inner_text())
    expect(page.locator(f'fieldset[data-facet="brand"] input[data-value="{name}"]')).to_be_checked()
    after = result_count(page)
    assert 0 < after < before
    brands = page.locator("#results article.card .brand").all_inner_texts()
    assert brands and set(brands) == {name}
    assert "brand=" in page.url


def test_an_impossible_filter_shows_the_zero_results_state(open_page):
    page = open_page("/?q=tent&max_price=0.01")
    expect(page.locator("#zero-results")).to_be_visible()
    expect(page.locator("#zero-query")).to_have_text("tent")
    assert page.locator("#results article.card").count() == 0
    assert result_count(page) == 0


def test_gibberish_shows_the_zero_results_state_when_the_search_finds_nothing(open_page, live_demo):
    """The page shows exactly what the API answers: the zero-results state when the search
    returns nothing. (Without a relevance floor, the search returns the nearest neighbours
    of any text; with one, gibberish has no results: this test holds for both.)"""
    query = "xqzvwk plmnbt grrzzq"
    with urllib.request.urlopen(f"{live_demo}/api/assistant/search/?q={quote(query)}") as response:
        count = json.load(response)["count"]
    page = open_page("/")
    page.locator("#q").fill(query)
    expect(page.locator("#summary")).to_contain_text(f"{count} result")
    assert result_count(page) == count
    if count == 0:
        expect(page.locator("#zero-results")).to_be_visible()
        expect(page.locator("#zero-query")).to_have_text(query)
    else:
        expect(page.locator("#zero-results")).to_be_hidden()
        assert page.locator("#results article.card").count() == min(count, 12)


def test_an_arabic_page_is_right_to_left(open_page):
    page = open_page("/", locale="ar")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    page.locator("#q").fill("حقيبة ظهر للمشي")
    expect(page.locator("#results article.card").first).to_be_visible()
    # The layout follows: the logo sits at the right edge, the cart button at the left.
    logo = page.locator(".logo").bounding_box()
    cart = page.locator("#cart-toggle").bounding_box()
    assert logo["x"] > cart["x"]


def test_choosing_a_language_sets_the_page_and_the_api_language(open_page):
    page = open_page("/")
    with page.expect_navigation():
        page.locator("#language").select_option("de")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("body")).to_have_attribute("data-lang", "de")
    page.locator("#q").fill("tent")
    expect(page.locator("#summary")).to_contain_text("Deutsch")
    with page.expect_navigation():
        page.locator("#language").select_option("")
    expect(page.locator("body")).to_have_attribute("data-lang", "")


def no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_a_phone_screen_has_no_horizontal_scroll(open_page, demo_catalog):
    from .conftest import PHONE

    page = open_page(f"/products/{demo_catalog.pk('DEMO-EN-RAINJACKET')}/", viewport=PHONE)
    expect(page.locator("#similar article.card").first).to_be_visible()
    assert no_horizontal_scroll(page)
    page.goto("/?q=wasserdichte Jacke")
    expect(page.locator("#results article.card").first).to_be_visible()
    assert no_horizontal_scroll(page)
    # Filters fold away behind a button on a small screen.
    expect(page.locator("#filters")).to_be_hidden()
    page.locator("#filters-toggle").click()
    expect(page.locator("#filters")).to_be_visible()
    assert no_horizontal_scroll(page)


def test_every_suggestion_and_facet_group_of_a_response_is_shown(open_page, demo_catalog):
    """The page renders whatever suggestion and facet groups a response carries (the
    zero-results help, price ranges, stock, attributes with labels, a category tree), here
    from a response in the schema's shape served for one query, so the rendering is
    checked whatever the live catalog returns."""
    jacket = demo_catalog.pk("DEMO-EN-RAINJACKET")
    body = {
        "query_id": None,
        "language": "en",
        "language_source": "detected",
        "count": 0,
        "results": [],
        "suggestions": {
            "did_you_mean": "rain jacket",
            "categories": [{"value": "rain-jackets", "count": 3}],
            "related": [
                {
                    "product_id": jacket,
                    "title": "Nordwand Storm Hooded Waterproof Rain Jacket – Navy",
                    "title_language": "en",
                    "url": f"/products/{jacket}/",
                    "image": f"/products/{jacket}/image.svg",
                    "price": "149.90",
                    "currency": "EUR",
                    "in_stock": True,
                    "brand": "Nordwand",
                    "category_path": ["clothing", "rain-jackets"],
                    "score": None,
                    "explanation": None,
                }
            ],
        },
        "facets": {
            "category": [
                {"value": "clothing", "count": 4, "parent": None},
                {"value": "rain-jackets", "count": 3, "parent": "clothing"},
            ],
            "price": [{"value": "100-200", "count": 3, "min": "100.00", "max": "200.00"}],
            "in_stock": [{"value": "true", "count": 2}],
            "attr.color": [{"value": "navy", "count": 1, "label": "marine"}],
        },
    }
    page = open_page("/")
    page.route(
        "**/api/assistant/search/?q=rian+jackt*",
        lambda route: route.fulfill(json=body),
    )
    page.locator("#q").fill("rian jackt")
    expect(page.locator("#zero-results")).to_be_visible()
    expect(page.locator(".did-you-mean a")).to_have_text("rain jacket")
    expect(page.locator(".browse-categories a")).to_have_text("rain jackets")
    expect(page.locator(f'#suggestions article[data-product-id="{jacket}"]')).to_be_visible()
    for name in ("category", "price", "in_stock", "attr.color"):
        expect(page.locator(f'fieldset[data-facet="{name}"]')).to_be_visible()
    expect(page.locator('fieldset[data-facet="attr.color"] legend')).to_have_text("Color")
    expect(page.locator('fieldset[data-facet="attr.color"]')).to_contain_text("marine (1)")
    child = page.locator('fieldset[data-facet="category"] .facet-value').nth(1)
    assert "margin-inline-start:1em" in (child.get_attribute("style") or "")
    # A price range facet fills the price filter.
    page.locator('fieldset[data-facet="price"] input').check()
    expect(page.locator("#min_price")).to_have_value("100.00")
    expect(page.locator("#max_price")).to_have_value("200.00")
    assert "min_price=100.00" in page.url and "max_price=200.00" in page.url
