"""Localized names of attributes and of their common values, and price formatting.

The demo catalog (like most shops) stores canonical English attribute values
("navy", "merino wool", "yes"); answers show them in the asker's language through
Django's translations (``pgettext`` contexts ``"attribute"`` and ``"attribute value"``),
falling back to the raw value when there is no translation.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import pgettext, pgettext_lazy

#: Attribute and facet names; anything else shows as its key with spaces.
LABELS = {
    "price": pgettext_lazy("attribute", "price"),
    "in_stock": pgettext_lazy("attribute", "availability"),
    "brand": pgettext_lazy("attribute", "brand"),
    "color": pgettext_lazy("attribute", "color"),
    "material": pgettext_lazy("attribute", "material"),
    "size": pgettext_lazy("attribute", "size"),
    "waterproof": pgettext_lazy("attribute", "waterproof"),
    "capacity_l": pgettext_lazy("attribute", "capacity (litres)"),
    "capacity_ml": pgettext_lazy("attribute", "capacity (ml)"),
    "capacity_cups": pgettext_lazy("attribute", "capacity (cups)"),
    "volume_ml": pgettext_lazy("attribute", "volume (ml)"),
    "weight_kg": pgettext_lazy("attribute", "weight (kg)"),
    "weight_g": pgettext_lazy("attribute", "weight (g)"),
    "weight_gsm": pgettext_lazy("attribute", "fabric weight (g/m²)"),
    "dimensions": pgettext_lazy("attribute", "dimensions"),
    "width_cm": pgettext_lazy("attribute", "width (cm)"),
    "height_cm": pgettext_lazy("attribute", "height (cm)"),
    "diameter_cm": pgettext_lazy("attribute", "diameter (cm)"),
    "case_mm": pgettext_lazy("attribute", "case size (mm)"),
    "wattage": pgettext_lazy("attribute", "power (W)"),
    "battery_h": pgettext_lazy("attribute", "battery life (hours)"),
    "battery_days": pgettext_lazy("attribute", "battery life (days)"),
    "induction": pgettext_lazy("attribute", "induction compatible"),
    "wireless": pgettext_lazy("attribute", "wireless"),
    "noise_cancelling": pgettext_lazy("attribute", "noise cancelling"),
    "noise_db": pgettext_lazy("attribute", "noise level (dB)"),
    "energy_class": pgettext_lazy("attribute", "energy class"),
    "place_settings": pgettext_lazy("attribute", "place settings"),
    "persons": pgettext_lazy("attribute", "persons"),
    "players": pgettext_lazy("attribute", "players"),
    "season": pgettext_lazy("attribute", "season"),
    "hydrostatic_head_mm": pgettext_lazy("attribute", "waterproof rating (mm)"),
    "water_resistance_atm": pgettext_lazy("attribute", "water resistance (atm)"),
    "drop_mm": pgettext_lazy("attribute", "heel-to-toe drop (mm)"),
    "fit": pgettext_lazy("attribute", "fit"),
    "bulb": pgettext_lazy("attribute", "bulb"),
    "dimmable": pgettext_lazy("attribute", "dimmable"),
    "skin_type": pgettext_lazy("attribute", "skin type"),
    "key_ingredient": pgettext_lazy("attribute", "key ingredient"),
    "vegan": pgettext_lazy("attribute", "vegan"),
    "fragrance_free": pgettext_lazy("attribute", "fragrance-free"),
    "driver_mm": pgettext_lazy("attribute", "driver size (mm)"),
    "screen_in": pgettext_lazy("attribute", "screen size (inches)"),
    "storage_gb": pgettext_lazy("attribute", "storage (GB)"),
    "gps": pgettext_lazy("attribute", "GPS"),
    "min_age": pgettext_lazy("attribute", "minimum age"),
    "play_time_min": pgettext_lazy("attribute", "playing time (minutes)"),
    "theme": pgettext_lazy("attribute", "theme"),
    "pressure_bar": pgettext_lazy("attribute", "pressure (bar)"),
    "laptop_in": pgettext_lazy("attribute", "laptop size (inches)"),
}

#: Common attribute values stored in English by the catalog (and a few spellings).
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
    "regular": pgettext_lazy("attribute value", "regular"),
    "slim": pgettext_lazy("attribute value", "slim"),
    "relaxed": pgettext_lazy("attribute value", "relaxed"),
    "e27": pgettext_lazy("attribute value", "e27"),
    "e14": pgettext_lazy("attribute value", "e14"),
    "integrated led": pgettext_lazy("attribute value", "integrated led"),
    "dry": pgettext_lazy("attribute value", "dry"),
    "oily": pgettext_lazy("attribute value", "oily"),
    "sensitive": pgettext_lazy("attribute value", "sensitive"),
    "combination": pgettext_lazy("attribute value", "combination"),
    "all": pgettext_lazy("attribute value", "all"),
    "hyaluronic acid": pgettext_lazy("attribute value", "hyaluronic acid"),
    "vitamin c": pgettext_lazy("attribute value", "vitamin c"),
    "niacinamide": pgettext_lazy("attribute value", "niacinamide"),
    "aloe vera": pgettext_lazy("attribute value", "aloe vera"),
    "shea butter": pgettext_lazy("attribute value", "shea butter"),
    "ceramides": pgettext_lazy("attribute value", "ceramides"),
    "space": pgettext_lazy("attribute value", "space"),
    "medieval": pgettext_lazy("attribute value", "medieval"),
    "ocean": pgettext_lazy("attribute value", "ocean"),
    "jungle": pgettext_lazy("attribute value", "jungle"),
    "railways": pgettext_lazy("attribute value", "railways"),
    "farm": pgettext_lazy("attribute value", "farm"),
    "3-season": pgettext_lazy("attribute value", "3-season"),
    "4-season": pgettext_lazy("attribute value", "4-season"),
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


def label(name: str) -> str:
    """The attribute's name in the active language."""
    return str(LABELS.get(name, name.replace("_", " ")))


def value_text(value: Any) -> str:
    """An attribute value in the active language (lists joined, numbers localized)."""
    if isinstance(value, bool):
        return str(VALUES["yes" if value else "no"])
    if isinstance(value, int | float | Decimal):
        return formats.number_format(value, use_l10n=True)
    flag = as_bool(value)
    if flag is not None:
        return str(VALUES["yes" if flag else "no"])
    parts = [p.strip() for p in str(value).split(",") if p.strip()]
    return ", ".join(_one_value(p) for p in parts)


def _one_value(text: str) -> str:
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


def attribute_text(name: str, value: Any, code: str, *, currency: str = "") -> str:
    """``label: value`` of one fact in language ``code``."""
    with language(code):
        if name == "price":
            shown = price_text(Decimal(str(value)), currency or "EUR")
        elif name == "in_stock":
            shown = stock_text(bool(value))
        elif name == "brand":
            shown = str(value)
        else:
            shown = value_text(value)
        return pgettext("fact", "%(label)s: %(value)s") % {"label": label(name), "value": shown}
