"""Search filters: one dataclass, rendered as an ORM queryset or as a raw SQL condition.

Both renderings select the same published entries; the raw one is what the retrieval
SQL joins against (``c`` is the catalog entry alias there), the queryset is for callers
that compose with the ORM (recommendations, Q&A, facets).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from .conf import app_settings
from .models import CatalogEntry

ENTRY_ALIAS = "c"


@dataclass
class Filters:
    """Facet filters of a search; every field is optional."""

    category: str | None = None  # a category slug; includes its descendants
    brand: str | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    in_stock: bool | None = None
    attributes: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return (
            not self.category
            and not self.brand
            and self.min_price is None
            and self.max_price is None
            and self.in_stock is None
            and not self.attributes
        )

    def as_dict(self) -> dict[str, Any]:
        """The filters that are set, JSON-ready (for the search log)."""
        data: dict[str, Any] = {}
        if self.category:
            data["category"] = self.category
        if self.brand:
            data["brand"] = self.brand
        if self.min_price is not None:
            data["min_price"] = str(self.min_price)
        if self.max_price is not None:
            data["max_price"] = str(self.max_price)
        if self.in_stock is not None:
            data["in_stock"] = self.in_stock
        if self.attributes:
            data["attributes"] = dict(self.attributes)
        return data


def filter_entries(filters: Filters, using: str | None = None) -> QuerySet[CatalogEntry]:
    """Published catalog entries matching ``filters`` (read from ``SHOP_ASSISTANT["DATABASE"]``)."""
    qs = CatalogEntry.objects.using(using or app_settings.DATABASE).published()
    if filters.category:
        qs = qs.filter(category_path__contains=[filters.category])
    if filters.brand:
        qs = qs.filter(brand=filters.brand)
    if filters.min_price is not None:
        qs = qs.filter(price__gte=filters.min_price)
    if filters.max_price is not None:
        qs = qs.filter(price__lte=filters.max_price)
    if filters.in_stock is not None:
        qs = qs.filter(in_stock=filters.in_stock)
    if filters.attributes:
        qs = qs.filter(attributes__contains=dict(filters.attributes))
    return qs


def filter_sql(filters: Filters, alias: str = ENTRY_ALIAS) -> tuple[str, list[Any]]:
    """The condition of :func:`filter_entries` on the entry table aliased ``alias``.

    Uses the same operators as the ORM (``@>`` on the category array and attribute
    JSON, equality on brand), so the facet indexes serve both.
    """
    clauses = [f"{alias}.is_published"]
    params: list[Any] = []
    if filters.category:
        clauses.append(f"{alias}.category_path @> ARRAY[%s]::varchar(255)[]")
        params.append(filters.category)
    if filters.brand:
        clauses.append(f"{alias}.brand = %s")
        params.append(filters.brand)
    if filters.min_price is not None:
        clauses.append(f"{alias}.price >= %s")
        params.append(filters.min_price)
    if filters.max_price is not None:
        clauses.append(f"{alias}.price <= %s")
        params.append(filters.max_price)
    if filters.in_stock is not None:
        clauses.append(f"{alias}.in_stock = %s")
        params.append(filters.in_stock)
    if filters.attributes:
        clauses.append(f"{alias}.attributes @> %s::jsonb")
        params.append(json.dumps(dict(filters.attributes), sort_keys=True))
    return " AND ".join(clauses), params
