"""Small helpers that create demo-shop rows for tests (real rows, real database)."""

from __future__ import annotations

from decimal import Decimal
from itertools import count
from typing import Any

from demo_project.shop.models import Brand, Category, Product

_seq = count(1)


def category(slug: str, parent: Category | None = None, **names: str) -> Category:
    obj, _ = Category.objects.get_or_create(
        slug=slug, defaults={"parent": parent, "names": names or {"en": slug.title()}}
    )
    return obj


def product(title: str, description: str = "", **fields: Any) -> Product:
    fields.setdefault("sku", f"T-{next(_seq):05d}")
    fields.setdefault("price", Decimal("10.00"))
    fields.setdefault("stock", 5)
    brand = fields.pop("brand", None)
    if isinstance(brand, str):
        brand, _ = Brand.objects.get_or_create(name=brand)
    return Product.objects.create(title=title, description=description, brand=brand, **fields)
