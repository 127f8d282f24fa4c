"""What a shopper's message asks of the guide, in any of the 15 languages, with no LLM.

Pure text rules (no database, no encoder): price bounds (from :mod:`shop_assistant.qa
.constraints`), refinements ("cheaper", "in stock only", "not that brand", "more like the
second one"), comparisons over the products shown ("which is lighter?"), and ordinal
references ("the second one"). What the rules do not consume is the ``rest``: a new need
when it still says something, else the message only refined the conversation.
Attribute values ("in red", «en rojo») are matched to the catalog's own values by the
encoder in :mod:`.values`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from wordfreq import zipf_frequency

from ..core.scripts import is_unspaced
from ..qa.constraints import parse_price
from ..qa.crosslingual import without_particle
from ..qa.text import normalize

Direction = str  # "min" | "max"


def _cues(*words: str) -> re.Pattern[str]:
    """One pattern of cue words, normalized as messages are (case, accents, width).

    Words of spaced scripts match whole words only; CJK, kana, Hangul and Thai cues match
    anywhere (those scripts do not space their words).
    """
    alternatives = sorted({normalize(word) for word in words}, key=len, reverse=True)
    spaced = "|".join(re.escape(w) for w in alternatives if not any(map(is_unspaced, w)))
    unspaced = "|".join(re.escape(w) for w in alternatives if any(map(is_unspaced, w)))
    parts = [rf"(?<![^\W_])(?:{spaced})(?![^\W_])"] if spaced else []
    parts += [f"(?:{unspaced})"] if unspaced else []
    return re.compile("|".join(parts))


CHEAPER = _cues(
    "cheaper", "less expensive", "más barato", "más barata", "más económico", "billiger",
    "günstiger", "moins cher", "moins chère", "più economico", "meno caro", "mais barato",
    "goedkoper", "günstigeres", "billigeres", "tańsze", "tańszy", "tańsza", "дешевле",
    "もっと安い", "より安い", "安いもの",
    "更便宜", "便宜一点", "더 싼", "더 저렴한", "daha ucuz", "أرخص", "ถูกกว่า",
)
IN_STOCK = _cues(
    "in stock", "available now", "en stock", "disponible", "disponibles", "auf lager",
    "lieferbar", "disponibili", "disponibile", "em estoque", "disponível", "op voorraad",
    "dostępne", "dostępny", "в наличии", "在庫あり", "在庫のある", "有货", "现货", "재고 있는",
    "재고 있음", "stokta", "متوفر", "المتوفر", "มีสินค้า",
)
OTHER_BRAND = _cues(
    "not that brand", "another brand", "other brand", "different brand", "otra marca",
    "andere marke", "anderen marke", "autre marque", "altra marca", "outra marca",
    "ander merk", "inna marka", "innej marki", "другой бренд", "другого бренда",
    "別のブランド", "他のブランド", "其他品牌", "换个品牌", "别的品牌", "다른 브랜드",
    "başka marka", "farklı marka", "علامة أخرى", "ماركة أخرى", "ยี่ห้ออื่น",
)
MORE_LIKE = _cues(
    "more like", "similar to", "like the", "más como", "parecido al", "parecidos al",
    "similar al", "mehr wie", "ähnlich wie", "ähnliche wie", "plus comme", "comme le",
    "semblable au", "altri come", "simili al", "mais como", "parecido com", "meer zoals",
    "vergelijkbaar met", "więcej podobnych", "podobne do", "похожие на", "похожий на",
    "に似た", "みたいな", "类似", "像第", "비슷한", "benzer", "مثل", "คล้าย",
)
WHICH = _cues(
    "which", "cuál", "welches", "welcher", "welche", "lequel", "laquelle", "quel", "quelle",
    "quale", "qual", "welke", "który", "która", "które", "какой", "какая", "какие", "どれ",
    "どちら", "哪个", "哪一个", "哪款", "어느", "어떤", "hangisi", "أيها", "أي", "อันไหน",
    "ตัวไหน",
)
LIGHT = _cues(
    "lighter", "lightest", "weighs less", "weighs the least", "pesa menos", "más ligero",
    "más ligera", "leichter", "leichteste", "am leichtesten", "wiegt weniger",
    "plus léger", "plus légère", "pèse le moins", "pèse moins", "più leggero",
    "più leggera", "pesa meno", "mais leve", "lichter", "lichtst", "lżejszy", "lżejsza",
    "najlżejszy", "najlżejsza", "легче", "самый лёгкий", "самая лёгкая", "軽い", "最も軽い",
    "更轻", "最轻", "가벼운", "가장 가벼운", "daha hafif", "en hafif", "أخف", "เบากว่า",
    "เบาที่สุด",
)
HEAVY = _cues(
    "heavier", "heaviest", "pesa más", "más pesado", "más pesada", "schwerer",
    "schwerste", "plus lourd", "plus lourde", "più pesante", "mais pesado", "zwaarder",
    "zwaarst", "cięższy", "najcięższy", "тяжелее", "самый тяжёлый", "重い", "最も重い",
    "更重", "最重", "무거운", "가장 무거운", "daha ağır", "en ağır", "أثقل", "หนักที่สุด",
    "หนักกว่า",
)
CHEAPEST = _cues(
    "cheapest", "cheaper", "least expensive", "más barato", "más barata", "billigste",
    "billigsten", "günstigste", "günstigsten", "billiger", "le moins cher", "la moins chère",
    "moins cher", "più economico", "più economica", "mais barato", "mais barata",
    "goedkoopst", "goedkoopste", "goedkoper", "najtańszy", "najtańsza", "tańszy",
    "самый дешёвый", "самая дешёвая", "дешевле", "一番安い", "最も安い", "安い", "最便宜",
    "更便宜", "가장 싼", "더 싼", "가장 저렴한", "en ucuz", "daha ucuz", "الأرخص", "أرخص",
    "ถูกที่สุด", "ถูกกว่า",
)
PRICIEST = _cues(
    "most expensive", "more expensive", "priciest", "más caro", "más cara", "teuerste",
    "teurer", "le plus cher", "plus cher", "più caro", "mais caro", "duurder", "duurst",
    "najdroższy", "droższy", "самый дорогой", "дороже", "一番高い", "最も高い", "最贵",
    "更贵", "가장 비싼", "더 비싼", "en pahalı", "daha pahalı", "الأغلى", "أغلى",
    "แพงที่สุด", "แพงกว่า",
)

#: Ordinal references to the products shown: position (0-based) -> cue words.
ORDINALS: dict[int, re.Pattern[str]] = {
    0: _cues(
        "first", "1st", "primero", "primera", "erste", "ersten", "premier", "première",
        "primo", "prima", "primeiro", "primeira", "eerste", "pierwszy", "pierwsza",
        "pierwszego", "первый", "первая",
        "первому", "1つ目", "最初", "一番目", "第一", "첫 번째", "ilk", "ilkine", "birinci",
        "الأول", "الأولى", "อันแรก",
    ),
    1: _cues(
        "second", "2nd", "segundo", "segunda", "zweite", "zweiten", "deuxième", "second",
        "secondo", "seconda", "tweede", "drugi", "druga", "drugiego", "второй", "вторая",
        "второму", "2つ目", "二番目", "第二", "두 번째", "ikinci", "الثاني", "الثانية",
        "อันที่สอง", "ที่สอง",
    ),
    2: _cues(
        "third", "3rd", "tercero", "tercera", "dritte", "dritten", "troisième", "terzo",
        "terza", "terceiro", "terceira", "derde", "trzeci", "trzecia", "trzeciego", "третий",
        "третья", "третьему", "3つ目", "三番目", "第三", "세 번째", "üçüncü", "الثالث",
        "الثالثة", "อันที่สาม", "ที่สาม",
    ),
}

_QUESTION = re.compile(r"[?？؟]\s*$")
FILLER = _cues(
    # Words that carry no need of their own in a follow-up: "and in red?", "¿y en rojo?".
    "and", "also", "now", "then", "maybe", "please", "show", "me", "one", "ones", "only",
    "what", "about", "in", "the", "a", "an", "y", "en", "el", "la", "los", "las", "uno",
    "una", "solo", "sólo", "por favor", "und", "auch", "in", "der", "die", "das", "nur",
    "bitte", "et", "en", "le", "la", "les", "un", "une", "seulement", "e", "in", "il",
    "solo", "o", "a", "os", "as", "só", "apenas", "en", "de", "het", "alleen", "i", "w",
    "tylko", "и", "а", "в", "только", "ve", "da", "sadece", "و", "في", "فقط", "と", "で",
    "の", "は", "を", "も", "和", "的", "要", "只", "그리고", "로", "으로", "และ", "แค่",
    # "something", "more", "product(s)" and the like.
    "something", "anything", "more", "product", "products", "algo", "más", "producto",
    "productos", "etwas", "mehr", "produkt", "produkte", "quelque chose", "plus", "produit",
    "produits", "qualcosa", "altri", "altro", "prodotto", "prodotti", "mais", "produto",
    "produtos", "o", "iets", "meer", "coś", "więcej", "produkty", "что-нибудь", "что-то",
    "ещё", "еще", "товар", "товары", "bir şey", "başka", "daha", "ürün", "olanlar", "المزيد",
    "شيء", "منتج", "のもの", "もの", "商品", "更多", "个的", "一个", "东西", "것만", "것", "상품",
    "เฉพาะที่", "แบบที่", "สินค้า", "อัน",
    # "I'm looking for", "I need", "I want": the need is what follows.
    "looking for", "need", "want", "busco", "necesito", "quiero", "suche", "brauche",
    "möchte", "cherche", "besoin", "voudrais", "cerco", "serve", "vorrei", "procuro",
    "preciso", "quero", "zoek", "nodig", "wil", "szukam", "potrzebuję", "chcę", "ищу",
    "нужен", "нужна", "нужно", "нужны", "хочу", "arıyorum", "istiyorum", "أبحث", "أريد",
    "探しています", "欲しい", "我在找", "我想买", "我需要", "我想要", "찾고", "있어요", "필요해요",
    "원해요", "싶어요", "ต้องการ", "หา",
    # "colour": «a w kolorze srebrnym», «в серебристом цвете».
    "colour", "color", "colore", "colores", "couleur", "farbe", "cor", "kleur", "kolor",
    "kolorze", "цвет", "цвете", "цвета", "renk", "renkte", "لون", "色", "颜色", "색", "สี",
)


@dataclass
class Message:
    """What one message asks: constraint updates, a refinement, a comparison, a question."""

    text: str
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    cheaper: bool = False
    in_stock: bool = False
    other_brand: bool = False
    more_like: int | None = None  # position of the product shown to find more like
    ordinal: int | None = None  # a product shown the message points at
    compare: tuple[str, Direction] | None = None  # ("price" | "weight", "min" | "max")
    is_question: bool = False
    rest: str = ""  # the message without what the rules consumed
    language: str = ""  # when known, the language's most frequent words count as filler

    @property
    def content_words(self) -> int:
        """Words of the rest that name something (fillers and frequent words left out)."""
        words = words_of(FILLER.sub(" ", normalize(self.rest)))
        return sum(is_content(word, self.language) for word in words)

    @property
    def need(self) -> str:
        """What to search for: the message without its price and its fillers, as written
        ("Ich brauche ein Zelt zum Campen, unter 190 €" -> "zelt campen"); words that do
        not count as a need do not dilute the search's keyword match."""
        words = words_of(parse_price(self.text).rest.casefold())
        kept = [
            without_particle(word)  # Korean: "러닝화를" -> "러닝화"
            for word in words
            if not FILLER.fullmatch(normalize(word))
            and (is_content(normalize(word), self.language) or any(map(is_unspaced, word)))
        ]
        return " ".join(kept) or self.rest

    @property
    def has_need(self) -> bool:
        """Whether the rest still describes something to look for."""
        return self.content_words > 0

    @property
    def refines(self) -> bool:
        return bool(
            self.min_price is not None
            or self.max_price is not None
            or self.cheaper
            or self.in_stock
            or self.other_brand
            or self.more_like is not None
        )


