"""What every recommendation list shares: its context, the allowed products, the finish.

A list is computed for a :class:`ListContext` (search filters, language, length, read
database). Retrieval only ever looks at :func:`allowed_entries` (published entries
matching the filters, minus the list's own exclusions and the merchandising rules'),
and :func:`finish` applies the rules and hydrates the results.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from .. import merchandising
from ..cards import ProductCard, ranked_cards
from ..conf import app_settings
from ..core.errors import ProductNotFound
from ..filters import Filters, filter_entries
from ..merchandising import Rule
from ..models import CatalogEntry
from ..ranking import Candidate

MAX_LIMIT = 50


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
    rules: list[Rule],
    *,
    exclude_products: Collection[Any] = (),
    known: Mapping[int, ProductCard] | None = None,
) -> list[ProductCard]:
    """Apply the merchandising rules, cut to the limit and hydrate (``known``: cards
    read already, see :func:`~shop_assistant.cards.cards`)."""
    ranked = merchandising.apply_rules(
        candidates,
        language=context.language,
        filters=context.filters,
        exclude=exclude_products,
        rules=rules,
        using=context.db,
    )
    return ranked_cards(ranked[: context.limit], context.language, using=context.db, known=known)
