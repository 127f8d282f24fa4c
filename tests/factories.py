"""Small helpers that create test-shop rows (real rows, real database)."""

from __future__ import annotations

from decimal import Decimal
from itertools import count
from typing import Any

from .testapp.models import Brand, Category, Product

_seq = count(1)


def category(slug: str, parent: Category | None = None, **names: str) -> Category:
    obj, _ = Category.objects.get_or_create(
        slug=slug, defaults={"parent": parent, "names": names or {"en": slug.title()}}
    )
    return obj


def brand(name: str) -> Brand:
    return Brand.objects.get_or_create(name=name)[0]


def product(title: str, description: str = "", **fields: Any) -> Product:
    fields.setdefault("sku", f"T-{next(_seq):05d}")
    fields.setdefault("price", Decimal("10.00"))
    fields.setdefault("stock", 5)
    if isinstance(fields.get("brand"), str):
        fields["brand"] = brand(fields["brand"])
    return Product.objects.create(title=title, description=description, **fields)