#: A word: letters and digits with the combining marks of scripts that write vowels and
#: tones as marks (Thai «ของขวัญ», Arabic short vowels, Latin accents).
_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u064b-\u065f\u0670])+"
)


def words_of(text: str) -> list[str]:
    """The words of ``text``, punctuation left out."""
    return _WORD.findall(text)


def is_content(word: str, language: str = "") -> bool:
    if any(is_unspaced(char) for char in word):
        # Letters, not the vowel and tone marks written on them (Thai «นี้» is one letter).
        return sum(unicodedata.category(char) != "Mn" for char in word) >= 2
    if len(word) < 3 or word.isdigit():
        return False
    # Function words ("eine", "otra", "want", "please") are among a language's most
    # frequent; words that name things are rarer ("zelt" 4.0, "jacket" 4.3, "water" 5.5).
    if not language or language in _UNSPACED:
        return True
    return zipf_frequency(word, language) < FILLER_ZIPF


#: wordfreq's Zipf frequency from which a word counts as filler (10^5.6 per 10^9 words).
FILLER_ZIPF = 5.6
#: Languages wordfreq would segment with extra tokenizers (MeCab, jieba) it does not ship.
_UNSPACED = frozenset({"ja", "ko", "zh", "th"})


def understand(text: str, language: str = "") -> Message:
    """Read ``text`` (any served language; ``language`` when known) into a :class:`Message`."""
    price = parse_price(text)
    message = Message(
        text=text,
        language=language,
        min_price=price.min_price,
        max_price=price.max_price,
        is_question=bool(_QUESTION.search(text.strip())),
    )
    rest = normalize(price.rest)
    ordinal = _ordinal(rest)
    message.ordinal = ordinal
    if WHICH.search(rest) and (compare := _comparison(rest)) is not None:
        message.compare = compare
        return message
    flags = ((CHEAPER, "cheaper"), (IN_STOCK, "in_stock"), (OTHER_BRAND, "other_brand"))
    for pattern, flag in flags:
        if pattern.search(rest):
            setattr(message, flag, True)
            rest = pattern.sub(" ", rest)
    if MORE_LIKE.search(rest):
        message.more_like = ordinal if ordinal is not None else 0
        rest = MORE_LIKE.sub(" ", rest)
    if ordinal is not None:
        rest = ORDINALS[ordinal].sub(" ", rest)
    message.rest = " ".join(rest.split())
    return message


def _ordinal(text: str) -> int | None:
    for position, pattern in ORDINALS.items():
        if pattern.search(text):
            return position
    return None


def _comparison(text: str) -> tuple[str, Direction] | None:
    for pattern, what in (
        (LIGHT, ("weight", "min")),
        (HEAVY, ("weight", "max")),
        (PRICIEST, ("price", "max")),
        (CHEAPEST, ("price", "min")),
    ):
        if pattern.search(text):
            return what
    return None
