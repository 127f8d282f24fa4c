"""Attribute values across languages: filters accept a value in any served language, and
facets show a value in the shopper's.

The adapter names each stored value per language (:meth:`ProductAdapter.get_value_labels
<shop_assistant.catalog.ProductAdapter.get_value_labels>`: ``{"color": {"red": {"es":
"rojo", "de": "Rot"}}}``); ``attr.color=rojo`` then filters on ``red``. Values are compared
case- and accent-insensitively; a value without labels is used as given.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from ..catalog import get_adapter
from ..filters import Filters

ValueLabels = dict[str, dict[str, dict[str, str]]]


def value_labels() -> ValueLabels:
    """The adapter's labels (read per search: the adapter is resolved per call)."""
    return get_adapter().get_value_labels()


def fold(text: str) -> str:
    """Lowercase, accents stripped: how a typed value is compared with the labels."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stored_value(key: str, given: str, labels: ValueLabels) -> str:
    """The stored value ``given`` names in any language (``given`` itself if none)."""
    wanted = fold(given)
    for value, names in labels.get(key, {}).items():
        if fold(value) == wanted or any(fold(name) == wanted for name in names.values()):
            return value
    return given


def canonical_filters(filters: Filters, labels: ValueLabels | None = None) -> Filters:
    """``filters`` with every attribute value replaced by the stored value it names."""
    if not filters.attributes:
        return filters
    labels = value_labels() if labels is None else labels
    attributes = {
        key: stored_value(key, value, labels) for key, value in filters.attributes.items()
    }
    return replace(filters, attributes=attributes)


def label_of(key: str, value: str, language: str, labels: ValueLabels) -> str:
    """``value`` of attribute ``key`` as the shopper's language names it (else as stored)."""
    return labels.get(key, {}).get(value, {}).get(language) or value
