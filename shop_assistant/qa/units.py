"""Numeric attribute values with their units, so that products can be compared.

A value is a number (``340``), or a string holding one and maybe a unit (``"1,2 kg"``);
the unit comes from the value, else from the attribute key's suffix (``net_weight_g``) or
its label ("Weight (kg)"). Quantities are converted to a base unit per dimension (grams,
millimetres, millilitres, minutes ...), and only quantities of one dimension compare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

#: unit -> (dimension, factor to the dimension's base unit)
UNITS: dict[str, tuple[str, float]] = {
    "mg": ("mass", 0.001), "g": ("mass", 1.0), "kg": ("mass", 1000.0),
    "lb": ("mass", 453.592), "lbs": ("mass", 453.592), "oz": ("mass", 28.3495),
    "gsm": ("area mass", 1.0),
    "mm": ("length", 1.0), "cm": ("length", 10.0), "m": ("length", 1000.0),
    "in": ("length", 25.4), "inch": ("length", 25.4), "inches": ("length", 25.4),
    "ml": ("volume", 1.0), "cl": ("volume", 10.0), "l": ("volume", 1000.0),
    "s": ("time", 1 / 60), "min": ("time", 1.0), "h": ("time", 60.0),
    "hours": ("time", 60.0), "days": ("time", 1440.0),
    "w": ("power", 1.0), "kw": ("power", 1000.0),
    "mah": ("charge", 1.0), "gb": ("storage", 1.0), "tb": ("storage", 1000.0),
}
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
_UNIT_IN_TEXT = re.compile(r"[(\[（]\s*([a-zA-Z]+)\s*[)\]）]|\b([a-zA-Z]+)\s*$")


@dataclass(frozen=True)
class Quantity:
    """A comparable amount: ``amount`` in the base unit of ``dimension`` ("" if unitless)."""

    amount: float
    dimension: str


def _unit(text: str) -> str | None:
    for match in _UNIT_IN_TEXT.finditer(text.strip()):
        unit = (match.group(1) or match.group(2) or "").lower()
        if unit in UNITS:
            return unit
    return None


def key_unit(key: str, label: str = "") -> str | None:
    """The unit named by a key's suffix ("net_weight_g" -> "g") or a label ("Weight (kg)")."""
    suffix = re.split(r"[_\-\s]+", key.lower())[-1]
    if suffix in UNITS and "_" in key:
        return suffix
    return _unit(label) if label else None


def quantity(value: Any, key: str = "", label: str = "") -> Quantity | None:
    """``value`` as a :class:`Quantity`, or None when it holds no single number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        amount, unit = float(value), None
    else:
        text = str(value).strip()
        numbers = _NUMBER.findall(text)
        if len(numbers) != 1:
            return None
        amount = float(numbers[0].replace(",", "."))
        unit = _unit(_NUMBER.sub(" ", text))
    unit = unit or key_unit(key, label)
    if unit is None:
        return Quantity(amount, "")
    dimension, factor = UNITS[unit]
    return Quantity(amount * factor, dimension)
