"""The shop's category names at search time: a query naming a category matches its products,
and a suggested category is shown by its name.

Names come from the adapter (:meth:`~shop_assistant.catalog.ProductAdapter.get_category_names`,
read on one product of the category, as indexing does), per leaf category slug, and are
kept in the cache ``SHOP_ASSISTANT["CACHE"]`` for :data:`NAMES_TTL` seconds: a search reads
only the categories of its own candidates, and a category is read once however many
searches touch it.

A category's name (in any language the shop names it in) is **in** a query when

* every lexeme of the name (stemmed by its language's text-search configuration, as the
  passages are; stop words dropped) is among the query's lexemes ("Casacos de chuva" is in
  «casaco de chuva leve», "Tents" in «tent for two»), or
* the name is written in a script without spaces between words (Han, kana, Hangul, Thai)
  and occurs in the query as written ("テント" is in «二人用テント», "텐트" in «텐트를»).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.db import connections

from ..catalog import get_adapter
from ..conf import app_settings, get_product_model
from ..language import ts_config, written_unspaced
from ..ranking import Candidate
from .terms import COMPOUND_ALIASES, QueryTerms

#: How long a category's names are cached, in seconds (a renamed category shows its new
#: name after at most this long; a new category is read on its first search).
NAMES_TTL = 300
#: An unspaced name shorter than this many characters is not looked for inside words.
MIN_UNSPACED_CHARS = 2


@dataclass(frozen=True)
class CategoryName:
    """One name of a category: its text, language and lexemes."""

    text: str
    language: str
    lexemes: frozenset[str]

    def is_in(self, text: str, lexemes: frozenset[str]) -> bool:
        """Whether the query (``text``, its ``lexemes`` under every configuration) names it."""
        if self.lexemes and self.lexemes <= lexemes:
            return True
        name = self.text.casefold()
        return (
            len(name) >= MIN_UNSPACED_CHARS and written_unspaced(name) and name in text.casefold()
        )


_PREFIX = "shop_assistant:category_names:"


def names_of(products: Mapping[str, Any], *, using: str) -> dict[str, tuple[CategoryName, ...]]:
    """Leaf category slug → its names, for ``products`` (slug → a product id of it, any
    product whose leaf category it is); from the cache when read recently."""
    if not products:
        return {}
    cache = caches[app_settings.CACHE]
    keys = {slug: _key(using, slug) for slug in products}
    cached = cache.get_many(list(keys.values()))
    found = {slug: cached[key] for slug, key in keys.items() if key in cached}
    missing = {slug: product_id for slug, product_id in products.items() if slug not in found}
    if missing:
        loaded = {slug: () for slug in missing} | _load(missing, using)
        cache.set_many({keys[slug]: names for slug, names in loaded.items()}, NAMES_TTL)
        found.update(loaded)
    return found


def _key(using: str, slug: str) -> str:
    digest = hashlib.sha256(f"{using}\x00{slug}".encode()).hexdigest()[:32]
    return _PREFIX + digest  # slugs may hold what memcached keys may not


def names_by_language(names: Iterable[CategoryName]) -> dict[str, str]:
    """``{language: name}`` in the order the adapter gave them."""
    return {name.language: name.text for name in names}


def named_in(
    text: str, terms: QueryTerms, candidates: Iterable[Candidate], *, using: str
) -> set[str]:
    """The leaf categories of ``candidates`` the query names (see the module doc)."""
    products: dict[str, Any] = {}
    for candidate in candidates:
        if candidate.category_path:
            products.setdefault(candidate.category_path[-1], candidate.product_id)
    if not products:
        return set()
    lexemes = frozenset(lexeme for term in terms.terms for lexeme in term.lexemes)
    return {
        slug
        for slug, names in names_of(products, using=using).items()
        if any(name.is_in(text, lexemes) for name in names)
    }


def _load(products: Mapping[str, Any], using: str) -> dict[str, tuple[CategoryName, ...]]:
    adapter = get_adapter()
    by_pk = {
        str(product.pk): product
        for product in adapter.get_queryset(get_product_model())
        .using(using)
        .filter(pk__in=list(products.values()))
    }
    texts: list[tuple[str, str, str]] = []  # slug, language, name
    for slug, product_id in products.items():
        product = by_pk.get(str(product_id))
        if product is None:
            continue
        for language, name in adapter.get_category_names(product).items():
            if name and name.strip():
                texts.append((slug, language, " ".join(name.split())))
    lexemes = _lexemes([(language, name) for _slug, language, name in texts], using)
    loaded: dict[str, list[CategoryName]] = {}
    for (slug, language, name), found in zip(texts, lexemes, strict=True):
        loaded.setdefault(slug, []).append(CategoryName(name, language, found))
    return {slug: tuple(names) for slug, names in loaded.items()}


def _lexemes(names: list[tuple[str, str]], using: str) -> list[frozenset[str]]:
    """Each name's lexemes under its language's configuration, tokenized as queries are
    (:func:`~shop_assistant.search.terms.analyze`: the parts of a hyphenated word)."""
    if not names:
        return []
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT n.ord, array_agg(DISTINCT l.lexeme) "
            "FROM unnest(%s::regconfig[], %s::text[]) WITH ORDINALITY AS n(cfg, name, ord) "
            "CROSS JOIN LATERAL ts_debug(n.cfg, unaccent(n.name)) AS d "
            "CROSS JOIN LATERAL unnest(d.lexemes) AS l(lexeme) "
            "WHERE d.alias <> ALL(%s) GROUP BY n.ord",
            [
                [ts_config(language) for language, _name in names],
                [name for _language, name in names],
                list(COMPOUND_ALIASES),
            ],
        )
        found = {int(ordinal): frozenset(lexemes) for ordinal, lexemes in cursor.fetchall()}
    return [found.get(ordinal, frozenset()) for ordinal in range(1, len(names) + 1)]
