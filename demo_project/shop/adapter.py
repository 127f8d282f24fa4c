"""The demo's product adapter: the settings-driven default plus the shop's orders."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from shop_assistant.catalog import ProductAdapter

from .attribute_labels import ATTRIBUTE_LABELS, COLOUR_LABELS, VALUE_LABELS
from .catalog_data import value_labels
from .models import OrderLine


class DemoProductAdapter(ProductAdapter):
    """Reads ``Order``/``OrderLine`` for "frequently bought together", and names the demo
    catalog's own attributes and values in its 15 languages (``attr.color=rojo`` filters
    on ``red``)."""

    def get_attribute_labels(self) -> dict[str, dict[str, str]]:
        return {**ATTRIBUTE_LABELS, **super().get_attribute_labels()}

    def get_value_labels(self) -> dict[str, dict[str, dict[str, str]]]:
        merged: dict[str, dict[str, dict[str, str]]] = {}
        for source in (VALUE_LABELS, COLOUR_LABELS, value_labels(), super().get_value_labels()):
            for key, values in source.items():
                for value, names in values.items():
                    merged.setdefault(key, {}).setdefault(value, {}).update(names)
        return merged

    def get_orders(self) -> Iterator[tuple[Any, list[Any]]]:
        lines = OrderLine.objects.order_by("order_id").values_list("order__number", "product_id")
        current: Any = None
        products: list[Any] = []
        for number, product_id in lines.iterator(chunk_size=2000):
            if number != current:
                if products:
                    yield current, products
                current, products = number, []
            products.append(product_id)
        if products:
            yield current, products
