"""Generated product pictures: one SVG per product, drawn from its category and colour.

The demo catalog has no photographs; a card without an image looks broken, so every
product gets a simple, recognisable picture: a symbol of its top category on a tint of its
colour. Pure function of the product, cached by the browser.
"""

from __future__ import annotations

from html import escape
from typing import Any

#: Fill colours of the demo's colour values (anything else: a neutral grey).
COLOURS = {
    "black": "#2b2b2b",
    "silver": "#b8bec6",
    "white": "#f4f4f2",
    "sand": "#d9c7a0",
    "olive": "#6b7a3a",
    "green": "#3f8f4f",
    "grey": "#8a8f96",
    "space grey": "#5d6168",
    "red": "#c8382f",
    "cream": "#efe6cf",
    "blue": "#2f6fc8",
    "copper": "#b8733f",
    "teal": "#2a8c8c",
    "pink": "#e58fb0",
    "navy": "#1f2f5a",
    "orange": "#e8842c",
    "yellow": "#e8c42c",
    "terracotta": "#c0603f",
    "burgundy": "#7a1f33",
    "brown": "#6e4a2f",
    "beige": "#e3d5b8",
}
DEFAULT_COLOUR = "#9aa3ad"

#: A symbol per top category (SVG path data on a 100×100 canvas).
SYMBOLS = {
    "clothing": "M30 20 L42 14 Q50 22 58 14 L70 20 L84 36 L74 44 L70 40 L70 86 L30 86 L30 40 "
    "L26 44 L16 36 Z",
    "footwear": "M14 62 L20 40 L38 44 Q46 56 62 58 L84 62 Q90 64 88 74 L14 74 Z",
    "kitchen": "M22 40 L78 40 L74 80 Q73 86 66 86 L34 86 Q27 86 26 80 Z M78 48 L90 48 L90 56 "
    "L77 56 Z M30 30 L70 30 L70 36 L30 36 Z",
    "electronics": "M20 24 L80 24 Q84 24 84 28 L84 66 Q84 70 80 70 L20 70 Q16 70 16 66 "
    "L16 28 Q16 24 20 24 Z M40 70 L60 70 L64 82 L36 82 Z",
    "outdoor": "M50 14 L86 84 L14 84 Z M50 44 L62 84 L38 84 Z",
    "home": "M50 16 L86 46 L78 46 L78 86 L22 86 L22 46 L14 46 Z",
    "beauty": "M40 30 L60 30 L60 40 L66 46 L66 86 L34 86 L34 46 L40 40 Z M44 16 L56 16 L56 30 "
    "L44 30 Z",
    "toys": "M20 20 L48 20 L48 48 L20 48 Z M52 20 L80 20 L80 48 L52 48 Z M36 52 L64 52 "
    "L64 80 L36 80 Z",
}
DEFAULT_SYMBOL = "M25 25 L75 25 L75 75 L25 75 Z"


def _luminance(hex_colour: str) -> float:
    red, green, blue = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def top_category(category: Any) -> str:
    """The slug of a category's root (``None``: empty)."""
    while category is not None and category.parent_id is not None:
        category = category.parent
    return category.slug if category is not None else ""


def product_svg(category_slug: str, colour: str, label: str = "") -> str:
    """An SVG picture: the category's symbol in the product's colour on a light tint."""
    fill = COLOURS.get(colour.strip().lower(), DEFAULT_COLOUR)
    stroke = "#ffffff" if _luminance(fill) < 0.35 else "#33373d"
    symbol = SYMBOLS.get(category_slug, DEFAULT_SYMBOL)
    title = escape(label or category_slug or "product")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" role="img" '
        f'aria-label="{title}"><title>{title}</title>'
        f'<rect width="100" height="100" fill="{fill}" opacity="0.18"/>'
        f'<path d="{symbol}" fill="{fill}" stroke="{stroke}" stroke-width="2" '
        'stroke-linejoin="round"/></svg>'
    )
