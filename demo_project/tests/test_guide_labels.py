"""The demo names its colours in the 15 languages it serves, so the guide's «E em
prateado?», «有银色的吗？» or «은색은 있나요?» names the stored value (real encoder and
PostgreSQL, the demo catalog)."""

from __future__ import annotations

import pytest
from django.conf import settings

from demo_project.shop.catalog_data import demo_catalog as demo_rows
from shop_assistant.catalog import get_adapter
from shop_assistant.guide.values import match_values
from shop_assistant.language import primary_code


def test_every_colour_of_the_catalog_is_named_in_every_served_language():
    labels = get_adapter().get_value_labels()["color"]
    used = {row["attributes"]["color"] for row in demo_rows() if "color" in row["attributes"]}
    served = {primary_code(code) for code, _name in settings.LANGUAGES}
    assert used and served
    missing = {colour: sorted(served - set(labels.get(colour, {}))) for colour in sorted(used)}
    assert {colour: langs for colour, langs in missing.items() if langs} == {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, language, colour",
    [
        ("E em prateado?", "pt", "silver"),
        ("有银色的吗？", "zh", "silver"),
        ("은색은 있나요?", "ko", "silver"),  # not black: «검은색» holds «은색»
        ("검은색은 있나요?", "ko", "black"),
        ("А в сером цвете?", "ru", "grey"),
        ("Und in Grau?", "de", "grey"),  # not space grey («Spacegrau»)
        ("A w kolorze zielonym?", "pl", "green"),
    ],
)
def test_a_colour_named_in_the_shoppers_language(demo_catalog, text, language, colour):
    found = match_values(text, language=language, using="default")
    assert [(m.key, m.value) for m in found] == [("color", colour)]
