"""Answer sentences, translated with Django's gettext (context ``"answer"``).

Every function returns text in the active language; callers wrap them in
:func:`shop_assistant.qa.vocabulary.language`. Quotations of evidence use the
language's quotation marks, so the answer's own words and the quoted product text
can be told apart (the evaluation measures the language of the former).

A language without a catalog gets the sentences of Django's fallback (the catalog of
``settings.LANGUAGE_CODE``) or else the English msgids: :func:`written_language` says
which, so that an answer states the language it is actually written in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.conf import settings
from django.utils.translation import get_language, get_language_info, pgettext

from ..core.errors import UnknownLanguage
from ..language import normalize_language, primary_code
from .vocabulary import django_language, language

#: Opening and closing quotation marks used by the translations: “…” (en, ko, nl, pt, th,
#: tr, zh), „…“ (de), „…” (pl), «…» (es, fr, it, ru, ar), 「…」 (ja), and straight quotes.
QUOTES = re.compile(r"“[^”]*”|„[^“”]*[“”]|«[^»]*»|「[^」]*」|『[^』]*』|\"[^\"]*\"")


#: The language of the msgids, i.e. of every sentence no catalog translates.
SOURCE_LANGUAGE = "en"
#: A sentence every catalog of answer templates translates, used to tell which one is used.
_PROBE = ("answer", "Sorry, the product information does not say.")


def written_language(code: str) -> str:
    """The language answer sentences come out in when language ``code`` is asked for.

    ``code`` itself when a catalog (shop_assistant's, or one in the project's
    ``LOCALE_PATHS``) translates the answer templates into it; otherwise the language
    Django falls back to, ``settings.LANGUAGE_CODE``, when that one has them; otherwise
    English, the language of the msgids.
    """
    if primary_code(code) == SOURCE_LANGUAGE:
        return code
    with language(code):
        text = pgettext(*_PROBE)
    if text == _PROBE[1]:
        return SOURCE_LANGUAGE
    default = settings.LANGUAGE_CODE
    if primary_code(default) != primary_code(code):
        with language(default):
            if pgettext(*_PROBE) == text:
                return _shop_code(default)
    return code


def _shop_code(code: str) -> str:
    """The shop's code for a Django language code ("zh-hans" -> "zh")."""
    try:
        return normalize_language(code)
    except UnknownLanguage:
        return primary_code(code)


def join(values: Sequence[str]) -> str:
    """``a, b and c`` in the active language."""
    values = [v for v in values if v]
    if len(values) <= 1:
        return "".join(values)
    return pgettext("answer", "%(items)s and %(last)s") % {
        "items": pgettext("answer", ", ").join(values[:-1]),
        "last": values[-1],
    }


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


def quoted(text: str) -> str:
    """``text`` between the active language's quotation marks (source text in another
    language: no machine translation is available offline)."""
    return pgettext("answer", "“%(title)s”") % {"title": text}


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


def extreme(lowest: bool, attribute: str, product: str) -> str:
    """The product with the lowest / highest value of an attribute."""
    if lowest:
        text = pgettext("answer", "Lowest %(attribute)s: %(product)s.")
    else:
        text = pgettext("answer", "Highest %(attribute)s: %(product)s.")
    return text % {"attribute": attribute, "product": product}


def compared(items: Sequence[str]) -> str:
    return pgettext("answer", "Compared: %(products)s.") % {"products": "; ".join(items)}


#: Languages that write language names in lower case ("cita en inglés").
_LOWERCASE_NAMES = frozenset({"es", "fr", "it", "pt", "pl", "ru"})


def source_language(code: str) -> str:
    """Says that a quotation is in language ``code`` and stays untranslated."""
    try:
        name = str(get_language_info(django_language(code))["name_translated"])
    except KeyError:
        name = code
    name = re.sub(r"\s*[(（].*?[)）]", "", name)  # "英語(米国)" -> "英語"
    if primary_code(get_language() or "") in _LOWERCASE_NAMES:
        name = name.lower()
    text = pgettext("answer", "(quoted in %(language)s; no machine translation is available)")
    return text % {"language": name}


def refusal(catalog: bool) -> str:
    if catalog:
        return pgettext("answer", "Sorry, I could not find an answer to that in our catalog.")
    return pgettext("answer", "Sorry, the product information does not say.")
