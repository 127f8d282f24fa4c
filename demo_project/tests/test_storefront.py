"""The demo storefront's server side: pages, language and direction, pictures, checkout.
What the browser does with the API is proven in demo_project/tests/browser/."""

from __future__ import annotations

import json

import pytest

from demo_project.shop.models import Order

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "opening"),
    [
        ("ar", '<html lang="ar" dir="rtl">'),
        ("en-US,en;q=0.9", '<html lang="en" dir="ltr">'),
        ("zh-CN,zh;q=0.9", '<html lang="zh-hans" dir="ltr">'),
    ],
)
def test_storefront_page_direction_follows_the_visitors_language(client, accept_language, opening):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200
    page = response.content.decode()
    assert opening in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


def test_the_language_selector_lists_every_served_language_and_auto(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert '<html lang="de" dir="ltr">' in page
    assert 'data-lang="de"' in page  # the API is asked in German
    assert response.context["chosen_language"] == "de"
    codes = [code for code, _name in response.context["languages"]]
    assert codes == [code for code, _name in settings.LANGUAGES]
    assert '<option value="">Auto</option>' in page


def test_product_page_is_in_the_shoppers_language_with_its_picture(client, demo_catalog):
    pk = demo_catalog.pk("DEMO-ES-CAFETERA")
    response = client.get(f"/products/{pk}/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert response.context["text_language"] == "es"
    image = client.get(f"/products/{pk}/image.svg")
    assert image["Content-Type"] == "image/svg+xml"
    assert image.content.startswith(b"<svg") and b"<path" in image.content


def test_every_search_card_has_an_image(client, demo_catalog):
    response = client.get("/api/assistant/search/", {"q": "tent", "page_size": 50})
    cards = response.json()["results"]
    assert cards and all(card["image"].endswith("/image.svg") for card in cards)


def test_checkout_records_the_order_and_refuses_bad_lines(client, demo_catalog):
    first, second = demo_catalog.pk("DEMO-EN-RAINJACKET"), demo_catalog.pk("DEMO-ES-CAFETERA")
    body = {"lines": [{"product_id": first, "quantity": 2}, {"product_id": second}]}
    response = client.post("/checkout/", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    order = Order.objects.get(number=response.json()["order"])
    assert sorted(order.lines.values_list("product_id", "quantity")) == sorted(
        [(first, 2), (second, 1)]
    )
    for bad in ({"lines": []}, {"lines": [{"product_id": "x"}]}, {"lines": [{"product_id": 0}]}):
        response = client.post("/checkout/", json.dumps(bad), content_type="application/json")
        assert response.status_code == 400 and response.json()["detail"]
    response = client.post("/checkout/", "not json", content_type="application/json")
    assert response.status_code == 400


def test_text_direction_filter_takes_shop_and_django_codes():
    from demo_project.shop.templatetags.storefront import text_direction

    assert [text_direction(c) for c in ("ar", "zh", "zh-hans", "th", "xx")] == [
        "rtl",
        "ltr",
        "ltr",
        "ltr",
        "ltr",
    ]
