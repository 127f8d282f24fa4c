"""The test shop's adapter: the settings-driven default plus its orders."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import Any

from shop_assistant.catalog import ProductAdapter

from .models import OrderLine


class TestShopAdapter(ProductAdapter):
    """Reads ``Order``/``OrderLine`` for "frequently bought together"."""

    def get_orders(self) -> Iterator[tuple[Any, list[Any]]]:
        lines = OrderLine.objects.order_by("order_id").values_list("order__number", "product_id")
        for number, group in groupby(lines.iterator(chunk_size=2000), key=lambda line: line[0]):
            yield number, [product_id for _number, product_id in group]
