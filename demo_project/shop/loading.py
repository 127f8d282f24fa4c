"""Loading catalogs into the demo shop: the generated demo catalog and ESCI-style JSONL."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import Brand, Category, Product

IMPORT_CATEGORY = "imported"


def load_categories(categories: Iterable[Mapping[str, Any]]) -> dict[str, Category]:
    """Create or update categories (parents listed before children)."""
    by_slug: dict[str, Category] = {c.slug: c for c in Category.objects.all()}
    for item in categories:
        parent = by_slug.get(item["parent"]) if item.get("parent") else None
        category = by_slug.get(item["slug"])
        if category is None:
            category = Category.objects.create(
                slug=item["slug"], parent=parent, names=item["names"]
            )
        elif (
            category.parent_id != (parent.pk if parent else None) or category.names != item["names"]
        ):
            category.parent, category.names = parent, item["names"]
            category.save(update_fields=["parent", "names"])
        by_slug[category.slug] = category
    return by_slug


def _brands(names: Iterable[str]) -> dict[str, Brand]:
    wanted = {n for n in names if n}
    existing = {b.name: b for b in Brand.objects.filter(name__in=wanted)}
    Brand.objects.bulk_create([Brand(name=n) for n in sorted(wanted - set(existing))])
    return {b.name: b for b in Brand.objects.filter(name__in=wanted)}


@transaction.atomic
def load_products(items: list[Mapping[str, Any]], categories: Mapping[str, Category]) -> int:
    """Upsert products by SKU; return how many were written."""
    brands = _brands(item.get("brand", "") for item in items)
    products = []
    for item in items:
        attributes = dict(item.get("attributes") or {})
        products.append(
            Product(
                sku=item["sku"],
                language=item.get("language", "en"),
                title=item["title"],
                description=item.get("description", ""),
                bullet_points=item.get("bullet_points", ""),
                translations=item.get("translations") or {},
                price=Decimal(str(item["price"])) if item.get("price") not in (None, "") else None,
                currency=item.get("currency", "EUR"),
                stock=int(item.get("stock", 10)),
                category=categories.get(item.get("category") or ""),
                brand=brands.get(item.get("brand") or ""),
                color=attributes.pop("color", item.get("color", "")) or "",
                material=attributes.pop("material", "") or "",
                size=attributes.pop("size", "") or "",
                attributes=attributes,
                group=item.get("group", ""),
                is_published=item.get("is_published", True),
            )
        )
    fields = [
        f.name for f in Product._meta.concrete_fields if f.name not in ("id", "sku", "updated_at")
    ]
    Product.objects.bulk_create(
        products, update_conflicts=True, unique_fields=["sku"], update_fields=fields, batch_size=500
    )
    return len(products)


def read_esci_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of ``shared/eval/products.jsonl`` → product dicts (id → sku)."""
    items = []
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                items.append(
                    {
                        "sku": row["id"],
                        "language": row.get("lang") or "en",
                        "title": row["title"],
                        "description": row.get("description") or "",
                        "bullet_points": row.get("bullet_points") or "",
                        "brand": (row.get("brand") or "").strip()[:120],
                        "attributes": {"color": (row.get("color") or "").strip()[:60]},
                        "category": IMPORT_CATEGORY,
                        "price": None,
                        "stock": 10,
                    }
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{line_no}: not a product row ({exc})") from exc
    return items
