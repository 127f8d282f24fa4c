"""Price constraints in catalog-wide questions: "under 500 euros", "menos de 500 €",
"unter 500 Euro", "500ユーロ以下", «320유로 이하로», «30万円以内», «ไม่เกิน 500 บาท»,
«بأقل من ٥٠٠ يورو», "budget 80 €", "between 50 and 100 $" become search filters, and
leave the question.

A number counts as a price only next to a cue ("under", "hasta", "ab", "以下", ...)
and either a currency or the end of a clause, so "up to 4 people" stays a question
about four people. Cues that follow the amount in the shopper's word order (Japanese
"以下", Korean "까지", Turkish "altında", "100 € or less") are read as well as those
that precede it. Amounts may be written with thousands separators ("1.299,99 €",
"$1,299"), the CJK multipliers 万 / 만 / 千 / 천 ("3万円", "15만원"), Han numerals
("两千元") or Arabic-Indic and Thai digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .text import normalize


# -- amounts ------------------------------------------------------------------------------
def _n(words: str) -> str:
    """Cue words written as :func:`normalize` leaves a message («рублей» -> "рублеи",
    Thai's sara am decomposed): the patterns below match normalized text."""
    return normalize(words)


#: Currency symbols and names, as :func:`normalize` writes them (case-folded, no accents).
_CURRENCY_SYMBOLS = r"r\$|us\$|€|\$|£|¥|₩|₽|₺|฿|₹"
_CURRENCY_UNSPACED = _n(
    r"ユーロ|円|ドル|ウォン|ポンド|バーツ|リラ|ルーブル|卢布|泰铢|里拉|루블|바트|리라|人民元|欧元|美元|英镑|日元|韩元|人民币|元|块|塊|欧|"
    r"유로|달러|원|엔|위안|파운드|บาท|ยูโร|ดอลลาร์"
)
_CURRENCY_WORDS = _n(
    r"euros|euro|eur|dollars|dollar|dolares|dolar|usd|us dollars|gbp|pounds|pound|"
    r"sterling|libras|libra|yen|yuan|rmb|cny|won|krw|baht|thb|jpy|reais|real|brl|"
    r"zlotych|zlote|zloty|złotych|złote|złoty|zł|zl|pln|liras|lira|tl|chf|francs|franken|"
    r"kr|sek|nok|dkk|rub|руб|рублей|рубля|рубль|р|евро|долларов|доллара|доллар|юаней|иен|"
    r"يورو|دولارات|دولار|ريالات|ريال|دراهم|درهم|جنيهات|جنيه|ليرة|دينار"
)
_CURRENCY = (
    rf"(?:{_CURRENCY_SYMBOLS}|{_CURRENCY_UNSPACED}|"
    rf"(?<![^\W\d_])(?:{_CURRENCY_WORDS})\.?(?![^\W\d_]))"
)
#: 1299 · 1.299,99 · 1,299.99 · 1 299 · 12,5 · 3万 · 1万5千 · 15만 · 2k · 两千
_HAN_DIGITS = "零〇一二两兩三四五六七八九十百千万萬"
_DIGITS = r"\d{1,3}(?:[.,'\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
#: "1 299 €": a plain space separates thousands only before a currency.
_SPACED_THOUSANDS = r"\d{1,3}(?: \d{3})+(?:[.,]\d{1,2})?"
_MULTIPLIER = r"万|萬|만|千|천|k(?![^\W\d_])"
_NUMBER = (
    rf"{_SPACED_THOUSANDS}(?=\s?(?:{_CURRENCY}))"
    rf"|(?:{_DIGITS})(?:\s?(?:{_MULTIPLIER})(?:\s?\d+\s?(?:千|천|百|백))?)?"
    rf"|[{_HAN_DIGITS}]+(?=\s?(?:{_CURRENCY}|以下|以内|以上))"
)


def _amount_pattern(name: str) -> str:
    """An amount, its number in group ``name`` and a following currency in ``name_cur``."""
    return rf"(?:(?:{_CURRENCY})\s?)?(?P<{name}>{_NUMBER})\s?(?P<{name}_cur>{_CURRENCY})?"


_AMOUNT = _amount_pattern("n")
#: The end of a clause: what may follow "under 500" for 500 to be a price.
_END = r"(?=\s*(?:[?!.,;:¿¡？！。、،؟)\]-]|$))"

# -- cues ---------------------------------------------------------------------------------
# Words of spaced scripts, normalized (no accents, case-folded), matched as whole words.
_MAX_BEFORE = _n(
    r"under|below|less than|for less than|cheaper than|up to|at most|no more than|"
    r"not more than|within|maximum|max|"
    r"menos de|por menos de|por debajo de|hasta|como maximo|maximo|inferior a|"
    r"mas barato que|mas barata que|no mas de|"
    r"unter|unterhalb von|bis zu|bis|weniger als|hochstens|maximal|billiger als|"
    r"nicht mehr als|nicht uber|"
    r"moins de|pour moins de|en dessous de|au-dessous de|jusqu'a|jusqu’a|au plus|"
    r"inferieur a|moins cher que|pas plus de|"
    r"sotto i|sotto|meno di|fino a|al massimo|massimo|non piu di|entro i|entro|"
    r"inferiore a|"
    r"abaixo de|ate|no maximo|por menos de|nao mais de|nao mais que|mais barato que|"
    r"onder|minder dan|tot|hoogstens|maximaal|niet meer dan|goedkoper dan|"
    r"ponizej|mniej niz|za mniej niz|w cenie do|do|maksymalnie|maks|nie wiecej niz|"
    r"najwyzej|tansze niz|tanszy niz|tansza niz|"
    r"до|меньше|дешевле|не дороже|не более|не больше|максимум|ниже|менее|в пределах|"
    r"en fazla|en cok|maksimum|azami|"
    r"بأقل من|باقل من|أقل من|اقل من|لا يزيد عن|لا يتجاوز|بحد أقصى|بحد اقصى|أرخص من|"
    r"ارخص من|في حدود|حتى|تحت|دون"
)
# Cues of unspaced scripts: they may touch the words around them.
_MAX_BEFORE_UNSPACED = _n(
    r"ราคาไม่เกิน|ไม่เกิน|ต่ำกว่า|น้อยกว่า|ถูกกว่า|ไม่แพงกว่า|"
    r"不超过|不高于|低于|少于|不到|最多|最高|最大|上限|최대"
)
_MIN_BEFORE = _n(
    r"over|above|more than|at least|from|starting at|minimum|min|"
    r"mas de|por encima de|desde|como minimo|minimo|superior a|a partir de|"
    r"uber|mehr als|ab|mindestens|oberhalb von|"
    r"plus de|au moins|a partir de|au-dessus de|superieur a|"
    r"oltre|piu di|almeno|a partire da|sopra i|superiore a|"
    r"acima de|pelo menos|mais de|no minimo|"
    r"boven|meer dan|vanaf|minstens|minimaal|"
    r"powyzej|ponad|wiecej niz|od|co najmniej|"
    r"от|больше|дороже|не дешевле|не менее|минимум|выше|более|свыше|"
    r"en az|"
    r"أكثر من|اكثر من|على الأقل|على الاقل|لا يقل عن|ابتداء من|فوق"
)
_MIN_BEFORE_UNSPACED = _n(r"มากกว่า|ตั้งแต่|อย่างน้อย|高于|超过|至少|不低于|最少|最低|최소")
# Cues after the amount. Strong ones (CJK, Thai) make any number before them a price;
# the words of spaced scripts need a currency ("100 € or less", not "4 or less").
_MAX_AFTER_STRONG = _n(
    r"以下|以内|之内|未満|まで|以下的|以内的|内|이하|미만|이내|까지|안쪽|아래|ลงไป|ไม่เกิน"
)
_MAX_AFTER = _n(
    r"or less|or under|or below|max|maximum|tops|o menos|como maximo|ou menos|no maximo|"
    r"au maximum|maximum|ou moins|oder weniger|hochstens|maximal|o meno|al massimo|"
    r"of minder|maximaal|lub mniej|maksymalnie|maks|или меньше|или дешевле|максимум|"
    r"altında|altinda|altı|alti|ve altı|ve alti|veya daha az|kadar|أو أقل|او اقل|"
    r"كحد أقصى|كحد اقصى|فما دون|"
    r"หรือน้อยกว่า|หรือต่ำกว่า"
)
_MIN_AFTER_STRONG = _n(r"以上|超|起|이상|초과|부터|넘는|넘게|ขึ้นไป")
_MIN_AFTER = _n(
    r"or more|and up|and above|plus|y mas|o mas|ou mais|et plus|ou plus|oder mehr|"
    r"und mehr|aufwarts|o piu|e oltre|of meer|en meer|lub wiecej|i wiecej|или больше|"
    r"и выше|и более|au minimum|mindestens|ve üzeri|ve uzeri|üzeri|uzeri|ustu|üstü|"
    r"فما فوق|أو أكثر|او اكثر|หรือมากกว่า"
)
#: Turkish case endings on the amount: «150 TL'ye kadar», «150 TL'den ucuz».
_MAX_AFTER_SUFFIXED = _n(r"['’](?:ye|ya|e|a) kadar|['’](?:den|dan|ten|tan) (?:az|ucuz|dusuk)")
_MIN_AFTER_SUFFIXED = _n(r"['’](?:den|dan|ten|tan) (?:fazla|pahali|yuksek)")
#: Particles and words that may follow a cue after the amount, taken out with it
#: («이하로», «以下で», «以内的»).
_TRAIL = _n(r"(?:으로|로|에서|짜리|정도|の|で|的)?")
#: "budget 80 €", «presupuesto de 80 €», «予算は150ユーロ», «예산은 15만원»: a ceiling.
_BUDGET = _n(
    r"(?:budget|presupuesto|orcamento|bilancio|budzet|бюджет|butce|bütçe|ميزانيتي|ميزانية|"
    r"予算|预算|예산|งบประมาณ|งบ)"
    r"(?:\s?(?:is|of|de|di|da|do|van|von|ist|est|es|e|é|je|sera|составляет|wynosi|около|примерно|about|around|"
    r"roughly|circa|ca|environ|unos|cerca de|ungefahr|etwa|は|是|为|은|는|이|:|-)\s?){0,3}"
)
_RANGE_PREFIX = _n(r"between|entre|zwischen|von|tra|fra|da|tussen|od|от|من|ระหว่าง|从|在")
_RANGE_JOIN = _n(
    r"-|–|—|~|〜|to|and|y|et|und|bis|a|à|e|en|tot|do|i|до|и|到|至|和|与|から|에서|ile|"
    r"و|ถึง|และ"
)
_RANGE_TAIL = _n(r"(?:\s?(?:사이|之间|の間|arası|arasi|arasında|arasinda))?")


def _spaced(words: str) -> str:
    return rf"(?<![^\W\d_])(?:{words})(?![^\W\d_])"


_RANGE = re.compile(
    rf"(?:{_spaced(_RANGE_PREFIX)}\s?)?{_amount_pattern('lo')}\s?"
    rf"(?:{_RANGE_JOIN})\s?{_amount_pattern('n')}{_RANGE_TAIL}"
)
_BEFORE_MAX = re.compile(
    rf"(?:{_spaced(_MAX_BEFORE)}\.?|{_MAX_BEFORE_UNSPACED}|{_BUDGET})\s?{_AMOUNT}"
)
_BEFORE_MIN = re.compile(rf"(?:{_spaced(_MIN_BEFORE)}\.?|{_MIN_BEFORE_UNSPACED})\s?{_AMOUNT}")
_AFTER_MAX = re.compile(
    rf"{_AMOUNT}(?:\s?(?P<strong>{_MAX_AFTER_STRONG})|\s?{_spaced(_MAX_AFTER)}|"
    rf"{_MAX_AFTER_SUFFIXED}){_TRAIL}"
)
_AFTER_MIN = re.compile(
    rf"{_AMOUNT}(?:\s?(?P<strong>{_MIN_AFTER_STRONG})|\s?{_spaced(_MIN_AFTER)}|"
    rf"{_MIN_AFTER_SUFFIXED}){_TRAIL}"
)

#: Arabic-Indic, Persian and Thai digits (and the Arabic separators) as ASCII.
_ASCII_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹๐๑๒๓๔๕๖๗๘๙٫٬", "012345678901234567890123456789.,"
)


