"""The demo storefront searches and answers through shop_assistant's services."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_storefront_search_finds_the_english_only_jacket_for_a_spanish_query(
    client, demo_catalog
):
    response = client.get("/", {"q": "chaqueta impermeable Nordwand azul marino"})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.language == "es"
    assert demo_catalog.pk("DEMO-EN-RAINJACKET") in [hit.product_id for hit in result.hits[:5]]
    assert "results · language: es" in response.content.decode()


def test_storefront_reports_a_bad_language_instead_of_failing(client, demo_catalog):
    response = client.get("/", {"q": "tent", "lang": "xx"})
    assert response.status_code == 200
    assert "Allowed:" in response.context["error"]


def test_product_page_answers_a_question_in_the_shoppers_language(client, demo_catalog):
    pk = demo_catalog.pk("DEMO-EN-RAINJACKET")
    response = client.get(f"/products/{pk}/", {"question": "¿Es impermeable?"})
    assert response.status_code == 200
    answer = response.context["answer"]
    assert answer.grounded is True and answer.language == "es"
    assert any(c.product_id == pk for c in answer.citations)


@pytest.mark.parametrize(
    ("accept_language", "opening"),
    [
        ("ar", '<html lang="ar" dir="rtl">'),
        ("en-US,en;q=0.9", '<html lang="en" dir="ltr">'),
        ("zh-CN,zh;q=0.9", '<html lang="zh-hans" dir="ltr">'),
    ],
)
def test_storefront_page_direction_follows_the_visitors_language(
    client, accept_language, opening
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200
    assert opening in response.content.decode()


def test_an_arabic_answer_is_rendered_right_to_left(client, demo_catalog):
    pk = demo_catalog.pk("DEMO-EN-RAINJACKET")
    response = client.get(
        f"/products/{pk}/", {"question": "هل هذه السترة مقاومة للماء؟"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response.context["answer"].language == "ar"
    page = response.content.decode()
    assert '<html lang="en" dir="ltr">' in page
    assert '<div id="answer" lang="ar" dir="rtl"' in page


def test_text_direction_filter_takes_shop_and_django_codes():
    from demo_project.shop.templatetags.storefront import text_direction

    assert [text_direction(c) for c in ("ar", "zh", "zh-hans", "th", "xx")] == [
        "rtl",
        "ltr",
        "ltr",
        "ltr",
        "ltr",
    ]
