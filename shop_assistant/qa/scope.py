"""What a question is about: one product (its entry, variants, FAQ, reviews) or the
catalog (candidate products from the search service, plus the shop-wide FAQ).

Only published catalog entries are ever read, and a product asked about by id must
also be published in the host's own data right now (the index may lag behind).
"""

from __future__ import annotations

from typing import Any

from ..cards import ProductCard, cards
from ..catalog import ProductAdapter
from ..conf import get_product_model
from ..core.errors import ProductNotFound
from ..filters import Filters
from ..models import CatalogEntry
from ..search import retrieve_candidates
from .constraints import PriceConstraints
from .evidence import fact_evidence, faq_evidence, review_evidence, text_evidence
from .types import Evidence
from .vocabulary import Labels, ValueLabels

#: Candidate products a catalog-wide question looks at.
CATALOG_CANDIDATES = 5


def product_cards(entries: list[CatalogEntry], language: str, using: str) -> list[ProductCard]:
    """The cards of these entries, in their order."""
    found = cards([entry.pk for entry in entries], language, using=using)
    return [found[entry.pk] for entry in entries if entry.pk in found]


def published_entry(product_id: Any, adapter: ProductAdapter, using: str) -> tuple[Any, Any]:
    """The host product and its published catalog entry, or :class:`ProductNotFound`."""
    entry = CatalogEntry.objects.using(using).published().filter(product_id=product_id).first()
    product = get_product_model()._default_manager.using(using).filter(pk=product_id).first()
    if entry is None or product is None or not adapter.is_published(product):
        raise ProductNotFound(f"No published product with id {product_id!r}.")
    return product, entry


def product_evidence(
    product: Any, entry: CatalogEntry, language: str, adapter: ProductAdapter, using: str
) -> list[Evidence]:
    """Facts, texts, FAQ (product and shop-wide) and reviews of one product, plus the
    colours and sizes of its published variants."""
    labels, values = adapter.get_attribute_labels(), adapter.get_value_labels()
    items = fact_evidence(entry, language, labels, values)
    items += variant_evidence(entry, language, using, labels, values)
    items += text_evidence([entry], language, using)
    items += faq_evidence([entry.product_id], using, shop_wide=True)
    items += review_evidence(adapter, product)
    return items


def variant_evidence(
    entry: CatalogEntry,
    language: str,
    using: str,
    labels: Labels | None = None,
    values: ValueLabels | None = None,
) -> list[Evidence]:
    if not entry.group:
        return []
    variants = (
        CatalogEntry.objects.using(using)
        .published()
        .filter(group=entry.group)
        .exclude(pk=entry.pk)
        .order_by("pk")
    )
    return [
        fact
        for variant in variants
        for fact in fact_evidence(variant, language, labels, values)
        if fact.field in ("color", "size")
    ]


def catalog_candidates(
    question: str,
    language: str,
    constraints: PriceConstraints,
    adapter: ProductAdapter,
    using: str,
) -> list[CatalogEntry]:
    """Published entries the search service finds for the question, best first."""
    filters = Filters(min_price=constraints.min_price, max_price=constraints.max_price)
    candidates = retrieve_candidates(
        constraints.rest or question, language, filters, CATALOG_CANDIDATES * 2
    )
    ids = [c.entry_id for c in candidates]
    entries = CatalogEntry.objects.using(using).published().in_bulk(ids)
    ranked = [entries[i] for i in ids if i in entries]
    live = live_published([e.product_id for e in ranked], adapter, using)
    return [e for e in ranked if e.product_id in live][:CATALOG_CANDIDATES]


def live_published(product_ids: list[Any], adapter: ProductAdapter, using: str) -> set[Any]:
    """The products among these that the host publishes right now (the index may lag)."""
    products = get_product_model()._default_manager.using(using).filter(pk__in=product_ids)
    return {p.pk for p in products if adapter.is_published(p)}


def catalog_evidence(
    entries: list[CatalogEntry], language: str, adapter: ProductAdapter, using: str
) -> list[Evidence]:
    labels, values = adapter.get_attribute_labels(), adapter.get_value_labels()
    items: list[Evidence] = []
    for entry in entries:
        items += fact_evidence(entry, language, labels, values)
    items += text_evidence(entries, language, using)
    items += faq_evidence([e.product_id for e in entries], using, shop_wide=True)
    return items