@dataclass
class PriceConstraints:
    """Bounds found in a question, and the question without them."""

    min_price: Decimal | None = None
    max_price: Decimal | None = None
    rest: str = ""

    def is_empty(self) -> bool:
        return self.min_price is None and self.max_price is None


def amount_value(text: str) -> Decimal | None:
    """The value of an amount as written: "1.299,99" -> 1299.99, "1,299" -> 1299,
    "3万" -> 30000, "1万5千" -> 15000, "15만" -> 150000, "2k" -> 2000, "两千" -> 2000."""
    text = text.translate(_ASCII_DIGITS).strip()
    if re.fullmatch(_SPACED_THOUSANDS, text):
        text = text.replace(" ", "")
    if text and all(char in _HAN_DIGITS for char in text):
        return _han_number(text)
    match = re.match(rf"({_DIGITS})\s?(?:({_MULTIPLIER})(?:\s?(\d+)\s?(千|천|百|백))?)?$", text)
    if match is None:
        return None
    number = _plain_number(match.group(1))
    if number is None:
        return None
    scale = {"万": 10000, "萬": 10000, "만": 10000, "千": 1000, "천": 1000, "k": 1000}
    if match.group(2):
        number *= scale[match.group(2)]
    if match.group(3):
        unit = {"千": 1000, "천": 1000, "百": 100, "백": 100}[match.group(4)]
        number += Decimal(match.group(3)) * unit
    return number


