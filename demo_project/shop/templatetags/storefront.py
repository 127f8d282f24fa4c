"""Template filters of the demo storefront."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.translation import get_language_info

register = template.Library()


@register.filter
def text_direction(code: str) -> str:
    """``"rtl"`` for a language written right to left (Arabic), else ``"ltr"``.

    Takes Django codes ("zh-hans") and the shop's primary codes ("zh"), which Django's
    language info lacks, through the first ``settings.LANGUAGES`` code they stand for.
    """
    primary = str(code).lower().split("-", 1)[0]
    candidates = [str(code)] + [c for c, _name in settings.LANGUAGES if c.split("-")[0] == primary]
    for candidate in candidates:
        try:
            return "rtl" if get_language_info(candidate)["bidi"] else "ltr"
        except KeyError:
            continue
    return "ltr"


@register.filter
def attribute_label(key: str) -> str:
    """An attribute key as a label: "weight_g" → "Weight g"."""
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]
