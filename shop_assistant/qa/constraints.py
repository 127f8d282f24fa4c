"""Price constraints in catalog-wide questions: "under 500 euros", "menos de 500 €",
"unter 500 Euro", "500ユーロ以下" become search filters, and leave the question.

A number counts as a price only next to a cue ("under", "hasta", "ab", "以下", ...)
and either a currency or the end of a clause, so "up to 4 people" stays a question
about four people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .text import normalize

_CURRENCY = (
    r"(?:€|\$|£|¥|ユーロ|円|ドル|欧元|美元|元|유로|달러|원|"
    r"(?:euros|euro|eur|dolares|dollars|dollar|usd|gbp|pounds|libras|евро|рублей|zlotych|zl)"
    r"(?!\w))"
)
_NUMBER = r"(\d{1,7}(?:[.,]\d{1,2})?)"
_AMOUNT = rf"(?:{_CURRENCY}\s*)?{_NUMBER}\s*(?P<cur>{_CURRENCY})?"
_END = r"(?=\s*(?:[?!.,;:¿¡?？。、]|$))"

_MAX_CUES = (
    r"under|below|less than|cheaper than|up to|at most|max(?:imum)?|no more than|"
    r"menos de|por debajo de|hasta|como maximo|maximo|inferior a|mas barato que|"
    r"unter|bis|weniger als|hochstens|maximal|billiger als|"
    r"moins de|en dessous de|jusqu'a|au plus|inferieur a|moins cher que|"
    r"sotto i|sotto|meno di|fino a|al massimo|"
    r"abaixo de|ate|no maximo|"
    r"onder|minder dan|tot|hoogstens|"
    r"ponizej|mniej niz|do|"
    r"до|меньше|дешевле|не дороже|"
    r"低于|不超过|少于|"
    r"미만|이하"
)
_MIN_CUES = (
    r"over|above|more than|at least|from|"
    r"mas de|por encima de|desde|como minimo|"
    r"uber|mehr als|ab|mindestens|"
    r"plus de|au moins|a partir de|"
    r"oltre|piu di|almeno|"
    r"acima de|pelo menos|"
    r"boven|meer dan|vanaf|"
    r"powyzej|wiecej niz|od|"
    r"от|больше|дороже|"
    r"高于|超过|"
    r"초과|이상"
)
_MAX_SUFFIX = r"以下|以内|未満|以下的|以内的|이하|미만"
_MIN_SUFFIX = r"以上|이상|초과"

_RANGE = re.compile(
    r"(?<!\w)(?:between|entre|zwischen|from|de|von|tra|da|tussen|od|от|从)\s*"
    rf"(?:{_CURRENCY}\s*)?{_NUMBER}\s*(?:{_CURRENCY})?\s*"
    r"(?:and|y|et|und|to|a|bis|e|en|do|до|到|-|–)\s*"
    rf"{_AMOUNT}"
)
_PREFIX_MAX = re.compile(rf"(?<!\w)(?:{_MAX_CUES})\s*{_AMOUNT}")
_PREFIX_MIN = re.compile(rf"(?<!\w)(?:{_MIN_CUES})\s*{_AMOUNT}")
_SUFFIX_MAX = re.compile(rf"{_AMOUNT}\s*(?:{_MAX_SUFFIX})")
_SUFFIX_MIN = re.compile(rf"{_AMOUNT}\s*(?:{_MIN_SUFFIX})")


@dataclass
class PriceConstraints:
    """Bounds found in a question, and the question without them."""

    min_price: Decimal | None = None
    max_price: Decimal | None = None
    rest: str = ""

    def is_empty(self) -> bool:
        return self.min_price is None and self.max_price is None


def _amount(match: re.Match[str], group: int = 1) -> Decimal:
    return Decimal(match.group(group).replace(",", "."))


def _is_price(match: re.Match[str], text: str, suffix: bool, group: int = 1) -> bool:
    """Currency given, or (for "under 500") nothing but punctuation follows."""
    if suffix or match.group("cur") or re.search(_CURRENCY, match.group(0)):
        return True
    return re.match(_END, text[match.end() :]) is not None


def parse_price(question: str) -> PriceConstraints:
    """Price bounds of ``question`` (accents and case ignored)."""
    text = normalize(question)
    found = PriceConstraints()
    spans: list[tuple[int, int]] = []
    for match in _RANGE.finditer(text):
        if _is_price(match, text, suffix=False, group=3):
            found.min_price = Decimal(match.group(1).replace(",", "."))
            found.max_price = _amount(match, group=2)
            spans.append(match.span())
            break
    for pattern, bound, suffix in (
        (_PREFIX_MAX, "max_price", False),
        (_SUFFIX_MAX, "max_price", True),
        (_PREFIX_MIN, "min_price", False),
        (_SUFFIX_MIN, "min_price", True),
    ):
        for match in pattern.finditer(text):
            overlaps = any(start < match.end() and match.start() < end for start, end in spans)
            if getattr(found, bound) is None and not overlaps and _is_price(match, text, suffix):
                setattr(found, bound, _amount(match))
                spans.append(match.span())
    # Cut the spans out of the original text when normalizing kept its length (accents
    # matter to the encoder), else out of the normalized text.
    original = " ".join(question.split())
    rest = original if len(original) == len(text) else text
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    found.rest = " ".join(rest.split()) if spans else question
    return found