def _plain_number(text: str) -> Decimal | None:
    digits = re.sub(r"[\s'\u00a0\u202f]", "", text)
    separators = [char for char in digits if char in ".,"]
    if separators:
        last = digits.rfind(separators[-1])
        decimals = len(digits) - last - 1
        if len(set(separators)) == 2 or (len(separators) == 1 and decimals != 3):
            # "1.299,99" / "1,299.99" / "12,5": the last separator is the decimal point.
            digits = re.sub(r"[.,]", "", digits[:last]) + "." + digits[last + 1 :]
        else:  # "1,299", "1.000.000": thousands
            digits = re.sub(r"[.,]", "", digits)
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _han_number(text: str) -> Decimal | None:
    """A number written in Han numerals ("两千五百" -> 2500, "三万" -> 30000)."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
    units = {"十": 10, "百": 100, "千": 1000}
    total = section = digit = 0
    for char in text:
        if char in digits:
            digit = digits[char]
        elif char in units:
            section += (digit or 1) * units[char]
            digit = 0
        else:  # 万 / 萬
            total += (section + digit) * 10000
            section = digit = 0
    value = total + section + digit
    return Decimal(value) if value else None


def _is_price(match: re.Match[str], text: str) -> bool:
    """Currency given, or (for "under 500") nothing but punctuation follows."""
    if re.search(_CURRENCY, match.group(0)):
        return True
    return re.match(_END, text[match.end() :]) is not None


def _is_bound(match: re.Match[str], text: str) -> bool:
    """A cue before the amount: :func:`_is_price`. A cue after it: a CJK or Thai one
    («100以下») makes any number a price, a word ("or less") needs a currency."""
    if "strong" not in match.re.groupindex:
        return _is_price(match, text)
    return bool(match.group("strong")) or re.search(_CURRENCY, match.group(0)) is not None


def parse_price(question: str) -> PriceConstraints:
    """Price bounds of ``question`` (accents and case ignored)."""
    text = normalize(question).translate(_ASCII_DIGITS)
    found = PriceConstraints()
    spans: list[tuple[int, int]] = []
    for match in _RANGE.finditer(text):
        low, high = amount_value(match.group("lo")), amount_value(match.group("n"))
        if low is not None and high is not None and low < high and _is_price(match, text):
            found.min_price, found.max_price = low, high
            spans.append(match.span())
            break
    for pattern, bound in (
        (_BEFORE_MAX, "max_price"),
        (_AFTER_MAX, "max_price"),
        (_BEFORE_MIN, "min_price"),
        (_AFTER_MIN, "min_price"),
    ):
        for match in pattern.finditer(text):
            if getattr(found, bound) is not None:
                break
            if any(start < match.end() and match.start() < end for start, end in spans):
                continue
            value = amount_value(match.group("n"))
            if value is not None and _is_bound(match, text):
                setattr(found, bound, value)
                spans.append(match.span())
    # Cut the spans out of the original text when normalizing kept its length (accents
    # matter to the encoder), else out of the normalized text.
    original = " ".join(question.split())
    rest = original if len(original) == len(text) else text
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    found.rest = " ".join(rest.split()) if spans else question
    return found
