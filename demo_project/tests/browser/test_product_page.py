"""Product pages, recommendations and buying, in a real browser."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db


def card_ids(page, selector: str) -> list[str]:
    return page.locator(f"{selector} article.card").evaluate_all(
        "cards => cards.map(c => c.dataset.productId)"
    )


def test_product_page_shows_similar_products_and_answers_a_german_question(open_page, demo_catalog):
    jacket = demo_catalog.pk("DEMO-EN-RAINJACKET")
    page = open_page(f"/products/{jacket}/")
    expect(page.locator("#similar article.card").first).to_be_visible()
    similar = page.locator("#similar article.card")
    assert similar.count() >= 3 and str(jacket) not in card_ids(page, "#similar")
    # Rain jackets are most like a rain jacket.
    categories = similar.evaluate_all("cards => cards.map(c => c.dataset.category)")
    assert "rain-jackets" in categories[0]

    page.locator("#question").fill("Ist diese Jacke wasserdicht?")
    page.locator("#ask-form button").click()
    answer = page.locator("#answer.answer")
    expect(answer).to_have_attribute("lang", "de")
    expect(answer).to_have_class("answer grounded")
    citation = page.locator("#answer .citation").first
    expect(citation).to_be_visible()
    # A readable source label and the cited text highlighted, no developer strings.
    assert citation.locator(".source").inner_text() in {
        "PRODUCT DETAILS · WATERPROOF",
        "DESCRIPTION",
        "PRODUCT NAME",
        "PRODUCT DETAILS",
    } or citation.locator(".source").inner_text().startswith("PRODUCT DETAILS")
    assert citation.locator("mark").inner_text().strip()


def test_home_recommendations_follow_three_viewed_products_of_one_category(open_page, demo_catalog):
    from demo_project.shop.models import Product

    cookware = list(
        Product.objects.filter(category__slug="cookware", stock__gt=0)
        .order_by("pk")
        .values_list("pk", flat=True)[:3]
    )
    assert len(cookware) == 3
    page = open_page("/")
    expect(page.locator("#trending")).to_be_visible()
    for pk in cookware:
        with page.expect_response(lambda r: r.url.endswith("/events/")):
            page.goto(f"/products/{pk}/")
    page.goto("/")
    expect(page.locator("#recommended article.card").first).to_be_visible()
    cards = page.locator("#recommended article.card")
    categories = cards.evaluate_all("cards => cards.map(c => c.dataset.category)")
    sources = cards.evaluate_all("cards => cards.map(c => c.dataset.source)")
    viewed = {str(pk) for pk in cookware}
    assert not viewed & set(card_ids(page, "#recommended"))
    assert "personalized" in sources
    assert sum("cookware" in c for c in categories) >= len(categories) // 2 > 0
    expect(page.locator("#recommended-hint")).to_contain_text("you looked at")


def test_a_purchase_changes_bought_together(open_page, demo_catalog):
    tent = demo_catalog.pk("DEMO-DE-ZELT")
    lamp = demo_catalog.pk("DEMO-FR-LAMPE")
    page = open_page(f"/products/{tent}/")
    expect(page.locator("#bought-together")).not_to_be_empty()
    assert str(lamp) not in card_ids(page, "#bought-together")
    page.locator("#add-to-cart").click()
    expect(page.locator("#cart-count")).to_have_text("1")
    page.goto(f"/products/{lamp}/")
    page.locator("#add-to-cart").click()
    expect(page.locator("#cart-count")).to_have_text("2")
    page.locator("#cart-toggle").click()
    expect(page.locator("#cart-lines li")).to_have_count(2)
    page.locator("#checkout-link").click()
    expect(page.locator("#checkout-lines tbody tr")).to_have_count(2)
    page.locator("#place-order").click()
    expect(page.locator("#order-result")).to_contain_text("Thank you")
    expect(page.locator("#cart-count")).to_have_text("0")

    from demo_project.shop.models import Order
    from shop_assistant.models import Interaction

    number = page.locator("#order-result").get_attribute("data-order")
    order = Order.objects.get(number=number)
    assert sorted(order.lines.values_list("product_id", flat=True)) == sorted([tent, lamp])
    purchases = Interaction.objects.filter(type="purchase", order_id=number)
    assert sorted(purchases.values_list("product_id", flat=True)) == sorted([tent, lamp])

    page.goto(f"/products/{tent}/")
    deadline = time.monotonic() + 60
    while str(lamp) not in card_ids(page, "#bought-together"):
        assert time.monotonic() < deadline, "the lamp never joined the tent's bought together"
        time.sleep(1)
        page.reload()
        expect(page.locator("#bought-together")).not_to_be_empty()
