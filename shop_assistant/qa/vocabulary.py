"""Localized names of attributes and of their common values, and price formatting.

The demo catalog (like most shops) stores canonical English attribute values
("navy", "merino wool", "yes"); answers show them in the asker's language through
Django's translations (``pgettext`` contexts ``"attribute"`` and ``"attribute value"``),
falling back to the raw value when there is no translation.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import pgettext, pgettext_lazy

#: Names of the facets and generic attributes; a shop's other attributes are named by its
#: adapter (``get_attribute_labels``), else shown as their key with spaces.
LABELS = {
    "price": pgettext_lazy("attribute", "price"),
    "in_stock": pgettext_lazy("attribute", "availability"),
    "brand": pgettext_lazy("attribute", "brand"),
    "color": pgettext_lazy("attribute", "color"),
    "material": pgettext_lazy("attribute", "material"),
    "size": pgettext_lazy("attribute", "size"),
    "dimensions": pgettext_lazy("attribute", "dimensions"),
}

#: Common attribute values (colours, materials, yes/no) stored in English by many shops
#: (and a few spellings); a shop's own values are named by its adapter (``get_value_labels``).
VALUES = {
    "yes": pgettext_lazy("attribute value", "yes"),
    "no": pgettext_lazy("attribute value", "no"),
    "black": pgettext_lazy("attribute value", "black"),
    "white": pgettext_lazy("attribute value", "white"),
    "grey": pgettext_lazy("attribute value", "grey"),
    "navy": pgettext_lazy("attribute value", "navy"),
    "blue": pgettext_lazy("attribute value", "blue"),
    "red": pgettext_lazy("attribute value", "red"),
    "olive": pgettext_lazy("attribute value", "olive"),
    "green": pgettext_lazy("attribute value", "green"),
    "yellow": pgettext_lazy("attribute value", "yellow"),
    "orange": pgettext_lazy("attribute value", "orange"),
    "brown": pgettext_lazy("attribute value", "brown"),
    "sand": pgettext_lazy("attribute value", "sand"),
    "burgundy": pgettext_lazy("attribute value", "burgundy"),
    "pink": pgettext_lazy("attribute value", "pink"),
    "purple": pgettext_lazy("attribute value", "purple"),
    "beige": pgettext_lazy("attribute value", "beige"),
    "silver": pgettext_lazy("attribute value", "silver"),
    "gold": pgettext_lazy("attribute value", "gold"),
    "space grey": pgettext_lazy("attribute value", "space grey"),
    "terracotta": pgettext_lazy("attribute value", "terracotta"),
    "teal": pgettext_lazy("attribute value", "teal"),
    "cream": pgettext_lazy("attribute value", "cream"),
    "copper": pgettext_lazy("attribute value", "copper"),
    "nylon": pgettext_lazy("attribute value", "nylon"),
    "recycled nylon": pgettext_lazy("attribute value", "recycled nylon"),
    "ripstop nylon": pgettext_lazy("attribute value", "ripstop nylon"),
    "polyester": pgettext_lazy("attribute value", "polyester"),
    "recycled polyester": pgettext_lazy("attribute value", "recycled polyester"),
    "cotton": pgettext_lazy("attribute value", "cotton"),
    "organic cotton": pgettext_lazy("attribute value", "organic cotton"),
    "cotton canvas": pgettext_lazy("attribute value", "cotton canvas"),
    "merino wool": pgettext_lazy("attribute value", "merino wool"),
    "wool": pgettext_lazy("attribute value", "wool"),
    "leather": pgettext_lazy("attribute value", "leather"),
    "suede": pgettext_lazy("attribute value", "suede"),
    "mesh": pgettext_lazy("attribute value", "mesh"),
    "knit": pgettext_lazy("attribute value", "knit"),
    "linen": pgettext_lazy("attribute value", "linen"),
    "stainless steel": pgettext_lazy("attribute value", "stainless steel"),
    "cast iron": pgettext_lazy("attribute value", "cast iron"),
    "enamelled cast iron": pgettext_lazy("attribute value", "enamelled cast iron"),
    "aluminium": pgettext_lazy("attribute value", "aluminium"),
    "carbon steel": pgettext_lazy("attribute value", "carbon steel"),
    "glass": pgettext_lazy("attribute value", "glass"),
    "plastic": pgettext_lazy("attribute value", "plastic"),
    "recycled plastic": pgettext_lazy("attribute value", "recycled plastic"),
    "ceramic": pgettext_lazy("attribute value", "ceramic"),
    "brass": pgettext_lazy("attribute value", "brass"),
    "oak": pgettext_lazy("attribute value", "oak"),
    "rattan": pgettext_lazy("attribute value", "rattan"),
    "titanium": pgettext_lazy("attribute value", "titanium"),
    "waxed canvas": pgettext_lazy("attribute value", "waxed canvas"),
    "tarpaulin": pgettext_lazy("attribute value", "tarpaulin"),
    "powder-coated steel": pgettext_lazy("attribute value", "powder-coated steel"),
    "gray": pgettext_lazy("attribute value", "grey"),
    "aluminum": pgettext_lazy("attribute value", "aluminium"),
}

#: Vocabulary values that are colours / materials (a question naming one asks about it).
COLORS = frozenset(
    {
        "black",
        "white",
        "grey",
        "gray",
        "navy",
        "blue",
        "red",
        "olive",
        "green",
        "yellow",
        "orange",
        "brown",
        "sand",
        "burgundy",
        "pink",
        "purple",
        "beige",
        "silver",
        "gold",
        "space grey",
        "terracotta",
        "teal",
        "cream",
        "copper",
    }
)
MATERIALS = frozenset(
    {
        "nylon",
        "recycled nylon",
        "ripstop nylon",
        "polyester",
        "recycled polyester",
        "cotton",
        "organic cotton",
        "cotton canvas",
        "merino wool",
        "wool",
        "leather",
        "suede",
        "mesh",
        "knit",
        "linen",
        "stainless steel",
        "cast iron",
        "enamelled cast iron",
        "aluminium",
        "aluminum",
        "carbon steel",
        "glass",
        "plastic",
        "recycled plastic",
        "ceramic",
        "brass",
        "oak",
        "rattan",
        "titanium",
        "waxed canvas",
        "tarpaulin",
        "powder-coated steel",
    }
)

_TRUE = {"yes", "true"}
_FALSE = {"no", "false"}

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CNY": "¥", "CHF": "CHF"}


def django_language(code: str) -> str:
    """The ``settings.LANGUAGES`` code to activate for a shop language ("zh" -> "zh-hans")."""
    codes = [c.lower() for c, _ in settings.LANGUAGES]
    if code in codes:
        return code
    primary = code.split("-")[0]
    return next((c for c in codes if c.split("-")[0] == primary), code)


@contextmanager
def language(code: str) -> Iterator[None]:
    """Django translations (and formats) of a shop language for the block."""
    with translation.override(django_language(code)):
        yield


def as_bool(value: Any) -> bool | None:
    """True / False for yes-no values, None for anything else."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


