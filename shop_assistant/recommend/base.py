"""What every recommendation list shares: its context, the allowed products, the finish.

A list is computed for a :class:`ListContext` (search filters, language, length, read
database). Retrieval only ever looks at :func:`allowed_entries` (published entries
matching the filters, minus the list's own exclusions and the merchandising rules'),
and :func:`finish` applies the rules and hydrates the results.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from .. import merchandising
from ..conf import app_settings
from ..merchandising import Rule, Surface
from ..models import CatalogEntry, EmbeddingSpace
from ..ranking import Candidate
from ..search import Filters, filter_entries
from .results import Recommendation, hydrate

MAX_LIMIT = 50


class ProductNotFound(LookupError):
    """The product does not exist, is not published, or is not indexed yet."""


@dataclass(frozen=True)
class ListContext:
    """How one list is asked for."""

    filters: Filters = field(default_factory=Filters)
    language: str = ""
    limit: int = 10
    using: str = ""  # read alias; "" means SHOP_ASSISTANT["DATABASE"]

    @property
    def db(self) -> str:
        return self.using or app_settings.DATABASE

    def rules(self) -> list[Rule]:
        return merchandising.active_rules(language=self.language, using=self.db)


def get_entry(product_id: Any, *, using: str) -> CatalogEntry:
    """The published, indexed entry of a product, else :class:`ProductNotFound`."""
    entry = (
        CatalogEntry.objects.using(using)
        .published()
        .filter(product_id=product_id, indexed_at__isnull=False)
        .first()
    )
    if entry is None:
        raise ProductNotFound(f"Product {product_id} is not in the indexed catalog.")
    return entry


def active_space(using: str) -> EmbeddingSpace | None:
    return EmbeddingSpace.objects.using(using).active()


def allowed_entries(
    context: ListContext,
    rules: list[Rule],
    *,
    exclude_entries: Collection[int] = (),
    exclude_products: Collection[Any] = (),
    exclude_groups: Collection[str] = (),
) -> QuerySet[CatalogEntry]:
    """Published entries matching the filters, minus the given ones and the rules' exclusions."""
    entries = filter_entries(context.filters, using=context.db)
    if exclude_entries:
        entries = entries.exclude(id__in=list(exclude_entries))
    if exclude_products:
        entries = entries.exclude(product_id__in=list(exclude_products))
    groups = [g for g in exclude_groups if g]
    if groups:
        entries = entries.exclude(group__in=groups)
    excluded = merchandising.exclusion_q(rules)
    if excluded is not None:
        entries = entries.exclude(excluded)
    return entries


def finish(
    candidates: list[Candidate],
    context: ListContext,
    surface: Surface,
    rules: list[Rule],
    *,
    exclude_products: Collection[Any] = (),
) -> list[Recommendation]:
    """Apply the merchandising rules, cut to the limit and hydrate."""
    ranked = merchandising.apply_rules(
        candidates,
        language=context.language,
        surface=surface,
        filters=context.filters,
        exclude=exclude_products,
        rules=rules,
        using=context.db,
    )
    return hydrate(ranked[: context.limit], context.language, using=context.db)
