"""The demo's product adapter: the settings-driven default plus the shop's orders."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from shop_assistant.catalog import ProductAdapter

from .catalog_data import value_labels
from .models import OrderLine


class DemoProductAdapter(ProductAdapter):
    """Reads ``Order``/``OrderLine`` for "frequently bought together", and names colour
    and material values in every language (``attr.color=rojo`` filters on ``red``)."""

    def get_value_labels(self) -> dict[str, dict[str, dict[str, str]]]:
        return {**super().get_value_labels(), **value_labels()}

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