Labels = Mapping[str, Mapping[str, str]]  # {key: {language: label}}
ValueLabels = Mapping[str, Mapping[str, Mapping[str, str]]]  # {key: {value: {language: label}}}


def _active() -> str:
    return (translation.get_language() or "en").split("-")[0].lower()


def label(name: str, labels: Labels | None = None) -> str:
    """The attribute's name in the active language: the shop's label for it (its adapter's
    ``get_attribute_labels``), the library's for a facet or generic attribute, the shop's
    label in English or any language, else the key with spaces."""
    own = (labels or {}).get(name) or {}
    if own.get(_active()):
        return own[_active()]
    if name in LABELS:
        return str(LABELS[name])
    fallback = own.get("en") or next((text for text in own.values() if text), "")
    return fallback or name.replace("_", " ")


def label_language(name: str, labels: Labels | None = None) -> str:
    """The language :func:`label` names ``name`` in for the active language ("und" when it
    spells the key out)."""
    own = (labels or {}).get(name) or {}
    if own.get(_active()) or name in LABELS:
        return _active()
    if own.get("en"):
        return "en"
    return next((code for code, text in own.items() if text), "und")


def value_text(value: Any, names: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """An attribute value in the active language (lists joined, numbers localized);
    ``names`` are the shop's labels of the attribute's values (``{value: {language: label}}``)."""
    if isinstance(value, bool):
        return str(VALUES["yes" if value else "no"])
    if isinstance(value, int | float | Decimal):
        return formats.number_format(value, use_l10n=True)
    flag = as_bool(value)
    if flag is not None:
        return str(VALUES["yes" if flag else "no"])
    parts = [p.strip() for p in str(value).split(",") if p.strip()]
    return ", ".join(_one_value(p, names or {}) for p in parts)


def _one_value(text: str, names: Mapping[str, Mapping[str, str]]) -> str:
    own = names.get(text) or names.get(text.lower()) or {}
    if own.get(_active()):
        return own[_active()]
    known = VALUES.get(text.lower())
    if known is not None:
        return str(known)
    try:
        return formats.number_format(Decimal(text), use_l10n=True)
    except (InvalidOperation, ValueError):
        return text


def value_names(canonical: str, code: str) -> set[str]:
    """Ways to write a canonical value in a language: its translation and itself."""
    names = {canonical}
    known = VALUES.get(canonical.lower())
    if known is not None:
        with language(code):
            names.add(str(known))
    return names


def price_text(amount: Decimal, currency: str) -> str:
    """``amount`` in ``currency`` for the active language ("89,00 €", "€89.00")."""
    number = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    symbol = CURRENCY_SYMBOLS.get(currency.upper(), currency.upper())
    # Translators: a price; reorder for your language (e.g. "%(amount)s %(currency)s").
    return pgettext("price", "%(currency)s%(amount)s") % {"currency": symbol, "amount": number}


def stock_text(in_stock: bool) -> str:
    if in_stock:
        return pgettext("attribute value", "in stock")
    return pgettext("attribute value", "out of stock")


def attribute_text(
    name: str,
    value: Any,
    code: str,
    *,
    currency: str = "",
    labels: Labels | None = None,
    value_labels: ValueLabels | None = None,
) -> str:
    """``label: value`` of one fact in language ``code``, named by the shop's ``labels``
    and ``value_labels`` (its adapter's) where it has them."""
    with language(code):
        if name == "price":
            shown = price_text(Decimal(str(value)), currency or "EUR")
        elif name == "in_stock":
            shown = stock_text(bool(value))
        elif name == "brand":
            shown = str(value)
        else:
            shown = value_text(value, (value_labels or {}).get(name))
        return pgettext("fact", "%(label)s: %(value)s") % {
            "label": label(name, labels),
            "value": shown,
        }
