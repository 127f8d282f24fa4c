"""Attribute questions in many languages: "is it waterproof?", "¿qué colores hay?", "在庫は?".

An :class:`Intent` names the structured fields that answer a question. Detection is a
multilingual keyword match on the normalized question (:func:`~shop_assistant.qa.text.normalize`),
independent of the detected language, so a short or mixed-language question still works.
Words are matched as prefixes at a word start ("colors", "colores", "Farben"); CJK words
as substrings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from .text import normalize

#: Facets of the catalog entry (not attributes) that intents can ask about.
FACET_FIELDS = frozenset({"price", "in_stock", "brand"})


@dataclass(frozen=True)
class IntentSpec:
    name: str
    fields: tuple[str, ...]  # attribute keys or facets, first present one answers
    words: tuple[str, ...]  # multilingual cue words/phrases


# Order matters only for ties: the intent whose cue appears first in the question wins.
SPECS: tuple[IntentSpec, ...] = (
    IntentSpec(
        "waterproof",
        ("waterproof", "water_resistant", "water_resistance"),
        (
            "waterproof", "water-resistant", "water resistant", "water repellent", "rainproof",
            "impermeable", "resistente al agua", "wasserdicht", "wasserfest", "wasserabweisend",
            "etanche", "impermeabil", "a prova d'agua", "waterdicht", "wodoodporn",
            "nieprzemakaln", "водонепроница", "непромока", "防水", "방수",
        ),
    ),
    IntentSpec(
        "color",
        ("color", "colour", "colors"),
        (
            "color", "colour", "farbe", "couleur", "colore", "colori", "cor ", "cores", "kleur",
            "kolor", "цвет", "色", "カラー", "颜色", "顏色", "색상", "색깔",
        ),
    ),
    IntentSpec(
        "size",
        ("size", "sizes"),
        (
            "size", "sizes", "talla", "tallas", "grosse", "groesse", "taille", "taglia",
            "taglie", "tamanho", "maat", "maten", "rozmiar", "размер", "サイズ", "尺码", "尺碼",
            "사이즈",
        ),
    ),
    IntentSpec(
        "material",
        ("material", "materials", "fabric"),
        (
            "material", "made of", "made from", "fabric", "hecho de", "fabricad", "tejido",
            "de que esta hecho", "aus was", "stoff", "hergestellt aus", "matiere", "materiau",
            "en quoi", "fait en", "tissu", "materiale", "fatto di", "tessuto", "feito de",
            "tecido", "materiaal", "gemaakt van", "materia", "wykonan", "z czego",
            "материал", "сделан", "из чего", "素材", "材質", "材质", "材料", "面料", "소재",
            "재질",
        ),
    ),
    IntentSpec(
        "price",
        ("price",),
        (
            "price", "cost", "how much is", "how much does it cost", "expensive", "cheap",
            "precio", "cuesta", "cuanto vale", "caro", "barato", "preis", "kostet", "teuer",
            "billig", "prix", "coute", "combien ca", "cher", "prezzo", "costa", "quanto costa",
            "preco", "custa", "prijs", "kost ", "duur", "cena", "kosztuje", "ile kosztuje",
            "цена", "стоит", "сколько стоит", "値段", "価格", "いくら", "价格", "價格",
            "多少钱", "多少錢", "价钱", "가격", "얼마",
        ),
    ),
    IntentSpec(
        "stock",
        ("in_stock",),
        (
            "in stock", "out of stock", "sold out", "availab", "en stock", "disponib",
            "existencias", "agotado", "auf lager", "lieferbar", "verfugbar", "vorratig",
            "ausverkauft", "rupture", "in magazzino", "esaurito", "em estoque", "esgotado",
            "op voorraad", "leverbaar", "beschikbaar", "dostepn", "w magazynie",
            "в наличии", "наличи", "在庫", "有货", "有貨", "库存", "庫存", "现货", "現貨",
            "재고",
        ),
    ),
    IntentSpec(
        "brand",
        ("brand",),
        (
            "brand", "manufacturer", "who makes", "marca", "fabricante", "marke", "hersteller",
            "marque", "fabricant", "produttore", "merk", "fabrikant", "producent", "бренд",
            "производител", "ブランド", "メーカー", "品牌", "牌子", "브랜드", "제조사",
        ),
    ),
    IntentSpec(
        "noise_cancelling",
        ("noise_cancelling",),
        (
            "noise cancel", "noise-cancel", "anc", "cancelacion de ruido", "cancelacion activa",
            "gerauschunterdruck", "noise-cancelling", "reduction de bruit", "reduction active",
            "ノイズキャンセ", "ノイキャン", "降噪", "노이즈 캔슬링",
        ),
    ),
    IntentSpec(
        "noise",
        ("noise_db",),
        (
            "noise", "loud", "quiet", "decibel", "db", "ruido", "ruidoso", "silencios", "laut",
            "leise", "gerausch", "bruit", "bruyant", "silencieu", "騒音", "静か", "運転音",
            "噪音", "安静", "声音", "소음", "조용",
        ),
    ),
    IntentSpec(
        "induction",
        ("induction",),
        ("induction", "induccion", "induktion", "ih対応", "ih", "電磁調理器", "电磁炉", "인덕션"),
    ),
    IntentSpec(
        "wireless",
        ("wireless",),
        (
            "wireless", "bluetooth", "inalambric", "kabellos", "sans fil", "ワイヤレス", "無線",
            "无线", "蓝牙", "무선",
        ),
    ),
    IntentSpec(
        "battery",
        ("battery_h", "battery_days"),
        (
            "battery", "batteries", "bateria", "autonomia", "akku", "batterie", "autonomie",
            "バッテリー", "電池", "电池", "续航", "배터리",
        ),
    ),
    IntentSpec(
        "power",
        ("wattage",),
        (
            "watt", "wattage", "power", "potencia", "leistung", "puissance", "ワット",
            "消費電力", "功率", "전력",
        ),
    ),
    IntentSpec(
        "people",
        ("persons", "players"),
        (
            "how many people", "persons", "person", "people", "players", "sleeps", "personas",
            "jugadores", "personen", "spieler", "personnes", "joueurs", "人用", "何人", "几个人",
            "几人", "人数", "玩家", "명",
        ),
    ),
    IntentSpec(
        "place_settings",
        ("place_settings",),
        (
            "place setting", "servicios", "cubiertos", "massgedeck", "couverts", "人分",
            "套餐具",
        ),
    ),
    IntentSpec(
        "season",
        ("season",),
        (
            "season", "winter", "temporada", "invierno", "jahreszeit", "saison", "hiver",
            "シーズン", "冬", "季节", "四季",
        ),
    ),
    IntentSpec(
        "dimensions",
        ("dimensions", "width_cm", "height_cm", "diameter_cm", "case_mm"),
        (
            "dimension", "how big", "how large", "how wide", "how tall", "how high", "width",
            "height", "diameter", "medidas", "ancho", "altura", "diametro", "abmessung",
            "wie gross", "wie hoch", "wie breit", "breite", "hohe", "durchmesser", "mesures",
            "largeur", "hauteur", "diametre", "misure", "dimensioni", "afmeting", "wymiar",
            "габарит", "寸法", "大きさ", "高さ", "直径", "尺寸", "大小", "多高", "多宽",
            "치수", "크기",
        ),
    ),
    IntentSpec(
        "screen",
        ("screen_in",),
        ("screen", "display", "pantalla", "bildschirm", "ecran", "画面", "ディスプレイ", "屏幕"),
    ),
    IntentSpec(
        "storage",
        ("storage_gb",),
        (
            "storage", "gb", "almacenamiento", "speicher", "stockage", "ストレージ", "存储",
            "内存",
        ),
    ),
    IntentSpec(
        "capacity",
        ("capacity_l", "volume_ml", "capacity_ml", "capacity", "capacity_cups"),
        (
            "capacity", "how many liters", "how many litres", "litre", "liter", "volume",
            "how much does it hold", "cups", "capacidad", "litros", "tazas", "fassungsvermogen",
            "kapazitat", "volumen", "tassen", "fasst", "capacite", "contenance", "tasses",
            "capacita", "capacidade", "inhoud", "pojemnosc", "объем", "вместимост", "容量",
            "容積", "何リットル", "几升", "多少升", "용량",
        ),
    ),
    IntentSpec(
        "weight",
        ("weight_kg", "weight_g", "weight"),
        (
            "weight", "weigh", "heavy", "peso", "pesa", "gewicht", "wiegt", "schwer", "poids",
            "pese", "lourd", "weegt", "waga", "wazy", "вес", "весит", "重さ", "重量", "多重",
            "무게",
        ),
    ),
    IntentSpec(
        "dimmable",
        ("dimmable",),
        (
            "dimmable", "dimmer", "regulable", "regular la intensidad", "dimmbar",
            "dimmen", "variateur", "intensite", "調光", "调光", "밝기",
        ),
    ),
    IntentSpec(
        "bulb",
        ("bulb",),
        (
            "bulb", "bombilla", "leuchtmittel", "gluhbirne", "birne", "ampoule", "電球",
            "灯泡", "전구",
        ),
    ),
    IntentSpec(
        "skin_type",
        ("skin_type",),
        (
            "skin type", "skin", "tipo de piel", "piel", "hauttyp", "empfindliche haut",
            "type de peau", "peau", "肌", "肤质", "皮肤", "피부",
        ),
    ),
    IntentSpec(
        "ingredient",
        ("key_ingredient",),
        (
            "ingredient", "ingrediente", "inhaltsstoff", "wirkstoff", "成分", "配方", "성분",
        ),
    ),
    IntentSpec(
        "vegan",
        ("vegan",),
        ("vegan", "vegano", "vegana", "ヴィーガン", "ビーガン", "纯素", "素食", "비건"),
    ),
    IntentSpec(
        "fragrance",
        ("fragrance_free",),
        (
            "fragrance", "perfume", "scent", "fragancia", "duft", "parfum", "香料", "香り",
            "无香", "香味", "향료",
        ),
    ),
    IntentSpec(
        "fit",
        ("fit",),
        ("fit", "cut", "corte", "horma", "passform", "schnitt", "coupe", "シルエット", "版型"),
    ),
    IntentSpec(
        "drop",
        ("drop_mm",),
        ("drop", "heel-to-toe", "sprengung", "ドロップ", "落差"),
    ),
    IntentSpec(
        "energy",
        ("energy_class",),
        (
            "energy", "energia", "energetica", "energieeffizienz", "energie", "energetique",
            "省エネ", "エネルギー", "能效", "能耗", "에너지",
        ),
    ),
    IntentSpec(
        "min_age",
        ("min_age",),
        (
            "what age", "aged", "years old", "edad", "anos", "welchem alter", "altersempf",
            "jahren", "age", "ans",
            "年齢", "歳", "年龄", "岁", "나이",
        ),
    ),
    IntentSpec(
        "play_time",
        ("play_time_min",),
        (
            "how long does a game", "play time", "playing time", "duracion", "dura una partida",
            "spieldauer", "dauert eine partie", "duree", "プレイ時間", "游戏时间", "一局",
        ),
    ),
    IntentSpec(
        "theme",
        ("theme",),
        ("theme", "tematica", "thema", "テーマ", "主题"),
    ),
    IntentSpec(
        "pressure",
        ("pressure_bar",),
        ("pressure", "bar", "presion", "druck", "pression", "気圧", "圧力", "压力"),
    ),
    IntentSpec(
        "laptop",
        ("laptop_in",),
        (
            "laptop", "notebook", "portatil", "ordinateur", "ノートパソコン", "ノートpc",
            "笔记本", "电脑",
        ),
    ),
)


@dataclass(frozen=True)
class Intent:
    """A detected attribute question."""

    name: str
    fields: tuple[str, ...]
    position: int = 0  # where the cue starts in the normalized question
    values: tuple[str, ...] = field(default=())  # attribute values the question mentions


def _cue_pattern(word: str) -> str:
    word = normalize(word) if word.strip() else word
    if any(ord(c) > 0x2E80 for c in word):  # CJK: plain substring
        return re.escape(word)
    if len(word) <= 4:  # short cues ("cost", "cher", "caro") only as whole words (or plurals)
        return r"(?<!\w)" + re.escape(word) + r"(?:s|es|n|en|e)?(?!\w)"
    return r"(?<!\w)" + re.escape(word)


@cache
def _compiled() -> tuple[tuple[IntentSpec, re.Pattern[str]], ...]:
    return tuple(
        (spec, re.compile("|".join(_cue_pattern(w) for w in spec.words))) for spec in SPECS
    )


def detect_intents(question: str) -> list[Intent]:
    """Every attribute intent the question mentions, in the order of their cues."""
    text = normalize(question) + " "
    found = []
    for spec, pattern in _compiled():
        match = pattern.search(text)
        if match:
            found.append(Intent(spec.name, spec.fields, match.start()))
    return sorted(found, key=lambda intent: intent.position)


def mentions(question: str, phrases: Iterable[str]) -> list[str]:
    """The phrases (e.g. localized color names) that occur as words in ``question``."""
    text = normalize(question)
    hits = []
    for phrase in phrases:
        norm = normalize(phrase)
        if not norm:
            continue
        if any(ord(c) > 0x2E80 for c in norm):
            if norm in text:
                hits.append(phrase)
        elif re.search(r"(?<!\w)" + re.escape(norm) + r"(?!\w)", text):
            hits.append(phrase)
    return hits
