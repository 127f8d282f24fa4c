"""Deterministic, multilingual demo catalog for the demo shop and for benchmarks.

Everything here is plain data plus a small generator (standard library only):

* ``CATEGORIES`` – the two-level category tree (parents first), named in every language the
  demo shop serves (product texts are written in ``LANGUAGES``).
* Shared vocabulary – colours, materials and attribute values in ``LANGUAGES``.
* One ``_Leaf`` table per leaf category – product kinds (nouns with grammatical gender),
  brands, uses, feature sentences, a specification sentence and a title tag, each written
  separately for every language.
* A generator that first draws the *facts* of a product (kind, brand, model, colour,
  material, attributes, features) with a seeded ``random.Random`` and then renders those
  same facts with each language's templates, so translations always state the same facts.

``demo_catalog()`` returns the fixed ~250-product demo catalog (including five hand-picked,
single-language products used by the cross-lingual tests); ``generate_products(n, seed)``
produces any number of products from the same vocabulary for benchmarks.

Grammar placeholders used in the templates (filled in from the noun's gender/number):

* en: ``{This}`` (This/These), ``{is}`` (is/are), ``{a}`` (``"a "``/``"an "``/nothing)
* es: ``{El}``/``{el}``, ``{Este}``, ``{un}``, ``{o}`` (o/a/os/as), ``{es}`` (es/son),
  ``{n}`` (plural verb ending: ``está{n}``)
* de: ``{Der}``/``{der}``, ``{Dieser}``, ``{ein}`` (with trailing space), ``{ist}``
* fr: ``{Ce}``, ``{Le}``/``{le}`` (with elision), ``{e}`` (agreement ending), ``{est}``,
  ``{nt}`` (plural verb ending), ``{de_brand}`` (``de Nordwand``/``d'Aurelia``)

Nouns are written ``"text:gender"`` with gender ``s``/``p`` (en), ``m``/``f``/``mp``/``fp``
(es, fr) or ``m``/``f``/``n``/``pl`` (de); Japanese needs none.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

__all__ = ["CATEGORIES", "LANGUAGES", "demo_catalog", "generate_products"]

LANGUAGES: tuple[str, ...] = ("en", "es", "de", "fr", "ja")

Text = dict[str, str]
AttrValue = str | int | float
Product = dict[str, Any]

_DASH = "\u2013"


def _t(en: str, es: str, de: str, fr: str, ja: str) -> Text:
    """One text in every language, in ``LANGUAGES`` order."""
    return {"en": en, "es": es, "de": de, "fr": fr, "ja": ja}


# ---------------------------------------------------------------------------------------------
# Shared vocabulary
# ---------------------------------------------------------------------------------------------

_TOP_CATEGORIES: tuple[tuple[str, Text], ...] = (
    ("clothing", _t("Clothing", "Ropa", "Bekleidung", "Vêtements", "衣料品")),
    ("footwear", _t("Footwear", "Calzado", "Schuhe", "Chaussures", "靴")),
    ("kitchen", _t("Kitchen", "Cocina", "Küche", "Cuisine", "キッチン")),
    (
        "electronics",
        _t("Electronics", "Electrónica", "Elektronik", "Électronique", "家電・デジタル"),
    ),
    ("outdoor", _t("Outdoor", "Aire libre", "Outdoor", "Plein air", "アウトドア")),
    ("home", _t("Home & living", "Hogar", "Wohnen", "Maison", "インテリア")),
    ("beauty", _t("Beauty", "Belleza", "Beauty", "Beauté", "ビューティー")),
    ("toys", _t("Toys & games", "Juguetes y juegos", "Spielwaren", "Jouets et jeux", "おもちゃ")),
)

# Invented brands and the top-level categories each one sells in.
BRANDS: dict[str, tuple[str, ...]] = {
    "Nordwand": ("clothing", "outdoor"),
    "Alpenglüh": ("clothing", "footwear", "outdoor"),
    "Fjordline": ("clothing",),
    "Brisa Norte": ("clothing",),
    "Trailhead Co.": ("footwear", "outdoor"),
    "Swiftfoot": ("footwear",),
    "Cumbre": ("footwear", "outdoor"),
    "Caffè Moreno": ("kitchen",),
    "Küchenwerk": ("kitchen",),
    "Ferro & Fiamma": ("kitchen",),
    "Aurelia": ("kitchen", "home"),
    "Hvitfoss": ("kitchen",),
    "Sonora Audio": ("electronics",),
    "Koyo": ("electronics",),
    "Voltix": ("electronics",),
    "Orbis": ("electronics",),
    "Tidewatch": ("electronics", "outdoor"),
    "Lumière Atelier": ("home",),
    "Hygge Haus": ("home", "kitchen"),
    "Belle Rivière": ("beauty",),
    "Hanami Skin": ("beauty",),
    "Verdea Botanics": ("beauty",),
    "Würfelwerk": ("toys",),
    "Meeple & Co.": ("toys",),
    "Brightside Games": ("toys",),
}

# Colour names: en/es/fr as used after "in"/"en color"/"coloris", de as a noun ("in Schwarz").
_COLOURS: dict[str, Text] = {
    "black": _t("black", "negro", "Schwarz", "noir", "ブラック"),
    "white": _t("white", "blanco", "Weiß", "blanc", "ホワイト"),
    "grey": _t("grey", "gris", "Grau", "gris", "グレー"),
    "navy": _t("navy", "azul marino", "Marineblau", "bleu marine", "ネイビー"),
    "blue": _t("blue", "azul", "Blau", "bleu", "ブルー"),
    "red": _t("red", "rojo", "Rot", "rouge", "レッド"),
    "olive": _t("olive", "verde oliva", "Olivgrün", "vert olive", "オリーブ"),
    "green": _t("green", "verde", "Grün", "vert", "グリーン"),
    "yellow": _t("yellow", "amarillo", "Gelb", "jaune", "イエロー"),
    "orange": _t("orange", "naranja", "Orange", "orange", "オレンジ"),
    "brown": _t("brown", "marrón", "Braun", "marron", "ブラウン"),
    "sand": _t("sand", "arena", "Sand", "sable", "サンド"),
    "burgundy": _t("burgundy", "burdeos", "Bordeaux", "bordeaux", "バーガンディ"),
    "pink": _t("pink", "rosa", "Rosa", "rose", "ピンク"),
    "silver": _t("silver", "plata", "Silber", "argent", "シルバー"),
    "space grey": _t("space grey", "gris espacial", "Spacegrau", "gris sidéral", "スペースグレイ"),
    "terracotta": _t("terracotta", "terracota", "Terrakotta", "terre cuite", "テラコッタ"),
    "teal": _t("teal", "verde azulado", "Petrol", "bleu canard", "ティール"),
    "cream": _t("cream", "crema", "Creme", "crème", "クリーム"),
    "copper": _t("copper", "cobre", "Kupfer", "cuivre", "カッパー"),
}

# Materials as used after "made of" / "de" / "aus" (dative) / "en" / "…を使用".
_MATERIALS: dict[str, Text] = {
    "nylon": _t("nylon", "nailon", "Nylon", "nylon", "ナイロン"),
    "recycled nylon": _t(
        "recycled nylon", "nailon reciclado", "recyceltem Nylon", "nylon recyclé",
        "リサイクルナイロン",
    ),
    "ripstop nylon": _t(
        "ripstop nylon", "nailon ripstop", "Ripstop-Nylon", "nylon ripstop",
        "リップストップナイロン",
    ),
    "polyester": _t("polyester", "poliéster", "Polyester", "polyester", "ポリエステル"),
    "recycled polyester": _t(
        "recycled polyester", "poliéster reciclado", "recyceltem Polyester",
        "polyester recyclé", "リサイクルポリエステル",
    ),
    "cotton": _t("cotton", "algodón", "Baumwolle", "coton", "コットン"),
    "organic cotton": _t(
        "organic cotton", "algodón orgánico", "Bio-Baumwolle", "coton bio",
        "オーガニックコットン",
    ),
    "cotton canvas": _t(
        "cotton canvas", "lona de algodón", "Baumwollcanvas", "toile de coton",
        "コットンキャンバス",
    ),
    "linen": _t("linen", "lino", "Leinen", "lin", "リネン"),
    "merino wool": _t("merino wool", "lana merino", "Merinowolle", "laine mérinos", "メリノウール"),
    "leather": _t(
        "full-grain leather", "piel de plena flor", "Vollnarbenleder", "cuir pleine fleur",
        "フルグレインレザー",
    ),
    "suede": _t("suede", "ante", "Veloursleder", "daim", "スエード"),
    "mesh": _t(
        "engineered mesh", "malla técnica", "technischem Mesh", "mesh technique",
        "エンジニアードメッシュ",
    ),
    "knit": _t("knit fabric", "tejido de punto", "Strickgewebe", "maille tricotée", "ニット"),
    "stainless steel": _t(
        "stainless steel", "acero inoxidable", "Edelstahl", "acier inoxydable", "ステンレス",
    ),
    "cast iron": _t("cast iron", "hierro fundido", "Gusseisen", "fonte", "鋳鉄"),
    "enamelled cast iron": _t(
        "enamelled cast iron", "hierro fundido esmaltado", "emailliertem Gusseisen",
        "fonte émaillée", "ホーロー加工の鋳鉄",
    ),
    "aluminium": _t("aluminium", "aluminio", "Aluminium", "aluminium", "アルミニウム"),
    "carbon steel": _t(
        "carbon steel", "acero al carbono", "Karbonstahl", "acier carbone", "炭素鋼",
    ),
    "copper": _t("copper", "cobre", "Kupfer", "cuivre", "銅"),
    "glass": _t(
        "borosilicate glass", "vidrio de borosilicato", "Borosilikatglas", "verre borosilicaté",
        "耐熱ガラス",
    ),
    "plastic": _t(
        "BPA-free plastic", "plástico sin BPA", "BPA-freiem Kunststoff", "plastique sans BPA",
        "BPAフリー樹脂",
    ),
    "recycled plastic": _t(
        "recycled plastic", "plástico reciclado", "recyceltem Kunststoff", "plastique recyclé",
        "再生プラスチック",
    ),
    "ceramic": _t("ceramic", "cerámica", "Keramik", "céramique", "セラミック"),
    "brass": _t("brass", "latón", "Messing", "laiton", "真鍮"),
    "oak": _t("oak wood", "madera de roble", "Eichenholz", "bois de chêne", "オーク材"),
    "rattan": _t("rattan", "ratán", "Rattan", "rotin", "ラタン"),
    "titanium": _t("titanium", "titanio", "Titan", "titane", "チタン"),
    "waxed canvas": _t(
        "waxed canvas", "lona encerada", "gewachstem Canvas", "toile cirée", "ワックスキャンバス",
    ),
    "tarpaulin": _t(
        "PVC-free tarpaulin", "lona sin PVC", "PVC-freier Plane", "bâche sans PVC",
        "PVCフリーのターポリン",
    ),
    "powder-coated steel": _t(
        "powder-coated steel", "acero con recubrimiento en polvo", "pulverbeschichtetem Stahl",
        "acier thermolaqué", "粉体塗装スチール",
    ),
}


def value_labels() -> dict[str, dict[str, dict[str, str]]]:
    """Colour and material values in every language, as the adapter names them."""
    return {
        "color": {value: dict(names) for value, names in _COLOURS.items()},
        "material": {value: dict(names) for value, names in _MATERIALS.items()},
    }


# Attribute values that appear in sentences, per language (numbers are localised instead).
_ATTR_TEXT: dict[str, dict[str, Text]] = {
    "fit": {
        "regular": _t("regular", "clásico", "klassische", "droite", "レギュラー"),
        "slim": _t("slim", "entallado", "schmale", "ajustée", "スリム"),
        "relaxed": _t("relaxed", "holgado", "lockere", "ample", "リラックス"),
    },
    "bulb": {
        "e27": _t(
            "an E27 bulb (sold separately)", "una bombilla E27 (no incluida)",
            "einem E27-Leuchtmittel (nicht im Lieferumfang)", "une ampoule E27 (non fournie)",
            "E27電球（別売）",
        ),
        "e14": _t(
            "an E14 bulb (sold separately)", "una bombilla E14 (no incluida)",
            "einem E14-Leuchtmittel (nicht im Lieferumfang)", "une ampoule E14 (non fournie)",
            "E14電球（別売）",
        ),
        "integrated led": _t(
            "an integrated LED module", "un módulo LED integrado", "einem integrierten LED-Modul",
            "un module LED intégré", "内蔵LED",
        ),
    },
    "skin_type": {
        "dry": _t("dry skin", "pieles secas", "trockene Haut", "les peaux sèches", "乾燥肌"),
        "oily": _t("oily skin", "pieles grasas", "fettige Haut", "les peaux grasses", "脂性肌"),
        "sensitive": _t(
            "sensitive skin", "pieles sensibles", "empfindliche Haut", "les peaux sensibles",
            "敏感肌",
        ),
        "combination": _t(
            "combination skin", "pieles mixtas", "Mischhaut", "les peaux mixtes", "混合肌",
        ),
        "all": _t(
            "all skin types", "todo tipo de pieles", "alle Hauttypen", "tous les types de peau",
            "すべての肌質",
        ),
    },
    "key_ingredient": {
        "hyaluronic acid": _t(
            "hyaluronic acid", "ácido hialurónico", "Hyaluronsäure", "acide hyaluronique",
            "ヒアルロン酸",
        ),
        "vitamin c": _t("vitamin C", "vitamina C", "Vitamin C", "vitamine C", "ビタミンC"),
        "niacinamide": _t(
            "niacinamide", "niacinamida", "Niacinamid", "niacinamide", "ナイアシンアミド",
        ),
        "aloe vera": _t("aloe vera", "aloe vera", "Aloe vera", "aloe vera", "アロエベラ"),
        "shea butter": _t(
            "shea butter", "manteca de karité", "Sheabutter", "beurre de karité", "シアバター",
        ),
        "ceramides": _t("ceramides", "ceramidas", "Ceramiden", "céramides", "セラミド"),
    },
    "theme": {
        "space": _t(
            "on a distant space station", "una lejana estación espacial",
            "einer fernen Raumstation", "une station spatiale lointaine", "遠い宇宙ステーション",
        ),
        "medieval": _t(
            "in a medieval kingdom", "un reino medieval", "einem mittelalterlichen Königreich",
            "un royaume médiéval", "中世の王国",
        ),
        "ocean": _t(
            "in the deep sea", "las profundidades del océano", "der Tiefsee",
            "les profondeurs de l'océan", "深海",
        ),
        "jungle": _t(
            "in a tropical rainforest", "una selva tropical", "einem tropischen Regenwald",
            "une forêt tropicale", "熱帯雨林",
        ),
        "railways": _t(
            "in the golden age of railways", "la época dorada del ferrocarril",
            "der goldenen Ära der Eisenbahn", "l'âge d'or du chemin de fer", "鉄道の黄金時代",
        ),
        "farm": _t(
            "on a busy farm", "una granja llena de vida", "einem lebhaften Bauernhof",
            "une ferme animée", "にぎやかな農場",
        ),
    },
}

_PLAYERS: Text = _t("{lo} to {hi}", "{lo} a {hi}", "{lo} bis {hi}", "{lo} à {hi}", "{lo}〜{hi}")

# Invented model names; categories may bring their own pool.
_MODEL_NAMES: tuple[str, ...] = (
    "Fjell", "Aurora", "Kestrel", "Vega", "Nimbus", "Solstice", "Tundra", "Atlas", "Cirrus",
    "Lyra", "Orion", "Breva", "Cobalt", "Delta", "Ember", "Falco", "Granite", "Halden", "Iris",
    "Juno", "Kora", "Luma", "Mistral", "Nova", "Oslo", "Pico", "Quill", "Riva", "Sierra",
    "Talus", "Umbra", "Vento", "Wren", "Yara", "Zephyr", "Alto", "Brio", "Cima", "Dune",
    "Elba", "Flint", "Gaia", "Hana", "Isla", "Jasper", "Kiri", "Lumo", "Mora", "Nori", "Onda",
    "Pola", "Ridge", "Sora", "Tova", "Ulla", "Vela", "Wisp", "Yoru", "Zola", "Arc", "Bora",
    "Crest", "Drift", "Echo",
)
_SKINCARE_NAMES: tuple[str, ...] = (
    "Aqua Veil", "Rose Dew", "Pure Balance", "Calm Ritual", "Glow Theory", "Night Bloom",
    "Clear Day", "Velvet Skin", "Soft Cloud", "Daily Shield", "Sakura Mist", "Green Tea Calm",
    "Dew Drop", "Silk Routine", "Morning Light", "Deep Comfort", "Barrier Care", "Fresh Start",
)
_GAME_NAMES: tuple[str, ...] = (
    "Zentoria", "Kalimbo", "Orvanta", "Tessara", "Quorinth", "Marabu", "Sylvar", "Durnhold",
    "Lumira", "Caravella", "Brambleton", "Skyhaven", "Tidewick", "Ember Vale", "Copperfield",
    "Nebulon", "Wildmoor", "Kingsbridge", "Rookery", "Starlight Express", "Moss & Stone",
    "Harbourlight", "Velduna", "Grimsby Gate",
)

_SUF_OUTDOOR: tuple[str, ...] = ("", "", "", " 2", " Pro", " Lite", " Plus")
_SUF_TECH: tuple[str, ...] = ("", "", " 2", " 3", " Pro", " Air", " Max", " Mini", " S")
_SUF_HOME: tuple[str, ...] = ("", "", "", " 2", " Classic", " Plus", " Duo")
_SUF_NONE: tuple[str, ...] = ("",)

_SIZES: tuple[str, ...] = ("XS", "S", "M", "L", "XL", "XXL")
_SHOE_SIZES: tuple[str, ...] = tuple(str(n) for n in range(36, 48))


# ---------------------------------------------------------------------------------------------
# Vocabulary records
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Feature:
    """A feature sentence per language; may be limited to kinds or attribute values."""

    text: Text
    kinds: tuple[str, ...] = ()
    requires: Mapping[str, tuple[AttrValue, ...]] = field(default_factory=dict)
    always: bool = False

    def applies(self, kind: str, attrs: Mapping[str, AttrValue]) -> bool:
        if self.kinds and kind not in self.kinds:
            return False
        return all(attrs.get(key) in allowed for key, allowed in self.requires.items())


def _f(
    text: Text,
    *,
    kinds: tuple[str, ...] = (),
    requires: Mapping[str, tuple[AttrValue, ...]] | None = None,
    always: bool = False,
) -> _Feature:
    return _Feature(text=text, kinds=kinds, requires=dict(requires or {}), always=always)


@dataclass(frozen=True)
class _Kind:
    """A kind of product within a leaf category (the noun used in titles and copy)."""

    key: str
    noun: Text
    price: tuple[float, float]
    attrs: Mapping[str, tuple[AttrValue, ...]] = field(default_factory=dict)
    materials: tuple[str, ...] = ()
    colours: tuple[str, ...] = ()
    spec: Text | None = None


@dataclass(frozen=True)
class _Leaf:
    """Vocabulary and templates of one leaf category."""

    slug: str
    parent: str
    names: Text
    prefix: str
    brands: tuple[str, ...]
    kinds: tuple[_Kind, ...]
    uses: tuple[Text, ...]
    features: tuple[_Feature, ...]
    materials: tuple[str, ...] = ()
    colours: tuple[str, ...] = ()
    attrs: Mapping[str, tuple[AttrValue, ...]] = field(default_factory=dict)
    spec: Text | None = None
    tag: Text | None = None
    intros: Mapping[str, tuple[str, ...]] | None = None
    models: tuple[str, ...] = _MODEL_NAMES
    suffixes: tuple[str, ...] = _SUF_NONE


def _range(start: int, stop: int, step: int = 1) -> tuple[int, ...]:
    return tuple(range(start, stop + 1, step))


def _tenths(start: int, stop: int) -> tuple[float, ...]:
    """``_tenths(11, 14)`` → ``(1.1, 1.2, 1.3, 1.4)``."""
    return tuple(n / 10 for n in range(start, stop + 1))


# Generic intro sentences (noun, brand, model, material, colour, use).
_INTROS: dict[str, tuple[str, ...]] = {
    "en": (
        "The {brand} {model} {is} {a}{noun} made of {material} in {colour}, "
        "designed for {use}.",
        "{This} {noun} from {brand} {is} made of {material}, finished in {colour} "
        "and ideal for {use}.",
        "Made of {material} and finished in {colour}, the {brand} {model} {is} {a}{noun} "
        "built for {use}.",
    ),
    "es": (
        "{El} {noun} {model} de {brand} está{n} fabricad{o} con {material}, viene{n} en color "
        "{colour} y {es} perfect{o} para {use}.",
        "{Este} {noun} de {brand}, fabricad{o} con {material} en color {colour}, {es} "
        "perfect{o} para {use}.",
        "Fabricad{o} con {material} y en color {colour}, {el} {noun} {model} de {brand} "
        "está{n} pensad{o} para {use}.",
    ),
    "de": (
        "{Der} {brand} {model} {ist} {ein}{noun} aus {material} in {colour} "
        + _DASH
        + " ideal für {use}.",
        "{Dieser} {noun} von {brand} {ist} aus {material} gefertigt, in {colour} erhältlich "
        "und ideal für {use}.",
        "Für {use} {ist} {der} {brand} {model} genau richtig: {ein}{noun} aus {material} "
        "in {colour}.",
    ),
    "fr": (
        "{Le}{noun} {model} {de_brand}, fabriqué{e} en {material}, coloris {colour}, "
        "{est} parfait{e} pour {use}.",
        "{Ce} {noun} {brand} {model} en {material} se décline{nt} en {colour} et {est} "
        "conçu{e} pour {use}.",
        "Fabriqué{e} en {material} et proposé{e} en {colour}, {le}{noun} {brand} {model} "
        "{est} parfait{e} pour {use}.",
    ),
    "ja": (
        "{brand}の{model}は、{material}を使用した{noun}です。カラーは{colour}で、"
        "{use}に最適です。",
        "{brand} {model}は、{material}素材の{noun}です。カラーは{colour}で、"
        "{use}にぴったりの一品です。",
        "{use}に活躍する、{brand}の{noun}「{model}」。素材には{material}を使用し、"
        "カラーは{colour}です。",
    ),
}


# ---------------------------------------------------------------------------------------------
# Leaf categories
# ---------------------------------------------------------------------------------------------

_RAIN_JACKETS = _Leaf(
    slug="rain-jackets",
    parent="clothing",
    names=_t(
        "Rain jackets", "Chaquetas impermeables", "Regenjacken", "Vestes de pluie",
        "レインジャケット",
    ),
    prefix="JKT",
    brands=("Nordwand", "Alpenglüh", "Fjordline", "Brisa Norte"),
    suffixes=_SUF_OUTDOOR,
    kinds=(
        _Kind(
            "hooded",
            _t(
                "hooded rain jacket:s", "chaqueta impermeable con capucha:f",
                "Regenjacke mit Kapuze:f", "veste de pluie à capuche:f",
                "フード付きレインジャケット",
            ),
            (79, 229),
        ),
        _Kind(
            "packable",
            _t(
                "packable rain jacket:s", "chaqueta impermeable plegable:f",
                "Regenjacke im Taschenformat:f", "veste de pluie compressible:f",
                "パッカブルレインジャケット",
            ),
            (59, 149),
        ),
        _Kind(
            "hardshell",
            _t(
                "3-layer hardshell jacket:s", "chaqueta hardshell de 3 capas:f",
                "3-Lagen-Hardshelljacke:f", "veste hardshell 3 couches:f",
                "3レイヤーハードシェルジャケット",
            ),
            (189, 349),
        ),
        _Kind(
            "parka",
            _t(
                "insulated rain parka:s", "parka impermeable acolchada:f",
                "Regenparka mit Wattierung:m", "parka de pluie doublée:f",
                "中綿入りレインパーカー",
            ),
            (129, 279),
            attrs={"weight_g": _range(480, 720, 20)},
        ),
    ),
    materials=("recycled nylon", "nylon", "recycled polyester", "polyester", "ripstop nylon"),
    # No navy: the navy, English-only rain jacket is the hand-picked DEMO-EN-RAINJACKET.
    colours=("black", "olive", "red", "yellow", "grey", "teal", "sand", "orange"),
    attrs={"size": _SIZES, "waterproof": ("yes",), "weight_g": _range(220, 460, 10)},
    uses=(
        _t(
            "hiking and rainy city commutes", "el senderismo y los días de lluvia en la ciudad",
            "Wanderungen und verregnete Tage in der Stadt",
            "la randonnée et les jours de pluie en ville", "ハイキングや雨の日の街歩き",
        ),
        _t(
            "trekking, cycling and travel", "el trekking, la bicicleta y los viajes",
            "Trekking, Radtouren und Reisen", "le trekking, le vélo et les voyages",
            "トレッキングやサイクリング、旅行",
        ),
        _t(
            "everyday wear in changeable weather", "el día a día con tiempo cambiante",
            "den Alltag bei wechselhaftem Wetter", "le quotidien par temps changeant",
            "天気の変わりやすい日の普段使い",
        ),
    ),
    features=(
        _f(
            _t(
                "Taped seams and a waterproof, breathable membrane rated at 20,000 mm keep you "
                "dry in heavy rain.",
                "Las costuras selladas y la membrana impermeable y transpirable de 20.000 mm "
                "protegen del agua incluso bajo lluvia intensa.",
                "Verschweißte Nähte und eine wasserdichte, atmungsaktive Membran mit 20.000 mm "
                "Wassersäule halten Sie auch bei starkem Regen trocken.",
                "Les coutures étanchées et la membrane imperméable et respirante (20 000 mm) "
                "vous gardent au sec même sous une forte pluie.",
                "シームテープ加工と耐水圧20,000mmの防水透湿メンブレンが、"
                "強い雨の中でも体をドライに保ちます。",
            ),
            requires={"waterproof": ("yes",)},
            always=True,
        ),
        _f(
            _t(
                "Zippered underarm vents let excess heat escape on steep climbs.",
                "Las aberturas de ventilación con cremallera en las axilas dejan escapar el "
                "calor en las subidas.",
                "Belüftungsreißverschlüsse unter den Armen lassen bei steilen Anstiegen "
                "überschüssige Wärme entweichen.",
                "Des aérations zippées sous les bras évacuent la chaleur dans les montées raides.",
                "脇下のベンチレーションジッパーが、急な登りでこもった熱を逃がします。",
            ),
        ),
        _f(
            _t(
                "The adjustable hood fits over a helmet and stays in place in strong wind.",
                "La capucha ajustable cabe sobre un casco y no se mueve con el viento fuerte.",
                "Die verstellbare Kapuze passt über einen Helm und sitzt auch bei starkem Wind "
                "sicher.",
                "La capuche réglable passe par-dessus un casque et reste en place par grand vent.",
                "調節可能なフードはヘルメットの上からも被れ、強風でもずれません。",
            ),
        ),
        _f(
            _t(
                "The jacket packs into its own chest pocket, so it always fits in your bag.",
                "La chaqueta se guarda en su propio bolsillo del pecho y siempre cabe en la "
                "mochila.",
                "Die Jacke lässt sich in der eigenen Brusttasche verstauen und passt so in jede "
                "Tasche.",
                "La veste se range dans sa propre poche poitrine et trouve place dans n'importe "
                "quel sac.",
                "胸ポケットに収納できるので、いつでもバッグに入れて持ち運べます。",
            ),
            kinds=("packable", "hooded"),
        ),
        _f(
            _t(
                "Reflective details improve visibility at dusk and on dark roads.",
                "Los detalles reflectantes mejoran la visibilidad al anochecer y en carreteras "
                "oscuras.",
                "Reflektierende Details sorgen in der Dämmerung für bessere Sichtbarkeit.",
                "Des détails réfléchissants améliorent la visibilité à la tombée de la nuit.",
                "リフレクター付きで、夕暮れや暗い道でも視認性が高まります。",
            ),
        ),
    ),
    spec=_t(
        "The jacket weighs {weight_g} g in size M and is machine washable at 30 °C.",
        "La chaqueta pesa {weight_g} g en la talla M y se puede lavar a máquina a 30 °C.",
        "In Größe M wiegt die Jacke {weight_g} g, und sie ist bei 30 °C maschinenwaschbar.",
        "La veste pèse {weight_g} g en taille M et se lave en machine à 30 °C.",
        "重量はMサイズで{weight_g}g、30℃で洗濯機洗いが可能です。",
    ),
)

_T_SHIRTS = _Leaf(
    slug="t-shirts",
    parent="clothing",
    names=_t("T-shirts", "Camisetas", "T-Shirts", "T-shirts", "Tシャツ"),
    prefix="TSH",
    brands=("Fjordline", "Brisa Norte", "Alpenglüh", "Nordwand"),
    suffixes=_SUF_NONE,
    kinds=(
        _Kind(
            "crew",
            _t(
                "crew-neck T-shirt:s", "camiseta de cuello redondo:f",
                "T-Shirt mit Rundhalsausschnitt:n", "t-shirt col rond:m", "クルーネックTシャツ",
            ),
            (14.9, 39),
        ),
        _Kind(
            "vneck",
            _t(
                "V-neck T-shirt:s", "camiseta de cuello en pico:f", "T-Shirt mit V-Ausschnitt:n",
                "t-shirt col V:m", "VネックTシャツ",
            ),
            (14.9, 39),
        ),
        _Kind(
            "running",
            _t(
                "technical running T-shirt:s", "camiseta técnica de running:f",
                "Funktions-Laufshirt:n", "t-shirt technique de running:m",
                "ランニング用テクニカルTシャツ",
            ),
            (19.9, 49),
            materials=("recycled polyester", "merino wool"),
        ),
        _Kind(
            "longsleeve",
            _t(
                "long-sleeve T-shirt:s", "camiseta de manga larga:f", "Langarmshirt:n",
                "t-shirt à manches longues:m", "長袖Tシャツ",
            ),
            (19.9, 59),
        ),
    ),
    materials=("organic cotton", "cotton", "merino wool", "linen", "recycled polyester"),
    colours=("white", "black", "grey", "navy", "olive", "burgundy", "sand", "teal", "terracotta"),
    attrs={
        "size": _SIZES,
        "fit": ("regular", "slim", "relaxed"),
        "weight_gsm": (140, 160, 180, 200),
    },
    uses=(
        _t(
            "everyday wear and weekends", "el día a día y los fines de semana",
            "den Alltag und das Wochenende", "le quotidien et le week-end",
            "普段使いや週末のお出かけ",
        ),
        _t(
            "travel and warm summer days", "los viajes y los días calurosos de verano",
            "Reisen und warme Sommertage", "les voyages et les chaudes journées d'été",
            "旅行や暑い夏の日",
        ),
    ),
    features=(
        _f(
            _t(
                "The fabric feels soft on the skin and keeps its shape after many washes.",
                "El tejido es suave al tacto y mantiene la forma lavado tras lavado.",
                "Der Stoff fühlt sich weich auf der Haut an und bleibt auch nach vielen Wäschen "
                "formstabil.",
                "Le tissu est doux sur la peau et garde sa forme lavage après lavage.",
                "肌ざわりがやわらかく、何度洗っても型崩れしにくい生地です。",
            ),
        ),
        _f(
            _t(
                "Breathable, quick-drying fabric wicks moisture away during activity.",
                "El tejido transpirable y de secado rápido evacua la humedad durante la "
                "actividad.",
                "Das atmungsaktive, schnell trocknende Material leitet Feuchtigkeit zuverlässig "
                "ab.",
                "Le tissu respirant à séchage rapide évacue l'humidité pendant l'effort.",
                "通気性が高く速乾性に優れた生地が、運動中の汗を素早く逃がします。",
            ),
            requires={"material": ("recycled polyester", "merino wool", "linen")},
        ),
        _f(
            _t(
                "Flat seams prevent chafing, even under a backpack.",
                "Las costuras planas evitan rozaduras, incluso bajo una mochila.",
                "Flache Nähte verhindern Scheuerstellen, auch unter dem Rucksack.",
                "Les coutures plates évitent les frottements, même sous un sac à dos.",
                "フラットシームで、バックパックを背負っても擦れにくい仕様です。",
            ),
        ),
        _f(
            _t(
                "Merino fibres naturally resist odours, so you can wear it for several days.",
                "Las fibras de merino evitan los olores de forma natural, ideales para varios "
                "días de uso.",
                "Merinofasern wirken von Natur aus geruchshemmend "
                + _DASH
                + " ideal für mehrtägige Touren.",
                "Les fibres de mérinos limitent naturellement les odeurs, idéal pour plusieurs "
                "jours de port.",
                "メリノウールは天然の防臭効果があり、数日続けての着用にも向いています。",
            ),
            requires={"material": ("merino wool",)},
            always=True,
        ),
        _f(
            _t(
                "The organic cotton is GOTS certified and grown without synthetic pesticides.",
                "El algodón orgánico cuenta con certificación GOTS y se cultiva sin pesticidas "
                "sintéticos.",
                "Die Bio-Baumwolle ist GOTS-zertifiziert und wird ohne synthetische Pestizide "
                "angebaut.",
                "Le coton bio est certifié GOTS et cultivé sans pesticides de synthèse.",
                "オーガニックコットンはGOTS認証を取得し、化学農薬を使わずに栽培されています。",
            ),
            requires={"material": ("organic cotton",)},
            always=True,
        ),
    ),
    spec=_t(
        "The {fit} cut and {weight_gsm} g/m² fabric make it a versatile wardrobe staple.",
        "El corte {fit} y el tejido de {weight_gsm} g/m² la convierten en un básico versátil.",
        "Der {fit} Schnitt und der Stoff mit {weight_gsm} g/m² machen es zu einem vielseitigen "
        "Basic.",
        "La coupe {fit} et le tissu de {weight_gsm} g/m² en font un basique polyvalent.",
        "{fit}シルエットと{weight_gsm}g/m²の生地で、着回しやすい定番アイテムです。",
    ),
)

_HIKING_BOOTS = _Leaf(
    slug="hiking-boots",
    parent="footwear",
    names=_t(
        "Hiking boots", "Botas de montaña", "Wanderschuhe", "Chaussures de randonnée", "登山靴",
    ),
    prefix="BOT",
    brands=("Alpenglüh", "Trailhead Co.", "Cumbre"),
    suffixes=_SUF_OUTDOOR,
    kinds=(
        _Kind(
            "mid",
            _t(
                "mid-cut hiking boot:s", "bota de montaña de caña media:f", "Trekkingstiefel:m",
                "chaussure de randonnée mi-montante:f", "ミッドカット登山靴",
            ),
            (99, 219),
        ),
        _Kind(
            "leather",
            _t(
                "leather trekking boot:s", "bota de trekking de piel:f", "Lederwanderstiefel:m",
                "chaussure de trekking en cuir:f", "レザートレッキングブーツ",
            ),
            (149, 279),
            materials=("leather",),
        ),
        _Kind(
            "light",
            _t(
                "lightweight hiking shoe:s", "zapatilla de senderismo ligera:f",
                "Leichtwanderschuh:m", "chaussure de randonnée légère:f", "軽量ハイキングシューズ",
            ),
            (89, 169),
            attrs={"weight_g": _range(380, 520, 10)},
        ),
        _Kind(
            "alpine",
            _t(
                "alpine mountaineering boot:s", "bota de alta montaña:f", "Bergstiefel:m",
                "chaussure d'alpinisme:f", "アルパイン登山靴",
            ),
            (219, 379),
            attrs={"waterproof": ("yes",), "weight_g": _range(780, 980, 20)},
            materials=("leather", "suede", "mesh"),
        ),
    ),
    materials=("suede", "leather", "mesh"),
    colours=("brown", "black", "grey", "olive", "sand", "blue"),
    attrs={
        "size": _SHOE_SIZES,
        "waterproof": ("yes", "yes", "no"),
        "weight_g": _range(520, 760, 10),
    },
    uses=(
        _t(
            "day hikes and multi-day treks",
            "las excursiones de un día y las travesías de varios días",
            "Tagestouren und mehrtägige Trekkingtouren",
            "les randonnées à la journée et les treks de plusieurs jours",
            "日帰りハイキングや数日間のトレッキング",
        ),
        _t(
            "rocky trails and rough terrain", "los senderos rocosos y el terreno irregular",
            "felsige Pfade und unwegsames Gelände",
            "les sentiers rocailleux et les terrains accidentés", "岩場の多い登山道や荒れた地形",
        ),
    ),
    features=(
        _f(
            _t(
                "A waterproof membrane keeps your feet dry in streams, mud and wet grass.",
                "La membrana impermeable mantiene los pies secos en arroyos, barro y hierba "
                "mojada.",
                "Eine wasserdichte Membran hält die Füße in Bächen, Matsch und nassem Gras "
                "trocken.",
                "Une membrane imperméable garde les pieds au sec dans les ruisseaux, la boue et "
                "l'herbe mouillée.",
                "防水メンブレンが、沢や泥、濡れた草地でも足をドライに保ちます。",
            ),
            requires={"waterproof": ("yes",)},
            always=True,
        ),
        _f(
            _t(
                "The Vibram outsole with deep lugs grips securely on wet rock.",
                "La suela Vibram con tacos profundos ofrece un agarre seguro sobre roca mojada.",
                "Die Vibram-Sohle mit tiefem Profil greift sicher auf nassem Fels.",
                "La semelle Vibram aux crampons profonds accroche parfaitement sur la roche "
                "mouillée.",
                "深いラグのビブラムソールが、濡れた岩場でもしっかりグリップします。",
            ),
        ),
        _f(
            _t(
                "A padded collar and stable heel counter support the ankle on uneven ground.",
                "El collarín acolchado y el contrafuerte estable sujetan el tobillo en terreno "
                "irregular.",
                "Ein gepolsterter Schaftrand und eine stabile Fersenkappe stützen den Knöchel "
                "auf unebenem Untergrund.",
                "Le col rembourré et le contrefort stable maintiennent la cheville sur terrain "
                "irrégulier.",
                "クッション性のある履き口と安定したヒールカウンターが、不整地で足首を支えます。",
            ),
            kinds=("mid", "leather", "alpine"),
        ),
        _f(
            _t(
                "Breathable mesh panels keep feet cool on hot summer hikes.",
                "Los paneles de malla transpirable mantienen los pies frescos en las rutas de "
                "verano.",
                "Atmungsaktive Mesh-Einsätze halten die Füße auf heißen Sommertouren kühl.",
                "Les empiècements en mesh respirant gardent les pieds au frais lors des "
                "randonnées estivales.",
                "通気性の高いメッシュパネルで、夏のハイキングでも足が蒸れにくい構造です。",
            ),
            requires={"waterproof": ("no",)},
        ),
        _f(
            _t(
                "A cushioned EVA midsole reduces fatigue on long descents.",
                "La mediasuela de EVA amortiguada reduce la fatiga en los descensos largos.",
                "Eine dämpfende EVA-Zwischensohle reduziert die Ermüdung bei langen Abstiegen.",
                "La semelle intermédiaire en EVA amortissante réduit la fatigue dans les longues "
                "descentes.",
                "クッション性の高いEVAミッドソールが、長い下りでの疲れを軽減します。",
            ),
        ),
    ),
    spec=_t(
        "Each shoe weighs about {weight_g} g in size EU 42.",
        "Cada pie pesa aproximadamente {weight_g} g en la talla 42.",
        "In Größe 42 wiegt ein Schuh etwa {weight_g} g.",
        "Chaque chaussure pèse environ {weight_g} g en pointure 42.",
        "重量は片足約{weight_g}g（EU42サイズ）です。",
    ),
)

_RUNNING_SHOES = _Leaf(
    slug="running-shoes",
    parent="footwear",
    names=_t(
        "Running shoes", "Zapatillas de running", "Laufschuhe", "Chaussures de running",
        "ランニングシューズ",
    ),
    prefix="RUN",
    brands=("Swiftfoot", "Trailhead Co.", "Cumbre"),
    suffixes=_SUF_OUTDOOR,
    kinds=(
        _Kind(
            "road",
            _t(
                "road running shoe:s", "zapatilla de running para asfalto:f",
                "Straßenlaufschuh:m", "chaussure de running sur route:f",
                "ロード用ランニングシューズ",
            ),
            (79, 169),
        ),
        _Kind(
            "trail",
            _t(
                "trail running shoe:s", "zapatilla de trail running:f", "Trailrunningschuh:m",
                "chaussure de trail:f", "トレイルランニングシューズ",
            ),
            (89, 189),
            attrs={"waterproof": ("yes", "no")},
        ),
        _Kind(
            "racing",
            _t(
                "carbon-plate racing shoe:s", "zapatilla de competición con placa de carbono:f",
                "Wettkampfschuh mit Carbonplatte:m", "chaussure de compétition à plaque carbone:f",
                "カーボンプレート搭載レーシングシューズ",
            ),
            (179, 259),
            attrs={"weight_g": _range(190, 230, 5)},
        ),
        _Kind(
            "cushioned",
            _t(
                "maximum-cushioning running shoe:s",
                "zapatilla de running con amortiguación máxima:f",
                "Laufschuh mit Maximaldämpfung:m", "chaussure de running à amortissement maximal:f",
                "厚底クッションランニングシューズ",
            ),
            (119, 189),
        ),
    ),
    materials=("mesh", "knit", "recycled polyester"),
    colours=("black", "white", "blue", "red", "orange", "grey", "yellow", "teal", "pink"),
    attrs={
        "size": _SHOE_SIZES,
        "waterproof": ("no",),
        "drop_mm": (4, 6, 8, 10),
        "weight_g": _range(230, 320, 5),
    },
    uses=(
        _t(
            "daily training and long runs", "los entrenamientos diarios y las tiradas largas",
            "das tägliche Training und lange Läufe",
            "l'entraînement quotidien et les sorties longues", "毎日のトレーニングやロング走",
        ),
        _t(
            "tempo runs and race day",
            "los entrenamientos de ritmo y el día de la carrera",
            "Tempoläufe und den Wettkampftag", "les séances de tempo et le jour de la course",
            "ペース走やレース本番",
        ),
    ),
    features=(
        _f(
            _t(
                "A waterproof, breathable membrane keeps your feet dry on wet trails.",
                "Una membrana impermeable y transpirable mantiene los pies secos en senderos "
                "mojados.",
                "Eine wasserdichte, atmungsaktive Membran hält die Füße auf nassen Trails "
                "trocken.",
                "Une membrane imperméable et respirante garde les pieds au sec sur les sentiers "
                "humides.",
                "防水透湿メンブレンが、濡れたトレイルでも足をドライに保ちます。",
            ),
            requires={"waterproof": ("yes",)},
            always=True,
        ),
        _f(
            _t(
                "The responsive foam midsole returns energy with every stride.",
                "La mediasuela de espuma reactiva devuelve energía en cada zancada.",
                "Die reaktionsfreudige Schaumzwischensohle gibt bei jedem Schritt Energie "
                "zurück.",
                "La semelle intermédiaire en mousse réactive restitue l'énergie à chaque foulée.",
                "反発性に優れたフォームミッドソールが、一歩ごとにエネルギーを返します。",
            ),
        ),
        _f(
            _t(
                "The seamless upper wraps the foot snugly without pressure points.",
                "El empeine sin costuras se ajusta al pie sin puntos de presión.",
                "Das nahtlose Obermaterial umschließt den Fuß ohne Druckstellen.",
                "La tige sans coutures enveloppe le pied sans points de pression.",
                "縫い目のないアッパーが、圧迫感なく足を包み込みます。",
            ),
        ),
        _f(
            _t(
                "Reflective details make you visible on early-morning and evening runs.",
                "Los detalles reflectantes te hacen visible al correr de madrugada o de noche.",
                "Reflektierende Details sorgen bei Läufen in der Dämmerung für Sichtbarkeit.",
                "Des détails réfléchissants vous rendent visible lors des sorties matinales ou "
                "nocturnes.",
                "リフレクターで、早朝や夜のランニングでも視認性を確保します。",
            ),
        ),
        _f(
            _t(
                "A rubber outsole provides reliable grip on wet asphalt.",
                "La suela de goma ofrece un agarre fiable en asfalto mojado.",
                "Die Gummiaußensohle bietet zuverlässigen Grip auf nassem Asphalt.",
                "La semelle extérieure en caoutchouc assure une bonne adhérence sur bitume "
                "mouillé.",
                "ラバーアウトソールが、濡れたアスファルトでも確かなグリップを発揮します。",
            ),
            kinds=("road", "racing", "cushioned"),
        ),
    ),
    spec=_t(
        "It weighs {weight_g} g in size EU 42 and has a {drop_mm} mm heel-to-toe drop.",
        "Pesa {weight_g} g en la talla 42 y tiene un drop de {drop_mm} mm.",
        "In Größe 42 wiegt er {weight_g} g, die Sprengung beträgt {drop_mm} mm.",
        "Elle pèse {weight_g} g en pointure 42 pour un drop de {drop_mm} mm.",
        "重量はEU42サイズで{weight_g}g、ドロップは{drop_mm}mmです。",
    ),
)

_ESPRESSO_SPEC = _t(
    "The {pressure_bar}-bar pump, {capacity_l} l water tank and {wattage} W heating system "
    "deliver café-quality espresso.",
    "La bomba de {pressure_bar} bares, el depósito de {capacity_l} l y la potencia de {wattage} "
    "W garantizan un espresso de cafetería.",
    "Die {pressure_bar}-bar-Pumpe, der {capacity_l}-l-Wassertank und {wattage} W Leistung "
    "sorgen für Espresso wie im Café.",
    "La pompe de {pressure_bar} bars, le réservoir de {capacity_l} l et la puissance de "
    "{wattage} W garantissent un expresso digne d'un café.",
    "{pressure_bar}気圧のポンプ、{capacity_l}リットルの給水タンク、{wattage}Wのヒーターで、"
    "カフェのようなエスプレッソを抽出します。",
)
_MANUAL_COFFEE_SPEC = _t(
    "It holds {capacity_l} litres and needs no electricity, so it also works when camping.",
    "Tiene una capacidad de {capacity_l} litros y no necesita electricidad, así que también "
    "sirve para ir de camping.",
    "Das Fassungsvermögen beträgt {capacity_l} Liter, und Strom wird nicht benötigt "
    + _DASH
    + " ideal auch für den Campingurlaub.",
    "Elle contient {capacity_l} L et fonctionne sans électricité, même en camping.",
    "容量は{capacity_l}リットルで、電気を使わないのでキャンプでも活躍します。",
)

# No stovetop (moka) pots: the Spanish-only DEMO-ES-CAFETERA is the only one.
_COFFEE_MAKERS = _Leaf(
    slug="coffee-makers",
    parent="kitchen",
    names=_t("Coffee makers", "Cafeteras", "Kaffeemaschinen", "Cafetières", "コーヒーメーカー"),
    prefix="COF",
    brands=("Caffè Moreno", "Küchenwerk", "Aurelia"),
    suffixes=_SUF_HOME,
    kinds=(
        _Kind(
            "drip",
            _t(
                "filter coffee machine:s", "cafetera de goteo:f", "Filterkaffeemaschine:f",
                "cafetière filtre:f", "ドリップ式コーヒーメーカー",
            ),
            (39, 149),
            attrs={"capacity_l": (1.25, 1.5, 1.8), "wattage": (900, 1000, 1100)},
            materials=("plastic", "stainless steel"),
            spec=_t(
                "It brews {capacity_l} litres of coffee at a time and draws {wattage} W.",
                "Prepara {capacity_l} litros de café de una vez y tiene una potencia de "
                "{wattage} W.",
                "Sie brüht {capacity_l} Liter Kaffee auf einmal und hat eine Leistung von "
                "{wattage} W.",
                "Elle prépare {capacity_l} L de café en une fois pour une puissance de "
                "{wattage} W.",
                "一度に{capacity_l}リットルのコーヒーを淹れられ、消費電力は{wattage}Wです。",
            ),
        ),
        _Kind(
            "espresso",
            _t(
                "espresso machine with steam wand:s", "máquina de espresso con vaporizador:f",
                "Siebträger-Espressomaschine:f", "machine à expresso avec buse vapeur:f",
                "スチームノズル付きエスプレッソマシン",
            ),
            (199, 699),
            attrs={
                "capacity_l": (1.5, 1.8, 2.0),
                "pressure_bar": (15, 19, 20),
                "wattage": (1350, 1450, 1600),
            },
            materials=("stainless steel", "aluminium"),
            spec=_ESPRESSO_SPEC,
        ),
        _Kind(
            "beantocup",
            _t(
                "bean-to-cup coffee machine:s", "cafetera superautomática:f",
                "Kaffeevollautomat:m", "machine à café avec broyeur:f", "全自動コーヒーマシン",
            ),
            (349, 999),
            attrs={"capacity_l": (1.7, 1.8, 2.0), "pressure_bar": (15,), "wattage": (1450, 1500)},
            materials=("stainless steel", "plastic"),
            spec=_ESPRESSO_SPEC,
        ),
        _Kind(
            "frenchpress",
            _t(
                "French press:s", "cafetera de émbolo:f", "Stempelkanne:f",
                "cafetière à piston:f", "フレンチプレス",
            ),
            (19, 59),
            attrs={"capacity_l": (0.35, 0.6, 1.0)},
            materials=("glass", "stainless steel"),
            spec=_MANUAL_COFFEE_SPEC,
        ),
        _Kind(
            "pourover",
            _t(
                "pour-over coffee maker:s", "cafetera de filtro manual:f",
                "Handfilter-Kaffeebereiter:m", "cafetière filtre manuelle:f",
                "ハンドドリップコーヒーメーカー",
            ),
            (24, 69),
            attrs={"capacity_l": (0.6, 0.8)},
            materials=("glass", "ceramic"),
            spec=_MANUAL_COFFEE_SPEC,
        ),
    ),
    colours=("black", "silver", "white", "red", "cream", "copper"),
    uses=(
        _t(
            "relaxed weekend breakfasts", "los desayunos tranquilos del fin de semana",
            "entspannte Frühstücke am Wochenende",
            "les petits-déjeuners tranquilles du week-end", "週末のゆったりした朝食",
        ),
        _t(
            "busy mornings and small offices", "las mañanas con prisas y las oficinas pequeñas",
            "hektische Morgen und kleine Büros", "les matins pressés et les petits bureaux",
            "忙しい朝や小さなオフィス",
        ),
    ),
    features=(
        _f(
            _t(
                "An insulated thermal carafe keeps coffee hot for up to four hours.",
                "La jarra térmica aislada mantiene el café caliente hasta cuatro horas.",
                "Eine isolierte Thermoskanne hält den Kaffee bis zu vier Stunden heiß.",
                "La verseuse isotherme garde le café chaud jusqu'à quatre heures.",
                "保温ポットでコーヒーを最大4時間温かく保ちます。",
            ),
            kinds=("drip",),
        ),
        _f(
            _t(
                "A programmable timer has fresh coffee ready when you wake up.",
                "El temporizador programable tiene el café listo cuando te levantas.",
                "Dank programmierbarem Timer ist der Kaffee fertig, wenn Sie aufstehen.",
                "Le programmateur permet d'avoir un café prêt dès le réveil.",
                "プログラムタイマーで、起きたときには淹れたてのコーヒーが用意できます。",
            ),
            kinds=("drip",),
        ),
        _f(
            _t(
                "The steam wand textures milk for cappuccinos and flat whites.",
                "El vaporizador monta la leche para capuchinos y flat whites.",
                "Mit der Dampflanze schäumen Sie Milch für Cappuccino und Flat White auf.",
                "La buse vapeur fait mousser le lait pour les cappuccinos et les flat whites.",
                "スチームノズルでミルクを泡立て、カプチーノやフラットホワイトが楽しめます。",
            ),
            kinds=("espresso",),
            always=True,
        ),
        _f(
            _t(
                "A built-in conical burr grinder grinds fresh beans for every cup.",
                "El molinillo cónico integrado muele granos frescos para cada taza.",
                "Das integrierte Kegelmahlwerk mahlt für jede Tasse frische Bohnen.",
                "Le broyeur conique intégré moud des grains frais pour chaque tasse.",
                "内蔵のコーン式グラインダーが、一杯ごとに豆を挽きたてにします。",
            ),
            kinds=("beantocup",),
            always=True,
        ),
        _f(
            _t(
                "Its quiet operation makes it suitable for open-plan kitchens.",
                "Su funcionamiento silencioso es ideal para cocinas abiertas.",
                "Der leise Betrieb eignet sich auch für offene Küchen.",
                "Son fonctionnement silencieux convient aux cuisines ouvertes.",
                "運転音が静かなので、オープンキッチンにも最適です。",
            ),
            kinds=("beantocup", "espresso", "drip"),
        ),
        _f(
            _t(
                "All removable parts are dishwasher safe for easy cleaning.",
                "Todas las piezas extraíbles se pueden lavar en el lavavajillas.",
                "Alle abnehmbaren Teile sind spülmaschinengeeignet.",
                "Toutes les pièces amovibles passent au lave-vaisselle.",
                "取り外せるパーツはすべて食洗機で洗えます。",
            ),
        ),
        _f(
            _t(
                "A double stainless-steel mesh filter keeps grounds out of the cup.",
                "El doble filtro de malla de acero inoxidable evita que pasen posos a la taza.",
                "Ein doppeltes Edelstahlsieb hält den Kaffeesatz zuverlässig zurück.",
                "Le double filtre en maille inox retient le marc.",
                "二重のステンレスメッシュフィルターが、粉をカップに通しません。",
            ),
            kinds=("frenchpress",),
            always=True,
        ),
        _f(
            _t(
                "Spiral ribs guide the water evenly for a clean, aromatic brew.",
                "Las nervaduras en espiral guían el agua de manera uniforme para un café limpio "
                "y aromático.",
                "Spiralförmige Rippen leiten das Wasser gleichmäßig für einen klaren, "
                "aromatischen Kaffee.",
                "Les nervures en spirale répartissent l'eau uniformément pour un café net et "
                "aromatique.",
                "らせん状のリブがお湯を均一に導き、クリアで香り高いコーヒーに仕上げます。",
            ),
            kinds=("pourover",),
            always=True,
        ),
    ),
)

_COOKWARE = _Leaf(
    slug="cookware",
    parent="kitchen",
    names=_t("Cookware", "Menaje de cocina", "Kochgeschirr", "Ustensiles de cuisson", "調理器具"),
    prefix="CKW",
    brands=("Ferro & Fiamma", "Küchenwerk", "Hygge Haus"),
    suffixes=_SUF_HOME,
    kinds=(
        _Kind(
            "fryingpan",
            _t("frying pan:s", "sartén:f", "Bratpfanne:f", "poêle:f", "フライパン"),
            (24, 119),
            attrs={"diameter_cm": (20, 24, 28, 32)},
            materials=("cast iron", "stainless steel", "carbon steel", "aluminium"),
            colours=("black", "silver", "grey"),
        ),
        _Kind(
            "saucepan",
            _t(
                "saucepan with lid:s", "cazo con tapa:m", "Stielkasserolle mit Deckel:f",
                "casserole avec couvercle:f", "フタ付き片手鍋",
            ),
            (29, 129),
            attrs={"diameter_cm": (16, 18, 20)},
            materials=("stainless steel", "copper", "aluminium"),
            colours=("silver", "copper", "black"),
        ),
        _Kind(
            "dutchoven",
            _t("Dutch oven:s", "olla cocotte:f", "Bräter:m", "cocotte:f", "ココット鍋"),
            (89, 249),
            attrs={"diameter_cm": (24, 26, 28)},
            materials=("enamelled cast iron",),
            colours=("red", "blue", "cream", "black", "green"),
        ),
        _Kind(
            "wok",
            _t("wok:s", "wok:m", "Wok:m", "wok:m", "中華鍋"),
            (29, 99),
            attrs={"diameter_cm": (30, 32, 36)},
            materials=("carbon steel", "stainless steel", "cast iron"),
            colours=("black", "silver"),
        ),
        _Kind(
            "stockpot",
            _t("stockpot:s", "olla alta:f", "Suppentopf:m", "faitout:m", "寸胴鍋"),
            (39, 149),
            attrs={"diameter_cm": (20, 24, 28)},
            materials=("stainless steel", "aluminium"),
            colours=("silver", "black", "red"),
        ),
    ),
    attrs={"induction": ("yes", "yes", "no")},
    uses=(
        _t(
            "searing, braising and everyday cooking", "sellar, guisar y cocinar a diario",
            "scharfes Anbraten, Schmoren und die tägliche Küche",
            "saisir, mijoter et cuisiner au quotidien", "焼き付けや煮込み、毎日の料理",
        ),
        _t(
            "family meals and batch cooking",
            "las comidas familiares y cocinar para toda la semana",
            "Familienessen und das Vorkochen für die ganze Woche",
            "les repas en famille et la cuisine en grande quantité", "家族の食事や作り置き",
        ),
    ),
    features=(
        _f(
            _t(
                "The base works on all hob types, including induction.",
                "La base funciona en todo tipo de cocinas, incluida la de inducción.",
                "Der Boden ist für alle Herdarten geeignet, auch für Induktion.",
                "Le fond est compatible avec tous les feux, y compris l'induction.",
                "底面はIHを含むすべての熱源に対応しています。",
            ),
            requires={"induction": ("yes",)},
            always=True,
        ),
        _f(
            _t(
                "The base is suitable for gas, electric and ceramic hobs, but not for induction.",
                "La base es apta para cocinas de gas, eléctricas y vitrocerámicas, pero no para "
                "inducción.",
                "Der Boden eignet sich für Gas-, Elektro- und Ceranfelder, nicht jedoch für "
                "Induktion.",
                "Le fond convient au gaz, à l'électrique et à la vitrocéramique, mais pas à "
                "l'induction.",
                "ガス、電気、セラミックヒーターに対応していますが、IHには対応していません。",
            ),
            requires={"induction": ("no",)},
            always=True,
        ),
        _f(
            _t(
                "Oven safe up to 250 °C, so dishes can go straight from hob to oven.",
                "Resiste el horno hasta 250 °C, para pasar directamente del fuego al horno.",
                "Backofenfest bis 250 °C " + _DASH + " so wandern Gerichte direkt vom Herd in "
                "den Ofen.",
                "Compatible four jusqu'à 250 °C : les plats passent directement de la plaque au "
                "four.",
                "250℃までオーブン調理が可能で、コンロからそのままオーブンへ移せます。",
            ),
            requires={"material": ("cast iron", "enamelled cast iron", "stainless steel")},
        ),
        _f(
            _t(
                "The thick base spreads heat evenly and prevents hot spots.",
                "La base gruesa reparte el calor de manera uniforme y evita puntos calientes.",
                "Der dicke Boden verteilt die Hitze gleichmäßig und verhindert Hotspots.",
                "Le fond épais répartit la chaleur uniformément et évite les points chauds.",
                "厚手の底が熱をムラなく伝え、部分的な焦げつきを防ぎます。",
            ),
        ),
        _f(
            _t(
                "The riveted stay-cool handle gives a secure grip.",
                "El mango remachado se mantiene frío y ofrece un agarre seguro.",
                "Der vernietete Griff bleibt kühl und liegt sicher in der Hand.",
                "La poignée rivetée reste froide et offre une prise sûre.",
                "リベット留めのハンドルは熱くなりにくく、しっかり握れます。",
            ),
            kinds=("fryingpan", "saucepan", "wok"),
        ),
        _f(
            _t(
                "The factory seasoning improves with every use and creates a natural non-stick "
                "surface.",
                "Su capa de curado de fábrica mejora con cada uso y crea una superficie "
                "antiadherente natural.",
                "Die werkseitige Einbrennschicht verbessert sich mit jedem Gebrauch und sorgt "
                "für eine natürliche Antihaftwirkung.",
                "Le culottage d'usine s'améliore à chaque utilisation et crée une surface "
                "naturellement antiadhésive.",
                "出荷時のシーズニングは使うほどになじみ、自然なこびりつきにくさが生まれます。",
            ),
            requires={"material": ("cast iron", "carbon steel")},
        ),
    ),
    spec=_t(
        "The diameter is {diameter_cm} cm, a practical size for two to four servings.",
        "Con {diameter_cm} cm de diámetro, tiene un tamaño práctico para dos a cuatro raciones.",
        "Mit {diameter_cm} cm Durchmesser ist die Größe ideal für zwei bis vier Portionen.",
        "Avec {diameter_cm} cm de diamètre, sa taille convient pour deux à quatre portions.",
        "直径は{diameter_cm}cmで、2〜4人分の調理にちょうどよいサイズです。",
    ),
    tag=_t("{diameter_cm} cm", "{diameter_cm} cm", "{diameter_cm} cm", "{diameter_cm} cm",
           "{diameter_cm}cm"),
)

_KETTLES = _Leaf(
    slug="kettles",
    parent="kitchen",
    names=_t("Kettles", "Hervidores de agua", "Wasserkocher", "Bouilloires", "電気ケトル"),
    prefix="KET",
    brands=("Caffè Moreno", "Hvitfoss", "Aurelia", "Küchenwerk"),
    suffixes=_SUF_HOME,
    kinds=(
        _Kind(
            "electric",
            _t(
                "electric kettle:s", "hervidor eléctrico:m", "Wasserkocher:m",
                "bouilloire électrique:f", "電気ケトル",
            ),
            (24, 79),
        ),
        _Kind(
            "temperature",
            _t(
                "variable-temperature kettle:s", "hervidor con control de temperatura:m",
                "Wasserkocher mit Temperatureinstellung:m", "bouilloire à température réglable:f",
                "温度調節機能付き電気ケトル",
            ),
            (49, 129),
        ),
        _Kind(
            "gooseneck",
            _t(
                "gooseneck pour-over kettle:s", "hervidor de cuello de cisne:m",
                "Schwanenhals-Wasserkocher:m", "bouilloire col de cygne:f",
                "グースネック電気ケトル",
            ),
            (59, 149),
            attrs={"capacity_l": (0.8, 0.9, 1.0), "wattage": (1200, 1500)},
            materials=("stainless steel",),
        ),
        _Kind(
            "travel",
            _t(
                "compact travel kettle:s", "hervidor de viaje compacto:m", "Reisewasserkocher:m",
                "bouilloire de voyage compacte:f", "コンパクトなトラベルケトル",
            ),
            (19, 39),
            attrs={"capacity_l": (0.5, 0.6, 0.8), "wattage": (800, 1000)},
        ),
    ),
    materials=("stainless steel", "glass", "plastic"),
    colours=("black", "white", "silver", "cream", "red", "green", "copper"),
    attrs={"capacity_l": (1.0, 1.2, 1.5, 1.7), "wattage": (1800, 2200, 2400, 3000)},
    uses=(
        _t(
            "tea, instant soups and quick cooking",
            "el té, las sopas instantáneas y la cocina rápida",
            "Tee, Instantsuppen und die schnelle Küche",
            "le thé, les soupes instantanées et la cuisine rapide",
            "お茶やインスタントスープ、手早い料理",
        ),
        _t(
            "pour-over coffee and green tea", "el café de filtro y el té verde",
            "Filterkaffee und grünen Tee", "le café filtre et le thé vert",
            "ハンドドリップコーヒーや緑茶",
        ),
    ),
    features=(
        _f(
            _t(
                "Automatic shut-off and boil-dry protection make it safe to use.",
                "El apagado automático y la protección contra el funcionamiento en seco "
                "garantizan un uso seguro.",
                "Abschaltautomatik und Trockengehschutz sorgen für eine sichere Bedienung.",
                "L'arrêt automatique et la sécurité anti-surchauffe garantissent une utilisation "
                "sûre.",
                "自動電源オフと空焚き防止機能で安心して使えます。",
            ),
        ),
        _f(
            _t(
                "Five preset temperatures from 70 to 100 °C suit green tea, black tea and coffee.",
                "Ofrece cinco temperaturas preajustadas de 70 a 100 °C para té verde, té negro y "
                "café.",
                "Fünf voreingestellte Temperaturen von 70 bis 100 °C passen zu Grüntee, "
                "Schwarztee und Kaffee.",
                "Cinq températures prédéfinies de 70 à 100 °C conviennent au thé vert, au thé "
                "noir et au café.",
                "70〜100℃の5段階の温度設定で、緑茶や紅茶、コーヒーに合った温度に調整できます。",
            ),
            kinds=("temperature", "gooseneck"),
            always=True,
        ),
        _f(
            _t(
                "Quiet boil technology keeps noise to a minimum in the early morning.",
                "Su tecnología de ebullición silenciosa reduce el ruido al mínimo por las "
                "mañanas.",
                "Die leise Kochtechnik hält den Geräuschpegel am frühen Morgen niedrig.",
                "La technologie d'ébullition silencieuse limite le bruit tôt le matin.",
                "静音設計で、早朝でも沸騰音が気になりません。",
            ),
        ),
        _f(
            _t(
                "A keep-warm function holds the water at temperature for 30 minutes.",
                "La función de mantener caliente conserva la temperatura del agua durante 30 "
                "minutos.",
                "Die Warmhaltefunktion hält das Wasser 30 Minuten lang auf Temperatur.",
                "La fonction maintien au chaud conserve l'eau à température pendant 30 minutes.",
                "保温機能で30分間お湯の温度をキープします。",
            ),
            kinds=("temperature", "gooseneck", "electric"),
        ),
        _f(
            _t(
                "A clear water-level window and a removable limescale filter make refilling and "
                "cleaning easy.",
                "El indicador de nivel de agua y el filtro antical extraíble facilitan el "
                "llenado y la limpieza.",
                "Eine gut sichtbare Wasserstandsanzeige und ein herausnehmbarer Kalkfilter "
                "erleichtern Befüllen und Reinigen.",
                "L'indicateur de niveau d'eau et le filtre anticalcaire amovible facilitent le "
                "remplissage et le nettoyage.",
                "見やすい水量窓と取り外せる水垢フィルターで、給水もお手入れも簡単です。",
            ),
        ),
    ),
    spec=_t(
        "With {wattage} W of power, it boils {capacity_l} litres of water in just a few minutes.",
        "Con {wattage} W de potencia, hierve {capacity_l} litros de agua en pocos minutos.",
        "Mit {wattage} W Leistung bringt er {capacity_l} Liter Wasser in wenigen Minuten zum "
        "Kochen.",
        "Avec {wattage} W de puissance, elle fait bouillir {capacity_l} L d'eau en quelques "
        "minutes.",
        "{wattage}Wのハイパワーで、{capacity_l}リットルのお湯を数分で沸かします。",
    ),
    tag=_t("{capacity_l} L", "{capacity_l} l", "{capacity_l} l", "{capacity_l} L",
           "{capacity_l}L"),
)

_DISHWASHERS = _Leaf(
    slug="dishwashers",
    parent="kitchen",
    names=_t(
        "Dishwashers", "Lavavajillas", "Geschirrspüler", "Lave-vaisselle", "食器洗い乾燥機",
    ),
    prefix="DSH",
    brands=("Hvitfoss", "Küchenwerk"),
    suffixes=_SUF_HOME,
    kinds=(
        _Kind(
            "freestanding",
            _t(
                "freestanding dishwasher:s", "lavavajillas de libre instalación:m",
                "Standgeschirrspüler:m", "lave-vaisselle pose libre:m",
                "据え置き型食器洗い乾燥機",
            ),
            (399, 899),
            attrs={"width_cm": (60,), "place_settings": (12, 13, 14)},
        ),
        _Kind(
            "integrated",
            _t(
                "fully integrated dishwasher:s", "lavavajillas integrable:m",
                "Einbaugeschirrspüler:m", "lave-vaisselle tout intégrable:m",
                "ビルトイン食器洗い乾燥機",
            ),
            (499, 1299),
            attrs={"width_cm": (60,), "place_settings": (13, 14, 15)},
        ),
        _Kind(
            "slim",
            _t(
                "slimline dishwasher:s", "lavavajillas estrecho:m", "45-cm-Geschirrspüler:m",
                "lave-vaisselle compact:m", "スリム型食器洗い乾燥機",
            ),
            (349, 799),
            attrs={"width_cm": (45,), "place_settings": (9, 10)},
        ),
        _Kind(
            "countertop",
            _t(
                "countertop dishwasher:s", "lavavajillas de sobremesa:m",
                "Tischgeschirrspüler:m", "lave-vaisselle de comptoir:m",
                "卓上型食器洗い乾燥機",
            ),
            (249, 449),
            attrs={"width_cm": (55,), "place_settings": (6,)},
        ),
    ),
    materials=("stainless steel",),
    colours=("white", "silver", "black"),
    attrs={"noise_db": _range(38, 48), "energy_class": ("A", "B", "C", "D")},
    intros={
        "en": (
            "The {brand} {model} {is} {a}{noun} with a stainless-steel interior and a {colour} "
            "front, designed for {use}.",
            "{This} {noun} from {brand} has a stainless-steel tub and a {colour} finish, making "
            "it ideal for {use}.",
        ),
        "es": (
            "{El} {noun} {model} de {brand} tiene cuba de acero inoxidable y frontal en color "
            "{colour}, y {es} perfect{o} para {use}.",
            "{Este} {noun} de {brand}, con cuba de acero inoxidable y acabado en color {colour}, "
            "{es} perfect{o} para {use}.",
        ),
        "de": (
            "{Der} {brand} {model} {ist} {ein}{noun} mit Edelstahl-Innenraum und Front in "
            "{colour} " + _DASH + " ideal für {use}.",
            "{Dieser} {noun} von {brand} hat einen Innenraum aus Edelstahl, ist in {colour} "
            "erhältlich und eignet sich ideal für {use}.",
        ),
        "fr": (
            "{Le}{noun} {brand} {model} possède une cuve en inox, se décline en {colour} et "
            "{est} conçu{e} pour {use}.",
            "Avec sa cuve en inox et son coloris {colour}, {le}{noun} {model} "
            "{de_brand} {est} parfait{e} pour {use}.",
        ),
        "ja": (
            "{brand}の{model}は、ステンレス製の庫内を備えた{noun}です。カラーは{colour}で、"
            "{use}に最適です。",
            "{use}に最適な、{brand}の{noun}「{model}」。庫内はステンレス製で、"
            "カラーは{colour}です。",
        ),
    },
    uses=(
        _t(
            "large families who cook every day", "las familias numerosas que cocinan a diario",
            "große Familien, die täglich kochen",
            "les grandes familles qui cuisinent tous les jours", "毎日料理をする大家族",
        ),
        _t(
            "small kitchens and shared flats", "las cocinas pequeñas y los pisos compartidos",
            "kleine Küchen und Wohngemeinschaften", "les petites cuisines et les colocations",
            "小さなキッチンやシェアハウス",
        ),
    ),
    features=(
        _f(
            _t(
                "At just {noise_db} dB it is quiet enough to run while you sleep or work from "
                "home.",
                "Con solo {noise_db} dB, es tan silencioso que puedes ponerlo mientras duermes o "
                "teletrabajas.",
                "Mit nur {noise_db} dB ist er so leise, dass er auch nachts oder während der "
                "Arbeit im Homeoffice laufen kann.",
                "Avec seulement {noise_db} dB, il est assez silencieux pour tourner la nuit ou "
                "pendant le télétravail.",
                "運転音はわずか{noise_db}dBと静かなので、就寝中や在宅勤務中でも気になりません。",
            ),
            always=True,
        ),
        _f(
            _t(
                "Auto-open drying opens the door at the end of the cycle for spotless, dry "
                "dishes.",
                "El secado con apertura automática de puerta deja la vajilla seca y sin marcas.",
                "Die automatische Türöffnung am Programmende sorgt für trockenes, fleckenfreies "
                "Geschirr.",
                "L'ouverture automatique de la porte en fin de cycle assure une vaisselle sèche "
                "et sans traces.",
                "運転終了時に扉が自動で開き、食器をしっかり乾燥させます。",
            ),
        ),
        _f(
            _t(
                "Wi-Fi connectivity lets you start and monitor programmes from your phone.",
                "La conexión wifi permite iniciar y controlar los programas desde el móvil.",
                "Per WLAN lassen sich Programme bequem vom Smartphone aus starten und "
                "überwachen.",
                "La connexion Wi-Fi permet de lancer et de suivre les programmes depuis votre "
                "smartphone.",
                "Wi-Fi接続で、スマートフォンからプログラムの開始や確認ができます。",
            ),
        ),
        _f(
            _t(
                "The eco programme uses only 9 litres of water per cycle.",
                "El programa eco utiliza solo 9 litros de agua por ciclo.",
                "Das Eco-Programm verbraucht nur 9 Liter Wasser pro Durchlauf.",
                "Le programme éco n'utilise que 9 litres d'eau par cycle.",
                "エコプログラムなら、1回の使用水量はわずか9リットルです。",
            ),
        ),
        _f(
            _t(
                "A third cutlery drawer frees up space for large pots in the lower basket.",
                "La tercera bandeja para cubiertos deja espacio libre para ollas grandes en el "
                "cesto inferior.",
                "Eine dritte Besteckschublade schafft im Unterkorb Platz für große Töpfe.",
                "Un troisième panier à couverts libère de la place pour les grandes casseroles "
                "dans le panier inférieur.",
                "3段目のカトラリートレイで、下段に大きな鍋を入れるスペースを確保できます。",
            ),
            kinds=("freestanding", "integrated", "slim"),
        ),
    ),
    spec=_t(
        "It holds {place_settings} place settings, is {width_cm} cm wide and is rated energy "
        "class {energy_class}.",
        "Tiene capacidad para {place_settings} servicios, mide {width_cm} cm de ancho y "
        "pertenece a la clase energética {energy_class}.",
        "Er bietet Platz für {place_settings} Maßgedecke, ist {width_cm} cm breit und erreicht "
        "die Energieeffizienzklasse {energy_class}.",
        "Il accueille {place_settings} couverts, mesure {width_cm} cm de large et affiche la "
        "classe énergétique {energy_class}.",
        "{place_settings}人分の食器に対応し、幅は{width_cm}cm、"
        "エネルギー効率クラスは{energy_class}です。",
    ),
    tag=_t(
        "{place_settings} place settings", "{place_settings} servicios",
        "{place_settings} Maßgedecke", "{place_settings} couverts", "{place_settings}人分",
    ),
)

# No active noise cancelling: the Japanese-only DEMO-JA-HEADPHONES is the only such product.
_HEADPHONES = _Leaf(
    slug="headphones",
    parent="electronics",
    names=_t("Headphones", "Auriculares", "Kopfhörer", "Casques et écouteurs", "ヘッドホン"),
    prefix="HPH",
    brands=("Sonora Audio", "Koyo", "Voltix"),
    suffixes=_SUF_TECH,
    kinds=(
        _Kind(
            "earbuds",
            _t(
                "true wireless earbuds:p", "auriculares inalámbricos:mp",
                "Bluetooth-In-Ear-Kopfhörer:m", "écouteurs sans fil:mp", "完全ワイヤレスイヤホン",
            ),
            (39, 199),
            attrs={"wireless": ("yes",), "battery_h": (6, 8, 10), "driver_mm": (10, 12)},
        ),
        _Kind(
            "studio",
            _t(
                "wired studio headphones:p", "auriculares de estudio con cable:mp",
                "Studiokopfhörer:m", "casque de studio filaire:m", "有線スタジオモニターヘッドホン",
            ),
            (79, 249),
            attrs={"wireless": ("no",), "driver_mm": (40, 45, 50)},
            materials=("aluminium", "recycled plastic"),
        ),
        _Kind(
            "onear",
            _t(
                "on-ear Bluetooth headphones:p", "auriculares supraaurales Bluetooth:mp",
                "On-Ear-Bluetooth-Kopfhörer:m", "casque supra-auriculaire Bluetooth:m",
                "オンイヤー型Bluetoothヘッドホン",
            ),
            (49, 149),
            attrs={"wireless": ("yes",), "battery_h": (30, 40, 50), "driver_mm": (32, 40)},
        ),
        _Kind(
            "sport",
            _t(
                "bone-conduction sports headphones:p",
                "auriculares deportivos de conducción ósea:mp", "Knochenschall-Sportkopfhörer:m",
                "écouteurs de sport à conduction osseuse:mp", "骨伝導スポーツヘッドホン",
            ),
            (69, 179),
            attrs={"wireless": ("yes",), "battery_h": (8, 10)},
        ),
        _Kind(
            "kids",
            _t(
                "kids' headphones with volume limiter:p",
                "auriculares infantiles con limitador de volumen:mp",
                "Kinderkopfhörer mit Lautstärkebegrenzung:m",
                "casque pour enfants avec limiteur de volume:m",
                "音量制限機能付きキッズヘッドホン",
            ),
            (19, 49),
            attrs={"wireless": ("yes", "no"), "battery_h": (20, 24), "driver_mm": (32, 40)},
            materials=("recycled plastic",),
        ),
    ),
    materials=("recycled plastic", "aluminium"),
    colours=("black", "white", "blue", "silver", "pink", "green", "sand"),
    attrs={"noise_cancelling": ("no",)},
    uses=(
        _t(
            "commuting, workouts and video calls",
            "los desplazamientos, el deporte y las videollamadas",
            "den Arbeitsweg, das Training und Videocalls",
            "les trajets, le sport et les visioconférences", "通勤やトレーニング、ビデオ通話",
        ),
        _t(
            "music at home and long train journeys",
            "la música en casa y los viajes largos en tren",
            "Musik zu Hause und lange Bahnfahrten",
            "la musique à la maison et les longs trajets en train",
            "自宅での音楽鑑賞や長時間の電車移動",
        ),
    ),
    features=(
        _f(
            _t(
                "The battery lasts up to {battery_h} hours, and a 10-minute charge adds another "
                "two.",
                "La batería dura hasta {battery_h} horas y con 10 minutos de carga obtienes dos "
                "horas más.",
                "Der Akku hält bis zu {battery_h} Stunden, und 10 Minuten Laden reichen für zwei "
                "weitere.",
                "La batterie tient jusqu'à {battery_h} heures, et 10 minutes de charge offrent "
                "deux heures de plus.",
                "バッテリーは最大{battery_h}時間持続し、10分の充電で約2時間再生できます。",
            ),
            requires={"wireless": ("yes",)},
            always=True,
        ),
        _f(
            _t(
                "The detachable 3.5 mm cable delivers lossless sound without any battery to "
                "charge.",
                "El cable desmontable de 3,5 mm ofrece sonido sin pérdidas y sin baterías que "
                "cargar.",
                "Das abnehmbare 3,5-mm-Kabel liefert verlustfreien Klang " + _DASH + " ganz ohne "
                "Akku.",
                "Le câble détachable de 3,5 mm offre un son sans perte, sans batterie à "
                "recharger.",
                "着脱式の3.5mmケーブルで、充電不要のロスレスサウンドを楽しめます。",
            ),
            requires={"wireless": ("no",)},
            always=True,
        ),
        _f(
            _t(
                "{driver_mm} mm drivers deliver deep bass and clear vocals.",
                "Los transductores de {driver_mm} mm ofrecen graves profundos y voces nítidas.",
                "{driver_mm}-mm-Treiber liefern satte Bässe und klare Stimmen.",
                "Les haut-parleurs de {driver_mm} mm offrent des basses profondes et des voix "
                "claires.",
                "{driver_mm}mmドライバーが、深みのある低音とクリアなボーカルを再生します。",
            ),
            kinds=("earbuds", "studio", "onear", "kids"),
        ),
        _f(
            _t(
                "Built-in microphones make calls sound clear, even outdoors.",
                "Los micrófonos integrados garantizan llamadas nítidas, incluso en exteriores.",
                "Integrierte Mikrofone sorgen auch draußen für klare Telefonate.",
                "Les micros intégrés assurent des appels clairs, même en extérieur.",
                "内蔵マイクで、屋外でもクリアな通話が可能です。",
            ),
            kinds=("earbuds", "onear", "sport"),
        ),
        _f(
            _t(
                "An IPX4 rating protects against sweat and light rain.",
                "La certificación IPX4 protege del sudor y de la lluvia ligera.",
                "Die IPX4-Zertifizierung schützt vor Schweiß und leichtem Regen.",
                "La certification IPX4 protège de la transpiration et de la pluie légère.",
                "IPX4の防滴性能で、汗や小雨にも強い仕様です。",
            ),
            kinds=("earbuds", "sport"),
        ),
        _f(
            _t(
                "Soft memory-foam ear cushions stay comfortable for hours.",
                "Las almohadillas de espuma viscoelástica resultan cómodas durante horas.",
                "Weiche Ohrpolster aus Memory-Schaum bleiben stundenlang bequem.",
                "Les coussinets en mousse à mémoire de forme restent confortables pendant des "
                "heures.",
                "低反発フォームのイヤーパッドで、長時間でも快適です。",
            ),
            kinds=("studio", "onear", "kids"),
        ),
        _f(
            _t(
                "The volume is limited to 85 dB to protect young ears.",
                "El volumen está limitado a 85 dB para proteger los oídos de los niños.",
                "Die Lautstärke ist auf 85 dB begrenzt, um Kinderohren zu schützen.",
                "Le volume est limité à 85 dB pour protéger les oreilles des enfants.",
                "音量は85dBに制限されており、子どもの耳を守ります。",
            ),
            kinds=("kids",),
            always=True,
        ),
    ),
)

_TABLETS = _Leaf(
    slug="tablets",
    parent="electronics",
    names=_t("Tablets", "Tabletas", "Tablets", "Tablettes", "タブレット"),
    prefix="TAB",
    brands=("Orbis", "Koyo", "Voltix"),
    suffixes=_SUF_TECH,
    kinds=(
        _Kind(
            "standard",
            _t("tablet:s", "tableta:f", "Tablet:n", "tablette:f", "タブレット"),
            (199, 499),
            attrs={
                "screen_in": (10.1, 10.9, 11),
                "storage_gb": (64, 128, 256),
                "battery_h": (10, 12),
                "weight_g": _range(460, 520, 5),
            },
            materials=("aluminium",),
            colours=("space grey", "silver", "blue", "green"),
        ),
        _Kind(
            "pro",
            _t(
                "professional tablet with stylus support:s",
                "tableta profesional compatible con lápiz:f",
                "Profi-Tablet mit Stiftunterstützung:n",
                "tablette professionnelle compatible stylet:f", "スタイラス対応プロ向けタブレット",
            ),
            (549, 1199),
            attrs={
                "screen_in": (11, 12.4, 12.9),
                "storage_gb": (256, 512),
                "battery_h": (10, 12),
                "weight_g": _range(580, 690, 5),
            },
            materials=("aluminium",),
            colours=("space grey", "silver"),
        ),
        _Kind(
            "kids",
            _t(
                "kids' tablet with protective case:s", "tableta infantil con funda protectora:f",
                "Kinder-Tablet mit Schutzhülle:n", "tablette pour enfants avec coque de "
                "protection:f", "保護ケース付きキッズタブレット",
            ),
            (99, 179),
            attrs={
                "screen_in": (8, 10.1),
                "storage_gb": (32, 64),
                "battery_h": (10, 12),
                "weight_g": _range(350, 480, 10),
            },
            materials=("recycled plastic",),
            colours=("blue", "pink", "green"),
        ),
        _Kind(
            "ereader",
            _t(
                "e-reader with glare-free display:s",
                "lector de libros electrónicos con pantalla antirreflejos:m",
                "E-Book-Reader mit blendfreiem Display:m", "liseuse à écran antireflet:f",
                "反射しにくいディスプレイの電子書籍リーダー",
            ),
            (99, 249),
            attrs={
                "screen_in": (6, 7, 10.3),
                "storage_gb": (16, 32),
                "weight_g": _range(170, 400, 10),
            },
            materials=("recycled plastic",),
            colours=("black", "sand"),
        ),
    ),
    uses=(
        _t(
            "streaming, reading and video calls", "ver series, leer y hacer videollamadas",
            "Streaming, Lesen und Videocalls", "le streaming, la lecture et les appels vidéo",
            "動画視聴や読書、ビデオ通話",
        ),
        _t(
            "note-taking, drawing and travel", "tomar apuntes, dibujar y viajar",
            "Notizen, Zeichnen und Reisen", "la prise de notes, le dessin et les voyages",
            "ノート作成やイラスト、旅行",
        ),
    ),
    features=(
        _f(
            _t(
                "The {screen_in}-inch display shows sharp text and vivid colours, even in bright "
                "sunlight.",
                "La pantalla de {screen_in} pulgadas muestra textos nítidos y colores vivos, "
                "incluso a pleno sol.",
                "Das {screen_in}-Zoll-Display zeigt scharfe Texte und kräftige Farben, selbst "
                "bei hellem Sonnenlicht.",
                "L'écran de {screen_in} pouces affiche des textes nets et des couleurs vives, "
                "même en plein soleil.",
                "{screen_in}インチのディスプレイは、明るい日差しの下でも文字がくっきり、"
                "色鮮やかに映ります。",
            ),
            kinds=("standard", "pro", "kids"),
            always=True,
        ),
        _f(
            _t(
                "The {screen_in}-inch E Ink display reads like paper and has an adjustable warm "
                "front light.",
                "La pantalla E Ink de {screen_in} pulgadas se lee como el papel y tiene luz "
                "frontal cálida regulable.",
                "Das {screen_in}-Zoll-E-Ink-Display liest sich wie Papier und hat ein "
                "regulierbares, warmes Frontlicht.",
                "L'écran E Ink de {screen_in} pouces se lit comme du papier et dispose d'un "
                "éclairage chaud réglable.",
                "{screen_in}インチのE Inkディスプレイは紙のように読みやすく、"
                "暖色のフロントライトも調整できます。",
            ),
            kinds=("ereader",),
            always=True,
        ),
        _f(
            _t(
                "The battery lasts up to {battery_h} hours of video playback.",
                "La batería ofrece hasta {battery_h} horas de reproducción de vídeo.",
                "Der Akku hält bis zu {battery_h} Stunden Videowiedergabe durch.",
                "La batterie offre jusqu'à {battery_h} heures de lecture vidéo.",
                "バッテリーは動画再生で最大{battery_h}時間持続します。",
            ),
            kinds=("standard", "pro", "kids"),
        ),
        _f(
            _t(
                "A single charge lasts for weeks of reading, and the IPX8 rating makes it safe "
                "to read in the bath.",
                "Una sola carga dura semanas de lectura, y la certificación IPX8 permite leer "
                "incluso en la bañera.",
                "Eine Akkuladung reicht für wochenlanges Lesen, und dank IPX8-Schutz ist Lesen "
                "sogar in der Badewanne kein Problem.",
                "Une seule charge tient des semaines de lecture, et la certification IPX8 permet "
                "de lire même dans le bain.",
                "1回の充電で数週間読書でき、IPX8の防水性能でお風呂でも安心して読めます。",
            ),
            kinds=("ereader",),
            always=True,
        ),
        _f(
            _t(
                "It supports a pressure-sensitive stylus with virtually no lag for drawing and "
                "handwriting.",
                "Es compatible con un lápiz sensible a la presión, prácticamente sin retardo, "
                "para dibujar y escribir a mano.",
                "Ein druckempfindlicher Stift wird nahezu verzögerungsfrei unterstützt "
                + _DASH
                + " ideal zum Zeichnen und für Handschrift.",
                "Elle prend en charge un stylet sensible à la pression, quasiment sans latence, "
                "pour le dessin et l'écriture manuscrite.",
                "筆圧感知スタイラスにほぼ遅延なく対応し、イラストや手書きメモに最適です。",
            ),
            kinds=("pro",),
            always=True,
        ),
        _f(
            _t(
                "Parental controls let you set screen-time limits and approve apps.",
                "El control parental permite limitar el tiempo de pantalla y aprobar "
                "aplicaciones.",
                "Mit der Kindersicherung legen Eltern Bildschirmzeiten fest und geben Apps frei.",
                "Le contrôle parental permet de limiter le temps d'écran et d'approuver les "
                "applications.",
                "ペアレンタルコントロールで、利用時間の制限やアプリの承認ができます。",
            ),
            kinds=("kids",),
            always=True,
        ),
        _f(
            _t(
                "Four speakers deliver rich stereo sound for films and music.",
                "Sus cuatro altavoces ofrecen un sonido estéreo envolvente para películas y "
                "música.",
                "Vier Lautsprecher liefern satten Stereoklang für Filme und Musik.",
                "Quatre haut-parleurs offrent un son stéréo riche pour les films et la musique.",
                "4基のスピーカーで、映画や音楽を迫力あるステレオサウンドで楽しめます。",
            ),
            kinds=("standard", "pro"),
        ),
    ),
    spec=_t(
        "It has {storage_gb} GB of storage and weighs {weight_g} g.",
        "Cuenta con {storage_gb} GB de almacenamiento y pesa {weight_g} g.",
        "Der Speicher fasst {storage_gb} GB, das Gewicht liegt bei {weight_g} g.",
        "Elle offre {storage_gb} Go de stockage pour un poids de {weight_g} g.",
        "ストレージは{storage_gb}GB、重さは{weight_g}gです。",
    ),
    tag=_t(
        '{screen_in}", {storage_gb} GB', '{screen_in}", {storage_gb} GB',
        "{screen_in} Zoll, {storage_gb} GB", "{screen_in} pouces, {storage_gb} Go",
        "{screen_in}インチ・{storage_gb}GB",
    ),
)

_SMARTWATCHES = _Leaf(
    slug="smartwatches",
    parent="electronics",
    names=_t(
        "Smartwatches", "Relojes inteligentes", "Smartwatches", "Montres connectées",
        "スマートウォッチ",
    ),
    prefix="WAT",
    brands=("Tidewatch", "Orbis", "Voltix"),
    suffixes=_SUF_TECH,
    kinds=(
        _Kind(
            "smartwatch",
            _t("smartwatch:s", "reloj inteligente:m", "Smartwatch:f", "montre connectée:f",
               "スマートウォッチ"),
            (149, 449),
            attrs={"gps": ("yes",), "battery_days": (2, 3, 7), "case_mm": (41, 45)},
        ),
        _Kind(
            "gpssport",
            _t(
                "GPS sports watch:s", "reloj deportivo con GPS:m", "GPS-Sportuhr:f",
                "montre de sport GPS:f", "GPSスポーツウォッチ",
            ),
            (199, 699),
            attrs={
                "gps": ("yes",),
                "battery_days": (14, 21, 30),
                "case_mm": (43, 47),
                "water_resistance_atm": (10,),
            },
            materials=("titanium", "stainless steel", "aluminium"),
        ),
        _Kind(
            "fitness",
            _t(
                "fitness tracker:s", "pulsera de actividad:f", "Fitnessarmband:n",
                "bracelet d'activité:m", "フィットネストラッカー",
            ),
            (39, 129),
            attrs={"gps": ("no",), "battery_days": (10, 14), "weight_g": _range(22, 30)},
            materials=("recycled plastic",),
            spec=_t(
                "It weighs only {weight_g} g, so you will hardly notice it on your wrist.",
                "Pesa solo {weight_g} g, así que apenas notarás que la llevas puesta.",
                "Mit nur {weight_g} g spürt man es kaum am Handgelenk.",
                "Il ne pèse que {weight_g} g et se fait oublier au poignet.",
                "重さはわずか{weight_g}gで、着けていることを忘れるほど軽量です。",
            ),
        ),
        _Kind(
            "hybrid",
            _t(
                "hybrid smartwatch with analogue hands:s", "reloj híbrido con agujas analógicas:m",
                "Hybrid-Smartwatch mit analogen Zeigern:f",
                "montre hybride à aiguilles analogiques:f",
                "アナログ針のハイブリッドスマートウォッチ",
            ),
            (149, 329),
            attrs={"gps": ("no",), "battery_days": (21, 30), "case_mm": (38, 42)},
            materials=("stainless steel", "titanium"),
        ),
    ),
    materials=("aluminium", "stainless steel", "titanium"),
    colours=("black", "silver", "blue", "green", "pink", "sand"),
    attrs={"waterproof": ("yes",), "water_resistance_atm": (5, 10)},
    uses=(
        _t(
            "training, sleep tracking and everyday notifications",
            "el entrenamiento, el seguimiento del sueño y las notificaciones diarias",
            "Training, Schlaftracking und Benachrichtigungen im Alltag",
            "l'entraînement, le suivi du sommeil et les notifications du quotidien",
            "トレーニングや睡眠記録、毎日の通知チェック",
        ),
        _t(
            "running, swimming and mountain adventures",
            "correr, nadar y las aventuras en la montaña",
            "Laufen, Schwimmen und Abenteuer in den Bergen",
            "la course, la natation et les aventures en montagne",
            "ランニングや水泳、山でのアクティビティ",
        ),
    ),
    features=(
        _f(
            _t(
                "It is waterproof to {water_resistance_atm} ATM, so you can swim and shower "
                "without taking it off.",
                "Con una resistencia al agua de {water_resistance_atm} ATM, puedes nadar y "
                "ducharte sin problemas.",
                "Dank Wasserdichtigkeit bis {water_resistance_atm} ATM sind Schwimmen und "
                "Duschen kein Problem.",
                "Grâce à son étanchéité jusqu'à {water_resistance_atm} ATM, vous pouvez nager et "
                "vous doucher sans l'enlever.",
                "{water_resistance_atm}気圧防水で、水泳やシャワー中も着けたままで使えます。",
            ),
            requires={"waterproof": ("yes",)},
            always=True,
        ),
        _f(
            _t(
                "Dual-band GPS records pace, distance and route with high accuracy.",
                "El GPS de doble frecuencia registra ritmo, distancia y ruta con gran precisión.",
                "Dual-Band-GPS zeichnet Tempo, Distanz und Route sehr genau auf.",
                "Le GPS bi-fréquence enregistre l'allure, la distance et l'itinéraire avec "
                "précision.",
                "デュアルバンドGPSが、ペースや距離、ルートを高精度で記録します。",
            ),
            requires={"gps": ("yes",)},
        ),
        _f(
            _t(
                "Sensors track heart rate, blood oxygen and sleep quality around the clock.",
                "Sus sensores miden el pulso, el oxígeno en sangre y la calidad del sueño las 24 "
                "horas.",
                "Sensoren erfassen rund um die Uhr Herzfrequenz, Blutsauerstoff und "
                "Schlafqualität.",
                "Les capteurs mesurent la fréquence cardiaque, l'oxygène sanguin et la qualité "
                "du sommeil 24 h/24.",
                "センサーが心拍数や血中酸素、睡眠の質を24時間計測します。",
            ),
        ),
        _f(
            _t(
                "Notifications for calls, messages and calendar events appear right on your "
                "wrist.",
                "Las notificaciones de llamadas, mensajes y citas aparecen directamente en tu "
                "muñeca.",
                "Benachrichtigungen zu Anrufen, Nachrichten und Terminen erscheinen direkt am "
                "Handgelenk.",
                "Les notifications d'appels, de messages et d'agenda s'affichent directement au "
                "poignet.",
                "電話やメッセージ、予定の通知を手元で確認できます。",
            ),
        ),
        _f(
            _t(
                "The battery lasts up to {battery_days} days on a single charge.",
                "La batería dura hasta {battery_days} días con una sola carga.",
                "Der Akku hält mit einer Ladung bis zu {battery_days} Tage.",
                "La batterie tient jusqu'à {battery_days} jours avec une seule charge.",
                "1回の充電でバッテリーは最大{battery_days}日間持続します。",
            ),
        ),
    ),
    spec=_t(
        "The case measures {case_mm} mm and the strap is quick to swap.",
        "La caja mide {case_mm} mm y la correa se cambia en segundos.",
        "Das Gehäuse misst {case_mm} mm, das Armband lässt sich schnell wechseln.",
        "Le boîtier mesure {case_mm} mm et le bracelet se change en quelques secondes.",
        "ケースサイズは{case_mm}mmで、ベルトは簡単に交換できます。",
    ),
)

# No ultralight two-person tents: the German-only DEMO-DE-ZELT is the only one.
_TENTS = _Leaf(
    slug="tents",
    parent="outdoor",
    names=_t("Tents", "Tiendas de campaña", "Zelte", "Tentes", "テント"),
    prefix="TNT",
    brands=("Nordwand", "Alpenglüh", "Cumbre", "Trailhead Co."),
    suffixes=_SUF_OUTDOOR,
    kinds=(
        _Kind(
            "dome",
            _t("dome tent:s", "tienda de campaña iglú:f", "Kuppelzelt:n", "tente dôme:f",
               "ドームテント"),
            (89, 299),
            attrs={"persons": (3, 4), "weight_kg": _tenths(32, 48)},
        ),
        _Kind(
            "tunnel",
            _t("tunnel tent:s", "tienda túnel:f", "Tunnelzelt:n", "tente tunnel:f",
               "トンネルテント"),
            (149, 499),
            attrs={"persons": (3, 4, 6), "weight_kg": _tenths(38, 80)},
        ),
        _Kind(
            "family",
            _t(
                "family tent with two bedrooms:s", "tienda familiar con dos habitaciones:f",
                "Familienzelt mit zwei Schlafkabinen:n", "tente familiale à deux chambres:f",
                "2ルームファミリーテント",
            ),
            (249, 799),
            attrs={"persons": (4, 6, 8), "weight_kg": _tenths(90, 180)},
            materials=("polyester", "cotton canvas"),
        ),
        _Kind(
            "expedition",
            _t(
                "four-season expedition tent:s", "tienda de expedición para cuatro estaciones:f",
                "Vier-Jahreszeiten-Expeditionszelt:n", "tente d'expédition quatre saisons:f",
                "4シーズン対応遠征用テント",
            ),
            (449, 899),
            attrs={
                "persons": (2, 3),
                "weight_kg": _tenths(32, 48),
                "season": ("4-season",),
                "hydrostatic_head_mm": (5000,),
            },
            materials=("ripstop nylon", "polyester"),
        ),
        _Kind(
            "popup",
            _t("pop-up festival tent:s", "tienda de montaje instantáneo:f", "Wurfzelt:n",
               "tente pop-up:f", "ポップアップテント"),
            (49, 129),
            attrs={"persons": (2, 3), "weight_kg": _tenths(22, 30)},
            materials=("polyester",),
        ),
    ),
    materials=("polyester", "ripstop nylon", "cotton canvas"),
    colours=("green", "olive", "orange", "grey", "sand", "blue"),
    attrs={
        "waterproof": ("yes",),
        "hydrostatic_head_mm": (2000, 3000, 4000),
        "season": ("3-season",),
    },
    uses=(
        _t(
            "camping trips and music festivals", "las acampadas y los festivales de música",
            "Campingausflüge und Musikfestivals", "le camping et les festivals de musique",
            "キャンプ旅行や音楽フェス",
        ),
        _t(
            "summer camping with the family", "el camping de verano en familia",
            "Sommercamping mit der Familie", "le camping d'été en famille",
            "家族での夏のキャンプ",
        ),
        _t(
            "mountain trips in changeable weather",
            "las salidas a la montaña con tiempo cambiante",
            "Bergtouren bei wechselhaftem Wetter", "les sorties en montagne par temps changeant",
            "天候の変わりやすい山での泊まり",
        ),
    ),
    features=(
        _f(
            _t(
                "The flysheet is waterproof to {hydrostatic_head_mm} mm, and all seams are "
                "taped.",
                "El doble techo es impermeable hasta {hydrostatic_head_mm} mm y todas las "
                "costuras están selladas.",
                "Das Außenzelt ist bis {hydrostatic_head_mm} mm Wassersäule wasserdicht, alle "
                "Nähte sind verschweißt.",
                "Le double toit est imperméable jusqu'à {hydrostatic_head_mm} mm et toutes les "
                "coutures sont étanchées.",
                "フライシートは耐水圧{hydrostatic_head_mm}mmの防水仕様で、"
                "すべての縫い目にシームテープ処理を施しています。",
            ),
            always=True,
        ),
        _f(
            _t(
                "Colour-coded poles make pitching quick, even for beginners.",
                "Las varillas codificadas por colores permiten montarla rápidamente, incluso a "
                "principiantes.",
                "Farbcodierte Stangen ermöglichen einen schnellen Aufbau, auch für Einsteiger.",
                "Les arceaux à code couleur permettent un montage rapide, même pour les "
                "débutants.",
                "色分けされたポールで、初心者でも素早く設営できます。",
            ),
            kinds=("dome", "tunnel", "family", "expedition"),
        ),
        _f(
            _t(
                "It pitches itself in seconds and folds into a flat, round carry bag.",
                "Se monta sola en segundos y se pliega en una bolsa redonda y plana.",
                "Es baut sich in Sekunden von selbst auf und lässt sich in eine flache, runde "
                "Tasche falten.",
                "Elle se monte toute seule en quelques secondes et se replie dans un sac rond et "
                "plat.",
                "数秒で自動的に設営でき、丸く平らな収納袋にたためます。",
            ),
            kinds=("popup",),
            always=True,
        ),
        _f(
            _t(
                "Two vents and mesh doors reduce condensation on warm nights.",
                "Dos aireadores y puertas de malla reducen la condensación en las noches "
                "cálidas.",
                "Zwei Lüfter und Moskitonetztüren verringern Kondenswasser in warmen Nächten.",
                "Deux aérations et des portes en moustiquaire limitent la condensation les nuits "
                "chaudes.",
                "2か所のベンチレーターとメッシュドアで、暖かい夜の結露を抑えます。",
            ),
        ),
        _f(
            _t(
                "A spacious vestibule keeps boots and backpacks dry.",
                "El amplio avance mantiene secas las botas y las mochilas.",
                "Eine geräumige Apsis hält Schuhe und Rucksäcke trocken.",
                "Un vaste auvent garde les chaussures et les sacs à l'abri.",
                "広い前室に靴やバックパックを濡らさずに置けます。",
            ),
            kinds=("dome", "tunnel", "family", "expedition"),
        ),
        _f(
            _t(
                "Extra guy lines and a low profile keep it stable in strong winds and snow.",
                "Los vientos adicionales y su perfil bajo la mantienen estable con viento fuerte "
                "y nieve.",
                "Zusätzliche Abspannleinen und eine flache Bauweise sorgen für Stabilität bei "
                "Sturm und Schnee.",
                "Des haubans supplémentaires et un profil bas assurent sa stabilité par grand "
                "vent et sous la neige.",
                "追加の張り綱と低いシルエットで、強風や雪の中でも安定します。",
            ),
            kinds=("expedition",),
            always=True,
        ),
    ),
    spec=_t(
        "It sleeps {persons} people and weighs {weight_kg} kg packed.",
        "Tiene capacidad para {persons} personas y pesa {weight_kg} kg en su funda.",
        "Es bietet Platz für {persons} Personen und wiegt verpackt {weight_kg} kg.",
        "Elle accueille {persons} personnes et pèse {weight_kg} kg dans son sac.",
        "{persons}人用で、収納時の重量は{weight_kg}kgです。",
    ),
    tag=_t("{persons} people", "{persons} personas", "{persons} Personen", "{persons} places",
           "{persons}人用"),
)

_BACKPACKS = _Leaf(
    slug="backpacks",
    parent="outdoor",
    names=_t("Backpacks", "Mochilas", "Rucksäcke", "Sacs à dos", "バックパック"),
    prefix="BPK",
    brands=("Nordwand", "Trailhead Co.", "Tidewatch", "Cumbre"),
    suffixes=_SUF_OUTDOOR,
    kinds=(
        _Kind(
            "daypack",
            _t(
                "hiking daypack:s", "mochila de senderismo:f", "Tagesrucksack zum Wandern:m",
                "sac à dos de randonnée:m", "ハイキング用デイパック",
            ),
            (49, 139),
            attrs={"capacity_l": (18, 22, 25, 28), "weight_g": _range(600, 1100, 50)},
        ),
        _Kind(
            "trekking",
            _t(
                "trekking backpack:s", "mochila de trekking:f", "Trekkingrucksack:m",
                "sac à dos de trekking:m", "トレッキング用バックパック",
            ),
            (129, 269),
            attrs={"capacity_l": (45, 55, 65), "weight_g": _range(1400, 2200, 50)},
        ),
        _Kind(
            "commuter",
            _t(
                "laptop commuter backpack:s", "mochila urbana para portátil:f",
                "Laptop-Rucksack für die Stadt:m", "sac à dos urbain pour ordinateur portable:m",
                "PC収納対応の通勤用リュック",
            ),
            (59, 179),
            attrs={
                "capacity_l": (18, 20, 24),
                "weight_g": _range(700, 1200, 50),
                "laptop_in": (14, 15, 16),
            },
            materials=("recycled polyester", "waxed canvas", "nylon"),
        ),
        _Kind(
            "rolltop",
            _t(
                "roll-top bike backpack:s", "mochila de ciclismo con cierre enrollable:f",
                "Rolltop-Fahrradrucksack:m", "sac à dos vélo à fermeture enroulable:m",
                "ロールトップ式サイクリングリュック",
            ),
            (69, 159),
            attrs={
                "capacity_l": (20, 25, 30),
                "waterproof": ("yes",),
                "weight_g": _range(800, 1100, 50),
            },
            materials=("tarpaulin", "recycled polyester"),
        ),
    ),
    materials=("recycled polyester", "nylon", "ripstop nylon"),
    colours=("black", "olive", "grey", "navy", "red", "blue", "sand", "orange"),
    attrs={"waterproof": ("no", "no", "yes")},
    uses=(
        _t(
            "day hikes and weekend trips",
            "las rutas de un día y las escapadas de fin de semana",
            "Tagestouren und Wochenendausflüge",
            "les randonnées à la journée et les escapades du week-end",
            "日帰りハイキングや週末の小旅行",
        ),
        _t(
            "the daily commute and travel", "el trayecto diario al trabajo y los viajes",
            "den täglichen Arbeitsweg und Reisen", "les trajets quotidiens et les voyages",
            "毎日の通勤や旅行",
        ),
    ),
    features=(
        _f(
            _t(
                "A waterproof coating and sealed zips keep your gear dry in downpours.",
                "El recubrimiento impermeable y las cremalleras selladas mantienen tu equipo "
                "seco bajo los aguaceros.",
                "Eine wasserdichte Beschichtung und abgedichtete Reißverschlüsse halten die "
                "Ausrüstung auch bei Platzregen trocken.",
                "Un revêtement imperméable et des zips étanches gardent votre équipement au sec "
                "sous les averses.",
                "防水コーティングと止水ジッパーで、土砂降りでも荷物を濡らしません。",
            ),
            requires={"waterproof": ("yes",)},
            always=True,
        ),
        _f(
            _t(
                "An integrated rain cover tucks away in the base pocket.",
                "Incluye una funda para la lluvia que se guarda en el bolsillo inferior.",
                "Ein integrierter Regenschutz verschwindet im Bodenfach.",
                "Une housse de pluie intégrée se range dans la poche du fond.",
                "底部ポケットにレインカバーを収納しています。",
            ),
            requires={"waterproof": ("no",)},
        ),
        _f(
            _t(
                "A ventilated mesh back panel and padded hip belt carry heavy loads "
                "comfortably.",
                "El panel dorsal de malla ventilada y el cinturón lumbar acolchado reparten bien "
                "el peso.",
                "Ein belüftetes Netzrückensystem und ein gepolsterter Hüftgurt tragen auch "
                "schwere Lasten bequem.",
                "Le dos en filet ventilé et la ceinture rembourrée permettent de porter "
                "confortablement de lourdes charges.",
                "通気性の高いメッシュ背面とクッション入りヒップベルトで、"
                "重い荷物も快適に背負えます。",
            ),
            kinds=("daypack", "trekking"),
        ),
        _f(
            _t(
                "A padded sleeve protects laptops up to {laptop_in} inches.",
                "Un compartimento acolchado protege portátiles de hasta {laptop_in} pulgadas.",
                "Ein gepolstertes Fach schützt Laptops bis {laptop_in} Zoll.",
                "Une pochette rembourrée protège les ordinateurs portables jusqu'à {laptop_in} "
                "pouces.",
                "クッション入りスリーブに最大{laptop_in}インチのノートPCを収納できます。",
            ),
            kinds=("commuter",),
            always=True,
        ),
        _f(
            _t(
                "Side pockets hold water bottles, and a lid pocket keeps small items within "
                "reach.",
                "Los bolsillos laterales sujetan las botellas y el bolsillo superior guarda los "
                "objetos pequeños a mano.",
                "Seitentaschen nehmen Trinkflaschen auf, und das Deckelfach hält Kleinteile "
                "griffbereit.",
                "Les poches latérales accueillent les gourdes et la poche supérieure garde les "
                "petits objets à portée de main.",
                "サイドポケットにボトルを、雨蓋ポケットに小物を収納できます。",
            ),
            kinds=("daypack", "trekking"),
        ),
        _f(
            _t(
                "Reflective strips add visibility when cycling after dark.",
                "Las bandas reflectantes aumentan la visibilidad al ir en bici de noche.",
                "Reflektierende Streifen sorgen bei Radfahrten im Dunkeln für mehr "
                "Sichtbarkeit.",
                "Des bandes réfléchissantes améliorent la visibilité à vélo la nuit.",
                "リフレクターで夜間のサイクリングでも視認性を高めます。",
            ),
            kinds=("commuter", "rolltop"),
        ),
    ),
    spec=_t(
        "The main compartment holds {capacity_l} litres, and the pack weighs {weight_g} g.",
        "El compartimento principal tiene {capacity_l} litros de capacidad y la mochila pesa "
        "{weight_g} g.",
        "Das Hauptfach fasst {capacity_l} Liter, der Rucksack wiegt {weight_g} g.",
        "Le compartiment principal offre {capacity_l} litres et le sac pèse {weight_g} g.",
        "メイン収納は{capacity_l}リットル、重さは{weight_g}gです。",
    ),
    tag=_t("{capacity_l} L", "{capacity_l} l", "{capacity_l} l", "{capacity_l} L",
           "{capacity_l}L"),
)

# No bedside lamps and no linen: the French-only DEMO-FR-LAMPE is the only one.
_LAMPS = _Leaf(
    slug="lamps",
    parent="home",
    names=_t("Lamps", "Lámparas", "Lampen", "Lampes", "照明"),
    prefix="LMP",
    brands=("Lumière Atelier", "Hygge Haus", "Aurelia"),
    suffixes=_SUF_HOME,
    kinds=(
        _Kind(
            "table",
            _t("table lamp:s", "lámpara de mesa:f", "Tischleuchte:f", "lampe à poser:f",
               "テーブルランプ"),
            (39, 189),
            attrs={"height_cm": _range(35, 60, 5), "bulb": ("e27", "e14")},
            materials=("ceramic", "brass", "glass", "oak", "rattan"),
        ),
        _Kind(
            "floor",
            _t("floor lamp:s", "lámpara de pie:f", "Stehleuchte:f", "lampadaire:m",
               "フロアランプ"),
            (79, 349),
            attrs={"height_cm": _range(140, 180, 5), "bulb": ("e27",)},
            materials=("brass", "oak", "powder-coated steel", "rattan"),
        ),
        _Kind(
            "desk",
            _t(
                "LED desk lamp:s", "lámpara de escritorio LED:f", "LED-Schreibtischleuchte:f",
                "lampe de bureau LED:f", "LEDデスクライト",
            ),
            (29, 129),
            attrs={
                "height_cm": _range(35, 50, 5),
                "bulb": ("integrated led",),
                "dimmable": ("yes",),
            },
            materials=("aluminium", "powder-coated steel"),
        ),
        _Kind(
            "pendant",
            _t("pendant light:s", "lámpara colgante:f", "Pendelleuchte:f", "suspension:f",
               "ペンダントライト"),
            (49, 249),
            attrs={"height_cm": _range(25, 40, 5), "bulb": ("e27",)},
            materials=("rattan", "glass", "powder-coated steel", "ceramic"),
        ),
    ),
    colours=("white", "black", "green", "terracotta", "cream", "grey", "sand"),
    attrs={"dimmable": ("yes", "no")},
    uses=(
        _t(
            "living rooms, bedrooms and reading corners",
            "salones, dormitorios y rincones de lectura",
            "Wohnzimmer, Schlafzimmer und Leseecken",
            "les salons, les chambres et les coins lecture", "リビングや寝室、読書コーナー",
        ),
        _t(
            "home offices and late-night reading", "la oficina en casa y la lectura nocturna",
            "das Homeoffice und abendliches Lesen", "le bureau à domicile et la lecture du soir",
            "ホームオフィスや夜の読書",
        ),
    ),
    features=(
        _f(
            _t(
                "A touch dimmer lets you adjust the brightness in three steps.",
                "Un regulador táctil permite ajustar la intensidad en tres niveles.",
                "Per Touch-Dimmer lässt sich die Helligkeit in drei Stufen anpassen.",
                "Un variateur tactile permet de régler l'intensité sur trois niveaux.",
                "タッチ式調光で、明るさを3段階に調整できます。",
            ),
            requires={"dimmable": ("yes",)},
            always=True,
        ),
        _f(
            _t(
                "Its warm white light (2700 K) creates a cosy atmosphere in the evening.",
                "Su luz blanca cálida (2700 K) crea un ambiente acogedor por la noche.",
                "Das warmweiße Licht (2700 K) sorgt abends für eine gemütliche Atmosphäre.",
                "Sa lumière blanc chaud (2700 K) crée une ambiance chaleureuse le soir.",
                "2700Kの温かみのある光が、夜のくつろぎの空間を演出します。",
            ),
        ),
        _f(
            _t(
                "Each base is finished by hand, so no two pieces are exactly alike.",
                "Cada base se termina a mano, por lo que no hay dos piezas iguales.",
                "Jeder Fuß wird von Hand veredelt, daher gleicht kein Stück dem anderen.",
                "Chaque pied est fini à la main : aucune pièce n'est tout à fait identique.",
                "ベースは一つひとつ手作業で仕上げているため、同じものは二つとありません。",
            ),
            kinds=("table", "floor"),
        ),
        _f(
            _t(
                "A USB-C port in the base charges your phone while you work.",
                "Un puerto USB-C en la base carga el móvil mientras trabajas.",
                "Ein USB-C-Anschluss im Fuß lädt das Smartphone während der Arbeit.",
                "Un port USB-C dans le pied recharge votre téléphone pendant que vous "
                "travaillez.",
                "ベースのUSB-Cポートで、作業中にスマートフォンを充電できます。",
            ),
            kinds=("desk",),
        ),
        _f(
            _t(
                "The adjustable arm and rotating head direct light exactly where you need it.",
                "El brazo ajustable y el cabezal giratorio dirigen la luz justo donde la "
                "necesitas.",
                "Der verstellbare Arm und der drehbare Kopf lenken das Licht genau dorthin, wo "
                "Sie es brauchen.",
                "Le bras réglable et la tête orientable dirigent la lumière exactement là où "
                "vous en avez besoin.",
                "可動式アームと回転ヘッドで、必要な場所にしっかり光を当てられます。",
            ),
            kinds=("desk",),
        ),
        _f(
            _t(
                "The textile cable can be shortened to suit any ceiling height.",
                "El cable textil se puede acortar para adaptarse a cualquier altura de techo.",
                "Das Textilkabel lässt sich an jede Deckenhöhe anpassen.",
                "Le câble textile se raccourcit pour s'adapter à toutes les hauteurs de plafond.",
                "布巻きコードは天井の高さに合わせて長さを調整できます。",
            ),
            kinds=("pendant",),
        ),
    ),
    spec=_t(
        "The lamp is {height_cm} cm high and uses {bulb}.",
        "La lámpara mide {height_cm} cm de alto y funciona con {bulb}.",
        "Die Leuchte ist {height_cm} cm hoch und arbeitet mit {bulb}.",
        "La lampe mesure {height_cm} cm de haut et fonctionne avec {bulb}.",
        "高さは{height_cm}cm、光源は{bulb}です。",
    ),
)

_SKINCARE = _Leaf(
    slug="skincare",
    parent="beauty",
    names=_t("Skincare", "Cuidado facial", "Hautpflege", "Soins du visage", "スキンケア"),
    prefix="SKN",
    brands=("Belle Rivière", "Hanami Skin", "Verdea Botanics"),
    models=_SKINCARE_NAMES,
    kinds=(
        _Kind(
            "moisturiser",
            _t(
                "daily moisturiser:s", "crema hidratante diaria:f",
                "Feuchtigkeitscreme für jeden Tag:f", "crème hydratante quotidienne:f",
                "デイリー保湿クリーム",
            ),
            (14.9, 49),
            attrs={"volume_ml": (50,)},
        ),
        _Kind(
            "serum",
            _t("face serum:s", "sérum facial:m", "Gesichtsserum:n", "sérum visage:m", "美容液"),
            (19.9, 69),
            attrs={"volume_ml": (30,)},
        ),
        _Kind(
            "cleanser",
            _t(
                "gentle foaming cleanser:s", "espuma limpiadora suave:f", "Reinigungsschaum:m",
                "mousse nettoyante douce:f", "低刺激の泡洗顔料",
            ),
            (8.9, 29),
            attrs={"volume_ml": (150, 200)},
        ),
        _Kind(
            "sunscreen",
            _t(
                "sunscreen with SPF 50:s", "protector solar SPF 50:m", "Sonnencreme LSF 50:f",
                "crème solaire SPF 50:f", "日焼け止め SPF50",
            ),
            (12.9, 34),
            attrs={"volume_ml": (50, 100)},
        ),
        _Kind(
            "eyecream",
            _t("eye cream:s", "contorno de ojos:m", "Augencreme:f", "soin contour des yeux:m",
               "アイクリーム"),
            (16.9, 49),
            attrs={"volume_ml": (15,)},
        ),
        _Kind(
            "mask",
            _t("overnight face mask:s", "mascarilla facial de noche:f", "Nachtmaske:f",
               "masque de nuit:m", "ナイトマスク"),
            (14.9, 39),
            attrs={"volume_ml": (75,)},
        ),
    ),
    attrs={
        "skin_type": ("dry", "oily", "sensitive", "combination", "all"),
        "key_ingredient": (
            "hyaluronic acid", "vitamin c", "niacinamide", "aloe vera", "shea butter",
            "ceramides",
        ),
        "vegan": ("yes", "no"),
        "fragrance_free": ("yes", "no"),
    },
    intros={
        "en": (
            "{This} {noun} from {brand} {is} formulated with {key_ingredient} and made for "
            "{skin_type}.",
            "With {key_ingredient} and a formula designed for {skin_type}, the {brand} {model} "
            "{noun} cares for your skin every day.",
        ),
        "es": (
            "{Este} {noun} de {brand} está{n} formulad{o} con {key_ingredient} y pensad{o} "
            "para {skin_type}.",
            "Con {key_ingredient} y una fórmula pensada para {skin_type}, {el} {noun} {model} "
            "de {brand} cuida la piel a diario.",
        ),
        "de": (
            "{Dieser} {noun} von {brand} wurde mit {key_ingredient} speziell für {skin_type} "
            "entwickelt.",
            "Mit {key_ingredient} und einer Formel für {skin_type} pflegt {der} {noun} {model} "
            "von {brand} die Haut jeden Tag.",
        ),
        "fr": (
            "{Ce} {noun} {brand} {est} enrichi{e} en {key_ingredient} et formulé{e} pour "
            "{skin_type}.",
            "Enrichi{e} en {key_ingredient} et formulé{e} pour {skin_type}, {le}{noun} {model} "
            "{de_brand} prend soin de la peau au quotidien.",
        ),
        "ja": (
            "{brand}の{noun}「{model}」は、{key_ingredient}を配合した{skin_type}向けの"
            "アイテムです。",
            "{key_ingredient}配合で{skin_type}のために作られた、{brand}の{noun}「{model}」。"
            "毎日のお手入れに使えます。",
        ),
    },
    uses=(),
    features=(
        _f(
            _t(
                "The lightweight texture absorbs quickly and leaves no greasy film.",
                "Su textura ligera se absorbe rápidamente y no deja sensación grasa.",
                "Die leichte Textur zieht schnell ein und hinterlässt keinen Fettfilm.",
                "Sa texture légère pénètre rapidement sans laisser de film gras.",
                "軽いテクスチャーで素早くなじみ、べたつきません。",
            ),
            kinds=("moisturiser", "serum", "sunscreen", "eyecream"),
        ),
        _f(
            _t(
                "The formula is vegan and free from parabens and silicones.",
                "La fórmula es vegana y no contiene parabenos ni siliconas.",
                "Die Formel ist vegan und frei von Parabenen und Silikonen.",
                "La formule est vegan et sans parabènes ni silicones.",
                "ヴィーガン処方で、パラベンとシリコンは不使用です。",
            ),
            requires={"vegan": ("yes",)},
        ),
        _f(
            _t(
                "The fragrance-free formula has been dermatologically tested.",
                "La fórmula sin perfume ha sido testada dermatológicamente.",
                "Die parfümfreie Formel ist dermatologisch getestet.",
                "La formule sans parfum a été testée sous contrôle dermatologique.",
                "無香料で、皮膚科医によるテスト済みです。",
            ),
            requires={"fragrance_free": ("yes",)},
        ),
        _f(
            _t(
                "Broad-spectrum UVA/UVB protection with SPF 50 shields the skin during daily "
                "outdoor activities.",
                "La protección de amplio espectro UVA/UVB con SPF 50 protege la piel en las "
                "actividades diarias al aire libre.",
                "Der Breitbandschutz gegen UVA/UVB mit LSF 50 schützt die Haut bei täglichen "
                "Aktivitäten im Freien.",
                "La protection large spectre UVA/UVB SPF 50 protège la peau lors des activités "
                "quotidiennes en extérieur.",
                "SPF50のUVA/UVBブロードスペクトル防御で、毎日の屋外活動から肌を守ります。",
            ),
            kinds=("sunscreen",),
            always=True,
        ),
        _f(
            _t(
                "The packaging is made from recycled materials and is fully recyclable.",
                "El envase está fabricado con materiales reciclados y es totalmente reciclable.",
                "Die Verpackung besteht aus recycelten Materialien und ist vollständig "
                "recycelbar.",
                "L'emballage est fabriqué à partir de matériaux recyclés et entièrement "
                "recyclable.",
                "パッケージは再生素材を使用し、すべてリサイクル可能です。",
            ),
        ),
    ),
    spec=_t(
        "The {volume_ml} ml pack lasts about two months with daily use.",
        "El envase de {volume_ml} ml dura unos dos meses con un uso diario.",
        "Die {volume_ml}-ml-Packung reicht bei täglicher Anwendung etwa zwei Monate.",
        "Le flacon de {volume_ml} ml dure environ deux mois en utilisation quotidienne.",
        "{volume_ml}mLで、毎日使って約2か月分です。",
    ),
    tag=_t("{volume_ml} ml", "{volume_ml} ml", "{volume_ml} ml", "{volume_ml} ml",
           "{volume_ml}mL"),
)

_BOARD_GAMES = _Leaf(
    slug="board-games",
    parent="toys",
    names=_t("Board games", "Juegos de mesa", "Brettspiele", "Jeux de société", "ボードゲーム"),
    prefix="GAM",
    brands=("Würfelwerk", "Meeple & Co.", "Brightside Games"),
    models=_GAME_NAMES,
    kinds=(
        _Kind(
            "strategy",
            _t("strategy board game:s", "juego de estrategia:m", "Strategiespiel:n",
               "jeu de stratégie:m", "戦略ボードゲーム"),
            (29, 69),
            attrs={
                "players": ("1-4", "2-4", "2-5"),
                "min_age": (12, 14),
                "play_time_min": (60, 90, 120),
            },
        ),
        _Kind(
            "family",
            _t("family board game:s", "juego de mesa familiar:m", "Familienspiel:n",
               "jeu de société familial:m", "ファミリー向けボードゲーム"),
            (19, 44),
            attrs={"players": ("2-6", "2-5", "3-6"), "min_age": (8, 10), "play_time_min": (30, 45)},
        ),
        _Kind(
            "coop",
            _t(
                "cooperative adventure game:s", "juego cooperativo de aventuras:m",
                "Koop-Abenteuerspiel:n", "jeu d'aventure coopératif:m",
                "協力型アドベンチャーゲーム",
            ),
            (34, 79),
            attrs={"players": ("1-4", "2-4"), "min_age": (10, 12), "play_time_min": (45, 60, 90)},
        ),
        _Kind(
            "party",
            _t(
                "party card game:s", "juego de cartas para fiestas:m", "Partykartenspiel:n",
                "jeu de cartes d'ambiance:m", "パーティー向けカードゲーム",
            ),
            (12.99, 24.99),
            attrs={"players": ("3-8", "4-10"), "min_age": (12, 14), "play_time_min": (15, 20)},
        ),
        _Kind(
            "kids",
            _t(
                "educational game for children:s", "juego educativo para niños:m",
                "Lernspiel für Kinder:n", "jeu éducatif pour enfants:m", "子ども向け知育ゲーム",
            ),
            (14.99, 34.99),
            attrs={"players": ("2-4",), "min_age": (4, 5, 6), "play_time_min": (15, 20)},
        ),
    ),
    attrs={"theme": ("space", "medieval", "ocean", "jungle", "railways", "farm")},
    intros={
        "en": (
            "The {brand} {model} {is} {a}{noun} set {theme}, for {players} players aged "
            "{min_age} and up.",
            "Set {theme}, {model} from {brand} {is} {a}{noun} for {players} players aged "
            "{min_age} and up.",
        ),
        "es": (
            "{El} {noun} {model} de {brand} está{n} ambientad{o} en {theme} y admite de "
            "{players} jugadores a partir de {min_age} años.",
            "Ambientad{o} en {theme}, {el} {noun} {model} de {brand} está{n} pensad{o} para "
            "partidas de {players} jugadores a partir de {min_age} años.",
        ),
        "de": (
            "{Das} {noun} {model} von {brand} spielt in {theme} und eignet sich für {players} "
            "Personen ab {min_age} Jahren.",
            "In {theme} spielt {das} {noun} {model} von {brand}: {players} Personen ab "
            "{min_age} Jahren können mitspielen.",
        ),
        "fr": (
            "{Le}{noun} {model} {de_brand} a pour cadre {theme} et se joue de {players} "
            "joueurs, dès {min_age} ans.",
            "Avec pour cadre {theme}, {le}{noun} {model} {de_brand} réunit de {players} "
            "joueurs dès {min_age} ans.",
        ),
        "ja": (
            "{brand}の{model}は、{theme}を舞台にした{noun}です。{players}人で遊べ、"
            "対象年齢は{min_age}歳以上です。",
            "{theme}を舞台にした、{brand}の{noun}「{model}」。{players}人で遊べ、"
            "{min_age}歳から楽しめます。",
        ),
    },
    uses=(),
    features=(
        _f(
            _t(
                "The rules are explained in ten minutes, yet every game plays out differently.",
                "Las reglas se explican en diez minutos, pero cada partida es distinta.",
                "Die Regeln sind in zehn Minuten erklärt, und doch verläuft jede Partie anders.",
                "Les règles s'expliquent en dix minutes, mais chaque partie est différente.",
                "ルールは10分で説明できるのに、毎回違った展開が楽しめます。",
            ),
        ),
        _f(
            _t(
                "The box contains wooden pieces, a double-sided board and 120 illustrated cards.",
                "La caja incluye piezas de madera, un tablero de doble cara y 120 cartas "
                "ilustradas.",
                "Enthalten sind Holzfiguren, ein doppelseitiger Spielplan und 120 illustrierte "
                "Karten.",
                "La boîte contient des pions en bois, un plateau réversible et 120 cartes "
                "illustrées.",
                "木製コマ、両面ボード、イラスト入りカード120枚が入っています。",
            ),
            kinds=("strategy", "family", "coop", "kids"),
        ),
        _f(
            _t(
                "A solo mode lets you play on your own as well.",
                "Un modo en solitario permite jugar también sin compañía.",
                "Ein Solomodus erlaubt auch Partien allein.",
                "Un mode solo permet aussi de jouer seul.",
                "ソロモードで一人でも遊べます。",
            ),
            requires={"players": ("1-4",)},
            always=True,
        ),
        _f(
            _t(
                "The box and cards are printed on FSC-certified paper, without plastic inserts.",
                "La caja y las cartas están impresas en papel con certificación FSC, sin piezas "
                "de plástico.",
                "Schachtel und Karten sind auf FSC-zertifiziertem Papier gedruckt, ganz ohne "
                "Plastikeinlagen.",
                "La boîte et les cartes sont imprimées sur papier certifié FSC, sans cale en "
                "plastique.",
                "箱とカードはFSC認証紙に印刷され、プラスチックの中敷きは使っていません。",
            ),
        ),
        _f(
            _t(
                "Players win or lose together, which makes it great for mixed-age groups.",
                "Todos ganan o pierden juntos, lo que lo hace ideal para grupos de distintas "
                "edades.",
                "Alle gewinnen oder verlieren gemeinsam " + _DASH + " ideal für gemischte "
                "Altersgruppen.",
                "Les joueurs gagnent ou perdent ensemble, idéal pour les groupes d'âges variés.",
                "全員で協力して勝敗を決めるので、年齢の違うグループにもぴったりです。",
            ),
            kinds=("coop",),
            always=True,
        ),
        _f(
            _t(
                "Quick rounds and plenty of laughs make it a favourite for game nights.",
                "Las rondas rápidas y las risas aseguradas lo convierten en un favorito de las "
                "noches de juegos.",
                "Schnelle Runden und viel Gelächter machen es zum Liebling jedes Spieleabends.",
                "Des manches rapides et des fous rires en font un incontournable des soirées "
                "jeux.",
                "テンポのよいゲーム展開で盛り上がり、ゲーム会の定番になります。",
            ),
            kinds=("party",),
            always=True,
        ),
        _f(
            _t(
                "It playfully trains counting, colours and memory.",
                "Entrena de forma lúdica el cálculo, los colores y la memoria.",
                "Es fördert spielerisch Zählen, Farben und Gedächtnis.",
                "Il entraîne de manière ludique le calcul, les couleurs et la mémoire.",
                "遊びながら数や色、記憶力を育みます。",
            ),
            kinds=("kids",),
            always=True,
        ),
    ),
    spec=_t(
        "A game takes about {play_time_min} minutes.",
        "Una partida dura unos {play_time_min} minutos.",
        "Eine Partie dauert etwa {play_time_min} Minuten.",
        "Une partie dure environ {play_time_min} minutes.",
        "1回のプレイ時間は約{play_time_min}分です。",
    ),
    tag=_t(
        "{players_range} players", "{players_range} jugadores", "{players_range} Spieler",
        "{players_range} joueurs", "{players_range}人用",
    ),
)

_LEAVES: tuple[_Leaf, ...] = (
    _RAIN_JACKETS,
    _T_SHIRTS,
    _HIKING_BOOTS,
    _RUNNING_SHOES,
    _COFFEE_MAKERS,
    _COOKWARE,
    _KETTLES,
    _DISHWASHERS,
    _HEADPHONES,
    _TABLETS,
    _SMARTWATCHES,
    _TENTS,
    _BACKPACKS,
    _LAMPS,
    _SKINCARE,
    _BOARD_GAMES,
)
_LEAF_BY_SLUG: dict[str, _Leaf] = {leaf.slug: leaf for leaf in _LEAVES}

# The category tree in the languages the demo shop serves beyond ``LANGUAGES`` (product texts are
# written in five languages; a shop serving fifteen has its category tree translated into all of
# them). Keyed by category slug; merged into ``CATEGORIES``.
_MORE_CATEGORY_NAMES: dict[str, Text] = {
    "clothing": {
        "ar": "ملابس", "it": "Abbigliamento", "ko": "의류", "nl": "Kleding", "pl": "Odzież",
        "pt": "Vestuário", "ru": "Одежда", "th": "เสื้อผ้า", "tr": "Giyim", "zh": "服装",
    },
    "footwear": {
        "ar": "أحذية", "it": "Calzature", "ko": "신발", "nl": "Schoenen", "pl": "Obuwie",
        "pt": "Calçado", "ru": "Обувь", "th": "รองเท้า", "tr": "Ayakkabı", "zh": "鞋类",
    },
    "kitchen": {
        "ar": "مطبخ", "it": "Cucina", "ko": "주방", "nl": "Keuken", "pl": "Kuchnia",
        "pt": "Cozinha", "ru": "Кухня", "th": "ห้องครัว", "tr": "Mutfak", "zh": "厨房",
    },
    "electronics": {
        "ar": "إلكترونيات", "it": "Elettronica", "ko": "전자제품", "nl": "Elektronica",
        "pl": "Elektronika", "pt": "Eletrónica", "ru": "Электроника", "th": "อิเล็กทรอนิกส์",
        "tr": "Elektronik", "zh": "电子产品",
    },
    "outdoor": {
        "ar": "الهواء الطلق", "it": "Outdoor", "ko": "아웃도어", "nl": "Buitensport",
        "pl": "Outdoor", "pt": "Ar livre", "ru": "Активный отдых", "th": "กิจกรรมกลางแจ้ง",
        "tr": "Outdoor", "zh": "户外",
    },
    "home": {
        "ar": "المنزل", "it": "Casa", "ko": "홈·리빙", "nl": "Wonen", "pl": "Dom", "pt": "Casa",
        "ru": "Дом", "th": "ของใช้ในบ้าน", "tr": "Ev ve yaşam", "zh": "家居",
    },
    "beauty": {
        "ar": "تجميل", "it": "Bellezza", "ko": "뷰티", "nl": "Beauty", "pl": "Uroda",
        "pt": "Beleza", "ru": "Красота", "th": "ความงาม", "tr": "Güzellik", "zh": "美妆",
    },
    "toys": {
        "ar": "ألعاب", "it": "Giochi e giocattoli", "ko": "완구·게임",
        "nl": "Speelgoed en spellen", "pl": "Zabawki i gry", "pt": "Brinquedos e jogos",
        "ru": "Игрушки и игры", "th": "ของเล่นและเกม", "tr": "Oyuncak ve oyunlar",
        "zh": "玩具游戏",
    },
    "rain-jackets": {
        "ar": "سترات المطر", "it": "Giacche impermeabili", "ko": "레인재킷",
        "nl": "Regenjassen", "pl": "Kurtki przeciwdeszczowe", "pt": "Casacos de chuva",
        "ru": "Дождевики", "th": "เสื้อกันฝน", "tr": "Yağmurluklar", "zh": "雨衣",
    },
    "t-shirts": {
        "ar": "تي شيرتات", "it": "T-shirt", "ko": "티셔츠", "nl": "T-shirts", "pl": "Koszulki",
        "pt": "T-shirts", "ru": "Футболки", "th": "เสื้อยืด", "tr": "Tişörtler", "zh": "T恤",
    },
    "hiking-boots": {
        "ar": "أحذية المشي الجبلي", "it": "Scarponi da trekking", "ko": "등산화",
        "nl": "Wandelschoenen", "pl": "Buty trekkingowe", "pt": "Botas de caminhada",
        "ru": "Треккинговые ботинки", "th": "รองเท้าเดินป่า", "tr": "Yürüyüş botları",
        "zh": "登山鞋",
    },
    "running-shoes": {
        "ar": "أحذية الجري", "it": "Scarpe da running", "ko": "러닝화",
        "nl": "Hardloopschoenen", "pl": "Buty do biegania", "pt": "Sapatilhas de corrida",
        "ru": "Кроссовки для бега", "th": "รองเท้าวิ่ง", "tr": "Koşu ayakkabıları",
        "zh": "跑鞋",
    },
    "coffee-makers": {
        "ar": "ماكينات القهوة", "it": "Macchine da caffè", "ko": "커피메이커",
        "nl": "Koffiezetapparaten", "pl": "Ekspresy do kawy", "pt": "Máquinas de café",
        "ru": "Кофеварки", "th": "เครื่องชงกาแฟ", "tr": "Kahve makineleri", "zh": "咖啡机",
    },
    "cookware": {
        "ar": "أواني الطهي", "it": "Pentole e padelle", "ko": "조리도구", "nl": "Kookgerei",
        "pl": "Naczynia kuchenne", "pt": "Tachos e panelas", "ru": "Посуда для готовки",
        "th": "เครื่องครัว", "tr": "Pişirme gereçleri", "zh": "锅具",
    },
    "kettles": {
        "ar": "غلايات", "it": "Bollitori", "ko": "전기포트", "nl": "Waterkokers",
        "pl": "Czajniki", "pt": "Chaleiras", "ru": "Чайники", "th": "กาต้มน้ำ",
        "tr": "Su ısıtıcıları", "zh": "电热水壶",
    },
    "dishwashers": {
        "ar": "غسالات الصحون", "it": "Lavastoviglie", "ko": "식기세척기",
        "nl": "Vaatwassers", "pl": "Zmywarki", "pt": "Máquinas de lavar loiça",
        "ru": "Посудомоечные машины", "th": "เครื่องล้างจาน", "tr": "Bulaşık makineleri",
        "zh": "洗碗机",
    },
    "headphones": {
        "ar": "سماعات الرأس", "it": "Cuffie", "ko": "헤드폰", "nl": "Koptelefoons",
        "pl": "Słuchawki", "pt": "Auscultadores", "ru": "Наушники", "th": "หูฟัง",
        "tr": "Kulaklıklar", "zh": "耳机",
    },
    "tablets": {
        "ar": "أجهزة لوحية", "it": "Tablet", "ko": "태블릿", "nl": "Tablets", "pl": "Tablety",
        "pt": "Tablets", "ru": "Планшеты", "th": "แท็บเล็ต", "tr": "Tabletler",
        "zh": "平板电脑",
    },
    "smartwatches": {
        "ar": "ساعات ذكية", "it": "Smartwatch", "ko": "스마트워치", "nl": "Smartwatches",
        "pl": "Smartwatche", "pt": "Relógios inteligentes", "ru": "Умные часы",
        "th": "สมาร์ทวอทช์", "tr": "Akıllı saatler", "zh": "智能手表",
    },
    "tents": {
        "ar": "خيام", "it": "Tende da campeggio", "ko": "텐트", "nl": "Tenten",
        "pl": "Namioty", "pt": "Tendas", "ru": "Палатки", "th": "เต็นท์", "tr": "Çadırlar",
        "zh": "帐篷",
    },
    "backpacks": {
        "ar": "حقائب الظهر", "it": "Zaini", "ko": "백팩", "nl": "Rugzakken", "pl": "Plecaki",
        "pt": "Mochilas", "ru": "Рюкзаки", "th": "กระเป๋าเป้", "tr": "Sırt çantaları",
        "zh": "背包",
    },
    "lamps": {
        "ar": "مصابيح", "it": "Lampade", "ko": "조명", "nl": "Lampen", "pl": "Lampy",
        "pt": "Candeeiros", "ru": "Светильники", "th": "โคมไฟ", "tr": "Lambalar",
        "zh": "灯具",
    },
    "skincare": {
        "ar": "العناية بالبشرة", "it": "Cura del viso", "ko": "스킨케어",
        "nl": "Huidverzorging", "pl": "Pielęgnacja twarzy", "pt": "Cuidados de pele",
        "ru": "Уход за кожей", "th": "ผลิตภัณฑ์ดูแลผิว", "tr": "Cilt bakımı", "zh": "护肤",
    },
    "board-games": {
        "ar": "ألعاب الطاولة", "it": "Giochi da tavolo", "ko": "보드게임",
        "nl": "Bordspellen", "pl": "Gry planszowe", "pt": "Jogos de tabuleiro",
        "ru": "Настольные игры", "th": "บอร์ดเกม", "tr": "Kutu oyunları", "zh": "桌游",
    },
}

CATEGORIES: list[dict[str, Any]] = [
    {"slug": slug, "parent": None, "names": {**names, **_MORE_CATEGORY_NAMES[slug]}}
    for slug, names in _TOP_CATEGORIES
] + [
    {
        "slug": leaf.slug,
        "parent": leaf.parent,
        "names": {**leaf.names, **_MORE_CATEGORY_NAMES[leaf.slug]},
    }
    for leaf in _LEAVES
]


# ---------------------------------------------------------------------------------------------
# Hand-picked single-language products for the cross-lingual tests
# ---------------------------------------------------------------------------------------------

_HANDPICKED: tuple[Product, ...] = (
    {
        "sku": "DEMO-EN-RAINJACKET",
        "language": "en",
        "title": "Nordwand Storm Hooded Waterproof Rain Jacket " + _DASH + " Navy",
        "description": (
            "The Nordwand Storm is a fully waterproof rain jacket in navy blue with an "
            "adjustable, helmet-compatible hood. Taped seams and a breathable 20,000 mm membrane "
            "keep you dry through all-day downpours, whether you are hiking in the hills or "
            "cycling to work. Made of recycled nylon, it weighs just 340 g and packs into its "
            "own chest pocket."
        ),
        "translations": {},
        "category": "rain-jackets",
        "brand": "Nordwand",
        "price": "149.90",
        "currency": "EUR",
        "stock": 14,
        "attributes": {
            "color": "navy",
            "material": "recycled nylon",
            "size": "M",
            "waterproof": "yes",
            "weight_g": 340,
        },
        "group": "DEMO-EN-RAINJACKET",
    },
    {
        "sku": "DEMO-ES-CAFETERA",
        "language": "es",
        "title": "Cafetera italiana de aluminio Caffè Moreno Classica " + _DASH + " 6 tazas",
        "description": (
            "Cafetera italiana de aluminio para preparar en el fogón un café espresso intenso y "
            "aromático, como en Italia. Tiene capacidad para 6 tazas y funciona en cocinas de "
            "gas, eléctricas y vitrocerámicas. El asa de baquelita no se calienta y la válvula "
            "de seguridad garantiza un uso tranquilo. Se limpia fácilmente con agua caliente y "
            "sin detergente."
        ),
        "translations": {},
        "category": "coffee-makers",
        "brand": "Caffè Moreno",
        "price": "29.90",
        "currency": "EUR",
        "stock": 9,
        "attributes": {
            "color": "silver",
            "material": "aluminium",
            "capacity_cups": 6,
            "capacity_l": 0.3,
            "induction": "no",
        },
        "group": "DEMO-ES-CAFETERA",
    },
    {
        "sku": "DEMO-DE-ZELT",
        "language": "de",
        "title": "Ultraleichtes Zelt für zwei Personen " + _DASH + " Alpenglüh Gratwanderer UL2",
        "description": (
            "Ultraleichtes Zelt für zwei Personen mit nur 1,1 kg Gesamtgewicht "
            + _DASH
            + " ideal für Trekking, Bikepacking und Hüttentouren. Das Außenzelt aus "
            "silikonbeschichtetem Ripstop-Nylon ist bis 3000 mm Wassersäule wasserdicht, alle "
            "Nähte sind verschweißt. Zwei Eingänge mit Apsiden bieten Platz für Rucksäcke und "
            "Schuhe. Der Aufbau gelingt in wenigen Minuten mit nur einer Stange."
        ),
        "translations": {},
        "category": "tents",
        "brand": "Alpenglüh",
        "price": "389.00",
        "currency": "EUR",
        "stock": 5,
        "attributes": {
            "color": "green",
            "material": "ripstop nylon",
            "persons": 2,
            "weight_kg": 1.1,
            "waterproof": "yes",
            "hydrostatic_head_mm": 3000,
            "season": "3-season",
        },
        "group": "DEMO-DE-ZELT",
    },
    {
        "sku": "DEMO-JA-HEADPHONES",
        "language": "ja",
        "title": "Koyo Silence 7 ワイヤレス ノイズキャンセリング ヘッドホン（ブラック）",
        "description": (
            "アクティブノイズキャンセリングを搭載したワイヤレスヘッドホンです。"
            "電車や飛行機の騒音を大幅に低減し、音楽や通話に集中できます。"
            "バッテリーは最大40時間持続し、10分の充電で約5時間再生できます。"
            "低反発のイヤーパッドで、長時間のフライトでも快適に使えます。"
        ),
        "translations": {},
        "category": "headphones",
        "brand": "Koyo",
        "price": "299.00",
        "currency": "EUR",
        "stock": 21,
        "attributes": {
            "color": "black",
            "material": "recycled plastic",
            "wireless": "yes",
            "noise_cancelling": "yes",
            "battery_h": 40,
            "driver_mm": 40,
        },
        "group": "DEMO-JA-HEADPHONES",
    },
    {
        "sku": "DEMO-FR-LAMPE",
        "language": "fr",
        "title": "Lampe de chevet en lin Lumière Atelier Douceur " + _DASH + " beige",
        "description": (
            "Lampe de chevet en lin naturel avec pied en céramique, idéale pour créer une "
            "lumière douce dans la chambre. L'abat-jour en lin lavé diffuse une lumière chaude "
            "et tamisée, parfaite pour la lecture du soir. Un variateur tactile permet de régler "
            "l'intensité sur trois niveaux. Hauteur : 38 cm, ampoule E14 non fournie."
        ),
        "translations": {},
        "category": "lamps",
        "brand": "Lumière Atelier",
        "price": "69.90",
        "currency": "EUR",
        "stock": 11,
        "attributes": {
            "color": "beige",
            "material": "linen",
            "height_cm": 38,
            "bulb": "e14",
            "dimmable": "yes",
        },
        "group": "DEMO-FR-LAMPE",
    },
)


# ---------------------------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------------------------

_FULL: tuple[str, ...] = ("es", "de", "fr", "ja")
_PARTIAL_SETS: tuple[tuple[str, ...], ...] = (
    ("es", "de"),
    ("es",),
    ("de", "fr"),
    ("fr",),
    ("ja",),
    ("es", "fr", "ja"),
    ("de",),
    ("es", "de", "fr"),
)
_SINGLE_LANGUAGE_PLANS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (lang, ()) for lang in LANGUAGES
)

# Demo catalog: products per leaf (including the hand-picked ones) and language plans.
_DEMO_SEED = 20240611
_DEMO_COUNTS: dict[str, int] = {
    "rain-jackets": 18,
    "t-shirts": 15,
    "hiking-boots": 16,
    "running-shoes": 16,
    "coffee-makers": 16,
    "cookware": 16,
    "kettles": 15,
    "dishwashers": 15,
    "headphones": 17,
    "tablets": 15,
    "smartwatches": 15,
    "tents": 16,
    "backpacks": 17,
    "lamps": 16,
    "skincare": 16,
    "board-games": 15,
}
# Generated single-language products per language (the five hand-picked ones come on top).
_DEMO_SINGLE: dict[str, int] = {"en": 11, "es": 12, "de": 12, "fr": 12, "ja": 12}
_DEMO_PARTIAL = 38
_DEMO_VARIANTS = 25

_ES_FORMS: dict[str, dict[str, str]] = {
    "m": {"El": "El", "el": "el", "Este": "Este", "un": "un", "o": "o", "es": "es", "n": ""},
    "f": {"El": "La", "el": "la", "Este": "Esta", "un": "una", "o": "a", "es": "es", "n": ""},
    "mp": {"El": "Los", "el": "los", "Este": "Estos", "un": "unos", "o": "os", "es": "son",
           "n": "n"},
    "fp": {"El": "Las", "el": "las", "Este": "Estas", "un": "unas", "o": "as", "es": "son",
           "n": "n"},
}
_DE_FORMS: dict[str, dict[str, str]] = {
    "m": {"Der": "Der", "der": "der", "Das": "Der", "das": "der", "Dieser": "Dieser",
          "ein": "ein ", "ist": "ist"},
    "f": {"Der": "Die", "der": "die", "Das": "Die", "das": "die", "Dieser": "Diese",
          "ein": "eine ", "ist": "ist"},
    "n": {"Der": "Das", "der": "das", "Das": "Das", "das": "das", "Dieser": "Dieses",
          "ein": "ein ", "ist": "ist"},
    "pl": {"Der": "Die", "der": "die", "Das": "Die", "das": "die", "Dieser": "Diese",
           "ein": "", "ist": "sind"},
}
_FR_VOWELS = "aeiouéèêëàâîïôû"
_EN_SMALL_WORDS: tuple[str, ...] = ("a", "an", "and", "for", "in", "of", "on", "the", "to", "with")


@dataclass(slots=True)
class _Facts:
    """Everything a product says, independent of language."""

    leaf: _Leaf
    kind: _Kind
    brand: str
    model: str
    colour: str | None
    material: str | None
    use: int
    intro: int
    features: tuple[_Feature, ...]
    attrs: dict[str, AttrValue]
    price: str
    group: str


@cache
def _split_noun(raw: str) -> tuple[str, str]:
    text, _, gender = raw.rpartition(":")
    return (text, gender) if text else (raw, "")


def _en_article(phrase: str) -> str:
    word = phrase.split(" ", 1)[0].split("-", 1)[0]
    if len(word) > 1 and word.isupper():
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


@cache
def _grammar(lang: str, noun: str, gender: str, brand: str) -> dict[str, str]:
    """Grammar placeholders for one noun in one language (cached: do not mutate)."""
    if lang == "en":
        plural = gender == "p"
        return {
            "This": "These" if plural else "This",
            "is": "are" if plural else "is",
            "a": "" if plural else _en_article(noun) + " ",
        }
    if lang == "es":
        return dict(_ES_FORMS[gender])
    if lang == "de":
        return dict(_DE_FORMS[gender])
    if lang == "fr":
        vowel = noun[:1].lower() in _FR_VOWELS
        de_brand = ("d'" if brand[:1].lower() in _FR_VOWELS else "de ") + brand
        if gender in ("mp", "fp"):
            return {
                "Ce": "Ces", "Le": "Les ", "le": "les ", "e": "s" if gender == "mp" else "es",
                "est": "sont", "nt": "nt", "de_brand": de_brand,
            }
        feminine = gender == "f"
        return {
            "Ce": "Cette" if feminine else ("Cet" if vowel else "Ce"),
            "Le": "L'" if vowel else ("La " if feminine else "Le "),
            "le": "l'" if vowel else ("la " if feminine else "le "),
            "e": "e" if feminine else "",
            "est": "est",
            "nt": "",
            "de_brand": de_brand,
        }
    return {}


def _number(value: float, lang: str) -> str:
    text = str(int(value)) if float(value).is_integer() else f"{value:g}"
    return text.replace(".", ",") if lang in ("es", "de", "fr") else text


@cache
def _value_text(key: str, value: AttrValue, lang: str) -> str:
    """One attribute value as it appears in a sentence of ``lang``."""
    table = _ATTR_TEXT.get(key)
    if table is not None:
        return table[str(value)][lang]
    if isinstance(value, int | float):
        return _number(value, lang)
    return str(value)


def _text_values(attrs: Mapping[str, AttrValue], lang: str) -> dict[str, str]:
    """Attribute values as they appear in sentences of ``lang``."""
    values = {
        key: _value_text(key, value, lang)
        for key, value in attrs.items()
        if key != "color" and key != "material"
    }
    players = attrs.get("players")
    if isinstance(players, str):
        low, high = players.split("-")
        values["players"] = _PLAYERS[lang].format(lo=low, hi=high)
        values["players_range"] = f"{low}{'〜' if lang == 'ja' else _DASH}{high}"
    return values


@cache
def _en_title(text: str) -> str:
    """Title case, hyphenated parts included; small words stay lowercase (``Bean-to-Cup``)."""
    words = []
    for word_index, word in enumerate(text.split(" ")):
        parts = [
            part if (word_index or part_index) and part in _EN_SMALL_WORDS
            else part[:1].upper() + part[1:]
            for part_index, part in enumerate(word.split("-"))
        ]
        words.append("-".join(parts))
    return " ".join(words)


def _render(facts: _Facts, lang: str) -> tuple[str, str]:
    """Title and description of ``facts`` in ``lang``."""
    leaf = facts.leaf
    noun, gender = _split_noun(facts.kind.noun[lang])
    colour = _COLOURS[facts.colour][lang] if facts.colour else ""
    context = _text_values(facts.attrs, lang)
    context.update(_grammar(lang, noun, gender, facts.brand))
    context.update(
        brand=facts.brand,
        model=facts.model,
        noun=noun,
        colour=colour,
        material=_MATERIALS[facts.material][lang] if facts.material else "",
        use=leaf.uses[facts.use][lang] if leaf.uses else "",
    )
    intros = (leaf.intros or _INTROS)[lang]
    sentences = [intros[facts.intro].format_map(context)]
    sentences.extend(feature.text[lang].format_map(context) for feature in facts.features)
    spec = facts.kind.spec or leaf.spec
    if spec is not None:
        sentences.append(spec[lang].format_map(context))
    description = ("" if lang == "ja" else " ").join(sentences)

    details = [leaf.tag[lang].format_map(context)] if leaf.tag else []
    if lang == "en":
        title = f"{facts.brand} {facts.model} {_en_title(noun)}"
        if colour:
            details.append(_en_title(colour))
    elif lang == "ja":
        title = f"{facts.brand} {facts.model} {noun}"
        if colour:
            details.append(colour)
        return (title + ("（" + "・".join(details) + "）" if details else ""), description)
    elif lang == "de":
        title = f"{facts.brand} {facts.model} {noun[:1].upper()}{noun[1:]}"
        if colour:
            details.append(colour)
    else:
        title = f"{noun[:1].upper()}{noun[1:]} {facts.brand} {facts.model}"
        if colour:
            details.append(colour)
    if details:
        title += f" {_DASH} " + ", ".join(details)
    return title, description


def _price(rng: random.Random, low: float, high: float) -> str:
    whole = int(rng.uniform(low, high))
    cents = rng.choice((90, 95, 99)) if whole < 100 else rng.choice((0, 90, 99))
    return f"{whole}.{cents:02d}"


def _draw_attrs(rng: random.Random, leaf: _Leaf, kind: _Kind) -> dict[str, AttrValue]:
    choices = {**leaf.attrs, **kind.attrs}
    attrs = {key: rng.choice(values) for key, values in choices.items()}
    if attrs.get("wireless") == "no":
        attrs.pop("battery_h", None)
    if attrs.get("waterproof") == "no":
        attrs.pop("water_resistance_atm", None)
    return attrs


@cache
def _kind_features(leaf_slug: str, kind_key: str) -> tuple[_Feature, ...]:
    return tuple(
        feature
        for feature in _LEAF_BY_SLUG[leaf_slug].features
        if not feature.kinds or kind_key in feature.kinds
    )


def _draw_features(
    rng: random.Random, leaf: _Leaf, kind: _Kind, attrs: Mapping[str, AttrValue]
) -> tuple[_Feature, ...]:
    eligible = [
        feature
        for feature in _kind_features(leaf.slug, kind.key)
        if feature.applies(kind.key, attrs)
    ]
    always = [feature for feature in eligible if feature.always]
    optional = [feature for feature in eligible if not feature.always]
    wanted = 2 if leaf.spec is None and kind.spec is None else rng.choice((1, 2, 2))
    extra = min(len(optional), max(0, wanted - len(always)))
    return tuple(always + rng.sample(optional, extra))


def _draw_facts(rng: random.Random, leaf: _Leaf, groups: dict[str, int]) -> _Facts:
    """A new product model of ``leaf`` (a new variant family)."""
    kind = rng.choice(leaf.kinds)
    brand = rng.choice(leaf.brands)
    model = rng.choice(leaf.models) + rng.choice(leaf.suffixes)
    colours = kind.colours or leaf.colours
    materials = kind.materials or leaf.materials
    colour = rng.choice(colours) if colours else None
    material = rng.choice(materials) if materials else None
    attrs: dict[str, AttrValue] = {}
    if colour:
        attrs["color"] = colour
    if material:
        attrs["material"] = material
    attrs.update(_draw_attrs(rng, leaf, kind))
    intros = (leaf.intros or _INTROS)["en"]
    family = f"{leaf.prefix}-{model.upper().replace(' ', '-')}"
    groups[family] = groups.get(family, 0) + 1
    return _Facts(
        leaf=leaf,
        kind=kind,
        brand=brand,
        model=model,
        colour=colour,
        material=material,
        use=rng.randrange(len(leaf.uses)) if leaf.uses else 0,
        intro=rng.randrange(len(intros)),
        features=_draw_features(rng, leaf, kind, attrs),
        attrs=attrs,
        price=_price(rng, *kind.price),
        group=f"{family}-{groups[family]:02d}",
    )


def _can_vary(facts: _Facts) -> bool:
    """Whether ``facts`` has another colour, so that a variant would be a different product."""
    return len(facts.kind.colours or facts.leaf.colours) > 1


def _draw_variant(rng: random.Random, base: _Facts) -> _Facts:
    """A colour (and size) variant of ``base``: same model, group, price and features."""
    colours = [c for c in (base.kind.colours or base.leaf.colours) if c != base.colour]
    attrs = dict(base.attrs)
    colour = rng.choice(colours) if colours else base.colour
    if colour:
        attrs["color"] = colour
    sizes = base.leaf.attrs.get("size")
    if sizes and "size" in attrs:
        attrs["size"] = rng.choice(sizes)
    return replace(base, colour=colour, attrs=attrs)


def _product(
    facts: _Facts, sku: str, language: str, translated: tuple[str, ...], stock: int
) -> Product:
    title, description = _render(facts, language)
    translations = {}
    for lang in translated:
        other_title, other_description = _render(facts, lang)
        translations[lang] = {"title": other_title, "description": other_description}
    return {
        "sku": sku,
        "language": language,
        "title": title,
        "description": description,
        "translations": translations,
        "category": facts.leaf.slug,
        "brand": facts.brand,
        "price": facts.price,
        "currency": "EUR",
        "stock": stock,
        "attributes": dict(facts.attrs),
        "group": facts.group,
    }


def _stock(rng: random.Random) -> int:
    return 0 if rng.random() < 0.15 else rng.randint(1, 80)


def _next_sku(leaf: _Leaf, counters: dict[str, int]) -> str:
    counters[leaf.prefix] = counters.get(leaf.prefix, 0) + 1
    return f"{leaf.prefix}-{counters[leaf.prefix]:04d}"


def demo_catalog() -> list[Product]:
    """The fixed demo catalog (254 products); every call returns an equal, fresh list."""
    rng = random.Random(_DEMO_SEED)
    handpicked = {item["category"]: item for item in _HANDPICKED}
    slots = [
        leaf
        for leaf in _LEAVES
        for _ in range(_DEMO_COUNTS[leaf.slug] - (1 if leaf.slug in handpicked else 0))
    ]
    plans: list[tuple[str, tuple[str, ...]]] = [
        (lang, ()) for lang in LANGUAGES for _ in range(_DEMO_SINGLE[lang])
    ]
    plans += [("en", _PARTIAL_SETS[i % len(_PARTIAL_SETS)]) for i in range(_DEMO_PARTIAL)]
    plans += [("en", _FULL)] * (len(slots) - len(plans))
    rng.shuffle(plans)

    # Variants: multilingual products following another multilingual one of the same leaf
    # (only in leaves where every kind comes in several colours).
    seen: set[str] = set()
    candidates: list[int] = []
    for index, (leaf, (_, translated)) in enumerate(zip(slots, plans, strict=True)):
        if translated and all(len(kind.colours or leaf.colours) > 1 for kind in leaf.kinds):
            if leaf.slug in seen:
                candidates.append(index)
            seen.add(leaf.slug)
    variants = sorted(rng.sample(candidates, _DEMO_VARIANTS))

    products: list[Product] = []
    groups: dict[str, int] = {}
    counters: dict[str, int] = {}
    bases: dict[str, list[_Facts]] = {}
    for index, (leaf, (language, translated)) in enumerate(zip(slots, plans, strict=True)):
        if leaf.slug in handpicked and leaf.slug not in bases:
            # The hand-picked product opens its category's block.
            products.append(_copy_product(handpicked[leaf.slug]))
            bases[leaf.slug] = []
        if index in variants:
            facts = _draw_variant(rng, rng.choice(bases[leaf.slug]))
        else:
            facts = _draw_facts(rng, leaf, groups)
            if translated and _can_vary(facts):
                bases.setdefault(leaf.slug, []).append(facts)
        sku = _next_sku(leaf, counters)
        products.append(_product(facts, sku, language, translated, _stock(rng)))
    return products


def _copy_product(product: Product) -> Product:
    copied = dict(product)
    copied["attributes"] = dict(product["attributes"])
    copied["translations"] = {k: dict(v) for k, v in product["translations"].items()}
    return copied


def _draw_plan(rng: random.Random) -> tuple[str, tuple[str, ...]]:
    roll = rng.random()
    if roll < 0.60:
        return ("en", _FULL)
    if roll < 0.75:
        return ("en", rng.choice(_PARTIAL_SETS))
    return rng.choice(_SINGLE_LANGUAGE_PLANS)


def generate_products(n: int, seed: int = 0) -> list[Product]:
    """``n`` synthetic products from the demo vocabulary, deterministic for a given ``seed``.

    The language mix follows the demo catalog (about 60 % English with all translations,
    15 % English with some, 25 % in one language only) and about 10 % of the products are
    colour/size variants of an earlier model.  SKUs are unique within the returned list.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = random.Random(seed)
    groups: dict[str, int] = {}
    counters: dict[str, int] = {}
    recent: list[_Facts] = []
    products: list[Product] = []
    for _ in range(n):
        language, translated = _draw_plan(rng)
        if translated and recent and rng.random() < 0.13:
            facts = _draw_variant(rng, rng.choice(recent))
        else:
            facts = _draw_facts(rng, rng.choice(_LEAVES), groups)
            if translated and _can_vary(facts):
                recent.append(facts)
                if len(recent) > 200:
                    recent.pop(0)
        products.append(
            _product(facts, _next_sku(facts.leaf, counters), language, translated, _stock(rng))
        )
    return products
