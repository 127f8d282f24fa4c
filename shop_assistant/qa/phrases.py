"""Answer sentences, translated with Django's gettext (context ``"answer"``).

Every function returns text in the active language; callers wrap them in
:func:`shop_assistant.qa.vocabulary.language`. Quotations of evidence use the
language's quotation marks, so the answer's own words and the quoted product text
can be told apart (the evaluation measures the language of the former).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.utils.translation import pgettext

#: Opening and closing quotation marks used by the translations.
QUOTES = re.compile(r"“[^”]*”|„[^“]*“|«[^»]*»|「[^」]*」|『[^』]*』|\"[^\"]*\"")


def join(values: Sequence[str]) -> str:
    """``a, b and c`` in the active language."""
    values = [v for v in values if v]
    if len(values) <= 1:
        return "".join(values)
    return pgettext("answer", "%(items)s and %(last)s") % {
        "items": pgettext("answer", ", ").join(values[:-1]),
        "last": values[-1],
    }


def waterproof(flag: bool) -> str:
    if flag:
        return pgettext("answer", "Yes, it is waterproof.")
    return pgettext("answer", "No, it is not waterproof.")


def yes_no(flag: bool, fact: str) -> str:
    """A yes/no answer backed by the fact it comes from ("Yes (induction compatible: yes).")."""
    if flag:
        return pgettext("answer", "Yes (%(fact)s).") % {"fact": fact}
    return pgettext("answer", "No (%(fact)s).") % {"fact": fact}


def in_stock(flag: bool) -> str:
    if flag:
        return pgettext("answer", "Yes, it is in stock.")
    return pgettext("answer", "No, it is currently out of stock.")


def price(amount: str) -> str:
    return pgettext("answer", "It costs %(price)s.") % {"price": amount}


def brand(name: str) -> str:
    return pgettext("answer", "It is made by %(brand)s.") % {"brand": name}


def material(value: str, asked: str | None = None, matches: bool | None = None) -> str:
    if matches is True:
        return pgettext("answer", "Yes, it is made of %(material)s.") % {"material": value}
    if matches is False:
        text = pgettext("answer", "No, it is not made of %(asked)s; it is made of %(material)s.")
        return text % {"asked": asked, "material": value}
    return pgettext("answer", "It is made of %(material)s.") % {"material": value}


def colors(values: Sequence[str], asked: str | None = None, matches: bool | None = None) -> str:
    listed = join(values)
    if matches is True:
        return pgettext("answer", "Yes, it is available in %(color)s.") % {"color": asked}
    if matches is False:
        text = pgettext("answer", "No, it is not available in %(color)s; it comes in %(colors)s.")
        return text % {"color": asked, "colors": listed}
    if len(values) == 1:
        return pgettext("answer", "It comes in %(color)s.") % {"color": listed}
    return pgettext("answer", "It comes in these colors: %(colors)s.") % {"colors": listed}


def sizes(values: Sequence[str]) -> str:
    if len(values) == 1:
        return pgettext("answer", "Its size is %(size)s.") % {"size": values[0]}
    return pgettext("answer", "It is available in these sizes: %(sizes)s.") % {
        "sizes": join(values)
    }


def facts(texts: Sequence[str]) -> str:
    return pgettext("answer", "According to the product data: %(facts)s.") % {
        "facts": "; ".join(texts)
    }


def quote(kind: str, text: str) -> str:
    if kind == "faq":
        return pgettext("answer", "Our FAQ says: “%(quote)s”") % {"quote": text}
    if kind == "review":
        return pgettext("answer", "A customer review says: “%(quote)s”") % {"quote": text}
    if kind == "title":
        return pgettext("answer", "The product is described as: “%(quote)s”") % {"quote": text}
    return pgettext("answer", "The product description says: “%(quote)s”") % {"quote": text}


def products(items: Sequence[str]) -> str:
    return pgettext("answer", "These products match your question: %(products)s.") % {
        "products": "; ".join(items)
    }


def product_item(title: str, details: Sequence[str]) -> str:
    if not details:
        return pgettext("answer", "“%(title)s”") % {"title": title}
    return pgettext("answer", "“%(title)s” (%(details)s)") % {
        "title": title,
        "details": ", ".join(details),
    }


def refusal(catalog: bool) -> str:
    if catalog:
        return pgettext("answer", "Sorry, I could not find an answer to that in our catalog.")
    return pgettext("answer", "Sorry, the product information does not say.")
