"""The shopping guide's chat panel in a real browser: one three-turn Spanish conversation
that survives navigation, and the panel on a phone in Arabic."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from shop_assistant.language import detect

pytestmark = pytest.mark.django_db


def guide_turns(page):
    return page.locator("#chat-log li.turn.guide:not(.pending)")


def say(page, text: str, turns_before: int) -> None:
    page.locator("#chat-message").fill(text)
    page.locator("#chat-form button[type=submit]").click()
    expect(guide_turns(page)).to_have_count(turns_before + 1, timeout=120_000)


def shown_prices(turn) -> list[Decimal]:
    """The prices the last reply's cards show, as read on the page ("€79.99")."""
    texts = turn.locator(".chat-products article.card .price").all_inner_texts()
    return [Decimal(re.sub(r"[^\d.]", "", text.replace(",", ""))) for text in texts]


def card_ids(turn) -> list[str]:
    return turn.locator("article.card").evaluate_all("cs => cs.map(c => c.dataset.productId)")


def reply_language(turn) -> str | None:
    return detect(turn.locator(".reply").inner_text())


def test_a_three_turn_spanish_conversation_narrows_to_red_and_then_the_cheapest(
    open_page, demo_catalog
):
    from demo_project.shop.models import Product

    page = open_page("/")
    toggle = page.get_by_role("button", name="Ask the shopping guide")
    toggle.click()
    expect(page.locator("#chat")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")

    say(page, "Busco una chaqueta impermeable, menos de 200 €", 0)
    first = guide_turns(page).last
    prices = shown_prices(first)
    assert prices and all(p <= 200 for p in prices)
    assert reply_language(first) == "es"
    ids = card_ids(first)
    # What the page shows is the catalog's price.
    assert sorted(prices) == sorted(Product.objects.get(pk=pk).price for pk in ids)
    # Each card has an image, a title linking to its page, and a reason.
    card = first.locator("article.card").first
    expect(card.locator("img")).to_be_visible()
    assert card.locator("a.card-link").get_attribute("href").startswith("/products/")
    assert card.locator(".reason").inner_text().strip()

    say(page, "¿y en rojo?", 1)
    second = guide_turns(page).last
    reasons = second.locator(".chat-products .reason").all_inner_texts()
    assert reasons and all("red" in reason.split(" · ") for reason in reasons)
    assert all(p <= 200 for p in shown_prices(second))  # the first turn's bound is kept
    assert reply_language(second) == "es"

    # The conversation survives navigation: on a product page the panel is still open,
    # with the transcript and the follow-up chips, and the chip continues it.
    with page.expect_navigation():
        second.locator("a.card-link").first.click()
    expect(page.locator("#product")).to_be_visible()
    expect(page.locator("#chat")).to_be_visible()
    expect(guide_turns(page)).to_have_count(2)
    red_ids = card_ids(guide_turns(page).last)
    chip = page.locator("#chat-chips .chip", has_text="¿Cuál es el más barato?")
    with page.expect_request(lambda r: r.url.endswith("/chat/")) as sent:
        chip.click()
    body = sent.value.post_data_json
    assert body["message"] == "¿Cuál es el más barato?" and body["conversation_id"]
    expect(guide_turns(page)).to_have_count(3, timeout=120_000)
    third = guide_turns(page).last
    expect(third).to_have_attribute("data-action", "compare")
    cheapest = shown_prices(third)
    assert cheapest and cheapest[0] == min(cheapest)
    third_ids = card_ids(third)
    assert set(third_ids) <= set(red_ids)
    assert reply_language(third) == "es"
    # The comparison cites the price as a readable quote.
    expect(third.locator(".citation").first).to_be_visible()
    page.goto("/")  # the screenshot: the storefront with the conversation
    expect(guide_turns(page)).to_have_count(3)


def test_the_panel_fits_a_phone_and_is_right_to_left_in_arabic(open_page):
    from .conftest import PHONE

    page = open_page("/", viewport=PHONE)
    with page.expect_navigation():
        page.locator("#language").select_option("ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.get_by_role("button", name="Ask the shopping guide").click()
    panel = page.locator("#chat")
    expect(panel).to_be_visible()
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert panel.evaluate("node => getComputedStyle(node).direction") == "rtl"
    page.locator("#chat-message").fill("أريد خيمة")
    with page.expect_request(lambda r: r.url.endswith("/chat/")) as sent:
        page.locator("#chat-form button[type=submit]").click()
    assert sent.value.post_data_json["lang"] == "ar"
    assert "conversation_id" not in sent.value.post_data_json
    expect(guide_turns(page)).to_have_count(1, timeout=120_000)
    turn = guide_turns(page).last
    expect(turn).to_have_attribute("lang", "ar")
    expect(turn).to_have_attribute("dir", "rtl")
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    # Escape closes the panel and gives the focus back to its button.
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(page.locator("#chat-toggle")).to_be_focused()
    page.keyboard.press("Enter")  # and opens it again, the conversation kept
    expect(panel).to_be_visible()
    expect(guide_turns(page)).to_have_count(1)
