"""The product card: how every list shows a product (search hits, recommendations, the
products of an answer), hydrated by one function from the denormalized catalog entries.

The title is chosen by one chain everywhere: the shopper's language, then the shop's
default language (``LANGUAGE_CODE``), then the product's own (its first title), and the
card says which language it got (``title_language``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.conf import settings

from .core.sql import Statement, run_together
from .language import primary_code
from .models import CatalogEntry
from .ranking import Candidate, Explanation

#: The catalog entry columns a card shows.
CARD_COLUMNS = (
    "id",
    "product_id",
    "titles",
    "url",
    "image",
    "price",
    "currency",
    "in_stock",
    "brand",
    "category_path",
)


@dataclass
class ProductCard:
    """One product as a list shows it; ``score`` and ``explanation`` when it is ranked."""

    product_id: Any
    title: str
    title_language: str
    url: str = ""
    image: str = ""
    price: Decimal | None = None
    currency: str = ""
    in_stock: bool = True
    brand: str = ""
    category_path: list[str] = field(default_factory=list)
    score: float | None = None
    explanation: Explanation | None = None


def title_in(titles: dict[str, str], language: str) -> tuple[str, str]:
    """The title in ``language``, else in the shop's default language, else the product's
    first title; and the language it is in."""
    default = primary_code(settings.LANGUAGE_CODE)
    for code in (language, default):
        if titles.get(code):
            return titles[code], code
    for code, title in titles.items():
        return title, code
    return "", language


def cards(
    entry_ids: Sequence[int],
    language: str,
    *,
    using: str,
    known: Mapping[int, ProductCard] | None = None,
) -> dict[int, ProductCard]:
    """The cards of these catalog entries by entry id (vanished entries are left out).

    Raw SQL with one array parameter: it runs on every search, where the ORM's per-row
    model instances and ``pk__in`` parameter binding cost more than the query itself.
    ``known``: cards in ``language`` the caller read already (copies are returned); only
    the others are read.
    """
    known = known or {}
    found = {pk: replace(known[pk]) for pk in entry_ids if pk in known}
    entry_ids = [pk for pk in entry_ids if pk not in known]
    if not entry_ids:
        return found
    (read,) = run_together(using, [cards_statement(entry_ids, language)])
    found.update(read)
    return found


def cards_statement(entry_ids: Sequence[int], language: str) -> Statement | None:
    """The read of :func:`cards` (None without entries), to send with others."""
    if not entry_ids:
        return None
    sql = f"SELECT {', '.join(CARD_COLUMNS)} FROM {CatalogEntry._meta.db_table} WHERE id = ANY(%s)"
    return Statement(sql, [list(entry_ids)], lambda rows: _cards_of(rows, language))


def _cards_of(rows: list[tuple], language: str) -> dict[int, ProductCard]:
    found = {}
    for entry_id, product_id, titles, url, image, price, currency, in_stock, brand, path in rows:
        if isinstance(titles, str):  # Django reads jsonb as text, JSONField parses it
            titles = json.loads(titles)
        title, title_language = title_in(titles, language)
        found[entry_id] = ProductCard(
            product_id=product_id,
            title=title,
            title_language=title_language,
            url=url,
            image=image,
            price=price,
            currency=currency,
            in_stock=in_stock,
            brand=brand,
            category_path=list(path),
        )
    return found


def ranked_cards(
    candidates: Sequence[Candidate],
    language: str,
    *,
    using: str,
    known: Mapping[int, ProductCard] | None = None,
) -> list[ProductCard]:
    """Cards of ranked candidates, in order, each with its score and explanation
    (``known``: as in :func:`cards`)."""
    by_entry = cards([c.entry_id for c in candidates], language, using=using, known=known)
    return in_order(candidates, by_entry)


def in_order(
    candidates: Sequence[Candidate], by_entry: Mapping[int, ProductCard]
) -> list[ProductCard]:
    """The cards of ``candidates`` in their order, with score and explanation (entries
    without a card left out)."""
    result = []
    for candidate in candidates:
        card = by_entry.get(candidate.entry_id)
        if card is not None:
            card.score = round(float(candidate.score), 6)
            card.explanation = candidate.explanation
            result.append(card)
    return result
